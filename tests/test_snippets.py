"""Snippet lines are found exactly where pymdownx.snippets finds them, and the line ranges it
would stop on are known before it meets them: a differential test against the extension itself,
on chosen lines and on random ones."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st
from pymdownx.snippets import SnippetPreprocessor

from readinglist.text.snippets import file_part, snippet_lines, unreadable_range

TRICKY = """\
--8<-- "a.md"
  ;--8<-- "escaped.md"
-8<- 'single.md:3:5'
--8<-- "trailing.md"  
--8<--
block-one.md
;commented.md

  block-two.md:section-name
--8<-- "inline-inside-block.md"
;--8<--
--8<--
```
    --8<-- "in-code.md:1:2,5:6"
```
--8<-- "C:/odd:name.md:-3:"
--8<-- "no-suffix:here/x.md"
--8<--
unclosed-block.md
"""
STOPPING = '--8<-- "a.md:2"\n--8<-- ":-"\n--8<-- "b.md:1:-,3"\n--8<-- "c.md"\n'


def pymdownx_paths(text: str) -> list[str]:
    """The paths pymdownx asks for, in order (nothing is read: no path resolves), and "STOP"
    where it fails on a line range it cannot read."""
    asked: list[str] = []

    def record(self, path):
        asked.append(path)
        return None

    original = SnippetPreprocessor.get_snippet_path
    SnippetPreprocessor.get_snippet_path = record
    try:
        markdown.Markdown(extensions=["pymdownx.snippets"],
                          extension_configs={"pymdownx.snippets": {"check_paths": False}}
                          ).convert(text)
    except ValueError:   # int('-'): pymdownx's own crash, which check must foresee
        asked.append("STOP")
    finally:
        SnippetPreprocessor.get_snippet_path = original
    return asked


def ours(text: str) -> list[str]:
    """The paths we find, in order, up to the first line range pymdownx would stop on."""
    found = []
    for line in snippet_lines(text):
        if path := file_part(line.target):
            if unreadable_range(line.target):
                return found + ["STOP"]
            found.append(path)
    return found


def test_the_tricky_lines_give_the_paths_pymdownx_asks_for():
    assert ours(TRICKY) == pymdownx_paths(TRICKY) == [
        "a.md", "single.md", "block-one.md", "block-two.md", "in-code.md", "C:/odd:name.md",
        "no-suffix:here/x.md", "unclosed-block.md"]


def test_pymdownx_stops_on_a_bare_minus_where_we_expect_it():
    assert ours(STOPPING) == pymdownx_paths(STOPPING) == ["a.md", "STOP"]


FRAGMENTS = st.sampled_from(["--8<--", "-8<-", ";", " ", "\t", '"', "'", "a.md", ":", "3",
                             "-", ",", "sec", "\n", "\\", "x/../y", "http://h/z"])


@settings(max_examples=300, deadline=None, derandomize=True)   # the same examples in every run
@given(st.lists(FRAGMENTS, max_size=40).map("".join))
def test_random_lines_give_the_paths_pymdownx_asks_for(text):
    assert ours(text) == pymdownx_paths(text)
