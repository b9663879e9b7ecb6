"""The validated-ledger cache never changes an answer: every read command prints the same with
and without it, a hand edit is seen by the next read, and a damaged slot is only a miss."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import pytest
import typer.main

from ledger.cli.app import app
from ledger.store import cache_journal, cache_slots

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
import generate

NO_CACHE = {"LEDGER_NO_CACHE": "1"}


def _registered() -> set[str]:
    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def read_commands(item: str, unit: str, as_of: str, month: str) -> list[list[str]]:
    """Every read command, in the forms that read the ledger differently; commands still being
    written by others (report, bulletin) are included once they exist."""
    runs = [
        ["check"], ["check", "--no-evidence"],
        ["list"], ["list", "--all"], ["list", "--overdue"], ["list", "--overdue", "--format", "json"],
        ["list", "--as-of", as_of, "--format", "json"], ["list", "--status", "in_progress", "--format", "csv"],
        ["list", "--status", "closed", "--format", "markdown"], ["list", "--dept", unit, "--format", "json"],
        ["list", "--due-soon", "30", "--format", "json"], ["list", "--ongoing", "--search", "企业", "--format", "json"],
        ["show", item], ["show", item, "--format", "json"], ["show", item, "--as-of", as_of, "--format", "json"],
        ["show", "no-such-id"], ["list", "--dept", "no-such-unit"],
    ]
    names = _registered()
    if "report" in names:
        runs += [["report"], ["report", "--format", "json"], ["report", "--by", "responsible", "--format", "json"],
                 ["report", "--as-of", as_of, "--format", "csv"]]
    if "bulletin" in names:
        runs += [["bulletin", "--period", month]]
    return runs


def outputs(ledger, runs: list[list[str]], env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    results = []
    for args in runs:
        r = ledger(*args, env=env)
        results.append((args, r.exit_code, r.stdout, r.stderr))
    return results


def slot_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix == ".pickle") if folder.exists() else []


def cold_build_forbidden(monkeypatch: pytest.MonkeyPatch) -> None:
    """From here on, a read that is not served by the cache fails loudly."""
    import ledger.store.build

    def refuse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the ledger was parsed again: the cache was not used")

    monkeypatch.setattr(ledger.store.build, "build", refuse)


@pytest.fixture
def generated(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A 400-item generated ledger with progress, extensions, close-outs and reopenings."""
    from ledgers import Ledger

    generate.write(tmp_path, 400, seed=3)
    text = (tmp_path / "data" / "items.yaml").read_text(encoding="utf-8")
    assert "history:" in text and "extensions:" in text and "late: true" in text
    return Ledger(tmp_path, today=generate.AS_OF.isoformat())


def _same_with_and_without(ledger, monkeypatch, runs) -> None:  # type: ignore[no-untyped-def]
    reference = outputs(ledger, runs, NO_CACHE)
    assert not slot_files(cache_slots.cache_folder())
    cold = outputs(ledger, runs)  # the first run fills the cache, the rest are served by it
    assert len(slot_files(cache_slots.cache_folder())) == 1
    cold_build_forbidden(monkeypatch)
    warm = outputs(ledger, runs)
    for ref, c, w in zip(reference, cold, warm, strict=True):
        assert c == ref, ref[0]
        assert w == ref, ref[0]


def test_shipped_every_read_command_same_with_and_without_cache(shipped, monkeypatch):
    runs = read_commands("2-8", "财政局", "2024-07-01", "2024-08")
    _same_with_and_without(shipped, monkeypatch, runs)
    assert any(r for r in runs if r[0] == "list")


def test_shipped_in_chinese_same_with_and_without_cache(shipped, monkeypatch):
    runs = [["list", "--overdue"], ["show", "2-8"], ["check"]]
    reference = [shipped(*a, lang="zh", env=NO_CACHE).stdout for a in runs]
    assert [shipped(*a, lang="en").stdout for a in runs] != reference  # the languages do differ
    assert [shipped(*a, lang="zh").stdout for a in runs] == reference  # not served the English copy
    cold_build_forbidden(monkeypatch)
    assert [shipped(*a, lang="zh").stdout for a in runs] == reference


def test_generated_ledger_with_history_same_with_and_without_cache(generated, monkeypatch):
    runs = read_commands("2-17", "区财政局", "2024-09-15", "2024-11")
    _same_with_and_without(generated, monkeypatch, runs)


def test_after_writes_the_refreshed_cache_agrees(generated, monkeypatch):
    """Each write stores the changed ledger under the new files' key; reads then agree with a parse."""
    text = (generated.data / "items.yaml").read_text(encoding="utf-8")
    assert generated("list", "--format", "json").exit_code == 0
    writes = [
        ["close", "1-1", "--evidence", "整改报告已存档", "--by", "张三", "--date", "2024-12-20"],
        ["progress", "1-2", "已走访企业", "--by", "李四"],
        ["extend", "1-3", "--to", "2025-12-31", "--reason", "资金分批到位", "--date", "2024-12-30"],
        ["add", "--id", "9-1", "--text", "园区道路照明不足。", "--lead", "区建设环保局", "--responsible", "区建设环保局",
         "--deadline", "2024-12-01", "--source", "企业家恳谈会"],
    ]
    done = 0
    for args in writes:
        result = generated(*args)
        done += result.exit_code == 0
    assert done >= 3, "the writes should mostly apply on the generated items"
    assert (generated.data / "items.yaml").read_text(encoding="utf-8") != text
    runs = [["list", "--format", "json"], ["list", "--overdue", "--format", "json"], ["show", "1-1", "--format", "json"],
            ["show", "9-1", "--format", "json"], ["check"]]
    reference = outputs(generated, runs, NO_CACHE)
    cold_build_forbidden(monkeypatch)  # the last write left a current cache: no parse needed
    assert outputs(generated, runs) == reference


# ----------------------------------------------------------------------------- never stale

def test_a_hand_edit_is_seen_by_the_next_read(shipped):
    before = shipped("show", "2-8", "--format", "json")
    assert before.exit_code == 0 and "对于单位拖欠款项需要改进。" in before.stdout
    items = shipped.data / "items.yaml"
    shipped.write_items(shipped.items_text().replace("对于单位拖欠款项需要改进。", "对于单位拖欠款项需要改正。"))
    after = shipped("show", "2-8", "--format", "json")
    assert "对于单位拖欠款项需要改正。" in after.stdout
    assert after.stdout == shipped("show", "2-8", "--format", "json", env=NO_CACHE).stdout
    assert items.exists()


def test_an_edit_of_the_same_size_and_time_is_seen(shipped):
    """The key is the content's hash, not the file's size or modification time."""
    items = shipped.data / "items.yaml"
    assert "2" in shipped("list", "--overdue", "--format", "csv").stdout
    info = items.stat()
    text = shipped.items_text()
    edited = text.replace("deadline: 2024-08-31\n    status: open", "deadline: 2024-12-31\n    status: open", 1)
    assert edited != text and len(edited.encode()) == len(text.encode())
    items.write_text(edited, encoding="utf-8")
    os.utime(items, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert items.stat().st_mtime_ns == info.st_mtime_ns and items.stat().st_size == info.st_size
    for args in (["list", "--overdue", "--format", "json"], ["list", "--format", "csv"]):
        assert shipped(*args).stdout == shipped(*args, env=NO_CACHE).stdout


def test_a_broken_edit_after_a_good_read_is_reported(shipped):
    assert shipped("check").exit_code == 0
    shipped.write_items(shipped.items_text().replace("lead: 区财政局", "lead: 区财政厅", 1))
    warm, fresh = shipped("check"), shipped("check", env=NO_CACHE)
    assert warm.exit_code == fresh.exit_code == 1
    assert (warm.stdout, warm.stderr) == (fresh.stdout, fresh.stderr)
    assert "区财政厅" in warm.stdout
    assert shipped("list").exit_code == 1


def test_units_file_and_a_new_items_file_are_part_of_the_key(shipped):
    assert shipped("list", "--dept", "财政局").exit_code == 0
    units = shipped.data / "departments.yaml"
    units.write_text(units.read_text(encoding="utf-8").replace("aliases: [财政局]", "aliases: [财政]"), encoding="utf-8")
    assert shipped("list", "--dept", "财政局").exit_code == 2
    assert shipped("list", "--dept", "财政", "--format", "json").stdout == \
        shipped("list", "--dept", "财政", "--format", "json", env=NO_CACHE).stdout
    (shipped.data / "items").mkdir()
    (shipped.data / "items" / "2024-2.yaml").write_text(
        'items:\n  - id: "H-1"\n    source: "企业家恳谈会"\n    text: "园区道路照明不足。"\n    lead: 区建设环保局\n'
        "    responsible: [区建设环保局]\n    deadline: 2024-12-31\n    status: open\n", encoding="utf-8")
    shown = shipped("show", "H-1", "--format", "json")
    assert shown.exit_code == 0 and "园区道路照明不足" in shown.stdout


# ----------------------------------------------------------------------------- damaged or foreign slots

@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty", "header-only", "body-garbage", "wrong-type"])
def test_a_damaged_slot_is_ignored(shipped, damage):
    runs = [["list", "--overdue", "--format", "json"], ["show", "2-8"], ["check"]]
    reference = outputs(shipped, runs, NO_CACHE)
    assert outputs(shipped, runs) == reference
    [slot] = slot_files(cache_slots.cache_folder())
    data = slot.read_bytes()
    header = data[:cache_slots.HEADER]
    if damage == "garbage":
        slot.write_bytes(os.urandom(len(data)))
    elif damage == "truncated":
        slot.write_bytes(data[: len(data) // 2])
    elif damage == "empty":
        slot.write_bytes(b"")
    elif damage == "header-only":
        slot.write_bytes(header)
    elif damage == "body-garbage":
        slot.write_bytes(header + bytes(range(256)) * 40)
    else:
        import pickle

        slot.write_bytes(header + pickle.dumps({"items": []}))
    assert outputs(shipped, runs) == reference
    assert outputs(shipped, runs) == reference  # and the slot was rewritten with a good copy
    assert slot.read_bytes()[:cache_slots.HEADER] == header


def test_an_unwritable_cache_folder_only_costs_time(shipped, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    env = {"LEDGER_CACHE_DIR": str(blocked / "cache")}
    reference = outputs(shipped, [["list", "--overdue"], ["show", "2-8"]], NO_CACHE)
    assert outputs(shipped, [["list", "--overdue"], ["show", "2-8"]], env) == reference


def test_the_data_folder_spelled_another_way_is_a_miss(shipped, monkeypatch, tmp_path):
    """The cached ledger keeps its paths as they were given: a read with ``--data data`` must not
    serve a write given ``--data /abs/data`` from another folder (it used to crash with a KeyError
    on the cached relative path)."""
    from typer.testing import CliRunner

    runner = CliRunner()
    env = {"LEDGER_TODAY": "2024-09-10", "LEDGER_LANG": "en"}
    monkeypatch.chdir(shipped.root)
    first = runner.invoke(app, ["--data", "data", "list", "--overdue", "--format", "json"], env=env)
    assert first.exit_code == 0
    monkeypatch.chdir(tmp_path)
    closed = runner.invoke(app, ["--data", str(shipped.data), "close", "2-8", "--evidence", "说明", "--by", "张三"],
                           env=env, catch_exceptions=False)
    assert closed.exit_code == 0, closed.stderr
    assert "closed 2-8" in closed.stdout
    monkeypatch.chdir(shipped.root)
    again = runner.invoke(app, ["--data", "data", "show", "2-8", "--format", "json"], env=env)
    fresh = runner.invoke(app, ["--data", "data", "show", "2-8", "--format", "json"], env={**env, **NO_CACHE})
    assert again.stdout == fresh.stdout and '"closed_date": "2024-09-10"' in again.stdout


def test_problem_messages_follow_the_working_directory(shipped, monkeypatch, tmp_path):
    """A duplicate id's message names the first one's place relative to where you stand."""
    from typer.testing import CliRunner

    text = shipped.items_text()
    shipped.write_items(text.replace('id: "2-9"', 'id: "2-8"', 1))
    runner = CliRunner()
    env = {"LEDGER_TODAY": "2024-09-10", "LEDGER_LANG": "en"}
    seen = {}
    for where in (shipped.root, shipped.data, tmp_path, shipped.root):
        monkeypatch.chdir(where)
        warm = runner.invoke(app, ["--data", str(shipped.data), "check"], env=env)
        fresh = runner.invoke(app, ["--data", str(shipped.data), "check"], env={**env, **NO_CACHE})
        assert warm.exit_code == fresh.exit_code == 1
        assert warm.stdout == fresh.stdout, where
        seen[str(where)] = warm.stdout
    assert "duplicate id" in seen[str(tmp_path)]


def test_cache_can_be_turned_off(shipped):
    assert shipped("list", env=NO_CACHE).exit_code == 0
    assert not slot_files(cache_slots.cache_folder())
    assert shipped("--no-cache", "list").exit_code == 0
    assert not slot_files(cache_slots.cache_folder())
    assert shipped("list").exit_code == 0
    assert len(slot_files(cache_slots.cache_folder())) == 1


def test_copy_of_a_folder_gets_its_own_slot(shipped, tmp_path):
    other = tmp_path / "copy"
    shutil.copytree(shipped.data, other / "data")
    from ledgers import Ledger

    twin = Ledger(other)
    assert shipped("list").stdout == twin("list").stdout
    assert len(slot_files(cache_slots.cache_folder())) == 2


# ----------------------------------------------------------------------------- the journal of writes

def _journal(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.journal")) if folder.exists() else []


def _open_ids(ledger, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    import json

    rows = json.loads(ledger("list", "--status", "open", "--format", "json", env=NO_CACHE).stdout)
    return [r["id"] for r in rows[:count]]


def test_writes_go_to_a_journal_and_reads_apply_it(generated, monkeypatch):
    ids = _open_ids(generated, 3)
    assert generated("list").exit_code == 0
    [slot] = slot_files(cache_slots.cache_folder())
    full = slot.read_bytes()
    for n, item_id in enumerate(ids):
        result = generated("progress", item_id, f"第{n}次走访企业", "--by", "李四") if n % 2 else \
            generated("close", item_id, "--evidence", "整改报告已存档", "--by", "张三")
        assert result.exit_code == 0, result.stderr
    assert slot.read_bytes() == full  # the full copy was not written again
    assert len(_journal(cache_slots.cache_folder())) == 1
    runs = [["list", "--format", "json"], ["list", "--overdue"], *(["show", i, "--format", "json"] for i in ids), ["check"]]
    reference = outputs(generated, runs, NO_CACHE)
    cold_build_forbidden(monkeypatch)
    assert outputs(generated, runs) == reference


def test_a_long_journal_is_folded_into_a_full_copy(generated, monkeypatch):
    monkeypatch.setattr(cache_journal, "JOURNAL_LIMIT", 2)
    ids = _open_ids(generated, 3)
    assert generated("list").exit_code == 0
    for n, item_id in enumerate(ids):
        assert generated("progress", item_id, "已召开专题会议", "--by", "李四").exit_code == 0
        assert bool(_journal(cache_slots.cache_folder())) == (n < 2)  # the third changed item folds it
    runs = [["list", "--format", "json"], *(["show", i, "--format", "json"] for i in ids), ["check"]]
    reference = outputs(generated, runs, NO_CACHE)
    cold_build_forbidden(monkeypatch)
    assert outputs(generated, runs) == reference


def test_a_sequence_of_writes_gives_the_same_files_with_and_without_cache(generated, tmp_path):
    """Writes placed by journal-applied block positions splice exactly where a fresh parse would."""
    from ledgers import Ledger

    twin = Ledger(tmp_path / "twin", today=generated.today)
    shutil.copytree(generated.data, twin.data)
    ids = _open_ids(generated, 6)
    steps = [
        ["progress", ids[5], "已走访企业，收集意见建议", "--by", "李四"],  # late in the file first: shifts nothing before
        ["close", ids[0], "--evidence", "整改报告已存档", "--evidence", "企业回访记录", "--by", "张三"],
        ["extend", ids[3], "--to", "2025-12-31", "--reason", "资金分批到位", "--date", "2024-12-30"],
        ["progress", ids[5], "已完成整改", "--by", "李四"],
        ["add", "--id", "9-1", "--text", "园区道路照明不足。", "--lead", "区建设环保局", "--responsible", "区建设环保局",
         "--deadline", "2024-12-01", "--question", "1"],
        ["close", ids[1], "--evidence", "整改报告已存档", "--by", "张三"],
        ["reopen", ids[0], "--reason", "回头看：问题仍然存在", "--by", "区纪检监察工委"],
        ["progress", "9-1", "已安装路灯", "--by", "王五"],
    ]
    for step in steps:
        a, b = generated(*step), twin(*step, env=NO_CACHE)
        assert (a.exit_code, a.stdout, a.stderr) == (b.exit_code, b.stdout, b.stderr), step
        assert a.exit_code == 0, (step, a.stderr)
        assert generated.items_text() == twin.items_text(), step
    assert _journal(cache_slots.cache_folder())


@pytest.mark.parametrize("damage", ["journal-garbage", "journal-truncated", "base-replaced", "base-removed"])
def test_a_damaged_journal_or_base_is_a_miss(generated, damage):
    ids = _open_ids(generated, 2)
    assert generated("list").exit_code == 0
    for item_id in ids:
        assert generated("close", item_id, "--evidence", "整改报告已存档", "--by", "张三").exit_code == 0
    [journal] = _journal(cache_slots.cache_folder())
    [slot] = slot_files(cache_slots.cache_folder())
    if damage == "journal-garbage":
        journal.write_bytes(journal.read_bytes()[:cache_slots.HEADER + 64] + os.urandom(500))
    elif damage == "journal-truncated":
        journal.write_bytes(journal.read_bytes()[:-100])
    elif damage == "base-replaced":
        data = slot.read_bytes()
        slot.write_bytes(b"f" * 64 + data[64:])  # another full copy than the one the journal applies to
    else:
        slot.unlink()
    runs = [["list", "--format", "json"], ["show", ids[0], "--format", "json"], ["check"]]
    assert outputs(generated, runs) == outputs(generated, runs, NO_CACHE)


def test_a_hand_edit_after_journaled_writes_is_seen(generated):
    [item_id] = _open_ids(generated, 1)
    assert generated("close", item_id, "--evidence", "整改报告已存档", "--by", "张三").exit_code == 0
    assert generated("list").exit_code == 0
    text = generated.items_text()
    generated.write_items(text.replace('"整改报告已存档"', '"整改报告已归档"', 1))
    shown = generated("show", item_id, "--format", "json")
    assert "整改报告已归档" in shown.stdout
    assert shown.stdout == generated("show", item_id, "--format", "json", env=NO_CACHE).stdout


def test_model_records_unpickle_equal_frozen_and_through_their_builders(generated):
    """The cache makes each model record with a builder that fills its slots (not its ``__init__``):
    the records come back equal, of the same class, still frozen, and a fresh process (where no
    builder exists yet) makes the builders from the names the pickle holds."""
    import dataclasses
    import io
    import pickle
    import subprocess

    from ledger.store import cache
    from ledger.store.load import load

    cache.set_enabled_for_run(False)
    try:
        ledger = load(generated.data)
    finally:
        cache.set_enabled_for_run(True)
    buffer = io.BytesIO()
    cache_slots.dump(ledger, buffer)
    data = buffer.getvalue()
    assert b"build__ledger_2ecore_2emodel_2eItem" in data  # made by the builder, not by Item(...)
    from ledger.core.model import Item, ProgressNote

    for cls in (Item, ProgressNote):  # through a twin of the same layout (the fast way), not the descriptors
        assert cache_slots._twin(cls) is not None
    back = pickle.loads(data)
    items = [i for f in ledger.files for i in f.items]
    again = [i for f in back.files for i in f.items]
    assert again == items and [type(i) for i in again] == [type(i) for i in items]
    closed = next(i for i in again if i.closed is not None and i.progress)
    assert closed.closed == next(i for i in items if i.id == closed.id).closed
    with pytest.raises(dataclasses.FrozenInstanceError):
        closed.id = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        closed.progress[0].text = "x"  # type: ignore[misc]
    assert back.units == ledger.units and back.problems == ledger.problems
    script = ("import pickle, sys; v = pickle.loads(sys.stdin.buffer.read()); "
              "print(sum(len(f.items) for f in v.files), v.files[0].items[0].id)")
    done = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True, check=True)
    assert done.stdout.decode().split() == [str(len(items)), items[0].id]
    with pytest.raises(AttributeError):
        cache_slots.build__os_2epath_2ejoin  # noqa: B018 - only the package's own classes are made
