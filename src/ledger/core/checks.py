"""Cross-record rules: each a small function over the whole ledger returning findings.

A finding names the file, a path into it (``("items", 4, "lead")``), the item and a message;
``store.build`` turns the path into a line and column. Schema rules live in the model; these are
the rules that need more than one record, or more than one field, to decide.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Any

from ledger.core.corrections import edit_problems
from ledger.core.model import Item, Unit
from ledger.core.review import round_problems
from ledger.core.texts import control_problem, text_problems
from ledger.i18n import Message, msg


@dataclass(frozen=True, slots=True)
class Finding:
    file: int  # index into the ledger's files; -1 for the units file
    path: tuple[Any, ...]
    message: str | Message
    item: str | None = None


@dataclass(frozen=True, slots=True)
class PlacedItem:
    """An item with where it sits: which file, which position in that file's ``items:``."""

    item: Item
    file: int
    index: int
    batch_date: date | None


ID_PATTERN = re.compile(r"^[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*$")


def unit_lookup(units: Iterable[Unit]) -> dict[str, Unit]:
    """Every name and alias → its unit."""
    table: dict[str, Unit] = {}
    for unit in units:
        for name in (unit.name, *unit.aliases):
            table.setdefault(name, unit)
    return table


def check_unique_units(units: list[Unit]) -> Iterator[Finding]:
    owner: dict[str, str] = {}
    for i, unit in enumerate(units):
        for j, name in enumerate((unit.name, *unit.aliases)):
            path: tuple[Any, ...] = ("units", i, "name") if j == 0 else ("units", i, "aliases", j - 1)
            if name in owner:
                yield Finding(-1, path, msg("duplicate unit name or alias {name!r} (also {other!r})",
                                           name=name, other=owner[name]))
            else:
                owner[name] = unit.name


def check_ids(placed: list[PlacedItem], where: Callable[[PlacedItem], str]) -> Iterator[Finding]:
    first: dict[str, PlacedItem] = {}
    for p in placed:
        item_id = p.item.id
        if not ID_PATTERN.match(item_id):
            yield Finding(p.file, ("items", p.index, "id"), msg(
                "invalid id {id!r}: use letters, digits and dashes, such as 2-8", id=item_id), item_id)
        if item_id in first:
            yield Finding(p.file, ("items", p.index, "id"),
                          msg("duplicate id {id!r} (first at {where})", id=item_id, where=where(first[item_id])),
                          item_id)
        else:
            first[item_id] = p


def _closest(name: str, names: Iterable[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(name, list(names), n=1, cutoff=0.5)
    return match[0] if match else None


def check_units_exist(placed: list[PlacedItem], units: list[Unit]) -> Iterator[Finding]:
    lookup = unit_lookup(units)
    canonical = [u.name for u in units]
    for p in placed:
        names: list[tuple[tuple[Any, ...], str]] = [(("items", p.index, "lead"), p.item.lead)]
        names += [(("items", p.index, "responsible", k), n) for k, n in enumerate(p.item.responsible)]
        for k, r in enumerate(p.item.reviews):  # who asked and who reviewed, in each round
            names.append((("items", p.index, "reviews", k, "request", "unit"), r.request.unit))
            if r.outcome is not None:
                names.append((("items", p.index, "reviews", k, "outcome", "unit"), r.outcome.unit))
        seen: set[str] = set()
        for path, name in names:
            if path[2] == "responsible":
                if name in seen:
                    yield Finding(p.file, path, msg("responsible units list {name!r} twice", name=name), p.item.id)
                seen.add(name)
            if name and name not in lookup:
                guess = _closest(name, canonical)
                message = (msg("unknown unit {name!r}; did you mean {suggestion}?", name=name, suggestion=guess)
                           if guess else msg("unknown unit {name!r}", name=name))
                yield Finding(p.file, path, message, p.item.id)
            elif name and lookup[name].name != name:
                # One rule: a file names a unit by its full name. An alias is for typing (--lead 财政局);
                # written into the file, list --lead, report and the merge would see two units.
                yield Finding(p.file, path, msg("{name!r} is an alias of {canonical!r}: write the unit's name",
                                                name=name, canonical=lookup[name].name), p.item.id)


def check_texts(placed: list[PlacedItem]) -> Iterator[Finding]:
    for p in placed:
        item = p.item
        for fld in ("text", "lead"):
            if not getattr(item, fld).strip():
                yield Finding(p.file, ("items", p.index, fld), msg("must not be empty"), item.id)
        for k, note in enumerate(item.progress):
            if not note.text.strip():
                yield Finding(p.file, ("items", p.index, "progress", k, "text"), msg("must not be empty"), item.id)
        if not item.responsible:
            yield Finding(p.file, ("items", p.index, "responsible"), msg("must not be empty"), item.id)


def check_control_characters(placed: list[PlacedItem], units: list[Unit],
                             questions: list[dict[str, str]]) -> Iterator[Finding]:
    """No text holds a control character, nor a line break outside a long text (``core.texts``)."""
    for p in placed:
        for path, problem in text_problems(p.item):
            yield Finding(p.file, ("items", p.index, *path), problem, p.item.id)
    for i, unit in enumerate(units):
        for path, problem in text_problems(unit):
            yield Finding(-1, ("units", i, *path), problem)
    for fi, prompts in enumerate(questions):
        for key, text in prompts.items():
            problem = control_problem(text, True) or control_problem(key, False)
            if problem is not None:
                yield Finding(fi, ("questions", key), problem)


def _check_evidence(p: PlacedItem, base: tuple[Any, ...], evidence: tuple[Any, ...]) -> Iterator[Finding]:
    if not evidence:
        yield Finding(p.file, base, msg("a close-out needs at least one piece of evidence"), p.item.id)
    for k, ev in enumerate(evidence):
        path = (*base, k)
        if ev.text is None and ev.file is None:
            yield Finding(p.file, path, msg("evidence needs either text or file"), p.item.id)
        elif ev.text is not None and ev.file is not None:
            yield Finding(p.file, path, msg("evidence has both text and file"), p.item.id)
        elif ev.file is not None and (ev.size is None or ev.sha256 is None):
            yield Finding(p.file, path, msg("evidence file needs size and sha256"), p.item.id)
        elif ev.text is not None and not ev.text.strip():
            yield Finding(p.file, (*path, "text"), msg("must not be empty"), p.item.id)
        if ev.file is not None and (ev.file.startswith("/") or ".." in ev.file.split("/")
                                    or not ev.file.startswith("evidence/")):
            yield Finding(p.file, (*path, "file"),
                          msg("evidence path {file} leaves the evidence folder", file=ev.file), p.item.id)


def check_consistency(placed: list[PlacedItem]) -> Iterator[Finding]:
    """A closed item has a close-out with evidence; the status agrees with the records; dates
    are not before the batch; extensions chain correctly."""
    for p in placed:
        item, at = p.item, ("items", p.index)
        if item.status == "closed" and item.closed is None:
            yield Finding(p.file, (*at, "status"), msg("status is closed but there is no close-out record"), item.id)
        if item.closed is not None and item.status != "closed":
            yield Finding(p.file, (*at, "status"),
                          msg("a close-out is recorded but status is {status!r}", status=item.status), item.id)
        if item.status == "in_progress" and not item.progress and not item.reviews:  # a return: back in progress
            yield Finding(p.file, (*at, "status"), msg("status is in_progress but there is no progress note"), item.id)
        if item.closed is not None:
            yield from _check_evidence(p, (*at, "closed", "evidence"), item.closed.evidence)
            if p.batch_date and item.closed.date < p.batch_date:
                yield Finding(p.file, (*at, "closed", "date"), msg(
                    "the close-out date {date} is before the item's batch date {batch}",
                    date=item.closed.date, batch=p.batch_date), item.id)
        for k, past in enumerate(item.history):
            yield from _check_evidence(p, (*at, "history", k, "closed", "evidence"), past.closed.evidence)
        for k, r in enumerate(item.reviews):
            yield from _check_evidence(p, (*at, "reviews", k, "request", "evidence"), r.request.evidence)
        yield from (Finding(p.file, (*at, *path), message, item.id) for path, message in round_problems(item))
        yield from _check_entered(p)
        previous: Any = item.deadline
        last: date | None = None
        for k, ext in enumerate(item.extensions):
            if last is not None and ext.date < last:
                yield Finding(p.file, (*at, "extensions", k, "date"), msg("extensions must be in date order"), item.id)
            if ext.previous != previous:
                yield Finding(p.file, (*at, "extensions", k, "previous"), msg(
                    "extension's previous deadline {previous} does not match the deadline then in force {expected}",
                    previous=ext.previous, expected=previous), item.id)
            previous, last = ext.to, ext.date


def _check_entered(p: PlacedItem) -> Iterator[Finding]:
    """A hand edit keeps the rules ``add`` and the other commands keep: an item enters the ledger
    no earlier than its batch, and nothing happens to it before it entered."""
    item, at = p.item, ("items", p.index)
    if item.added is None:
        return
    if p.batch_date and item.added < p.batch_date:
        yield Finding(p.file, (*at, "added"), msg("date {date} is before the batch date {batch}", date=item.added,
                                                  batch=p.batch_date), item.id)
    events: list[tuple[tuple[Any, ...], date]] = [((*at, "progress", k, "date"), n.date) for k, n in enumerate(item.progress)]
    events += [((*at, "extensions", k, "date"), e.date) for k, e in enumerate(item.extensions)]
    if item.closed is not None:
        events.append(((*at, "closed", "date"), item.closed.date))
    events += [((*at, "history", k, "closed", "date"), h.closed.date) for k, h in enumerate(item.history)]
    events += [((*at, "reviews", k, "request", "date"), r.request.date) for k, r in enumerate(item.reviews)]
    for path, day in events:
        if day < item.added:
            yield Finding(p.file, path, msg("{what} {date} is before the item entered the ledger ({added})",
                                            what="date", date=day, added=item.added), item.id)


def check_questions(placed: list[PlacedItem], questions: list[dict[str, str]]) -> Iterator[Finding]:
    for p in placed:
        q = p.item.question
        prompts = questions[p.file]
        if q is not None and prompts and str(q) not in prompts:
            yield Finding(p.file, ("items", p.index, "question"),
                          msg("question {question} has no prompt in questions:", question=q), p.item.id)


def run_all(placed: list[PlacedItem], units: list[Unit], questions: list[dict[str, str]],
            where: Callable[[PlacedItem], str]) -> list[Finding]:
    findings: list[Finding] = []
    findings += check_unique_units(units)
    findings += check_ids(placed, where)
    findings += check_units_exist(placed, units)
    findings += check_texts(placed)
    findings += check_control_characters(placed, units, questions)
    findings += check_consistency(placed)
    findings += check_questions(placed, questions)
    findings += [Finding(p.file, path, m, p.item.id) for p in placed if p.item.edits
                 for path, m in edit_problems(p.item, ("items", p.index))]
    return findings
