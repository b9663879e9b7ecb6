"""The 台账 export's speed against its floor, and reading a sheet with openpyxl against python-calamine.

Issue 12's target: 10,000 rows written within 1.5x of writing the same cells with XlsxWriter's
constant-memory mode. The script generates a ledger (``generate.py``), then, interleaved over
``--runs`` rounds, times:

- ``ledger export -o FILE.xlsx``, the whole process (warm cache, as a user runs it);
- ``to_xlsx`` in-process: the workbook the command writes, from the loaded ledger to the bytes;
- the floor: the same cells (the sheet's values, text as text) written by a bare XlsxWriter
  workbook in constant-memory mode, no styles, no second sheet, no base;
- reading the exported sheet: openpyxl (read-only, as ``sheet.table`` reads) against
  python-calamine, each producing every row's values.

    .venv/bin/python benchmarks/export_speed.py                 # 10,000 items, 5 rounds
    .venv/bin/python benchmarks/export_speed.py --size 1000 --runs 3
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import generate

ROOT = Path(__file__).resolve().parent.parent
AS_OF = "2024-12-31"


def floor_xlsxwriter(rows: list[list[object]], headers: list[str], styled: bool = False) -> bytes:
    """The same cells, written as plainly as XlsxWriter can: constant memory, no formats (``styled``:
    one format on every cell, the empty ones included, as a bordered 台账 has them)."""
    import xlsxwriter

    buffer = io.BytesIO()
    wb = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_numbers": False,
                                      "strings_to_formulas": False, "strings_to_urls": False})
    ws = wb.add_worksheet("整改台账")
    ws.write_row(0, 0, headers)
    style = wb.add_format({"text_wrap": True, "border": 1}) if styled else None
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row):
            if value is None or value == "":
                if style is not None:
                    ws.write_blank(r, c, None, style)
            elif isinstance(value, str):
                ws.write_string(r, c, value, style)
            elif isinstance(value, date):
                ws.write_datetime(r, c, value, style)
            else:
                ws.write_number(r, c, value, style)
    wb.close()
    return buffer.getvalue()


def read_openpyxl(path: Path) -> int:
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=False)
    n = sum(1 for _ in wb["整改台账"].iter_rows(values_only=True))
    wb.close()
    return n


def read_calamine(path: Path) -> int:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(path))
    return len(wb.get_sheet_by_name("整改台账").to_python())


def timed(fn, *args) -> float:  # type: ignore[no-untyped-def]
    """CPU time of an in-process step, in ms: on this shared machine wall time drifts with the load."""
    start = time.process_time()
    fn(*args)
    return (time.process_time() - start) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)

    from ledger.core.model import Item
    from ledger.reports.by_unit import build_report
    from ledger.sheet.columns import HEADERS, sheet_row
    from ledger.sheet.export import Sheet, to_xlsx
    from ledger.store.load import load

    work = Path(tempfile.mkdtemp(prefix="export-speed-"))
    generate.write(work, args.size)
    data = work / "data"
    env = {**os.environ, "LEDGER_TODAY": AS_OF, "LEDGER_LANG": "zh", "LEDGER_CACHE_DIR": str(work / "cache")}
    ledger_bin = str(ROOT / ".venv" / "bin" / "ledger")
    target = work / "台账.xlsx"
    subprocess.run([ledger_bin, "--data", str(data), "export", "-o", str(target)], env=env, check=True)  # warms the cache

    os.environ["LEDGER_CACHE_DIR"] = env["LEDGER_CACHE_DIR"]
    ledger = load(data)
    items: list[Item] = ledger.items
    day = date.fromisoformat(AS_OF)
    report = build_report(items, ledger.units, day, "lead")
    cells = [[v for v in sheet_row(item, n, day).values()] for n, item in enumerate(items, 1)]

    import importlib.util

    calamine = importlib.util.find_spec("python_calamine") is not None  # not a dependency: compared when installed
    figures: dict[str, list[float]] = {k: [] for k in ("ledger export (process)", "to_xlsx (in-process)",
                                                        "to_xlsx official (in-process)",
                                                        "floor: XlsxWriter constant_memory",
                                                        "floor, styled (a format on every cell)", "read: openpyxl read-only",
                                                        *(["read: python-calamine"] if calamine else []))}
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run([ledger_bin, "--data", str(data), "export", "-o", str(target)], env=env, check=True)
        figures["ledger export (process)"].append((time.perf_counter() - start) * 1000)
        figures["to_xlsx (in-process)"].append(timed(to_xlsx, items, Sheet(day), report))
        figures["to_xlsx official (in-process)"].append(timed(to_xlsx, items, Sheet(day, "official", "台账"), report))
        figures["floor: XlsxWriter constant_memory"].append(timed(floor_xlsxwriter, cells, list(HEADERS)))
        figures["floor, styled (a format on every cell)"].append(timed(floor_xlsxwriter, cells, list(HEADERS), True))
        figures["read: openpyxl read-only"].append(timed(read_openpyxl, target))
        if calamine:
            figures["read: python-calamine"].append(timed(read_calamine, target))

    median = {k: statistics.median(v) for k, v in figures.items()}
    size = target.stat().st_size
    print(f"{args.size:,} items, {args.runs} rounds, medians in ms: CPU time in-process, wall time for the process "
          f"({size:,} bytes exported)")
    for name, ms in median.items():
        print(f"  {name:<36} {ms:>9,.0f}")
    floor = median["floor: XlsxWriter constant_memory"]
    print(f"  to_xlsx / floor: {median['to_xlsx (in-process)'] / floor:.2f}x (target 1.5x)")
    print(f"  to_xlsx official / floor: {median['to_xlsx official (in-process)'] / floor:.2f}x")
    styled = median["floor, styled (a format on every cell)"]
    print(f"  to_xlsx / styled floor: {median['to_xlsx (in-process)'] / styled:.2f}x")
    whole = median["ledger export (process)"] / floor
    print(f"  ledger export / floor: {whole:.2f}x (whole process, wall time, start-up and load included)")
    if calamine:
        print(f"  openpyxl / calamine reading: {median['read: openpyxl read-only'] / median['read: python-calamine']:.2f}x")
    else:
        print("  python-calamine not installed: pip install python-calamine to compare reading")
    import shutil

    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
