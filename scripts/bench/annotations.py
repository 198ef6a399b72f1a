"""`make bench`, the annotated map: the preview cards' data, and `readinglist abstracts` at scale.

previews:   previews.json for the synthetic lists of the site benchmark (N = 500 and 2,000) and
            for the real list: gzipped bytes per paper, against a budget of 400 and constant in N.
abstracts:  `readinglist abstracts` for 1,000 synthetic entries without an abstract, against the
            tests' fake arXiv on 127.0.0.1 with a short interval: the number of requests against
            ceil(1,000 / batch), the shortest gap between two against the interval, and how many
            times bib/ was written (once).

    python scripts/bench/annotations.py [--sizes 500 2000] [--entries 1000]
"""

from __future__ import annotations

import argparse
import gzip
import io
import math
import os
import sys
import tempfile
import time
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(REPO / "scripts"), str(REPO / "tests")]

from bench.generate import generate  # noqa: E402
from fakes import FakeScholarlyServer  # noqa: E402
from readinglist import load  # noqa: E402
from readinglist.render.files.previews import previews  # noqa: E402

BUDGET = 400          # bytes per paper, gzipped
INTERVAL = 0.05       # seconds between two arXiv requests in the benchmark (3 for real)
BATCH = 100


def preview_bytes(root: Path) -> tuple[int, float]:
    """Papers, and previews.json's gzipped bytes per paper, for the list at root."""
    kb, _ = load(root, history=False)
    return len(kb.papers), len(gzip.compress(previews(kb).encode("utf-8"), 9)) / len(kb.papers)


def bench_previews(sizes: list[int], scratch: Path) -> list[tuple[str, int, float]]:
    rows = [(f"synthetic, N={n:,}", *preview_bytes(generate(scratch / f"previews-{n}", n)))
            for n in sizes]
    return rows + [("this repository", *preview_bytes(REPO))]


def bench_abstracts(entries: int, scratch: Path) -> dict:
    root = generate(scratch / "abstracts", entries, abstracts=False)
    (root / "readinglist.toml").write_text(f"[verify]\narxiv_interval_seconds = {INTERVAL}\n"
                                           f"arxiv_batch_size = {BATCH}\n", encoding="utf-8")
    server = FakeScholarlyServer()
    kb, _ = load(root, history=False)
    for paper in kb.papers.values():
        server.arxiv[paper.arxiv] = {"title": paper.title, "authors": ["A. Synthetic"],
                                     "year": paper.year, "abstract": f"Invented {paper.key}."}
    os.environ.update(server.env())
    from readinglist.cli import abstracts, main
    writes = []
    apply = abstracts.apply
    abstracts.apply = lambda where, changes: (writes.append(len(changes)), apply(where, changes))
    with redirect_stdout(io.StringIO()), redirect_stderr(io.StringIO()):
        started = time.perf_counter()
        code = main(["abstracts", "--root", str(root)])
        seconds = time.perf_counter() - started
        again = len(server.requests)
        main(["abstracts", "--root", str(root)])      # a second run asks nothing
    server.close()
    gaps = [b - a for a, b in zip(server.times, server.times[1:again])]
    written = (root / "bib/references.bib").read_text(encoding="utf-8").count("  abstract ")
    return {"entries": entries, "code": code, "requests": again, "expected": math.ceil(
        entries / BATCH), "gap": min(gaps, default=INTERVAL), "writes": writes,
        "written": written, "seconds": seconds, "second run": len(server.requests) - again}


def report(preview_rows: list, run: dict) -> str:
    lines = ["| preview data | papers | gzipped bytes per paper |", "|---|---|---|"]
    lines += [f"| {name} | {n:,} | {size:.0f} |" for name, n, size in preview_rows]
    lines += ["", "| readinglist abstracts | entries | requests | ceil(N / batch) | shortest gap "
              "(s) | interval (s) | writes of bib/ | time (s) |", "|---|---|---|---|---|---|---|---|",
              f"| fake arXiv | {run['entries']:,} | {run['requests']} | {run['expected']} | "
              f"{run['gap']:.3f} | {INTERVAL} | {len(run['writes'])} | {run['seconds']:.1f} |", ""]
    synthetic = [size for name, _, size in preview_rows if name.startswith("synthetic")]
    largest = max(size for _, _, size in preview_rows)
    lines += [
        _target(f"preview data within {BUDGET} bytes a paper gzipped", largest <= BUDGET,
                f"{largest:.0f} at most"),
        _target("preview data per paper constant in N", synthetic[-1] <= synthetic[0] * 1.1,
                f"{synthetic[-1] / synthetic[0]:.2f} of the smaller list's"),
        _target("abstracts: one request per batch", run["requests"] == run["expected"],
                f"{run['requests']} for {run['entries']:,} entries"),
        _target("abstracts: the interval kept", run["gap"] >= INTERVAL * 0.95,
                f"{run['gap']:.3f} s"),
        _target("abstracts: bib/ written once, every entry filled",
                run["writes"] == [1] and run["written"] == run["entries"] and run["code"] == 0,
                f"{len(run['writes'])} write, {run['written']:,} abstracts"),
        _target("abstracts: a second run asks nothing", run["second run"] == 0,
                f"{run['second run']} requests")]
    return "\n".join(lines)


def bench_annotations(sizes: list[int], scratch: Path, entries: int = 1000) -> str:
    return report(bench_previews(sizes, scratch), bench_abstracts(entries, scratch))


def _target(name: str, ok: bool, figure: str) -> str:
    return f"{'PASS' if ok else 'FAIL'}  {name}: {figure}"


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[500, 2000])
    parser.add_argument("--entries", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="readinglist-bench-") as scratch:
        text = bench_annotations(args.sizes, Path(scratch), args.entries)
    print(text)
    sys.exit(0 if "FAIL" not in text else 1)
