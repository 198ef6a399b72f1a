"""Checks of Markdown that the site renders other than it reads (the traps in checks/traps.py),
found once per knowledge base and reported by three checks."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from ..diagnostic import Diagnostic, warning
from ..model import KnowledgeBase
from .traps import Trap, traps


def check_list_after_paragraph(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _report(kb, "list-after-paragraph")


def check_shallow_nested_list(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _report(kb, "shallow-nested-list")


def check_heading_without_space(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _report(kb, "heading-without-space")


def _report(kb: KnowledgeBase, code: str) -> Iterator[Diagnostic]:
    for path, trap in kb.derived(markdown_traps):
        if trap.code == code:
            yield warning(path, trap.line, trap.col, trap.code, trap.message)


def markdown_traps(kb: KnowledgeBase) -> tuple[tuple[str, Trap], ...]:
    """Python-Markdown's traps in notes and pages: found in one pass, reported by three checks."""
    return tuple((path, trap) for path, text, first in kb.texts() for trap in _traps(text, first))


@lru_cache(maxsize=16384)
def _traps(text: str, first: int) -> tuple[Trap, ...]:
    """traps() of one text, kept: a serving process checks every note again on each save."""
    return tuple(traps(text, first))
