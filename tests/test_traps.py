"""The Markdown traps' quick look: a text it passes over holds no trap the line-by-line scan
would find."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from readinglist.checks.traps import scan, traps

LINES = ["", "   ", "Some text.", " text after a space", "#Heading", "## Heading", "#", "###x",
         " #not a heading", "- item", "-\titem", "* item", "+ item", "1. item", "12) item",
         "  - item", "   - item", "    - item", "     - item", "        - item", "- ",
         "---", "***", "___", "===", "- - -", "$$", "$$ x $$", "```", "~~~", "    code",
         "| a | b |", "<div>", "> quote", "!!! note", "{ .class }", ": definition", "\t- tab",
         "-", "1.", "- \t", " - x", "\u00a0- x", "-\u00a0x", "a\rb"]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.sampled_from(LINES), max_size=14), ending=st.sampled_from(["\n", "\r\n"]))
@example(lines=["- ", "- item"], ending="\n")     # a bare marker is a paragraph's text
def test_a_text_passed_over_holds_no_trap(lines, ending):
    text = ending.join(lines)
    assert traps(text, 3) == scan(text, 3)


def test_a_list_under_a_heading_or_a_blank_line_is_passed_over():
    text = "## Connections\n- [@a]: one.\n- [@b]: two.\n\nText.\n\n- three\n"
    assert traps(text) == [] and scan(text) == []


def test_a_list_under_a_paragraph_is_read():
    assert [t.code for t in traps("Text.\n- item\n")] == ["list-after-paragraph"]
