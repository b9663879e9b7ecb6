"""`ledger git setup`: .gitattributes, the merge driver's config, the pre-commit hook; the CI files."""

from __future__ import annotations

import os
import shlex
import stat
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
LEDGER = str(BIN / "ledger")

ATTRIBUTES = """\
# >>> ledger git setup: item-level merges of the ledger (`ledger git setup --uninstall` removes this block)
data/*.yaml merge=ledger
data/items/*.yaml merge=ledger
data/items/*.yml merge=ledger
# <<< ledger git setup
"""


LINES = "data/*.yaml merge=ledger, data/items/*.yaml merge=ledger, data/items/*.yml merge=ledger"
UNTRACKED = (".gitattributes: not committed yet: commit it (git add .gitattributes && git commit) so that every "
             "clone merges the ledger item by item\n")


def hook_text(chained: bool = False) -> str:
    chain = '"$(dirname "$0")/pre-commit.before-ledger" "$@" || exit $?\n' if chained else ""
    return ("#!/bin/sh\n"
            "# ledger pre-commit hook, installed by `ledger git setup` (`ledger git setup --uninstall` removes it).\n"
            "# Runs `ledger check` on the staged ledger files; `git commit --no-verify` skips it.\n"
            f"{chain}exec {shlex.quote(LEDGER)} --data data git pre-commit\n")


def config(repo: Path) -> str:
    return subprocess.run(["git", "config", "--local", "--get-regexp", "^merge\\."], cwd=repo, capture_output=True,
                          text=True, check=False).stdout


def commit(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["git", "commit", "-q", *args], cwd=repo, capture_output=True, text=True, check=False)


def state(repo: Path) -> dict[str, object]:
    """What setup may touch: .gitattributes, the git config, the hooks (name, mode, bytes)."""
    hooks = repo / ".git" / "hooks"
    return {
        ".gitattributes": (repo / ".gitattributes").read_bytes() if (repo / ".gitattributes").exists() else None,
        "config": (repo / ".git" / "config").read_bytes(),
        "hooks": {p.name: (stat.S_IMODE(p.stat().st_mode), p.read_bytes()) for p in sorted(hooks.iterdir())},
    }


def test_setup_registers_the_driver_and_the_hook(shipped) -> None:
    result = shipped("git", "setup")
    assert result.exit_code == 0, result.output
    assert result.stdout == (
        f".gitattributes: added {LINES}\n"
        f"git config merge.ledger.driver: {LEDGER} merge-driver %O %A %B %P\n"
        ".git/hooks/pre-commit: installed (runs ledger check on the staged ledger files)\n"
        + UNTRACKED)
    assert (shipped.root / ".gitattributes").read_text(encoding="utf-8") == ATTRIBUTES
    assert config(shipped.root) == ("merge.ledger.name ledger: item-level merge of ledger YAML files\n"
                                    f"merge.ledger.driver {LEDGER} merge-driver %O %A %B %P\n")
    hook = shipped.root / ".git" / "hooks" / "pre-commit"
    assert hook.read_text(encoding="utf-8") == hook_text()
    assert os.access(hook, os.X_OK)


def test_setup_is_idempotent_and_uninstall_removes_exactly_what_it_added(shipped) -> None:
    before = state(shipped.root)
    shipped("git", "setup")
    once = state(shipped.root)
    again = shipped("git", "setup")
    assert again.stdout == (
        f".gitattributes: already has {LINES}\n"
        f"git config merge.ledger.driver: already {LEDGER} merge-driver %O %A %B %P\n"
        ".git/hooks/pre-commit: already installed\n"
        + UNTRACKED)
    assert state(shipped.root) == once
    result = shipped("git", "setup", "--uninstall")
    assert result.stdout == (f".gitattributes: removed {LINES}\n"
                             "git config: removed merge.ledger\n"
                             ".git/hooks/pre-commit: removed\n")
    assert state(shipped.root) == before
    assert shipped("git", "setup", "--uninstall").stdout == (".gitattributes: nothing of ledger's to remove\n"
                                                            "git config: no merge.ledger to remove\n"
                                                            ".git/hooks/pre-commit: nothing of ledger's to remove\n")


def test_other_attributes_are_kept_and_lines_already_there_are_not_added_twice(shipped) -> None:
    mine = "*.pdf binary\ndata/*.yaml merge=ledger\n*.xlsx -diff\n"
    (shipped.root / ".gitattributes").write_text(mine, encoding="utf-8")
    assert shipped("git", "setup").stdout.startswith(
        ".gitattributes: added data/items/*.yaml merge=ledger, data/items/*.yml merge=ledger\n")
    assert (shipped.root / ".gitattributes").read_text(encoding="utf-8") == mine + (
        "# >>> ledger git setup: item-level merges of the ledger (`ledger git setup --uninstall` removes this block)\n"
        "data/items/*.yaml merge=ledger\n"
        "data/items/*.yml merge=ledger\n"
        "# <<< ledger git setup\n")
    shipped("git", "setup", "--uninstall")
    assert (shipped.root / ".gitattributes").read_text(encoding="utf-8") == mine


def test_a_committed_gitattributes_is_left_to_commit(shipped) -> None:
    shipped("git", "setup")
    shipped.git("add", ".gitattributes")
    shipped.git("commit", "-q", "--no-verify", "-m", "merge driver")
    assert shipped("git", "setup").stdout.startswith(".gitattributes: already has")
    out = shipped("git", "setup", "--uninstall").stdout
    assert ".gitattributes: a tracked file: commit the change to share it with the other clones\n" in out


def test_a_foreign_hook_is_kept_runs_first_and_comes_back(shipped) -> None:
    hook = shipped.root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho foreign hook ran >> \"$(git rev-parse --git-dir)/foreign.log\"\n", encoding="utf-8")
    hook.chmod(0o750)
    before = state(shipped.root)
    result = shipped("git", "setup")
    assert ".git/hooks/pre-commit: the hook that was there is kept as pre-commit.before-ledger and runs first\n" \
           ".git/hooks/pre-commit: installed (runs ledger check on the staged ledger files)\n" in result.stdout
    assert hook.read_text(encoding="utf-8") == hook_text(chained=True)
    (shipped.data / "items.yaml").write_text(shipped.items_text().replace("lead: 区财政局", "lead: 区财政"), "utf-8")
    shipped.git("add", "data")
    refused = commit(shipped.root, "-m", "bad")
    assert refused.returncode == 1
    assert (shipped.root / ".git" / "foreign.log").read_text() == "foreign hook ran\n"
    assert shipped("git", "setup", "--uninstall").stdout.endswith(
        ".git/hooks/pre-commit: restored the hook that was there before\n")
    after = state(shipped.root)
    assert after["hooks"] == before["hooks"] and after["config"] == before["config"]


def test_setup_refuses_when_the_kept_name_is_taken(shipped) -> None:
    hooks = shipped.root / ".git" / "hooks"
    (hooks / "pre-commit").write_text("#!/bin/sh\n", encoding="utf-8")
    (hooks / "pre-commit.before-ledger").write_text("#!/bin/sh\n", encoding="utf-8")
    result = shipped("git", "setup")
    assert result.exit_code == 1
    assert result.stderr.endswith(".git/hooks/pre-commit: both .git/hooks/pre-commit and pre-commit.before-ledger "
                                  "exist and are not ledger's; move one away and run setup again\n")


def test_the_hook_checks_what_is_staged(shipped) -> None:
    shipped("git", "setup")
    items = shipped.data / "items.yaml"
    good = shipped.items_text()
    bad = good.replace("deadline: 2024-08-31", "deadline: 2024-08-32", 1)
    items.write_text(bad, encoding="utf-8")
    shipped.git("add", "data/items.yaml")
    items.write_text(good, encoding="utf-8")  # the working copy is fine, the staged file is not
    refused = commit(shipped.root, "-m", "bad date")
    assert refused.returncode == 1
    line = bad[:bad.index("2024-08-32")].count("\n") + 1
    assert refused.stderr == (
        f"data/items.yaml:{line}:5: item 1-1: deadline: expected a date (YYYY-MM-DD) or 'ongoing', got '2024-08-32'\n"
        "ledger: commit stopped by the staged ledger files (1 problem): fix them, git add, commit again\n")
    items.write_text(good + "# 核对完毕\n", encoding="utf-8")
    shipped.git("add", "data/items.yaml")
    items.write_text(bad, encoding="utf-8")  # now the other way round
    assert commit(shipped.root, "-m", "good").returncode == 0


def test_the_hook_stays_out_of_commits_that_do_not_touch_the_data(shipped) -> None:
    shipped("git", "setup")
    (shipped.data / "items.yaml").write_text("not: [valid\n", encoding="utf-8")
    (shipped.root / "notes.txt").write_text("会议纪要\n", encoding="utf-8")
    shipped.git("add", "notes.txt")
    done = commit(shipped.root, "-m", "notes")
    assert (done.returncode, done.stderr) == (0, "")


def test_setup_outside_git_is_an_error(small) -> None:
    ledger = small('items:\n  - id: "1"\n    text: "x"\n    lead: 区财政局\n    responsible: [区财政局]\n'
                   '    deadline: ongoing\n    question: 1\n')
    result = ledger("git", "setup")
    assert result.exit_code == 1 and "is not inside a git repository" in result.stderr


def test_a_data_folder_deeper_in_the_repository(shipped) -> None:
    deeper = shipped.root / "台账" / "data"
    deeper.parent.mkdir()
    shipped.data.rename(deeper)
    result = shipped.runner.invoke(__import__("ledger.cli.app", fromlist=["app"]).app,
                                   ["--data", str(deeper), "git", "setup"], env={"LEDGER_LANG": "en"})
    assert result.exit_code == 0, result.output
    assert "台账/data/*.yaml merge=ledger\n台账/data/items/*.yaml merge=ledger\n台账/data/items/*.yml merge=ledger\n" in (
        shipped.root / ".gitattributes").read_text(encoding="utf-8")
    assert "--data '台账/data' git pre-commit" in (shipped.root / ".git" / "hooks" / "pre-commit").read_text("utf-8")


def test_without_a_console_script_the_driver_runs_through_this_python(tmp_path: Path) -> None:
    from ledger.git import setup as gitsetup

    with pytest.MonkeyPatch.context() as patch:  # not monkeypatch.undo(): that would drop the isolated env too
        patch.setattr(sys, "argv", [str(tmp_path / "not-ledger")])
        patch.setattr(sys, "executable", str(tmp_path / "python3"))
        patch.setenv("PATH", str(tmp_path))
        command = gitsetup.ledger_command()
    assert command.startswith(shlex.quote(str(tmp_path / "python3")) + " -c ")
    real = command.replace(shlex.quote(str(tmp_path / "python3")), shlex.quote(sys.executable))
    done = subprocess.run(f"{real} git --help", shell=True, capture_output=True, text=True, check=False)
    assert done.returncode == 0 and "setup" in done.stdout


# ----------------------------------------------------------------------------- CI and pre-commit files

def test_the_pre_commit_framework_entry() -> None:
    import re

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in hooks] == ["ledger-check"]
    hook = hooks[0]
    assert (hook["entry"], hook["language"], hook["pass_filenames"]) == ("ledger check", "python", False)
    pattern = re.compile(hook["files"])
    assert all(pattern.search(p) for p in ("data/items.yaml", "data/items/2024-2.yaml", "data/departments.yaml",
                                           "sub/data/items.yml", "data/evidence/2-8/a.pdf"))
    assert not any(pattern.search(p) for p in ("src/ledger/data.py", "docs/ci/gitlab-ci.yml", "data/x/y.yaml"))


def _broken_copy(shipped) -> None:
    text = shipped.items_text().replace("lead: 区财政局", "lead: 区财政", 1)
    (shipped.data / "items.yaml").write_text(text, encoding="utf-8")


def test_the_github_workflow_runs_ledger_check_on_every_push(shipped) -> None:
    workflow = yaml.safe_load((ROOT / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as true
    assert "push" in triggers
    steps = workflow["jobs"]["check"]["steps"]
    check = next(s for s in steps if s.get("name") == "ledger check")
    assert check["shell"] == "bash" and check["run"].startswith("ledger check |")
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "LEDGER_LANG": "en"}
    bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", check["run"]]
    ok = subprocess.run(bash, cwd=shipped.root, env=env, capture_output=True, text=True, check=False)
    assert (ok.returncode, ok.stdout) == (0, "ok: 33 items, 24 units, no problems\n")
    _broken_copy(shipped)
    failed = subprocess.run(bash, cwd=shipped.root, env=env, capture_output=True, text=True, check=False)
    assert failed.returncode == 1
    assert failed.stdout.splitlines()[0].startswith("::error file=data/items.yaml,line=")
    assert failed.stdout.splitlines()[0].endswith("::item 2-8: lead: unknown unit '区财政'; did you mean 区财政局?")


def test_the_gitlab_job_runs_ledger_check_on_every_push(shipped) -> None:
    job = yaml.safe_load((ROOT / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))["ledger-check"]
    assert {"if": '$CI_PIPELINE_SOURCE == "push"'} in job["rules"]
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}", "LEDGER_LANG": "en"}
    _broken_copy(shipped)
    results = [subprocess.run(line, shell=True, cwd=shipped.root, env=env, capture_output=True, text=True, check=False)
               for line in job["script"]]
    assert [r.returncode for r in results] == [1]
    text = shipped.items_text()
    line = text[:text.index("lead: 区财政\n")].count("\n") + 1
    assert results[0].stdout.startswith(f"data/items.yaml:{line}:5: item 2-8: lead: unknown unit '区财政'")
