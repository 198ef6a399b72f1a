"""Save to served: `mkdocs serve --dirty` (as `make serve` runs it) on a generated list.

A curator saves a note's text, moves a paper to another topic or renames a topic, and waits
for the served page to show it: each save is polled every 20 ms until the page shows it. The
three kinds alternate, round after round (the taxonomy changes at the smallest size only: a
topic renamed rebuilds every page whose figures name it); a full `mkdocs build` of the same
list runs before the saves and after them, and the gates take the ratio of each kind's median
to the full build's (wall times, measured under the same load). The goals in seconds (a note
in 1.5 s at 1,000 papers and 3 s at 5,000, a taxonomy change in 3 s at 1,000) are shown beside.
"""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable

from bench.generate import generate
from bench.measure import Gate, Result, env, table
from bench.site_build import site_project

SAVES = 5                   # notes saved; taxonomy changes: 3 of each kind
POLL = 0.02
# Of a full build: the goals below over the 40 to 42 s a full build of 1,000 papers takes here
# (52 to 56 s before rows and figures were made apart from their pages, hooks/splice.py).
LIMITS = {"note": 0.036, "paper moved": 0.073, "topic renamed": 0.073}
GOALS = {("note", 1000): 1.5, ("note", 5000): 3.0, ("paper moved", 1000): 3.0,
         ("topic renamed", 1000): 3.0}
MOVED = re.compile(r"\n      - paper: (\w+)\n")
DEEPEST = "            title: Sub-subtopic 0\n            items:\n"


def measure_live(sizes: list[int], rounds: int, scratch: Path) -> Result:
    found = {n: _measure(generate(scratch / f"live-{n}", n), n == min(sizes)) for n in sizes}
    rows, gates = [], []
    for n, (saves, full) in found.items():
        whole = statistics.median(full)
        for kind, times in saves.items():
            median = statistics.median(times)
            rows.append([f"{n:,}", kind, " / ".join(f"{t:.2f}" for t in _spread(times)),
                         f"{whole:.1f}", f"{median / whole:.3f}", _goal(kind, n, median)])
            gates.append(Gate.at_most(f"{kind} saved to served within {LIMITS[kind]}x of a "
                                      f"full build (N={n:,})", median / whole, LIMITS[kind],
                                      f"median {median:.2f} s"))
    return Result(table(["save to served", "N", "kind", "time (s) min / median / max",
                         "full build (s), median", "ratio", "goal"], rows), gates)


def _measure(root: Path, taxonomy: bool) -> tuple[dict[str, list[float]], list[float]]:
    site_project(root, with_hooks=True)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "watch:\n  - taxonomy\n  - bib\n  - notes\n")
    full = [_full_build(root)]
    port = _free_port()
    log = (root / "serve.log").open("w")
    server = subprocess.Popen([str(Path(sys.executable).with_name("mkdocs")), "serve",
                               "--dirty", "-a", f"127.0.0.1:{port}"], cwd=root, env=env(),
                              stdout=log, stderr=subprocess.STDOUT)
    try:
        saves = _saves(root, f"http://127.0.0.1:{port}/", taxonomy)
    finally:
        server.terminate()
        server.wait(timeout=60)
        log.close()
    full.append(_full_build(root))
    return saves, full


def _saves(root: Path, base: str, taxonomy: bool) -> dict[str, list[float]]:
    note, models = sorted((root / "notes").glob("*.md"))[0], root / "taxonomy/models.yml"
    moved = MOVED.search(models.read_text()).group(1)
    page, moved_page = f"{base}papers/{note.stem}/", f"{base}papers/{moved}/"
    _wait(page, lambda text: "</html>" in text, 1800)
    saves: dict[str, list[float]] = {"note": []}
    if taxonomy:
        saves.update({"paper moved": [], "topic renamed": []})
    for i in range(SAVES):
        word = f"livenote{i}x"
        saves["note"].append(_save(note, lambda t, w=word: re.sub(
            r"## Setting\n(\nlivenote\d+x\n)?", f"## Setting\n\n{w}\n", t, count=1),
            page, lambda text, w=word: w in text))
        if taxonomy and i < 3:
            there = i % 2 == 0      # to the deepest topic, then back
            saves["paper moved"].append(_save(
                models, lambda t, there=there: _move(t, moved, there), moved_page,
                lambda text, there=there: ("Sub-subtopic 0</a>" in text) == there))
            word = f"Topic {i}x"
            saves["topic renamed"].append(_save(models, lambda t, w=word: re.sub(
                r"title: Topic (0|\d+x)\n", f"title: {w}\n", t, count=1),
                f"{base}models/", lambda text, w=word: w in text))
    return saves


def _move(text: str, key: str, there: bool) -> str:
    """The paper from the first topic's items to the deepest topic's, or back."""
    top, deep = f"      - paper: {key}\n", f"              - paper: {key}\n"
    if there:
        return text.replace(top, "", 1).replace(DEEPEST, DEEPEST + deep, 1)
    return text.replace(deep, "", 1).replace("    items:\n", "    items:\n" + top, 1)


def _save(path: Path, change: Callable[[str], str], url: str,
          shown: Callable[[str], bool]) -> float:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"the change left {path} as it was"
    time.sleep(1.0)      # the watcher settles after the previous build
    start = time.perf_counter()
    path.write_text(changed, encoding="utf-8")
    _wait(url, shown, 900)
    return time.perf_counter() - start


def _wait(url: str, shown: Callable[[str], bool], limit: float) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=limit) as response:
                if shown(response.read().decode("utf-8", "replace")):
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(POLL)
    raise SystemExit(f"{url} did not show the change within {limit:.0f} s")


def _full_build(root: Path) -> float:
    start = time.perf_counter()
    subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "-q", "-d",
                    "site-full"], cwd=root, env=env(), check=True, capture_output=True)
    return time.perf_counter() - start


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _spread(times: list[float]) -> tuple[float, float, float]:
    return min(times), statistics.median(times), max(times)


def _goal(kind: str, n: int, median: float) -> str:
    goal = GOALS.get((kind, n))
    if goal is None:
        return ""
    return f"{goal:.1f} s: {'met' if median <= goal else 'missed'}"
