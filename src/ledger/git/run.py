"""The one way the tool runs git: in a folder, output as bytes, failures as one-line errors."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from ledger.errors import LedgerError
from ledger.i18n import tr


def git(folder: Path, *args: str, check: bool = True, stdin: bytes | None = None,
        env: dict[str, str] | None = None, detached: bool = False) -> subprocess.CompletedProcess[bytes]:
    """``git -C folder ARGS``; with ``check``, a non-zero exit is a ``LedgerError`` naming the
    subcommand and git's own message. ``env`` adds variables (``GIT_INDEX_FILE``). ``detached``:
    in a process group of its own, so that a Ctrl-C in the terminal does not stop git in the
    middle of a change that must complete (the ledger holds the interrupt until it has)."""
    try:
        result = subprocess.run(["git", "-C", str(folder), *args], capture_output=True, input=stdin, check=False,
                                env={**os.environ, **env} if env else None, process_group=0 if detached else None)
    except FileNotFoundError:
        raise LedgerError(tr("git is not installed")) from None
    if check and result.returncode != 0:
        raise LedgerError(tr("git {cmd} failed: {msg}", cmd=args[0], msg=text(result, err=True)))
    return result


def text(result: subprocess.CompletedProcess[bytes], err: bool = False) -> str:
    """What git printed (stdout, or with ``err`` stderr falling back to stdout), decoded and stripped."""
    data = (result.stderr or result.stdout) if err else result.stdout
    return data.decode("utf-8", "replace").strip()


def repo_root(folder: Path) -> Path:
    """The top of the working tree ``folder`` is in."""
    result = git(folder, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        raise LedgerError(tr("{folder} is not inside a git repository", folder=folder))
    return Path(text(result))


def relative(folder: Path, root: Path) -> str:
    """``folder`` as a path inside the repository at ``root`` (posix form)."""
    rel = Path(os.path.relpath(folder.resolve(), root.resolve())).as_posix()
    if rel.startswith(".."):
        raise LedgerError(tr("{folder} is not inside a git repository", folder=folder))
    return rel


def output(result: subprocess.CompletedProcess[bytes]) -> str:
    """git's stdout, decoded as it is (not stripped)."""
    return result.stdout.decode("utf-8", "replace")
