"""Checks of snippets (`--8<-- "file"`): what notes and pages include is a regular file of the
repository, and data (BibTeX entries, taxonomy text) includes nothing, since the site expands a
snippet line wherever it stands, in the BibTeX block of a paper's page too."""

from __future__ import annotations

from typing import Iterable, Iterator

from ..diagnostic import Diagnostic, error
from ..model import KnowledgeBase, walk_topics
from ..text.snippets import snippet_lines

FIXES = {"unsafe-snippet": "the site includes only regular files of the repository, named from "
                           "its root (like 'CONTRIBUTING.md')",
         "missing-snippet": "check the path, which starts at the repository root (like "
                            "'CONTRIBUTING.md')",
         "invalid-snippet": "the site could not read it: write a line range as ':N', ':N:M' "
                            "or ':-N' (counted from the end), and save included files as UTF-8"}


def describe(target: str, code: str, reason: str) -> str:
    return f"snippet '{target}' {reason}; {FIXES[code]}"


def check_unsafe_snippet(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    yield from _judged(kb, "unsafe-snippet")
    for paper in kb.papers.values():
        for item in snippet_lines(paper.raw):
            yield _in_data(paper.path, paper.line + item.index, item.col, item.target)
    for text, path, line, col in _taxonomy_texts(kb):
        for item in snippet_lines(text):
            yield _in_data(path, line, col, item.target)


def check_missing_snippet(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _judged(kb, "missing-snippet")


def check_invalid_snippet(kb: KnowledgeBase) -> Iterable[Diagnostic]:
    return _judged(kb, "invalid-snippet")


def _judged(kb: KnowledgeBase, code: str) -> Iterator[Diagnostic]:
    for snippet in kb.snippets:
        if snippet.code == code:
            yield error(snippet.path, snippet.line, snippet.col, code,
                        describe(snippet.target, code, snippet.reason))


def _in_data(path: str, line: int, col: int, target: str) -> Diagnostic:
    return error(path, line, col, "unsafe-snippet", f"this line is snippet notation, which the "
                 f"site would replace with the contents of '{target}'; data never includes "
                 "files, so reword the line")


def _taxonomy_texts(kb: KnowledgeBase) -> Iterator[tuple[str, str, int, int]]:
    """Every text of the taxonomy that reaches a page, with the position of its field."""
    for section in kb.sections:
        yield from ((text, section.path, section.line, section.col)
                    for text in (section.title, section.intro) if text)
        for topic, _ in walk_topics(section.topics):
            yield from ((text, topic.path, topic.line, topic.col)
                        for text in (topic.title, topic.why) if text)
            yield from ((item.text, item.path, item.line, item.col) for item in topic.items)
    yield from ((tag.description, tag.path, tag.line, tag.col) for tag in kb.tags
                if tag.description)
