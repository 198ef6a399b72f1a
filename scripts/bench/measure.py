"""What every benchmark shares: timed runs in fresh processes, interleaved pairs, gates, results.

A time on a shared machine is only meaningful next to a baseline measured under the same load,
so a benchmark measures its pair interleaved (ours, baseline, ours, baseline, ...) and gates on
the ratio of the medians; the ratio of each round shows how steady that ratio was. Each run
records wall time and CPU time (user + system, the process and its children): the neighbours'
load stretches the first and hardly touches the second, so a single-threaded pair is best gated
on CPU time, and a command that gains its speed from a second core on wall time.

    pair = interleave(command([...]), command([...]), rounds=3)
    Gate.at_most("site build within 1.15x of no-hooks", pair.ratio("cpu"), 1.15,
                 pair.spread("cpu"))
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

MIN_ROUNDS = 3
RUNNER = ("import resource, subprocess, sys, time\n"
          "start = time.perf_counter()\n"
          "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
          "used = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
          "print(time.perf_counter() - start, used.ru_utime + used.ru_stime, used.ru_maxrss, "
          "code)\n")


@dataclass(frozen=True)
class Sample:
    wall: float
    cpu: float
    peak_kib: int


@dataclass(frozen=True)
class Timing:
    samples: tuple[Sample, ...]

    def seconds(self, clock: str = "wall") -> list[float]:
        return [getattr(s, clock) for s in self.samples]

    def median(self, clock: str = "wall") -> float:
        return statistics.median(self.seconds(clock))

    @property
    def peak_kib(self) -> int:
        return max(s.peak_kib for s in self.samples)

    def describe(self, digits: int = 2, clock: str = "wall") -> str:
        """'min / median / max' in seconds."""
        times = self.seconds(clock)
        return " / ".join(f"{t:.{digits}f}" for t in (min(times), self.median(clock),
                                                       max(times)))


@dataclass(frozen=True)
class Pair:
    """Ours and its baseline, measured in the same rounds."""
    ours: Timing
    base: Timing

    def ratio(self, clock: str = "wall") -> float:
        return self.ours.median(clock) / self.base.median(clock)

    def round_ratios(self, clock: str = "wall") -> list[float]:
        return [a / b for a, b in zip(self.ours.seconds(clock), self.base.seconds(clock))]

    def spread(self, clock: str = "wall") -> str:
        """The lowest and highest ratio of a single round, '1.02-1.09'."""
        ratios = self.round_ratios(clock)
        return f"{min(ratios):.2f}-{max(ratios):.2f}"

    def describe(self, clock: str = "wall") -> str:
        """The ratio of the medians, then the range of single rounds: '1.05 (1.02-1.09)'."""
        return f"{self.ratio(clock):.2f} ({self.spread(clock)})"


def env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def run_once(argv: list[str], cwd: Path | None = None) -> Sample:
    """Wall and CPU seconds and peak resident KiB of one run of argv in a fresh process."""
    out = subprocess.run([sys.executable, "-c", RUNNER, *argv], cwd=cwd, check=True,
                         capture_output=True, text=True, env=env()).stdout.split()
    if out[3] != "0":
        raise SystemExit(f"{' '.join(argv)} exited {out[3]} (in {cwd or os.getcwd()})")
    return Sample(float(out[0]), float(out[1]), int(out[2]))


def command(argv: list[str], cwd: Path | None = None) -> Callable[[], Sample]:
    """A measurable: one fresh run of argv each time it is called."""
    return lambda: run_once(argv, cwd)


def interleave(ours: Callable[[], Sample], base: Callable[[], Sample],
               rounds: int = MIN_ROUNDS, warmup: bool = True) -> Pair:
    """ours, base, ours, base, ... for `rounds` rounds, after one unmeasured run of each."""
    if warmup:
        ours(), base()      # the first run of each pays for cold file caches
    samples: tuple[list[Sample], list[Sample]] = ([], [])
    for _ in range(max(rounds, MIN_ROUNDS)):
        samples[0].append(ours())
        samples[1].append(base())
    return Pair(Timing(tuple(samples[0])), Timing(tuple(samples[1])))


@dataclass(frozen=True)
class Gate:
    name: str
    ok: bool
    figure: str
    skipped: bool = False

    @classmethod
    def at_most(cls, name: str, value: float, limit: float, note: str = "",
                unit: str = "x") -> "Gate":
        figure = f"{value:.2f}{unit}" + (f" ({note})" if note else "")
        return cls(name, value <= limit, figure)

    @classmethod
    def skip(cls, name: str, why: str) -> "Gate":
        return cls(name, True, why, skipped=True)

    def __str__(self) -> str:
        verdict = "SKIP" if self.skipped else "PASS" if self.ok else "FAIL"
        return f"{verdict}  {self.name}: {self.figure}"


@dataclass(frozen=True)
class Result:
    """What one benchmark adds to the report: its table and its gates."""
    lines: list[str] = field(default_factory=list)
    gates: list[Gate] = field(default_factory=list)


def from_text(text: str) -> Result:
    """A benchmark that reports as text: its 'PASS  name: figure' lines become gates."""
    lines, gates = [], []
    for line in text.splitlines():
        verdict, _, rest = line.partition("  ")
        if verdict in ("PASS", "FAIL") and ": " in rest:
            name, _, figure = rest.rpartition(": ")
            gates.append(Gate(name, verdict == "PASS", figure))
        else:
            lines.append(line)
    return Result(lines, gates)


def table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table."""
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header),
            *("| " + " | ".join(row) + " |" for row in rows)]
