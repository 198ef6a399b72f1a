"""The Pareto frontier of models, drawn from the taxonomy as an inline SVG.

Schematic by design: a topic's place on the curve is its rank in the frontier order, not a
measurement. Realism grows to the right, analytical tractability upwards.
"""

from __future__ import annotations

from ...model import Section, Topic
from ..markup import attr

WIDTH, HEIGHT = 720, 400
LEFT, RIGHT, TOP, BOTTOM = 70, 130, 30, 60


def point(index: int, count: int) -> tuple[float, float]:
    """Position of the index-th topic on a convex, descending curve."""
    t = index / max(count - 1, 1)
    x = LEFT + t * (WIDTH - LEFT - RIGHT)
    tractability = (1 - t) ** 1.6
    y = TOP + (1 - tractability) * (HEIGHT - TOP - BOTTOM)
    return round(x, 1), round(y, 1)


def frontier_svg(section: Section) -> str:
    topics = section.topics
    points = [point(i, len(topics)) for i in range(len(topics))]
    curve = " ".join(f"{'M' if i == 0 else 'L'}{x},{y}" for i, (x, y) in enumerate(points))
    parts = [
        # A group, not an image: an image's content is hidden, and the points are links.
        f'<svg class="rl-frontier" viewBox="0 0 {WIDTH} {HEIGHT}" role="group" '
        f'aria-labelledby="rl-frontier-title" aria-describedby="rl-frontier-desc" '
        'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">',
        f'<title id="rl-frontier-title">The Pareto frontier of models of deep learning, from '
        f'{attr(topics[0].title) if topics else ""} to '
        f'{attr(topics[-1].title) if topics else ""}</title>',
        f'<desc id="rl-frontier-desc">A schematic, not a measurement: the {len(topics)} '
        'topics in order along a descending curve, more realistic to the right and more '
        'tractable upwards. Each point is a link to its topic on this page.</desc>',
        _axes(),
        f'<path class="rl-frontier__curve" d="{curve}" fill="none"/>',
    ]
    parts += [_point(topic, x, y, i, last=i == len(topics) - 1)
              for i, (topic, (x, y)) in enumerate(zip(topics, points))]
    parts.append("</svg>")
    return "\n".join(parts)


def _axes() -> str:
    x0, y0, x1 = LEFT - 20, HEIGHT - BOTTOM + 20, WIDTH - 20
    return "\n".join([
        f'<line class="rl-frontier__axis" x1="{x0}" y1="{y0}" x2="{x1}" y2="{y0}"/>',
        f'<line class="rl-frontier__axis" x1="{x0}" y1="{y0}" x2="{x0}" y2="{TOP - 10}"/>',
        f'<text class="rl-frontier__axis-label" x="{x1}" y="{y0 + 28}" text-anchor="end">'
        'more realistic →</text>',
        f'<text class="rl-frontier__axis-label" x="{x0 - 12}" y="{TOP - 10}" '
        f'transform="rotate(-90 {x0 - 12} {TOP - 10})" text-anchor="end">'
        'more tractable →</text>',
    ])


def _point(topic: Topic, x: float, y: float, index: int, last: bool) -> str:
    # Above and to the right of a point lies no part of a descending convex curve; the last
    # point's label goes beside it, clear of its flat neighbour's.
    dx, dy = (12, 5) if last else (9, -11)
    hover = f"{topic.title}: {topic.why}" if topic.why else topic.title
    # xlink:href, not href: Material's instant navigation rewrites every [href] element's
    # href property, which an SVG link only has as a getter (an error in the console).
    # Named by its visible label first (WCAG 2.5.3); the hover hint sits on a group around it,
    # so that it does not count as the link's text.
    label = f"{index + 1}. {topic.title}"
    name = f"{label}: {topic.why}" if topic.why else label
    return (f'<g><title>{attr(hover)}</title>'
            f'<a class="rl-frontier__point" xlink:href="#{attr(topic.id)}" '
            f'aria-label="{attr(name)}">'
            f'<circle cx="{x}" cy="{y}" r="7"/>'
            f'<text x="{x + dx}" y="{y + dy}">{attr(label)}</text></a></g>')
