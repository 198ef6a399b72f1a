"""Checks of the values bib/ and taxonomy/ put on pages: links a browser would run, and markup.

The site shows every such value as escaped text and links only to web addresses, so neither can
run; but a pull request carrying them is hostile or pasted from a web page, and the contributor
should hear so from `check`, at the value, rather than from a failed deploy.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator

from ..diagnostic import Diagnostic, error
from ..model import FieldText, KnowledgeBase, Paper
from ..text.identifiers import LINK_FIELDS, is_web_url
from ..text.prose import tags_outside_math
from .abstracts import value_position

_URL_COMMAND = re.compile(r"\\(?:url|href)\s*\{([^{}]*)\}")
_SHOWN = 40


def check_unsafe_url(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for paper in kb.papers.values():
        for field in paper.fields:
            for offset, url in _urls(field.name, field.value):
                if not is_web_url(url):
                    line, col = value_position(paper, field, offset)
                    yield error(paper.path, line, col, "unsafe-url", f"entry '{paper.key}': "
                                f"{field.name} '{_shown(url.strip())}' is not a web address; "
                                "a link on the site is http:// or https:// only: write the "
                                "page's full https:// address")


def check_markup_in_field(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    for paper in kb.papers.values():
        yield from _paper_markup(paper)
    for text in kb.taxonomy_texts():
        offset = _markup_at(text.value)
        if offset is not None:
            line, col = _text_position(text, offset)
            yield error(text.path, line, col, "markup-in-field", f"{text.what} carries the "
                        f"HTML '{_tag(text.value, offset)}'; taxonomy values are shown as "
                        "text: remove the markup (a literal '<' is written with a space after "
                        "it, as in 'a < b')")


def _paper_markup(paper: Paper) -> Iterator[Diagnostic]:
    for field in paper.fields:
        if field.name == "abstract":   # markup-in-abstract reports each tag of an abstract
            continue
        offset = _markup_at(field.value)
        if offset is not None:
            line, col = value_position(paper, field, offset)
            yield error(paper.path, line, col, "markup-in-field", f"entry '{paper.key}': "
                        f"{field.name} carries the HTML '{_tag(field.value, offset)}'; BibTeX "
                        "fields are text: remove the markup (a literal '<' in a title is "
                        "written \\textless{} or $<$)")


def _urls(name: str, value: str) -> Iterator[tuple[int, str]]:
    """(offset, URL) for each address a field gives: the whole value of a link field, and
    the argument of each \\url{} and \\href{} in any field (howpublished, note)."""
    if name in LINK_FIELDS:
        yield 0, value
        return
    if "\\" in value:
        for match in _URL_COMMAND.finditer(value):
            yield match.start(1), match.group(1)


def _markup_at(value: str) -> int | None:
    """Offset of the first tag outside math, or None."""
    return next(iter(tags_outside_math(value)), None)


def _tag(value: str, offset: int) -> str:
    end = value.find(">", offset)
    return _shown(value[offset:end + 1] if end >= 0 else value[offset:])


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[:_SHOWN - 1] + "…"


def _text_position(text: FieldText, offset: int) -> tuple[int, int]:
    """Where the character is, when the value runs as written; else where the value starts."""
    if text.plain and "\n" not in text.value[:offset]:
        return text.line, text.col + offset
    return text.line, text.col
