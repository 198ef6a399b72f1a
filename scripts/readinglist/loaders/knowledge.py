"""The knowledge base: everything the loaders read, and the one entry point that reads it."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterator

from ..diagnostic import Diagnostic
from .allowlist import Finding, scan
from .bibliography import Paper, load_papers
from .history import History, note_dates, read_history
from .notes import Note, load_notes
from .pages import Page, load_pages
from .shape import FieldText
from .snippets import Snippet, find_snippets
from .taxonomy import Item, Section, Tag, Topic, load_sections, load_tags, walk_topics
from .traps import Trap, traps
from .tree import REFUSED_CODES, Tree, walk


# Forking pays for itself only when the bibliography takes longer to parse than a fork costs.
FORK_THRESHOLD = 1_000_000   # bytes of BibTeX, about 2,000 entries

# A file with one of these problems is skipped whole; checks that need all of it stay quiet.
UNREADABLE = frozenset({"yaml-syntax", "missing-front-matter", "unterminated-front-matter",
                        *REFUSED_CODES})


@dataclass(frozen=True)
class Placement:
    """Where an item sits: its section and the trail of topics down to it."""

    section: Section
    trail: tuple[Topic, ...]
    item: Item


@dataclass(frozen=True)
class KnowledgeBase:
    sections: tuple[Section, ...]
    tags: tuple[Tag, ...]
    papers: dict[str, Paper]
    notes: dict[str, Note]
    broken_keys: frozenset[str] = frozenset()  # keys of entries that failed to parse
    unread: frozenset[str] = frozenset()       # files that could not be parsed at all
    note_dates: dict[str, str] = field(default_factory=dict)  # note path -> last change
    pages: tuple[Page, ...] = ()                                # hand-written docs pages
    snippets: tuple[Snippet, ...] = ()                          # in notes and pages, judged
    history: History | None = None                              # git history, if read and any

    def placements(self) -> Iterator[Placement]:
        """Every item of the taxonomy in reading order."""
        for section in self.sections:
            for topic, trail in walk_topics(section.topics):
                for item in topic.items:
                    yield Placement(section, trail + (topic,), item)

    @cached_property
    def markup_findings(self) -> tuple[tuple[str, Finding], ...]:
        """Unsafe markup in notes and pages: found in one pass, reported by three checks."""
        return self._in_texts(scan)

    @cached_property
    def markdown_traps(self) -> tuple[tuple[str, Trap], ...]:
        """Python-Markdown's traps in notes and pages: found in one pass, reported by three checks."""
        return self._in_texts(traps)

    def _in_texts(self, find) -> tuple:
        """(path, thing) for everything find(text, first line) returns in notes and pages."""
        found = [(note.path, thing) for note in self.notes.values()
                 for thing in find(note.body, note.body_line)]
        found += [(page.path, thing) for page in self.pages for thing in find(page.text, page.line)]
        return tuple(found)

    def taxonomy_texts(self) -> Iterator[FieldText]:
        """Every text the taxonomy files hold, with its position, in file order."""
        for section in self.sections:
            yield from section.texts
        for tag in self.tags:
            yield from tag.texts

    def known(self, key: str) -> bool:
        """A key in bib/, or one whose entry is broken (and already reported)."""
        return key in self.papers or key in self.broken_keys

    def complete(self, prefix: str) -> bool:
        """Whether every file under prefix (e.g. 'taxonomy/') could be read."""
        return not any(path.startswith(prefix) or prefix.startswith(f"{path}/")
                       for path in self.unread)

    def listed_keys(self) -> set[str]:
        return {p.item.text for p in self.placements() if p.item.kind == "paper"}

    def references(self) -> Iterator[tuple[str, str, int, int]]:
        """Every paper key the taxonomy names, as (key, path, line, col): the curator's items,
        a todo's candidates, a topic's suggestions and a section's source."""
        for placement in self.placements():
            item = placement.item
            if item.kind == "paper":
                yield item.text, item.path, item.line, item.col
            yield from ((c.value, item.path, c.line, c.col) for c in item.candidates)
        for section in self.sections:
            if section.source is not None:
                yield section.source.value, section.path, section.source.line, section.source.col
            for topic, _ in walk_topics(section.topics):
                yield from ((s.value, topic.path, s.line, s.col) for s in topic.suggestions)


def load(root: Path, *, history: bool = True,
         parallel: bool = False) -> tuple[KnowledgeBase, list[Diagnostic]]:
    """Read taxonomy/, bib/, notes/ and docs/ under root. Problems come back as diagnostics.

    history: also read the git history (one `git log`), which only the site shows.
    parallel: on a large list, read the notes and taxonomy in a forked process while this one
    parses the bibliography (for one-shot commands; a long-running server should not fork)."""
    listing = walk(root)
    if parallel and _worth_forking(root, listing):
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            rest = pool.submit(_load_rest, root, listing)
            papers, broken, found = load_papers(root, listing)
            sections, tags, notes, diagnostics = rest.result()
    else:
        sections, tags, notes, diagnostics = _load_rest(root, listing)
        papers, broken, found = load_papers(root, listing)
    diagnostics += found + list(listing.refused)
    unread = frozenset(d.path for d in diagnostics if d.code in UNREADABLE)
    past = read_history(root) if history else None
    dates = note_dates(root, past) if history else {}
    pages, found = load_pages(root, listing)
    diagnostics += found
    snippets = find_snippets(root, [(n.path, n.body, n.body_line) for n in notes.values()]
                             + [(p.path, p.text, p.line) for p in pages])
    return (KnowledgeBase(sections, tags, papers, notes, broken, unread, dates, pages,
                          snippets, past), diagnostics)


def _load_rest(root: Path, listing: Tree):
    """Everything but the bibliography: sections, tags, notes and their diagnostics."""
    sections, diagnostics = load_sections(root, listing)
    tags, found = load_tags(root, listing)
    notes, more = load_notes(root, listing)
    return sections, tags, notes, diagnostics + found + more


def _worth_forking(root: Path, listing: Tree) -> bool:
    bib_bytes = sum(os.lstat(root / path).st_size for path in listing.listed("bib", ".bib"))
    return (bib_bytes > FORK_THRESHOLD and (os.cpu_count() or 1) > 1
            and "fork" in multiprocessing.get_all_start_methods())
