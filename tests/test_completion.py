"""Shell completion (issue 15): ``ledger completion bash|zsh|fish`` prints the script, and the
script's protocol completes commands and options (bash for real, zsh and fish by their variables)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    return {"PATH": f"{BIN}:/usr/bin:/bin", "HOME": str(tmp_path), "LEDGER_LANG": "en", **extra}


@pytest.mark.parametrize(("shell", "marks"), [
    ("bash", ["complete -o default -F _ledger_completion ledger", "_LEDGER_COMPLETE=complete_bash"]),
    ("zsh", ["#compdef ledger", "_LEDGER_COMPLETE=complete_zsh"]),
    ("fish", ["complete --command ledger", "_LEDGER_COMPLETE=complete_fish"]),
])
def test_the_script_for_each_shell(shipped, shell, marks):
    result = shipped("completion", shell)
    assert result.exit_code == 0 and result.stderr == ""
    for mark in marks:
        assert mark in result.stdout


def test_an_unknown_shell_is_a_usage_error(shipped):
    result = shipped("completion", "tcsh")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1


def _bash(tmp_path: Path, words: str) -> list[str]:
    script = subprocess.run([str(BIN / "ledger"), "completion", "bash"], capture_output=True, text=True, check=True,
                            env=_env(tmp_path)).stdout
    words_list = words.split(" ")
    program = (f"{script}\nCOMP_WORDS=({' '.join(repr(w) for w in words_list)})\nCOMP_CWORD={len(words_list) - 1}\n"
               "_ledger_completion ledger\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n")
    done = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True, text=True,
                          check=True, env=_env(tmp_path))
    return done.stdout.split()


@pytest.mark.skipif(shutil.which("bash") is None, reason="no bash")
def test_bash_completes_commands_options_and_values(tmp_path: Path):
    assert _bash(tmp_path, "ledger li") == ["list", "lights"]
    assert {"close", "completion", "check"} <= set(_bash(tmp_path, "ledger c"))
    assert {"--due-soon", "--dept", "--dated", "--due-before", "--due-after"} <= set(_bash(tmp_path, "ledger list --d"))
    assert _bash(tmp_path, "ledger list --format m") == ["markdown"]
    assert _bash(tmp_path, "ledger completion f") == ["fish"]


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_protocols(tmp_path: Path, shell: str):
    env = _env(tmp_path, _LEDGER_COMPLETE=f"complete_{shell}", _TYPER_COMPLETE_ARGS="ledger list --for",
               _TYPER_COMPLETE_FISH_ACTION="get-args")
    done = subprocess.run([str(BIN / "ledger")], capture_output=True, text=True, check=False, env=env)
    assert done.returncode == 0, done.stderr
    assert "--format" in done.stdout
    if os.environ.get("SHELL_COMPLETION_DEBUG"):
        print(done.stdout)
