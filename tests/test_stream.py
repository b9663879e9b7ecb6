"""store.stream: reading a large items file in runs of blocks gives exactly the whole document's ledger.

Every file below is loaded twice, once with the run-by-run reader forced on (any size) and once
with it off; the items, their lines, the header and every problem (message, line, column) must
be the same. Files the reader cannot vouch for must fall back to the whole parse, never differ.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ledger.store import build, stream
from ledger.store.load import load
from ledgers import SHIPPED_DATA, UNITS_YAML

HEAD = '''# 整改销号台账
batch:
  id: "2024-1"
  name: "评价"
  date: 2024-05-22
questions:
  "1": "问题1"
'''


def block(n: int, extra: str = "", text: str = '"请加快拨付进度。"', lead: str = "区财政局") -> str:
    return (f'  - id: "1-{n}"\n    question: 1\n    text: {text}\n    lead: {lead}\n    responsible: [区财政局]\n'
            f"    deadline: 2024-12-31\n    status: open\n{extra}")


VALID = HEAD + "items:\n" + "\n".join(block(n) for n in range(1, 8))

CASES = {
    "plain": VALID,
    "comments between and after": HEAD + "items:\n  # 第一批\n" + block(1) + "\n  # 第二批\n\n" + block(2) + "# 完\n",
    "dash at column 0": HEAD + "items:\n" + block(1).replace("\n  ", "\n").removeprefix("  ") + block(2).replace(
        "\n  ", "\n").removeprefix("  "),
    "block scalar": HEAD + "items:\n" + block(1, text="|\n      第一行\n      - 第二行像一项\n") + block(2),
    "multi-line plain": HEAD + "items:\n" + block(1, text="请加快\n      拨付进度") + block(2),
    "quoted over lines with a dash": HEAD + "items:\n" + block(1, text='"请加快\n  - id: x\n      拨付"') + block(2),
    "flow list of items": HEAD + 'items: [{id: "1-1", text: "x", lead: 区财政局, responsible: [区财政局], deadline: ongoing}]\n',
    "a key after items": "items:\n" + block(1) + 'batch:\n  id: "2024-1"\n  name: "评价"\n  date: 2024-05-22\n',
    "an unknown unit": HEAD + "items:\n" + block(1) + block(2, lead="区不存在局") + block(3),
    "a bad date": HEAD + "items:\n" + block(1) + block(2).replace("2024-12-31", "2024-02-30"),
    "a duplicate id": HEAD + "items:\n" + block(1) + block(1),
    "a duplicate key": HEAD + "items:\n" + block(1, extra="    status: closed\n") + block(2),
    "an anchor": HEAD + "items:\n" + block(1).replace("lead: 区财政局", "lead: &a 区财政局") + block(2),
    "unterminated quote": HEAD + "items:\n" + block(1, text='"请加快') + block(2),
    "a dash alone": HEAD + "items:\n  -\n    id: \"1-1\"\n    text: x\n    lead: 区财政局\n    responsible: [区财政局]\n"
                    "    deadline: ongoing\n",
    "crlf": VALID.replace("\n", "\r\n"),
    "a tab": VALID.replace('"请加快拨付进度。"', '"请加快\t拨付进度。"', 1),
    "conflict markers": HEAD + "items:\n<<<<<<< ours\n" + block(1) + "=======\n" + block(2) + ">>>>>>> theirs\n",
    "no items": HEAD + "items: []\n",
    "comment only before items": "# 只有注释\nitems:\n" + block(1),
    "a problem in the head": HEAD.replace("2024-05-22", "2024-13-01") + "items:\n" + block(1),
}


def _both(root: Path, text: str, monkeypatch: pytest.MonkeyPatch, units: str = UNITS_YAML) -> tuple[object, object]:
    data = root / "data"
    data.mkdir(parents=True)
    (data / "items.yaml").write_text(text, encoding="utf-8", newline="")
    (data / "departments.yaml").write_text(units, encoding="utf-8")
    results = []
    for threshold in (0, 10**12):
        monkeypatch.setattr(build, "STREAM_FROM", threshold)
        ledger = load(data, use_cache=False)
        results.append(([(f.items, f.item_lines, f.batch, f.questions) for f in ledger.files],
                        [p.render() for p in ledger.problems]))
    return results[0], results[1]


@pytest.mark.parametrize("name", list(CASES))
def test_runs_of_blocks_read_as_the_whole_document(tmp_path: Path, name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    streamed, whole = _both(tmp_path, CASES[name], monkeypatch)
    assert streamed == whole


def test_the_shipped_ledger_reads_the_same(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    streamed, whole = _both(tmp_path, (SHIPPED_DATA / "items.yaml").read_text(encoding="utf-8"), monkeypatch,
                            (SHIPPED_DATA / "departments.yaml").read_text(encoding="utf-8"))
    assert streamed == whole
    assert not whole[1] and len(whole[0][0][0]) == 33


def test_the_valid_cases_are_really_read_in_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The comparison above would pass if the reader always gave up: it must not."""
    monkeypatch.setattr(stream, "CHUNK", 2)
    # cross-record problems (a unit, a duplicate id) are found after reading, by the same checks
    for name in ("plain", "comments between and after", "dash at column 0", "block scalar", "multi-line plain",
                 "comment only before items", "an unknown unit", "a duplicate id"):
        assert stream.read_in_runs(CASES[name]) is not None, name
    for name in ("flow list of items", "a key after items", "a bad date", "a duplicate key", "an anchor",
                 "unterminated quote", "a dash alone", "crlf", "a tab", "conflict markers", "a problem in the head",
                 "quoted over lines with a dash"):
        assert stream.read_in_runs(CASES[name]) is None, name


def test_runs_keep_their_lines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(stream, "CHUNK", 3)
    header, items, lines = stream.read_in_runs(VALID)  # type: ignore[misc]
    assert [i.id for i in items] == [f"1-{n}" for n in range(1, 8)]
    text_lines = VALID.split("\n")
    assert [text_lines[n - 1] for n in lines] == [f'  - id: "1-{n}"' for n in range(1, 8)]
    assert header.batch is not None and header.batch.id == "2024-1"
