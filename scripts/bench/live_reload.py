"""Save to served: `mkdocs serve --dirty` (as `make serve` runs it) on a generated list.

A curator saves a note's text, moves a paper to another topic or renames a topic, and waits
for the served page to show it: each save is polled every 20 ms until the page shows it. The
three kinds alternate, round after round (the taxonomy changes at the smallest size only: a
topic renamed rebuilds every page whose figures name it); a full `mkdocs build` of the same
list runs before the saves and after them.

Save to served is the rebuild plus MkDocs' watcher (it looks for changes every 0.5 s, then
waits 0.1 s for the saving to settle) and the page's request: a wait that does not slow down
with the machine, where the builds do. So the gates take the ratio of each kind's rebuild (from
the server's log saying it builds to its log saying it reloads the browsers, the log read every
10 ms; MkDocs' own "built in" line is not logged when its text repeats an earlier one) to the
full build MkDocs reports (both under the same load), and the goals in seconds (a note on
screen in 1.5 s at 1,000 papers and 3 s at 5,000, a taxonomy change in 3 s at 1,000) are shown
beside the save-to-served medians.
"""

from __future__ import annotations

import re
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from bench.generate import generate
from bench.measure import Gate, Result, env, table
from bench.site_build import site_project

SAVES = 5                   # notes saved; taxonomy changes: 3 of each kind
POLL = 0.02
# Of a full build, for the rebuild alone: each goal less the watcher's longest wait (0.6 s),
# over the full build MkDocs reported on this machine idle (11.4 s at 1,000 papers, 67.4 s at
# 5,000). The ratio carries the goal to a busier machine, where both builds slow alike.
LIMITS = {("note", 1000): 0.079, ("note", 5000): 0.036, ("paper moved", 1000): 0.21,
          ("topic renamed", 1000): 0.21}
GOALS = {("note", 1000): 1.5, ("note", 5000): 3.0, ("paper moved", 1000): 3.0,
         ("topic renamed", 1000): 3.0}
MOVED = re.compile(r"\n      - paper: (\w+)\n")
DEEPEST = "            title: Sub-subtopic 0\n            items:\n"
BUILT = re.compile(r"Documentation built in ([0-9.]+) seconds")
BUILDING, RELOADING = "Building documentation...", "Reloading browsers"


@dataclass(frozen=True)
class Save:
    served: float       # from the file written to the page showing it
    built: float        # the rebuild, as the server's log tells it


class Log:
    """The server's log, read every 10 ms in a thread: when each of its lines appeared."""

    def __init__(self, path: Path) -> None:
        self.path, self.lines = path, []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, daemon=True)
        self._thread.start()

    def _follow(self) -> None:
        offset, rest = 0, b""
        while not self._stop.wait(0.01):
            with self.path.open("rb") as text:
                text.seek(offset)
                read = text.read()
            offset += len(read)
            *whole, rest = (rest + read).split(b"\n")
            now = time.perf_counter()
            self.lines += [(now, line.decode("utf-8", "replace")) for line in whole]

    def mark(self) -> int:
        return len(self.lines)

    def rebuild(self, since: int, limit: float = 900) -> float:
        """The seconds from the first build after line since to the browsers' reload."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            lines = self.lines[since:]
            began = next((i for i, (_, line) in enumerate(lines) if BUILDING in line), None)
            if began is not None:
                ended = next((at for at, line in lines[began:] if RELOADING in line), None)
                if ended is not None:
                    return ended - lines[began][0]
            time.sleep(POLL)
        raise SystemExit(f"the server reported no rebuild within {limit:.0f} s (see {self.path})")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def measure_live(sizes: list[int], rounds: int, scratch: Path) -> Result:
    found = {n: _measure(generate(scratch / f"live-{n}", n), n == min(sizes)) for n in sizes}
    rows, gates = [], []
    for n, (saves, full) in found.items():
        whole = statistics.median(full)
        for kind, done in saves.items():
            served = statistics.median(s.served for s in done)
            built = statistics.median(s.built for s in done)
            rows.append([f"{n:,}", kind, " / ".join(f"{t:.2f}" for t in
                                                    _spread([s.served for s in done])),
                         f"{built:.2f}", f"{whole:.1f}", f"{built / whole:.3f}",
                         _goal(kind, n, served)])
            limit = LIMITS.get((kind, n))
            if limit is not None:
                gates.append(Gate.at_most(f"{kind}: the rebuild within {limit}x of a full build "
                                          f"(N={n:,})", built / whole, limit,
                                          f"median {built:.2f} s; on screen in {served:.2f} s"))
    return Result(table(["save to served", "N", "kind",
                         "save to served (s) min / median / max", "rebuild (s), median",
                         "full build (s), median", "ratio", "goal"], rows), gates)


def _measure(root: Path, taxonomy: bool) -> tuple[dict[str, list[Save]], list[float]]:
    site_project(root, with_hooks=True)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "watch:\n  - taxonomy\n  - bib\n  - notes\n")
    full = [_full_build(root)]
    port = _free_port()
    log_path = root / "serve.log"
    log = log_path.open("w")
    server = subprocess.Popen([str(Path(sys.executable).with_name("mkdocs")), "serve",
                               "--dirty", "-a", f"127.0.0.1:{port}"], cwd=root, env=env(),
                              stdout=log, stderr=subprocess.STDOUT)
    watch = Log(log_path)
    try:
        saves = _saves(root, f"http://127.0.0.1:{port}/", taxonomy, watch)
    finally:
        watch.stop()
        server.terminate()
        server.wait(timeout=60)
        log.close()
    full.append(_full_build(root))
    return saves, full


def _saves(root: Path, base: str, taxonomy: bool, log: Log) -> dict[str, list[Save]]:
    note, models = sorted((root / "notes").glob("*.md"))[0], root / "taxonomy/models.yml"
    moved = MOVED.search(models.read_text()).group(1)
    page, moved_page = f"{base}papers/{note.stem}/", f"{base}papers/{moved}/"
    _wait(page, lambda text: "</html>" in text, 1800)
    saves: dict[str, list[Save]] = {"note": []}
    if taxonomy:
        saves.update({"paper moved": [], "topic renamed": []})
    for i in range(SAVES):
        word = f"livenote{i}x"
        saves["note"].append(_save(note, lambda t, w=word: re.sub(
            r"## Setting\n(\nlivenote\d+x\n)?", f"## Setting\n\n{w}\n", t, count=1),
            page, lambda text, w=word: w in text, log))
        if taxonomy and i < 3:
            there = i % 2 == 0      # to the deepest topic, then back
            saves["paper moved"].append(_save(
                models, lambda t, there=there: _move(t, moved, there), moved_page,
                lambda text, there=there: ("Sub-subtopic 0</a>" in text) == there, log))
            word = f"Topic {i}x"
            saves["topic renamed"].append(_save(models, lambda t, w=word: re.sub(
                r"title: Topic (0|\d+x)\n", f"title: {w}\n", t, count=1),
                f"{base}models/", lambda text, w=word: w in text, log))
    return saves


def _move(text: str, key: str, there: bool) -> str:
    """The paper from the first topic's items to the deepest topic's, or back."""
    top, deep = f"      - paper: {key}\n", f"              - paper: {key}\n"
    if there:
        return text.replace(top, "", 1).replace(DEEPEST, DEEPEST + deep, 1)
    return text.replace(deep, "", 1).replace("    items:\n", "    items:\n" + top, 1)


def _save(path: Path, change: Callable[[str], str], url: str,
          shown: Callable[[str], bool], log: Log) -> Save:
    text = path.read_text(encoding="utf-8")
    changed = change(text)
    assert changed != text, f"the change left {path} as it was"
    time.sleep(1.0)      # the watcher settles after the previous build
    since = log.mark()
    start = time.perf_counter()
    path.write_text(changed, encoding="utf-8")
    _wait(url, shown, 900)
    served = time.perf_counter() - start
    return Save(served, log.rebuild(since))


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
    """The seconds MkDocs reports for a full build (as it does for each rebuild)."""
    done = subprocess.run([str(Path(sys.executable).with_name("mkdocs")), "build", "-d",
                           "site-full"], cwd=root, env=env(), check=True, capture_output=True,
                          text=True)
    return float(BUILT.search(done.stdout + done.stderr).group(1))


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
