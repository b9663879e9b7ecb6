#!/usr/bin/env python3
"""Server time of the web view's pages on a generated ledger (issue 14: under 300 ms at 10,000 items).

    .venv/bin/python benchmarks/web_speed.py                 # 10,000 items, 15 rounds
    .venv/bin/python benchmarks/web_speed.py --size 1000 --rounds 5

The ledger comes from ``generate.py`` (read as of 2024-12-31, as ``run.py`` reads it). The ASGI app
runs in this process (Starlette's TestClient: no sockets, so the figure is the server's own time:
routing, the ledger, the reports, the templates). Each page is timed

- **first**: the first request after the ledger's files changed (the server notices the new stat,
  reads the ledger from the validated-ledger cache and computes the page) — as after ``git pull``;
- **warm**: the median of repeated requests with nothing changed (the dashboard's figures are kept
  per ledger version; a filtered list is computed each time).

Peer: Fava's published figure for a 4,000-entry Beancount journal, about 670 ms a page.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

PAGES = ["/", "/items?overdue=true", "/items?overdue=true&dept=区财政局&page=1", "/items/Q1-1",
         "/report", "/api/items?overdue=true"]
TARGET_MS = 300.0
FAVA_MS = 670.0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=15)
    args = parser.parse_args(argv)
    import warnings

    warnings.filterwarnings("ignore", message="Using `httpx`")
    import generate

    with tempfile.TemporaryDirectory(prefix="ledger-web-bench-") as tmp:
        os.environ.update({"LEDGER_TODAY": generate.AS_OF.isoformat(), "LEDGER_CACHE_DIR": f"{tmp}/cache",
                           "LEDGER_LANG": "zh"})
        data = generate.write(Path(tmp) / "ledger", args.size)
        from starlette.testclient import TestClient

        from ledger.web.app import create_app
        from ledger.web.server import configure

        started = time.perf_counter()
        config = configure([str(data)], None, None, False, "127.0.0.1")  # validates once, fills the cache
        print(f"{args.size} items; start (validate, fill the cache): {(time.perf_counter() - started) * 1000:.0f} ms")
        web = TestClient(create_app(config))
        first_id = config.sites[0].live.get().items[0].id
        pages = [p.replace("Q1-1", first_id) for p in PAGES]
        items = data / "items.yaml"
        print(f"{'page':45} {'first ms':>9} {'warm ms':>9}  (median of {args.rounds})")
        worst = 0.0
        for path in pages:
            os.utime(items)  # a new stat: the server reloads (from the cache: same content) and recomputes
            t = time.perf_counter()
            r = web.get(path)
            first = (time.perf_counter() - t) * 1000
            assert r.status_code == 200, (path, r.status_code, r.text[:300])
            warm = []
            for _ in range(args.rounds):
                t = time.perf_counter()
                assert web.get(path).status_code == 200
                warm.append((time.perf_counter() - t) * 1000)
            median = statistics.median(warm)
            worst = max(worst, first if path in ("/", "/items?overdue=true") else 0, median)
            print(f"{path:45} {first:9.1f} {median:9.1f}")
        print(f"target: dashboard and filtered /items under {TARGET_MS:.0f} ms (worst above: {worst:.0f} ms); "
              f"peer: Fava ~{FAVA_MS:.0f} ms a page at 4,000 entries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
