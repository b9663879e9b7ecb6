"""A Ctrl-C before any command changed anything: one line in the interface language, exit 130."""

from __future__ import annotations


def is_interrupt(exc: BaseException) -> bool:
    """A Ctrl-C, also as Python 3.11 delivers one that lands while a class is being made: wrapped in a
    RuntimeError by ``__set_name__`` (a dataclass field with a default factory, for one)."""
    return isinstance(exc, KeyboardInterrupt) or (isinstance(exc, RuntimeError)
                                                  and isinstance(exc.__cause__, KeyboardInterrupt))


def interrupted() -> None:
    """A Ctrl-C before any command changed anything: one line in the interface language, exit 130.
    Imports nothing of the tool's (it may be what was being imported): the language is read from
    the environment as ``ledger.i18n`` reads it."""
    import os
    import sys

    lang = os.environ.get("LEDGER_LANG") or os.environ.get("LC_ALL") or os.environ.get("LANG") or ""
    if "--lang" in sys.argv[1:-1]:
        lang = sys.argv[sys.argv.index("--lang") + 1]
    sys.stderr.write("错误: 已中断\n" if lang.lower().startswith("zh") else "Error: interrupted\n")
    try:
        sys.stderr.flush()
    finally:
        os._exit(130)
