"""Markdown as plain text, its math kept for KaTeX: the one converter for everything set as text
(never parsed as HTML) where links cannot go: preview cards, page metadata, feeds."""

from __future__ import annotations

import html
import re

from .latex import MATH

_CODE = re.compile(r"(`+)(.+?)\1")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*(?:\([^()]*\)[^()]*)*\)|!?\[([^\[\]]*)\]"
                            r"\[[^\[\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^<>\s]+)>")
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_ATTR_LIST = re.compile(r"\{:?[ \t]*[.#][^{}]*\}|\{:?[^{}=]*=[^{}]*\}")
_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1|(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\*)"
                       r"|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)|~~(.+?)~~")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>&$])")


def plain_text(markdown: str) -> str:
    """Emphasis, links, tags and attribute lists dropped for their text; code without its
    backticks; character references decoded; math and its backslashes left exactly as written."""
    kept: list[str] = []

    def keep(text: str) -> str:
        kept.append(text)
        return f"\x00{len(kept) - 1}\x00"

    text = MATH.sub(lambda m: keep(m.group(0)), markdown)
    text = _CODE.sub(lambda m: keep(m.group(2).strip()), text)
    text = _AUTOLINK.sub(lambda m: keep(m.group(1)), text)
    text = _ESCAPE.sub(lambda m: keep(m.group(1)), text)
    text = _IMAGE_OR_LINK.sub(lambda m: m.group(1) if m.group(1) is not None else m.group(2),
                              text)
    text = _ATTR_LIST.sub("", _TAG.sub("", text))
    previous = None
    while previous != text:   # nested emphasis, innermost last
        previous, text = text, _EMPHASIS.sub(lambda m: next(g for g in m.groups()[1:]
                                                            if g is not None), text)
    text = html.unescape(text)
    text = re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)
    return " ".join(text.split())
