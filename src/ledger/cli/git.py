"""Git commands: the merge driver git runs, and ``ledger git setup`` / ``ledger git pre-commit``."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from ledger.cli.common import command, data_dir, out
from ledger.i18n import tr


@command("merge-driver")
def merge_driver_command(
    base: Annotated[Path, typer.Argument(metavar="BASE", help="The common ancestor's version (git's %O).")],
    ours: Annotated[Path, typer.Argument(metavar="OURS", help="Our version, replaced by the result (git's %A).")],
    theirs: Annotated[Path, typer.Argument(metavar="THEIRS", help="Their version (git's %B).")],
    path: Annotated[str, typer.Argument(metavar="PATH", help="The file's path in the repository (git's %P).")],
) -> None:
    """Merge a ledger file item by item. Git runs this during a merge once `ledger git setup`
    has registered it; you do not type it.

    Items changed on one side take that side's block; items added on either side are all kept;
    progress notes, extensions and evidence added on both sides are all kept. The same field
    changed differently on both sides (two close dates) is a conflict: the file is left with
    conflict markers around that item and a note naming the field and both values, the
    conflicts are printed, and the exit code is 1. The result is validated before it is kept.

    Example (what git runs): ledger merge-driver .merge_file_a .merge_file_b .merge_file_c data/items.yaml
    """
    from ledger.git.driver import run_driver

    clean, lines = run_driver(base, ours, theirs, path)
    for line in lines:
        sys.stderr.write(f"ledger merge-driver: {line}\n")
    if not clean:
        raise typer.Exit(code=1)


@command("setup", group="git")
def setup_command(
    uninstall: Annotated[bool, typer.Option("--uninstall", help="Remove exactly what setup added.")] = False,
) -> None:
    """Register the item-level merge driver and the pre-commit check in this clone.

    Adds `data/*.yaml merge=ledger` and `data/items/*.yaml merge=ledger` (and *.yml) to .gitattributes,
    sets `merge.ledger.driver` in the repository's git config (this ledger, by absolute path),
    and installs a pre-commit hook that runs `ledger check` on the staged ledger files (a hook
    already there is kept and runs first). Run it once in every clone; running it again
    changes nothing.

    Examples:

      ledger git setup

      ledger git setup --uninstall
    """
    from ledger.git import setup as gitsetup

    folder = data_dir()
    for line in gitsetup.uninstall(folder) if uninstall else gitsetup.setup(folder):
        out(line + "\n")


@command("pre-commit", group="git")
def pre_commit_command() -> None:
    """Run `ledger check` on the ledger files as they are staged for the next commit.

    This is what the pre-commit hook installed by `ledger git setup` runs: it checks the
    staged version (not the working copy), prints every problem and exits 1 to stop the commit.
    Quiet and quick when the commit does not touch the data folder.

    Example: ledger git pre-commit
    """
    from dataclasses import replace

    from ledger.errors import display_path
    from ledger.git.driver import staged_data
    from ledger.store.evidence import verify_all
    from ledger.store.load import load

    with staged_data(data_dir()) as staged:
        if staged is None:
            return
        copy, real = staged
        ledger = load(copy, use_cache=False)
        problems = list(ledger.problems) or verify_all(ledger)
        copy_text, real_text = str(copy), display_path(real)
        for problem in problems:
            where = Path(problem.path)
            shown = real / where.relative_to(copy) if where.is_relative_to(copy) else where
            fixed = replace(problem, path=str(shown), message=str(problem.message).replace(copy_text, real_text))
            sys.stderr.write(fixed.render() + "\n")
    if problems:
        from ledger.cli.common import problem_count

        sys.stderr.write(tr("ledger: commit stopped by the staged ledger files ({count}): fix them, git add, "
                            "commit again", count=problem_count(len(problems))) + "\n")
        raise typer.Exit(code=1)
