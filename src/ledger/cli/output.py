"""Where a command's output goes (``-o FILE`` or stdout), in the format the file's name says, never into the data folder."""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import TypeVar

from ledger.cli.common import out_bytes
from ledger.errors import LedgerError, UsageError, display_path
from ledger.i18n import tr
from ledger.render.terminal import visible

E = TypeVar("E", bound=Enum)

STDOUT = "-"


def chosen_format(output: str | None, given: E | None, by_suffix: dict[str, E], default: E) -> E:
    """The format of an output: ``--format`` if given, else the file's extension (``x.csv`` is csv),
    else (a name with no extension, or stdout) ``default``. A ``--format`` the extension contradicts,
    or an extension that names no format of the command (``x.pdf``), is refused: nothing is guessed."""
    suffix = Path(output).suffix.lower() if output and output != STDOUT else ""
    implied = by_suffix.get(suffix)
    if given is not None and implied is not None and given is not implied:
        raise UsageError(tr("--format {given} contradicts -o {path}, whose name says {implied}: drop --format or "
                            "rename the file", given=given.value, path=output, implied=implied.value))
    if given is None and implied is None and suffix:
        names = ", ".join(sorted(by_suffix))
        raise UsageError(tr("-o {path}: a name ending in {suffix} says no format this command writes (use {names}, "
                            "or give --format)", path=output, suffix=suffix, names=names))
    return given or implied or default


def check_target(output: str, data_dir: Path) -> Path:
    """``-o FILE`` as a path, refused inside the data folder: the ledger's files, its evidence and
    its lock live there, and a report written over them (or beside them, as a new items file)
    would change the ledger behind its own checks. Links are followed to see where it lands."""
    path = Path(output)
    target = Path(os.path.realpath(path))
    data = Path(os.path.realpath(data_dir))
    if target == data or target.is_relative_to(data):
        raise UsageError(tr("-o {path} is inside the data folder {folder}, which holds only the ledger's own "
                            "files: write the output elsewhere", path=output, folder=display_path(data_dir)))
    return path


def write(data: bytes, output: str, data_dir: Path, *, binary: bool = False) -> None:
    """Write ``data`` to ``-o FILE`` atomically (never half-written), or to stdout for ``-o -``.
    A binary file (a workbook) is not sent to a terminal."""
    if output == STDOUT:
        if binary and sys.stdout.isatty():
            raise UsageError(tr("-o -: a workbook is binary and stdout is a terminal: redirect it, or write to a file"))
        out_bytes(data)
        return
    path = check_target(output, data_dir)
    from ledger.store.safeio import atomic_write

    try:
        atomic_write(path, data)
    except OSError as exc:
        raise LedgerError(tr("cannot write {path}: {reason}", path=path, reason=exc.strerror or exc)) from None
    sys.stderr.write(visible(tr("wrote {path}", path=output)) + "\n")
