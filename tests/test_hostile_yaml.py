"""Hostile ledger files: each is refused with one error line naming the file (and the line,
where there is one), exit 1, in bounded time and memory, and nothing is written.

Every case runs the real ``ledger`` script in a subprocess under an address-space limit
(``RLIMIT_AS``, 1 GB) and a timeout, for ``check`` and for a write (``close``).
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from hostile import (
    MEMORY_LIMIT_MB,
    TIME_LIMIT_S,
    billion_laughs,
    copy_shipped,
    deep_block,
    deep_block_indented,
    deep_flow,
    deep_mapping,
    items_text,
    ledger_env,
    line_of,
    record_figure,
    replace_once,
    run_limited,
    snapshot,
)

ITEM_1_1 = '  - id: "1-1"\n'
BIG = 50_000_000
CLOSE = ["close", "2-8", "--evidence", "拨付凭证说明", "--by", "张三"]


@dataclass
class Case:
    """A hostile ledger: how to make it, what the error says, and on which line (if any)."""

    build: Callable[[Path], None]
    message: str
    line: int | None = None
    file: str = "data/items.yaml"


def items(text: str | bytes) -> Callable[[Path], None]:
    def build(data: Path) -> None:
        (data / "items.yaml").write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return build


def units(text: str) -> Callable[[Path], None]:
    def build(data: Path) -> None:
        (data / "departments.yaml").write_text(text, encoding="utf-8")
    return build


SHIPPED = items_text()
LEAD_1_1 = "    lead: 区社会事务保障局\n"
STATUS_1_1 = "    deadline: 2024-08-31\n    status: open\n"


def _with_item_lines(*extra: str) -> str:
    """The shipped file with lines added at the end of item 1-1."""
    return replace_once(SHIPPED, STATUS_1_1, STATUS_1_1 + "".join(extra))



def _anchor_scalar() -> str:
    text = replace_once(SHIPPED, LEAD_1_1, "    lead: &u 区社会事务保障局\n")
    return replace_once(text, "responsible: [区社会事务保障局,", "responsible: [*u,")


def _big_scalar() -> str:
    return replace_once(SHIPPED, '    text: "市教育局的一些事情。"\n', '    text: "' + "汉" * (BIG // 3) + '"\n')


def _big_block_scalar() -> str:
    body = ("      " + "x" * 99 + "\n") * (BIG // 106)
    return replace_once(SHIPPED, '    text: "市教育局的一些事情。"\n', "    text: |\n" + body)


def _conflict() -> str:
    return replace_once(SHIPPED, STATUS_1_1, "<<<<<<< HEAD\n" + STATUS_1_1 + "=======\n"
                        + STATUS_1_1.replace("open", "in_progress") + ">>>>>>> theirs\n")


def _dir(data: Path) -> None:
    (data / "items.yaml").unlink()
    (data / "items.yaml").mkdir()


def _fifo(data: Path) -> None:
    (data / "items.yaml").unlink()
    os.mkfifo(data / "items.yaml")


def _link_to(target: str) -> Callable[[Path], None]:
    def build(data: Path) -> None:
        (data / "items.yaml").unlink()
        (data / "items.yaml").symlink_to(target)
    return build


def _link_to_outside_ledger(data: Path) -> None:
    outside = data.parent / "outside.yaml"
    outside.write_text(SHIPPED, encoding="utf-8")
    (data / "items.yaml").unlink()
    (data / "items.yaml").symlink_to(outside)


def _units_dir(data: Path) -> None:
    (data / "departments.yaml").unlink()
    (data / "departments.yaml").mkdir()


def _items_folder_file(name: str, text: str) -> Callable[[Path], None]:
    def build(data: Path) -> None:
        (data / "items").mkdir()
        (data / "items" / name).write_text(text, encoding="utf-8")
    return build


PWNED = "/tmp/ledger-hostile-pwned"

CASES: dict[str, Case] = {
    "billion laughs": Case(items(billion_laughs()), "anchors and aliases are not allowed", 1),
    "alias to a scalar": Case(items(_anchor_scalar()), "anchors and aliases are not allowed", line_of(SHIPPED, LEAD_1_1)),
    "an anchor alone": Case(items(replace_once(SHIPPED, LEAD_1_1, "    lead: &x 区社会事务保障局\n")),
                            "anchors and aliases are not allowed", line_of(SHIPPED, LEAD_1_1)),
    "!!python/object": Case(items(replace_once(SHIPPED, LEAD_1_1, "    lead: !!python/object:os.system 区社会事务保障局\n")),
                            "tag tag:yaml.org,2002:python/object:os.system is not allowed", line_of(SHIPPED, LEAD_1_1)),
    "!!python/object/apply": Case(
        items(_with_item_lines(f'    note: !!python/object/apply:os.system ["touch {PWNED}"]\n')),
        "tag tag:yaml.org,2002:python/object/apply:os.system is not allowed", line_of(SHIPPED, STATUS_1_1) + 2),
    "!!python/name": Case(items(_with_item_lines("    x: !!python/name:os.system ''\n")),
                          "is not allowed", line_of(SHIPPED, STATUS_1_1) + 2),
    "a local tag": Case(items(replace_once(SHIPPED, LEAD_1_1, "    lead: !unit 区社会事务保障局\n")),
                        "tag !unit is not allowed", line_of(SHIPPED, LEAD_1_1)),
    "!!binary": Case(items(_with_item_lines("    leader: !!binary aGVsbG8=\n")),
                     "tag tag:yaml.org,2002:binary is not allowed", line_of(SHIPPED, STATUS_1_1) + 2),
    "!!set": Case(items(_with_item_lines("    leader: !!set {a, b}\n")),
                  "tag tag:yaml.org,2002:set is not allowed", line_of(SHIPPED, STATUS_1_1) + 2),
    "a duplicate key": Case(items(_with_item_lines("    status: closed\n")), "duplicate key 'status'",
                            line_of(SHIPPED, STATUS_1_1) + 2),
    "a duplicate top-level key": Case(items(SHIPPED + "items: []\n"), "duplicate key 'items'", SHIPPED.count("\n") + 1),
    "a key that is a list": Case(items(_with_item_lines("    ? [a, b]\n    : c\n")), "a key must be plain text",
                                 line_of(SHIPPED, STATUS_1_1) + 2),
    "a tab indentation": Case(items(replace_once(SHIPPED, STATUS_1_1, STATUS_1_1.replace("    status", "\tstatus"))),
                              "found a tab character", line_of(SHIPPED, STATUS_1_1) + 1),
    "invalid UTF-8": Case(items(SHIPPED.encode().replace(b"status: open", b"status: op\xff\xfeen", 1)),
                          "not valid UTF-8", line_of(SHIPPED, "status: open")),
    "UTF-16": Case(items(SHIPPED.encode("utf-16")), "not valid UTF-8", 1),
    "a NUL byte": Case(items(replace_once(SHIPPED, "市教育局的一些事情。", "市教育局\x00的一些事情。")),
                       "invalid YAML", line_of(SHIPPED, "市教育局的一些事情。")),
    "a 50 MB scalar": Case(items(_big_scalar()), "a value of 16666666 characters is over the limit of 1000000",
                           line_of(SHIPPED, "市教育局的一些事情。")),
    "a 50 MB block scalar": Case(items(_big_block_scalar()), "characters is over the limit of 1000000",
                                 line_of(SHIPPED, "市教育局的一些事情。")),
    "10,000 flow levels": Case(items(deep_flow(10_000)), "exceeded maximum nesting depth", 1),
    "100,000 flow levels": Case(items(deep_flow(100_000)), "exceeded maximum nesting depth", 1),
    "10,000 flow mappings": Case(items("items: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"),
                                 "exceeded maximum nesting depth", 1),
    "10,000 block levels": Case(items(deep_block(10_000)), "exceeded maximum nesting depth", 2),
    "3,000 indented block levels": Case(items(deep_block_indented(3_000)), "exceeded maximum nesting depth", 1001),
    "10,000 block mappings": Case(items(deep_mapping(10_000)), "exceeded maximum nesting depth", 1000),
    "100 levels": Case(items("items:\n  - id: x\n    note: " + "[" * 100 + "]" * 100 + "\n"),
                       "nesting deeper than 64 levels", 3),
    "conflict markers": Case(items(_conflict()), "git conflict marker", line_of(SHIPPED, STATUS_1_1)),
    "an empty file": Case(items(b""), "file is empty", 1),
    "only comments": Case(items("# nothing here\n\n"), "file is empty", 1),
    "a top-level list": Case(items("- 1\n- 2\n"), "the top level must be a mapping", 1),
    "a top-level scalar of 10 MB": Case(items("a" * 10_000_000), "the top level must be a mapping", 1),
    "a folder": Case(_dir, "not a regular file"),
    "a FIFO": Case(_fifo, "not a regular file"),
    "a link to /etc/passwd": Case(_link_to("/etc/passwd"), "a link out of the data folder (/etc/passwd) is not followed"),
    "a link to /dev/zero": Case(_link_to("/dev/zero"), "a link out of the data folder (/dev/zero) is not followed"),
    "a link to a ledger outside": Case(_link_to_outside_ledger, "a link out of the data folder"),
    "units: billion laughs": Case(units(billion_laughs()), "anchors and aliases are not allowed", 1,
                                  "data/departments.yaml"),
    "units: a folder": Case(_units_dir, "not a regular file", None, "data/departments.yaml"),
    "items/: a python tag": Case(_items_folder_file("b.yaml", "items:\n  - !!python/object:os.system x\n"),
                                 "is not allowed", 2, "data/items/b.yaml"),
}


def _problem_lines(run_lines: list[str]) -> list[str]:
    """Drop the count line (``N problems``); what remains are the problems, one a line."""
    return [line for line in run_lines if not re.fullmatch(r"\d+ problems?", line)]


@pytest.mark.parametrize("command", ["check", "close"])
@pytest.mark.parametrize("name", list(CASES))
def test_hostile_file_is_refused(tmp_path: Path, name: str, command: str) -> None:
    case = CASES[name]
    data = copy_shipped(tmp_path)
    case.build(data)
    before = snapshot(tmp_path)
    args = ["--data", "data", *(["check"] if command == "check" else CLOSE)]
    run = run_limited(args, env=ledger_env(), cwd=tmp_path)
    record_figure("hostile", f"{name} / {command}", seconds=round(run.seconds, 3), maxrss_mb=round(run.maxrss_mb, 1))

    assert not run.timed_out, f"{name}: still running after {TIME_LIMIT_S} s"
    assert run.returncode == 1, run
    assert "Traceback" not in run.stderr, run.stderr
    problems = _problem_lines(run.lines)
    assert len(problems) == 1, run.lines
    where = case.file + (f":{case.line}:" if case.line is not None else ":")
    assert problems[0].startswith(where), (problems[0], where)
    assert case.message in problems[0], problems[0]
    # A check prints its findings on stdout; a write refuses on stderr.
    assert (run.stdout if command == "check" else run.stderr).strip(), run
    assert snapshot(tmp_path) == before, "a refused command changed the data folder"
    assert run.maxrss_mb < MEMORY_LIMIT_MB * 0.75
    assert not os.path.exists(PWNED)


def test_a_dangling_items_link(tmp_path: Path) -> None:
    """items.yaml links to nothing: named as such, one line, exit 1."""
    data = copy_shipped(tmp_path)
    _link_to("nowhere.yaml")(data)
    before = snapshot(tmp_path)
    for args in (["check"], CLOSE):
        run = run_limited(["--data", "data", *args], cwd=tmp_path)
        expected = f"data/items.yaml: a link to a missing file ({data.resolve() / 'nowhere.yaml'})"
        assert (run.returncode, run.lines[0]) == (1, expected)
    assert snapshot(tmp_path) == before


def test_a_linked_items_folder_is_not_followed_out(tmp_path: Path) -> None:
    """``data/items`` as a link to a folder outside the data folder."""
    data = copy_shipped(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "extra.yaml").write_text('items:\n  - id: "X-1"\n    text: "t"\n    lead: 区财政局\n'
                                        '    responsible: [区财政局]\n    deadline: ongoing\n    question: 1\n'
                                        '    status: open\n', encoding="utf-8")
    (data / "items").symlink_to(outside)
    run = run_limited(["--data", "data", "check"], cwd=tmp_path)
    assert run.returncode == 1
    assert run.stdout.startswith(f"data/items/extra.yaml: a link out of the data folder ({outside / 'extra.yaml'})")


# ----------------------------------------------------------------------------- line ends and BOM

def _write_progress(tmp_path: Path, name: str, raw: bytes) -> tuple[bytes, str]:
    data = copy_shipped(tmp_path / name)
    (data / "items.yaml").write_bytes(raw)
    check = run_limited(["--data", str(data), "check"])
    assert check.returncode == 0, check
    write = run_limited(["--data", str(data), "progress", "1-1", "已走访企业", "--by", "李四"])
    assert write.returncode == 0, write
    after = run_limited(["--data", str(data), "check"])
    assert after.returncode == 0, after
    return (data / "items.yaml").read_bytes(), write.stderr


def test_crlf_ledger_loads_and_a_write_keeps_crlf(tmp_path: Path) -> None:
    lf = SHIPPED.encode("utf-8")
    expected_lf, _ = _write_progress(tmp_path, "lf", lf)
    crlf, _ = _write_progress(tmp_path, "crlf", lf.replace(b"\n", b"\r\n"))
    assert crlf == expected_lf.replace(b"\n", b"\r\n")
    assert b"\r\n" in crlf and b"\n" not in crlf.replace(b"\r\n", b"")


def test_bom_ledger_loads_and_a_write_keeps_the_bom(tmp_path: Path) -> None:
    lf = SHIPPED.encode("utf-8")
    expected, _ = _write_progress(tmp_path, "plain", lf)
    with_bom, _ = _write_progress(tmp_path, "bom", b"\xef\xbb\xbf" + lf)
    assert with_bom == b"\xef\xbb\xbf" + expected


def test_bom_and_crlf_together(tmp_path: Path) -> None:
    lf = SHIPPED.encode("utf-8")
    expected, _ = _write_progress(tmp_path, "plain", lf)
    both, _ = _write_progress(tmp_path, "both", b"\xef\xbb\xbf" + lf.replace(b"\n", b"\r\n"))
    assert both == b"\xef\xbb\xbf" + expected.replace(b"\n", b"\r\n")


def test_old_mac_line_ends_load_and_a_write_stays_valid(tmp_path: Path) -> None:
    """CR alone is a YAML line break too; the write must leave a file that still validates."""
    cr = SHIPPED.encode("utf-8").replace(b"\n", b"\r")
    after, _ = _write_progress(tmp_path, "cr", cr)
    assert "已走访企业".encode() in after


def test_a_python_tag_never_runs_code(tmp_path: Path) -> None:
    """The payload of ``!!python/object/apply`` would create a file if it were ever constructed."""
    marker = tmp_path / "pwned"
    data = copy_shipped(tmp_path)
    (data / "items.yaml").write_text(_with_item_lines(f'    note: !!python/object/apply:os.system ["touch {marker}"]\n'),
                                     encoding="utf-8")
    for args in (["check"], CLOSE, ["list"], ["show", "1-1"]):
        run = run_limited(["--data", str(data), *args])
        assert run.returncode == 1, run
    assert not marker.exists()
