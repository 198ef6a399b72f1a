"""The benchmark's synthetic knowledge bases: deterministic, valid, and loaded alike in parallel."""

from __future__ import annotations

import sys
from pathlib import Path

from support import REPO
from readinglist import check, load
from readinglist.loaders.knowledge import FORK_THRESHOLD

sys.path.insert(0, str(REPO / "scripts"))
from bench.generate import generate  # noqa: E402


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_same_seed_gives_the_same_knowledge_base(tmp_path):
    assert tree(generate(tmp_path / "a", 60, seed=7)) == tree(generate(tmp_path / "b", 60, seed=7))
    assert tree(generate(tmp_path / "c", 60, seed=8)) != tree(tmp_path / "a")


def test_a_synthetic_knowledge_base_checks_clean(tmp_path):
    kb, problems = load(generate(tmp_path / "kb", 200))
    assert problems + check(kb) == []
    assert len(kb.papers) == len(kb.notes) == 200
    assert any(topic.topics[0].topics for section in kb.sections for topic in section.topics)


def test_parallel_loading_reads_exactly_what_serial_loading_reads(tmp_path):
    root = generate(tmp_path / "big", 3000)
    assert sum(f.stat().st_size for f in (root / "bib").glob("*.bib")) > FORK_THRESHOLD
    (root / "notes" / "broken.md").write_text("---\nstatus: done\n")
    serial = load(root, history=False)
    parallel = load(root, history=False, parallel=True)
    assert parallel == serial
    assert [d.code for d in parallel[1]] == ["unterminated-front-matter"]


def test_interleave_alternates_the_pair_after_a_warm_up_and_compares_medians():
    from bench.measure import Sample, interleave
    order: list[str] = []

    def timed(name: str, times: list[float]):
        def run() -> Sample:
            order.append(name)
            return Sample(wall=times.pop(0), cpu=1.0, peak_kib=10)
        return run

    pair = interleave(timed("ours", [9.0, 2.0, 3.0, 4.0]), timed("base", [9.0, 1.0, 2.0, 2.0]),
                      rounds=3)
    assert order == ["ours", "base"] * 4               # the warm-up run, then three rounds
    assert pair.ours.seconds() == [2.0, 3.0, 4.0]      # the warm-up is not counted
    assert pair.ratio() == 3.0 / 2.0                   # the ratio of the medians
    assert pair.round_ratios() == [2.0, 1.5, 2.0]
    assert pair.describe() == "1.50 (1.50-2.00)"
    assert pair.ratio("cpu") == 1.0


def test_interleave_runs_at_least_three_rounds():
    from bench.measure import Sample, interleave
    pair = interleave(lambda: Sample(1.0, 1.0, 1), lambda: Sample(1.0, 1.0, 1), rounds=1,
                      warmup=False)
    assert len(pair.ours.samples) == len(pair.base.samples) == 3


def test_the_site_build_with_history_is_gated_on_the_median_cpu_ratio_with_its_rounds():
    from bench.connections import report
    from bench.measure import Pair, Sample, Timing

    def timing(cpu: list[float]) -> Timing:
        return Timing(tuple(Sample(wall=2 * t, cpu=t, peak_kib=1) for t in cpu))

    pair = Pair(timing([11.0, 12.0, 11.6]), timing([10.0, 10.0, 10.0]))
    text = report([], [{"n": 500, "pair": pair}])
    assert "| mkdocs build | 500 | 11.0 / 11.6 / 12.0 | 10.0 / 10.0 / 10.0 | 1.16 (1.10-1.20) " \
           "| 1.16 (1.10-1.20) |" in text
    assert text.endswith("FAIL  site build with history within 1.15x of no-hooks (CPU, N=500): "
                         "1.16x (rounds 1.10-1.20)")
