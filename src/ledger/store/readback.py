"""The check that a re-emitted item block says exactly what was meant, and sits where the old one did."""

from __future__ import annotations

from ledger.core.model import Item
from ledger.core.serialize import item_to_data, without_defaults

WRAPPER = "items:\n"


def dash_column(block: str) -> int:
    return len(block) - len(block.lstrip(" "))


def reads_back(block: str, item: Item) -> bool:
    """The block, parsed on its own with the reading parser, is exactly ``item``: the check every
    write and every merge makes before a re-emitted block goes into a file. Plain data is compared,
    so no validator is needed."""
    from ledger.store.yamlio import YamlProblem, parse

    try:
        back = without_defaults(parse(WRAPPER + block.replace("\r\n", "\n")).data["items"][0])
    except (YamlProblem, KeyError, IndexError, TypeError):
        return False
    return bool(back == item_to_data(item, dates_as_text=True))


def fits(block: str, column: int) -> bool:
    """The block is one sequence entry whose dash stands at ``column``, every other line indented
    deeper, so the file around it parses as before."""
    lines = block.splitlines()
    nested = all(not line.strip() or line.startswith(" " * (column + 1)) for line in lines[1:])
    return bool(lines) and dash_column(block) == column and lines[0][column:].startswith("- ") and nested


def verify(block: str, item: Item, column: int) -> None:
    """Insist that the new block is exactly the intended item and fits where the old one was."""
    from ledger.errors import LedgerError
    from ledger.i18n import tr

    if not fits(block, column):
        raise LedgerError(tr("internal error: item {id} would not read back as written{detail}", id=item.id,
                             detail=" (layout)"))
    if not reads_back(block, item):
        raise LedgerError(tr("internal error: item {id} would not read back as written{detail}", id=item.id, detail=""))
