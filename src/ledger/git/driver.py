"""What git runs: the merge driver (``ledger merge-driver %O %A %B %P``) and the staged tree for the hook.

Items files are merged item by item (``merge_file``), the other data files (``departments.yaml``)
line by line with ``git merge-file``; the result goes into %A and the conflicts come back as
lines to print.
"""

from __future__ import annotations

import codecs
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ledger.errors import LedgerError
from ledger.git.run import git, relative, repo_root
from ledger.i18n import tr
from ledger.store.files import decode

# ----------------------------------------------------------------------------- the hook's check

@contextmanager
def staged_data(data_dir: Path) -> Iterator[tuple[Path, Path] | None]:
    """The data folder as it is staged, exported to a temporary folder: (copy, real folder),
    or None when the commit changes nothing in the data folder."""
    root = repo_root(data_dir)
    rel = relative(data_dir, root)
    changed = git(root, "diff", "--cached", "--name-only", "-z", "--", rel).stdout
    if not changed.strip(b"\0"):
        yield None
        return
    listing = git(root, "ls-files", "-z", "--", rel).stdout
    with tempfile.TemporaryDirectory(prefix="ledger-staged-") as tmp:
        git(root, "checkout-index", f"--prefix={tmp}/", "-z", "--stdin", stdin=listing)
        copy = Path(tmp) / rel
        copy.mkdir(parents=True, exist_ok=True)
        yield copy, root / rel


# ----------------------------------------------------------------------------- the merge driver

def _data_dir_of(path: Path) -> tuple[Path, bool]:
    """The data folder a merged file belongs to, and whether it is an items file."""
    if path.parent.name == "items":
        return path.parent.parent, True
    return path.parent, path.name == "items.yaml"


def run_driver(base: Path, ours: Path, theirs: Path, shown: str, cwd: Path | None = None) -> tuple[bool, list[str]]:
    """Merge %O (base), %A (ours, overwritten with the result) and %B (theirs) of the file git
    calls %P (``shown``, relative to the working tree's top, where git runs drivers).
    Returns (clean, lines to print)."""
    from ledger.git import merge_file as merge
    from ledger.store.files import UNITS_FILE, item_files

    top = cwd or Path.cwd()
    data_dir, is_items = _data_dir_of(top / shown)
    if not is_items:
        return _line_merge(base, ours, theirs, [tr("{path}: not an items file; merged line by line", path=shown)])
    raw = [p.read_bytes() for p in (base, ours, theirs)]
    base_text, ours_text, theirs_text = (decode(data, p) for data, p in zip(raw, (base, ours, theirs), strict=True))
    if not (isinstance(base_text, str) and isinstance(ours_text, str) and isinstance(theirs_text, str)):
        return _line_merge(base, ours, theirs, [tr("{path}: cannot merge item by item ({reason}); merged line by line",
                                                  path=shown, reason="not UTF-8")])
    bom = "\ufeff" if raw[1].startswith(codecs.BOM_UTF8) else ""  # ours keeps the byte-order mark it had
    units_path = data_dir / UNITS_FILE
    target = (top / shown).resolve()
    context = merge.Context(
        path=top / shown, data_dir=data_dir,
        units=units_path.read_bytes() if units_path.is_file() else None,
        others={p: p.read_bytes() for p in (item_files(data_dir) if data_dir.is_dir() else [])
                if p.resolve() != target and p.is_file()},
    )
    try:
        result = merge.merge(base_text, ours_text, theirs_text, context)
    except merge.Unmergeable as exc:
        return _line_merge(base, ours, theirs, [tr("{path}: cannot merge item by item ({reason}); merged line by line",
                                                  path=shown, reason=str(exc))])
    ours.write_bytes((bom + result.text).encode("utf-8"))
    if result.clean:
        return True, []
    lines = [f"{shown}: {c.note()}" for c in result.conflicts]
    lines.append(tr("{path}: {n} conflicts left in the file: edit it (ledger check shows where), then git add it",
                    path=shown, n=len(result.conflicts)))
    return False, lines


def _line_merge(base: Path, ours: Path, theirs: Path, lines: list[str]) -> tuple[bool, list[str]]:
    """git's own line merge, for what cannot be merged item by item."""
    result = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs",
                             str(ours), str(base), str(theirs)], capture_output=True, check=False)
    if result.returncode < 0 or result.returncode > 127:
        raise LedgerError(tr("git merge-file failed: {msg}", msg=result.stderr.decode("utf-8", "replace").strip()))
    return result.returncode == 0, lines
