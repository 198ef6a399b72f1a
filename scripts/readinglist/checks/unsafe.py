"""Checks of what notes and docs pages would put on the site: HTML, links, attribute lists."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..diagnostic import Diagnostic, error
from ..model import KnowledgeBase
from .allowlist import UnsafeMarkup, scan


def check_unsafe_html(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _findings(kb, "unsafe-html")


def check_unsafe_link(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _findings(kb, "unsafe-link")


def check_unsafe_attribute(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _findings(kb, "unsafe-attribute")


def _findings(kb: KnowledgeBase, code: str) -> Iterator[Diagnostic]:
    for path, finding in kb.derived(unsafe_markup):
        if finding.code == code:
            yield error(path, finding.line, finding.col, finding.code, finding.message)


def unsafe_markup(kb: KnowledgeBase) -> tuple[tuple[str, UnsafeMarkup], ...]:
    """Unsafe markup in notes and pages: found in one pass, reported by three checks."""
    return tuple((path, finding) for path, text, first in kb.texts()
                 for finding in scan(text, first))
