"""`mkdocs build` with our hooks against `mkdocs build` of the pages `readinglist render` wrote.

Same theme, same pages, no hooks in the baseline. Both builds run in one thread, so their CPU
time is their work, whatever else the machine runs: the gates take the CPU-time ratio at every
size and how CPU time grows from the smallest to the largest size (wall times are shown beside
them), and check that output bytes per page stay constant.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from bench.generate import generate
from bench.measure import Gate, Pair, Result, command, env, interleave, table

REPO = Path(__file__).resolve().parents[2]
SITE_LIMIT = 1.15
SMALL = 500
HOOKS_SITE = "site-hooks"      # the search-size benchmark reads the index built here


def site_root(scratch: Path, n: int) -> Path:
    return scratch / f"site-{n}"


def site_project(root: Path, with_hooks: bool) -> Path:
    """A site project over the knowledge base at root, built with or without our hooks."""
    config = re.sub(r"watch:\n(  - .*\n)+", "", (REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    shutil.copy(REPO / "CONTRIBUTING.md", root / "CONTRIBUTING.md")
    if not (root / "node_modules").exists():
        (root / "node_modules").symlink_to(REPO / "node_modules")
    if with_hooks:
        shutil.copytree(REPO / "docs", root / "docs", dirs_exist_ok=True)
        config = config.replace("  - scripts/mkdocs_hooks.py", f"  - {REPO}/scripts/mkdocs_hooks.py")
        (root / "mkdocs.yml").write_text(config, encoding="utf-8")
        return root
    docs = root / "rendered"
    subprocess.run([sys.executable, "-m", "readinglist", "render", str(docs), "--root",
                    str(root)], check=True, capture_output=True, env=env())
    shutil.copytree(REPO / "docs", docs, dirs_exist_ok=True)
    shutil.copytree(REPO / "node_modules/katex/dist", docs / "assets/katex",
                    ignore=shutil.ignore_patterns("*.ttf", "*.woff", "*.mjs", "katex.js",
                                                  "katex.css"), dirs_exist_ok=True)
    config = config.replace("hooks:\n  - scripts/mkdocs_hooks.py\n", "")
    config = config.replace("docs_dir: docs", "docs_dir: rendered\nnot_in_nav: |\n  papers/")
    config = config.replace("custom_dir: docs/overrides", "custom_dir: rendered/overrides")
    (root / "mkdocs-baseline.yml").write_text(config, encoding="utf-8")
    return root


def measure_site(sizes: list[int], rounds: int, scratch: Path) -> Result:
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    pairs, pages = {}, {}
    for n in sizes:
        root = generate(site_root(scratch, n), n)
        site_project(root, with_hooks=False)
        site_project(root, with_hooks=True)
        # No warm-up run: a build is long enough that a cold file cache hardly shows.
        pairs[n] = interleave(
            command([mkdocs, "build", "-q", "-d", HOOKS_SITE], cwd=root),
            command([mkdocs, "build", "-q", "-f", "mkdocs-baseline.yml", "-d", "site-base"],
                    cwd=root), rounds + _extra_rounds(n), warmup=False)
        built = list((root / HOOKS_SITE).rglob("*.html"))
        pages[n] = (len(built), sum(p.stat().st_size for p in built) / len(built))
    return Result(_table(pairs, pages), _gates(pairs, pages))


def _extra_rounds(n: int) -> int:
    """Small builds are cheap, and the neighbours' load weighs more on them: two more rounds."""
    return 2 if n <= SMALL else 0


def _table(pairs: dict[int, Pair], pages: dict[int, tuple[int, float]]) -> list[str]:
    rows = [["mkdocs build", f"{n:,}", p.ours.describe(1), p.base.describe(1),
             p.describe("wall"), p.describe("cpu"), f"{pages[n][0]:,}",
             f"{pages[n][1] / 1024:.1f}"] for n, p in pairs.items()]
    return table(["site build", "N", "time (s) min / median / max",
                  "no-hooks baseline (s) min / median / max", "wall ratio (rounds)",
                  "CPU ratio (rounds)", "pages", "KiB per page"], rows)


def _gates(pairs: dict[int, Pair], pages: dict[int, tuple[int, float]]) -> list[Gate]:
    if not pairs:
        return []
    worst = max(pairs, key=lambda n: pairs[n].ratio("cpu"))
    gates = [Gate.at_most(f"site build within {SITE_LIMIT}x of no-hooks (CPU)",
                          pairs[worst].ratio("cpu"), SITE_LIMIT,
                          f"at N={worst:,}, rounds {pairs[worst].spread('cpu')}")]
    small, big = min(pairs), max(pairs)
    if small != big:
        growth = pairs[big].ours.median("cpu") / pairs[small].ours.median("cpu")
        limit = 4.4 * (big / small) / 4     # 10% over linear
        gates.append(Gate.at_most(f"t({big:,})/t({small:,}) under {limit:.1f} (CPU)", growth,
                                  limit, unit=""))
        drift = pages[big][1] / pages[small][1]
        gates.append(Gate.at_most("output per page constant in N", drift, 1.1,
                                  unit=" of the smaller site's"))
    return gates
