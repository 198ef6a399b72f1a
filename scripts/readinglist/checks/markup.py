"""Checks of what notes and docs pages would put on the site: HTML, links, attribute lists."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..diagnostic import Diagnostic, error
from ..knowledge import KnowledgeBase
from ..markup import Finding, scan


def check_unsafe_html(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _findings(kb, "unsafe-html")


def check_unsafe_link(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _findings(kb, "unsafe-link")


def check_unsafe_attribute(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _findings(kb, "unsafe-attribute")


def _findings(kb: KnowledgeBase, code: str) -> Iterator[Diagnostic]:
    for path, finding in _scanned(kb):
        if finding.code == code:
            yield error(path, finding.line, finding.col, finding.code, finding.message)


def _scanned(kb: KnowledgeBase) -> Iterator[tuple[str, Finding]]:
    for note in kb.notes.values():
        for finding in scan(note.body, note.body_line):
            yield note.path, finding
    for page in kb.pages:
        for finding in scan(page.text, page.line):
            yield page.path, finding
