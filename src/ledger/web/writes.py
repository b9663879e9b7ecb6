"""The web view's changes, each through the command line's own code path.

The web view's changes, each through the command line's own path: ``core.actions`` for the rule,
``git.changes.apply_change`` for the lock, the transaction (quick or full) and the commit when
settings.yaml says ``commit: true``, ``store.changes`` for evidence. The summaries (the commit
message) are the command line's, so a change made here is the same change, byte for byte."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from ledger.core import actions
from ledger.core.model import Evidence, Item
from ledger.environment import today
from ledger.errors import LedgerError
from ledger.git.changes import apply_change, start_commit
from ledger.i18n import tr
from ledger.store.changes import evidence_values, refuse_if_review_required, reviewers, stored_evidence
from ledger.store.transaction import Transaction


def _apply(folder: Path, action: str, item_id: str, change, summary, quick: bool = True) -> Item:  # type: ignore[no-untyped-def]
    return apply_change(folder, action, item_id, change, start_commit(folder, None), summary, quick=quick)


def progress(folder: Path, item_id: str, *, text: str, day: date, by: str | None) -> Item:
    return _apply(folder, "progress", item_id,
                  lambda txn, item: actions.progress(item, text=text, day=day, by=by, today=today(),
                                                     batch_date=txn.batch_date(item.id)),
                  lambda new: text)


def extend(folder: Path, item_id: str, *, to: date, reason: str, approved_by: str | None, day: date) -> Item:
    return _apply(folder, "extend", item_id,
                  lambda txn, item: actions.extend(item, to=to, reason=reason, approved_by=approved_by, day=day,
                                                   today=today(), batch_date=txn.batch_date(item.id)),
                  lambda new: f"to {to}: {reason}")


def _evidence(files: list[Path], texts: list[str]) -> list[tuple[bool, str, str]]:
    return evidence_values(None, [str(f) for f in files], texts)


def close(folder: Path, item_id: str, *, by: str, day: date, files: list[Path], texts: list[str],
          note: str | None) -> Item:
    refuse_if_review_required(folder)
    values = _evidence(files, texts)

    def change(txn: Transaction, item: Item) -> Item:
        placeholder = [Evidence(text=v) for _, v, _ in values]  # refuse before copying anything
        actions.close(item, day=day, by=by, evidence=placeholder, note=note, today=today(),
                      batch_date=txn.batch_date(item.id))
        return actions.close(item, day=day, by=by, evidence=stored_evidence(txn, item.id, values), note=note,
                             today=today(), batch_date=txn.batch_date(item.id))

    return _apply(folder, "close", item_id, change,
                  lambda new: f"closed by {by}" + (" (late)" if new.closed and new.closed.late else ""),
                  quick=not files)


def request(folder: Path, item_id: str, *, by: str, unit: str | None, day: date, files: list[Path],
            texts: list[str]) -> Item:
    values = _evidence(files, texts)

    def change(txn: Transaction, item: Item) -> Item:
        asking = _unit(txn, unit) or item.lead
        placeholder = [Evidence(text=v) for _, v, _ in values]
        actions.request(item, day=day, unit=asking, by=by, evidence=placeholder, today=today(),
                        batch_date=txn.batch_date(item.id))
        return actions.request(item, day=day, unit=asking, by=by, evidence=stored_evidence(txn, item.id, values),
                               today=today(), batch_date=txn.batch_date(item.id))

    return _apply(folder, "request", item_id, change,
                  lambda new: f"sign-off requested by {new.reviews[-1].request.unit}", quick=False)


def review(folder: Path, item_id: str, decision: str, *, by: str, unit: str | None, day: date,
           note: str | None = None, reason: str | None = None) -> Item:
    """``approve`` or ``return`` (退回) a request for sign-off, by the reviewing unit."""
    from ledger.store.settings import read_settings

    settings = read_settings(folder)

    def change(txn: Transaction, item: Item) -> Item:
        units, default = reviewers(txn.ledger, settings.reviewer)
        acting = _unit(txn, unit) or default
        if acting is None:
            raise LedgerError(tr("name the reviewing unit (settings.yaml names no reviewer)"))
        if decision == "approve":
            return actions.approve(item, day=day, unit=acting, by=by, note=note, today=today(), reviewers=units,
                                   lead_may_review=settings.lead_may_review)
        return actions.give_back(item, day=day, unit=acting, by=by, reason=reason or "", today=today(),
                                 reviewers=units, lead_may_review=settings.lead_may_review)

    if decision == "approve":
        return _apply(folder, "approve", item_id, change,
                      lambda new: f"approved by {new.closed.unit if new.closed else ''}", quick=False)
    return _apply(folder, "return", item_id, change, lambda new: reason or "", quick=False)


def _unit(txn: Transaction, name: str | None) -> str | None:
    if name is None or not name.strip():
        return None
    from ledger.core.typed import unit_name

    found = txn.ledger.unit_names().get(unit_name(name))
    if found is None:
        raise LedgerError(tr("unknown unit {name!r}", name=name))
    return found
