"""Escaping user text for the Markdown and HTML the renderer writes."""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass

from .uris import page_url, rel

_MARKDOWN = re.compile(r"([\\`*_\[\]{}#!|$>])")


def md(text: str) -> str:
    """Text shown literally in Markdown: no emphasis, links, math or HTML from a title.

    `<` becomes an entity: Python-Markdown has no backslash escape for it (nor for ~ and ^,
    which no extension here gives a meaning), so a backslash would show."""
    return _MARKDOWN.sub(r"\\\1", text.replace("&", "&amp;").replace("<", "&lt;"))


def attr(text: str) -> str:
    """Text inside an HTML attribute or a Markdown link title."""
    return html.escape(text, quote=True)


def html_link(url: str, text: str, css: str = "") -> str:
    """A link written as HTML, for raw HTML that Markdown passes through."""
    name = f' class="{attr(css)}"' if css else ""
    return f'<a{name} href="{attr(url)}">{html.escape(text, quote=False)}</a>'


def raw_list(css: str, items: list[str]) -> list[str]:
    """A list of HTML items, one a line and no blank line inside: Markdown passes it through
    as written (and the MkDocs adapter makes it apart from its page, hooks/splice.py)."""
    return [f'<ul class="{attr(css)}">', *(f"<li>{item}</li>" for item in items), "</ul>"]


@dataclass(frozen=True)
class Lists:
    """How a page writes its lists of links that change apart from the rest of it: as Markdown
    (any engine maps `.md` links), or, for MkDocs, as raw HTML with built links, which MkDocs
    keeps as written and its server patches in place (Zensical rewrites raw HTML links)."""

    raw_html: bool = False

    def link(self, here: str, target: str, text: str, anchor: str = "", css: str = "") -> str:
        if self.raw_html:
            return html_link(page_url(here, target) + (f"#{anchor}" if anchor else ""), text, css)
        return f"[{md(text)}]({rel(here, target, anchor or None)})" + \
            (f"{{ .{css} }}" if css else "")

    def lines(self, css: str, items: list[str]) -> list[str]:
        return raw_list(css, items) if self.raw_html else [f"- {item}" for item in items]

    @property
    def line_break(self) -> str:
        return "<br>" if self.raw_html else "  \n  "


def front_matter(**fields) -> str:
    """YAML front matter; JSON scalars and lists are valid YAML and need no further quoting."""
    lines = [f"{name}: {json.dumps(value, ensure_ascii=False)}" for name, value in fields.items()
             if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def cite_label(authors: list[str], year: str | None) -> str:
    """'Soudry et al., 2018', 'Baldi and Hornik, 1989', 'He, 2022'."""
    families = [name.split(" ")[-1] for name in authors] or ["Anonymous"]
    if len(families) == 1:
        who = families[0]
    elif len(families) == 2:
        who = f"{families[0]} and {families[1]}"
    else:
        who = f"{families[0]} et al."
    return f"{who}, {year}" if year else who


def escaped_meta(meta: dict, title: str, text=str) -> dict:
    """A page's front matter as HTML text, for templates that print it unescaped (the theme's
    `<title>`, header, navigation and `<meta>` tags): every string escaped, lists and mappings
    walked. The title is set always, from title: the front matter's (text) if it has one, else
    the one MkDocs took from the first heading (HTML there, so it is read back to text first).
    text: the type to wrap each escaped string in (Markup, so the theme's `| e` adds nothing)."""
    def escaped(value):
        if isinstance(value, str):
            return text(attr(value))
        if isinstance(value, list):
            return [escaped(v) for v in value]
        if isinstance(value, dict):
            return {k: escaped(v) for k, v in value.items()}
        return value
    plain = meta["title"] if isinstance(meta.get("title"), str) else html.unescape(title)
    return {**{key: escaped(value) for key, value in meta.items()}, "title": escaped(plain)}
