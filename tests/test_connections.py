"""The connection graph and its figures: golden SVG, feeds and page for a small knowledge base.

tests/cases/connections/kb has a note citing itself, two notes citing each other, a citation
of a key not in bib/, a paper listed twice, one nobody connects, one in no topic, and titles
with <, &, quotes and math. Regenerate tests/cases/connections/expected/ with
`pytest --update-cases` and review the diff.
"""

from __future__ import annotations

import dataclasses
import re
import shutil
import xml.etree.ElementTree as ET

import pytest

from scripted_git import committed_kb
from support import CASES
from readinglist import load
from readinglist.render import Site, feeds, render
from readinglist.render.figures import connections
from readinglist.render.index import build_index
from readinglist.render.markup import Lists
from readinglist.render.figures.timeline import points, timeline_svg

EXPECTED = CASES / "connections" / "expected"
SITE = Site("A test list", "https://example.org/list/", "What the tests read")
EDGES = {("germain2019linear", "hopper2022optimizers"),
         ("lovelace2020kernels", "germain2019linear"),
         ("lovelace2020kernels", "noether2021learning"),
         ("noether2021learning", "lovelace2020kernels"),
         ("hopper2022optimizers", "curie2023footnotes")}
SVG = re.compile(r"<svg .*?</svg>", re.DOTALL)
XLINK = "{http://www.w3.org/1999/xlink}href"
NS = {"svg": "http://www.w3.org/2000/svg"}


@pytest.fixture(scope="module")
def kb(tmp_path_factory):
    return load(committed_kb(tmp_path_factory.mktemp("golden") / "kb"))[0]


def outputs(kb) -> dict[str, str]:
    pages = render(kb)
    return {"connections.md": pages["connections.md"],
            "local-lovelace2020kernels.svg":
                SVG.search(pages["papers/lovelace2020kernels.md"]).group(0) + "\n",
            "timeline.svg": timeline_svg(points(kb.history)) + "\n",
            **feeds(kb, SITE)}


@pytest.mark.parametrize("name", ["connections.md", "local-lovelace2020kernels.svg",
                                  "timeline.svg", "feed.xml", "feed.json"])
def test_golden_output(kb, name, update_cases):
    actual = outputs(kb)[name]
    if update_cases:
        EXPECTED.mkdir(parents=True, exist_ok=True)
        (EXPECTED / name).write_text(actual, encoding="utf-8")
    assert actual == (EXPECTED / name).read_text(encoding="utf-8")


def figure(kb) -> ET.Element:
    return ET.fromstring(SVG.search(render(kb)["connections.md"]).group(0))


def test_the_same_knowledge_base_gives_byte_identical_svg(kb):
    shuffled = dataclasses.replace(kb, notes=dict(reversed(list(kb.notes.items()))),
                                   papers=dict(reversed(list(kb.papers.items()))))
    assert render(shuffled)["connections.md"] == render(kb)["connections.md"]


def test_every_edge_is_drawn_once_and_no_other(kb):
    arcs = [(p.get("data-from"), p.get("data-to")) for p in figure(kb).iter(f"{{{NS['svg']}}}path")]
    assert sorted(arcs) == sorted(EDGES)


def test_every_node_is_a_link_to_its_paper_named_by_its_title(kb):
    nodes = figure(kb).findall(".//svg:a", NS)
    keys = {key for edge in EDGES for key in edge}
    assert sorted(a.get("data-key") for a in nodes) == sorted(keys)
    for a in nodes:
        assert a.get(XLINK) == f"../papers/{a.get('data-key')}/"
        assert a.get("role") == "link"
        label = a.find("svg:text", NS).text
        assert a.get("aria-label") == f"{label}: {kb.papers[a.get('data-key')].title}"


def test_titles_with_markup_and_math_stay_text(kb):
    names = {a.get("data-key"): a.get("aria-label") for a in figure(kb).findall(".//svg:a", NS)}
    assert names["lovelace2020kernels"] == \
        'Lovelace and Babbage, 2020: Kernels & Features: When "Wide" < Deep'
    assert r"Learning $\ell_2$-Regularized Networks" in names["noether2021learning"]
    headings = [t.text for t in figure(kb).iter(f"{{{NS['svg']}}}text")]
    assert "1. Linear < models > & co" in headings


def test_a_paper_listed_twice_is_one_node_where_it_is_first_listed(kb):
    svg = figure(kb)
    texts = [t.text for t in svg.iter(f"{{{NS['svg']}}}text")]
    hopper = "Hopper et al., 2022"
    assert texts.count(hopper) == 1
    assert texts.index("Models") < texts.index(hopper) < texts.index("Not in a topic")
    assert "Optimization" not in texts


def test_unconnected_papers_are_listed_beside_the_figure(kb):
    page = render(kb)["connections.md"]
    aside = page.split("## Not yet connected", 1)[1].split("## ", 1)[0]
    assert re.findall(r"\]\(papers/(\w+)\.md\)", aside) == ["franklin2018unconnected"]


def test_the_text_alternative_names_each_edge_once(kb):
    text = render(kb)["connections.md"].split("## The connections, as a list { data-search-exclude }\n", 1)[1]
    listed = set()
    for line in text.strip().splitlines():
        source, *targets = re.findall(r"\]\(papers/(\w+)\.md\)", line)
        assert len(targets) == len(set(targets))
        listed |= {(source, target) for target in targets}
    assert listed == EDGES


def test_the_local_view_is_the_paper_and_its_neighbours(kb):
    page = render(kb)["papers/lovelace2020kernels.md"]
    svg = ET.fromstring(SVG.search(page).group(0))
    linked = [a.get("data-key") for a in svg.findall(".//svg:a", NS)]
    here = svg.findall(".//svg:g[@data-key]", NS)
    assert linked == ["germain2019linear", "noether2021learning"]
    assert [g.get("data-key") for g in here] == ["lovelace2020kernels"]
    arcs = {(p.get("data-from"), p.get("data-to")) for p in svg.iter(f"{{{NS['svg']}}}path")}
    assert arcs == {e for e in EDGES if "lovelace2020kernels" in e}
    assert page.index("## Connected papers") < page.index("## Cited in")


def test_a_paper_nobody_connects_has_no_local_view(kb):
    assert "Connected papers" not in render(kb)["papers/franklin2018unconnected.md"]


def test_above_the_threshold_the_figure_shows_topics(kb, monkeypatch):
    monkeypatch.setattr(connections, "AGGREGATE_ABOVE", 3)
    pages = connections.connection_pages(kb, build_index(kb))
    svg = ET.fromstring(SVG.search(pages["connections.md"]).group(0))
    nodes = {a.get("data-key"): a.get(XLINK) for a in svg.findall(".//svg:a", NS)}
    assert nodes == {"models/linear": "models/linear/", "models/kernels": "models/kernels/",
                     "": "not-in-a-topic/"}
    assert set(pages) == {"connections.md", "connections/models/linear.md",
                          "connections/models/kernels.md", "connections/not-in-a-topic.md"}
    weights = {(p.get("data-from"), p.get("data-to")): p.get("stroke-width")
               for p in svg.iter(f"{{{NS['svg']}}}path")}
    assert weights == {("models/linear", "models/kernels"): "3.1",   # three citations
                       ("models/kernels", ""): None}                 # one
    assert "- 1 citation inside [Models › 1. Linear &lt; models \\> &amp; co]" \
        "(connections/models/linear.md)\n" in pages["connections.md"]


def test_a_topic_page_draws_the_topic_and_the_papers_it_connects_with(kb, monkeypatch):
    monkeypatch.setattr(connections, "AGGREGATE_ABOVE", 3)
    page = connections.connection_pages(kb, build_index(kb))["connections/models/kernels.md"]
    svg = ET.fromstring(SVG.search(page).group(0))
    assert {a.get("data-key") for a in svg.findall(".//svg:a", NS)} == \
        {"noether2021learning", "hopper2022optimizers", "lovelace2020kernels",
         "germain2019linear", "curie2023footnotes"}
    assert all(a.get(XLINK).startswith("../../../papers/") for a in svg.findall(".//svg:a", NS))


def test_a_real_sized_list_aggregates_and_links_every_topic(tmp_path):
    import sys
    from support import REPO
    sys.path.insert(0, str(REPO / "scripts"))
    from bench.generate import generate
    kb = load(generate(tmp_path / "big", 400), history=False)[0]
    index = build_index(kb)
    pages = connections.connection_pages(kb, index)
    svg = ET.fromstring(SVG.search(pages["connections.md"]).group(0))
    links = [a.get(XLINK) for a in svg.findall(".//svg:a", NS)]
    assert len(links) == len(pages) - 1
    topic_pages = {f"connections/{link.rstrip('/')}.md" for link in links}
    assert topic_pages == set(pages) - {"connections.md"}
    counts = [int(n) for n in re.findall(r"^- (\d+) citations? ", pages["connections.md"], re.M)]
    assert sum(counts) == len(index.graph.edges)


def test_for_mkdocs_the_topic_pairs_are_raw_html_with_built_links(kb, monkeypatch):
    monkeypatch.setattr(connections, "AGGREGATE_ABOVE", 3)
    page = connections.connection_pages(kb, build_index(kb), Lists(raw_html=True))
    assert '<ul class="rl-pairs">\n<li>1 citation inside <a href="models/linear/">Models › ' \
        '1. Linear &lt; models &gt; &amp; co</a></li>\n' in page["connections.md"]
    kernels = page["connections/models/kernels.md"]
    assert '<ul class="rl-edges">\n<li><a href="../../../papers/' in kernels


def test_a_topic_page_is_drawn_again_when_a_title_it_shows_changes(kb, tmp_path, monkeypatch):
    """Topic pages drawn once are kept by what they read: a title is part of it."""
    monkeypatch.setattr(connections, "AGGREGATE_ABOVE", 3)
    page = "connections/models/kernels.md"
    before = connections.connection_pages(kb, build_index(kb))[page]
    root = shutil.copytree(CASES / "connections" / "kb", tmp_path / "kb")
    bib = root / "bib" / "references.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace(
        "Learning $\\ell_2$-Regularized Networks", "Learning Renamed Networks"), encoding="utf-8")
    retitled = load(root, history=False)[0]
    after = connections.connection_pages(retitled, build_index(retitled))[page]
    assert "Learning Renamed Networks" in after and "Learning Renamed Networks" not in before
    assert connections.connection_pages(kb, build_index(kb))[page] == before
