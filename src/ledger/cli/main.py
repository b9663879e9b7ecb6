"""The ``ledger`` console script: registers only the command it runs, then runs it."""

from __future__ import annotations


def main() -> None:
    """Entry point of the installed ``ledger`` command (see ``ledger.cli.app.run``).

    A Ctrl-C while the program is still starting (importing its libraries, before any command
    runs) has changed nothing: it is one line and exit 130, not the interpreter's traceback."""
    try:
        from ledger.cli import startup

        startup.install()  # before any record is defined
        from ledger.cli import common

        common.console_script = True  # before ledger.cli.app is imported: it then registers no command itself
        from ledger.cli.app import run
    except (KeyboardInterrupt, RuntimeError) as exc:  # a Ctrl-C while a class is being made arrives wrapped
        from ledger.cli.interrupt import interrupted, is_interrupt

        if not is_interrupt(exc):
            raise
        interrupted()
    run()


if __name__ == "__main__":
    main()
