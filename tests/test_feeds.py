"""The feeds, read back as a reader would: feedparser for Atom, the JSON Feed 1.1 rules for
feed.json, and every entry's link followed into the built site."""

from __future__ import annotations

import json
import os
import shutil
from urllib.parse import urljoin, urlsplit

import feedparser
import jsonschema
import pytest
from bs4 import BeautifulSoup

from scripted_git import clean_kb, commit, init, site_project
from support import REPO, build_site
from readinglist import load
from readinglist.render import Site, feeds
from readinglist.render.files.feeds import FEED_SIZE, Entry
from readinglist.render.files.feeds import atom as write_atom
from readinglist.render.files.previews import previews

SITE_URL = "https://example.org/list/"
# What JSON Feed 1.1 requires of a feed and of each item.
JSON_FEED = {
    "type": "object", "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"}, "title": {"type": "string"},
        "home_page_url": {"type": "string"}, "feed_url": {"type": "string"},
        "items": {"type": "array", "items": {
            "type": "object", "required": ["id"],
            "anyOf": [{"required": ["content_text"]}, {"required": ["content_html"]}],
            "properties": {"id": {"type": "string"}, "url": {"type": "string"},
                           "title": {"type": "string"}, "summary": {"type": "string"},
                           "content_text": {"type": "string"},
                           "date_published": {"type": "string", "format": "date-time"},
                           "tags": {"type": "array", "items": {"type": "string"}}}}}}}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    """The connection tests' knowledge base, built strictly with a site address."""
    root = site_project(clean_kb(tmp_path_factory.mktemp("small") / "kb"))
    site = root.parent / "site"
    os.environ["READINGLIST_SITE_URL"] = SITE_URL
    try:
        result = build_site(root, site)
    finally:
        del os.environ["READINGLIST_SITE_URL"]
    assert result.returncode == 0, result.stderr
    return site


def page_of(site, url: str, base: str = SITE_URL):
    """The built page a feed link names, read as HTML."""
    assert url.startswith(base), url
    path = site / urlsplit(url).path.removeprefix(urlsplit(base).path) / "index.html"
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    for permalink in page.select("a.headerlink"):
        permalink.decompose()
    return page


def read_json_feed(text: str) -> dict:
    feed = json.loads(text)
    jsonschema.validate(feed, JSON_FEED, format_checker=jsonschema.FormatChecker())
    return feed


def test_every_atom_entry_leads_to_its_papers_page(small_site):
    feed = feedparser.parse((small_site / "feed.xml").read_bytes())
    assert feed.version == "atom10" and not feed.bozo
    assert len(feed.entries) == 8
    for entry in feed.entries:
        title = page_of(small_site, entry.link).find("h1").get_text(strip=True)
        assert entry.title.endswith(f": {title}")


def test_every_json_feed_item_leads_to_its_papers_page(small_site):
    feed = read_json_feed((small_site / "feed.json").read_text(encoding="utf-8"))
    assert feed["feed_url"] == SITE_URL + "feed.json"
    for item in feed["items"]:
        title = page_of(small_site, item["url"]).find("h1").get_text(strip=True)
        assert item["title"].endswith(f": {title}")


def test_the_two_feeds_carry_the_same_entries_newest_first(small_site):
    atom = feedparser.parse((small_site / "feed.xml").read_bytes())
    items = read_json_feed((small_site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [e.id for e in atom.entries] == [i["id"] for i in items]
    dates = [e.updated_parsed for e in atom.entries]
    assert dates == sorted(dates, reverse=True)
    assert [(i["title"], i["date_published"]) for i in items[:3]] == [
        ("Note revised: Linear Networks Revisited", "2024-03-06T09:00:00+00:00"),
        ("New note, read: Unconnected Observations", "2024-03-05T08:00:00+00:00"),
        ('Note revised, read: Kernels & Features: When "Wide" < Deep',
         "2024-02-01T10:00:00+00:00")]


def test_an_entry_summarises_the_note_in_its_one_line(small_site):
    atom = feedparser.parse((small_site / "feed.xml").read_bytes())
    entry = next(e for e in atom.entries if "Kernels" in e.title)
    assert entry.summary == 'Kernels & features: when "wide" < deep, as (Noether, 2021) shows.'
    assert [t.term for t in entry.tags] == ["note-changed", "read"]


@pytest.mark.parametrize("markdown, summary", [
    ("$a_*b*c$ holds", "$a_*b*c$ holds"),
    ("`x*y` is code", "x*y is code"),
    ("this &amp; that", "this & that"),
    ("see [Adam](https://e.org/wiki/Adam_(optimizer)).", "see Adam."),
    ("patterns [A][B] … [A] → [B]", "patterns [A][B] … [A] → [B]"),
])
def test_a_summary_is_the_plain_text_a_preview_card_shows(tmp_path, markdown, summary):
    root = init(tmp_path / "kb")
    commit(root, {"bib/references.bib": "@misc{k,\n  title = {P},\n  author = {A, B},\n"
                                        "  year = {2020},\n}\n",
                  "notes/k.md": f"---\nstatus: read\n---\n\n**In one line.** {markdown}\n"},
           "2024-01-01T00:00:00+00:00")
    kb = load(root)[0]
    items = read_json_feed(feeds(kb, Site("x"))["feed.json"])["items"]
    assert items[0]["summary"] == summary == json.loads(previews(kb))["papers"]["k"][4]


def test_ids_stay_the_same_from_build_to_build(small_site, tmp_path):
    again = load(clean_kb(tmp_path / "kb"))[0]
    items = json.loads(feeds(again, Site("x"))["feed.json"])["items"]
    built = json.loads((small_site / "feed.json").read_text(encoding="utf-8"))["items"]
    assert [i["id"] for i in items] == [i["id"] for i in built]
    assert len(set(i["id"] for i in items)) == len(items)


def test_at_most_the_latest_fifty_entries(tmp_path):
    root = init(tmp_path / "kb")
    bib = "".join(f"@misc{{k{i:02d},\n  title = {{P{i}}},\n  author = {{A, B}},\n"
                  f"  year = {{2020}},\n}}\n" for i in range(60))
    commit(root, {"bib/references.bib": bib}, "2024-01-01T00:00:00+00:00")
    for i in range(60):
        commit(root, {f"notes/k{i:02d}.md": "---\nstatus: to-read\n---\n\nx\n"},
               f"2024-01-01T{i // 60:02d}:{i % 60:02d}:30+00:00")
    items = read_json_feed(feeds(load(root)[0], Site("x"))["feed.json"])["items"]
    assert len(items) == FEED_SIZE
    assert [i["url"] for i in items[:2]] == ["papers/k59/", "papers/k58/"]
    assert items[-1]["url"] == "papers/k10/"


def test_without_a_site_address_links_are_relative_to_the_feed(tmp_path):
    kb = load(clean_kb(tmp_path / "kb"))[0]
    written = feeds(kb, Site("A list"))
    where = "http://127.0.0.1:8000/some/place/"
    atom = feedparser.parse(written["feed.xml"], response_headers={
        "content-location": where + "feed.xml", "content-type": "application/atom+xml"})
    assert not atom.bozo and atom.feed.id.startswith("urn:uuid:")
    assert {e.link for e in atom.entries} >= {where + "papers/lovelace2020kernels/"}
    feed = read_json_feed(written["feed.json"])
    assert "feed_url" not in feed
    assert {urljoin(where + "feed.json", i["url"]) for i in feed["items"]} == \
        {e.link for e in atom.entries}


def test_text_xml_cannot_carry_is_dropped_and_markup_is_escaped():
    odd = Entry("urn:uuid:1", "k", ("read",), 'Read: A \x0b<b>bold</b> & \x01"title"',
                "2024-01-01T00:00:00+00:00", "papers/k/", "Math $a < b$ & \x00more")
    atom = feedparser.parse(write_atom(Site("x"), [odd], odd.date))
    assert not atom.bozo
    assert (atom.entries[0].title, atom.entries[0].summary) == \
        ('Read: A <b>bold</b> & "title"', "Math $a < b$ & more")


def test_a_list_without_history_has_valid_empty_feeds(base_tree):
    written = feeds(load(base_tree)[0], Site("x"))
    assert not feedparser.parse(written["feed.xml"]).bozo
    assert read_json_feed(written["feed.json"])["items"] == []


def test_every_page_names_both_feeds_in_its_head(small_site):
    for html in small_site.rglob("*.html"):
        head = BeautifulSoup(html.read_text(encoding="utf-8"), "html.parser").head
        links = {link["type"]: link["href"] for link in head.find_all("link", rel="alternate")}
        assert set(links) == {"application/atom+xml", "application/feed+json"}, html
        for href in links.values():
            target = (small_site / "404.html" if html.name == "404.html" else html).parent
            assert (target / href).resolve().is_file() or href.startswith("/"), (html, href)


def test_the_home_page_links_both_feeds(small_site):
    home = BeautifulSoup((small_site / "index.html").read_text(encoding="utf-8"), "html.parser")
    hrefs = {a["href"] for a in home.select("article a")}
    assert {"feed.xml", "feed.json"} <= hrefs


def test_the_warning_about_the_site_address_is_only_for_lenient_builds(tmp_path):
    root = site_project(clean_kb(tmp_path / "kb"))
    mkdocs = shutil.which("mkdocs", path=str(REPO / ".venv/bin")) or "mkdocs"
    import subprocess
    env = {k: v for k, v in os.environ.items() if k != "READINGLIST_SITE_URL"}
    lenient = subprocess.run([mkdocs, "build", "--no-strict", "-d", str(tmp_path / "a")],
                             cwd=root, env=env, capture_output=True, text=True, timeout=300)
    strict = build_site(root, tmp_path / "b")
    message = "readinglist: site_url is not set"
    assert f"WARNING -  {message}" in lenient.stderr
    assert strict.returncode == 0 and f"INFO    -  {message}" in strict.stderr


def test_render_writes_the_feeds_with_the_address_it_is_given(tmp_path, capsys):
    from readinglist.cli.app import main
    root = clean_kb(tmp_path / "kb")
    assert main(["render", str(tmp_path / "out"), "--root", str(root),
                 "--site-url", "https://example.net/rl/"]) == 0
    feed = read_json_feed((tmp_path / "out/feed.json").read_text(encoding="utf-8"))
    assert feed["feed_url"] == "https://example.net/rl/feed.json"
    assert all(i["url"].startswith("https://example.net/rl/papers/") for i in feed["items"])
