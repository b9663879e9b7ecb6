"""The bulletin's HTML in a real browser (Debian's headless ``chromium``): its text is there and its
three charts are drawn. Skipped, with the reason, where chromium is not installed."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from test_bulletin import HISTORY, ITEMS

CHROMIUM = shutil.which("chromium")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="needs Debian's chromium on PATH (apt-get install chromium; .ci/run does)"),
]

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run"]

# Measures every chart's drawn shapes after layout and writes the result into the page, so that
# --dump-dom carries it out. Added to a copy of the page: the bulletin itself has no script.
PROBE = """<script>
window.addEventListener("load", () => {
  const out = [];
  for (const svg of document.querySelectorAll("svg.chart")) {
    const shapes = [...svg.querySelectorAll("rect.seg, circle.seg, polyline")];
    const drawn = shapes.filter(s => { const b = s.getBBox(); return b.width > 0 || b.height > 0; }).length;
    const box = svg.getBoundingClientRect();
    out.push(`${svg.id}:${shapes.length}:${drawn}:${Math.round(box.width)}x${Math.round(box.height)}`);
  }
  const p = document.createElement("pre");
  p.id = "probe";
  p.textContent = out.join(" ");
  document.body.appendChild(p);
});
</script>"""


def chromium(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", *args], capture_output=True, text=True,
                          timeout=120, check=False)


@pytest.fixture
def page(small, tmp_path) -> Path:
    led = small(ITEMS)
    for args in HISTORY:
        assert led(*args).exit_code == 0
    target = tmp_path / "bulletin.html"
    result = led("bulletin", "--period", "2024-08", "--format", "html", "-o", str(target), lang="zh")
    assert result.exit_code == 0, result.stderr
    return target


def test_text_and_charts_in_chromium(page, tmp_path):
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    result = chromium(tmp_path, "--dump-dom", probe.as_uri())
    dom = result.stdout
    assert "<h1>营商环境建设通报（2024年8月）</h1>" in dom, result.stderr[-2000:]
    text = re.sub(r"<[^>]+>", "", dom)
    for words in ("截至 2024-08-31", "一、本月销号情况（按期 2 项，逾期 1 项）", "二、本月新增逾期事项",
                  "逾期未销号事项（按牵头部门）", "区财政局（1 项）", "62 天", "八、单位排名（慢者在前）",
                  "&lt;b&gt;本月逾期&lt;/b&gt;"):
        assert words in text, words
    probe_text = re.search(r'<pre id="probe">([^<]*)</pre>', dom)
    assert probe_text, "the probe did not run"
    charts = {}
    for entry in probe_text.group(1).split():
        name, shapes, drawn, size = entry.split(":")
        charts[name] = (int(shapes), int(drawn), size)
    assert set(charts) == {"chart-units", "chart-status", "chart-curve"}
    # bars: 区财政局 closed/open/overdue, 区建设环保局 closed/open/overdue, 各园区指挥部 open
    assert charts["chart-units"][:2] == (7, 7)
    assert charts["chart-status"][:2] == (4, 4)  # closed, in progress, open, overdue arcs
    assert charts["chart-curve"][:2] == (1, 1)
    for name, (_, _, size) in charts.items():
        width, height = (int(v) for v in size.split("x"))
        assert width > 200 and height > 100, (name, size)


def test_screenshot(page, tmp_path):
    shot = tmp_path / "bulletin.png"
    result = chromium(tmp_path, f"--screenshot={shot}", "--window-size=900,1400", "--hide-scrollbars", page.as_uri())
    assert shot.exists(), result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(data[16:20], "big") == 900 and int.from_bytes(data[20:24], "big") == 1400
    assert len(data) > 20_000  # a blank page compresses to a few kilobytes
