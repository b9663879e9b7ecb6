"""Property tests (hypothesis, bounded so they run in seconds).

- Random valid ledgers written in the house style load as exactly the items they were made
  from, pass ``ledger check``, re-emit every block byte for byte through ``blocks.rewrite`` on a
  no-op, and take a real write that changes nothing but the written item's block.
- Random invalid mutations (wrong types, unknown fields, bad dates, unknown units, missing
  fields, bad statuses, blank text) are refused with a line naming the item and the field.
- Random byte-level damage to the shipped file never raises: every outcome is exit 0 or 1.
"""

from __future__ import annotations

import difflib
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hostile import full_runs, items_text
from ledger.core.serialize import item_to_data
from ledger.store.blocks import rewrite
from ledger.store.load import load
from ledgers import SHIPPED_DATA, UNITS_YAML, make_ledger

UNITS = ["区财政局", "区建设环保局", "各园区指挥部"]
QUOTED = {"id", "text", "reason", "note", "name"}
TODAY = date(2024, 9, 10)
SCALE = int(os.environ.get("LEDGER_PROPERTY_SCALE", "4" if full_runs() else "1"))
"""More examples under ``LEDGER_FULL_RUNS=1`` (x4) or ``LEDGER_PROPERTY_SCALE=N``."""
SETTINGS = settings(max_examples=30 * SCALE, deadline=None, database=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# ----------------------------------------------------------------------------- valid items

CJK = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
TEXT_CHARS = st.one_of(CJK, st.sampled_from(list("，。、：；（）“”《》abcXYZ0123456789 -_/%+!?'\"\\")))
texts = st.text(TEXT_CHARS, min_size=1, max_size=40).filter(lambda s: s.strip() == s and s != "")
names = st.text(CJK, min_size=2, max_size=4)
days = st.dates(min_value=date(2024, 5, 22), max_value=TODAY)
deadlines = st.one_of(st.just("ongoing"), st.dates(min_value=date(2024, 6, 1), max_value=date(2025, 12, 31)))


@st.composite
def progress_notes(draw: st.DrawFn) -> list[dict[str, Any]]:
    notes = []
    for _ in range(draw(st.integers(0, 3))):
        note: dict[str, Any] = {"date": draw(days), "text": draw(texts)}
        if draw(st.booleans()):
            note["by"] = draw(names)
        if draw(st.booleans()):
            note["recorded"] = draw(days)
        notes.append(note)
    return notes


@st.composite
def closeouts(draw: st.DrawFn) -> dict[str, Any]:
    out: dict[str, Any] = {"date": draw(days), "by": draw(names),
                           "evidence": [{"text": draw(texts)} for _ in range(draw(st.integers(1, 2)))]}
    if draw(st.booleans()):
        out["late"] = True
    if draw(st.booleans()):
        out["note"] = draw(texts)
    if draw(st.booleans()):
        out["recorded"] = draw(days)
    return out


@st.composite
def items(draw: st.DrawFn, item_id: str) -> dict[str, Any]:
    """One valid item as plain data, in the canonical key order of ``serialize.ITEM_KEY_ORDER``."""
    item: dict[str, Any] = {"id": item_id}
    if draw(st.booleans()):
        item["question"] = int(item_id.split("-")[0])
    if draw(st.booleans()):
        item["source"] = draw(names) + "恳谈会"
    item["text"] = draw(texts)
    item["lead"] = draw(st.sampled_from(UNITS))
    item["responsible"] = draw(st.lists(st.sampled_from(UNITS), min_size=1, max_size=3, unique=True))
    if draw(st.booleans()):
        item["and_others"] = True
    if draw(st.booleans()):
        item["leader"] = draw(names)
    deadline = draw(deadlines)
    item["deadline"] = deadline
    notes = draw(progress_notes())
    extensions = []
    if isinstance(deadline, date):
        previous: date = deadline
        when = date(2024, 6, 1)
        for _ in range(draw(st.integers(0, 2))):
            when = when + timedelta(days=draw(st.integers(0, 30)))
            to = previous + timedelta(days=draw(st.integers(1, 200)))
            ext: dict[str, Any] = {"date": when, "to": to, "reason": draw(texts), "previous": previous}
            if draw(st.booleans()):
                ext["approved_by"] = draw(names)
            extensions.append(ext)
            previous = to
    closed = draw(st.one_of(st.none(), closeouts()))
    history = [{"closed": draw(closeouts()), "reopened": {"date": draw(days), "reason": draw(texts)}}
               for _ in range(draw(st.integers(0, 1)))]
    item["status"] = "closed" if closed else ("in_progress" if notes and draw(st.booleans()) else "open")
    if notes:
        item["progress"] = notes
    if extensions:
        item["extensions"] = extensions
    if closed:
        item["closed"] = closed
    if history:
        item["history"] = history
    return item


@st.composite
def ledgers(draw: st.DrawFn) -> list[dict[str, Any]]:
    count = draw(st.integers(1, 5))
    return [draw(items(f"{1 + k % 2}-{k + 1}")) for k in range(count)]


# ----------------------------------------------------------------------------- a house-style emitter

YAML_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null"}


def _plain_safe(value: str) -> bool:
    """Written plain in the house style: CJK words, or a lower-case word that YAML reads as text."""
    if value and all(0x4E00 <= ord(c) <= 0x9FFF for c in value):
        return True
    return value.isascii() and value.replace("_", "").isalpha() and value.islower() and value not in YAML_WORDS


def _scalar(key: str | None, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value) if not isinstance(value, date) else value.isoformat()
    if isinstance(value, str) and key not in QUOTED and _plain_safe(value):
        return value
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return json.dumps(value, ensure_ascii=False, default=str)  # a wrong-typed value, as flow YAML


def _emit(key: str, value: Any, indent: int, out: list[str], comment: str | None = None) -> None:
    pad = " " * indent
    if isinstance(value, dict) and value:
        out.append(f"{pad}{key}:\n")
        for k, v in value.items():
            _emit(k, v, indent + 2, out)
    elif isinstance(value, list) and value and all(isinstance(v, dict) and v for v in value):
        out.append(f"{pad}{key}:\n")
        for entry in value:
            first = True
            for k, v in entry.items():
                lines: list[str] = []
                _emit(k, v, indent + 4, lines)
                if first:
                    lines[0] = f"{pad}  - " + lines[0].lstrip(" ")
                    first = False
                out += lines
    elif isinstance(value, list) and key in ("responsible", "aliases"):
        out.append(f"{pad}{key}: [" + ", ".join(_scalar(None, v) for v in value) + "]\n")
    elif isinstance(value, list | dict):
        out.append(f"{pad}{key}: {json.dumps(value, ensure_ascii=False, default=str)}\n")
    else:
        out.append(f"{pad}{key}: {_scalar(key, value)}\n")
    if comment:
        out.append(f"{pad}# {comment}\n")


def block_of(item: dict[str, Any], comment_after: str | None = None) -> str:
    lines: list[str] = []
    for key, value in item.items():
        _emit(key, value, 4, lines, "备注：已核实" if key == comment_after else None)
    lines[0] = "  - " + lines[0][4:]
    return "".join(lines)


def file_of(blocks: list[str]) -> str:
    return "# 测试台账\nitems:\n" + "\n".join(blocks)


@dataclass
class Made:
    root: Path
    blocks: list[str]

    @property
    def data(self) -> Path:
        return self.root / "data"


def _make(root: Path, raw: list[dict[str, Any]], comments: list[str | None]) -> Made:
    blocks = [block_of(item, comment) for item, comment in zip(raw, comments, strict=True)]
    make_ledger(root, file_of(blocks), UNITS_YAML)
    return Made(root, blocks)


def _run(root: Path, *args: str):  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from ledger.cli.app import app

    previous = os.getcwd()
    os.chdir(root)
    try:
        return CliRunner().invoke(app, ["--data", "data", *args], env={"LEDGER_TODAY": TODAY.isoformat(),
                                                                        "LEDGER_LANG": "en"}, catch_exceptions=False)
    finally:
        os.chdir(previous)


# ----------------------------------------------------------------------------- properties

@SETTINGS
@given(raw=ledgers(), data=st.data())
def test_valid_ledgers_load_round_trip_and_check(raw: list[dict[str, Any]], data: st.DataObject) -> None:
    comments = [data.draw(st.sampled_from([None, None, "lead", "deadline", "status"])) for _ in raw]
    comments = [c if c in item else None for c, item in zip(comments, raw, strict=True)]
    with tempfile.TemporaryDirectory() as tmp:
        made = _make(Path(tmp), raw, comments)
        check = _run(made.root, "check")
        assert check.exit_code == 0, check.stdout + "\n" + file_of(made.blocks)
        assert check.stdout == f"ok: {len(raw)} item{'' if len(raw) == 1 else 's'}, 3 units, no problems\n"

        ledger = load(made.data, use_cache=False)
        assert [item_to_data(item) for item in ledger.items] == raw  # loads as exactly what was written
        for item, block in zip(ledger.items, made.blocks, strict=True):
            assert rewrite(block, item_to_data(item)) == block  # a no-op rewrite is byte-identical

        # A real write changes only the written item's block, by adding lines.
        target = data.draw(st.sampled_from([i for i in raw if i["status"] != "closed"] or [None]))
        if target is not None:
            before = (made.data / "items.yaml").read_text(encoding="utf-8")
            result = _run(made.root, "progress", target["id"], "新的进展")
            assert result.exit_code == 0, result.stderr
            after = (made.data / "items.yaml").read_text(encoding="utf-8")
            index = raw.index(target)
            start = before.index(made.blocks[index])
            end = start + len(made.blocks[index])
            assert after.startswith(before[:start]) and after.endswith(before[end:])
            old_lines = made.blocks[index].splitlines()
            new_lines = after[start:len(after) - len(before[end:])].splitlines()
            removed = [line for line in difflib.ndiff(old_lines, new_lines) if line.startswith("- ")]
            assert removed in ([], ["-     status: open"]), removed
            assert _run(made.root, "check").exit_code == 0


# ----------------------------------------------------------------------------- invalid mutations

def _set(path: tuple[Any, ...], value: Any):  # type: ignore[no-untyped-def]
    def apply(item: dict[str, Any]) -> str | None:
        target: Any = item
        for step in path[:-1]:
            if isinstance(target, dict) and step not in target:
                return None
            target = target[step]
        if isinstance(target, list) and path[-1] >= len(target):
            return None
        target[path[-1]] = value
        return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")
    return apply


def _drop(key: str):  # type: ignore[no-untyped-def]
    def apply(item: dict[str, Any]) -> str | None:
        del item[key]
        return key
    return apply


MUTATIONS = {
    "text is a number": (_set(("text",), 123), "expected text"),
    "responsible is not a list": (_set(("responsible",), "区财政局"), "expected a list"),
    "question is text": (_set(("question",), "一"), "expected a whole number"),
    "and_others is a number": (_set(("and_others",), 3), "expected true or false"),
    "status is a number": (_set(("status",), 5), "expected one of"),
    "status is unknown": (_set(("status",), "done"), "expected one of"),
    "deadline is a number": (_set(("deadline",), 5), "expected a date (YYYY-MM-DD) or 'ongoing'"),
    "deadline is 30 February": (_set(("deadline",), "2024-02-30"), "expected a date (YYYY-MM-DD) or 'ongoing'"),
    "progress is text": (_set(("progress",), "x"), "expected a list"),
    "a progress date is month 13": (_set(("progress", 0, "date"), "2024-13-01"), "expected a date"),
    "a progress note has an unknown field": (_set(("progress", 0, "mood"), "ok"), "unknown field"),
    "an unknown field": (_set(("colour",), "red"), "unknown field"),
    "an unknown lead": (_set(("lead",), "不存在的局"), "unknown unit"),
    "an unknown responsible unit": (_set(("responsible", 0), "不存在的局"), "unknown unit"),
    "a closed date is not a date": (_set(("closed", "date"), "昨天"), "expected a date"),
    "blank text": (_set(("text",), "   "), "must not be empty"),
    "no text": (_drop("text"), "field required"),
    "no lead": (_drop("lead"), "field required"),
    "no responsible": (_drop("responsible"), "field required"),
    "no deadline": (_drop("deadline"), "field required"),
}


@settings(SETTINGS, max_examples=60 * SCALE)
@given(raw=ledgers(), data=st.data())
def test_invalid_mutations_are_refused_naming_item_and_field(raw: list[dict[str, Any]], data: st.DataObject) -> None:
    index = data.draw(st.integers(0, len(raw) - 1))
    name = data.draw(st.sampled_from(sorted(MUTATIONS)))
    mutate, message = MUTATIONS[name]
    item = json.loads(json.dumps(raw[index], default=str))  # a deep copy, dates as text
    field = mutate(item)
    if field is None:  # the item has no such record (no progress note, not closed)
        return
    raw = [*raw[:index], item, *raw[index + 1:]]
    with tempfile.TemporaryDirectory() as tmp:
        made = _make(Path(tmp), raw, [None] * len(raw))
        before = (made.data / "items.yaml").read_bytes()
        check = _run(made.root, "check")
        assert check.exit_code == 1, (name, check.stdout)
        wanted = f": item {item['id']}: {field}: "
        hits = [line for line in check.stdout.splitlines() if wanted in line and message in line]
        assert hits, (name, wanted, message, check.stdout)
        assert all(line.startswith("data/items.yaml:") for line in check.stdout.splitlines()[:-1])
        # and a write is refused, with the same lines, writing nothing
        write = _run(made.root, "progress", raw[0]["id"], "x")
        assert write.exit_code == 1
        assert any(wanted in line for line in write.stderr.splitlines())
        assert (made.data / "items.yaml").read_bytes() == before


# ----------------------------------------------------------------------------- byte-level damage

SHIPPED_BYTES = items_text().encode("utf-8")
EDIT = st.tuples(st.integers(0, len(SHIPPED_BYTES)), st.integers(0, 8),
                 st.binary(min_size=0, max_size=6) | st.sampled_from([b": ", b"- ", b"\t", b"&a ", b"*a", b"!!", b"\"",
                                                                      b"\n  ", b"{", b"[", b"\xff", b"\x00", b"---\n"]))


@settings(SETTINGS, max_examples=60 * SCALE)
@given(edits=st.lists(EDIT, min_size=1, max_size=4))
def test_damaged_files_never_crash(edits: list[tuple[int, int, bytes]]) -> None:
    damaged = SHIPPED_BYTES
    for at, cut, insert in edits:
        at = min(at, len(damaged))
        damaged = damaged[:at] + insert + damaged[at + cut:]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_ledger(root, "", UNITS_YAML)
        (root / "data" / "items.yaml").write_bytes(damaged)
        (root / "data" / "departments.yaml").write_bytes((SHIPPED_DATA / "departments.yaml").read_bytes())
        check = _run(root, "check")
        assert check.exit_code in (0, 1)
        if check.exit_code == 1:
            lines = check.stdout.splitlines()
            assert lines[-1].endswith(("problem", "problems")), check.stdout
            assert all(line.startswith(("data/items.yaml", "data/departments.yaml")) for line in lines[:-1]), check.stdout
        before = (root / "data" / "items.yaml").read_bytes()
        write = _run(root, "progress", "1-1", "已走访企业")
        assert write.exit_code in (0, 1)
        if write.exit_code == 1:
            assert (root / "data" / "items.yaml").read_bytes() == before
            assert write.stderr.strip(), "a refusal without a message"
        else:
            assert _run(root, "check").exit_code == check.exit_code
