"""ledger: a rectification close-out ledger (整改销号台账) over YAML files in git."""

__version__ = "0.1.0"

_console_script = False
"""Set by ``main`` before the CLI is imported: the console script registers only the command it
runs; anyone else importing ``ledger.cli.app`` gets every command."""


def main() -> None:
    """The ``ledger`` console script (see ``cli.run``)."""
    global _console_script
    _console_script = True
    from ledger.cli.app import run

    run()
