"""An item's whole history as one timeline, oldest first, from ``ledger show``'s record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ledger.i18n import tr


@dataclass
class Event:
    date: str
    kind: str  # added, progress, extension, request, approved, returned, closed, reopened, edit
    title: str
    text: str = ""
    by: str | None = None
    evidence: list[dict[str, Any]] = field(default_factory=list)


def _evidence(records: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [dict(r) for r in records or []]


def events(data: dict[str, Any]) -> list[Event]:
    out: list[Event] = []
    if data.get("added"):
        out.append(Event(data["added"], "added", tr("entered the ledger"), data.get("source") or ""))
    for note in data.get("progress", []):
        out.append(Event(note["date"], "progress", tr("Progress note"), note["text"], note.get("by")))
    for ext in data.get("extension_history", []):
        out.append(Event(ext["date"], "extension", tr("extended to {to} (was {previous})", to=ext["to"],
                                                      previous=ext.get("previous")), ext["reason"], ext.get("approved_by")))
    for review in data.get("reviews", []):
        req = review["request"]
        out.append(Event(req["date"], "request", tr("sign-off requested by {unit}", unit=req["unit"]), "", req.get("by"),
                         _evidence(req.get("evidence", []))))
        outcome = review.get("outcome")
        if outcome:
            approved = outcome["decision"] == "approved"
            out.append(Event(outcome["date"], "approved" if approved else "returned",
                             tr("approved by {unit}", unit=outcome["unit"]) if approved
                             else tr("returned by {unit}", unit=outcome["unit"]),
                             outcome.get("note") or outcome.get("reason") or "", outcome.get("by")))
    for past in data.get("history", []):
        closed, reopened = past["closed"], past["reopened"]
        out.append(_closed_event(closed))
        out.append(Event(reopened["date"], "reopened", tr("reopened (look-back)"), reopened["reason"], reopened.get("by")))
    if data.get("closed"):
        out.append(_closed_event(data["closed"]))
    for edit in data.get("edits", []):
        out.append(Event(str(edit.get("date", "")), "edit", tr("corrected"), str(edit.get("reason", "")), edit.get("by")))
    order = {"added": 0, "progress": 1, "extension": 2, "edit": 3, "request": 4, "returned": 5, "approved": 6,
             "closed": 7, "reopened": 8}
    return sorted(out, key=lambda e: (e.date, order.get(e.kind, 9)))


def _closed_event(closed: dict[str, Any]) -> Event:
    title = tr("closed") + (" (" + tr("late") + ")" if closed.get("late") else "")
    return Event(closed["date"], "closed", title, closed.get("note") or "", closed.get("by"),
                 _evidence(closed.get("evidence", [])))
