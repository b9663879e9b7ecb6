"""The cold path of ``store.load``: parse, validate, check and locate every problem.

Imported only when the cache misses (or to re-check a ledger before a write), since it pulls in
the YAML parser and pydantic.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ledger.core.checks import Finding, PlacedItem, check_ids, check_units_exist, run_all
from ledger.core.model import Item, ItemsFile, Ledger, LedgerFile, Unit
from ledger.errors import Problem, display_path, field_name
from ledger.i18n import Message, msg
from ledger.store.files import decode
from ledger.store.stream import STREAM_FROM
from ledger.store.yamlio import CONFLICT_MARKER, YamlProblem, locate, parse


class _Collector:
    """Problems of one file, by path into its data, located together at the end."""

    def __init__(self, path: Path, text: str | None):
        self.path = path
        self.text = text
        self.pending: list[tuple[tuple[Any, ...], str, str | None]] = []
        self.ready: list[Problem] = []

    def add(self, path: tuple[Any, ...], message: str | Message, item: str | None = None) -> None:
        self.pending.append((path, message, item))

    def problems(self) -> list[Problem]:
        out = list(self.ready)
        if self.pending and self.text is not None:
            marks = locate(self.text, [p for p, _, _ in self.pending])
            for path, message, item in self.pending:
                line, col = marks.get(path, (None, None))
                fld = field_name(path[2:]) if len(path) > 2 and path[0] == "items" else field_name(path)
                out.append(Problem(str(self.path), message, line, col, item, fld or None))
        return out


def _item_id(raw: Any) -> str | None:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str | int):
        return str(raw["id"])
    return None


def _load_items_file(path: Path, content: bytes | Problem) -> tuple[LedgerFile, list[Problem], str | None, _Extra]:
    empty, none = LedgerFile(path, [], []), _Extra([], [], [])
    if isinstance(content, Problem):
        return empty, [content], None, none
    text = decode(content, path)
    if isinstance(text, Problem):
        return empty, [text], None, none
    if not text.strip():
        return empty, [Problem(str(path), msg("file is empty"), 1, 1)], None, none
    if len(text) >= STREAM_FROM:  # a large file: block by block, never its whole document tree at once
        from ledger.store.stream import read_in_runs

        streamed = read_in_runs(text)
        if streamed is not None:
            header, items, lines = streamed
            file = LedgerFile(path, items, lines, batch=header.batch, questions=dict(header.questions))
            return file, [], text, _Extra(list(range(len(items))), [], lines)
    try:
        parsed = parse(text)
    except YamlProblem as exc:
        if CONFLICT_MARKER.search(text):  # explain a merge conflict: which item, field, both values
            from ledger.store.markers import conflict_problems

            return empty, conflict_problems(path, text), None, none
        return empty, [Problem(str(path), exc.message, exc.line, exc.col)], None, none
    from ledger.store.validate import validate_items_file  # pydantic: only on this cold path

    out = _Collector(path, text)
    data = parsed.data
    raw_items = data.get("items", [])
    head, errors = validate_items_file({k: v for k, v in data.items() if k != "items"})
    for loc, message in errors:
        out.add(loc, message)
    if not isinstance(raw_items, list):
        out.add(("items",), msg("expected a list"))
        raw_items = []
    items, bad = _validate_items(raw_items)
    for index, loc, message in bad:
        out.add(("items", index, *loc), message, _item_id(raw_items[index]))
    bad_indexes = {b[0] for b in bad}
    lines = [parsed.item_lines[i] for i in range(len(raw_items)) if i not in bad_indexes]
    salvaged = [(i, _salvage(raw_items[i])) for i in sorted(bad_indexes)]
    file = LedgerFile(path, items, lines,
                      batch=head.batch if isinstance(head, ItemsFile) else None,
                      questions=dict(head.questions) if isinstance(head, ItemsFile) else {})
    extra = _Extra([i for i in range(len(raw_items)) if i not in bad_indexes],
                   [(i, s) for i, s in salvaged if s is not None], parsed.item_lines)
    return file, out.problems(), text, extra


@dataclass(slots=True)
class _Extra:
    """What the cross-record checks need beyond the loaded file: each valid item's position in
    the YAML list, and the id and units of the items that failed validation (so that duplicate
    ids and unknown units are reported for them too)."""

    positions: list[int]
    salvaged: list[tuple[int, Any]]
    lines: list[int]


@dataclass(frozen=True, slots=True)
class _Salvaged:
    """What the unit and id checks read of an item that failed validation (its rounds are not trusted)."""

    id: str
    lead: str
    responsible: tuple[str, ...]
    reviews: tuple[()] = ()


def _salvage(raw: Any) -> _Salvaged | None:
    if not isinstance(raw, dict) or not isinstance(raw.get("id"), str):
        return None
    lead = raw.get("lead") if isinstance(raw.get("lead"), str) else ""
    resp = raw.get("responsible")
    responsible = tuple(resp) if isinstance(resp, list) and all(isinstance(r, str) for r in resp) else ()
    return _Salvaged(raw["id"], lead or "", responsible)


def _validate_items(raw_items: list[Any]) -> tuple[list[Item], list[tuple[int, tuple[Any, ...], str]]]:
    """All items at once (the fast path); item by item only when something is wrong, so that
    every problem is found and the valid items are kept."""
    from ledger.store.validate import validate

    whole, errors = validate(list[Item], raw_items)
    if not errors:
        return list(whole), []
    items: list[Item] = []
    bad: list[tuple[int, tuple[Any, ...], str]] = []
    for index, raw in enumerate(raw_items):
        one, item_errors = validate(Item, raw)
        if item_errors:
            bad += [(index, loc, message) for loc, message in item_errors]
        else:
            items.append(one)
    return items, bad


def _load_units(path: Path, content: bytes | Problem) -> tuple[list[Unit], list[Problem], str | None]:
    if isinstance(content, Problem):
        return [], [content], None
    text = decode(content, path)
    if isinstance(text, Problem):
        return [], [text], None
    if not text.strip():
        return [], [Problem(str(path), msg("file is empty"), 1, 1)], None
    try:
        parsed = parse(text)
    except YamlProblem as exc:
        return [], [Problem(str(path), exc.message, exc.line, exc.col)], None
    from ledger.store.validate import validate_units_file

    out = _Collector(path, text)
    units_file, errors = validate_units_file(parsed.data)
    for loc, message in errors:
        out.add(loc, message)
    return (list(units_file.units) if units_file else []), out.problems(), text


def build(data_dir: Path, paths: list[Path], units_path: Path, contents: dict[Path, bytes | Problem]) -> Ledger:
    gc.disable()  # parsing builds millions of small objects that are all kept: collection only costs
    try:
        files: list[LedgerFile] = []
        problems: list[Problem] = []
        texts: dict[Path, str] = {}
        extras: list[_Extra] = []
        for path in paths:
            file, file_problems, text, extra = _load_items_file(path, contents[path])
            files.append(file)
            extras.append(extra)
            problems += file_problems
            if text is not None:
                texts[path] = text
        units, unit_problems, units_text = _load_units(units_path, contents[units_path])
        problems += unit_problems
        if units_text is not None:
            texts[units_path] = units_text
        ledger = Ledger(data_dir, files, units_path, units, problems)
        if not unit_problems:
            ledger.problems += _located(ledger, texts, extras)
        order = {str(p): n for n, p in enumerate([*paths, units_path])}
        ledger.problems.sort(key=lambda p: (order.get(p.path, len(order)), p.line or 0, p.col or 0))
        return ledger
    finally:
        gc.enable()


def _located(ledger: Ledger, texts: dict[Path, str], extras: list[_Extra] | None = None,
             only: set[tuple[int, int]] | None = None) -> list[Problem]:
    """Run the cross-record checks (on ``only`` these items, if given) and put a line and
    column on each finding."""
    placed: list[PlacedItem] = []
    salvaged: list[PlacedItem] = []
    for fi, f in enumerate(ledger.files):
        positions = extras[fi].positions if extras else range(len(f.items))
        batch_date = f.batch.date if f.batch else None
        if only is not None:
            placed += [PlacedItem(f.items[ii], fi, ii, batch_date) for (fj, ii) in sorted(only) if fj == fi]
            continue
        placed += [PlacedItem(item, fi, pos, batch_date) for item, pos in zip(f.items, positions, strict=True)]
        if extras:
            salvaged += [PlacedItem(s, fi, pos, None) for pos, s in extras[fi].salvaged]

    def where(p: PlacedItem) -> str:
        f = ledger.files[p.file]
        lines = extras[p.file].lines if extras else f.item_lines
        return f"{display_path(f.path)}:{lines[p.index]}"

    findings: list[Finding] = run_all(placed, ledger.units, [f.questions for f in ledger.files], where)
    if salvaged:
        findings += check_units_exist(salvaged, ledger.units)
        known = {(f.file, f.path) for f in findings}
        everything = sorted([*placed, *salvaged], key=lambda p: (p.file, p.index))
        findings += [f for f in check_ids(everything, where) if (f.file, f.path) not in known]
    by_file: dict[int, _Collector] = {}
    for finding in findings:
        path = ledger.units_path if finding.file == -1 else ledger.files[finding.file].path
        collector = by_file.setdefault(finding.file, _Collector(path, texts.get(path)))
        collector.add(finding.path, finding.message, finding.item)
    out: list[Problem] = []
    for key in sorted(by_file):
        out += sorted(by_file[key].problems(), key=lambda p: (p.line or 0, p.col or 0))
    return out


def cross_check(ledger: Ledger, new_texts: dict[int, str], only: set[tuple[int, int]] | None = None) -> list[Problem]:
    """The cross-record checks over a ledger changed in memory, located in the new texts."""
    texts = dict(ledger.texts or {})
    for fi, text in new_texts.items():
        texts[ledger.files[fi].path] = text
    return _located(ledger, texts, None, only)
