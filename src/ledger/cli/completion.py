"""The completion command: the shell script that completes ledger's commands and options in bash, zsh or fish."""

from enum import Enum
from typing import Annotated

import typer

from ledger.cli.common import command, out
from ledger.cli.help import COMPLETE_VAR


class Shell(str, Enum):
    bash = "bash"
    zsh = "zsh"
    fish = "fish"


@command("completion")
def completion_command(
    shell: Annotated[Shell, typer.Argument(metavar="bash|zsh|fish", help="The shell to complete in.")],
) -> None:
    """Print the shell script that completes ledger's commands, options and their values.

    Install it once, then open a new shell:

      bash: ledger completion bash > ~/.local/share/bash-completion/completions/ledger

      zsh: ledger completion zsh > ~/.zfunc/_ledger (with fpath+=~/.zfunc before compinit in ~/.zshrc)

      fish: ledger completion fish > ~/.config/fish/completions/ledger.fish

    Or for this shell only: eval "$(ledger completion bash)"
    """
    from typer._completion_shared import get_completion_script

    out(get_completion_script(prog_name="ledger", complete_var=COMPLETE_VAR, shell=shell.value) + "\n")
