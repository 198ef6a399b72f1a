"""What a saved file changes among the rendered pages, so that serving renders only those.

A note reaches other pages through its front matter, the keys it cites, its one-line sentence
and the labels of its link definitions (the plain one-line sentence resolves them); the rest of
its text reaches its own paper page only. So when two knowledge bases differ in nothing but
such text, every page except those papers' renders the same.

A paper page reads of the taxonomy only where the paper is listed and what stands beside it,
where it is suggested, and the places of its neighbours in the reading order (its connections
figure); a proposal's page also reads where it would sit. So when two knowledge bases differ
in their sections alone, a page whose paper sees all of that the same renders the same.

A paper's row (section pages, bibliography) reads of the taxonomy only where the paper is
placed, which the rows' memo keys them by (render/fragments/rows.py): after either edit, the
rows made for the old knowledge base hold for the new.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import KnowledgeBase, Note
from ..text.plain import link_labels
from .index import Index
from .markup import Lists
from .fragments.rows import row_memo
from .pages.papers import paper_page
from .uris import paper_uri


def text_edits(old: KnowledgeBase, new: KnowledgeBase) -> frozenset[str] | None:
    """The keys of the notes whose text alone changed from old to new; None when anything
    else changed (a file added or removed, a front matter, a citation, the taxonomy, ...)."""
    if old.notes.keys() != new.notes.keys():
        return None
    changed = frozenset(k for k, note in new.notes.items() if note != old.notes[k])
    if any(_reach(old.notes[k]) != _reach(new.notes[k]) for k in changed):
        return None
    unchanged = replace(new, notes={**new.notes, **{k: old.notes[k] for k in changed}},
                        _derived={})
    return changed if unchanged == old else None


def sections_only(old: KnowledgeBase, new: KnowledgeBase) -> bool:
    """Whether the two differ in nothing but their taxonomy's sections."""
    return replace(new, sections=old.sections, _derived={}) == old


def hand_on_rows(old: KnowledgeBase, new: KnowledgeBase, edits: frozenset[str] | None) -> None:
    """new takes old's rows when only the notes' text (edits: text_edits(old, new)) or only
    the sections changed."""
    if edits is not None or sections_only(old, new):
        new.share(old, row_memo)


def paper_pages(kb: KnowledgeBase, keys: frozenset[str], index: Index,
                lists: Lists) -> dict[str, str]:
    """The pages of the papers named, as render(kb, index, lists=lists) has them."""
    return {paper_uri(k): paper_page(kb, k, index, lists) for k in sorted(keys)
            if k in kb.papers}


def same_papers(old: KnowledgeBase, new: KnowledgeBase, before: Index,
                after: Index) -> frozenset[str]:
    """The keys whose paper pages render the same for new (indexed as after) as for old
    (indexed as before); none unless the two differ in their taxonomy's sections alone."""
    if not sections_only(old, new):
        return frozenset()
    proposed = new.proposals.keys()
    return frozenset(k for k in new.papers if k not in proposed
                     and _view(before, k) == _view(after, k))


def _view(index: Index, key: str) -> tuple:
    """What a paper page reads of the taxonomy through the index."""
    graph = index.graph
    listed = tuple((p.section.id, p.section.title, _topics(p.trail), index.around(p))
                   for p in index.listings.get(key, ()))
    suggested = tuple((s.id, s.title, _topics(topics)) for s, topics in
                      index.suggested.get(key, ()))
    cites, cited_by = graph.cites.get(key, ()), graph.cited_by.get(key, ())
    near = sorted({key, *cites, *cited_by}, key=lambda k: graph.rank.get(k, -1))
    return listed, suggested, cites, cited_by, tuple((k, graph.groups.get(k)) for k in near)


def _topics(trail) -> tuple:
    return tuple((t.id, t.title) for t in trail)


def _reach(note: Note) -> tuple:
    """Everything of a note that pages other than its paper's read (positions included: they
    move only when the front matter does)."""
    return (replace(note, body="", body_line=0, citations=(), oneline=None),
            tuple(c.key for c in note.citations),
            note.oneline.text if note.oneline else None, link_labels(note.body))
