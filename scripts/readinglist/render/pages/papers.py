"""Paper pages: metadata, BibTeX, the note with its citations linked, where it is listed."""

from __future__ import annotations

import re

from ...model import KnowledgeBase, Placement
from ...text.latex import decode
from ...text.prose import prose_lines
from ..fragments.annotations import abstract_section, oneline_plain
from ..fragments.citations import link_citations
from ..fragments.proposals import proposal_notice
from ..index import Index, Trail
from ..figures.neighbours import local_view
from ..fragments.rows import bibtex_block, buttons, byline
from ..markup import Lists, attr, front_matter, md
from ..uris import paper_uri, rel, section_uri

_HEADING = re.compile(r"^(#{1,5})(\s)")


def paper_page(kb: KnowledgeBase, key: str, index: Index, lists: Lists = Lists()) -> str:
    paper, note = kb.papers[key], kb.notes.get(key)
    here = paper_uri(key)
    tags = list(note.tags) if note else None
    parts = [front_matter(title=paper.title, tags=tags or None, oneline=oneline_plain(kb, key)),
             f"# {md(paper.title)}", "",
             f'<div class="rl-meta" data-key="{attr(key)}" markdown>', byline(kb, key),
             *_published_as(paper), "",
             buttons(kb, key), "{ data-search-exclude }", "</div>", ""]
    parts += proposal_notice(kb, key, here)
    parts += _listed_under(kb, index.listings.get(key, ()), index, here, lists)
    parts += _suggested_under(index.suggested.get(key, ()), here)
    parts += abstract_section(kb, key)
    parts += ["## BibTeX { data-search-exclude }", "", bibtex_block(paper.raw), ""]
    if note is not None:
        parts += ["## Note", "", *_unverified(note), _note_body(kb, note.body, here), ""]
    parts += local_view(index, key, here)
    parts += _cited_in(kb, index.cited_in.get(key, ()), here)
    return "\n".join(parts)


def _listed_under(kb: KnowledgeBase, listings: tuple[Placement, ...], index: Index,
                  here: str, lists: Lists) -> list[str]:
    if not listings:
        return []
    items = []
    for placement in listings:
        page = section_uri(placement.section.id)
        crumbs = [lists.link(here, page, placement.section.title)]
        crumbs += [lists.link(here, page, t.title, t.id) for t in placement.trail]
        items.append(" › ".join(crumbs) + _previous_next(kb, index.around(placement), here, lists))
    return ["## Listed under { data-search-exclude }", "", *lists.lines("rl-listed", items), ""]


def _published_as(paper) -> list[str]:
    """The venue's title, when the paper was published under another one than its preprint's."""
    published = paper.get("pubtitle")
    return [f'<span class="rl-pubtitle">Published as “{md(decode(published))}”</span>'] \
        if published else []


def _suggested_under(trails: tuple[Trail, ...], here: str) -> list[str]:
    if not trails:
        return []
    lines = ["## Suggested under { data-search-exclude }", "",
             "Our suggestion for these places on the map, not the curator's pick:", ""]
    for section, topics in trails:
        page = section_uri(section.id)
        crumbs = [f"[{md(section.title)}]({rel(here, page)})"]
        crumbs += [f"[{md(t.title)}]({rel(here, page, t.id)})" for t in topics]
        lines.append(f'- {" › ".join(crumbs)}')
    return lines + [""]


def _previous_next(kb: KnowledgeBase, around: tuple[str | None, str | None], here: str,
                   lists: Lists) -> str:
    """Previous and next paper along the section's reading order."""
    before, after = around
    links = []
    if before:
        links.append(lists.link(here, paper_uri(before), f"← {kb.papers[before].title}",
                                css="rl-prev"))
    if after:
        links.append(lists.link(here, paper_uri(after), f"{kb.papers[after].title} →",
                                css="rl-next"))
    return lists.line_break + " · ".join(links) if links else ""


def _note_body(kb: KnowledgeBase, body: str, here: str) -> str:
    return _demote(link_citations(kb, body, here))


def _unverified(note) -> list[str]:
    """What the note's author could not check against a source, said before the note."""
    if not note.unverified:
        return []
    return ['!!! warning "Not checked against a source"', ""] + [
        f"    - {md(item)}" for item in note.unverified] + [""]


def _demote(body: str) -> str:
    """Note headings one level down, so they sit under the page's "Note" heading."""
    lines = body.split("\n")
    for index in prose_lines(lines):
        lines[index] = _HEADING.sub(r"#\1\2", lines[index])
    return "\n".join(lines)


def _cited_in(kb: KnowledgeBase, citing: tuple[str, ...], here: str) -> list[str]:
    if not citing:
        return []
    return ["## Cited in { data-search-exclude }", ""] + [
        f"- [{md(kb.papers[k].title)}]({rel(here, paper_uri(k))})" for k in citing] + [""]
