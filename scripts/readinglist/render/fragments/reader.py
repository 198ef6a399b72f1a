"""What the reader's own map reads from a page: each row's facts as data attributes, the filter
form and the reader's progress, both hidden until docs/javascripts/reader.js shows them (with
scripts off a page is the full list, and no control is there that would do nothing)."""

from __future__ import annotations

from ...model import KnowledgeBase, Section, walk_topics
from ...model.papers import VENUE_KINDS
from ...model.schema import STATUSES
from ..markup import attr

STATUS_WORDS = {"to-read": "To read", "reading": "Reading", "read": "Read"}
VENUE_WORDS = {"journal": "Journal", "conference": "Conference", "preprint": "Preprint",
               "other": "Other"}
MINE_WORDS = {"read": "Read by me", "unread": "Not read by me"}


def row_data(kb: KnowledgeBase, key: str) -> str:
    """The data attributes a paper row carries for the filters; a paper without a note counts
    as to read, as on the progress page."""
    paper, note = kb.papers[key], kb.notes.get(key)
    values = {"key": key, "status": kb.status(key) or "to-read", "year": paper.year or "",
              "venue": paper.venue_kind, "tags": " ".join(note.tags) if note else "",
              "in": " ".join(kb.places(key))}
    return " ".join(f'data-{name}="{attr(value)}"' for name, value in values.items())


def filter_form(kb: KnowledgeBase, section: Section | None = None) -> str:
    """The filters of the bibliography (section None) or of one section page, one raw HTML
    block: every control named by its label, each group by its legend."""
    sections = (section,) if section else kb.sections
    lines = ['<form class="rl-filters" role="search" aria-label="Filter the papers" '
             'data-search-exclude hidden>',
             '<p class="rl-filters__count" role="status"></p>',
             '<details class="rl-filters__panel"><summary>Filter the papers</summary>',
             '<label class="rl-filters__q">Words in the title, authors or one-line sentence '
             '<input type="search" name="q" autocomplete="off"></label>',
             _boxes("Curator's status", "status", {s: STATUS_WORDS.get(s, s) for s in STATUSES}),
             _boxes("My reading", "mine", MINE_WORDS),
             _boxes("Kind of venue", "venue", {k: VENUE_WORDS[k] for k in VENUE_KINDS}),
             '<fieldset class="rl-filters__years"><legend>Years (ends included)</legend>',
             '<label>From <input type="number" name="from" min="1000" max="9999" '
             'inputmode="numeric"></label>',
             '<label>To <input type="number" name="to" min="1000" max="9999" '
             'inputmode="numeric"></label></fieldset>']
    if section is None:
        lines.append(_boxes("Section", "section", {s.id: s.title for s in kb.sections}))
    used = {tag for note in kb.notes.values() for tag in note.tags}
    lines += [_select("Topics", "topic", _topics(sections)),
              _select("Tags", "tag", {t.id: t.id for t in kb.tags if t.id in used}),
              '<button type="button" class="rl-filters__clear">Clear the filter</button>',
              '</details>',
              '<fieldset class="rl-marks"><legend>My reading marks, kept in this browser '
              'only</legend>',
              '<button type="button" class="rl-marks__export">Export my marks</button>',
              '<label class="rl-marks__import">Import marks from a file '
              '<input type="file" accept=".json,application/json"></label>',
              '<p class="rl-marks__message" role="status"></p></fieldset>',
              '</form>']
    return "\n".join(lines)


def mine_progress(keys: list[str]) -> str:
    """The reader's own progress over keys, beside the curator's bar: filled in the browser."""
    return (f'<div class="rl-meter rl-mine-progress" data-keys="{attr(" ".join(keys))}" hidden>'
            f'<div class="rl-bar" role="progressbar" aria-valuemin="0" '
            f'aria-valuemax="{len(keys)}" aria-valuenow="0" aria-label="Papers read by me">'
            '<span class="rl-bar__mine"></span></div>'
            '<span class="rl-bar__legend"></span></div>')


def _boxes(legend: str, name: str, choices: dict[str, str]) -> str:
    boxes = "".join(f'<label><input type="checkbox" name="{name}" value="{attr(value)}"> '
                    f'{attr(label)}</label>' for value, label in choices.items())
    return f'<fieldset class="rl-filters__{name}"><legend>{legend}</legend>{boxes}</fieldset>'


def _select(label: str, name: str, choices: dict[str, str]) -> str:
    options = "".join(f'<option value="{attr(value)}">{attr(text)}</option>'
                      for value, text in choices.items())
    return (f'<label class="rl-filters__{name}">{label} (any of; Ctrl or Shift to choose more) '
            f'<select name="{name}" multiple size="5">{options}</select></label>')


def _topics(sections) -> dict[str, str]:
    return {s.topic_ref(topic): " › ".join([s.title, *(t.title for t in (*trail, topic))])
            for s in sections for topic, trail in walk_topics(s.topics)}
