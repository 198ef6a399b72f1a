"""The connections page, the local views and the timeline in the built site, read as HTML."""

from __future__ import annotations

import shutil
from pathlib import Path

from bs4 import BeautifulSoup

from scripted_git import clean_kb, site_project
from support import build_site
from test_site import section_after, soup
from readinglist.render.index import build_index
from readinglist.render.figures.timeline import points

XLINK = "xlink:href"


def nodes(svg) -> dict[str, object]:
    return {a["data-key"]: a for a in svg.select("a.rl-node")}


def arcs(svg) -> list[tuple[str, str]]:
    return [(p["data-from"], p["data-to"]) for p in svg.select("path.rl-arc")]


def test_connections_follows_tags_in_the_navigation(built_site):
    nav = soup(built_site, "index.html").select_one("nav.md-nav--primary > ul")
    titles = [a.get_text(strip=True) for a in nav.find_all("a", recursive=True)]
    assert titles.index("Connections") == titles.index("Tags") + 1


def test_every_edge_is_drawn_once(built_site, kb):
    svg = soup(built_site, "connections/index.html").select_one("svg#rl-arcs-all")
    assert sorted(arcs(svg)) == sorted(build_index(kb).graph.edges)
    assert len(set(arcs(svg))) == len(arcs(svg))


def test_every_node_is_a_link_to_an_existing_paper_page_named_by_its_title(built_site, kb):
    svg = soup(built_site, "connections/index.html").select_one("svg#rl-arcs-all")
    graph = build_index(kb).graph
    found = nodes(svg)
    assert list(found) == list(graph.connected())
    for key, link in found.items():
        target = (built_site / "connections" / link[XLINK] / "index.html").resolve()
        assert target == (built_site / "papers" / key / "index.html").resolve()
        assert target.is_file()
        assert link["aria-label"] == f"{link.text}: {kb.papers[key].title}"
        assert link["role"] == "link"


def test_the_list_under_the_figure_names_every_edge_once(built_site, kb):
    page = soup(built_site, "connections/index.html")
    listed = []
    for item in section_after(page, "the-connections-as-a-list")[0].find_all("li"):
        source, *targets = [a["href"].split("/")[-2] for a in item.find_all("a")]
        listed += [(source, target) for target in targets]
    assert sorted(listed) == sorted(build_index(kb).graph.edges)


def test_papers_nobody_connects_are_listed_beside_the_figure(built_site, kb):
    page = soup(built_site, "connections/index.html")
    aside = page.select_one(".rl-connections .rl-unconnected")
    keys = [a["href"].split("/")[-2] for a in aside.select("li a")]
    assert keys == list(build_index(kb).graph.unconnected())


def test_a_paper_page_shows_its_neighbours_above_cited_in(built_site, kb):
    graph = build_index(kb).graph
    for key in kb.papers:
        page = soup(built_site, f"papers/{key}/index.html")
        svg = page.select_one("svg#rl-arcs-local")
        if key not in graph.cites and key not in graph.cited_by:
            assert svg is None
            continue
        assert set(nodes(svg)) == set(graph.cites.get(key, ())) | set(graph.cited_by.get(key, ()))
        assert svg.select_one(".rl-node--here")["data-key"] == key
        headings = [h["id"] for h in page.find_all("h2")]
        if "cited-in" in headings:
            assert headings.index("connected-papers") == headings.index("cited-in") - 1


def test_the_progress_page_draws_the_history_with_its_table(built_site, kb):
    page = soup(built_site, "progress/index.html")
    svg = page.select_one("svg.rl-timeline")
    assert svg["role"] == "img" and svg.find("title").get_text()
    series = points(kb.history)
    rows = page.select("details.rl-timeline-table table tbody tr")
    assert [[td.get_text() for td in row.find_all("td")] for row in rows] == \
        [[p.day, *map(str, p.counts)] for p in series]
    ticks = [t.get_text() for t in svg.select("text.rl-timeline__tick")]
    assert series[0].day in ticks and "0" in ticks


def test_a_copy_without_git_says_the_timeline_cannot_be_drawn(tmp_path):
    root = site_project(clean_kb(tmp_path / "kb"))
    shutil.rmtree(root / ".git")
    result = build_site(root, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    page = BeautifulSoup((tmp_path / "site/progress/index.html").read_text(encoding="utf-8"),
                         "html.parser")
    assert page.select_one("svg.rl-timeline") is None
    assert "No history to draw" in page.select_one(".admonition").get_text()
    assert Path(tmp_path / "site/connections/index.html").is_file()
