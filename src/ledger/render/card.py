"""One item in full, for ``ledger show``: its fields, then its history in date order."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.table import Table
from rich.text import Text

from ledger.i18n import tr
from ledger.render.tables import Wrapped, status_label, status_text


def _evidence_line(ev: dict[str, Any]) -> str:
    if "file" in ev:
        return f"{ev['file']} ({ev['size']} B, sha256 {ev['sha256'][:12]}…)"
    return str(ev.get("text", ""))


def events(data: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(date, kind, description) for every record, oldest first."""
    events: list[tuple[str, str, str]] = []
    for note in data["progress"]:
        who = f" — {note['by']}" if note.get("by") else ""
        events.append((note["date"], tr("Progress"), note["text"] + who))
    for ext in data["extension_history"]:
        who = f" — {ext['approved_by']}" if ext.get("approved_by") else ""
        events.append((ext["date"], tr("Extensions"),
                       tr("deadline {previous} → {to}: {reason}", previous=ext["previous"], to=ext["to"],
                          reason=ext["reason"]) + who))

    def closeout(c: dict[str, Any]) -> None:
        parts = [tr("closed by {by}", by=c["by"])]
        if c.get("late"):
            parts.append(tr("late"))
        if c.get("note"):
            parts.append(c["note"])
        parts += [tr("Evidence") + ": " + _evidence_line(ev) for ev in c["evidence"]]
        events.append((c["date"], tr("Close-out"), "\n".join(parts)))

    for k, rnd in enumerate(data.get("reviews", []), 1):  # every round: the request, then its outcome
        ask = rnd["request"]
        events.append((ask["date"], tr("Request {n}", n=k), "\n".join(
            [f"{ask['unit']} — {ask['by']}"] + [tr("Evidence") + ": " + _evidence_line(ev) for ev in ask["evidence"]])))
        if rnd.get("outcome"):
            o = rnd["outcome"]
            kind = tr("Approved") if o["decision"] == "approved" else tr("Returned")
            said = o.get("reason") or o.get("note")
            events.append((o["date"], kind, f"{o['unit']} — {o['by']}" + (f": {said}" if said else "")))
    for past in data["history"]:
        closeout(past["closed"])
        r = past["reopened"]
        who = f" — {r['by']}" if r.get("by") else ""
        events.append((r["date"], tr("reopened"), r["reason"] + who))
    if data["closed"]:
        closeout(data["closed"])
    for e in data.get("edits", []):  # each changed field with the value it had before
        olds = [f"{edited_field(name)}: {_old(e.get(name))}" for name in e["changed"]]
        events.append((e["date"], tr("Edit"), "\n".join([e["reason"] + f" — {e['by']}",
                                                         tr("before: {values}", values="; ".join(olds))])))
    return sorted(events, key=lambda e: e[0])


EDITED_LABELS = {"text": "Feedback", "lead": "Lead", "responsible": "Responsible", "source": "Source",
                 "deadline": "Deadline"}
"""The fields ``ledger edit`` corrects, as the card labels them; under --lang zh they are named so."""


def edited_field(name: str) -> str:
    """A corrected field's name: its json name, or its label in Chinese."""
    from ledger.i18n import language

    return tr(EDITED_LABELS[name]) if language() == "zh" and name in EDITED_LABELS else name


def _old(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(value)
    return tr("ongoing") if value == "ongoing" else str(value) if value is not None else "—"


def field_rows(data: dict[str, Any], batch: str | None) -> list[tuple[str, str]]:
    """(label, value) of the item's fields, in the card's order, the empty ones left out."""
    deadline = tr("ongoing") if data["deadline"] == "ongoing" else data["deadline"]
    if data["original_deadline"] != data["deadline"]:
        deadline += "  " + tr("(originally {date})", date=data["original_deadline"])
    units = "、".join(data["responsible"]) + (tr("(and other departments)") if data["and_others"] else "")
    rows = [
        (tr("ID"), data["id"]),
        (tr("Source"), data["source"] or batch or ""),
        (tr("Question"), str(data["question"] or "")),
        (tr("Feedback"), data["text"]),
        (tr("Lead"), data["lead"]),
        (tr("Responsible"), units),
        (tr("Leader"), data["leader"] or ""),
        (tr("Contact"), data.get("contact") or ""),
        (tr("Category"), data.get("category") or ""),
        (tr("Target"), data.get("target") or ""),
        (tr("Measures"), data.get("measures") or ""),
        (tr("Deadline"), deadline),
        (tr("Status"), status_label(data)),
        (tr("Claimed done"), tr("{date} {text} (awaiting evidence and sign-off)", date=data["claimed"]["date"],
                                text=data["claimed"]["text"]) if data.get("awaiting_evidence") else ""),
        (tr("Remarks"), data.get("remarks") or ""),
    ]
    return [(label, value) for label, value in rows if value != ""]


def item_card(data: dict[str, Any], batch: str | None, as_of: str) -> Group:
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")
    status = tr("Status")
    for label, value in field_rows(data, batch):
        fields.add_row(label, status_text(data) if label == status else Wrapped(value))
    parts: list[Any] = [fields]
    history_events = events(data)  # the records as they stood on the day (``reports.rows.detail``)
    later = data.get("later_records", 0)
    if history_events:
        history = Table(title=tr("History"), title_justify="left", show_lines=True)
        history.add_column(tr("Date"), no_wrap=True)
        history.add_column(tr("Record"), no_wrap=True)
        history.add_column(tr("Details"), overflow="fold")
        for day, kind, text in history_events:
            history.add_row(day, kind, Wrapped(text))
        parts += [Text(""), history]
    if later:
        parts.append(Text(tr("1 later record is not shown") if later == 1 else
                          tr("{n} later records are not shown", n=later), style="dim"))
    parts.append(Text(tr("as of {date}", date=as_of), style="dim"))
    return Group(*parts)
