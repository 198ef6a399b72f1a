"""Reading progress in numbers, per section and for the whole list: what `readinglist stats`
prints. Papers are the curator's picks; our suggestions are counted apart, as on /progress/."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from ..model import KnowledgeBase, walk_topics


@dataclass(frozen=True)
class Tally:
    section: str
    papers: int          # listed by the curator, each counted once
    read: int
    reading: int
    to_read: int         # a paper without a note counts as to read
    notes: int           # papers whose note has its one-line sentence written
    todos: int
    questions: int
    suggested: int       # our suggestions not listed by the curator
    suggested_read: int

    def as_json(self) -> dict:
        return {key.replace("_", "-"): value for key, value in asdict(self).items()}


def tallies(kb: KnowledgeBase) -> list[Tally]:
    """One tally per section in taxonomy order, then one for the whole list."""
    rows, everything = [], {"papers": [], "suggested": [], "items": []}
    for section in kb.sections:
        keys = section.listed_keys()
        ours = section.unlisted_suggestions()
        items = [item for topic, _ in walk_topics(section.topics) for item in topic.items]
        rows.append(_tally(kb, section.title, keys, ours, items))
        everything["papers"] += keys
        everything["suggested"] += ours
        everything["items"] += items
    listed = list(dict.fromkeys(everything["papers"]))
    ours = [key for key in dict.fromkeys(everything["suggested"]) if key not in listed]
    return rows + [_tally(kb, "All sections", listed, ours, everything["items"])]


def _tally(kb: KnowledgeBase, name: str, keys: list[str], ours: list[str], items) -> Tally:
    statuses = [kb.status(key) or "to-read" for key in keys]
    written = [key for key in keys if key in kb.notes and kb.notes[key].oneline_markdown]
    return Tally(name, len(keys), statuses.count("read"), statuses.count("reading"),
                 statuses.count("to-read"), len(written),
                 sum(item.kind == "todo" for item in items),
                 sum(item.kind == "question" for item in items),
                 len(ours), sum(kb.status(key) == "read" for key in ours))


HEADER = ("section", "papers", "read", "reading", "to read", "notes", "todos", "questions",
          "suggested")


def table(rows: list[Tally]) -> str:
    """A plain-text table, columns aligned, the whole list last under a rule."""
    cells = [HEADER] + [(t.section, *map(str, (t.papers, t.read, t.reading, t.to_read, t.notes,
                                             t.todos, t.questions)),
                         f"{t.suggested} ({t.suggested_read} read)") for t in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(HEADER))]

    def line(row) -> str:
        return "  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                         for i, (cell, w) in enumerate(zip(row, widths))).rstrip()

    rule = "-" * len(line(cells[0]))
    return "\n".join([line(cells[0]), rule, *map(line, cells[1:-1]), rule, line(cells[-1])]) + "\n"
