"""The cache's files: one slot per data folder, written atomically, pickled fast.

A slot lives in the user's cache folder; the model's frozen records are pickled with fast reducers.

The model's frozen dataclasses are pickled as ``build(fields)`` rather than through the
dataclass ``__getstate__``/``__setstate__`` pair, which walks ``fields()`` for every object.
``build`` is made once per class (``_builder``): it makes a twin of the class (the same slots, a
plain ``__init__`` that assigns them) and turns it into the class by assigning ``__class__``, where
the frozen ``__init__`` goes through ``object.__setattr__`` for each field; the 10,000 ``Item``s of a
10,000-item ledger are made in about 6 ms instead of 50.
The objects are the same: every field is stored, so no default and no ``__init__`` logic is
involved (the model has none; ``tests/test_cache.py`` compares a loaded ledger with a parsed one).
"""

from __future__ import annotations

import copyreg
import dataclasses
import functools
import gc
import hashlib
import os
import pickle
from collections.abc import Callable
from datetime import date
from operator import attrgetter
from pathlib import Path
from typing import Any, BinaryIO


def cache_folder() -> Path:
    explicit = os.environ.get("LEDGER_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "ledger"


def slot(data_dir: Path) -> Path:
    tag = hashlib.sha256(str(data_dir.resolve()).encode()).hexdigest()[:24]
    return cache_folder() / f"{tag}.pickle"


def context(data_dir: Path, with_cwd: bool) -> bytes:
    """What besides the files' content a cached ledger depends on: the data folder's spelling,
    and the working directory if the ledger carries problem messages."""
    where = f"{data_dir}\0{os.getcwd() if with_cwd else ''}"
    return (b"W" if with_cwd else b"-") + hashlib.sha256(where.encode()).hexdigest().encode("ascii")


HEADER = 64 + 1 + 64


def _reducers() -> dict[type, Callable[[Any], tuple[Any, ...]]]:
    """``build(fields)`` for every frozen, slotted dataclass of the model and for ``Problem``."""
    from ledger import errors
    from ledger.core import model

    table: dict[type, Callable[[Any], tuple[Any, ...]]] = {}
    for cls in [*vars(model).values(), errors.Problem]:
        twin = _twin(cls) if isinstance(cls, type) else None
        if twin is None:
            continue  # not a record, or one pickled the dataclass way
        names = twin.__slots__
        get = attrgetter(*names)
        if len(names) == 1:
            table[cls] = lambda obj, cls=cls, get=get: (_built.get(cls) or _builder(cls), ((_shared(get(obj)),),))
        else:
            table[cls] = lambda obj, cls=cls, get=get: (_built.get(cls) or _builder(cls), (tuple(map(_shared, get(obj))),))
    return table


_built: dict[type, Callable[[tuple[Any, ...]], Any]] = {}
"""The builders made so far, by class: made when first needed (a write's journal holds a few classes)."""


def _slot_fields(cls: Any) -> list[str] | None:
    """The fields of a frozen dataclass whose every field is an ``__init__`` field held in a slot, else None."""
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__dataclass_params__.frozen):  # type: ignore[attr-defined]
        return None
    fields = dataclasses.fields(cls)
    names = [f.name for f in fields if f.init]
    if len(names) != len(fields) or not all(type(vars(cls).get(n)).__name__ == "member_descriptor" for n in names):
        return None
    return names


_BUILD = "build__"


def _builder(cls: type) -> Callable[[tuple[Any, ...]], Any]:
    """A module-level function (so pickle can name it) that makes a ``cls`` from its fields in order."""
    name = _BUILD + f"{cls.__module__}.{cls.__qualname__}".replace("_", "_5f").replace(".", "_2e")
    made = globals().get(name)
    if made is not None:
        _built[cls] = made
        return made  # type: ignore[no-any-return]
    twin = _twin(cls)
    if twin is None:
        raise AttributeError(name)
    # a twin's slots filled by plain assignment, then the object made a ``cls``
    source = f"def {name}(a, twin=twin, cls=cls):\n    o = twin(*a)\n    o.__class__ = cls\n    return o\n"
    scope: dict[str, Any] = {"twin": twin, "cls": cls}
    exec(source, scope)  # our own source, as dataclasses makes its methods
    build = scope[name]
    build.__module__ = __name__
    build.__qualname__ = name
    globals()[name] = _built[cls] = build
    return build  # type: ignore[no-any-return]


@functools.cache
def _twin(cls: type) -> type | None:
    """A plain class with ``cls``'s slots, in the same order, whose ``__init__`` assigns them: an
    object made by it can become a ``cls`` (``__class__`` assignment, which CPython allows between
    classes of the same layout). Assigning a slot costs a third of going through its descriptor.
    None if ``cls`` is not laid out that way (it is then pickled the dataclass way)."""
    names = _slot_fields(cls)
    if names is None or cls.__bases__ != (object,) or tuple(getattr(cls, "__slots__", ())) != tuple(names):
        return None
    init = f"def __init__(self, {', '.join(names)}):\n" + "".join(f"    self.{n} = {n}\n" for n in names)
    scope: dict[str, Any] = {}
    exec(init, scope)  # our own source
    twin = type(f"_{cls.__name__}Twin", (), {"__slots__": tuple(names), "__init__": scope["__init__"]})
    try:
        probe = twin.__new__(twin)
        probe.__class__ = cls
    except TypeError:
        return None
    return twin


def __getattr__(name: str) -> Any:
    """An unpickled ``build__…`` is made on first use from the class its name spells."""
    if not name.startswith(_BUILD):
        raise AttributeError(name)
    import importlib

    path = name[len(_BUILD):].replace("_2e", ".").replace("_5f", "_")
    module, _, qualname = path.rpartition(".")
    if not module.startswith("ledger."):
        raise AttributeError(name)
    try:
        cls = getattr(importlib.import_module(module), qualname)
    except (ImportError, AttributeError):
        raise AttributeError(name) from None
    return _builder(cls)


_canonical: dict[Any, Any] = {}


def _shared(value: Any) -> Any:
    """One object for equal dates, strings and tuples of strings: pickle writes an object it has
    written before as a reference, so the 10,000 items' few hundred distinct dates and unit names
    are built once on loading, not once each (at 10,000 items a third smaller and about a sixth faster to load)."""
    kind = type(value)
    if kind is date or kind is str:
        return _canonical.setdefault(value, value)
    if kind is tuple and value and type(value[0]) is str:
        return _canonical.setdefault(value, value) if all(type(v) is str for v in value) else value
    return value


_dispatch: dict[type, Any] | None = None


def dump(value: Any, fh: BinaryIO) -> None:
    """Pickle ``value`` into ``fh`` with the model's fast reducers."""
    global _dispatch
    if _dispatch is None:
        _dispatch = {**copyreg.dispatch_table, **_reducers()}
    pickler = pickle.Pickler(fh, protocol=pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _dispatch
    enabled = gc.isenabled()
    gc.disable()  # the reducers' tuples would set off collections that walk every item: half the time
    _canonical.clear()
    try:
        pickler.dump(value)
    finally:
        _canonical.clear()
        if enabled:
            gc.enable()


def load_slot(path: Path, key: str, data_dir: Path) -> Any | None:
    """The pickled value after a header naming ``key`` (and this data folder), else None."""
    with open(path, "rb") as fh:
        header = fh.read(HEADER)
        if header[:64].decode("ascii", "replace") != key:
            return None
        if header[64:] != context(data_dir, header[64:65] == b"W"):
            return None
        gc.disable()  # unpickling builds many small objects; the collector only slows it
        try:
            value = pickle.load(fh)
            # Kept for the whole run and free of cycles: move them out of the collector's sight,
            # or its next passes walk every item again (about 10% of a warm read at 10,000 items).
            gc.freeze()
            return value
        finally:
            gc.enable()


def atomic(path: Path, write_body: Callable[[BinaryIO], None]) -> bool:
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as fh:
            write_body(fh)
        os.replace(tmp, path)
        return True
    except (OSError, pickle.PicklingError, TypeError, AttributeError, RecursionError):
        try:
            os.unlink(tmp)
        except OSError:
            pass
        return False
