"""Every link the reading list makes, where it is written, and the URL it should be checked as.

Bibliography fields (url, doi, eprint, pdf, code, slides, video), Markdown links in notes and
docs pages, and URLs in taxonomy text. arXiv and DOI links are normalised (versioned and PDF
arXiv links to the abs page; dx.doi.org and http DOI links to https://doi.org/) so that the same
paper is checked once and a URL listed twice can be reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from ..diagnostic import Diagnostic, warning
from ..model import KnowledgeBase, walk_topics
from ..text.identifiers import ARXIV_URL, arxiv_id, bare_doi, is_arxiv
from ..text.prose import INLINE_LINK, LINK_DEFINITION, blank_code_spans, prose_lines

LINK_FIELDS = ("url", "pdf", "code", "slides", "video")
LINK_CODES = ("broken-link", "broken-internal-link", "duplicate-url")
_BARE_URL = re.compile(r"<?(https?://[^\s<>\])\"']+)")
_DOI_URL = re.compile(r"^https?://(?:dx\.)?doi\.org/(.+)$", re.IGNORECASE)


@dataclass(frozen=True)
class Link:
    url: str       # as written
    target: str    # what is checked
    path: str
    line: int
    col: int
    derived: bool = False   # made from a doi or eprint field, not written as a URL

    @property
    def external(self) -> bool:
        return self.target.startswith(("http://", "https://"))


def normalise(url: str) -> str:
    url = url.strip()
    match = ARXIV_URL.match(url)
    if match and (found := arxiv_id(match.group(1))):
        return f"https://arxiv.org/abs/{found}"
    match = _DOI_URL.match(url)
    if match:
        return f"https://doi.org/{match.group(1)}"
    return url


def collect(kb: KnowledgeBase) -> list[Link]:
    links = list(_bibliography(kb)) + list(_taxonomy(kb))
    for note in kb.notes.values():
        links += _markdown(note.body, note.path, note.body_line)
    for page in kb.pages:
        links += _markdown(page.text, page.path, page.line)
    return links


def _bibliography(kb: KnowledgeBase) -> Iterator[Link]:
    for paper in kb.papers.values():
        for field in paper.fields:
            if field.name in LINK_FIELDS:
                url = field.value
            elif field.name == "doi":
                url = f"https://doi.org/{bare_doi(field.value)}"
            elif field.name == "eprint" and is_arxiv(paper.values()):
                url = f"https://arxiv.org/abs/{arxiv_id(field.value) or field.value}"
            else:
                continue
            yield Link(field.value, normalise(url), paper.path, field.line, paper.column(field),
                       derived=field.name not in LINK_FIELDS)


def _taxonomy(kb: KnowledgeBase) -> Iterator[Link]:
    for section in kb.sections:
        texts = [(section.intro, section.line, section.col)]
        for topic, _ in walk_topics(section.topics):
            texts.append((topic.why, topic.line, topic.col))
            texts += [(item.text, item.line, item.col) for item in topic.items]
        for text, line, col in texts:
            for match in _BARE_URL.finditer(text or ""):
                yield Link(match.group(1), normalise(match.group(1)), section.path, line, col)


def _markdown(text: str, path: str, first_line: int) -> list[Link]:
    found, lines = [], text.split("\n")
    for index in prose_lines(lines):
        line = blank_code_spans(lines[index])
        spans = []
        for pattern in (INLINE_LINK, LINK_DEFINITION):
            for match in pattern.finditer(line):
                spans.append(match.span(1))
                found.append(Link(match.group(1), normalise(match.group(1)), path,
                                  index + first_line, match.start(1) + 1))
        for match in _BARE_URL.finditer(line):
            if not any(start <= match.start(1) < end for start, end in spans):
                found.append(Link(match.group(1), normalise(match.group(1)), path,
                                  index + first_line, match.start(1) + 1))
    return found


def duplicates(links: list[Link]) -> list[Diagnostic]:
    """A URL written twice in the bibliography (however spelled) is likely one paper twice."""
    first: dict[str, Link] = {}
    found = []
    for link in links:
        if not link.path.startswith("bib/") or link.derived or not link.external:
            continue
        earlier = first.setdefault(link.target, link)
        if earlier is not link:
            found.append(warning(link.path, link.line, link.col, "duplicate-url",
                                 f"{link.url} is also given at {earlier.path}:{earlier.line}; "
                                 "if both entries are one paper, keep one"))
    return found
