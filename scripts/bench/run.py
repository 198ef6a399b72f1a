"""`make bench`: readinglist against baselines measured in the same run.

check:  `readinglist check` against parsing the same files and nothing else (baseline.py), for
        N = 1,000 and 10,000 papers: wall time, peak memory and their ratios.
site:   `mkdocs build` with our hooks against `mkdocs build` of the pages `readinglist render`
        wrote (same theme, no hooks), for N = 500 and 2,000: time, ratio, bytes per page and
        t(2,000)/t(500).
annotated map (annotations.py): preview data per paper, and `readinglist abstracts` at scale.

Every figure is a median of repeated runs on synthetic knowledge bases from generate.py.

    python scripts/bench/run.py [--check-sizes 1000 10000] [--site-sizes 500 2000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))

from bench import connections  # noqa: E402
from bench.annotations import bench_annotations  # noqa: E402
from bench.generate import generate  # noqa: E402

RUNNER = ("import resource, subprocess, sys, time\n"
          "start = time.perf_counter()\n"
          "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode\n"
          "print(time.perf_counter() - start, "
          "resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, code)\n")


def measure(command: list[str], cwd: Path | None = None, repeat: int = 3) -> tuple[float, int]:
    """Median wall seconds and peak resident KiB of a command run in a fresh process."""
    times, peaks = [], []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", RUNNER, *command], cwd=cwd, check=True,
                             capture_output=True, text=True, env=_env()).stdout.split()
        if out[2] != "0":
            raise SystemExit(f"{' '.join(command)} exited {out[2]}")
        times.append(float(out[0]))
        peaks.append(int(out[1]))
    return statistics.median(times), max(peaks)


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def bench_check(sizes: list[int], repeat: int, scratch: Path) -> list[dict]:
    rows = []
    for n in sizes:
        root = generate(scratch / f"check-{n}", n)
        ours = measure([sys.executable, "-m", "readinglist", "check", "--root", str(root)],
                       repeat=repeat)
        base = measure([sys.executable, str(REPO / "scripts/bench/baseline.py"), str(root)],
                       repeat=repeat)
        rows.append({"n": n, "ours": ours, "base": base})
    return rows


def site_project(root: Path, with_hooks: bool) -> Path:
    """A site project over the knowledge base at root, built with or without our hooks."""
    config = re.sub(r"watch:\n(  - .*\n)+", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    shutil.copy(REPO / "CONTRIBUTING.md", root / "CONTRIBUTING.md")
    if not (root / "node_modules").exists():
        (root / "node_modules").symlink_to(REPO / "node_modules")
    if with_hooks:
        shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
        hooks = f"  - {REPO}/scripts/mkdocs_hooks.py"
        config = config.replace("  - scripts/mkdocs_hooks.py", hooks)
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        return root
    docs = root / "rendered"
    subprocess.run([sys.executable, "-m", "readinglist", "render", str(docs), "--root",
                    str(root)], check=True, capture_output=True, env=_env())
    shutil.copytree(REPO / "docs", docs, dirs_exist_ok=True)
    shutil.copytree(REPO / "node_modules/katex/dist", docs / "assets/katex",
                    ignore=shutil.ignore_patterns("*.ttf", "*.woff", "*.mjs", "katex.js",
                                                  "katex.css"), dirs_exist_ok=True)
    config = config.replace("hooks:\n  - scripts/mkdocs_hooks.py\n", "")
    config = config.replace("docs_dir: docs", "docs_dir: rendered\nnot_in_nav: |\n  papers/")
    config = config.replace("custom_dir: docs/overrides", "custom_dir: rendered/overrides")
    (root / "mkdocs-baseline.yml").write_text(config, encoding="utf-8")
    return root


def bench_site(sizes: list[int], repeat: int, scratch: Path) -> list[dict]:
    rows = []
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    for n in sizes:
        root = generate(scratch / f"site-{n}", n)
        site_project(root, with_hooks=False)
        site_project(root, with_hooks=True)
        ours = measure([mkdocs, "build", "-q", "-d", "site-hooks"], cwd=root, repeat=repeat)
        base = measure([mkdocs, "build", "-q", "-f", "mkdocs-baseline.yml", "-d", "site-base"],
                       cwd=root, repeat=repeat)
        pages = list((root / "site-hooks").rglob("*.html"))
        size = sum(p.stat().st_size for p in pages) / len(pages)
        rows.append({"n": n, "ours": ours, "base": base, "pages": len(pages), "bytes": size})
    return rows


def report(check_rows: list[dict], site_rows: list[dict]) -> str:
    lines = [f"machine: {platform.machine()}, {os.cpu_count()} cores, "
             f"Python {platform.python_version()}", "",
             "| readinglist check | N | time (s) | baseline (s) | ratio | peak MiB | "
             "baseline MiB |", "|---|---|---|---|---|---|---|"]
    for row in check_rows:
        (t, m), (bt, bm) = row["ours"], row["base"]
        lines.append(f"| check | {row['n']:,} | {t:.2f} | {bt:.2f} | {t / bt:.2f} | "
                     f"{m / 1024:.0f} | {bm / 1024:.0f} |")
    lines += ["", "| site build | N | time (s) | no-hooks baseline (s) | ratio | pages | "
              "KiB per page |", "|---|---|---|---|---|---|---|"]
    for row in site_rows:
        (t, _), (bt, _) = row["ours"], row["base"]
        lines.append(f"| mkdocs build | {row['n']:,} | {t:.1f} | {bt:.1f} | {t / bt:.2f} | "
                     f"{row['pages']:,} | {row['bytes'] / 1024:.1f} |")
    lines += ["", *targets(check_rows, site_rows)]
    return "\n".join(lines)


def targets(check_rows: list[dict], site_rows: list[dict]) -> list[str]:
    out = []
    big = max(check_rows, key=lambda r: r["n"], default=None)
    if big:
        ratio = big["ours"][0] / big["base"][0]
        out.append(_target(f"check at N={big['n']:,} within 1.5x of parse-only", ratio <= 1.5,
                           f"{ratio:.2f}x"))
        out.append(_target(f"check at N={big['n']:,} under 3 s", big["ours"][0] < 3,
                           f"{big['ours'][0]:.2f} s"))
        small = min(check_rows, key=lambda r: r["n"])
        if small is not big:
            growth = (big["ours"][1] / small["ours"][1]) / (big["n"] / small["n"])
            out.append(_target("check memory at most linear in N", growth <= 1.1,
                               f"{growth:.2f} of linear"))
    if site_rows:
        worst = max(r["ours"][0] / r["base"][0] for r in site_rows)
        out.append(_target("site build within 1.15x of no-hooks", worst <= 1.15, f"{worst:.2f}x"))
        if len(site_rows) > 1:
            first, last = site_rows[0], site_rows[-1]
            growth = last["ours"][0] / first["ours"][0]
            limit = 4.4 * (last["n"] / first["n"]) / 4
            out.append(_target(f"t({last['n']:,})/t({first['n']:,}) under {limit:.1f}",
                               growth < limit, f"{growth:.2f}"))
            drift = last["bytes"] / first["bytes"]
            out.append(_target("output per page constant in N", drift <= 1.1,
                               f"{drift:.2f} of the smaller site's"))
    return out


def _target(name: str, ok: bool, figure: str) -> str:
    return f"{'PASS' if ok else 'FAIL'}  {name}: {figure}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check-sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--site-sizes", type=int, nargs="*", default=[500, 2000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="readinglist-bench-") as scratch:
        check_rows = bench_check(args.check_sizes, args.repeat, Path(scratch))
        site_rows = bench_site(args.site_sizes, max(1, args.repeat - 1), Path(scratch))
        extra = connections.run(args.site_sizes, max(1, args.repeat - 1), Path(scratch))
        annotated = bench_annotations(args.site_sizes, Path(scratch))
    text = report(check_rows, site_rows) + "\n\n" + extra + "\n\n" + annotated
    print(text)
    return 0 if "FAIL" not in text else 1


if __name__ == "__main__":
    sys.exit(main())
