"""The connections page: who cites whom, drawn along the reading order, and told as a list.

Up to AGGREGATE_ABOVE connected papers the figure has a node per paper. Above, it has a node per
top-level topic (arcs weighted by the citations between two topics), and each topic gets a page
of its own, connections/<section>/<topic>/, with a node per paper of the topic and per paper
it connects with.
"""

from __future__ import annotations

from collections import Counter
from functools import lru_cache

from ...model import KnowledgeBase
from .arcs import Arc, Row, arc_svg
from .graph import UNPLACED, Graph, Group
from ..index import Index
from .nodes import LEGEND, Names, count, figure, figure_rows, markdown_links
from ..markup import Lists, front_matter, md
from ..uris import CONNECTIONS, page_url, paper_uri, rel

HERE = "connections.md"
AGGREGATE_ABOVE = 200
ARCS_PER_TOPIC = 4          # the aggregated figure draws at most this many arcs a node


def connection_pages(kb: KnowledgeBase, index: Index, lists: Lists = Lists()) -> dict[str, str]:
    """connections.md, and at scale one page per topic; {source path: Markdown}."""
    graph = index.graph
    known = index.names
    if len(graph.connected()) <= AGGREGATE_ABOVE:
        return {HERE: _paper_figure_page(known, graph, lists)}
    groups = {graph.groups[key].id: graph.groups[key] for key in graph.connected()}
    edges: dict[str, list[tuple[str, str]]] = {gid: [] for gid in groups}
    for edge in graph.edges:
        for gid in dict.fromkeys(graph.groups[key].id for key in edge):
            edges[gid].append(edge)
    lonely: dict[str, list[str]] = {gid: [] for gid in groups}
    for key in graph.unconnected():
        lonely.get(graph.groups[key].id, []).append(key)
    pages = {HERE: _topic_figure_page(known, graph, list(groups.values()), lists)}
    pages.update({topic_uri(group): _topic_page(known, graph, group, edges[gid], lonely[gid],
                                                lists)
                  for gid, group in groups.items()})
    return pages


def topic_uri(group: Group) -> str:
    return f"{CONNECTIONS}/{group.section_id}/{group.topic_id}.md" if group.id else \
        f"{CONNECTIONS}/{UNPLACED.section.lower().replace(' ', '-')}.md"


def _paper_figure_page(known: Names, graph: Graph, lists: Lists) -> str:
    keys = list(graph.connected())
    svg = arc_svg(figure_rows(known, graph, keys, HERE), [Arc(a, b) for a, b in graph.edges],
                  "rl-arcs-all", "Connections between the papers, in reading order")
    return "\n".join(_lead(len(keys), len(graph.edges)) + _beside(
        figure(svg, "An arc joins two papers when the note of one cites the other. Hover or "
               "focus a paper to light up its arcs: " + LEGEND),
        _unconnected(known, graph.unconnected(), HERE)) + _edge_list(known, graph.edges, HERE,
                                                                    lists))


def _topic_figure_page(known: Names, graph: Graph, groups: list[Group], lists: Lists) -> str:
    rank = {group.id: index for index, group in enumerate(groups)}
    pairs = Counter(tuple(sorted((graph.groups[a].id, graph.groups[b].id), key=rank.__getitem__))
                    for a, b in graph.edges)
    weights = {pair: pairs[pair] for pair in sorted(pairs, key=lambda p: (rank[p[0]], rank[p[1]]))}
    members = Counter(graph.groups[key].id for key in graph.connected())
    rows, section = [], None
    for group in groups:
        if group.section_id != section:
            rows.append(Row("section", group.section))
            section = group.section_id
        inside = weights.get((group.id, group.id), 0)
        label = f"{group.topic or 'Papers'} ({members[group.id]})"
        rows.append(Row("node", label, group.id, f"{label}: {group.section}, "
                        f"{inside} citations inside the topic",
                        page_url(HERE, topic_uri(group)), "Open this topic's own figure"))
    between = [pair for pair in weights if pair[0] != pair[1]]
    # The strongest pairs, so that the figure stays readable and its size linear in topics.
    drawn = set(sorted(between, key=lambda p: (-weights[p], rank[p[0]], rank[p[1]]))
                [:ARCS_PER_TOPIC * len(groups)])
    arcs = [Arc(a, b, weights[a, b]) for a, b in between if (a, b) in drawn]
    svg = arc_svg(rows, arcs, "rl-arcs-all", "Connections between the topics, in reading order")
    caption = (f"{len(graph.connected()):,} connected papers are too many to draw one by one, "
               "so each node is a topic (with its number of connected papers); an arc's width "
               "grows with the citations between two topics. Open a topic for its own figure.")
    if len(drawn) < len(between):
        caption += (f" The {len(drawn):,} strongest of {len(between):,} pairs of topics are "
                    "drawn; the list below has them all.")
    return "\n".join(_lead(len(graph.connected()), len(graph.edges)) + _beside(
        figure(svg, caption), _unconnected(known, graph.unconnected(), HERE))
        + _pair_list(groups, weights, lists))


def _topic_page(known: Names, graph: Graph, group: Group,
                edges: list[tuple[str, str]], lonely: list[str], lists: Lists) -> str:
    keys = sorted({key for edge in edges for key in edge}, key=graph.rank.__getitem__)
    drawn = tuple((k, graph.groups[k], known.titles[k], known.labels[k]) for k in keys)
    return _drawn_topic_page(group, tuple(edges), tuple((k, known.titles[k]) for k in lonely),
                             drawn, lists)


# A server draws every topic page again on a taxonomy edit, and most come out as before. The
# arguments are all the page reads (its papers in order, with their groups, titles and labels).
@lru_cache(maxsize=512)
def _drawn_topic_page(group: Group, edges: tuple[tuple[str, str], ...],
                      lonely: tuple[tuple[str, str], ...],
                      drawn: tuple[tuple[str, Group, str, str], ...], lists: Lists) -> str:
    known = Names({**{k: title for k, _, title, _ in drawn}, **dict(lonely)},
                  {k: label for k, _, _, label in drawn})
    keys = [k for k, *_ in drawn]
    graph = Graph(tuple(keys), {k: g for k, g, _, _ in drawn}, edges)
    here = topic_uri(group)
    name = f"{group.section} › {group.topic}" if group.topic else group.section
    svg = arc_svg(figure_rows(known, graph, keys, here), [Arc(a, b) for a, b in edges],
                  "rl-arcs-topic", f"Connections of {name}")
    lead = (f"The papers of {md(name)} and every paper they connect with, in reading order. "
            f"[All topics]({rel(here, HERE)}).")
    return "\n".join([front_matter(title=f"Connections: {name}"), f"# Connections: {md(name)}",
                      "", lead, ""] + _beside(
        figure(svg, "Hover or focus a paper to light up its arcs: " + LEGEND),
        _unconnected(known, tuple(k for k, _ in lonely), here))
        + _edge_list(known, edges, here, lists))


def _lead(papers: int, edges: int) -> list[str]:
    return [front_matter(title="Connections"), "# Connections", "",
            f"How the notes connect the papers: {papers} papers, {edges} citations from one "
            "note to another paper of the list. Papers run in reading order, section by "
            "section and topic by topic (the models along the Pareto frontier).", ""]


def _beside(figure_lines: list[str], aside: list[str]) -> list[str]:
    return ['<div class="rl-connections" markdown>', *figure_lines, "",
            '<div class="rl-unconnected" markdown>', "", *aside, "</div>", "</div>", ""]


def _unconnected(known: Names, keys: tuple[str, ...], here: str) -> list[str]:
    lines = ["## Not yet connected", ""]
    if not keys:
        return lines + ["Every paper here is connected.", ""]
    lines += [f"{count(len(keys), 'paper')} that no note cites and whose note cites no paper "
              "of the list:", ""]
    link = markdown_links(here)
    return lines + [f"- [{md(known.titles[k])}]({link(k)})" for k in keys] + [""]


def _edge_list(known: Names, edges, here: str, lists: Lists) -> list[str]:
    """Each edge once, grouped by the citing paper, in reading order."""
    cites: dict[str, list[str]] = {}
    for source, target in edges:
        cites.setdefault(source, []).append(target)

    def link(key: str) -> str:
        return lists.link(here, paper_uri(key), known.titles[key])

    items = [f"{link(source)} cites {', '.join(link(t) for t in targets)}"
             for source, targets in cites.items()]
    return ["## The connections, as a list { data-search-exclude }", "",
            *lists.lines("rl-edges", items), ""]


def _pair_list(groups: list[Group], weights: dict, lists: Lists) -> list[str]:
    named = {g.id: lists.link(HERE, topic_uri(g), f"{g.section} › {g.topic}" if g.topic
                              else g.section) for g in groups}
    items = [f"{count(weight, 'citation')} " + (f"inside {named[a]}" if a == b else
                                                f"between {named[a]} and {named[b]}")
             for (a, b), weight in weights.items()]
    return ["## The connections, as a list { data-search-exclude }", "",
            "Citations between two topics, and inside one, in reading order:", "",
            *lists.lines("rl-pairs", items), ""]
