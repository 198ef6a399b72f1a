"""Each paper's one-hop view: the paper, the papers its note cites, the notes that cite it."""

from __future__ import annotations

from .arcs import Arc, arc_svg
from ..index import Index
from .nodes import LEGEND, count, figure, figure_rows
from ..markup import attr
from ..uris import page_url

CONNECTIONS = "connections.md"


def local_view(index: Index, key: str, here: str) -> list[str]:
    """A heading and a small figure, for the paper page above "Cited in"; nothing if the
    paper has no connection."""
    graph = index.graph
    cites, cited_by = graph.cites.get(key, ()), graph.cited_by.get(key, ())
    if not cites and not cited_by:
        return []
    keys = sorted({key, *cites, *cited_by}, key=graph.rank.__getitem__)
    arcs = [Arc(key, k) for k in cites] + [Arc(k, key) for k in cited_by]
    known = index.names
    svg = arc_svg(figure_rows(known, graph, keys, here, current=key), arcs, "rl-arcs-local",
                  f"{known.titles[key]}: the papers it cites and the notes that cite it")
    caption = (f"Its note cites {count(len(cites), 'paper')} of the list; "
               f"{count(len(cited_by), 'note')} cite it. " + LEGEND +
               f'<a href="{attr(page_url(here, CONNECTIONS))}">All connections</a>')
    return ["## Connected papers { data-search-exclude }", "", *figure(svg, caption), ""]
