"""Registering the ledger with git in a clone: .gitattributes, the merge driver's config, the pre-commit hook.

``setup`` writes three things, each marked so that ``uninstall`` removes exactly them:

- a block of ``<data>/*.yaml merge=ledger`` lines in the repository's ``.gitattributes``;
- the ``merge.ledger`` section of the repository's git config, whose driver is this very
  ``ledger`` (by absolute path, so that it works from a virtual environment that is not on PATH);
- a ``pre-commit`` hook that runs ``ledger check`` on the staged ledger files.  A hook that is
  already there is kept: it is renamed ``pre-commit.before-ledger`` and runs first.

Everything that could stop it is checked before anything is written: a ``core.hooksPath`` set
outside the repository (a global hooks folder: a hook there would run in every repository) is
refused with what to do instead.  The patterns are quoted as git reads them (a data folder with a
space), and git is asked afterwards whether they really apply.  A ``.gitattributes`` that is not
committed is pointed out: the other clones need it.

What git then runs is in ``driver``.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import sys
from pathlib import Path

from ledger.errors import LedgerError
from ledger.git.run import git, relative, repo_root, text
from ledger.i18n import tr

DRIVER = "ledger"
DRIVER_NAME = "ledger: item-level merge of ledger YAML files"
ATTR_BEGIN = "# >>> ledger git setup: item-level merges of the ledger (`ledger git setup --uninstall` removes this block)"
ATTR_END = "# <<< ledger git setup"
HOOK_MARK = "# ledger pre-commit hook, installed by `ledger git setup`"
KEPT_HOOK = "pre-commit.before-ledger"


def attribute_lines(data_rel: str) -> list[str]:
    """The ``.gitattributes`` lines for a data folder at ``data_rel`` in the repository."""
    prefix = "/" if data_rel == "." else re.sub(r"([*?\[\\]|^!)", r"\\\1", data_rel) + "/"  # globs escaped
    return [f"{_quoted(prefix + glob)} merge={DRIVER}" for glob in ("*.yaml", "items/*.yaml", "items/*.yml")]


def _quoted(pattern: str) -> str:
    """A pattern as ``.gitattributes`` reads it: C-quoted when it holds a blank, a quote, a
    backslash or a control character, or starts with ``#`` (else it would be cut or a comment)."""
    if not re.search(r'[\s"\\\x00-\x1f\x7f]|^#', pattern):
        return pattern
    escaped = "".join({"\\": "\\\\", '"': '\\"', "\t": "\\t", "\n": "\\n"}.get(ch) or
                      (f"\\{ord(ch):03o}" if ord(ch) < 32 or ord(ch) == 127 else ch) for ch in pattern)
    return f'"{escaped}"'


def ledger_command() -> str:
    """How git and the hook run this ``ledger``: the console script by absolute path.

    Not ``ledger`` (a virtual environment need not be on PATH, and git's own PATH differs from
    the shell's) and not ``python -m ledger`` (the package has no ``__main__``): the script
    this process was started as, else the one beside this interpreter, else the one on PATH,
    else this interpreter running the CLI's entry point.
    """
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name in ("ledger", "ledger.exe") and argv0.is_file():
        return shlex.quote(str(argv0.resolve()))
    beside = Path(sys.executable).parent / "ledger"
    if beside.is_file():
        return shlex.quote(str(beside.absolute()))
    found = shutil.which("ledger")
    if found:
        return shlex.quote(str(Path(found).resolve()))
    return shlex.join([os.path.abspath(sys.executable), "-c",
                       "import sys; from ledger.cli.app import run; sys.argv[0] = 'ledger'; run()"])


def hook_path(root: Path) -> Path:
    """The pre-commit hook's path, honouring ``core.hooksPath``."""
    path = Path(text(git(root, "rev-parse", "--git-path", "hooks/pre-commit")))
    return path if path.is_absolute() else root / path


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


# ----------------------------------------------------------------------------- setup and uninstall

def setup(data_dir: Path) -> list[str]:
    """Register the merge driver and install the hook; safe to run again. Returns what was done."""
    root = repo_root(data_dir)
    data_rel = relative(data_dir, root)
    command = ledger_command()
    _preflight(root)
    done = [*_add_attributes(root, data_rel), *_set_config(root, command), *_install_hook(root, data_rel, command)]
    return done + _commit_advice(root)


def _preflight(root: Path) -> None:
    """Refuse, before writing anything, what would make setup fail half-way or harm other repositories."""
    found = git(root, "config", "--show-scope", "--show-origin", "--get", "core.hooksPath", check=False)
    scope, _, rest = text(found).partition("\t")
    origin, _, value = rest.partition("\t")
    if found.returncode == 0 and scope not in ("local", "worktree"):
        raise LedgerError(tr(
            "core.hooksPath is set outside this repository ({origin}: {path}): a hook installed there would run in "
            "every repository; nothing was changed. Give this repository its own hooks folder with "
            "`git config --local core.hooksPath .git/hooks` (copy into it the global hooks it still needs), "
            "then run `ledger git setup` again",
            origin=origin.removeprefix("file:") or scope, path=value))
    hook = hook_path(root)
    kept = hook.with_name(KEPT_HOOK)
    if hook.exists() and not _is_ours(hook) and kept.exists():
        raise LedgerError(tr("{hook}: both {hook} and {kept} exist and are not ledger's; move one away and run "
                             "setup again", hook=_shown(hook, root), kept=kept.name))


def _registered(root: Path, data_rel: str) -> list[str]:
    """The ledger files git would not merge with the driver (``git check-attr``), as paths."""
    base = "" if data_rel == "." else data_rel + "/"
    paths = [f"{base}items.yaml", f"{base}departments.yaml", f"{base}items/a.yaml", f"{base}items/a.yml"]
    fields = git(root, "check-attr", "-z", "merge", "--", *paths).stdout.decode("utf-8", "replace").split("\0")
    return [fields[k] for k in range(0, len(fields) - 2, 3) if fields[k + 2] != DRIVER]


def _commit_advice(root: Path) -> list[str]:
    status = text(git(root, "status", "--porcelain", "--", ".gitattributes", check=False))
    if status.startswith("??"):
        return [tr("{path}: not committed yet: commit it (git add .gitattributes && git commit) so that every "
                   "clone merges the ledger item by item", path=".gitattributes")]
    if status:
        return [tr("{path}: a tracked file: commit the change to share it with the other clones", path=".gitattributes")]
    return []


def uninstall(data_dir: Path) -> list[str]:
    """Remove exactly what ``setup`` added. Returns what was done."""
    root = repo_root(data_dir)
    return [*_remove_attributes(root), *_unset_config(root), *_remove_hook(root)]


def _read_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines() if path.exists() else []


def _write_lines(path: Path, lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _block(lines: list[str]) -> tuple[int, int] | None:
    """[start, end) of setup's block in .gitattributes lines."""
    if ATTR_BEGIN not in lines:
        return None
    start = lines.index(ATTR_BEGIN)
    end = next((k for k in range(start, len(lines)) if lines[k] == ATTR_END), len(lines) - 1)
    return start, end + 1


def _add_attributes(root: Path, data_rel: str) -> list[str]:
    path = root / ".gitattributes"
    before = path.read_bytes() if path.exists() else None
    lines = _read_lines(path)
    span = _block(lines)
    ours = lines[span[0] + 1:span[1] - 1] if span else []
    outside = lines[:span[0]] + lines[span[1]:] if span else lines
    wanted = attribute_lines(data_rel)
    missing = [line for line in wanted if line not in {x.strip() for x in outside}]
    if missing == ours and (span or not missing):
        done = tr("{path}: already has {lines}", path=".gitattributes", lines=", ".join(wanted))
    else:
        block = [ATTR_BEGIN, *missing, ATTR_END] if missing else []
        if span:
            lines[span[0]:span[1]] = block
        else:
            lines += block
        _write_lines(path, lines)
        done = tr("{path}: added {lines}", path=".gitattributes", lines=", ".join(missing))
    unmatched = _registered(root, data_rel)
    if unmatched:  # another line (below ours, or in .git/info/attributes) overrides them: put the file back
        if before is None:
            path.unlink(missing_ok=True)
        elif path.read_bytes() != before:
            path.write_bytes(before)
        raise LedgerError(tr("{path}: git would still not merge {files} with the ledger driver (another attributes "
                             "line sets their merge attribute); nothing was changed", path=".gitattributes",
                             files=", ".join(unmatched)))
    return [done]


def _remove_attributes(root: Path) -> list[str]:
    path = root / ".gitattributes"
    lines = _read_lines(path)
    span = _block(lines)
    if span is None:
        return [tr("{path}: nothing of ledger's to remove", path=".gitattributes")]
    removed = lines[span[0] + 1:span[1] - 1]
    del lines[span[0]:span[1]]
    if any(line.strip() for line in lines):
        _write_lines(path, lines)
    else:
        path.unlink()
    out = [tr("{path}: removed {lines}", path=".gitattributes", lines=", ".join(removed))]
    if git(root, "ls-files", "--error-unmatch", ".gitattributes", check=False).returncode == 0:
        out.append(tr("{path}: a tracked file: commit the change to share it with the other clones", path=".gitattributes"))
    return out


def _set_config(root: Path, command: str) -> list[str]:
    driver = f"{command} merge-driver %O %A %B %P"
    current = git(root, "config", "--local", "--get", f"merge.{DRIVER}.driver", check=False)
    if current.returncode == 0 and text(current) == driver:
        return [tr("git config merge.ledger.driver: already {value}", value=driver)]
    git(root, "config", "--local", f"merge.{DRIVER}.name", DRIVER_NAME)
    git(root, "config", "--local", f"merge.{DRIVER}.driver", driver)
    return [tr("git config merge.ledger.driver: {value}", value=driver)]


def _unset_config(root: Path) -> list[str]:
    if git(root, "config", "--local", "--remove-section", f"merge.{DRIVER}", check=False).returncode != 0:
        return [tr("git config: no merge.ledger to remove")]
    return [tr("git config: removed merge.ledger")]


def hook_script(data_rel: str, command: str, chained: bool) -> str:
    lines = [
        "#!/bin/sh",
        HOOK_MARK + " (`ledger git setup --uninstall` removes it).",
        "# Runs `ledger check` on the staged ledger files; `git commit --no-verify` skips it.",
    ]
    if chained:
        lines.append(f'"$(dirname "$0")/{KEPT_HOOK}" "$@" || exit $?')
    lines.append(f"exec {command} --data {shlex.quote(data_rel)} git pre-commit")
    return "\n".join(lines) + "\n"


def _is_ours(path: Path) -> bool:
    try:
        return HOOK_MARK in path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False


def _install_hook(root: Path, data_rel: str, command: str) -> list[str]:
    hook = hook_path(root)
    kept = hook.with_name(KEPT_HOOK)
    shown = _shown(hook, root)
    out: list[str] = []
    if hook.exists() and not _is_ours(hook):
        hook.rename(kept)  # _preflight made sure the name is free
        out.append(tr("{hook}: the hook that was there is kept as {kept} and runs first", hook=shown, kept=kept.name))
    script = hook_script(data_rel, command, kept.exists())
    if hook.exists() and hook.read_text(encoding="utf-8") == script:
        return [tr("{hook}: already installed", hook=shown)]
    updating = hook.exists()
    hook.parent.mkdir(parents=True, exist_ok=True)
    hook.write_text(script, encoding="utf-8")
    hook.chmod(0o755)
    out.append(tr("{hook}: updated", hook=shown) if updating
               else tr("{hook}: installed (runs ledger check on the staged ledger files)", hook=shown))
    return out


def _remove_hook(root: Path) -> list[str]:
    hook = hook_path(root)
    kept = hook.with_name(KEPT_HOOK)
    shown = _shown(hook, root)
    if not hook.exists():
        return [tr("{path}: nothing of ledger's to remove", path=shown)]
    if not _is_ours(hook):
        return [tr("{hook}: not installed by ledger, left alone", hook=shown)]
    hook.unlink()
    if kept.exists():
        kept.rename(hook)
        return [tr("{hook}: restored the hook that was there before", hook=shown)]
    return [tr("{hook}: removed", hook=shown)]
