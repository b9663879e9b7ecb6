"""The folder lock: deleting its file mid-write loses no update, and a stale lock another user left
is explained with the command that clears it (issue 11, finding 6)."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path
from typing import Any

import pytest

from hostile import LEDGER, copy_shipped, ledger_env, leftovers
from ledger.store.safeio import LOCK_NAME


def _paused(data: Path, args: list[str], point: str, seconds: float) -> subprocess.Popen:
    proc = subprocess.Popen([str(LEDGER), "--data", str(data), *args], env=ledger_env(LEDGER_TEST_PAUSE=f"{point}:{seconds}"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stderr is not None
    assert proc.stderr.readline().strip() == f"ledger-test-pause {point}"
    return proc


def test_deleting_the_lock_mid_write_loses_no_update(tmp_path: Path):
    """Finding 6: with the lock file deleted (a user "fixing" it, git clean -fdX), a second writer
    took a new lock and one of the two updates was lost, reported as success."""
    data = copy_shipped(tmp_path)
    first = _paused(data, ["progress", "1-1", "第一条"], "before-rename", 2)
    (data / LOCK_NAME).unlink()
    second = subprocess.run([str(LEDGER), "--data", str(data), "progress", "1-2", "第二条"], env=ledger_env(),
                            capture_output=True, text=True)
    assert (second.returncode, second.stderr) == (0, "")
    out, err = first.communicate(timeout=60)
    assert (first.returncode, out, err) == (
        1, "", f"Error: the lock file {data / LOCK_NAME} was removed or replaced while this command ran; nothing was "
               "changed: run the command again\n")
    text = (data / "items.yaml").read_text(encoding="utf-8")
    assert "第二条" in text and "第一条" not in text
    assert leftovers(data) == []


def test_a_writer_whose_lock_was_deleted_leaves_the_next_lock_alone(tmp_path: Path):
    data = copy_shipped(tmp_path)
    first = _paused(data, ["progress", "1-1", "第一条"], "before-rename", 1)
    (data / LOCK_NAME).unlink()
    second = _paused(data, ["progress", "1-2", "第二条"], "after-lock", 3)
    first.communicate(timeout=60)
    assert first.returncode == 1
    assert (data / LOCK_NAME).read_text() == str(second.pid)  # the first did not remove the second's lock
    assert second.communicate(timeout=60)[1] == ""
    assert second.returncode == 0
    assert leftovers(data) == []


def test_a_stale_lock_of_another_user_is_explained(shipped):  # type: ignore[no-untyped-def]
    """Finding 6: a dead process's lock owned by another user gave "Permission denied". (Root
    ignores permission bits: opening the lock for writing is refused as it would be for a user.)"""
    lock = shipped.data / LOCK_NAME
    lock.write_text("999999")
    os.chown(lock, 65534, 65534)
    real_open = os.open

    def refusing(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if str(path).endswith(LOCK_NAME) and flags & os.O_RDWR:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))
        return real_open(path, flags, *args, **kwargs)

    before = shipped.snapshot()
    with pytest.MonkeyPatch.context() as patch:  # not monkeypatch.undo(): that would drop the isolated env too
        patch.setattr(os, "open", refusing)
        result = shipped("progress", "1-1", "A")
    assert (result.exit_code, result.stderr) == (
        1, "Error: the lock file data/.ledger.lock belongs to user nobody and no ledger command holds it (process "
           "999999 left it); clear it with: rm data/.ledger.lock\n")
    assert shipped.snapshot() == before


def test_a_lock_planted_over_a_journal_is_not_trusted(shipped):
    """A journal the tool did not write is never acted on."""
    (shipped.data / ".ledger-journal").write_text('{"version": 1, "pid": 1, "writes": [{"path": "../x", '
                                                  '"tmp": "../.x.1.ledger-tmp", "sha256": "' + "0" * 64 + '"}], '
                                                  '"removals": [], "git": null}')
    before = shipped.snapshot()
    result = shipped("progress", "1-1", "A")
    assert (result.exit_code, result.stderr) == (
        1, "Error: data/.ledger-journal is not a journal this tool wrote; look at it, then remove it\n")
    assert shipped.snapshot() == before
