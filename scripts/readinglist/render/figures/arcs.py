"""Arc diagrams as inline SVG: rows down the reading order, arcs on their left joining nodes.

The figure reads like the map: a section heading, its topics, and under each topic its nodes,
one a row. Each edge is a half-ellipse to the left of the column of nodes, wider the further
apart its ends are. Nodes are links (xlink:href, as in the frontier figure: Material's instant
navigation rewrites every [href] property, which an SVG link only has as a getter) with an
accessible name; the arcs are decoration (their text alternative is the list under the figure).
Every number is rounded to one decimal, so the same rows give byte-identical SVG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .svg import n as _n
from ..markup import attr

ROW = 20            # height of a node row
HEADING = 24        # height of a section or topic row
TOP = 8
ARCS = 150          # width of the band the widest arc fills
NODE_X = ARCS + 14
LABEL_X = NODE_X + 10
CHAR = 7.4          # average advance of a 13px character, to size the canvas
RADIUS = 4.5


@dataclass(frozen=True)
class Row:
    """A row of the figure: a 'section' or 'topic' heading, or a 'node'."""

    kind: str
    label: str
    id: str = ""                # a node's id, which arcs name
    name: str = ""              # a node's accessible name
    href: str | None = None     # None for the page's own paper: marked, not linked
    hint: str = ""              # shown on hover


@dataclass(frozen=True)
class Arc:
    source: str                 # the citing node's id
    target: str                 # the cited node's id
    weight: int = 1


def arc_svg(rows: list[Row], arcs: list[Arc], figure_id: str, title: str) -> str:
    """The diagram; arcs whose ends are not both rows are left out."""
    ys, height = _layout(rows)
    width = LABEL_X + 12 + max((len(r.label) * CHAR for r in rows), default=0)
    span = max((abs(ys[a.source] - ys[a.target]) for a in arcs
                if a.source in ys and a.target in ys), default=1) or 1
    parts = [f'<svg class="rl-arcs" id="{attr(figure_id)}" viewBox="0 0 {_n(width)} {_n(height)}"'
             f' width="{_n(width)}" height="{_n(height)}" role="group" '
             f'aria-labelledby="{attr(figure_id)}-title" aria-describedby="{attr(figure_id)}-desc" '
             'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
             f'<title id="{attr(figure_id)}-title">{attr(title)}</title>',
             f'<desc id="{attr(figure_id)}-desc">{_description(rows, arcs, ys)}</desc>',
             '<g class="rl-arcs__edges" aria-hidden="true">']
    parts += [_arc(arc, ys, span) for arc in arcs if arc.source in ys and arc.target in ys]
    parts.append("</g>")
    y = TOP
    for row in rows:
        step = ROW if row.kind == "node" else HEADING
        parts.append(_node(row, ys[row.id]) if row.kind == "node" else _heading(row, y + step))
        y += step
    parts.append("</svg>")
    return "\n".join(parts)


def _description(rows: list[Row], arcs: list[Arc], ys: dict[str, float]) -> str:
    """What a screen reader says of the figure beyond its title."""
    nodes = sum(row.kind == "node" for row in rows)
    drawn = sum(a.source in ys and a.target in ys for a in arcs)
    return (f"{nodes} {'node' if nodes == 1 else 'nodes'} in reading order, joined by {drawn} "
            f"{'arc' if drawn == 1 else 'arcs'}; an arc stands for citations from notes. Each "
            "linked node opens its page.")


def _layout(rows: list[Row]) -> tuple[dict[str, float], float]:
    """The y of each node's centre, and the height of the whole figure."""
    ys: dict[str, float] = {}
    y = TOP
    for row in rows:
        if row.kind == "node":
            ys.setdefault(row.id, y + ROW / 2)
            y += ROW
        else:
            y += HEADING
    return ys, y + TOP


def _arc(arc: Arc, ys: dict[str, float], span: float) -> str:
    top, bottom = sorted((ys[arc.source], ys[arc.target]))
    reach = max(6.0, ARCS * math.sqrt((bottom - top) / span))
    ry = (bottom - top) / 2
    width = f' stroke-width="{_n(min(1.5 + math.log2(arc.weight), 8))}"' if arc.weight > 1 else ""
    return (f'<path class="rl-arc" data-from="{attr(arc.source)}" data-to="{attr(arc.target)}"'
            f'{width} d="M{NODE_X},{_n(top)} A{_n(reach)},{_n(ry)} 0 0 0 {NODE_X},{_n(bottom)}"/>')


def _node(row: Row, y: float) -> str:
    dot = f'<circle cx="{NODE_X}" cy="{_n(y)}" r="{RADIUS}"/>'
    text = f'<text x="{LABEL_X}" y="{_n(y + 4.5)}">{attr(row.label)}</text>'
    hint = f"<title>{attr(row.hint)}</title>" if row.hint else ""
    if row.href is None:
        return (f'<g class="rl-node rl-node--here" data-key="{attr(row.id)}" role="img" '
                f'aria-label="{attr(row.name)}">{hint}{dot}{text}</g>')
    # role="link": browsers treat an xlink:href link as one, not every accessibility tool does.
    # The hover hint sits on a group around the link: inside, it would count as the link's
    # text, which its name (the visible label first) would then not contain.
    link = (f'<a class="rl-node" data-key="{attr(row.id)}" xlink:href="{attr(row.href)}" '
            f'role="link" aria-label="{attr(row.name)}">{dot}{text}</a>')
    return f"<g>{hint}{link}</g>" if hint else link


def _heading(row: Row, bottom: float) -> str:
    x = NODE_X - 8 if row.kind == "section" else LABEL_X - 4
    return (f'<text class="rl-arcs__{row.kind}" x="{x}" y="{_n(bottom - 7)}">'
            f'{attr(row.label)}</text>')
