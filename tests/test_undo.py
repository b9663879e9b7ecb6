"""``ledger undo``: only a commit this tool made (a Ledger-Action trailer in its final paragraph,
one parent, only ledger files), refused otherwise with the reason; successive undos walk back
through consecutive ledger changes (issue 11, finding 7). And ``ledger log`` over any history
(finding 12: a message holding \\x1f, a broken file in an old commit)."""

from __future__ import annotations

import json

VOUCHER = "凭证.txt"


def _commit(ledger, message: str, *paths: str) -> str:  # type: ignore[no-untyped-def]
    ledger.git("add", *paths)
    ledger.git("commit", "-q", "-m", message)
    return ledger.git("rev-parse", "--short=7", "HEAD").strip()


def _refused(ledger, message: str) -> None:  # type: ignore[no-untyped-def]
    before = ledger.snapshot(), ledger.git("rev-parse", "HEAD"), ledger.git("ls-files", "-s")
    result = ledger("undo")
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert (ledger.snapshot(), ledger.git("rev-parse", "HEAD"), ledger.git("ls-files", "-s")) == before


def test_a_squash_merge_of_ledger_commits_is_not_undone(shipped):
    """Finding 7: a ``git merge --squash`` of ledger commits, with README.md in it, was reverted."""
    shipped.git("checkout", "-qb", "feature")
    shipped("progress", "1-1", "对接", "--commit")
    (shipped.root / "README.md").write_text("readme\n", encoding="utf-8")
    _commit(shipped, "docs", "README.md")
    shipped.git("checkout", "-q", "main")
    shipped.git("merge", "-q", "--squash", "feature")
    shipped.git("commit", "-q", "--no-edit")
    sha = shipped.git("rev-parse", "--short=7", "HEAD").strip()
    _refused(shipped, f"Error: commit {sha} (Squashed commit of the following:) is not a ledger change: it has no "
                      "Ledger-Action trailer in its last paragraph; nothing undone\n")


def test_a_commit_with_the_trailer_that_changes_other_files_is_not_undone(shipped):
    shipped.write_items(shipped.items_text() + "# note\n")
    (shipped.root / "README.md").write_text("readme\n", encoding="utf-8")
    sha = _commit(shipped, "progress 1-1: x\n\nLedger-Item: 1-1\nLedger-Action: progress", "README.md", "data")
    _refused(shipped, f"Error: commit {sha} (progress 1-1: x) is not a ledger change: it changes files outside the "
                      "ledger: README.md; nothing undone\n")


def test_a_trailer_outside_the_last_paragraph_does_not_count(shipped):
    shipped.write_items(shipped.items_text() + "# note\n")
    sha = _commit(shipped, "fix\n\nLedger-Action: close\n\nSigned-off-by: 张三 <z@example.org>\nreviewed", "data")
    _refused(shipped, f"Error: commit {sha} (fix) is not a ledger change: it has no Ledger-Action trailer in its last "
                      "paragraph; nothing undone\n")


def test_a_merge_commit_is_not_undone(shipped):
    shipped.git("checkout", "-qb", "other")
    shipped("progress", "1-1", "对接", "--commit")
    shipped.git("checkout", "-q", "main")
    shipped("progress", "1-2", "走访", "--commit")
    shipped.git("merge", "-q", "--no-ff", "-m", "merge\n\nLedger-Action: merge", "other")
    sha = shipped.git("rev-parse", "--short=7", "HEAD").strip()
    _refused(shipped, f"Error: commit {sha} (merge) is not a ledger change: a ledger change has one parent, it has 2; "
                      "nothing undone\n")


def test_successive_undos_walk_back_through_ledger_changes(shipped):
    """Finding 7: a second undo refused, because the newest commit was the revert it had just made."""
    (shipped.root / VOUCHER).write_text("voucher\n", encoding="utf-8")
    original = shipped.snapshot()
    assert shipped("progress", "1-1", "对接", "--commit").exit_code == 0
    assert shipped("close", "2-8", "--evidence", VOUCHER, "--by", "张三", "--commit").exit_code == 0
    assert shipped("extend", "2-7", "--to", "2025-06-30", "--reason", "资金分批", "--commit").exit_code == 0
    assert [shipped("undo").stdout for _ in range(3)] == [
        "reverted: extend 2-7: to 2025-06-30: 资金分批\n", "reverted: close 2-8: closed by 张三 (late)\n",
        "reverted: progress 1-1: 对接\n"]
    assert shipped.snapshot() == original  # the evidence file is gone with its close, and its folder
    assert not (shipped.data / "evidence").exists()
    log = shipped.git("log", "--format=%s%n%b%x00").split("\0")
    assert log[0].strip().splitlines()[0] == 'Revert "progress 1-1: 对接"'
    assert log[0].strip().splitlines()[-2:] == ["Ledger-Action: undo",
                                                f"Ledger-Undo: {shipped.git('rev-parse', 'HEAD~5').strip()}"]
    assert shipped.git("status", "--porcelain") == "?? 凭证.txt\n".replace("凭证.txt", '"\\345\\207\\255\\350\\257\\201.txt"')
    initial = shipped.git("rev-list", "--max-parents=0", "HEAD").strip()[:7]
    _refused(shipped, f"Error: commit {initial} (initial ledger) is not a ledger change: it has no Ledger-Action "
                      "trailer in its last paragraph; nothing undone\n")
    assert shipped("check").exit_code == 0


def test_undo_keeps_uncommitted_changes_to_other_files(shipped):
    (shipped.root / "notes.txt").write_text("draft\n", encoding="utf-8")
    _commit(shipped, "notes", "notes.txt")
    shipped("progress", "1-1", "对接", "--commit")
    (shipped.root / "notes.txt").write_text("draft, edited\n", encoding="utf-8")
    assert shipped("undo").stdout == "reverted: progress 1-1: 对接\n"
    assert (shipped.root / "notes.txt").read_text(encoding="utf-8") == "draft, edited\n"
    assert shipped.git("status", "--porcelain") == " M notes.txt\n"


def test_undo_of_a_change_whose_file_has_uncommitted_edits_is_refused(shipped):
    shipped("progress", "1-1", "对接", "--commit")
    shipped("progress", "1-2", "走访")  # not committed, in the same file
    _refused(shipped, "Error: there are uncommitted changes; commit or stash them first\n")


# ----------------------------------------------------------------------------- log over any history

def test_log_survives_a_message_holding_a_unit_separator(shipped):
    """Finding 12: a note holding \\x1f made every later ``ledger log`` fail, for everyone who pulled."""
    shipped.write_items(shipped.items_text() + "# x\n")
    _commit(shipped, "progress 1-1: a\x1fb\x1b[2J", "data")
    shipped("progress", "1-2", "走访", "--commit")
    result = shipped("log")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines()[1].endswith("  测试  progress 1-1: a\\x1fb\\x1b[2J")
    entries = json.loads(shipped("log", "--format", "json").stdout)
    assert [e["message"] for e in entries] == ["progress 1-2: 走访", "progress 1-1: a\x1fb\x1b[2J", "initial ledger"]


def test_log_of_an_item_over_a_broken_file_in_history(shipped):
    """Finding 12: ``ledger log ID`` over a commit whose items file was broken gave a traceback."""
    good = shipped.items_text()
    for broken in ("items: 5\n", "- a\n- b\n", "items: [\n", "items:\n  - 1\n  - [2]\n"):
        shipped.write_items(broken)
        _commit(shipped, f"broken: {broken.splitlines()[0]}", "data")
    shipped.write_items(good)
    _commit(shipped, "fixed", "data")
    shipped("progress", "2-8", "第一批", "--commit")
    result = shipped("log", "2-8", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [(e["message"], e["changed"]) for e in json.loads(result.stdout)] == [
        ("progress 2-8: 第一批", ["status", "progress"]), ("fixed", ["added"]),
        ("broken: items: 5", ["removed"]), ("initial ledger", ["added"])]


def test_log_outside_a_repository_is_one_line(small):
    ledger = small("items: []\n")
    result = ledger("log", "--format", "json")
    assert (result.exit_code, result.stderr) == (1, "Error: data is not inside a git repository\n")
