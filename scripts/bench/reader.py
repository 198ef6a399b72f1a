"""`make bench`, the reader's own map: its script's size, the weight of a bibliography row, and
how soon a filter change on the bibliography shows its result in Chromium.

script:   docs/javascripts/reader.js gzipped at level 9, against 6 KiB.
rows:     the paper rows of /bibliography/ (which link to their BibTeX) and, for comparison, of
          the section pages (which carry it inline, highlighted), raw and gzipped per row.
filters:  on /bibliography/, a checkbox of the filter form clicked, timed in the page from the
          click to the frame after it (the rows hidden or shown, laid out and painted), over
          alternating filters; interleaved with a click that changes nothing, which shows what a
          frame costs on the machine at that moment. Gated on the median change.

Reuses the sites the site-build benchmark built when they are there.

    python scripts/bench/reader.py [--sizes 500 2000]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# tests/browser before tests: its conftest (the browser's arguments) is the one wanted here.
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "tests" / "browser"), str(REPO / "tests")]

from bench.generate import generate  # noqa: E402
from bench.measure import Gate, Result, env, table  # noqa: E402
from bench.site_build import HOOKS_SITE, site_project, site_root  # noqa: E402

SCRIPT = REPO / "docs/javascripts/reader.js"
SCRIPT_BUDGET = 6 * 1024          # bytes gzipped at level 9
ROW_BUDGET = 1_600                # bytes a bibliography row, raw HTML
ROW_GZIP_BUDGET = 450             # and gzipped with its page's other rows
FILTER_BUDGET = 100.0             # ms from a click to the frame that shows its result
CHANGES = 15
_ROW = re.compile(r'<div class="rl-paper[^"]*" data-in=.*?\n</div>\n', re.DOTALL)
# Click, then wait for the frame after it: rAF runs before layout and paint, the timeout after.
_TIMED_CLICK = """async (selector) => {
    const start = performance.now();
    document.querySelector(selector).click();
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    return performance.now() - start;
}"""
_FILTERS = ("input[name=venue][value=conference]", "input[name=status][value=read]",
            "input[name=venue][value=conference]", "input[name=mine][value=unread]",
            "input[name=status][value=read]", "input[name=mine][value=unread]")


def row_weight(page: Path) -> tuple[int, float, float]:
    """Rows on a page, and their raw and gzipped bytes per row."""
    rows = _ROW.findall(page.read_text(encoding="utf-8"))
    joined = "".join(rows).encode("utf-8")
    return len(rows), len(joined) / len(rows), len(gzip.compress(joined, 9)) / len(rows)


def serve(site: Path):
    handler = functools.partial(_Quiet, directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - the stdlib's signature
        pass


def filter_times(site: Path) -> tuple[list[float], list[float], int]:
    """Milliseconds of each filter change and of each idle click, and the rows shown last."""
    from playwright.sync_api import sync_playwright
    from conftest import CHROMIUM_ARGS
    from find_chromium import find_chromium
    server = serve(site)
    ours, idle = [], []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=find_chromium(os.environ, shutil.which), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.route("**/*", lambda route: route.continue_() if "127.0.0.1" in
                       route.request.url else route.abort())
            page.goto(f"http://127.0.0.1:{server.server_address[1]}/bibliography/")
            page.locator(".rl-filters summary").click()
            page.evaluate(_TIMED_CLICK, _FILTERS[0])      # a warm-up round, unmeasured
            page.evaluate(_TIMED_CLICK, _FILTERS[0])
            for i in range(CHANGES):
                ours.append(page.evaluate(_TIMED_CLICK, _FILTERS[i % len(_FILTERS)]))
                idle.append(page.evaluate(_TIMED_CLICK, ".rl-filters__count"))
            shown = page.locator(".rl-paper:not(.rl-hidden)").count()
            browser.close()
    finally:
        server.shutdown()
    return ours, idle, shown


def site_of(scratch: Path, n: int) -> Path:
    root = site_root(scratch, n)
    site = root / HOOKS_SITE
    if not (site / "bibliography/index.html").exists():
        site_project(generate(root, n), with_hooks=True)
        mkdocs = str(Path(sys.executable).with_name("mkdocs"))
        subprocess.run([mkdocs, "build", "-q", "-d", str(site)], cwd=root, check=True,
                       capture_output=True, env=env())
    return site


def measure_reader(sizes: list[int], scratch: Path) -> Result:
    script = len(gzip.compress(SCRIPT.read_bytes(), 9))
    weights, times = {}, {}
    for n in sizes:
        site = site_of(scratch, n)
        weights[n] = (row_weight(site / "bibliography/index.html"),
                      row_weight(site / "models/index.html"))
        times[n] = filter_times(site)
    return Result(_table(script, weights, times), _gates(script, weights, times))


def _describe(values: list[float]) -> str:
    return f"{min(values):.0f} / {statistics.median(values):.0f} / {max(values):.0f}"


def _table(script: int, weights: dict, times: dict) -> list[str]:
    lines = [f"reader.js: {SCRIPT.stat().st_size:,} bytes, {script:,} gzipped (level 9)", ""]
    lines += table(["bibliography rows", "N", "rows", "bytes per row", "gzipped per row",
                    "section-page rows (BibTeX inline)", "gzipped per row"],
                   [["rows", f"{n:,}", f"{b[0]:,}", f"{b[1]:,.0f}", f"{b[2]:,.0f}",
                     f"{s[1]:,.0f}", f"{s[2]:,.0f}"] for n, (b, s) in weights.items()])
    lines += [""] + table(["filter change", "N", "rows shown at the end",
                           "click to next frame (ms) min / median / max",
                           "idle click, interleaved (ms) min / median / max"],
                          [["bibliography", f"{n:,}", f"{t[2]:,}", _describe(t[0]),
                            _describe(t[1])] for n, t in times.items()])
    return lines


def _gates(script: int, weights: dict, times: dict) -> list[Gate]:
    gates = [Gate.at_most(f"reader.js within {SCRIPT_BUDGET:,} bytes gzipped", script,
                          SCRIPT_BUDGET, unit=" B")]
    for n, ((_, raw, packed), _) in weights.items():
        gates.append(Gate.at_most(f"a bibliography row within {ROW_BUDGET:,} B (N={n:,})",
                                  raw, ROW_BUDGET, f"{packed:.0f} B gzipped", unit=" B"))
        gates.append(Gate.at_most(f"a bibliography row within {ROW_GZIP_BUDGET} B gzipped "
                                  f"(N={n:,})", packed, ROW_GZIP_BUDGET, unit=" B"))
    for n, (ours, idle, _) in times.items():
        gates.append(Gate.at_most(f"a filter change shows within {FILTER_BUDGET:.0f} ms "
                                  f"(N={n:,}, median of {CHANGES})", statistics.median(ours),
                                  FILTER_BUDGET, f"idle frame {statistics.median(idle):.0f} ms",
                                  unit=" ms"))
    return gates


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="readinglist-bench-") as folder:
        result = measure_reader(args.sizes, Path(folder))
    print(*result.lines, "", *map(str, result.gates), sep="\n")
    sys.exit(0 if all(g.ok for g in result.gates) else 1)
