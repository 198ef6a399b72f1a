"""Markdown as plain text, its math kept for KaTeX: the one converter for everything set as text
(never parsed as HTML) where links cannot go: preview cards, page metadata, feeds."""

from __future__ import annotations

import html
import re

from .latex import MATH

_CODE = re.compile(r"(`+)(.+?)\1")
_INLINE_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*(?:\([^()]*\)[^()]*)*\)")
_REFERENCE_LINK = re.compile(r"!?\[([^\[\]]*)\]\[([^\[\]]*)\]")
_DEFINITION = re.compile(r"^ {0,3}\[([^\]]+)\]:", re.MULTILINE)
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ATTR_LIST = re.compile(r"\{:?[ \t]*[.#][^{}]*\}|\{:?[^{}=]*=[^{}]*\}")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)"
                       r"|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)|~~(.+?)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>&$])")


def link_labels(markdown: str) -> frozenset[str]:
    """The labels of the link definitions (`[label]: url`) in a Markdown text, normalised."""
    return frozenset(_label(m.group(1)) for m in _DEFINITION.finditer(markdown))


def plain_text(markdown: str, labels: frozenset[str] = frozenset()) -> str:
    """Emphasis, links, tags and attribute lists dropped for their text; code without its
    backticks; character references decoded; math and its backslashes left exactly as written.
    `[text][label]` is a link only when labels (the note's definitions) has its label: else
    Markdown shows it as written, and so does this."""
    kept: list[str] = []

    def keep(text: str) -> str:
        kept.append(text)
        return f"\x00{len(kept) - 1}\x00"

    text = MATH.sub(lambda m: keep(m.group(0)), markdown)
    text = _CODE.sub(lambda m: keep(m.group(2).strip()), text)
    text = _AUTOLINK.sub(lambda m: keep(m.group(1)), text)
    text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    text = _INLINE_LINK.sub(lambda m: m.group(1), text)
    text = _REFERENCE_LINK.sub(lambda m: m.group(1) if _label(m.group(2) or m.group(1)) in labels
                               else m.group(0), text)
    text = _ATTR_LIST.sub("", _TAG.sub("", text))
    previous = None
    while previous != text:   # nested emphasis, innermost last
        previous, text = text, _EMPHASIS.sub(lambda m: next(g for g in m.groups()[1:]
                                                            if g is not None), text)
    text = html.unescape(text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)
    return " ".join(text.split())


def _label(text: str) -> str:
    """A link label as Markdown matches it: case and runs of white space do not count."""
    return " ".join(text.split()).casefold()
