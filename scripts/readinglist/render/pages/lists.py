"""Pages that cut across sections: open questions, reading progress, bibliography, tags."""

from __future__ import annotations

from collections import Counter

from ...model import KnowledgeBase, Section, walk_topics
from ...model.schema import STATUSES
from ..index import Index
from ..fragments.proposals import LABEL, for_todo, proposal_block
from ..fragments.reader import filter_form
from ..fragments.rows import paper_row, question_row, todo_row
from ..markup import attr, front_matter, md
from ..figures.timeline import timeline_section
from ..uris import NEW_IN_THE_FIELD, rel, section_uri


def open_questions_page(kb: KnowledgeBase) -> str:
    here = "open-questions.md"
    parts = _header("Open questions", "Every line of the list that names no paper yet, and the "
                    "questions it asks, grouped by section and topic.")
    for section in kb.sections:
        topics = [(t, trail) for t, trail in walk_topics(section.topics)
                  if any(i.kind != "paper" for i in t.items)]
        if not topics:
            continue
        parts += [f"## {md(section.title)}", ""]
        for topic, trail in topics:
            title = " › ".join(md(t.title) for t in (*trail, topic))
            parts += [f"### [{title}]({rel(here, section_uri(section.id), topic.id)})", ""]
            for item in topic.items:
                if item.kind == "todo":
                    below = proposal_block(kb, for_todo(kb, item), here)
                    parts += [todo_row(kb, item, here, below), ""]
                elif item.kind == "question":
                    parts += [question_row(item), ""]
    return "\n".join(parts)


def progress_page(kb: KnowledgeBase) -> str:
    here = "progress.md"
    parts = _header("Reading progress", "Papers by the status of their note: read, reading, or "
                    "still to read (a paper without a note counts as to read).")
    parts += timeline_section(kb.history)
    for section in kb.sections:
        parts += [f"## [{md(section.title)}]({rel(here, section_uri(section.id))})", "",
                  progress_bar(kb, section.listed_keys()), ""]
        parts += _suggestion_count(kb, section)
        for topic, trail in walk_topics(section.topics):
            keys = topic.listed_keys()
            if keys:
                title = " › ".join(md(t.title) for t in (*trail, topic))
                link = rel(here, section_uri(section.id), topic.id)
                parts += [f'<div class="rl-progress-row" markdown>[{title}]({link})', "",
                          progress_bar(kb, keys), "</div>", ""]
    return "\n".join(parts)


def _suggestion_count(kb: KnowledgeBase, section: Section) -> list[str]:
    ours = section.unlisted_suggestions()
    if not ours:
        return []
    read = sum(kb.status(k) == "read" for k in ours)
    return [f'<p class="rl-suggestions__count">Not counted above: {len(ours)} '
            f'{"paper" if len(ours) == 1 else "papers"} we suggest for the curator\'s open lines '
            f'and empty topics ({read} read).</p>', ""]


def _header(title: str, lead: str) -> list[str]:
    return [front_matter(title=title), f"# {title}", "", lead, ""]


def progress_bar(kb: KnowledgeBase, keys: list[str]) -> str:
    counts = Counter(kb.status(key) or "to-read" for key in keys)
    total = len(keys)
    if not total:
        return ('<div class="rl-meter"><span class="rl-bar__legend">No papers listed yet.'
                '</span></div>')
    summary = ", ".join(f"{counts[s]} {s.replace('-', ' ')}" for s in reversed(STATUSES))
    label = f"{summary} (of {total})"
    segments = "".join(
        f'<span class="rl-bar__{s}" style="width: {100 * counts[s] / total:.1f}%"></span>'
        for s in reversed(STATUSES) if counts[s])
    # A progress bar whose value is the papers read; its text says all three counts.
    return (f'<div class="rl-meter"><div class="rl-bar" role="progressbar" aria-valuemin="0" '
            f'aria-valuemax="{total}" aria-valuenow="{counts["read"]}" '
            f'aria-valuetext="{attr(label)}" aria-label="Papers read" '
            f'title="{attr(label)}">{segments}</div>'
            f'<span class="rl-bar__legend">{attr(label)}</span></div>')


def bibliography_page(kb: KnowledgeBase, index: Index) -> str:
    here = "bibliography.md"
    mapped = kb.mapped_keys()
    proposed = [p.key for p in kb.proposals.newest() if p.key in kb.papers and p.key not in mapped]
    counted = len(kb.papers) - len(proposed)
    also = f", then the {len(proposed)} the citation graph proposes" if proposed else ""
    parts = _header("Bibliography", f"All {counted} papers in the order of the map{also}. "
                    "Download them as [BibTeX](references.bib) or as [JSON](readinglist.json) "
                    "(the format other tools read). Each row links to its paper's BibTeX.")
    parts += [filter_form(kb), ""]
    seen: set[str] = set(proposed)
    for section in kb.sections:
        keys = [k for k in section.listed_keys() if k in kb.papers and k not in seen]
        seen.update(keys)
        ours = [k for k in section.suggested_keys() if k in kb.papers and k not in seen]
        seen.update(ours)
        if keys or ours:
            parts += [f"## {md(section.title)}", ""]
        parts += [row for key in keys for row in (paper_row(kb, key, here, bibtex=False), "")]
        if ours:
            parts += ['<p class="rl-suggestions__label">Our suggestions in this section, not '
                      'the curator\'s picks</p>', ""]
            parts += [row for key in ours for row in (
                paper_row(kb, key, here, css="rl-paper rl-paper--suggested", bibtex=False),
                "")]
    rest = sorted(set(kb.papers) - seen)
    if rest:
        parts += ["## Not yet in a topic", ""] + [paper_row(kb, k, here, bibtex=False) + "\n"
                                                  for k in rest]
    return "\n".join(parts + _proposed(kb, proposed, here))


def _proposed(kb: KnowledgeBase, keys: list[str], here: str) -> list[str]:
    """Proposals last, under their own heading: in bib/, not yet on the map."""
    if not keys:
        return []
    parts = [f"## {LABEL}", "",
             '<p class="rl-suggestions__label" markdown>Not the curator\'s picks: proposals '
             f'waiting for review, newest first (see [New in the field]'
             f'({rel(here, NEW_IN_THE_FIELD)}))</p>', ""]
    return parts + [row for key in keys for row in (
        paper_row(kb, key, here, css="rl-paper rl-paper--proposed", bibtex=False), "")]


def tags_page(kb: KnowledgeBase) -> str:
    described = "\n".join(f"- `{t.id}`: {md(t.description)}" for t in kb.tags if t.description)
    return "\n".join([front_matter(title="Tags", search={"exclude": True}), "# Tags", "",
                      "Papers by tag. The tags a note may carry are listed in "
                      "`taxonomy/tags.yml`:", "", described, "", "<!-- material/tags -->", ""])
