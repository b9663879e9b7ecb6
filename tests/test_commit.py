"""``--commit``: a commit holds exactly the command's change, git is asked before anything is written,
and the commit is made under the ledger's lock with the files, or nothing is (issue 11, findings 1-3).

Every refusal asserts its message, the exit code, byte-identical files, git's index and HEAD.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from hostile import LEDGER, copy_shipped, ledger_env
from ledgers import _git_init

VOUCHER = "凭证.txt"


def _state(ledger) -> tuple[dict[str, bytes], str, str]:  # type: ignore[no-untyped-def]
    """Every file, git's index (its entries) and HEAD: what a refused command must leave alone."""
    return ledger.snapshot(), ledger.git("ls-files", "-s"), ledger.git("rev-parse", "HEAD")


def _show(ledger, rev: str = "HEAD") -> str:  # type: ignore[no-untyped-def]
    return ledger.git("-c", "core.quotepath=false", "show", "--format=%B", rev)


def _refused(ledger, args: list[str], message: str, before=None, **kw) -> None:  # type: ignore[no-untyped-def]
    before = before or _state(ledger)
    result = ledger(*args, **kw)
    assert (result.exit_code, result.stdout, result.stderr) == (1, "", message)
    assert _state(ledger) == before


CLOSE_2_8 = """\
close 2-8: closed by 张三 (late)

Ledger-Item: 2-8
Ledger-Action: close


diff --git a/data/evidence/2-8/凭证.txt b/data/evidence/2-8/凭证.txt
new file mode 100644
index 0000000..fd257bd
--- /dev/null
+++ b/data/evidence/2-8/凭证.txt
@@ -0,0 +1 @@
+voucher
diff --git a/data/items.yaml b/data/items.yaml
index 4a5674d..7a85c42 100644
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -252,7 +252,16 @@ items:
     lead: 区财政局
     responsible: [区财政局, 区建设环保局, 市园投集团]
     deadline: 2024-08-31
-    status: open
+    status: closed
+    closed:
+      date: 2024-09-10
+      by: 张三
+      evidence:
+        - file: evidence/2-8/凭证.txt
+          size: 8
+          sha256: 4ae98e522deffd3da532274bcf3861c112c52260a78b6229549c64804cc16048
+      late: true
+      recorded: 2024-09-10
 
   - id: "2-9"
     question: 2
"""

NOTE_1_1 = """\
diff --git a/data/items.yaml b/data/items.yaml
index 7a85c42..a0a7d31 100644
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -51,7 +51,11 @@ items:
     lead: 区社会事务保障局
     responsible: [区社会事务保障局, 区经济合作局]
     deadline: 2024-08-31
-    status: open
+    status: in_progress
+    progress:
+      - date: 2024-09-10
+        text: "A"
+        recorded: 2024-09-10
 
   - id: "1-2"
     question: 1
"""


def test_a_commit_holds_only_its_own_change_when_others_are_uncommitted(shipped):
    """Finding 1: the close's commit used to sweep in 1-1's uncommitted note, and undo then lost it."""
    (shipped.root / VOUCHER).write_text("voucher\n", encoding="utf-8")
    assert shipped("progress", "1-1", "A").exit_code == 0  # not committed
    result = shipped("close", "2-8", "--evidence", VOUCHER, "--by", "张三", "--commit")
    assert result.exit_code == 0, result.stderr
    sha = shipped.git("rev-parse", "--short", "HEAD").strip()
    assert result.stdout == f"closed 2-8 on 2024-09-10 by 张三 (late)\ncommitted {sha}\n"
    assert _show(shipped) == CLOSE_2_8
    # the note is still there, uncommitted and unstaged; the index holds the commit's version
    assert shipped.git("-c", "core.quotepath=false", "status", "--porcelain") == " M data/items.yaml\n?? 凭证.txt\n"
    assert shipped.git("diff") == NOTE_1_1
    assert shipped.git("diff", "--cached") == ""
    # undo would have to revert a file with uncommitted changes: refused, the note kept
    _refused(shipped, ["undo"], "Error: there are uncommitted changes; commit or stash them first\n")


def test_six_commits_at_once_each_hold_their_own_item(tmp_path: Path):
    """Finding 1: six ``progress --commit`` at once used to fail on git's index.lock after writing,
    and one commit held five items' notes."""
    copy_shipped(tmp_path)
    _git_init(tmp_path)
    ids = ["1-1", "1-2", "1-3", "1-4", "1-5", "1-6"]
    procs = [subprocess.Popen([str(LEDGER), "--data", "data", "progress", i, f"走访企业 {i}", "--commit"],
                              cwd=tmp_path, env=ledger_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for i in ids]
    results = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0] * 6, results
    git = lambda *a: subprocess.run(["git", *a], cwd=tmp_path, check=True, capture_output=True,  # noqa: E731
                                    text=True).stdout
    subjects = git("log", "--format=%s").splitlines()
    assert sorted(subjects[:6]) == sorted(f"progress {i}: 走访企业 {i}" for i in ids)
    assert subjects[6:] == ["initial ledger"]
    for n in range(6):
        diff = git("show", "--format=", f"HEAD~{n}")
        added = [line for line in diff.splitlines() if line.startswith("+") and not line.startswith("+++")]
        item = subjects[n].split()[1].rstrip(":")
        assert [line for line in added if "走访企业" in line] == [f'+        text: "走访企业 {item}"'], diff
        assert git("show", "--format=", "--name-only", f"HEAD~{n}") == "data/items.yaml\n"
    assert git("status", "--porcelain") == ""
    assert all(f"走访企业 {i}" in (tmp_path / "data" / "items.yaml").read_text(encoding="utf-8") for i in ids)


# ----------------------------------------------------------------------------- finding 2: git first

def _hook(ledger, name: str, body: str) -> None:  # type: ignore[no-untyped-def]
    hook = ledger.root / ".git" / "hooks" / name
    hook.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    hook.chmod(0o755)


def test_outside_a_repository_nothing_is_written(small):
    ledger = small((Path(__file__).parent / "fixtures" / "shipped" / "data" / "items.yaml").read_text(encoding="utf-8"))
    before = ledger.snapshot()
    result = ledger("progress", "1-1", "A", "--commit")
    assert (result.exit_code, result.stderr) == (1, "Error: data is not inside a git repository\n")
    assert ledger.snapshot() == before


def test_without_an_identity_nothing_is_written(shipped, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    shipped.git("config", "--unset", "user.name")
    shipped.git("config", "--unset", "user.email")
    (shipped.root / VOUCHER).write_text("voucher\n", encoding="utf-8")
    _refused(shipped, ["close", "2-8", "--evidence", VOUCHER, "--by", "张三", "--commit"],
             'Error: git does not know who you are: set it with git config user.name "Your Name" and git config '
             "user.email you@example.org; nothing was changed\n",
             env={"HOME": str(home), "GIT_CONFIG_NOSYSTEM": "1", "EMAIL": None, "GIT_AUTHOR_NAME": None,
                  "GIT_AUTHOR_EMAIL": None, "GIT_COMMITTER_NAME": None, "GIT_COMMITTER_EMAIL": None})


def test_a_failing_pre_commit_hook_changes_nothing_and_the_next_commit_is_clean(shipped):
    """Finding 2: the note used to be written and staged, and the next --commit swept it in."""
    (shipped.root / VOUCHER).write_text("voucher\n", encoding="utf-8")
    _hook(shipped, "pre-commit", "echo 'policy: no commits on Sunday' >&2\nexit 1\n")
    _refused(shipped, ["close", "2-8", "--evidence", VOUCHER, "--by", "张三", "--commit"],
             "pre-commit hook: policy: no commits on Sunday\n"
             "Error: the pre-commit hook refused the commit; nothing was changed\n")
    (shipped.root / ".git" / "hooks" / "pre-commit").unlink()
    assert shipped("progress", "1-1", "A", "--commit").exit_code == 0
    assert shipped.git("show", "--format=", "HEAD") == NOTE_1_1.replace("7a85c42..a0a7d31", "4a5674d..a17d74f")
    assert shipped.git("-c", "core.quotepath=false", "status", "--porcelain") == "?? 凭证.txt\n"


def test_a_failing_commit_msg_hook_changes_nothing(shipped):
    _hook(shipped, "commit-msg", "echo 'a ticket number is required' >&2\nexit 1\n")
    _refused(shipped, ["progress", "1-1", "A", "--commit"],
             "commit-msg hook: a ticket number is required\n"
             "Error: the commit-msg hook refused the commit; nothing was changed\n")


def test_the_hooks_judge_the_would_be_commit(shipped):
    """The pre-commit hook sees a temporary index holding HEAD plus this change, nothing else."""
    (shipped.root / VOUCHER).write_text("voucher\n", encoding="utf-8")
    (shipped.root / "notes.txt").write_text("staged, not ours\n", encoding="utf-8")
    shipped.git("add", "notes.txt")
    seen = shipped.root / "seen.txt"
    _hook(shipped, "pre-commit", f"git -c core.quotepath=false diff --cached --name-only > '{seen}'\n")
    assert shipped("close", "2-8", "--evidence", VOUCHER, "--by", "张三", "--commit").exit_code == 0
    assert seen.read_text(encoding="utf-8") == "data/evidence/2-8/凭证.txt\ndata/items.yaml\n"
    assert shipped.git("-c", "core.quotepath=false", "status", "--porcelain") == (
        "A  notes.txt\n?? seen.txt\n?? 凭证.txt\n")  # notes.txt: still staged, not committed


def test_the_ledgers_own_hook_passes_a_close_with_its_evidence(shipped):
    assert shipped("git", "setup").exit_code == 0
    (shipped.root / VOUCHER).write_text("voucher\n", encoding="utf-8")
    result = shipped("close", "2-8", "--evidence", VOUCHER, "--by", "张三", "--commit")
    assert result.exit_code == 0, result.stderr
    assert _show(shipped) == CLOSE_2_8


def test_mid_merge_nothing_is_written(shipped):
    (shipped.root / "notes.txt").write_text("one\n", encoding="utf-8")
    shipped.git("add", "notes.txt")
    shipped.git("commit", "-qm", "notes")
    shipped.git("checkout", "-qb", "other")
    (shipped.root / "notes.txt").write_text("two\n", encoding="utf-8")
    shipped.git("commit", "-qam", "two")
    shipped.git("checkout", "-q", "main")
    (shipped.root / "notes.txt").write_text("three\n", encoding="utf-8")
    shipped.git("commit", "-qam", "three")
    assert subprocess.run(["git", "merge", "-q", "other"], cwd=shipped.root, capture_output=True).returncode == 1
    _refused(shipped, ["progress", "1-1", "A", "--commit"],
             "Error: a merge is in progress in this repository: finish it or abort it first, then run the command "
             "again; nothing was changed\n")


def test_a_detached_head_nothing_is_written(shipped):
    shipped.git("checkout", "-q", "--detach")
    _refused(shipped, ["progress", "1-1", "A", "--commit"],
             "Error: HEAD is not on a branch (detached): switch to a branch first (git switch BRANCH); "
             "nothing was changed\n")


def test_a_branch_with_no_commit_nothing_is_written(tmp_path):
    from ledgers import Ledger

    copy_shipped(tmp_path)
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=tmp_path, check=True)
    ledger = Ledger(tmp_path)
    before = ledger.snapshot()
    result = ledger("progress", "1-1", "A", "--commit")
    assert (result.exit_code, result.stderr) == (
        1, "Error: the branch main has no commit yet: commit the ledger files first (git add data && git commit); "
           "nothing was changed\n")
    assert ledger.snapshot() == before


def test_staged_changes_to_the_file_are_not_swept_in(shipped):
    shipped.write_items(shipped.items_text().replace("对于单位拖欠款项需要改进。", "对于单位拖欠款项需要改进！"))
    shipped.git("add", "data/items.yaml")
    _refused(shipped, ["progress", "1-1", "A", "--commit"],
             "Error: data/items.yaml has staged changes: commit them, or unstage them (git restore --staged "
             "data/items.yaml), then run the command again; nothing was changed\n")


def test_a_change_that_needs_uncommitted_changes_is_not_committed_alone(shipped):
    """A unit added to departments.yaml and not committed: an item led by it cannot be committed alone."""
    units = shipped.data / "departments.yaml"
    units.write_text(units.read_text(encoding="utf-8") + "  - name: 区数据局\n    kind: district\n", encoding="utf-8")
    _refused(shipped, ["add", "--id", "H-1", "--source", "企业家恳谈会", "--text", "数据共享不畅。", "--lead", "区数据局",
                       "--responsible", "区数据局", "--deadline", "2024-12-31", "--commit"],
             "data/items.yaml:317:5: item H-1: lead: unknown unit '区数据局'; did you mean 区财政局?\n"
             "data/items.yaml:318:19: item H-1: responsible[0]: unknown unit '区数据局'; did you mean 区财政局?\n"
             "Error: this change does not pass ledger check on the ledger as last committed: commit the other "
             "changes first, or run without --commit; nothing was changed\n")


def test_an_item_with_uncommitted_changes_is_not_committed_half(shipped):
    assert shipped("progress", "2-8", "第一批", "--date", "2024-09-01").exit_code == 0
    _refused(shipped, ["progress", "2-8", "第二批", "--commit"],
             "Error: item 2-8 has changes that are not committed yet: commit them first, or run without --commit; "
             "nothing was changed\n")


# ----------------------------------------------------------------------------- finding 3: under the lock

def _paused(root: Path, args: list[str], point: str = "before-rename", seconds: float = 2.0) -> subprocess.Popen:
    proc = subprocess.Popen([str(LEDGER), "--data", "data", *args], cwd=root,
                            env=ledger_env(LEDGER_TEST_PAUSE=f"{point}:{seconds}"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    assert proc.stderr.readline().strip() == f"ledger-test-pause {point}"
    return proc


def test_a_merge_landing_mid_write_is_not_overwritten(shipped):
    """Finding 3: a pull landing between the load and the rename was overwritten, and the commit
    reverted the other department's close-out, exiting 0."""
    shipped.git("checkout", "-qb", "other")
    assert shipped("close", "2-9", "--evidence", "对账单", "--by", "李四", "--commit").exit_code == 0
    shipped.git("checkout", "-q", "main")
    (shipped.root / VOUCHER).write_text("voucher\n", encoding="utf-8")
    proc = _paused(shipped.root, ["close", "2-8", "--evidence", VOUCHER, "--by", "张三", "--commit"])
    shipped.git("merge", "-q", "--ff-only", "other")  # git pull, as it lands
    merged = (shipped.data / "items.yaml").read_bytes()
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (
        1, "", "Error: data/items.yaml changed while this command ran (another program wrote it); nothing was "
               "changed: run the command again\n")
    assert (shipped.data / "items.yaml").read_bytes() == merged
    assert shipped.git("log", "-1", "--format=%s") == "close 2-9: closed by 李四\n"
    assert not (shipped.data / "evidence" / "2-8").exists()
    assert shipped.git("-c", "core.quotepath=false", "status", "--porcelain") == "?? 凭证.txt\n"


def test_a_commit_made_mid_write_is_not_overwritten(shipped):
    """The branch moved (a commit of another file) while the change was being made: the branch
    is compare-and-swapped, so nothing lands."""
    data = shipped.snapshot()
    proc = _paused(shipped.root, ["progress", "1-1", "A", "--commit"])
    (shipped.root / "notes.txt").write_text("x\n", encoding="utf-8")
    shipped.git("add", "notes.txt")
    shipped.git("commit", "-qm", "notes")
    before = ({**data, "notes.txt": b"x\n"}, shipped.git("ls-files", "-s"), shipped.git("rev-parse", "HEAD"))
    out, err = proc.communicate(timeout=60)
    assert (proc.returncode, out, err) == (
        1, "", "Error: the branch main moved while this command ran (another commit was made); nothing was changed: "
               "run the command again\n")
    assert _state(shipped) == before


def test_a_hand_edit_mid_write_is_not_overwritten(shipped):
    proc = _paused(shipped.root, ["progress", "1-1", "A"])
    edited = shipped.items_text().replace("对于单位拖欠款项需要改进。", "对于单位拖欠款项需要改进！")
    shipped.write_items(edited)
    _, err = proc.communicate(timeout=60)
    assert (proc.returncode, err) == (1, "Error: data/items.yaml changed while this command ran (another program "
                                         "wrote it); nothing was changed: run the command again\n")
    assert shipped.items_text() == edited


def test_a_crash_after_the_branch_moved_is_finished_by_the_next_command(shipped):
    """Killed once the commit point is passed (journal written, branch moved or not yet): the
    next command finishes the change: files, branch and index agree."""
    for point in ("after-journal", "after-rename"):
        proc = _paused(shipped.root, ["progress", "1-1", f"A {point}", "--commit"], point=point, seconds=30)
        proc.kill()
        proc.communicate()
        result = shipped("progress", "1-2", f"B {point}", "--commit")
        assert result.exit_code == 0, result.stderr
        assert result.stderr == (f"took over a stale lock left by process {proc.pid}, which is no longer running\n"
                                 f"finished a change that process {proc.pid} left half done\n")
        assert shipped.git("log", "-2", "--format=%s") == f"progress 1-2: B {point}\nprogress 1-1: A {point}\n"
        assert shipped.git("status", "--porcelain") == ""
        assert sorted(p.name for p in shipped.data.iterdir()) == ["departments.yaml", "items.yaml"]


@pytest.mark.parametrize("setting", ["commit: true\n", "commit: false\n"])
def test_the_setting_and_the_flag(shipped, setting):
    (shipped.data / "settings.yaml").write_text(setting, encoding="utf-8")
    shipped.git("add", "data/settings.yaml")
    shipped.git("commit", "-qm", "settings")
    head = shipped.git("rev-parse", "HEAD")
    result = shipped("progress", "1-1", "A")
    assert ("committed" in result.stdout) == (setting == "commit: true\n")
    assert (shipped.git("rev-parse", "HEAD") != head) == (setting == "commit: true\n")
    assert "committed" not in shipped("progress", "1-2", "B", "--no-commit").stdout


def test_time_between_start_and_commit(shipped):
    """The commit is made while the lock is held: a second writer waits and then commits on top."""
    first = _paused(shipped.root, ["progress", "1-1", "A", "--commit"], point="after-lock", seconds=1)
    start = time.monotonic()
    second = subprocess.run([str(LEDGER), "--data", "data", "progress", "1-2", "B", "--commit"], cwd=shipped.root,
                            env=ledger_env(), capture_output=True, text=True)
    first.communicate(timeout=60)
    assert first.returncode == 0 and second.returncode == 0, second.stderr
    assert time.monotonic() - start > 0.5
    assert shipped.git("log", "-2", "--format=%s") == "progress 1-2: B\nprogress 1-1: A\n"
    assert shipped.git("status", "--porcelain") == ""
    assert os.path.exists(shipped.data / "items.yaml")
