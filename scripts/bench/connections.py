"""Benchmarks of the connection graph, the timeline and the feeds, on lists with git history.

stages: in this process, on synthetic lists (generate.py: three citations a note) committed in
        HISTORY_COMMITS steps: reading the history, the graph, the connections pages, every
        paper's local view, the timeline and the feeds. Their cost per (papers + edges) at the
        largest size against the smallest's says whether it grows linearly.
sizes:  bytes of the global figure per node it draws, against NODE_BUDGET.
git:    `git log` calls while the list loads (one).
site:   the site build with hooks against the no-hooks baseline, as run.py does, but on the
        committed list, so the hooks read the history and draw the timeline.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from bench.generate import generate

HISTORY_COMMITS = 10
PAPER_NODES = 150          # a list this size draws a node per paper (AGGREGATE_ABOVE is 200)
NODE_BUDGET = 1000         # bytes of SVG per node of the global figure, arcs included
LINEAR_SLACK = 1.3         # cost per (papers + edges) may grow this much from smallest to largest
GIT = {"GIT_AUTHOR_NAME": "Bench", "GIT_AUTHOR_EMAIL": "bench@example.org",
       "GIT_COMMITTER_NAME": "Bench", "GIT_COMMITTER_EMAIL": "bench@example.org",
       "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}


def committed(root: Path) -> Path:
    """The generated list as a repository: notes arrive in five batches, then five commits
    each revise a tenth of them."""
    notes = sorted((root / "notes").glob("*.md"))
    hidden = {note: note.read_text(encoding="utf-8") for note in notes}
    for note in notes:
        note.unlink()
    _git(root, "init", "-q", "-b", "main")
    batches = [notes[i::5] for i in range(5)]
    for day, batch in enumerate(batches):
        for note in batch:
            note.write_text(hidden[note], encoding="utf-8")
        _commit(root, day)
    for day in range(5, HISTORY_COMMITS):
        for note in notes[day::10]:
            note.write_text(note.read_text(encoding="utf-8") + f"\nRevised on day {day}.\n",
                            encoding="utf-8")
        _commit(root, day)
    return root


def _commit(root: Path, day: int) -> None:
    _git(root, "add", "-A")
    date = f"2024-01-{day + 1:02d}T12:00:00+00:00"
    _git(root, "commit", "-q", "-m", f"day {day}", GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)


def _git(root: Path, *args: str, **env: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True,
                   env={**os.environ, **GIT, **env})


def stage_times(root: Path, repeat: int) -> dict:
    """Seconds of each stage, the figure's size, and the git calls of one load."""
    from readinglist import load
    from readinglist.loaders.history import read_history
    from readinglist.render import Site, feeds
    from readinglist.render.figures.connections import connection_pages
    from readinglist.render.figures.neighbours import local_view
    from readinglist.render.figures.graph import build_graph
    from readinglist.render.index import build_index
    from readinglist.render.figures.timeline import timeline_section
    from readinglist.render.uris import paper_uri

    kb, _ = load(root)
    index = build_index(kb)
    placements = tuple(kb.placements())
    stages = {
        "history": lambda: read_history(root),
        "graph": lambda: build_graph(kb, placements),
        "connections pages": lambda: connection_pages(kb, index),
        "local views": lambda: [local_view(index, k, paper_uri(k)) for k in kb.papers],
        "timeline": lambda: timeline_section(kb.history),
        "feeds": lambda: feeds(kb, Site("Bench")),
    }
    times = {name: _fastest(run, max(repeat, 5)) for name, run in stages.items()}
    page = connection_pages(kb, index)["connections.md"]
    svg = re.search(r"<svg .*?</svg>", page, re.DOTALL).group(0)
    drawn = svg.count('class="rl-node"')
    return {"n": len(kb.papers), "edges": len(index.graph.edges), "times": times,
            "svg": len(svg.encode()), "nodes": drawn, "git": _git_calls(root)}


def _fastest(run, repeat: int) -> float:
    """The fastest of repeated runs: on a shared machine, the closest to the work's own cost."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _git_calls(root: Path) -> int:
    """How many times loading the list runs git."""
    from readinglist import load
    calls = []
    real = subprocess.run

    def counting(command, *args, **kwargs):
        calls.extend(command[:1] if command and command[0] == "git" else [])
        return real(command, *args, **kwargs)

    subprocess.run = counting
    try:
        load(root)
    finally:
        subprocess.run = real
    return len(calls)


def bench_stages(sizes: list[int], repeat: int, scratch: Path) -> list[dict]:
    """The stages at each size, and first a list small enough for a node per paper."""
    small = stage_times(committed(generate(scratch / "history-small", PAPER_NODES)), repeat)
    sized = [stage_times(committed(generate(scratch / f"history-{n}", n)), repeat)
             for n in sizes]
    return [{**small, "small": True}, *sized]


def bench_site_with_history(sizes: list[int], repeat: int, scratch: Path) -> list[dict]:
    """The site build of a committed list against no hooks, interleaved, on CPU time. Only at
    the smallest size: the site build benchmark covers growth, and this one only adds git."""
    from bench.measure import command, interleave
    from bench.site_build import site_project
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    rows = []
    for n in sizes[:1]:
        root = scratch / f"history-{n}"
        site_project(root, with_hooks=False)
        site_project(root, with_hooks=True)
        pair = interleave(command([mkdocs, "build", "-q", "-d", "site-hooks"], cwd=root),
                          command([mkdocs, "build", "-q", "-f", "mkdocs-baseline.yml", "-d",
                                   "site-base"], cwd=root), repeat, warmup=False)
        rows.append({"n": n, "pair": pair})
    return rows


def report(stage_rows: list[dict], site_rows: list[dict]) -> str:
    names = list(stage_rows[0]["times"]) if stage_rows else []
    lines = ["| connections and timeline | N | edges | " + " | ".join(names) +
             " | total (ms) | µs per paper+edge | figure bytes per node | git calls |",
             "|---" * (len(names) + 7) + "|"]
    for row in stage_rows:
        total = sum(row["times"].values())
        lines.append(f"| stages | {row['n']:,} | {row['edges']:,} | " +
                     " | ".join(f"{row['times'][k] * 1000:.0f}" for k in names) +
                     f" | {total * 1000:.0f} | {_per_unit(row) * 1e6:.1f} | "
                     f"{row['svg'] / max(row['nodes'], 1):.0f} ({row['nodes']:,} nodes) | "
                     f"{row['git']} |")
    lines += ["", "| site build, with git history | N | CPU (s) min / median / max | no-hooks "
              "baseline CPU (s) min / median / max | wall ratio (rounds) | CPU ratio (rounds) |",
              "|---|---|---|---|---|---|"]
    lines += [f"| mkdocs build | {r['n']:,} | {r['pair'].ours.describe(1, 'cpu')} | "
              f"{r['pair'].base.describe(1, 'cpu')} | {r['pair'].describe('wall')} | "
              f"{r['pair'].describe('cpu')} |" for r in site_rows]
    return "\n".join(lines + ["", *targets(stage_rows, site_rows)])


def _per_unit(row: dict) -> float:
    return sum(row["times"].values()) / (row["n"] + row["edges"])


def targets(stage_rows: list[dict], site_rows: list[dict]) -> list[str]:
    out = []
    sized = [row for row in stage_rows if not row.get("small")]
    if len(sized) > 1:
        growth = _per_unit(sized[-1]) / _per_unit(sized[0])
        out.append(_target(f"connections and timeline linear in papers + edges (cost per unit "
                           f"within {LINEAR_SLACK}x)", growth <= LINEAR_SLACK, f"{growth:.2f}x"))
    for row in stage_rows:
        per_node = row["svg"] / max(row["nodes"], 1)
        out.append(_target(f"global figure under {NODE_BUDGET} bytes per node at "
                           f"N={row['n']:,}", per_node <= NODE_BUDGET, f"{per_node:.0f}"))
        out.append(_target(f"one git log per load at N={row['n']:,}", row["git"] == 1,
                           f"{row['git']}"))
    for r in site_rows:
        ratio = r["pair"].ratio("cpu")
        out.append(_target(f"site build with history within 1.15x of no-hooks (CPU, N={r['n']:,})",
                           ratio <= 1.15, f"{ratio:.2f}x (rounds {r['pair'].spread('cpu')})"))
    return out


def _target(name: str, ok: bool, figure: str) -> str:
    return f"{'PASS' if ok else 'FAIL'}  {name}: {figure}"


def run(sizes: list[int], repeat: int, scratch: Path) -> str:
    """Everything above, as the text run.py prints after its own tables."""
    stage_rows = bench_stages(sizes, repeat, scratch)
    return report(stage_rows, bench_site_with_history(sizes, repeat, scratch))
