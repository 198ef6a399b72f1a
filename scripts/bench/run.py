"""`make bench`: readinglist against baselines measured in the same run, gated on ratios only.

Each benchmark is a function (sizes, rounds, scratch folder) -> Result (its table and gates),
listed in MEASUREMENTS; add yours there. Timed pairs run interleaved (ours, baseline, ours,
baseline, ...) for at least 3 rounds after a warm-up run of each (measure.interleave), and
their tables show min / median / max of each side, the ratio of the medians and the range of
the ratios of single rounds. Absolute times are shown, never gated: a shared machine's load
would decide them.

    python scripts/bench/run.py [--quick] [--rounds 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable, NamedTuple

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from bench import connections  # noqa: E402
from bench.annotations import bench_annotations  # noqa: E402
from bench.check_speed import measure_check  # noqa: E402
from bench.discover import measure_discover  # noqa: E402
from bench.live_reload import measure_live  # noqa: E402
from bench.measure import Result, from_text  # noqa: E402
from bench.reader import measure_reader  # noqa: E402
from bench.search_size import measure_search  # noqa: E402
from bench.site_build import measure_site  # noqa: E402


class Measurement(NamedTuple):
    name: str
    sizes: list[int]            # full run
    quick_sizes: list[int]      # `make bench QUICK=1`
    run: Callable[[list[int], int, Path], Result]


MEASUREMENTS = [
    # check is cheap: two more rounds steady its ratio for almost nothing.
    Measurement("check", [1000, 10000], [1000],
                lambda sizes, rounds, scratch: measure_check(sizes, rounds + 2, scratch)),
    Measurement("site build", [500, 2000], [500], measure_site),
    # After the site build: it reads the search index of the sites built there.
    Measurement("search index", [500, 2000], [500],
                lambda sizes, rounds, scratch: measure_search(sizes, scratch)),
    Measurement("connections and timeline", [500, 2000], [500],
                lambda sizes, rounds, scratch: from_text(connections.run(sizes, rounds,
                                                                         scratch))),
    # After the site build too: it reads the bibliography of the sites built there.
    Measurement("reader's map", [500, 2000], [500],
                lambda sizes, rounds, scratch: measure_reader(sizes, scratch)),
    Measurement("annotated map", [500, 2000], [500],
                lambda sizes, rounds, scratch: from_text(bench_annotations(sizes, scratch))),
    Measurement("discover", [500, 2000], [500], measure_discover),
    # A save under `make serve`, to the page showing it, against a full build.
    Measurement("live reload", [1000, 5000], [1000], measure_live),
]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="the small sizes only")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per pair (at least 3)")
    parser.add_argument("--only", nargs="*", metavar="NAME",
                        help="run only these measurements: "
                        + ", ".join(repr(m.name) for m in MEASUREMENTS))
    args = parser.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    started, gates = time.perf_counter(), []
    with tempfile.TemporaryDirectory(prefix="readinglist-bench-") as scratch:
        for measurement in MEASUREMENTS:
            if args.only and measurement.name not in args.only:
                continue
            sizes = measurement.quick_sizes if args.quick else measurement.sizes
            result = measurement.run(sizes, args.rounds, Path(scratch))
            print("", *result.lines, sep="\n", flush=True)
            gates += result.gates
    print("", *map(str, gates), sep="\n")
    print(f"\n{len(gates)} gates, {sum(not g.ok for g in gates)} failed, "
          f"in {time.perf_counter() - started:.0f} s")
    return 0 if all(g.ok for g in gates) else 1


if __name__ == "__main__":
    sys.exit(main())
