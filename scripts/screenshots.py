#!/usr/bin/env python3
"""PNGs of every page of the web view (``ledger serve``), for people to look at.

    .venv/bin/python scripts/screenshots.py                     # into docs/screenshots/, Chinese
    .venv/bin/python scripts/screenshots.py --lang en -o /tmp/shots --width 1280

Serves a copy of the shipped ledger (tests/fixtures/shipped) with a few changes made through the
command line (progress, an extension, a close-out with evidence), read as of 2024-09-10, and takes
each page with Debian's headless chromium driven by Playwright (never its own browser download).
Needs ``apt-get install chromium`` and, for Chinese text, a CJK font (fonts-wqy-microhei or
fonts-noto-cjk). The README's picture is docs/screenshots/dashboard.png.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "web"))

PAGES = [("dashboard", "/"), ("items-overdue", "/items?overdue=true&as_of=2024-09-01"), ("item-2-8", "/items/2-8"),
         ("unit", "/units/区财政局"), ("bulletin", "/bulletin/2024-09"), ("report", "/report")]
CHANGES = [("progress", "2-8", "已拨付第一批款项", "--date", "2024-07-15", "--by", "李四"),
           ("extend", "1-6", "--to", "2024-12-31", "--reason", "资金分批到位", "--date", "2024-08-20", "--approved-by", "王五"),
           ("progress", "1-1", "已完成初步摸排", "--date", "2024-08-10", "--by", "赵六")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-o", "--output", default=str(ROOT / "docs" / "screenshots"), metavar="DIR")
    parser.add_argument("--lang", default="zh", choices=["zh", "en"])
    parser.add_argument("--width", type=int, default=1100)
    parser.add_argument("--full", action="store_true", help="whole pages, not the first screen")
    args = parser.parse_args(argv)
    from webhelp import CHROMIUM, CHROMIUM_ARGS, copy_shipped, free_port, start_server

    if not os.path.exists(CHROMIUM):
        print("no /usr/bin/chromium: apt-get install chromium", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    out = Path(args.output)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="ledger-shots-") as tmp:
        env = {"LEDGER_TODAY": "2024-09-10", "LEDGER_CACHE_DIR": str(Path(tmp) / "cache"), "LEDGER_LANG": args.lang}
        os.environ.update(env)
        data = copy_shipped(Path(tmp) / "广元经开区")
        proof = Path(tmp) / "拨付凭证.pdf"
        proof.write_bytes(b"%PDF-1.4 voucher\n")
        ledger = [sys.executable, "-m", "ledger.cli.main", "--data", str(data)]
        for change in [*CHANGES, ("close", "2-3", "--evidence-file", str(proof), "--by", "张三", "--date", "2024-09-02")]:
            subprocess.run([*ledger, *change], check=True, capture_output=True)
        port = free_port()
        server = start_server([data], port, env)
        try:
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                page = browser.new_page(viewport={"width": args.width, "height": 900},
                                        extra_http_headers={"Accept-Language": args.lang})
                for name, path in PAGES:
                    page.goto(f"http://127.0.0.1:{port}{path}")
                    target = out / f"{name}.png"
                    page.screenshot(path=str(target), full_page=args.full)
                    print(target)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)
    shutil.rmtree(Path(tmp), ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
