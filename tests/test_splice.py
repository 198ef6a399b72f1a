"""Rows and figures are made apart from their page and put back as they were (hooks/splice.py)."""

from __future__ import annotations

import pytest

from readinglist.hooks.splice import Splicer, patch

ROW = ('<div class="rl-paper" data-key="a2020x" data-search-exclude markdown>\n'
       "[A title](papers/a2020x.md){ .rl-title }\n</div>")
FIGURE = '<figure class="rl-arcs-figure" data-search-exclude>\n<svg><text>Topic 0</text></svg>\n</figure>'
PAGE = f"# Page\n\nBefore.\n\n{ROW}\n\n## Connected\n\n{FIGURE}\n\nAfter.\n"


def test_rows_and_figures_leave_placeholders_in_the_skeleton():
    splicer = Splicer(secret="s3")
    skeleton = splicer.split("p.md", PAGE)
    assert skeleton == ("# Page\n\nBefore.\n\n<!--rl-block s3 0-->\n\n## Connected\n\n"
                        "<!--rl-block s3 1-->\n\nAfter.\n")
    assert [b.verbatim for b in splicer.splits["p.md"].blocks] == [False, True]


def test_a_row_with_a_snippet_line_stays_on_its_page():
    row = ROW.replace("</div>", '--8<-- "secret.txt"\n</div>')
    assert Splicer(secret="s3").split("p.md", f"{row}\n") == f"{row}\n"


def test_a_row_not_known_yet_is_converted_in_place_between_marks():
    splicer = Splicer(secret="s3")
    skeleton = splicer.split("p.md", PAGE)
    assert splicer.expand("p.md", skeleton) == skeleton.replace(
        "<!--rl-block s3 0-->", f"<!--rl-row s3 0-->\n\n{ROW}\n\n<!--rl-row-end s3 0-->")


def test_a_converted_row_is_kept_and_written_back_as_search_would_leave_it():
    splicer = Splicer(secret="s3")
    splicer.split("p.md", PAGE)
    html = ('<h1>Page</h1>\n<!--rl-row s3 0-->\n<div class="rl-paper" data-search-exclude="x">'
            "A</div>\n<!--rl-row-end s3 0-->\n<!--rl-block s3 1-->\n")
    taken = splicer.take("p.md", html, searched=True)
    assert taken == "<h1>Page</h1>\n<!--rl-block s3 0-->\n<!--rl-block s3 1-->\n"
    assert splicer.fill("p.md", f"<main>{taken}</main>") == \
        f'<main><h1>Page</h1>\n<div class="rl-paper">A</div>\n{FIGURE}\n</main>'


def test_a_known_row_is_not_converted_again():
    splicer = Splicer(secret="s3")
    skeleton = splicer.split("p.md", PAGE)
    splicer.take("p.md", "<!--rl-row s3 0-->\n<div>A</div>\n<!--rl-row-end s3 0-->", True)
    assert splicer.expand("p.md", skeleton) == skeleton


def test_a_placeholder_lost_on_the_way_stops_the_page():
    splicer = Splicer(secret="s3")
    splicer.split("p.md", PAGE)
    with pytest.raises(AssertionError, match="p.md: its blocks' placeholders"):
        splicer.fill("p.md", "<!--rl-block s3 1-->")


def test_a_page_that_guesses_at_placeholders_gets_no_block():
    splicer = Splicer()
    splicer.split("p.md", PAGE)
    forged = "<!--rl-block s3 0--><!--rl-block s3 1-->"
    assert splicer.expand("p.md", forged) == forged


def splits(before: str, after: str):
    """The splits of one page before and after an edit."""
    splicer = Splicer(secret="s3")
    splicer.split("p.md", before)
    old = splicer.splits["p.md"]
    splicer.split("p.md", after)
    return old, splicer.splits["p.md"]


def test_a_written_page_takes_new_figures_in_place_of_the_old():
    new = FIGURE.replace("Topic 0", "Topic zero")
    assert patch(*splits(PAGE, PAGE.replace("Topic 0", "Topic zero")),
                 f"<html>{ROW}{FIGURE}</html>") == (f"<html>{ROW}{new}</html>", new)


def test_a_page_whose_row_changed_is_not_patched():
    assert patch(*splits(PAGE, PAGE.replace("A title", "Another title")),
                 f"{ROW}{FIGURE}") is None


def test_a_figure_written_twice_is_not_patched():
    assert patch(*splits(PAGE, PAGE.replace("Topic 0", "Topic zero")),
                 f"{FIGURE}{FIGURE}") is None
