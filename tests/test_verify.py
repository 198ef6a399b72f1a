"""`readinglist verify` against a fake arXiv, Crossref and doi.org on 127.0.0.1."""

from __future__ import annotations

import json

import pytest

from fakes import FakeScholarlyServer
from support import write_tree
from readinglist.cli import main

CONFIG = "[verify]\narxiv_interval_seconds = 0.3\narxiv_batch_size = 2\n"
ENTRY = """@misc{{{key},
  title         = {{{title}}},
  author        = {{{author}}},
  year          = {{{year}}},
  eprint        = {{{arxiv}}},
  archiveprefix = {{arXiv}},
}}
"""


@pytest.fixture
def scholarly(monkeypatch):
    server = FakeScholarlyServer()
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    yield server
    server.close()


def run(root, *args) -> int:
    return main(["verify", *args, "--root", str(root)])


def paper(server, arxiv, title, authors, year, **extra):
    server.arxiv[arxiv] = {"title": title, "authors": authors, "year": year, **extra}


@pytest.fixture
def knowledge_base(base_tree, scholarly):
    """The base tree: smith2020deep (arXiv 2001.00001) and jones2019kernel (DOI)."""
    paper(scholarly, "2001.00001", "On Deep Networks", ["Jane Smith"], "2020")
    scholarly.crossref["10.1000/xyz123"] = {
        "type": "journal-article", "title": ["Kernel Methods for Deep Learning"],
        "author": [{"family": "Jones", "given": "Ada"}], "issued": {"date-parts": [[2019]]}}
    write_tree(base_tree, {"readinglist.toml": CONFIG})
    return base_tree


def test_agreeing_metadata_verifies_clean(knowledge_base, scholarly, capsys):
    assert run(knowledge_base) == 0
    assert capsys.readouterr().out == ""


def test_arxiv_is_asked_in_batches_one_request_at_a_time(knowledge_base, scholarly):
    for i in range(2, 6):
        arxiv = f"2001.0000{i}"
        paper(scholarly, arxiv, f"Paper {i}", ["Jo Doe"], "2020")
        write_tree(knowledge_base, {f"bib/p{i}.bib": ENTRY.format(
            key=f"doe2020paper{i}", title=f"Paper {i}", author="Doe, Jo", year=2020,
            arxiv=arxiv)})
    assert run(knowledge_base) == 0
    arxiv = [(path, t) for path, t in zip(scholarly.requests, scholarly.times)
             if path.startswith("/arxiv")]
    assert len(arxiv) == 3                       # five ids, two a batch
    assert all("%2C" in path for path, _ in arxiv[:2])
    gaps = [b - a for (_, a), (_, b) in zip(arxiv, arxiv[1:])]
    assert all(gap >= 0.28 for gap in gaps)      # arxiv_interval_seconds = 0.3


def test_mismatches_are_reported_on_their_fields(knowledge_base, scholarly, capsys):
    paper(scholarly, "2001.00001", "On Shallow Networks", ["Jane Smyth"], "2021")
    assert run(knowledge_base) == 1
    assert capsys.readouterr().out.splitlines() == [
        "bib/references.bib:9:3: metadata-mismatch: title differs from arXiv's: "
        "'On Shallow Networks'",
        "bib/references.bib:10:3: metadata-mismatch: first author 'Smith' differs from "
        "arXiv's 'Smyth'",
        "bib/references.bib:11:3: metadata-mismatch: year 2020 differs from arXiv's 2021"]


def test_unknown_ids_are_unresolved(knowledge_base, scholarly, capsys):
    del scholarly.arxiv["2001.00001"]
    scholarly.crossref.clear()
    assert run(knowledge_base) == 1
    assert capsys.readouterr().out.splitlines() == [
        "bib/references.bib:5:3: unresolved-identifier: DOI 10.1000/xyz123 is known neither to "
        "Crossref nor to doi.org",
        "bib/references.bib:12:3: unresolved-identifier: arXiv does not know 2001.00001; "
        "check the id"]
    assert any(r.startswith("/doi/") for r in scholarly.requests)   # the fallback was asked


def test_a_published_preprint_is_reported_with_its_venue(knowledge_base, scholarly, capsys):
    paper(scholarly, "2001.00001", "On Deep Networks", ["Jane Smith"], "2020",
          journal_ref="Proceedings of ICML 2020", doi="10.5555/icml.1")
    assert run(knowledge_base) == 0      # a warning: worth doing, not broken
    assert capsys.readouterr().out == (
        "bib/references.bib:12:3: published-preprint: arXiv lists 2001.00001 as published in "
        "'Proceedings of ICML 2020' (doi 10.5555/icml.1); add the venue\n")


def test_crossref_rate_limit_headers_are_obeyed(knowledge_base, scholarly):
    scholarly.crossref["10.1000/second"] = {"type": "journal-article", "title": ["Second"],
                                            "author": [{"family": "Doe", "given": "Jo"}],
                                            "issued": {"date-parts": [[2021]]}}
    write_tree(knowledge_base, {"bib/more.bib": "@article{doe2021second,\n  title = {Second},\n"
                                "  author = {Doe, Jo},\n  year = {2021},\n"
                                "  doi = {10.1000/second},\n}\n"})
    assert run(knowledge_base) == 0
    crossref = [t for path, t in zip(scholarly.requests, scholarly.times)
                if path.startswith("/crossref")]
    assert len(crossref) == 2 and crossref[1] - crossref[0] >= 0.18   # 5 a second


def test_offline_uses_the_cache_only(knowledge_base, scholarly, capsys):
    assert run(knowledge_base) == 0
    asked = len(scholarly.requests)
    assert run(knowledge_base, "--offline") == 0
    assert len(scholarly.requests) == asked
    (knowledge_base / ".cache/readinglist/verify.json").unlink()
    assert run(knowledge_base, "--offline") == 0
    assert "identifiers not in the cache were skipped" in capsys.readouterr().err
    assert len(scholarly.requests) == asked


def test_an_arxiv_error_reply_is_a_clear_failure(knowledge_base, scholarly, capsys,
                                                 monkeypatch):
    from readinglist.net import client
    monkeypatch.setattr(client, "arxiv_query", lambda ids, endpoints:
                        f"{endpoints.arxiv}?id_list=bad-id")
    assert run(knowledge_base) == 1
    assert "arXiv answered with an error: incorrect id format for bad-id" in \
        capsys.readouterr().err


def test_a_doi_on_arxiv_alone_also_marks_a_published_preprint(knowledge_base, scholarly,
                                                              capsys):
    paper(scholarly, "2001.00001", "On Deep Networks", ["Jane Smith"], "2020",
          doi="10.5555/journal.2")
    assert run(knowledge_base) == 0
    assert capsys.readouterr().out == (
        "bib/references.bib:12:3: published-preprint: arXiv lists 2001.00001 as published "
        "(doi 10.5555/journal.2); add the venue\n")


def test_json_results_go_to_a_file_and_the_exit_status_stays(knowledge_base, scholarly,
                                                              tmp_path, capsys):
    paper(scholarly, "2001.00001", "On Deep Networks", ["Jane Smith"], "2021")
    output = tmp_path / "verify.json"
    assert run(knowledge_base, "--format", "json", "--output", str(output)) == 1
    assert capsys.readouterr().out == ""
    assert json.loads(output.read_text()) == [{
        "path": "bib/references.bib", "line": 11, "col": 3, "code": "metadata-mismatch",
        "message": "year 2020 differs from arXiv's 2021", "severity": "error"}]
