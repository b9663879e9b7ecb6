"""The console script keeps the code ``dataclasses`` compiles for each record (``cli.startup``): the
second run uses it, answers exactly as the first, and a damaged or disabled store changes nothing."""

from __future__ import annotations

import marshal
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

LEDGER = str(Path(sys.executable).parent / "ledger")
COMMANDS = [["list", "--overdue"], ["show", "2-8", "--format", "json"], ["check"], ["report"]]


@pytest.fixture
def ledger_dir(shipped) -> Path:  # type: ignore[no-untyped-def]
    return shipped.root  # type: ignore[no-any-return]


def _runs(root: Path, cache: Path, **env: str) -> list[tuple[int, str, str]]:
    environ = {"PATH": "/usr/bin:/bin", "HOME": str(root), "LEDGER_TODAY": "2024-09-10", "LEDGER_LANG": "en",
               "COLUMNS": "100", "LEDGER_CACHE_DIR": str(cache), **env}
    out = []
    for args in COMMANDS:
        done = subprocess.run([LEDGER, "--data", "data", *args], capture_output=True, text=True, cwd=root, env=environ,
                              check=False)
        out.append((done.returncode, done.stdout, done.stderr))
    return out


def _stores(cache: Path) -> list[Path]:
    return sorted(cache.glob("dataclasses-*.marshal")) if cache.exists() else []


def test_the_second_run_uses_the_stored_code_and_answers_the_same(ledger_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    reference = _runs(ledger_dir, tmp_path / "unused", LEDGER_NO_CACHE="1")
    assert not _stores(tmp_path / "unused")  # LEDGER_NO_CACHE: nothing read, nothing written
    assert all(code == 0 for code, _, _ in reference) and "2-8" in reference[1][1]
    assert _runs(ledger_dir, cache) == reference
    [store] = _stores(cache)
    stamp = store.stat().st_mtime_ns, store.stat().st_size
    assert _runs(ledger_dir, cache) == reference
    assert (store.stat().st_mtime_ns, store.stat().st_size) == stamp  # nothing new to compile: not rewritten


def test_a_damaged_store_is_only_a_miss(ledger_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    reference = _runs(ledger_dir, cache)
    [store] = _stores(cache)
    good = store.read_bytes()
    foreign = marshal.dumps({key: marshal.dumps(7) for key in marshal.loads(good)})  # entries that are not code
    for damage in (b"", b"\x00garbage", good[: len(good) // 2], marshal.dumps([1, 2]), foreign):
        store.write_bytes(damage)
        assert _runs(ledger_dir, cache) == reference
        assert store.stat().st_size > 1000  # written again, whole


SCRIPT = textwrap.dedent("""
    import os, sys
    from ledger.cli import startup
    startup.install()
    import dataclasses
    @dataclasses.dataclass(frozen=True, slots=True)
    class Note:
        day: int
        text: str = "x"
    a, b = Note(1), Note(1, "x")
    try:
        a.day = 2
        frozen = False
    except dataclasses.FrozenInstanceError:
        frozen = True
    print(repr(a), a == b, hash(a) == hash(b), frozen, Note(2, text="y"), Note.__init__.__annotations__)
    startup.save()
""")


def test_records_made_from_stored_code_behave_as_compiled_ones(tmp_path: Path) -> None:
    env = {**os.environ, "LEDGER_CACHE_DIR": str(tmp_path / "c")}
    env.pop("LEDGER_NO_CACHE", None)
    first = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True).stdout
    plain = subprocess.run([sys.executable, "-c", SCRIPT.replace("startup.install()", "")], capture_output=True, text=True,
                           env=env, check=True).stdout
    assert first == plain  # annotations included: compiled as dataclasses compiles them
    assert first == ("Note(day=1, text='x') True True True Note(day=2, text='y') "
                     "{'day': <class 'int'>, 'text': <class 'str'>, 'return': None}\n")
    [store] = _stores(tmp_path / "c")
    size = store.stat().st_size
    second = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True).stdout
    assert second == first and store.stat().st_size == size
