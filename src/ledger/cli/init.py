"""The init command: a new ledger repository with empty items, a units template, settings and git set up."""

from pathlib import Path
from typing import Annotated

import typer

from ledger.cli.common import command, out
from ledger.errors import LedgerError, display_path
from ledger.i18n import tr


@command("init")
def init_command(
    folder: Annotated[Path, typer.Argument(metavar="DIR", help="The new ledger's repository (made if missing).")],
) -> None:
    """Start a ledger of your own in DIR: a git repository (made if DIR is not in one) with
    data/items.yaml (no items yet), data/departments.yaml (no units yet, a commented template),
    data/settings.yaml and a README; then `ledger git setup` registers the item-level merge
    and the pre-commit check. A DIR whose data/ already holds a ledger is refused, and nothing
    is changed. `ledger --data DIR/data check` passes at once.

    Example: ledger init 整改台账 && cd 整改台账 && ledger units add 区财政局 --kind district
    """
    from ledger.git import setup as gitsetup
    from ledger.git.run import git, text
    from ledger.store.scaffold import refuse_existing, write_new

    data = folder / "data"
    refuse_existing(folder, data)
    inside = folder.is_dir() and git(folder, "rev-parse", "--is-inside-work-tree", check=False).returncode == 0
    if inside and text(git(folder, "rev-parse", "--is-inside-work-tree")) != "true":
        raise LedgerError(tr("{path} is inside a git folder but not in a work tree; nothing was changed",
                             path=display_path(folder)))
    folder.mkdir(parents=True, exist_ok=True)
    if inside:
        root = Path(text(git(folder, "rev-parse", "--show-toplevel")))
        out(tr("using the git repository at {path}", path=display_path(root)) + "\n")
    else:
        git(folder, "init", "-q")
        out(tr("created a git repository in {path}", path=display_path(folder)) + "\n")
    for line in write_new(folder, data):
        out(line + "\n")
    try:
        done = gitsetup.setup(data)
    except LedgerError as exc:
        raise LedgerError(tr("the ledger is in place, but ledger git setup did not run: {reason}; fix that, then run "
                             "ledger git setup in {path}", reason=exc.message or exc, path=display_path(folder))) from None
    for line in done:
        out(line + "\n")
    out(tr("next: cd {path}; ledger units add NAME --kind district|city|enterprise|group; "
           "ledger import 台账.xlsx --dry-run; git add -A && git commit", path=display_path(folder)) + "\n")
