"""Paper nodes for the arc figures: rows under their headings, names decoded once a render.

A page may draw hundreds of papers and list thousands of links, so titles and author-year
labels are decoded from BibTeX once (`Names`), and links to paper pages are made by appending
the key to a prefix computed once per page.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from ...model import KnowledgeBase
from .arcs import Row
from .graph import Graph
from ..markup import cite_label
from ..uris import page_url, paper_uri, rel

LEGEND = ('<p class="rl-arcs-legend"><span class="rl-arcs-legend__out">papers its note '
          'cites</span> <span class="rl-arcs-legend__in">notes that cite it</span></p>')
_PROBE = "key"


@dataclass(frozen=True)
class Names:
    titles: dict[str, str]
    labels: dict[str, str]      # 'Jacot et al., 2018'


def names(kb: KnowledgeBase, keys) -> Names:
    papers = {key: kb.papers[key] for key in keys}
    return Names({k: p.title for k, p in papers.items()},
                 {k: cite_label(p.authors, p.year) for k, p in papers.items()})


def markdown_links(here: str):
    """key -> the Markdown link target of its paper page from page here."""
    prefix = rel(here, paper_uri(_PROBE)).removesuffix(f"{_PROBE}.md")
    return lambda key: f"{prefix}{key}.md"


def built_links(here: str):
    """key -> the built URL of its paper page from page here, for raw HTML."""
    prefix = page_url(here, paper_uri(_PROBE)).removesuffix(f"{_PROBE}/")
    return lambda key: f"{prefix}{key}/"


def figure_rows(known: Names, graph: Graph, keys: list[str], here: str,
               current: str | None = None) -> list[Row]:
    """Nodes for keys (in reading order) under the headings of their sections and topics."""
    rows: list[Row] = []
    section = topic = None
    labels = _distinct(known, keys)
    link = built_links(here)
    for key in keys:
        group = graph.groups[key]
        if group.section_id != section:
            rows.append(Row("section", group.section))
            section, topic = group.section_id, None
        if group.id != topic and group.topic:
            rows.append(Row("topic", group.topic))
            topic = group.id
        title = known.titles[key]
        # The visible label first (WCAG 2.5.3, label in name), then the title it stands for.
        name = f"{labels[key]}: {title}" + (", this paper" if key == current else "")
        rows.append(Row("node", labels[key], key, name, None if key == current else link(key),
                        title))
    return rows


def _distinct(known: Names, keys: list[str]) -> dict[str, str]:
    """Author-year labels; papers of one figure that would share one get a, b, ... in order."""
    labels = {key: known.labels[key] for key in keys}
    shared = Counter(labels.values())
    taken: Counter[str] = Counter()
    for key, label in labels.items():
        if shared[label] > 1:
            labels[key] = label + "abcdefghijklmnopqrstuvwxyz"[taken[label] % 26]
            taken[label] += 1
    return labels


def figure(svg: str, caption: str) -> list[str]:
    """Raw HTML with no blank line inside, so Markdown passes it through untouched; its labels
    and titles stay out of search (a title searched finds its paper, not every figure)."""
    return ['<figure class="rl-arcs-figure" data-search-exclude>', svg, f"<figcaption>{caption}</figcaption>",
            "</figure>"]


def count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" if n == 1 else f"{n:,} {noun}s"
