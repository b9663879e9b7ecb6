"""Evidence as the user means it (issue 11, finding 14): --evidence-text is always text and
--evidence-file always a file; identical files are stored once; names are NFC; ``check`` names
orphaned evidence; the data folder is never looked for above the repository."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import unicodedata
from pathlib import Path

LEDGER = str(Path(sys.executable).parent / "ledger")


def diff(ledger) -> str:  # type: ignore[no-untyped-def]
    text = ledger.git("diff", "--no-color", "-U1")
    return "\n".join(line for line in text.splitlines() if not line.startswith("index ")) + "\n"


def closed_diff(evidence_lines: str, date: str = "2024-08-30") -> str:
    return f"""\
diff --git a/data/items.yaml b/data/items.yaml
--- a/data/items.yaml
+++ b/data/items.yaml
@@ -254,3 +254,{8 + evidence_lines.count(chr(10))} @@ items:
     deadline: 2024-08-31
-    status: open
+    status: closed
+    closed:
+      date: {date}
+      by: 张三
+      evidence:
{evidence_lines}+      recorded: 2024-09-10
 
"""


# ----------------------------------------------------------------------------- text or file, as said

def test_evidence_text_keeps_a_decimal_and_a_url_as_text(shipped) -> None:
    before = shipped.snapshot()
    refused = shipped("close", "2-8", "--evidence", "拨付率达到99.5", "--by", "张三", "--date", "2024-08-30")
    assert (refused.exit_code, refused.stdout) == (1, "")
    assert refused.stderr == "Error: evidence 拨付率达到99.5: no such file; to record it as text, use --evidence-text\n"
    assert shipped.snapshot() == before
    result = shipped("close", "2-8", "--evidence-text", "拨付率达到99.5", "--evidence-text",
                     "https://czj.example/公示/2024-08.html", "--by", "张三", "--date", "2024-08-30")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "closed 2-8 on 2024-08-30 by 张三\n"
    assert diff(shipped) == closed_diff('+        - text: "拨付率达到99.5"\n'
                                        '+        - text: "https://czj.example/公示/2024-08.html"\n')
    assert not (shipped.data / "evidence").exists()
    assert shipped("check").exit_code == 0


def test_evidence_file_is_never_taken_as_text(shipped) -> None:
    before = shipped.snapshot()
    for name in ("拨付凭证", "拨付凭证.pdf", "/nonexistent/凭证.pdf"):
        result = shipped("close", "2-8", "--evidence-file", name, "--by", "张三")
        assert (result.exit_code, result.stdout, result.stderr) == (1, "", f"Error: evidence {name}: no such file\n")
        assert shipped.snapshot() == before


def test_the_three_options_together_in_their_order(shipped, tmp_path: Path) -> None:
    (tmp_path / "回单").write_bytes(b"bank slip")
    (tmp_path / "a.pdf").write_bytes(b"%PDF a")
    result = shipped("close", "2-8", "--evidence-text", "见公示", "--evidence-file", str(tmp_path / "回单"),
                     "--evidence", str(tmp_path / "a.pdf"), "--evidence", "财政局说明", "--by", "张三",
                     "--date", "2024-08-30")
    assert result.exit_code == 0, result.stderr
    sha_a, sha_slip = hashlib.sha256(b"%PDF a").hexdigest(), hashlib.sha256(b"bank slip").hexdigest()
    assert diff(shipped) == closed_diff(
        f"+        - file: evidence/2-8/a.pdf\n+          size: 6\n+          sha256: {sha_a}\n"
        '+        - text: "财政局说明"\n'
        f"+        - file: evidence/2-8/回单\n+          size: 9\n+          sha256: {sha_slip}\n"
        '+        - text: "见公示"\n')


# ----------------------------------------------------------------------------- stored once, one spelling

def test_the_same_file_closed_twice_is_stored_once(shipped, tmp_path: Path) -> None:
    pdf = tmp_path / "拨付凭证.pdf"
    pdf.write_bytes(b"%PDF-1.4 proof")
    copy = tmp_path / "copy" / "凭证副本.pdf"
    copy.parent.mkdir()
    copy.write_bytes(b"%PDF-1.4 proof")
    assert shipped("close", "2-8", "--evidence", str(pdf), "--by", "张三", "--date", "2024-08-30").exit_code == 0
    assert shipped("reopen", "2-8", "--reason", "回头看：未拨付", "--date", "2024-09-01").exit_code == 0
    again = shipped("close", "2-8", "--evidence-file", str(copy), "--evidence-file", str(pdf), "--by", "张三",
                    "--date", "2024-09-05")
    assert again.exit_code == 0, again.stderr
    assert sorted(p.name for p in (shipped.data / "evidence" / "2-8").iterdir()) == ["拨付凭证.pdf"]
    sha = hashlib.sha256(b"%PDF-1.4 proof").hexdigest()
    record = f"        - file: evidence/2-8/拨付凭证.pdf\n          size: 14\n          sha256: {sha}\n"
    text = shipped.items_text()
    assert text.count(record) == 1 and text.count("- file: evidence/2-8/拨付凭证.pdf\n") == 2  # now and in history
    assert shipped("check").exit_code == 0


def test_two_identical_files_in_one_close_are_one_file_and_one_record(shipped, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "回单.pdf").write_bytes(b"slip")
    (tmp_path / "回单副本.pdf").write_bytes(b"slip")
    result = shipped("close", "2-8", "--evidence-file", str(tmp_path / "a" / "回单.pdf"), "--evidence-file",
                     str(tmp_path / "回单副本.pdf"), "--by", "张三", "--date", "2024-08-30")
    assert result.exit_code == 0, result.stderr
    assert os.listdir(shipped.data / "evidence" / "2-8") == ["回单.pdf"]
    sha = hashlib.sha256(b"slip").hexdigest()
    assert diff(shipped) == closed_diff(f"+        - file: evidence/2-8/回单.pdf\n+          size: 4\n+          sha256: {sha}\n")


def test_an_identical_file_no_close_out_records_is_not_taken_over(shipped, tmp_path: Path) -> None:
    """A file nobody records (left by a killed close, dropped in by hand) may not be committed:
    the close copies its own, and check names the other as an orphan."""
    folder = shipped.data / "evidence" / "2-8"
    folder.mkdir(parents=True)
    (folder / "回单.pdf").write_bytes(b"slip")
    (tmp_path / "回单.pdf").write_bytes(b"slip")
    result = shipped("close", "2-8", "--evidence-file", str(tmp_path / "回单.pdf"), "--by", "张三", "--date", "2024-08-30")
    assert result.exit_code == 0, result.stderr
    assert sorted(os.listdir(folder)) == ["回单-2.pdf", "回单.pdf"]
    assert shipped("check").stderr == "data/evidence/2-8/回单.pdf: an evidence file that no close-out refers to (orphaned)\n"


def test_an_nfd_name_is_stored_in_nfc_and_never_beside_its_nfc_twin(shipped, tmp_path: Path) -> None:
    nfc = unicodedata.normalize("NFC", "café-说明.txt")
    nfd = unicodedata.normalize("NFD", nfc)
    assert nfc != nfd
    folder = shipped.data / "evidence" / "2-8"
    folder.mkdir(parents=True)
    (folder / nfd).write_bytes(b"an older file, written by hand under its NFD name")
    (tmp_path / nfd).write_bytes(b"the new evidence")
    result = shipped("close", "2-8", "--evidence-file", str(tmp_path / nfd), "--by", "张三", "--date", "2024-08-30")
    assert result.exit_code == 0, result.stderr
    stored = unicodedata.normalize("NFC", "café-说明-2.txt")
    assert sorted(os.listdir(folder)) == sorted([nfd, stored])
    assert f"- file: evidence/2-8/{stored}\n" in shipped.items_text()
    assert (folder / stored).read_bytes() == b"the new evidence"


# ----------------------------------------------------------------------------- orphans

def test_check_names_orphaned_evidence_files_and_folders(shipped, tmp_path: Path) -> None:
    pdf = tmp_path / "拨付凭证.pdf"
    pdf.write_bytes(b"%PDF-1.4 proof")
    assert shipped("close", "2-8", "--evidence", str(pdf), "--by", "张三", "--date", "2024-08-30").exit_code == 0
    evidence = shipped.data / "evidence"
    (evidence / "2-8" / "草稿.docx").write_bytes(b"draft")
    (evidence / "9-9" / "sub").mkdir(parents=True)
    (evidence / "9-9" / "sub" / "x.pdf").write_bytes(b"x")
    (evidence / "1-1").mkdir()
    result = shipped("check")
    assert (result.exit_code, result.stdout) == (0, "ok: 33 items, 24 units, no problems\n")
    assert result.stderr == (
        "data/evidence/1-1: an evidence folder that no close-out refers to (orphaned)\n"
        "data/evidence/2-8/草稿.docx: an evidence file that no close-out refers to (orphaned)\n"
        "data/evidence/9-9: an evidence folder that no close-out refers to (orphaned)\n")
    assert shipped("check", "--no-evidence").stderr == ""
    zh = shipped("check", lang="zh")
    assert zh.stderr.splitlines()[1] == "data/evidence/2-8/草稿.docx：没有任何销号记录引用的佐证文件（孤立文件）"


def test_evidence_kept_in_history_is_not_an_orphan(shipped, tmp_path: Path) -> None:
    pdf = tmp_path / "拨付凭证.pdf"
    pdf.write_bytes(b"%PDF-1.4 proof")
    shipped("close", "2-8", "--evidence", str(pdf), "--by", "张三", "--date", "2024-08-30")
    shipped("reopen", "2-8", "--reason", "回头看", "--date", "2024-09-01")
    result = shipped("check")
    assert (result.exit_code, result.stderr) == (0, "")


# ----------------------------------------------------------------------------- the data folder

def test_the_data_folder_is_never_looked_for_above_the_repository(tmp_path: Path, shipped) -> None:
    """A ``data/items.yaml`` planted above a repository that has none never receives evidence."""
    planted = tmp_path.parent / f"{tmp_path.name}-outer"
    (planted / "data").mkdir(parents=True)
    (planted / "data" / "items.yaml").write_bytes((shipped.data / "items.yaml").read_bytes())
    (planted / "data" / "departments.yaml").write_bytes((shipped.data / "departments.yaml").read_bytes())
    repo = planted / "repo"
    (repo / "notes").mkdir(parents=True)
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    proof = tmp_path / "凭证.pdf"
    proof.write_bytes(b"%PDF")
    before = {p: p.read_bytes() for p in planted.rglob("*") if p.is_file() and ".git" not in p.parts}
    env = {k: v for k, v in os.environ.items() if k != "LEDGER_DATA"} | {"LEDGER_TODAY": "2024-09-10"}
    done = subprocess.run([LEDGER, "close", "2-8", "--evidence-file", str(proof), "--by", "张三"],
                          cwd=repo / "notes", env=env, capture_output=True, text=True, check=False)
    assert (done.returncode, done.stdout) == (1, "")
    assert done.stderr == (f"Error: no data folder found: looked for data/items.yaml or data/items/ from {repo / 'notes'} "
                           f"up to the repository's top {repo}; use --data DIR or LEDGER_DATA\n")
    after = {p: p.read_bytes() for p in planted.rglob("*") if p.is_file() and ".git" not in p.parts}
    assert after == before and not (planted / "data" / "evidence").exists()
    inside = subprocess.run([LEDGER, "check"], cwd=shipped.root / "data", env=env, capture_output=True, text=True,
                            check=False)
    assert inside.stdout == "ok: 33 items, 24 units, no problems\n"  # the repository's own data/ is still found
