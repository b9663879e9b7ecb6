#!/usr/bin/env python3
"""Render a month's bulletin as HTML and take a PNG of it with headless Chromium, for people to look at.

    .venv/bin/python scripts/screenshot_bulletin.py --period 2024-08 -o bulletin.png
    .venv/bin/python scripts/screenshot_bulletin.py --period 2024-08 --data /tmp/copy/data --lang en --height 4000

Needs Debian's ``chromium`` on PATH (``apt-get install chromium``) and, for Chinese text, a CJK
font (``apt-get install fonts-noto-cjk``). The HTML is kept beside the PNG.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--hide-scrollbars"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--period", required=True, metavar="YYYY-MM")
    parser.add_argument("--data", metavar="DIR", help="data folder (default: the ledger's own lookup)")
    parser.add_argument("--lang", default="zh", choices=["zh", "en"])
    parser.add_argument("-o", "--output", default=None, metavar="PNG", help="default: bulletin-PERIOD.png")
    parser.add_argument("--width", type=int, default=900)
    parser.add_argument("--height", type=int, default=3000)
    args = parser.parse_args(argv)

    browser = shutil.which("chromium")
    if browser is None:
        print("chromium is not on PATH: apt-get install chromium", file=sys.stderr)
        return 2
    png = Path(args.output or f"bulletin-{args.period}.png").resolve()
    html = png.with_suffix(".html")
    beside = Path(sys.executable).with_name("ledger")  # the venv's own ledger, if run with its python
    command = [str(beside) if beside.exists() else shutil.which("ledger") or "ledger", "--lang", args.lang]
    if args.data:
        command += ["--data", args.data]
    command += ["bulletin", "--period", args.period, "--format", "html", "-o", str(html)]
    made = subprocess.run(command, check=False)
    if made.returncode != 0:
        return made.returncode
    with tempfile.TemporaryDirectory(prefix="ledger-chromium-") as profile:
        shot = subprocess.run([browser, *FLAGS, f"--user-data-dir={profile}", f"--screenshot={png}",
                               f"--window-size={args.width},{args.height}", html.as_uri()],
                              capture_output=True, text=True, timeout=120, check=False)
    if not png.exists():
        sys.stderr.write(shot.stderr)
        return 1
    print(f"{png} ({args.width}x{args.height}); page: {html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
