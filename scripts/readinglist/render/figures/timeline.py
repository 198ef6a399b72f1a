"""The reading timeline: papers listed, notes written and papers read, day by day, from git.

One point per day on which a commit changed one of the three counts; a change counts from the
commit that made it. A commit dated before its parent counts from its parent's day, so the
lines never run back in time. Drawn as inline SVG, with the same numbers as a table.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ...model import History
from .svg import n as _n
from ..markup import attr

# (css name, legend, the change that adds one, the change that takes one away)
SERIES = (("listed", "Papers listed", "listed", "unlisted"),
          ("notes", "Notes written", "note-added", "note-removed"),
          ("read", "Papers read", "read", "unread"))
WIDTH, HEIGHT = 720, 320
LEFT, RIGHT, TOP, BOTTOM = 56, 120, 20, 52
MARKERS_UP_TO = 60      # points; beyond, markers would blur into the line
NO_HISTORY = ['!!! note "No history to draw"', "",
              "    This copy of the list has no git history (a download rather than a clone, or "
              "a folder outside git), so there is no timeline of papers listed, notes written and "
              "papers read. Build the site from a git clone to see it.", ""]


@dataclass(frozen=True)
class Point:
    day: str                        # YYYY-MM-DD
    counts: tuple[int, ...]         # one per series


def points(history: History) -> list[Point]:
    """The counts at the end of each day on which one of them changed."""
    deltas = {up: (i, 1) for i, (_, _, up, _) in enumerate(SERIES)}
    deltas.update({down: (i, -1) for i, (_, _, _, down) in enumerate(SERIES)})
    counts = [0] * len(SERIES)
    latest, found = "", {}
    for change in history.changes:
        latest = max(latest, change.date[:10])
        if change.kind in deltas:
            series, step = deltas[change.kind]
            counts[series] += step
            found[latest] = tuple(counts)
    return [Point(day, value) for day, value in found.items()]


def timeline_section(history: History | None) -> list[str]:
    """The "Over time" part of the progress page: figure and table, or why there is none."""
    lines = ["## Over time", ""]
    series = points(history) if history else []
    if not series:
        return lines + NO_HISTORY
    first, last = series[0].day, series[-1].day
    lines += [f"From the git history, {first} to {last}: each point is a day on which a commit "
              "listed a paper in the taxonomy (or took one out), added a note, or marked a "
              "paper read.", "", '<figure class="rl-timeline-figure" tabindex="0" role="group" '
              'aria-label="Reading timeline">', timeline_svg(series),
              "</figure>", "", '<details class="rl-timeline-table" markdown>',
              "<summary>The numbers, day by day</summary>", "",
              "| Day | " + " | ".join(label for _, label, _, _ in SERIES) + " |",
              "|---|" + "---:|" * len(SERIES)]
    lines += [f"| {p.day} | " + " | ".join(str(c) for c in p.counts) + " |" for p in series]
    return lines + ["", "</details>", ""]


def timeline_svg(series: list[Point]) -> str:
    days = [date.fromisoformat(p.day).toordinal() for p in series]
    top = _ceiling(max(max(p.counts) for p in series))

    def x(day: int) -> float:
        span = days[-1] - days[0]
        share = (day - days[0]) / span if span else 0.5
        return LEFT + share * (WIDTH - LEFT - RIGHT)

    def y(value: int) -> float:
        return TOP + (1 - value / top) * (HEIGHT - TOP - BOTTOM)

    last = series[-1].counts
    summary = ", ".join(f"{label.lower()}: {last[i]}" for i, (_, label, _, _) in
                        enumerate(SERIES))
    parts = [f'<svg class="rl-timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             'aria-labelledby="rl-timeline-title" aria-describedby="rl-timeline-desc" '
             'xmlns="http://www.w3.org/2000/svg">',
             f'<title id="rl-timeline-title">Papers listed, notes written and papers read from '
             f'{series[0].day} to {series[-1].day}</title>',
             f'<desc id="rl-timeline-desc">At the end, {summary}. The table below has every '
             'point.</desc>']
    parts += _axes(series, days, top, x, y)
    for index, (name, label, _, _) in enumerate(SERIES):
        coords = [(x(d), y(p.counts[index])) for d, p in zip(days, series)]
        steps = "".join(f" H{_n(cx)} V{_n(cy)}" for cx, cy in coords[1:])
        parts.append(f'<path class="rl-timeline__{name}" fill="none" '
                     f'd="M{_n(coords[0][0])},{_n(coords[0][1])}{steps}"/>')
        if len(series) <= MARKERS_UP_TO:
            parts += [f'<circle class="rl-timeline__{name}" cx="{_n(cx)}" cy="{_n(cy)}" r="3">'
                      f'<title>{p.day}: {p.counts[index]} {attr(label.lower())}</title></circle>'
                      for (cx, cy), p in zip(coords, series)]
    parts += _end_labels(last, x(days[-1]), y)
    parts.append("</svg>")
    return "\n".join(parts)


def _axes(series: list[Point], days: list[int], top: int, x, y) -> list[str]:
    left, right, bottom = LEFT - 8, WIDTH - RIGHT + 8, HEIGHT - BOTTOM
    parts = [f'<line class="rl-timeline__axis" x1="{left}" y1="{bottom}" x2="{right}" '
             f'y2="{bottom}"/>',
             f'<line class="rl-timeline__axis" x1="{left}" y1="{bottom}" x2="{left}" y2="{TOP}"/>']
    step = 1 if top <= 5 else top // 4 if str(top)[0] == "2" else top // 5
    for value in range(0, top + 1, step):
        parts.append(f'<text class="rl-timeline__tick" x="{left - 6}" y="{_n(y(value) + 4)}" '
                     f'text-anchor="end">{value}</text>')
    for day in _day_ticks(days):
        label = date.fromordinal(day).isoformat()
        parts.append(f'<text class="rl-timeline__tick" x="{_n(x(day))}" y="{bottom + 18}" '
                     f'text-anchor="middle">{label}</text>')
    parts.append(f'<text class="rl-timeline__tick" x="{left}" y="{TOP - 6}">papers</text>')
    parts.append(f'<text class="rl-timeline__tick" x="{right}" y="{HEIGHT - 6}" '
                 'text-anchor="end">day of the commit</text>')
    return parts


def _day_ticks(days: list[int]) -> list[int]:
    """Up to five days spread evenly from the first to the last."""
    span = days[-1] - days[0]
    return list(dict.fromkeys(days[0] + round(span * i / 4) for i in range(5))) if span else \
        [days[0]]


def _end_labels(last: tuple[int, ...], right: float, y) -> list[str]:
    """Each line's final count beside its end, pushed apart when the counts are close."""
    placed: list[float] = []
    parts = []
    for index in sorted(range(len(SERIES)), key=lambda i: -last[i]):
        name, label = SERIES[index][:2]
        at = y(last[index]) + 4
        if placed and at < placed[-1] + 15:
            at = placed[-1] + 15
        placed.append(at)
        parts.append(f'<text class="rl-timeline__label rl-timeline__{name}-label" '
                     f'x="{_n(right + 8)}" y="{_n(at)}">{last[index]} {label.lower()}</text>')
    return parts


def _ceiling(value: int) -> int:
    """The smallest of 5, 10, 20, 50, 100, ... (or value itself, up to 5) at least value."""
    if value <= 5:
        return max(value, 1)
    bound = 5
    while bound < value:
        bound = bound * 2 if str(bound)[0] in "15" else bound * 5 // 2
    return bound
