"""What git runs: the merge driver (``ledger merge-driver %O %A %B %P``) and the staged tree for the hook.

Items files are merged item by item (``merge_file``) and validated against the units of the
merge (``departments.yaml`` of both sides, merged here, since git merges it separately);
``departments.yaml`` is merged unit by unit (``merge_units``); other files line by line with
``git merge-file``.  The result goes into %A and the conflicts come back as lines to print.
"""

from __future__ import annotations

import codecs
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ledger.errors import LedgerError
from ledger.git.run import git, relative, repo_root, text
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
    from ledger.git.merge_units import merge_units
    from ledger.store.files import UNITS_FILE, item_files

    top = cwd or Path.cwd()
    data_dir, is_items = _data_dir_of(top / shown)
    is_units = (top / shown).name == UNITS_FILE
    if not is_items and not is_units:
        return _line_merge(base, ours, theirs, [tr("{path}: not an items file; merged line by line", path=shown)])
    raw = [p.read_bytes() for p in (base, ours, theirs)]
    base_text, ours_text, theirs_text = (decode(data, p) for data, p in zip(raw, (base, ours, theirs), strict=True))
    if not (isinstance(base_text, str) and isinstance(ours_text, str) and isinstance(theirs_text, str)):
        return _line_merge(base, ours, theirs, [tr("{path}: cannot merge item by item ({reason}); merged line by line",
                                                  path=shown, reason="not UTF-8")])
    bom = "\ufeff" if raw[1].startswith(codecs.BOM_UTF8) else ""  # ours keeps the byte-order mark it had
    try:
        if is_units:
            result = merge_units(base_text, ours_text, theirs_text)
        else:
            units_path = data_dir / UNITS_FILE
            target = (top / shown).resolve()
            working = units_path.read_bytes() if units_path.is_file() else None
            context = merge.Context(
                path=top / shown, data_dir=data_dir,
                units=_merged_units(top, shown, data_dir, (base, ours, theirs), working), ours_units=working,
                others={p: p.read_bytes() for p in (item_files(data_dir) if data_dir.is_dir() else [])
                        if p.resolve() != target and p.is_file()},
            )
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


# ----------------------------------------------------------------------------- the units of the merge

def _merged_units(top: Path, shown: str, data_dir: Path, files: tuple[Path, Path, Path],
                  working: bytes | None) -> bytes | None:
    """The ``departments.yaml`` the merged items file goes with: git runs the driver once per
    file, before the merged units file exists, so the units are merged here from their three
    versions in the commits being merged.  When those commits cannot be told for sure, the
    working copy's units (ours)."""
    from ledger.git.merge_units import merged_units

    commits = _merge_commits(top, shown, files)
    if commits is None or working is None:
        return working
    rel = relative(data_dir / "departments.yaml", top) if data_dir.is_dir() else None
    if rel is None:
        return working
    versions = [_show(top, commit, rel) for commit in (commits[0], commits[2])]
    texts = [decode(v, Path(rel)) if v is not None else None for v in (versions[0], working, versions[1])]
    if not all(isinstance(t, str | None) for t in texts) or not isinstance(texts[1], str):
        return working
    base_units, ours_units, theirs_units = texts
    merged = merged_units(base_units, ours_units, theirs_units)  # type: ignore[arg-type]
    return working if merged is None else merged.encode("utf-8")


def _merge_commits(top: Path, shown: str, files: tuple[Path, Path, Path]) -> tuple[str, str, str] | None:
    """(base, ours, theirs) of the merge git is running, when they can be told for sure: ours is
    HEAD; theirs is the one commit ``git merge`` (and so ``git pull``) names in ``GITHEAD_<sha>``,
    or the commit a rebase is picking, with their merge base or the picked commit's parent as
    base.  Each must hold at ``shown`` exactly the version git handed the driver."""
    import os

    candidates: list[tuple[str, str]] = []
    heads = [key[len("GITHEAD_"):] for key in os.environ if key.startswith("GITHEAD_")]
    if len(heads) == 1:
        bases = text(git(top, "merge-base", "--all", "HEAD", heads[0], check=False)).split()
        candidates += [(found, heads[0]) for found in bases]
    picked = _picked(top)
    if picked:
        candidates.append((picked + "^", picked))
    hashed = git(top, "hash-object", "--no-filters", "--stdin", *(os.path.abspath(p) for p in files), stdin=b"", check=False)
    if not candidates or hashed.returncode != 0:
        return None
    empty, *wanted = text(hashed).split()
    for base, theirs in candidates:
        blobs = [_blob(top, commit, shown) or empty for commit in (base, "HEAD", theirs)]
        if blobs == wanted:
            return base, "HEAD", theirs
    return None


def _picked(top: Path) -> str | None:
    """The commit a rebase is applying (the last line of its ``done`` list)."""
    done = Path(text(git(top, "rev-parse", "--git-path", "rebase-merge/done", check=False)))
    done = done if done.is_absolute() else top / done
    try:
        lines = [line.split() for line in done.read_text(encoding="utf-8").splitlines() if line.strip()]
    except (OSError, UnicodeDecodeError):
        return None
    return lines[-1][1] if lines and len(lines[-1]) > 1 and not lines[-1][0].startswith("#") else None


def _blob(top: Path, commit: str, path: str) -> str | None:
    found = git(top, "rev-parse", "-q", "--verify", f"{commit}:{path}", check=False)
    return text(found) if found.returncode == 0 else None


def _show(top: Path, commit: str, path: str) -> bytes | None:
    found = git(top, "cat-file", "blob", f"{commit}:{path}", check=False)
    return found.stdout if found.returncode == 0 else None


def _line_merge(base: Path, ours: Path, theirs: Path, lines: list[str]) -> tuple[bool, list[str]]:
    """git's own line merge, for what cannot be merged item by item."""
    result = subprocess.run(["git", "merge-file", "-L", "ours", "-L", "base", "-L", "theirs",
                             str(ours), str(base), str(theirs)], capture_output=True, check=False)
    if result.returncode < 0 or result.returncode > 127:
        raise LedgerError(tr("git merge-file failed: {msg}", msg=result.stderr.decode("utf-8", "replace").strip()))
    return result.returncode == 0, lines
