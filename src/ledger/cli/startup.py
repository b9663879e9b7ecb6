"""The console script's start-up: the methods dataclasses writes for each record, compiled once.

Python 3.11's ``dataclasses`` writes the ``__init__``, ``__eq__``, ``__hash__``, ``__repr__`` and
frozen ``__setattr__`` of every dataclass as source text and compiles it with ``exec``, at every
start: the 36 records a one-item write defines cost about 12 ms of compiling, more than a tenth of
the whole command at 10,000 items. The text is the same at every run, so the console script keeps
the compiled code in the cache folder (``dataclasses-2-<python>.marshal``, beside the ledgers' caches)
and hands ``dataclasses`` the code it compiled before for the same text (``dataclasses`` looks
``exec`` up among its own module's names first), found by the text's sha256 and decoded only then.
Nothing else changes: the same code runs for the same text. A missing, damaged or foreign file is
only a miss; ``LEDGER_NO_CACHE=1`` neither reads nor writes it. The file is trusted as the ledgers'
pickled caches are (both live in the user's own cache folder). Only the console script does this
(``main``), never an import of the package.
"""

from __future__ import annotations

import os
import sys
from typing import Any

_stored: dict[bytes, bytes] = {}
"""sha256 of a source text (16 bytes) → its compiled code, marshalled: decoded only when asked for."""
_new: dict[bytes, bytes] = {}
_installed = False
FORMAT = 2
"""Changes when what is stored changes meaning (2: compiled without this module's ``__future__`` flags)."""


def _path() -> str:
    from ledger.store.cache_slots import cache_folder

    v = sys.version_info
    tag = f"{sys.implementation.cache_tag}-{v.major}.{v.minor}.{v.micro}{v.releaselevel}{v.serial}"  # code is per version
    return os.path.join(cache_folder(), f"dataclasses-{FORMAT}-{tag}.marshal")


def _enabled() -> bool:
    return os.environ.get("LEDGER_NO_CACHE", "") in ("", "0")


def install() -> None:
    """Serve ``dataclasses``' compiles from the stored code; compile and remember what is new."""
    global _installed
    if _installed or not _enabled():
        return
    import dataclasses
    import hashlib
    import marshal

    try:
        with open(_path(), "rb") as fh:
            stored = marshal.load(fh)
        if isinstance(stored, dict):
            _stored.update(stored)
    except Exception:  # no file yet, or a damaged one: compile as usual
        pass
    code_type = type(install.__code__)

    def exec_compiled(source: Any, globals: Any = None, locals: Any = None) -> None:
        if isinstance(source, str):
            key = hashlib.sha256(source.encode()).digest()[:16]
            blob = _stored.get(key)
            code = None
            if isinstance(blob, bytes):
                try:
                    code = marshal.loads(blob)
                except Exception:  # a damaged entry: compiled again
                    code = None
            if type(code) is not code_type:
                code = compile(source, "<string>", "exec", dont_inherit=True)  # as dataclasses' exec: no __future__ of ours
                _stored[key] = _new[key] = marshal.dumps(code)
            source = code
        exec(source, globals, locals)

    dataclasses.exec = exec_compiled  # type: ignore[attr-defined]
    _installed = True


def save() -> None:
    """Store what this run compiled for the first time (a new Python, a new record), if anything."""
    if not _new or not _enabled():
        return
    import marshal

    path = _path()
    tmp = f"{path}.{os.getpid()}.tmp"
    try:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(tmp, "wb") as fh:
            marshal.dump(_stored, fh)
        os.replace(tmp, path)
    except (OSError, ValueError, KeyboardInterrupt):  # the command is done: a Ctrl-C now only skips the store
        try:
            os.unlink(tmp)
        except OSError:
            pass
    _new.clear()
