"""Links between pages of the site: does each relative link reach a page, and its anchor?

Checked against the pages the site is made of, without building it: the hand-written pages in
docs/ and the pages readinglist.render generates (a note's links start from its paper's page).
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import unquote, urlsplit

from markdown.extensions.toc import slugify

from ..diagnostic import Diagnostic, error
from ..model import KnowledgeBase
from ..render import FEEDS, downloads, render
from ..render.uris import paper_uri
from .link_list import Link

_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*(?:\{([^}]*)\})?\s*$", re.MULTILINE)
_EXPLICIT_ID = re.compile(r"(?:^|\s)#([\w-]+)")
_HTML_ID = re.compile(r"\bid=\"([^\"]+)\"")


def internal_problems(kb: KnowledgeBase, links: list[Link]) -> list[Diagnostic]:
    pages = {**render(kb), **{p.path.removeprefix("docs/"): p.text for p in kb.pages}}
    files = set(pages) | set(downloads(kb)) | set(FEEDS)   # the feeds are written at build
    anchors: dict[str, set[str]] = {}
    problems = []
    for link in links:
        if link.external or urlsplit(link.target).scheme or link.path.startswith(("bib/",
                                                                                  "taxonomy/")):
            continue
        page = _page_of(link.path)
        parts = urlsplit(link.target)
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path))) \
            if parts.path else page
        if target not in files:
            problems.append(error(link.path, link.line, link.col, "broken-internal-link",
                                  f"link '{link.url}' leads to {target}, which is not a page "
                                  "of the site; link to an existing .md page"))
        elif parts.fragment and target in pages:
            known = anchors.setdefault(target, _anchors(pages[target]))
            if parts.fragment not in known:
                problems.append(error(link.path, link.line, link.col, "broken-internal-link",
                                      f"link '{link.url}': {target} has no anchor "
                                      f"'#{parts.fragment}'"))
    return problems


def _page_of(path: str) -> str:
    """The site page a file's links start from."""
    if path.startswith("notes/"):
        return paper_uri(path.removeprefix("notes/").removesuffix(".md"))
    return path.removeprefix("docs/")


def _anchors(markdown: str) -> set[str]:
    found = set(_HTML_ID.findall(markdown))
    for title, attributes in _HEADING.findall(markdown):
        explicit = _EXPLICIT_ID.findall(attributes or "")
        found.update(explicit or [slugify(title, "-")])
    return found
