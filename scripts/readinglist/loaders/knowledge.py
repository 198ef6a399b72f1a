"""The one entry point that reads the knowledge base: every loader, in one pass over the files."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from ..diagnostic import Diagnostic
from ..model import KnowledgeBase
from .bibliography import load_papers
from .memo import Memo
from .history import note_dates, read_history
from .notes import load_notes
from .pages import load_pages
from .proposals import load_proposals
from .snippets import find_snippets
from .taxonomy import load_sections, load_tags
from .tree import REFUSED_CODES, Tree, walk


# Forking pays for itself only when the bibliography takes longer to parse than a fork costs.
FORK_THRESHOLD = 1_000_000   # bytes of BibTeX, about 2,000 entries

# A file with one of these problems is skipped whole; checks that need all of it stay quiet.
UNREADABLE = frozenset({"yaml-syntax", "missing-front-matter", "unterminated-front-matter",
                        *REFUSED_CODES})


def load(root: Path, *, history: bool = True, parallel: bool = False,
         memo: Memo | None = None) -> tuple[KnowledgeBase, list[Diagnostic]]:
    """Read taxonomy/, bib/, notes/ and docs/ under root. Problems come back as diagnostics.

    history: also read the git history (one `git log`), which only the site shows.
    parallel: on a large list, read the notes and taxonomy in a forked process while this one
    parses the bibliography (for one-shot commands; a long-running server should not fork).
    memo: the parses of an earlier load, for a server that loads again after each save."""
    listing = walk(root)
    if parallel and _worth_forking(root, listing):
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            rest = pool.submit(_load_rest, root, listing)
            papers, broken, found = load_papers(root, listing)
            sections, tags, notes, diagnostics = rest.result()
    else:
        sections, tags, notes, diagnostics = _load_rest(root, listing, memo)
        papers, broken, found = load_papers(root, listing, memo)
    if memo is not None:
        memo.turn()
    diagnostics += found + list(listing.refused)
    unread = frozenset(d.path for d in diagnostics if d.code in UNREADABLE)
    past = read_history(root) if history else None
    dates = note_dates(root, past) if history else {}
    pages, found = load_pages(root, listing)
    proposals, more = load_proposals(root, listing)
    diagnostics += found + more
    snippets = find_snippets(root, [(n.path, n.body, n.body_line) for n in notes.values()]
                             + [(p.path, p.text, p.line) for p in pages])
    return (KnowledgeBase(sections, tags, papers, notes, broken, unread, dates, pages,
                          snippets, past, proposals), diagnostics)


def _load_rest(root: Path, listing: Tree, memo: Memo | None = None):
    """Everything but the bibliography: sections, tags, notes and their diagnostics."""
    sections, diagnostics = load_sections(root, listing, memo)
    tags, found = load_tags(root, listing)
    notes, more = load_notes(root, listing, memo)
    return sections, tags, notes, diagnostics + found + more


def _worth_forking(root: Path, listing: Tree) -> bool:
    bib_bytes = sum(os.lstat(root / path).st_size for path in listing.listed("bib", ".bib"))
    return (bib_bytes > FORK_THRESHOLD and (os.cpu_count() or 1) > 1
            and "fork" in multiprocessing.get_all_start_methods())
