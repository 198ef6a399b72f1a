"""Checks of the taxonomy: ids, items and the papers they name."""

from __future__ import annotations

import re
from typing import Iterable

from ..diagnostic import Diagnostic, error
from ..model import KnowledgeBase, walk_topics

KEBAB = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def check_invalid_id(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    named = [(t.id, t.path, t.line, t.col, "topic") for s in kb.sections
             for t, _ in walk_topics(s.topics)]
    named += [(t.id, t.path, t.line, t.col, "tag") for t in kb.tags]
    for value, path, line, col, what in named:
        if not KEBAB.match(value):
            suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-") or "my-topic"
            yield error(path, line, col, "invalid-id", f"{what} id '{value}' is not kebab-case "
                        f"(lowercase words joined by '-'); write '{suggestion}'")


def check_duplicate_id(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    groups = [[t for t, _ in walk_topics(s.topics)] for s in kb.sections] + [list(kb.tags)]
    for group in groups:
        first = {}
        for thing in group:
            if thing.id in first:
                yield error(thing.path, thing.line, thing.col, "duplicate-id",
                            f"id '{thing.id}' is already used on line {first[thing.id]}; "
                            "ids are unique within a file")
            else:
                first[thing.id] = thing.line


def check_unknown_paper(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for key, at in kb.references():
        if not kb.known(key):
            yield error(*at, "unknown-paper", f"paper '{key}' is not in "
                        f"bib/; add its entry or fix the key{_close(key, kb.papers)}")


def check_duplicate_item(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for section in kb.sections:
        for topic, _ in walk_topics(section.topics):
            seen = {}
            for item in topic.items:
                if (item.kind, item.text) in seen:
                    yield error(item.path, item.line, item.col, "duplicate-item",
                                f"{item.kind} '{item.text}' is already listed in topic "
                                f"'{topic.id}' on line {seen[item.kind, item.text]}; remove one")
                else:
                    seen[item.kind, item.text] = item.line


def _close(key: str, known: dict) -> str:
    lowered = {k.lower(): k for k in known}
    if key.lower() in lowered:
        return f" (did you mean '{lowered[key.lower()]}'?)"
    return ""
