"""The connections page: who cites whom, drawn along the reading order, and told as a list.

Up to AGGREGATE_ABOVE connected papers the figure has a node per paper. Above, it has a node per
top-level topic (arcs weighted by the citations between two topics), and each topic gets a page
of its own, connections/<section>/<topic>/, with a node per paper of the topic and per paper
it connects with.
"""

from __future__ import annotations

from collections import Counter

from ..loaders.knowledge import KnowledgeBase
from .arcs import Arc, Row, arc_svg
from .graph import UNPLACED, Graph, Group
from .index import Index
from .text import attr, cite_label, front_matter, md
from .uris import page_url, paper_uri, rel

HERE = "connections.md"
TOPICS = "connections"
AGGREGATE_ABOVE = 200
LEGEND = ('<p class="rl-arcs-legend"><span class="rl-arcs-legend__out">papers its note '
          'cites</span> <span class="rl-arcs-legend__in">notes that cite it</span></p>')


def connection_pages(kb: KnowledgeBase, index: Index) -> dict[str, str]:
    """connections.md, and at scale one page per topic; {source path: Markdown}."""
    graph = index.graph
    if len(graph.connected()) <= AGGREGATE_ABOVE:
        return {HERE: _paper_figure_page(kb, graph)}
    groups = {graph.groups[key].id: graph.groups[key] for key in graph.connected()}
    edges: dict[str, list[tuple[str, str]]] = {gid: [] for gid in groups}
    for edge in graph.edges:
        for gid in dict.fromkeys(graph.groups[key].id for key in edge):
            edges[gid].append(edge)
    lonely: dict[str, list[str]] = {gid: [] for gid in groups}
    for key in graph.unconnected():
        lonely.get(graph.groups[key].id, []).append(key)
    pages = {HERE: _topic_figure_page(kb, graph, list(groups.values()))}
    pages.update({topic_uri(group): _topic_page(kb, graph, group, edges[gid], lonely[gid])
                  for gid, group in groups.items()})
    return pages


def topic_uri(group: Group) -> str:
    return f"{TOPICS}/{group.section_id}/{group.topic_id}.md" if group.id else \
        f"{TOPICS}/{UNPLACED.section.lower().replace(' ', '-')}.md"


def paper_rows(kb: KnowledgeBase, graph: Graph, keys: list[str], here: str,
               current: str | None = None) -> list[Row]:
    """Nodes for keys (in reading order) under the headings of their sections and topics."""
    rows: list[Row] = []
    section = topic = None
    labels = _labels(kb, keys)
    for key in keys:
        group = graph.groups[key]
        if group.section_id != section:
            rows.append(Row("section", group.section))
            section, topic = group.section_id, None
        if group.id != topic and group.topic:
            rows.append(Row("topic", group.topic))
            topic = group.id
        title = kb.papers[key].title
        name = f"{title} ({labels[key]})" + (", this paper" if key == current else "")
        rows.append(Row("node", labels[key], key, name,
                        None if key == current else page_url(here, paper_uri(key)), title))
    return rows


def _labels(kb: KnowledgeBase, keys: list[str]) -> dict[str, str]:
    """Author-year labels; two papers that would share one get a and b, in reading order."""
    plain = {key: cite_label(kb.papers[key].authors, kb.papers[key].year) for key in keys}
    seen = Counter(plain.values())
    suffix: Counter[str] = Counter()
    for key, label in plain.items():
        if seen[label] > 1:
            plain[key] = label + "abcdefghijklmnopqrstuvwxyz"[suffix[label] % 26]
            suffix[label] += 1
    return plain


def figure(svg: str, caption: str) -> list[str]:
    """Raw HTML with no blank line inside, so Markdown passes it through untouched."""
    return ['<figure class="rl-arcs-figure">', svg, f"<figcaption>{caption}</figcaption>",
            "</figure>"]


def _paper_figure_page(kb: KnowledgeBase, graph: Graph) -> str:
    keys = list(graph.connected())
    svg = arc_svg(paper_rows(kb, graph, keys, HERE), [Arc(a, b) for a, b in graph.edges],
                  "rl-arcs-all", "Connections between the papers, in reading order")
    return "\n".join(_lead(len(keys), len(graph.edges)) + _beside(
        figure(svg, "An arc joins two papers when the note of one cites the other. Hover or "
               "focus a paper to light up its arcs: " + LEGEND),
        _unconnected(kb, graph.unconnected(), HERE)) + _edge_list(kb, graph.edges, HERE))


def _topic_figure_page(kb: KnowledgeBase, graph: Graph, groups: list[Group]) -> str:
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
        rows.append(Row("node", label, group.id, f"{group.topic or group.section}: "
                        f"{members[group.id]} papers, {inside} citations inside the topic",
                        page_url(HERE, topic_uri(group)), "Open this topic's own figure"))
    arcs = [Arc(a, b, n) for (a, b), n in weights.items() if a != b]
    svg = arc_svg(rows, arcs, "rl-arcs-all", "Connections between the topics, in reading order")
    caption = (f"{len(graph.connected()):,} connected papers are too many to draw one by one, "
               "so each node is a topic (with its number of connected papers); an arc's width "
               "grows with the citations between two topics. Open a topic for its own figure.")
    return "\n".join(_lead(len(graph.connected()), len(graph.edges)) + _beside(
        figure(svg, caption), _unconnected(kb, graph.unconnected(), HERE))
        + _pair_list(groups, weights))


def _topic_page(kb: KnowledgeBase, graph: Graph, group: Group,
                edges: list[tuple[str, str]], lonely: list[str]) -> str:
    here = topic_uri(group)
    keys = sorted({key for edge in edges for key in edge}, key=graph.rank.__getitem__)
    name = f"{group.section} › {group.topic}" if group.topic else group.section
    svg = arc_svg(paper_rows(kb, graph, keys, here), [Arc(a, b) for a, b in edges],
                  "rl-arcs-topic", f"Connections of {name}")
    lead = (f"The papers of {md(name)} and every paper they connect with, in reading order. "
            f"[All topics]({rel(here, HERE)}).")
    return "\n".join([front_matter(title=f"Connections: {name}"), f"# Connections: {md(name)}",
                      "", lead, ""] + _beside(
        figure(svg, "Hover or focus a paper to light up its arcs: " + LEGEND),
        _unconnected(kb, tuple(lonely), here)) + _edge_list(kb, edges, here))


def _lead(papers: int, edges: int) -> list[str]:
    return [front_matter(title="Connections"), "# Connections", "",
            f"How the notes connect the papers: {papers} papers, {edges} citations from one "
            "note to another paper of the list. Papers run in reading order, section by "
            "section and topic by topic (the models along the Pareto frontier).", ""]


def _beside(figure_lines: list[str], aside: list[str]) -> list[str]:
    return ['<div class="rl-connections" markdown>', *figure_lines, "",
            '<div class="rl-unconnected" markdown>', "", *aside, "</div>", "</div>", ""]


def _unconnected(kb: KnowledgeBase, keys: tuple[str, ...], here: str) -> list[str]:
    lines = ["## Not yet connected", ""]
    if not keys:
        return lines + ["Every paper here is connected.", ""]
    lines += [f"{_count(len(keys), 'paper')} that no note cites and whose note cites no paper "
              "of the list:", ""]
    return lines + [f"- [{md(kb.papers[k].title)}]({rel(here, paper_uri(k))})" for k in keys] \
        + [""]


def _edge_list(kb: KnowledgeBase, edges, here: str) -> list[str]:
    """Each edge once, grouped by the citing paper, in reading order."""
    lines = ["## The connections, as a list", ""]
    cites: dict[str, list[str]] = {}
    for source, target in edges:
        cites.setdefault(source, []).append(target)

    def link(key: str) -> str:
        return f"[{md(kb.papers[key].title)}]({rel(here, paper_uri(key))})"

    for source, targets in cites.items():
        lines.append(f"- {link(source)} cites {', '.join(link(t) for t in targets)}")
    return lines + [""]


def _pair_list(groups: list[Group], weights: dict) -> list[str]:
    named = {g.id: f"[{md(f'{g.section} › {g.topic}' if g.topic else g.section)}]"
                   f"({rel(HERE, topic_uri(g))})" for g in groups}
    lines = ["## The connections, as a list", "",
             "Citations between two topics, and inside one, in reading order:", ""]
    for (a, b), count in weights.items():
        pair = f"inside {named[a]}" if a == b else f"between {named[a]} and {named[b]}"
        lines.append(f"- {_count(count, 'citation')} {pair}")
    return lines + [""]


def local_view(kb: KnowledgeBase, index: Index, key: str, here: str) -> list[str]:
    """The paper, the papers its note cites and the notes that cite it, as a small figure."""
    graph = index.graph
    cites, cited_by = graph.cites.get(key, ()), graph.cited_by.get(key, ())
    if not cites and not cited_by:
        return []
    keys = sorted({key, *cites, *cited_by}, key=graph.rank.__getitem__)
    arcs = [Arc(key, k) for k in cites] + [Arc(k, key) for k in cited_by]
    svg = arc_svg(paper_rows(kb, graph, keys, here, current=key), arcs, "rl-arcs-local",
                  f"{kb.papers[key].title}: the papers it cites and the notes that cite it")
    caption = (f"Its note cites {_count(len(cites), 'paper')} of the list; "
               f"{_count(len(cited_by), 'note')} cite it. " + LEGEND +
               f'<a href="{attr(page_url(here, HERE))}">All connections</a>')
    return ["## Connected papers", "", *figure(svg, caption), ""]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
