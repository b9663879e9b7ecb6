"""Git working for the ledger: the merge driver's file handling, its registration, the pre-commit hook.

``setup`` writes three things, each marked so that ``uninstall`` removes exactly them:

- a block of ``<data>/*.yaml merge=ledger`` lines in the repository's ``.gitattributes``;
- the ``merge.ledger`` section of the repository's git config, whose driver is this very
  ``ledger`` (by absolute path, so that it works from a virtual environment that is not on PATH);
- a ``pre-commit`` hook that runs ``ledger check`` on the staged ledger files.  A hook that is
  already there is kept: it is renamed ``pre-commit.before-ledger`` and runs first.

``run_driver`` is what git runs for a merge (``ledger merge-driver %O %A %B %P``): items files are
merged item by item (``merge``), the other data files (``departments.yaml``) line by line with
``git merge-file``; the result goes into %A and the conflicts come back as lines to print.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ledger.errors import LedgerError
from ledger.i18n import ZH, tr

ZH_MESSAGES = {
    "{path}: added {lines}": "{path}：已添加 {lines}",
    "{path}: already has {lines}": "{path}：已有 {lines}",
    "{path}: removed {lines}": "{path}：已删除 {lines}",
    "{path}: nothing of ledger's to remove": "{path}：没有 ledger 添加的内容，无需删除",
    "{path}: a tracked file: commit the change to share it with the other clones":
        "{path}：该文件受 git 管理，请提交此改动，以便其他克隆共享",
    "git config merge.ledger.driver: {value}": "git config merge.ledger.driver：{value}",
    "git config merge.ledger.driver: already {value}": "git config merge.ledger.driver：已为 {value}",
    "git config: removed merge.ledger": "git config：已删除 merge.ledger",
    "git config: no merge.ledger to remove": "git config：没有 merge.ledger，无需删除",
    "{hook}: installed (runs ledger check on the staged ledger files)": "{hook}：已安装（对暂存的台账文件运行 ledger check）",
    "{hook}: already installed": "{hook}：已安装，无需改动",
    "{hook}: updated": "{hook}：已更新",
    "{hook}: the hook that was there is kept as {kept} and runs first": "{hook}：原有钩子已保留为 {kept}，并先于本钩子运行",
    "{hook}: removed": "{hook}：已删除",
    "{hook}: restored the hook that was there before": "{hook}：已恢复原有钩子",
    "{hook}: not installed by ledger, left alone": "{hook}：不是 ledger 安装的，未改动",
    "{hook}: both {hook} and {kept} exist and are not ledger's; move one away and run setup again":
        "{hook}：{hook} 与 {kept} 均已存在且都不是 ledger 的；请移走其一后重新运行 setup",
    "{path}: cannot merge item by item ({reason}); merged line by line": "{path}：无法逐项合并（{reason}）；已按行合并",
    "{path}: not an items file; merged line by line": "{path}：不是问题清单文件；已按行合并",
    "{path}: {n} conflicts left in the file: edit it (ledger check shows where), then git add it":
        "{path}：文件中留有 {n} 处冲突：请编辑该文件（ledger check 会指出位置），然后 git add",
    "ledger: commit stopped by the staged ledger files ({count}): fix them, git add, commit again":
        "ledger：提交已中止，暂存的台账文件有问题（{count}）：修正后 git add，再提交",
    "git merge-file failed: {msg}": "git merge-file 失败：{msg}",
}
ZH.update(ZH_MESSAGES)

DRIVER = "ledger"
DRIVER_NAME = "ledger: item-level merge of ledger YAML files"
ATTR_BEGIN = "# >>> ledger git setup: item-level merges of the ledger (`ledger git setup --uninstall` removes this block)"
ATTR_END = "# <<< ledger git setup"
HOOK_MARK = "# ledger pre-commit hook, installed by `ledger git setup`"
KEPT_HOOK = "pre-commit.before-ledger"


# ----------------------------------------------------------------------------- git plumbing

def _git(root: Path, *args: str, check: bool = True, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    try:
        result = subprocess.run(["git", "-C", str(root), *args], capture_output=True, input=stdin, check=False)
    except FileNotFoundError:
        raise LedgerError(tr("git is not installed")) from None
    if check and result.returncode != 0:
        message = (result.stderr or result.stdout).decode("utf-8", "replace").strip()
        raise LedgerError(tr("git {cmd} failed: {msg}", cmd=args[0], msg=message))
    return result


def _out(result: subprocess.CompletedProcess[bytes]) -> str:
    return result.stdout.decode("utf-8", "replace").strip()


def repo_root(folder: Path) -> Path:
    result = _git(folder, "rev-parse", "--show-toplevel", check=False)
    if result.returncode != 0:
        raise LedgerError(tr("{folder} is not inside a git repository", folder=folder))
    return Path(_out(result))


def _relative(data_dir: Path, root: Path) -> str:
    rel = Path(os.path.relpath(data_dir.resolve(), root.resolve())).as_posix()
    if rel.startswith(".."):
        raise LedgerError(tr("{folder} is not inside a git repository", folder=data_dir))
    return rel


def attribute_lines(data_rel: str) -> list[str]:
    """The ``.gitattributes`` lines for a data folder at ``data_rel`` in the repository."""
    prefix = "/" if data_rel == "." else f"{data_rel}/"
    return [f"{prefix}*.yaml merge={DRIVER}", f"{prefix}items/*.yaml merge={DRIVER}", f"{prefix}items/*.yml merge={DRIVER}"]


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
    path = Path(_out(_git(root, "rev-parse", "--git-path", "hooks/pre-commit")))
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
    data_rel = _relative(data_dir, root)
    command = ledger_command()
    return [*_add_attributes(root, data_rel), *_set_config(root, command), *_install_hook(root, data_rel, command)]


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
    lines = _read_lines(path)
    span = _block(lines)
    ours = lines[span[0] + 1:span[1] - 1] if span else []
    outside = lines[:span[0]] + lines[span[1]:] if span else lines
    wanted = attribute_lines(data_rel)
    missing = [line for line in wanted if line not in {x.strip() for x in outside}]
    if missing == ours and (span or not missing):
        return [tr("{path}: already has {lines}", path=".gitattributes", lines=", ".join(wanted))]
    block = [ATTR_BEGIN, *missing, ATTR_END] if missing else []
    if span:
        lines[span[0]:span[1]] = block
    else:
        lines += block
    _write_lines(path, lines)
    return [tr("{path}: added {lines}", path=".gitattributes", lines=", ".join(missing))]


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
    if _git(root, "ls-files", "--error-unmatch", ".gitattributes", check=False).returncode == 0:
        out.append(tr("{path}: a tracked file: commit the change to share it with the other clones", path=".gitattributes"))
    return out


def _set_config(root: Path, command: str) -> list[str]:
    driver = f"{command} merge-driver %O %A %B %P"
    current = _git(root, "config", "--local", "--get", f"merge.{DRIVER}.driver", check=False)
    if current.returncode == 0 and _out(current) == driver:
        return [tr("git config merge.ledger.driver: already {value}", value=driver)]
    _git(root, "config", "--local", f"merge.{DRIVER}.name", DRIVER_NAME)
    _git(root, "config", "--local", f"merge.{DRIVER}.driver", driver)
    return [tr("git config merge.ledger.driver: {value}", value=driver)]


def _unset_config(root: Path) -> list[str]:
    if _git(root, "config", "--local", "--remove-section", f"merge.{DRIVER}", check=False).returncode != 0:
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
        if kept.exists():
            raise LedgerError(tr("{hook}: both {hook} and {kept} exist and are not ledger's; move one away and run "
                                 "setup again", hook=shown, kept=kept.name))
        hook.rename(kept)
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


# ----------------------------------------------------------------------------- the hook's check

@contextmanager
def staged_data(data_dir: Path) -> Iterator[tuple[Path, Path] | None]:
    """The data folder as it is staged, exported to a temporary folder: (copy, real folder),
    or None when the commit changes nothing in the data folder."""
    root = repo_root(data_dir)
    rel = _relative(data_dir, root)
    changed = _git(root, "diff", "--cached", "--name-only", "-z", "--", rel).stdout
    if not changed.strip(b"\0"):
        yield None
        return
    listing = _git(root, "ls-files", "-z", "--", rel).stdout
    with tempfile.TemporaryDirectory(prefix="ledger-staged-") as tmp:
        _git(root, "checkout-index", f"--prefix={tmp}/", "-z", "--stdin", stdin=listing)
        copy = Path(tmp) / rel
        copy.mkdir(parents=True, exist_ok=True)
        yield copy, root / rel


# ----------------------------------------------------------------------------- the merge driver

def _data_dir_of(path: Path) -> tuple[Path, bool]:
    """The data folder a merged file belongs to, and whether it is an items file."""
    if path.parent.name == "items":
        return path.parent.parent, True
    return path.parent, path.name == "items.yaml"


def _decode(data: bytes) -> tuple[str, str] | None:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return ("\ufeff", text[1:]) if text.startswith("\ufeff") else ("", text)


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
    texts = [_decode(p.read_bytes()) for p in (base, ours, theirs)]
    if any(t is None for t in texts):
        return _line_merge(base, ours, theirs, [tr("{path}: cannot merge item by item ({reason}); merged line by line",
                                                  path=shown, reason="not UTF-8")])
    (_, base_text), (bom, ours_text), (_, theirs_text) = texts  # type: ignore[misc]
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
