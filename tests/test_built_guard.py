"""The post-build guard: a built page, whole, carries only the theme's own scripts."""

from __future__ import annotations

import json
from pathlib import Path

import material
import pytest

from readinglist.hooks.built import file_problems, page_problems, theme_scripts

THEME = theme_scripts(p.read_text(encoding="utf-8") for p in
                      sorted((Path(material.__file__).parent / "templates").rglob("*.html")))
PAYLOADS = {
    "<img src=x onerror=alert(1)>": "an event handler 'onerror' on <img>",
    "<svg/onload=alert(1)>": "an event handler 'onload' on <svg>",
    '<a href="java&#x73;cript:alert(1)">x</a>': "a javascript: URL in href on <a>",
    "<iframe src=x></iframe>": "a <iframe> element",
    '<meta http-equiv="Refresh" content="0;url=https://evil.example">':
        "a <meta> refresh, which can send the reader anywhere",
    "<ScRiPt>alert(1)</sCrIpT>": "a script the theme does not write: '<ScRiPt>alert(1)</sCrIpT>",
    '<script src="//evil.example/x.js"></script>': "a script the theme does not write",
    '<script src="x.js">alert(1)</script>': "a script the theme does not write",
}
PLACES = {"title": "<title>", "header": "<header ", "nav": '<nav class="md-nav ',
          "article": "<article "}


@pytest.fixture(scope="module")
def page(built_site) -> str:
    return (built_site / "papers/jacot2018neural/index.html").read_text(encoding="utf-8")


def test_a_clean_page_with_the_theme_scripts_passes(page):
    assert page.count("<script") >= 6
    assert page_problems(page, THEME) == []


def test_the_theme_search_share_link_passes_outside_the_article_only(page):
    link = '<a href="javascript:void(0)" class="md-search__icon">'   # Material's search.share
    header = page.index("<header")
    assert page_problems(page[:header] + link + page[header:], THEME) == []
    at = page.index("<article")
    at = page.index(">", at) + 1
    assert page_problems(page[:at] + link + page[at:], THEME) == \
        ["a javascript: URL in href on <a> in the article"]


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_payload_anywhere_in_the_page_is_caught(page, payload, place):
    at = page.index(">", page.index(PLACES[place])) + 1
    problems = page_problems(page[:at] + payload + page[at:], THEME)
    # In the article no script is the theme's: each is refused as an element.
    inside = place == "article" and "script" in payload.lower()
    wanted = "a <script> element in the article" if inside else PAYLOADS[payload]
    assert any(p.startswith(wanted) for p in problems), problems
    assert all(p.endswith(" in the article") == (place == "article")
               for p in problems if p.startswith("an event"))


def test_a_theme_script_with_other_text_is_caught(page):
    changed = page.replace("__md_scope=new URL(", "fetch('//evil.example');__md_scope=new URL(")
    assert changed != page
    assert page_problems(changed, THEME)[0].startswith("a script the theme does not write")


def test_the_theme_config_must_be_json(page):
    changed = page.replace('<script id="__config" type="application/json">',
                           '<script id="__config" type="application/json">alert(1);')
    assert page_problems(changed, THEME)


def test_without_the_theme_templates_every_inline_script_is_refused(page):
    assert len(page_problems(page, ())) >= 3


def test_the_search_index_is_read_as_html():
    index = {"config": {}, "docs": [{"location": "x/", "title": "<img src=x onerror=alert(1)>",
                                     "text": "&lt;img src=x onerror=alert(1)&gt;"}]}
    assert file_problems("search_index.json", json.dumps(index), THEME) == \
        ["an event handler 'onerror' on <img>"]


def test_html_in_a_feed_is_read_as_html():
    feed = ('<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="text">&lt;b&gt;'
            '</title><summary type="html">&lt;img src=x onerror=alert(1)&gt;</summary>'
            '</entry></feed>')
    assert file_problems("feed.xml", feed, THEME) == ["an event handler 'onerror' on <img>"]


def test_a_figure_may_carry_no_script():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert file_problems("figure.svg", svg, THEME) == ["a <script> element"]


def test_data_files_are_not_html():
    assert file_problems("readinglist.json", '{"title": "<img src=x onerror=1>"}', THEME) == []
