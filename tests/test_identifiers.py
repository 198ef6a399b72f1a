"""arXiv ids, DOIs, author names and citation keys."""

from __future__ import annotations

import pytest

from readinglist.text.identifiers import arxiv_id, display_name, expected_key, identities
from readinglist.text.latex import decode


@pytest.mark.parametrize("text, expected", [
    ("2011.14522", "2011.14522"), ("2011.14522v3", "2011.14522"), ("1412.6980", "1412.6980"),
    ("hep-th/9901001v2", "hep-th/9901001"), ("math.GT/0309136", "math.GT/0309136"),
    ("2011.1452", None), ("1412.69801", None), ("2013.00001", None), ("0612.1234", None),
    ("arXiv:2011.14522", None), ("https://arxiv.org/abs/2011.14522", None)])
def test_arxiv_ids_follow_the_scheme_of_their_month(text, expected):
    assert arxiv_id(text) == expected


def test_one_paper_spelled_four_ways_has_one_identity():
    spellings = [{"eprint": "2011.14522v2", "archiveprefix": "arXiv"},
                 {"url": "https://arxiv.org/pdf/2011.14522v1.pdf"},
                 {"doi": "10.48550/ARXIV.2011.14522"},
                 {"url": "http://arxiv.org/abs/2011.14522"}]
    assert all(identities(s) == {("arxiv", "2011.14522")} for s in spellings)


def test_dois_compare_without_case_or_resolver():
    assert identities({"doi": "10.1016/0893-6080(89)90014-2"}) == identities(
        {"url": "https://dx.doi.org/10.1016/0893-6080(89)90014-2"}) == identities(
        {"doi": "10.1016/0893-6080(89)90014-2".upper()}) == {
        ("doi", "10.1016/0893-6080(89)90014-2")}


@pytest.mark.parametrize("author, year, title, key", [
    ("Soudry, Daniel and Hoffer, Elad", "2018", "The Implicit Bias of Gradient Descent",
     "soudry2018implicit"),
    ("Jacot, Arthur", "2021", "Saddle-to-Saddle Dynamics", "jacot2021saddletosaddle"),
    ("Li, Zhiyuan", "2021", "Towards Resolving the Implicit Bias", "li2021resolving"),
    (r"\c{S}im\c{s}ek, Berfin", "2021", "{FlashAttention}: Fast", "simsek2021flashattention"),
    ("Yann LeCun and L{\\'e}on Bottou", "1998", "Efficient {BackProp}", "lecun1998efficient"),
    ("de Las Casas, Diego", "2022", "On the Tensor", "delascasas2022tensor")])
def test_expected_key_follows_the_convention(author, year, title, key):
    assert expected_key(author, year, title) == key


@pytest.mark.parametrize("name, shown", [
    ("Hongler, Cl{\\'e}ment", "Clément Hongler"), ("Steele, Jr., Guy L.", "Guy L. Steele Jr."),
    ("Ada Lovelace", "Ada Lovelace"), ("{Google DeepMind}", "Google DeepMind")])
def test_display_names_read_first_name_first(name, shown):
    assert display_name(name) == shown


def test_latex_decoding_of_accents_and_escapes():
    assert decode(r"Erd\H{o}s, M{\"u}ller \& {\'E}cole, 1--10") == "Erdős, Müller & École, 1–10"
