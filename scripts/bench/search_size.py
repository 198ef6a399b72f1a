"""What the site's search index carries per paper, on the real list and on synthetic ones.

Budget: per paper, the note's text plus BUDGET_BYTES (title, authors, venue, year, tags and the
index's own structure), on average over the papers of a list; the worst paper is shown too.
Reuses the sites the site-build benchmark built when they are there.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

from bench.generate import generate
from bench.measure import Gate, Result, env, table
from bench.site_build import HOOKS_SITE, REPO, site_project, site_root
from readinglist import load
from readinglist.hooks.search_index import BUDGET_BYTES, PaperShare, paper_shares

INDEX = Path("search/search_index.json")


def measure_search(sizes: list[int], scratch: Path) -> Result:
    lists = {"real list": (REPO, _build(REPO, scratch / "real-site"))}
    for n in sizes:
        root = site_root(scratch, n)
        site = root / HOOKS_SITE
        if not (site / INDEX).exists():
            site_project(generate(root, n), with_hooks=True)
            _build(root, site)
        lists[f"N={n:,}"] = (root, site)
    shares = {name: paper_shares((site / INDEX).read_text(encoding="utf-8"),
                                 load(root, history=False)[0])
              for name, (root, site) in lists.items()}
    sizes_kib = {name: (site / INDEX).stat().st_size / 1024 for name, (_, site) in lists.items()}
    return Result(_table(shares, sizes_kib), [_gate(name, s) for name, s in shares.items()])


def _build(root: Path, site: Path) -> Path:
    mkdocs = str(Path(sys.executable).with_name("mkdocs"))
    subprocess.run([mkdocs, "build", "-q", "-d", str(site)], cwd=root, check=True,
                   capture_output=True, env=env())
    return site


def _table(shares: dict[str, list[PaperShare]], sizes_kib: dict[str, float]) -> list[str]:
    rows = [[name, f"{len(s):,}", f"{sizes_kib[name]:,.0f}",
             f"{statistics.mean(x.note_bytes for x in s):,.0f}",
             f"{statistics.mean(x.index_bytes for x in s):,.0f}",
             f"{statistics.mean(x.extra for x in s):,.0f}", f"{max(x.extra for x in s):,}"]
            for name, s in shares.items()]
    return table(["search index", "papers", "index KiB", "note (B)", "index per paper (B)",
                  "over the note (B), mean", "worst paper"], rows)


def _gate(name: str, shares: list[PaperShare]) -> Gate:
    mean = statistics.mean(s.extra for s in shares)
    return Gate(f"search index per paper at most its note + {BUDGET_BYTES} B ({name})",
                mean <= BUDGET_BYTES, f"note + {mean:,.0f} B on average")
