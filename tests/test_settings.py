"""data/settings.yaml read once and remembered beside the cache: never stale, never a bad file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ledger.errors import LedgerError
from ledger.store.settings import read_settings


def test_settings_are_remembered_by_their_text_and_never_stale(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    cache = Path(os.environ["LEDGER_CACHE_DIR"])
    (data / "settings.yaml").write_text("review: required\nreviewer: 区营商办\n", encoding="utf-8")
    first = read_settings(data)
    assert (first.review, first.reviewer) == ("required", "区营商办")
    assert len(list(cache.glob("settings-*.pickle"))) == 1
    assert read_settings(data) == first  # from the slot
    (data / "settings.yaml").write_text("review: optional\n", encoding="utf-8")  # another text: read again
    assert (read_settings(data).review, read_settings(data).reviewer) == ("optional", None)
    (data / "settings.yaml").write_text("review: maybe\n", encoding="utf-8")  # a bad file is never remembered
    before = sorted(cache.glob("settings-*.pickle"))
    with pytest.raises(LedgerError, match="review: must be required or optional"):
        read_settings(data)
    assert sorted(cache.glob("settings-*.pickle")) == before
