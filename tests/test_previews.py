"""The preview cards' data: previews.json, its text and its size."""

from __future__ import annotations

import gzip
import json
import sys

import pytest

from support import REPO, write_tree
from readinglist import load
from readinglist.text.plain import link_labels, plain_text
from readinglist.render.files.previews import previews

sys.path.insert(0, str(REPO / "scripts"))
from bench.generate import generate  # noqa: E402

BUDGET = 400   # bytes per paper, gzipped


@pytest.fixture(scope="module")
def cards(built_site) -> dict:
    data = json.loads((built_site / "previews.json").read_text(encoding="utf-8"))
    assert data["version"] == 1
    return data["papers"]


def test_every_paper_has_a_card_of_five_texts(cards, kb):
    assert set(cards) == set(kb.papers)
    assert all(len(card) == 5 and all(isinstance(v, str) for v in card)
               for card in cards.values())


def test_a_card_names_three_authors_then_et_al(cards, kb):
    assert kb.papers["cohen2021gradient"].authors[3:]           # five authors
    title, authors, venue, status, oneline = cards["cohen2021gradient"]
    assert title == kb.papers["cohen2021gradient"].title
    assert authors == "Jeremy M. Cohen, Simran Kaur, Yuanzhi Li et al."
    assert venue == "International Conference on Learning Representations, 2021"
    assert status == "to read"
    assert oneline.startswith("An empirical paper: full-batch gradient descent") and \
        "$2/\\eta$" in oneline
    assert cards["baldi1989neural"][1] == "Pierre Baldi, Kurt Hornik"


def test_the_one_line_on_a_card_is_plain_text_with_its_math(base_tree):
    write_tree(base_tree, {"notes/smith2020deep.md": "---\nstatus: reading\n---\n\n"
                           "**In one line.** *Deep* nets beat [kernels](https://e.org) "
                           "[@jones2019kernel], with `code` and $a_*<b_*$ &amp; <sub>2</sub>.\n"})
    card = json.loads(previews(load(base_tree)[0]))["papers"]["smith2020deep"]
    assert card[3:] == ["reading", "Deep nets beat kernels (Jones and Müller, 2019), with code "
                        "and $a_*<b_*$ & 2."]
    assert json.loads(previews(load(base_tree)[0]))["papers"]["jones2019kernel"][3:] == \
        ["no note yet", ""]


@pytest.mark.parametrize("markdown, text", [
    ("**bold _and_ nested**", "bold and nested"),
    (r"snake_case_name and \*stars\* stay", "snake_case_name and *stars* stay"),
    (r"math $x_1 * y_2$ and $$\sum_i a_i$$ kept", r"math $x_1 * y_2$ and $$\sum_i a_i$$ kept"),
    ("![alt](img.png) and [text][ref] and <https://e.org>", "alt and [text][ref] and https://e.org"),
    ("a {: .class } b", "a b"),
])
def test_plain_text_drops_markdown_and_keeps_math(markdown, text):
    assert plain_text(markdown) == text


def test_a_reference_link_is_its_text_only_when_the_note_defines_its_label():
    labels = link_labels("[Ref]: https://e.org\n")
    assert plain_text("[text][ref], [Ref][] and [A][B]", labels) == "text, Ref and [A][B]"


def test_preview_data_fits_its_budget_whatever_the_size_of_the_list(tmp_path):
    sizes = []
    for n in (100, 400):
        kb, _ = load(generate(tmp_path / str(n), n), history=False)
        sizes.append(len(gzip.compress(previews(kb).encode("utf-8"), 9)) / n)
    assert max(sizes) <= BUDGET, sizes
    assert sizes[1] <= sizes[0] * 1.1   # constant in N: no part grows with the list
