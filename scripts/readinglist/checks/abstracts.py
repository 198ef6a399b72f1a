"""Checks of the `abstract` field: plain text with LaTeX math, never markup, of a sane length.

The site shows an abstract as escaped text, so markup in one cannot run; it would still show as
literal tags, and it says the text was copied from a web page rather than from arXiv's feed.
`abstract_problems` is also what `add` and `abstracts` use to refuse a fetched abstract.
"""

from __future__ import annotations

import re
from heapq import merge
from itertools import islice
from typing import Iterable, NamedTuple

from ..diagnostic import Diagnostic, error, warning
from ..model import KnowledgeBase, Paper
from ..text.latex import MATH

MAX_CHARACTERS = 5_000   # arXiv allows 1,920; a journal's structured abstract runs longer
MAX_FINDINGS = 10        # markup reported per abstract

_TAG = re.compile(r"<(/?[A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>|<!--|<!\[CDATA\[|<\?")
_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]{1,31});")
_SCRIPT_URL = re.compile(r"\b(?:javascript|vbscript|livescript)\s*:|\bdata:[a-z]+/", re.I)
_MARKUP = (("<", _TAG), ("&", _REFERENCE), (":", _SCRIPT_URL))   # each with a character it needs
_DOLLAR = re.compile(r"(?<!\\)\$\$?")


class Problem(NamedTuple):
    offset: int          # in the field's value
    code: str
    message: str
    severity: str = "error"


def check_markup_in_abstract(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _report(kb, _markup)


def check_unbalanced_math(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _report(kb, _unbalanced)


def check_long_abstract(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _report(kb, _length)


def abstract_problems(text: str) -> list[Problem]:
    """What is wrong with an abstract's BibTeX value, each with its offset in the value."""
    return sorted(_length(text) + _markup(text) + _unbalanced(text))


def _length(text: str) -> list[Problem]:
    if len(text) <= MAX_CHARACTERS:
        return []
    return [Problem(0, "long-abstract", f"abstract is {len(text):,} characters long; keep it "
                    f"under {MAX_CHARACTERS:,} (arXiv's are at most 1,920)", "warning")]


def _markup(text: str) -> list[Problem]:
    # Most abstracts hold no markup even counting their math ($a < b$): no need to look closer.
    if not any(mark in text and pattern.search(text) for mark, pattern in _MARKUP):
        return []
    prose = MATH.sub(lambda m: " " * len(m.group(0)), text)
    found = merge(*(p.finditer(prose) for _, p in _MARKUP), key=lambda m: m.start())
    shown = list(islice(found, MAX_FINDINGS + 1))   # a pasted web page: its first few tags
    more = "; and more after it" if len(shown) > MAX_FINDINGS else ""
    return [Problem(m.start(), "markup-in-abstract", f"abstract carries {_what(m.group(0))}; "
                    f"an abstract is plain text with LaTeX math: remove the markup"
                    + (more if i == MAX_FINDINGS - 1 else ""))
            for i, m in enumerate(shown[:MAX_FINDINGS])]


def _unbalanced(text: str) -> list[Problem]:
    unclosed = _unclosed_dollar(text) if "$" in text else None
    if unclosed is None:
        return []
    return [Problem(unclosed, "unbalanced-math", "abstract opens math with '$' that is never "
                    "closed; close it, or write \\$ for a dollar sign", "warning")]


def _what(markup: str) -> str:
    if markup.startswith("<"):
        return f"the HTML '{markup[:40]}'"
    if markup.startswith("&"):
        return f"the HTML character reference '{markup}'"
    return f"the script URL '{markup}'"


def _unclosed_dollar(text: str) -> int | None:
    """Offset of a $ or $$ that opens math and is never closed, if there is one."""
    opened: re.Match | None = None
    for dollar in _DOLLAR.finditer(text):
        if opened is None:
            opened = dollar
        elif dollar.group(0) == opened.group(0):
            opened = None
    return opened.start() if opened else None


def _report(kb: KnowledgeBase, find) -> Iterable[Diagnostic]:
    for paper in kb.papers.values():
        field = paper.field("abstract")
        for problem in find(field.value) if field else ():
            line, col = value_position(paper, field, problem.offset)
            make = warning if problem.severity == "warning" else error
            yield make(paper.path, line, col, problem.code,
                       f"entry '{paper.key}': {problem.message}")


def value_position(paper: Paper, field, offset: int) -> tuple[int, int]:
    """Line and column in the file of a character of the field's value (its name's position
    when the value is not written out: a macro or a concatenation)."""
    lines = paper.raw.split("\n")
    row = field.line - paper.line
    start = sum(len(line) + 1 for line in lines[:row])
    at = paper.raw.find(field.value, start) if 0 <= row < len(lines) else -1
    if at < 0:   # a macro or a concatenation: point at the field's name
        return field.line, paper.column(field)
    before = paper.raw[:at + offset]
    line = paper.line + before.count("\n")
    return line, len(before) - before.rfind("\n")
