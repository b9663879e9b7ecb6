"""Evidence files: whatever path is given, nothing is written outside ``data/evidence/<id>/``,
only regular files under the size limit are copied, under a safe name, never blocking on a
FIFO; and ``ledger check`` reports evidence that went missing or changed."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from hostile import line_of, snapshot
from ledger.store.evidence import safe_name, store

CLOSE = ["close", "2-8", "--by", "张三"]


def _close_with(shipped, *evidence: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    args = list(CLOSE)
    for value in evidence:
        args += ["--evidence", value]
    return shipped(*args, env=env)


def _stored(shipped) -> list[str]:  # type: ignore[no-untyped-def]
    root = shipped.data / "evidence"
    return sorted(str(p.relative_to(shipped.data)) for p in root.rglob("*") if p.is_file()) if root.exists() else []


def _item_line(shipped, item_id: str = "2-8") -> int:  # type: ignore[no-untyped-def]
    return line_of(shipped.items_text(), f'  - id: "{item_id}"\n')


def _refused(shipped, result, message: str, before) -> None:  # type: ignore[no-untyped-def]
    assert result.exit_code == 1, result.stdout
    assert result.stderr.splitlines() == [message]
    assert snapshot(shipped.root) == before


# ----------------------------------------------------------------------------- sources

@pytest.mark.parametrize("source", ["/dev/null", "/dev/zero", "/dev/urandom", "/dev/stdin", "/proc/self/fd/0"])
def test_device_files_are_refused(shipped, source: str) -> None:  # type: ignore[no-untyped-def]
    if not os.path.exists(source):
        pytest.skip(f"{source} does not exist here")
    before = snapshot(shipped.root)
    result = _close_with(shipped, source)
    assert result.exit_code == 1
    assert result.stderr in (f"Error: evidence {source}: not a regular file\n",
                             f"Error: evidence {source}: is a folder, not a file\n")
    assert snapshot(shipped.root) == before


def test_a_folder_is_refused(shipped) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(shipped.root)
    _refused(shipped, _close_with(shipped, "/etc"), "Error: evidence /etc: is a folder, not a file", before)


def test_a_fifo_is_refused_without_blocking(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    fifo = tmp_path / "pipe.pdf"
    os.mkfifo(fifo)
    before = snapshot(shipped.root)
    _refused(shipped, _close_with(shipped, str(fifo)), f"Error: evidence {fifo}: not a regular file", before)


def test_store_never_blocks_on_a_fifo_even_past_the_check(tmp_path: Path) -> None:
    """A FIFO swapped in after ``check_source`` looked: the copy itself opens without blocking
    and refuses it. Run in a child with a timeout, since a blocked open would hang."""
    fifo = tmp_path / "swapped.pdf"
    os.mkfifo(fifo)
    (tmp_path / "data").mkdir()
    code = ("import sys, ledger.store.evidence as e, ledger.i18n\n"
            "ledger.i18n.set_language('en')\n"
            "e.check_source = lambda path: None\n"
            "try:\n    e.store(__import__('pathlib').Path(sys.argv[1]), '2-8', __import__('pathlib').Path(sys.argv[2]))\n"
            "except e.LedgerError as exc:\n    print(exc)\n")
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "data"), str(fifo)], capture_output=True, text=True,
                          timeout=30, env={**os.environ, "LEDGER_LANG": "en"})
    assert done.stdout == f"evidence {fifo}: not a regular file\n", done.stderr
    assert list((tmp_path / "data").iterdir()) == []  # not even an empty evidence folder


def test_a_path_with_dot_dot_is_copied_under_its_plain_name(shipped) -> None:  # type: ignore[no-untyped-def]
    (shipped.root / "docs").mkdir()
    (shipped.root / "docs" / "验收报告.pdf").write_bytes(b"%PDF report")
    result = _close_with(shipped, "data/../docs/验收报告.pdf", "../" * 12 + "etc/hostname")
    assert result.exit_code == 0, result.stderr
    assert _stored(shipped) == ["evidence/2-8/hostname", "evidence/2-8/验收报告.pdf"]
    assert "file: evidence/2-8/验收报告.pdf" in shipped.items_text()
    assert shipped("check").exit_code == 0


def test_an_absolute_path_into_etc_is_copied_not_linked(shipped) -> None:  # type: ignore[no-untyped-def]
    result = _close_with(shipped, "/etc/hostname")
    assert result.exit_code == 0, result.stderr
    stored = shipped.data / "evidence" / "2-8" / "hostname"
    assert not stored.is_symlink() and stored.read_bytes() == Path("/etc/hostname").read_bytes()


def test_a_symlinked_source_is_copied_under_the_links_name(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    real = tmp_path / "real.txt"
    real.write_text("凭证\n", encoding="utf-8")
    link = tmp_path / "链接.txt"
    link.symlink_to(real)
    assert _close_with(shipped, str(link)).exit_code == 0
    stored = shipped.data / "evidence" / "2-8" / "链接.txt"
    assert not stored.is_symlink() and stored.read_text(encoding="utf-8") == "凭证\n"


def test_a_symlink_to_a_device_or_nothing_is_refused(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    to_zero = tmp_path / "zero.pdf"
    to_zero.symlink_to("/dev/zero")
    dangling = tmp_path / "gone.pdf"
    dangling.symlink_to(tmp_path / "nothing")
    before = snapshot(shipped.root)
    _refused(shipped, _close_with(shipped, str(to_zero)), f"Error: evidence {to_zero}: not a regular file", before)
    _refused(shipped, _close_with(shipped, str(dangling)), f"Error: evidence {dangling}: no such file", before)


def test_over_the_size_limit(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big = tmp_path / "big.pdf"
    big.write_bytes(b"x" * 2048)
    limit = int(0.001 * 1024 * 1024)
    before = snapshot(shipped.root)
    result = _close_with(shipped, str(big), env={"LEDGER_EVIDENCE_MAX_MB": "0.001"})
    _refused(shipped, result, f"Error: evidence {big}: 2048 bytes is over the limit of {limit} bytes "
                              "(LEDGER_EVIDENCE_MAX_MB)", before)
    exact = tmp_path / "exact.pdf"
    exact.write_bytes(b"x" * limit)
    assert _close_with(shipped, str(exact), env={"LEDGER_EVIDENCE_MAX_MB": "0.001"}).exit_code == 0


def test_the_default_limit_is_50_mb(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    sparse = tmp_path / "scan.pdf"
    with open(sparse, "wb") as fh:
        fh.truncate(50 * 1024 * 1024 + 1)
    before = snapshot(shipped.root)
    _refused(shipped, _close_with(shipped, str(sparse)),
             f"Error: evidence {sparse}: 52428801 bytes is over the limit of 52428800 bytes (LEDGER_EVIDENCE_MAX_MB)", before)


def test_a_file_that_grows_past_the_limit_while_copied(shipped) -> None:  # type: ignore[no-untyped-def]
    """/proc files say size 0 and then produce bytes: the copy counts what it reads."""
    source = "/proc/self/maps"
    before = snapshot(shipped.root)
    result = _close_with(shipped, source, env={"LEDGER_EVIDENCE_MAX_MB": "0.0001"})
    _refused(shipped, result, f"Error: evidence {source}: over the size limit", before)


# ----------------------------------------------------------------------------- names

@pytest.mark.parametrize(("name", "stored"), [
    ("a\x01b\nc.txt", "a_b_c.txt"),
    ("a\\b:c.txt", "a_b_c.txt"),
    ("\u202egpj.exe", "_gpj.exe"),
    ("...hidden.txt", "hidden.txt"),
    ("\t .txt", "_ .txt"),
    ("报告 \x7f(终稿).txt", "报告 _(终稿).txt"),
])
def test_names_are_cleaned(shipped, tmp_path: Path, name: str, stored: str) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / name
    source.write_text("x\n", encoding="utf-8")
    result = _close_with(shipped, str(source))
    assert result.exit_code == 0, result.stderr
    assert _stored(shipped) == [f"evidence/2-8/{stored}"]
    assert shipped("check").exit_code == 0


def test_a_name_of_255_bytes_can_still_take_a_suffix(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    name = "整" * 83 + ".pdf"  # 253 bytes: the longest a Linux file name may be, nearly
    assert len(name.encode()) <= 255
    first, second = tmp_path / "1", tmp_path / "2"
    for folder in (first, second):
        folder.mkdir()
        (folder / name).write_bytes(folder.name.encode())
    assert _close_with(shipped, str(first / name), str(second / name)).exit_code == 0
    names = [Path(p).name for p in _stored(shipped)]
    assert len(names) == 2 and all(len(n.encode()) <= 255 and n.endswith(".pdf") for n in names)
    assert any(n.endswith("-2.pdf") for n in names)
    assert shipped("check").exit_code == 0


def test_safe_name_never_yields_a_path() -> None:
    for raw in ["..", ".", "../../etc/passwd", "/", "a/b", "\x00", "", " ", "C:\\x", "\u2028", "\ud800x"]:
        name = safe_name(raw)
        assert name and "/" not in name and "\\" not in name and not name.startswith(".")
        assert name not in (".", "..")
        assert len(name.encode("utf-8", "surrogateescape")) <= 255


# ----------------------------------------------------------------------------- the evidence folder

def test_a_linked_item_folder_is_not_followed(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside"
    outside.mkdir()
    (shipped.data / "evidence").mkdir()
    (shipped.data / "evidence" / "2-8").symlink_to(outside)
    voucher = tmp_path / "v.txt"
    voucher.write_text("v\n")
    before = snapshot(shipped.root)
    _refused(shipped, _close_with(shipped, str(voucher)),
             "Error: evidence folder data/evidence/2-8 is a symbolic link; it is not followed", before)
    assert list(outside.iterdir()) == []


def test_a_linked_evidence_folder_is_not_followed(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    outside = tmp_path / "outside"
    outside.mkdir()
    (shipped.data / "evidence").symlink_to(outside)
    voucher = tmp_path / "v.txt"
    voucher.write_text("v\n")
    before = snapshot(shipped.root)
    _refused(shipped, _close_with(shipped, str(voucher)),
             "Error: evidence folder data/evidence is a symbolic link; it is not followed", before)
    assert list(outside.iterdir()) == []


def test_a_planted_link_in_the_item_folder_is_never_written_through(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    victim = tmp_path / "victim.txt"
    victim.write_text("precious\n")
    folder = shipped.data / "evidence" / "2-8"
    folder.mkdir(parents=True)
    (folder / "v.txt").symlink_to(victim)
    voucher = tmp_path / "v.txt"
    voucher.write_text("new evidence\n")
    assert _close_with(shipped, str(voucher)).exit_code == 0
    assert victim.read_text() == "precious\n"
    assert (folder / "v-2.txt").read_text() == "new evidence\n"
    assert "file: evidence/2-8/v-2.txt" in shipped.items_text()


def test_an_item_folder_that_is_a_file(shipped, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    (shipped.data / "evidence").mkdir()
    (shipped.data / "evidence" / "2-8").write_text("not a folder\n")
    voucher = tmp_path / "v.txt"
    voucher.write_text("v\n")
    before = snapshot(shipped.root)
    _refused(shipped, _close_with(shipped, str(voucher)),
             f"Error: cannot copy evidence {voucher} into data/evidence/2-8: Not a directory; nothing was changed", before)


@pytest.mark.parametrize("item_id", ["../../x", "..", "/etc", "a/../../b", "\x00", "..\\..\\x", ".", "2-8/../../.."])
def test_crafted_ids_stay_inside_the_evidence_folder(tmp_path: Path, item_id: str) -> None:
    """Ids are validated by pattern before any write; the path is made safe all the same."""
    data = tmp_path / "deep" / "data"
    data.mkdir(parents=True)
    source = tmp_path / "v.txt"
    source.write_text("v\n")
    record, target = store(data, item_id, source)
    root = (data / "evidence").resolve()
    assert target.resolve().is_relative_to(root) and target.resolve().parent.parent == root
    assert record.file is not None and record.file.startswith("evidence/") and ".." not in record.file.split("/")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deep", "v.txt"]


# ----------------------------------------------------------------------------- check verifies evidence

@pytest.fixture
def closed_with_file(shipped, tmp_path: Path):  # type: ignore[no-untyped-def]
    voucher = tmp_path / "凭证.txt"
    voucher.write_text("拨付凭证\n", encoding="utf-8")
    assert _close_with(shipped, str(voucher), "财政局说明").exit_code == 0
    assert shipped("check").exit_code == 0
    return shipped, shipped.data / "evidence" / "2-8" / "凭证.txt"


def test_check_reports_modified_evidence(closed_with_file) -> None:  # type: ignore[no-untyped-def]
    shipped, stored = closed_with_file
    recorded = hashlib.sha256(stored.read_bytes()).hexdigest()
    stored.write_text("改过的凭证\n", encoding="utf-8")
    actual = hashlib.sha256(stored.read_bytes()).hexdigest()
    result = shipped("check")
    assert result.exit_code == 1
    assert result.stdout == (f"data/items.yaml:{_item_line(shipped)}: item 2-8: closed.evidence: evidence file "
                             f"evidence/2-8/凭证.txt has changed (sha256 {actual[:12]}, recorded {recorded[:12]})\n"
                             "1 problem\n")
    assert shipped("check", "--no-evidence").exit_code == 0


def test_check_reports_missing_evidence(closed_with_file) -> None:  # type: ignore[no-untyped-def]
    shipped, stored = closed_with_file
    stored.unlink()
    result = shipped("check")
    assert result.exit_code == 1
    assert result.stdout == (f"data/items.yaml:{_item_line(shipped)}: item 2-8: closed.evidence: evidence file "
                             "evidence/2-8/凭证.txt is missing\n1 problem\n")


def test_check_reports_evidence_replaced_by_a_link_or_a_fifo(closed_with_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shipped, stored = closed_with_file
    copy = tmp_path / "same.txt"
    copy.write_bytes(stored.read_bytes())
    stored.unlink()
    stored.symlink_to(copy)  # same bytes, but outside the evidence folder
    line = _item_line(shipped)
    assert shipped("check").stdout == (f"data/items.yaml:{line}: item 2-8: closed.evidence: evidence path "
                                       "evidence/2-8/凭证.txt leaves the evidence folder\n1 problem\n")
    stored.unlink()
    os.mkfifo(stored)
    assert shipped("check").stdout == (f"data/items.yaml:{line}: item 2-8: closed.evidence: evidence file "
                                       "evidence/2-8/凭证.txt is not a regular file\n1 problem\n")


def test_check_reports_a_linked_evidence_folder(closed_with_file, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    shipped, _ = closed_with_file
    moved = tmp_path / "moved-evidence"
    (shipped.data / "evidence").rename(moved)
    (shipped.data / "evidence").symlink_to(moved)
    result = shipped("check")
    assert result.exit_code == 1
    assert "evidence path evidence/2-8/凭证.txt leaves the evidence folder" in result.stdout


def test_check_verifies_evidence_kept_in_history(closed_with_file) -> None:  # type: ignore[no-untyped-def]
    shipped, stored = closed_with_file
    assert shipped("reopen", "2-8", "--reason", "回头看：款项仍未拨付").exit_code == 0
    stored.write_text("tampered\n")
    result = shipped("check")
    assert result.exit_code == 1
    assert "item 2-8: history[0].closed.evidence: evidence file evidence/2-8/凭证.txt has changed" in result.stdout


def test_a_hand_written_path_out_of_the_folder_is_a_problem(shipped) -> None:  # type: ignore[no-untyped-def]
    text = shipped.items_text()
    block_end = "    deadline: 2024-08-31\n    status: open\n"
    start = text.index('  - id: "2-8"\n')
    at = text.index(block_end, start)
    closed = ("    deadline: 2024-08-31\n    status: closed\n    closed:\n      date: 2024-09-01\n      by: 张三\n"
              "      evidence:\n        - file: ../../etc/passwd\n          size: 1\n          sha256: abc\n")
    shipped.write_items(text[:at] + closed + text[at + len(block_end):])
    result = shipped("check")
    assert result.exit_code == 1
    assert "item 2-8: closed.evidence[0].file: evidence path ../../etc/passwd leaves the evidence folder" in result.stdout
