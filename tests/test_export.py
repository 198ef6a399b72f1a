"""`readinglist export`: the JSON contract, and the curator's whole list in it, in order."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from readinglist.model import BibField, Paper
from support import CASES, REPO, write_tree

PAPER_KEYS = {"title", "authors", "year", "venue", "venue_kind", "arxiv", "doi", "url", "status",
              "tags", "note", "cites", "oneline", "abstract", "proposed"}


def export(root) -> dict:
    result = subprocess.run([sys.executable, "-m", "readinglist", "export", "--root", str(root)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def real_export() -> dict:
    return export(REPO)


def outline(data: dict) -> list[str]:
    """The export as indented lines; papers as key and normalised title."""
    lines = []

    def walk(topics, depth):
        for topic in topics:
            lines.append("  " * depth + f"topic: {topic['title']}")
            for item in topic["items"]:
                kind, value = next(iter(item.items()))
                extra = f" {item['candidates']}" if item.get("candidates") else ""
                lines.append("  " * (depth + 1) + f"{kind}: {value}{extra}")
            walk(topic["topics"], depth + 1)

    for section in data["sections"]:
        lines.append(f"section: {section['title']}")
        walk(section["topics"], 1)
    return lines


def normalise(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", title.lower()).strip()


def expected_outline(papers: dict) -> list[str]:
    """The seed outline with each '= Title' resolved to the key of the paper with that title."""
    by_title = {normalise(p["title"]): key for key, p in papers.items()}
    lines = []
    for raw in (CASES / "seed-outline.txt").read_text(encoding="utf-8").splitlines():
        if raw.startswith("#"):
            continue
        line = raw.split("  #", 1)[0].rstrip() if "paper:" in raw else raw
        if "paper: = " in line:
            head, title = line.split("paper: = ")
            line = f"{head}paper: {by_title.get(normalise(title), 'NO PAPER TITLED ' + title)}"
        lines.append(line)
    return lines


def test_export_holds_every_line_of_the_seed_in_order(real_export):
    assert outline(real_export) == expected_outline(real_export["papers"])


def test_models_frontier_runs_in_the_seed_order(real_export):
    models = next(s for s in real_export["sections"] if s["id"] == "models")
    assert models["order"] == "frontier"
    assert [t["title"] for t in models["topics"]] == [
        "Linear regression", "Kernel regression", "NNGP / NTK", "Linear networks", "RFMs",
        "Mean field / muP", "MLPs", "Transformers", "SSM"]


def test_export_uses_exactly_the_documented_keys(real_export):
    assert set(real_export) == {"version", "sections", "papers", "proposals"}
    assert real_export["version"] == 1
    assert [s["id"] for s in real_export["sections"]] == [
        "hyperparams", "models", "optimization", "data", "other"]
    for section in real_export["sections"]:
        assert set(section) == {"id", "title", "intro", "order", "source", "source_note", "topics"}
    for paper in real_export["papers"].values():
        assert set(paper) == PAPER_KEYS


def test_paper_fields_are_decoded_for_readers(base_tree):
    papers = export(base_tree)["papers"]
    assert papers["jones2019kernel"] == {
        "title": "Kernel Methods for Deep Learning", "authors": ["Ada Jones", "Bo Müller"],
        "year": "2019", "venue": None, "venue_kind": "other", "arxiv": None,
        "doi": "10.1000/xyz123", "url": None,
        "status": None, "tags": [], "note": None, "cites": [], "oneline": None, "abstract": None,
        "proposed": False}
    assert papers["smith2020deep"] == {
        "title": "On Deep Networks", "authors": ["Jane Smith"], "year": "2020",
        "venue": "arXiv", "venue_kind": "preprint", "arxiv": "2001.00001", "doi": None,
        "url": None, "status": "read",
        "tags": ["scaling-laws", "kernel-regime"], "note": "notes/smith2020deep.md",
        "cites": ["jones2019kernel"],
        "oneline": "Deep networks, compared with kernels [@jones2019kernel]; math $a^2$.",
        "abstract": None, "proposed": False}


ARXIV = {"eprint": "2101.00001", "archiveprefix": "arXiv"}


@pytest.mark.parametrize("entry_type, fields, kind", [
    ("inproceedings", {"booktitle": "Advances in NeurIPS", **ARXIV}, "conference"),
    ("article", {"journal": "Proceedings of the National Academy of Sciences"}, "journal"),
    ("article", {"journal": "arXiv preprint arXiv:2101.00001"}, "preprint"),
    ("misc", ARXIV, "preprint"),
    ("misc", {"howpublished": "bioRxiv"}, "preprint"),
    ("misc", {"howpublished": "Transformer Circuits Thread", **ARXIV}, "other"),
    ("misc", {"howpublished": "Blog post"}, "other"),
    ("phdthesis", {"school": "UC Berkeley"}, "other"),
    ("incollection", {"booktitle": "Neural Networks: Tricks of the Trade"}, "other"),
])
def test_each_paper_has_one_kind_of_venue(entry_type, fields, kind):
    entry = tuple(BibField(name, value, 1) for name, value in fields.items())
    assert Paper("k", entry_type, entry, "", "bib/references.bib", 1).venue_kind == kind


def test_export_refuses_a_broken_knowledge_base(base_tree):
    write_tree(base_tree, {"taxonomy/data.yml": "id: data\ntitle: Data\ntopics: [\n"})
    result = subprocess.run([sys.executable, "-m", "readinglist", "export", "--root",
                             str(base_tree)], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.startswith("taxonomy/data.yml:4:1: yaml-syntax: ")


def test_every_frontier_topic_says_why_it_is_there(real_export):
    models = next(s for s in real_export["sections"] if s["id"] == "models")
    assert all(topic["why"] for topic in models["topics"])


def test_proposals_are_listed_apart_and_their_papers_flagged(base_tree):
    write_tree(base_tree, {
        "bib/proposed.bib": "@article{doe2026fresh,\n  title = {A Fresh Look at Kernels},\n"
                            "  author = {Doe, Jo},\n  year = {2026},\n"
                            "  doi = {10.1000/fresh1},\n}\n",
        "taxonomy/proposals.yml": "proposals:\n  - paper: doe2026fresh\n"
                                  "    openalex: W4390000001\n    kind: cited-by-list\n"
                                  "    connects: [jones2019kernel, smith2020deep]\n"
                                  "    topic: models/kernels\n    found: \"2026-12-07\"\n"})
    data = export(base_tree)
    assert data["version"] == 1
    assert data["proposals"] == [{
        "key": "doe2026fresh", "openalex": "W4390000001", "kind": "cited-by-list",
        "connects": ["jones2019kernel", "smith2020deep"], "topic": "models/kernels",
        "todos": [{"topic": "models/kernels", "todo": "Find more kernel papers"}], "score": 2,
        "found": "2026-12-07", "published": None}]
    assert [key for key, paper in data["papers"].items() if paper["proposed"]] == \
        ["doe2026fresh"]
