"""Write failures: a full disk, a read-only or unwritable folder, a failing rename or fsync.

Each gives one clear error line, exit 1, and leaves the original file and the folder exactly as
they were (no temporary file, no lock file, no half-copied evidence).

Root ignores permission bits, so the disk-level cases use a tiny tmpfs mounted for the test
(full, then remounted read-only), skipped where mounting is not allowed; the rest patch the
system calls in-process and run everywhere.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from hostile import copy_shipped, ledger_env, leftovers, run_limited, snapshot

PAGE = 4096
PROGRESS = ["progress", "1-1", "已走访企业", "--by", "李四"]


# ----------------------------------------------------------------------------- a real tmpfs

@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A 256 KB tmpfs holding a copy of the shipped data at ``<mount>/data``."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k,mode=0755", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.strip()}")
    try:
        copy_shipped(mount)
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def fill(mount: Path, leave_pages: int) -> None:
    """Fill the tmpfs, then give back ``leave_pages`` pages."""
    filler = mount / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o644)
    try:
        while True:
            try:
                os.write(fd, b"\0" * PAGE)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
                break
    finally:
        os.close(fd)
    size = filler.stat().st_size
    os.truncate(filler, max(0, (size // PAGE - leave_pages) * PAGE))


def _refused(run: Any, data: Path, before: dict[str, Any], message: str) -> None:
    assert run.returncode == 1, run
    assert run.stdout == ""
    assert run.stderr.splitlines() == [message], run.stderr
    assert snapshot(data) == before
    assert leftovers(data) == []


def test_a_full_disk_refuses_even_the_lock(tmpfs: Path) -> None:
    data = tmpfs / "data"
    fill(tmpfs, 0)
    before = snapshot(data)
    run = run_limited(["--data", str(data), *PROGRESS], env=ledger_env())
    _refused(run, data, before, f"Error: cannot write in {data}: no space left on device")


def test_a_full_disk_mid_write_leaves_the_original(tmpfs: Path) -> None:
    """Room for the lock file but not for the new items file (11 KB)."""
    data = tmpfs / "data"
    fill(tmpfs, 1)
    before = snapshot(data)
    run = run_limited(["--data", str(data), *PROGRESS], env=ledger_env())
    _refused(run, data, before, f"Error: cannot write {data / 'items.yaml'}: no space left on device; nothing was changed")


def test_a_full_disk_while_copying_evidence(tmpfs: Path, tmp_path: Path) -> None:
    data = tmpfs / "data"
    voucher = tmp_path / "凭证.pdf"
    voucher.write_bytes(b"%PDF" * 16 * 1024)  # 64 KB
    fill(tmpfs, 2)
    before = snapshot(data)
    run = run_limited(["--data", str(data), "close", "2-8", "--evidence", str(voucher), "--by", "张三"], env=ledger_env())
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"Error: cannot copy evidence {voucher} into {data / 'evidence' / '2-8'}: "
                                       "no space left on device; nothing was changed"]
    after = snapshot(data)
    assert [k for k, (kind, _) in after.items() if kind == "file"] == [k for k, (kind, _) in before.items() if kind == "file"]
    assert {k: v for k, v in after.items() if not k.startswith("evidence")} == before
    assert leftovers(data) == []


def test_evidence_copied_then_the_items_write_fails(tmpfs: Path, tmp_path: Path) -> None:
    """The evidence fits, the new items file does not: the copied evidence is removed again."""
    data = tmpfs / "data"
    voucher = tmp_path / "凭证.txt"
    voucher.write_text("拨付凭证\n", encoding="utf-8")
    fill(tmpfs, 2)
    before = snapshot(data)
    run = run_limited(["--data", str(data), "close", "2-8", "--evidence", str(voucher), "--by", "张三"], env=ledger_env())
    assert run.returncode == 1
    assert run.stderr.splitlines() == [f"Error: cannot write {data / 'items.yaml'}: no space left on device; "
                                       "nothing was changed"]
    after = snapshot(data)
    assert [k for k, (kind, _) in after.items() if kind == "file"] == [k for k, (kind, _) in before.items() if kind == "file"]
    assert leftovers(data) == []


def test_a_read_only_folder(tmpfs: Path) -> None:
    data = tmpfs / "data"
    done = subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot remount read-only: {done.stderr.strip()}")
    before = snapshot(data)
    run = run_limited(["--data", str(data), *PROGRESS], env=ledger_env())
    _refused(run, data, before, f"Error: cannot write in {data}: Read-only file system")
    check = run_limited(["--data", str(data), "check"], env=ledger_env())
    assert check.returncode == 0, check  # reading a read-only ledger is fine


def test_an_unwritable_folder_as_a_user() -> None:
    """Permission bits, where they apply (root ignores them: there the read-only tmpfs above and
    the patched ``open`` below stand in)."""
    if os.geteuid() == 0:
        pytest.skip("root ignores permission bits")
    root = Path(tempfile.mkdtemp())
    try:
        data = copy_shipped(root)
        os.chmod(data, 0o555)
        before = snapshot(data)
        run = run_limited(["--data", str(data), *PROGRESS], env=ledger_env())
        _refused(run, data, before, f"Error: cannot write in {data}: Permission denied")
    finally:
        os.chmod(root / "data", 0o755)
        shutil.rmtree(root, ignore_errors=True)


# ----------------------------------------------------------------------------- patched system calls

def _fd_path(fd: int) -> str:
    try:
        return os.readlink(f"/proc/self/fd/{fd}")
    except OSError:
        return ""


def _failing(real: Callable[..., Any], when: Callable[..., bool], code: int) -> Callable[..., Any]:
    def fake(*args: Any, **kwargs: Any) -> Any:
        if when(*args, **kwargs):
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)
    return fake


def _is_temp(arg: Any) -> bool:
    return str(arg).endswith(".ledger-tmp")


def _second_write_to_temp() -> Callable[..., bool]:
    calls = {"n": 0}

    def when(fd: int, *_: Any) -> bool:
        if _is_temp(_fd_path(fd)):
            calls["n"] += 1
            return calls["n"] >= 2  # the first half went through: fail mid-write
        return False
    return when


PATCHES: dict[str, tuple[str, Callable[[], Callable[..., bool]], int, str]] = {
    "rename refused": ("replace", lambda: lambda src, dst, **_: _is_temp(src), errno.EACCES,
                       "cannot write {items}: Permission denied; nothing was changed"),
    "rename across devices": ("replace", lambda: lambda src, dst, **_: _is_temp(src), errno.EXDEV,
                              "cannot write {items}: Invalid cross-device link; nothing was changed"),
    "temporary file refused": ("open", lambda: lambda path, *a, **k: _is_temp(path), errno.EACCES,
                               "cannot write {items}: Permission denied; nothing was changed"),
    "lock file refused": ("open", lambda: lambda path, *a, **k: str(path).endswith(".ledger.lock"), errno.EACCES,
                          "cannot write in {data}: Permission denied"),
    "disk full mid-write": ("write", _second_write_to_temp, errno.ENOSPC,
                            "cannot write {items}: no space left on device; nothing was changed"),
    "disk full on the first byte": ("write", lambda: lambda fd, *_: _is_temp(_fd_path(fd)), errno.ENOSPC,
                                    "cannot write {items}: no space left on device; nothing was changed"),
    "quota exceeded": ("write", lambda: lambda fd, *_: _is_temp(_fd_path(fd)), errno.EDQUOT,
                       "cannot write {items}: Disk quota exceeded; nothing was changed"),
    "fsync fails": ("fsync", lambda: lambda fd: _is_temp(_fd_path(fd)), errno.EIO,
                    "cannot write {items}: Input/output error; nothing was changed"),
    "lock pid write fails": ("write", lambda: lambda fd, *_: _fd_path(fd).endswith(".ledger.lock"), errno.ENOSPC,
                             "cannot write in {data}: no space left on device"),
}


@pytest.mark.parametrize("command", ["progress", "close"])
@pytest.mark.parametrize("name", list(PATCHES))
def test_a_failing_system_call(shipped, tmp_path: Path,  # type: ignore[no-untyped-def]
                               name: str, command: str) -> None:
    function, make_when, code, template = PATCHES[name]
    voucher = tmp_path / "voucher.txt"
    voucher.write_text("凭证\n", encoding="utf-8")
    args = PROGRESS if command == "progress" else ["close", "2-8", "--evidence", str(voucher), "--by", "张三"]
    before = snapshot(shipped.data)
    with pytest.MonkeyPatch.context() as patch:  # not monkeypatch.undo(): that would drop the isolated env too
        patch.setattr(os, function, _failing(getattr(os, function), make_when(), code))
        result = shipped(*args)
    assert result.exit_code == 1, result.stdout
    message = "Error: " + template.format(items="data/items.yaml", data="data")  # as typed: --data data
    assert result.stderr.splitlines() == [message]
    after = snapshot(shipped.data)
    files = lambda snap: {k: v for k, v in snap.items() if v[0] != "dir"}  # noqa: E731
    assert files(after) == files(before)  # not even the evidence copy is left
    assert leftovers(shipped.data) == []
    # and the next command, with the fault gone, lands
    assert shipped(*args).exit_code == 0
