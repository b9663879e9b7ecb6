"""Output that could overwrite the ledger (issue 11, finding 11): ``-o FILE`` is refused inside the
data folder (links followed), the file's extension decides the format and a contradicting
``--format`` is refused, and ``-o -`` is standard output (no file named ``-``)."""

from __future__ import annotations

import csv
import io
import os

import pytest

REFUSED_INSIDE = ("-o {path} is inside the data folder data, which holds only the ledger's own files: "
                  "write the output elsewhere")


@pytest.mark.parametrize("args", [
    ["export", "--format", "csv", "-o", "data/items.yaml"],
    ["export", "-o", "data/items.yaml"],
    ["export", "--format", "csv", "-o", "data/departments.yaml"],
    ["export", "-o", "data/evidence/2-8/台账.xlsx"],
    ["export", "-o", "data/items/more.csv"],
    ["export", "-o", "data/台账.csv"],
    ["export", "-o", "data/.ledger.lock"],
    ["bulletin", "--period", "2024-08", "-o", "data/departments.yaml"],
    ["bulletin", "--period", "2024-08", "-o", "data/items.yaml"],
    ["bulletin", "--period", "2024-08", "-o", "data/通报.html"],
], ids=lambda a: " ".join(a))
def test_output_inside_the_data_folder_is_refused(shipped, args):
    (shipped.data / "evidence" / "2-8").mkdir(parents=True)
    before = shipped.snapshot()
    result = shipped(*args)
    assert (result.exit_code, result.stdout, result.stderr) == (
        2, "", "Error: " + REFUSED_INSIDE.format(path=args[-1]) + "\n")
    assert shipped.snapshot() == before


def test_a_link_into_the_data_folder_is_followed_and_refused(shipped, tmp_path_factory):
    outside = tmp_path_factory.mktemp("out")
    (outside / "台账.csv").symlink_to(shipped.data / "items.yaml")
    (outside / "reports").symlink_to(shipped.data)
    before = shipped.snapshot()
    for target in (outside / "台账.csv", outside / "reports" / "通报.md"):
        command = ["export", "-o", str(target)] if target.suffix == ".csv" else \
            ["bulletin", "--period", "2024-08", "-o", str(target)]
        result = shipped(*command)
        assert (result.exit_code, result.stderr) == (2, "Error: " + REFUSED_INSIDE.format(path=target) + "\n")
    assert shipped.snapshot() == before
    assert os.readlink(outside / "台账.csv") == str(shipped.data / "items.yaml")


def test_the_extension_decides_the_format(shipped, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert shipped("export", "-o", str(out / "台账.csv")).exit_code == 0
    data = (out / "台账.csv").read_bytes()
    assert data.startswith("\ufeff序号,问题编号,反馈问题".encode())
    assert shipped("export", "-o", str(out / "台账.xlsx")).exit_code == 0
    assert (out / "台账.xlsx").read_bytes()[:2] == b"PK"
    assert shipped("export", "-o", str(out / "台账")).exit_code == 0  # no extension: --format, else xlsx
    assert (out / "台账").read_bytes()[:2] == b"PK"
    assert shipped("export", "--format", "csv", "-o", str(out / "台账.txt")).exit_code == 0
    assert (out / "台账.txt").read_bytes() == data
    assert shipped("bulletin", "--period", "2024-08", "-o", str(out / "通报.html")).exit_code == 0
    assert (out / "通报.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert shipped("bulletin", "--period", "2024-08", "-o", str(out / "通报.md")).exit_code == 0
    assert (out / "通报.md").read_text(encoding="utf-8") == shipped("bulletin", "--period", "2024-08").stdout


@pytest.mark.parametrize(("args", "message"), [
    (["export", "--format", "xlsx", "-o", "{out}/台账.csv"],
     "--format xlsx contradicts -o {out}/台账.csv, whose name says csv: drop --format or rename the file"),
    (["export", "--format", "csv", "-o", "{out}/台账.XLSX"],
     "--format csv contradicts -o {out}/台账.XLSX, whose name says xlsx: drop --format or rename the file"),
    (["bulletin", "--period", "2024-08", "--format", "markdown", "-o", "{out}/通报.html"],
     "--format markdown contradicts -o {out}/通报.html, whose name says html: drop --format or rename the file"),
    (["bulletin", "--period", "2024-08", "--format", "html", "-o", "{out}/通报.md"],
     "--format html contradicts -o {out}/通报.md, whose name says markdown: drop --format or rename the file"),
    # found in a trial: an extension naming no format of the command wrote a workbook or Markdown under it
    (["export", "-o", "{out}/台账.pdf"],
     "-o {out}/台账.pdf: a name ending in .pdf says no format this command writes (use .csv, .xlsx, or give --format)"),
    (["bulletin", "--period", "2024-08", "-o", "{out}/通报.docx"],
     "-o {out}/通报.docx: a name ending in .docx says no format this command writes (use .htm, .html, .markdown, "
     ".md, or give --format)"),
])
def test_a_format_the_extension_contradicts_is_refused(shipped, tmp_path_factory, args, message):
    out = tmp_path_factory.mktemp("out")
    result = shipped(*(a.format(out=out) for a in args))
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "Error: " + message.format(out=out) + "\n")
    assert list(out.iterdir()) == []


def test_dash_is_standard_output(shipped, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert shipped("export", "-o", str(out / "台账.csv")).exit_code == 0
    before = shipped.snapshot()
    result = shipped("export", "--format", "csv", "-o", "-")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout_bytes == (out / "台账.csv").read_bytes()
    rows = list(csv.reader(io.StringIO(result.stdout_bytes.decode("utf-8-sig"))))
    assert len(rows) == 34
    xlsx = shipped("export", "-o", "-")  # a pipe, not a terminal: the workbook's bytes
    assert (xlsx.exit_code, xlsx.stderr, xlsx.stdout_bytes[:2]) == (0, "", b"PK")
    bulletin = shipped("bulletin", "--period", "2024-08", "-o", "-", "--format", "html")
    assert (bulletin.exit_code, bulletin.stderr) == (0, "")
    assert bulletin.stdout.startswith("<!DOCTYPE html>")
    assert shipped.snapshot() == before  # no file named "-"
    assert not (shipped.root / "-").exists()


def test_a_workbook_is_not_sent_to_a_terminal(tmp_path):
    import pty
    import subprocess

    from hostile import LEDGER, copy_shipped, ledger_env

    copy_shipped(tmp_path)
    leader, follower = pty.openpty()
    try:
        done = subprocess.run([str(LEDGER), "export", "-o", "-"], cwd=tmp_path, env=ledger_env(),
                              stdin=subprocess.DEVNULL, stdout=follower, stderr=subprocess.PIPE, text=True, timeout=60)
    finally:
        os.close(follower)
        os.close(leader)
    assert (done.returncode, done.stderr) == (
        2, "Error: -o -: a workbook is binary and stdout is a terminal: redirect it, or write to a file\n")
