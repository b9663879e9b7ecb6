"""The ``ledger`` console script: registers only the command it runs, then runs it."""

from __future__ import annotations


def main() -> None:
    """Entry point of the installed ``ledger`` command (see ``ledger.cli.app.run``)."""
    from ledger.cli import common

    common.console_script = True  # before ledger.cli.app is imported: it then registers no command itself
    from ledger.cli.app import run

    run()


if __name__ == "__main__":
    main()
