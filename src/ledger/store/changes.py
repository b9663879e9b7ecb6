"""What a change of one item needs besides the domain's rules: evidence, review settings.

What a change of one item needs besides the domain's rules, for every front end (the command
line, the web view): the evidence given for it, stored inside the transaction, and the settings
that forbid a one-step close-out. Moved here from ``cli.write`` so that both call the same code."""

from __future__ import annotations

from pathlib import Path

from ledger.core.model import Evidence, Ledger
from ledger.errors import LedgerError
from ledger.i18n import msg, tr
from ledger.store.transaction import Transaction


def refuse_if_review_required(folder: Path) -> None:
    """``review: required`` in settings.yaml: an item is closed by a request and its approval only."""
    from ledger.store.settings import read_settings

    if read_settings(folder).review == "required":
        raise LedgerError(tr("review is required (settings.yaml review: required): ask for sign-off with "
                             "ledger request, then ledger approve"))


def evidence_values(evidence: list[str] | None, evidence_file: list[str] | None,
                    evidence_text: list[str] | None) -> list[tuple[bool, str, str]]:
    """The evidence options as (is a file, value, option), in the order recorded; each file checked."""
    from ledger.store.evidence import looks_like_path

    values = [(looks_like_path(v), v, "--evidence") for v in evidence or []]
    values += [(True, v, "--evidence-file") for v in evidence_file or []]
    values += [(False, v, "--evidence-text") for v in evidence_text or []]
    for is_file, value, option in values:
        if is_file:
            _check_evidence_file(value, option)
    return values


def stored_evidence(txn: Transaction, item_id: str, values: list[tuple[bool, str, str]]) -> list[Evidence]:
    """The evidence records, each file copied into ``data/evidence/<id>/`` within the transaction."""
    from ledger.store.evidence import store

    recorded: set[str] = set()
    if any(is_file for is_file, _, _ in values):
        from ledger.store.evidence_orphans import referenced

        recorded = referenced(txn.ledger)  # a file the ledger already records is not copied again
    records: list[Evidence] = []
    for is_file, value, _ in values:
        if is_file:
            with txn.held():  # an interrupt waits until the copy is listed, to be removed if need be
                record, stored = store(txn.ledger.data_dir, item_id, Path(value), recorded)
                if stored is not None:
                    txn.extra_files.append(stored)
                    recorded.add(str(record.file))  # the same content given again is this file
            if record not in records:  # the same content given twice is one file
                records.append(record)
        else:
            records.append(Evidence(text=value.strip()))
    return records


def _check_evidence_file(value: str, option: str) -> None:
    """The file must be there to copy; a value of --evidence that is no file may have been meant
    as text, and the message says how to record it so."""
    import os

    from ledger.store.evidence import check_source

    try:
        check_source(Path(value))
    except LedgerError as exc:
        if option == "--evidence" and not os.path.lexists(value):
            raise LedgerError(tr("{problem}; to record it as text, use --evidence-text", problem=exc.message)) from None
        raise


def reviewers(ledger: Ledger, named: str | None) -> tuple[list[str], str | None]:
    """The reviewing units (departments.yaml ``roles: [reviewer]``, and settings.yaml's ``reviewer``)
    and the default one (settings.yaml's ``reviewer``). No reviewer anywhere: any unit reviews."""
    from ledger.store.settings import settings_problem

    units = [u.name for u in ledger.units if "reviewer" in u.roles]
    default = None
    if named is not None:
        default = ledger.unit_names().get(named)
        if default is None:
            raise settings_problem(ledger.data_dir, "reviewer", msg("unknown unit {name!r}", name=named))
        if default not in units:
            units.append(default)
    return units, default
