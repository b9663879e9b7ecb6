"""Team set-up (issue 11, finding 13): ``ledger git setup`` never installs into a global hooks
folder, quotes its patterns, and says when .gitattributes still has to be committed; the merge
driver validates items against the merged units (see test_merge_units.py for the merges)."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

from ledger.cli.app import app

LEDGER = str(Path(sys.executable).parent / "ledger")
DRIVER_LINE = f"git config merge.ledger.driver: {LEDGER} merge-driver %O %A %B %P\n"
UNTRACKED = (".gitattributes: not committed yet: commit it (git add .gitattributes && git commit) so that every "
             "clone merges the ledger item by item\n")


def files(root: Path) -> dict[str, bytes]:
    """Every file of the repository, git's own included (config, hooks)."""
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and "objects" not in p.parts and p.name != "index"}


def check_attr(root: Path, *paths: str) -> list[str]:
    out = subprocess.run(["git", "check-attr", "-z", "merge", "--", *paths], cwd=root, capture_output=True,
                         check=True).stdout.decode().split("\0")
    return [out[k + 2] for k in range(0, len(out) - 2, 3)]


def test_a_global_hooks_path_is_refused_with_what_to_do(shipped, tmp_path: Path) -> None:
    global_hooks = tmp_path / "global-hooks"
    global_hooks.mkdir()
    config = tmp_path / "gitconfig"
    config.write_text(f"[core]\n\thooksPath = {global_hooks}\n", encoding="utf-8")
    env = {"GIT_CONFIG_GLOBAL": str(config)}
    before = files(shipped.root)
    result = shipped("git", "setup", env=env)
    assert (result.exit_code, result.stdout) == (1, "")
    assert result.stderr == (
        f"Error: core.hooksPath is set outside this repository ({config}: {global_hooks}): a hook installed there "
        "would run in every repository; nothing was changed. Give this repository its own hooks folder with "
        "`git config --local core.hooksPath .git/hooks` (copy into it the global hooks it still needs), then run "
        "`ledger git setup` again\n")
    assert files(shipped.root) == before and list(global_hooks.iterdir()) == []
    zh = shipped("git", "setup", env=env, lang="zh")
    assert zh.stderr.startswith(f"错误: core.hooksPath 设在本仓库之外（{config}：{global_hooks}）")

    shipped.git("config", "--local", "core.hooksPath", ".git/hooks")  # what the message says
    done = shipped("git", "setup", env=env)
    assert done.exit_code == 0, done.stderr
    assert ".git/hooks/pre-commit: installed (runs ledger check on the staged ledger files)\n" in done.stdout
    assert (shipped.root / ".git" / "hooks" / "pre-commit").is_file() and list(global_hooks.iterdir()) == []


def test_setup_says_to_commit_an_untracked_gitattributes(shipped) -> None:
    first = shipped("git", "setup")
    assert first.stdout == (
        ".gitattributes: added data/*.yaml merge=ledger, data/items/*.yaml merge=ledger, "
        "data/items/*.yml merge=ledger\n"
        + DRIVER_LINE
        + ".git/hooks/pre-commit: installed (runs ledger check on the staged ledger files)\n"
        + UNTRACKED)
    assert shipped("git", "setup").stdout.endswith(".git/hooks/pre-commit: already installed\n" + UNTRACKED)
    shipped.git("add", ".gitattributes")
    assert shipped("git", "setup").stdout.endswith(
        ".gitattributes: a tracked file: commit the change to share it with the other clones\n")
    shipped.git("commit", "-q", "-m", "merge driver")
    assert shipped("git", "setup").stdout.endswith(".git/hooks/pre-commit: already installed\n")


def test_a_data_folder_with_a_space_is_quoted_and_registered(shipped) -> None:
    deeper = shipped.root / "台账 2024" / "data"
    deeper.parent.mkdir()
    shipped.data.rename(deeper)
    result = shipped.runner.invoke(app, ["--data", str(deeper), "git", "setup"], env={"LEDGER_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('.gitattributes: added "台账 2024/data/*.yaml" merge=ledger, '
                                    '"台账 2024/data/items/*.yaml" merge=ledger, "台账 2024/data/items/*.yml" merge=ledger\n')
    assert (shipped.root / ".gitattributes").read_text(encoding="utf-8") == (
        "# >>> ledger git setup: item-level merges of the ledger (`ledger git setup --uninstall` removes this block)\n"
        '"台账 2024/data/*.yaml" merge=ledger\n'
        '"台账 2024/data/items/*.yaml" merge=ledger\n'
        '"台账 2024/data/items/*.yml" merge=ledger\n'
        "# <<< ledger git setup\n")
    assert check_attr(shipped.root, "台账 2024/data/items.yaml", "台账 2024/data/departments.yaml",
                      "台账 2024/data/items/b.yaml", "台账 2024/data/items/b.yml") == ["ledger"] * 4
    hook = (shipped.root / ".git" / "hooks" / "pre-commit").read_text(encoding="utf-8")
    assert f"--data {shlex.quote('台账 2024/data')} git pre-commit" in hook
    uninstall = shipped.runner.invoke(app, ["--data", str(deeper), "git", "setup", "--uninstall"],
                                      env={"LEDGER_LANG": "en"})
    assert uninstall.exit_code == 0 and not (shipped.root / ".gitattributes").exists()


def test_glob_characters_in_the_folder_name_are_escaped(shipped) -> None:
    deeper = shipped.root / "data[1]*" / "data"
    deeper.parent.mkdir()
    shipped.data.rename(deeper)
    result = shipped.runner.invoke(app, ["--data", str(deeper), "git", "setup"], env={"LEDGER_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert check_attr(shipped.root, "data[1]*/data/items.yaml", "data1x/data/items.yaml") == ["ledger", "unspecified"]


def test_a_line_that_overrides_the_driver_is_refused_and_nothing_changes(shipped) -> None:
    mine = "*.yaml merge=union\n"
    (shipped.root / ".git" / "info").mkdir(exist_ok=True)
    (shipped.root / ".git" / "info" / "attributes").write_text(mine, encoding="utf-8")
    before = files(shipped.root)
    result = shipped("git", "setup")
    assert result.exit_code == 1
    assert result.stderr == (
        "Error: .gitattributes: git would still not merge data/items.yaml, data/departments.yaml, data/items/a.yaml "
        "with the ledger driver (another attributes line sets their merge attribute); "
        "nothing was changed\n")
    assert files(shipped.root) == before
