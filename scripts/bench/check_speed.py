"""`readinglist check` against parsing the same files and nothing else (baseline.py).

Time and peak memory at each size. Gates: the CPU-time ratio at the largest size, and memory
that grows at most linearly in the number of papers. On a large list check reads the notes in a
second process while it parses the bibliography, so its wall time depends on a free second core:
on an idle 2-core machine it is about 1.4x parse-only, on a busy one it climbs to its CPU ratio.
CPU time is the work itself, which the neighbours' load does not change, so the gate is on it:
everything check does beyond parsing costs at most 1.5x the parse (a CPU ratio of 2.5).
"""

from __future__ import annotations

import sys
from pathlib import Path

from bench.generate import generate
from bench.measure import Gate, Pair, Result, command, interleave, table

CHECK_LIMIT = 2.5
GATED_FROM = 10_000     # below, start-up dominates and no second process is forked
BASELINE = Path(__file__).with_name("baseline.py")


def measure_check(sizes: list[int], rounds: int, scratch: Path) -> Result:
    pairs = {}
    for n in sizes:
        root = generate(scratch / f"check-{n}", n)
        pairs[n] = interleave(
            command([sys.executable, "-m", "readinglist", "check", "--root", str(root)]),
            command([sys.executable, str(BASELINE), str(root)]), rounds)
    return Result(_table(pairs), _gates(pairs))


def _table(pairs: dict[int, Pair]) -> list[str]:
    rows = [["check", f"{n:,}", p.ours.describe(), p.base.describe(), p.describe("wall"),
             p.describe("cpu"), f"{p.ours.peak_kib / 1024:.0f}",
             f"{p.base.peak_kib / 1024:.0f}"] for n, p in pairs.items()]
    return table(["readinglist check", "N", "time (s) min / median / max",
                  "parse-only (s) min / median / max", "wall ratio (rounds)",
                  "CPU ratio (rounds)", "peak MiB", "baseline MiB"], rows)


def _gates(pairs: dict[int, Pair]) -> list[Gate]:
    if not pairs:
        return []
    big, small = max(pairs), min(pairs)
    name = f"check at N={big:,} within {CHECK_LIMIT}x of parse-only (CPU)"
    gates = [Gate.at_most(name, pairs[big].ratio("cpu"), CHECK_LIMIT,
                          f"rounds {pairs[big].spread('cpu')}") if big >= GATED_FROM else
             Gate.skip(name, f"gated from N={GATED_FROM:,} (run without QUICK)")]
    if big != small:
        growth = (pairs[big].ours.peak_kib / pairs[small].ours.peak_kib) / (big / small)
        gates.append(Gate.at_most("check memory at most linear in N", growth, 1.1,
                                  unit=" of linear"))
    return gates
