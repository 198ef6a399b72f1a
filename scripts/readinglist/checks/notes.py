"""Checks of the notes: the paper each belongs to, its status, tags and citations."""

from __future__ import annotations

import re
from typing import Iterable

from ..diagnostic import Diagnostic, error, warning
from ..model import KnowledgeBase
from ..model.schema import STATUSES
from ..text.prose import prose_lines

WHY = "Why it is here"
_WHY_HEADING = re.compile(rf"^ {{0,3}}#{{1,6}}[ \t]+{WHY}[ \t]*#*[ \t]*$", re.IGNORECASE)


def check_orphan_note(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for note in kb.notes.values():
        if not kb.known(note.key):
            yield error(note.path, 1, 1, "orphan-note", f"note '{note.key}' names no entry in "
                        "bib/; rename the file to its paper's key or add the entry")


def check_unknown_status(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for note in kb.notes.values():
        if note.status is not None and note.status not in STATUSES:
            yield error(*note.status_at, "unknown-status",
                        f"status '{note.status}' is not one of {', '.join(STATUSES)}")


def check_unknown_tag(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    known = {tag.id for tag in kb.tags}
    if not kb.complete("taxonomy/tags.yml"):
        return
    for note in kb.notes.values():
        for tag, at in zip(note.tags, note.tags_at):
            if tag not in known:
                yield error(*at, "unknown-tag", f"tag '{tag}' is "
                            f"not in taxonomy/tags.yml (known: {', '.join(sorted(known))}); "
                            "use one of them or add it there")


def check_unknown_citation(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for note in kb.notes.values():
        for citation in note.citations:
            if not kb.known(citation.key):
                yield error(note.path, citation.line, citation.col, "unknown-citation",
                            f"citation '@{citation.key}' names no entry in bib/; fix the key "
                            "or add the paper")


def check_missing_why(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for note in kb.notes.values():
        if not kb.complete(note.path):   # its front matter could not be read: reported already
            continue
        lines = note.body.split("\n")
        if not any(_WHY_HEADING.match(lines[index]) for index in prose_lines(lines)):
            yield warning(note.path, note.line, 1, "missing-why", f"note '{note.key}' has no "
                          f"'## {WHY}' section; say there where the paper sits in the map and "
                          "what it adds")
