"""`readinglist discover` against a fake OpenAlex (and a fake arXiv) on 127.0.0.1.

The graph: three listed papers (L1 jones2019kernel by DOI, L2 smith2020deep by arXiv id, L3
lee2021wide by DOI) and the works around them. Planted proposals, best first:
W201 cites L1, L2, L3 (score 3); W900 is cited by L1, L2, L3 (score 3, older); W200 cites L1
and L2; W204, the published version of the preprint W203, cites L2 and L3 (one proposal, with
the preprint's arXiv id); W206 (a hostile title) cites L1 and L3; W901 (the oldest of these)
is cited by L1 and L2.
Not proposed: W202 cites only L1; W205 is retracted; W207 has no authors; W208 is older than
--since; W903 (cited by L2 and L3) was rejected; W902 is cited by L1 only.
"""

from __future__ import annotations

import json

import pytest

from fake_openalex import FakeOpenAlex, work
from fakes import FakeScholarlyServer
from support import write_tree
from readinglist import check, load
from readinglist.cli import main
from readinglist.net.graph import known_identities
from readinglist.net.works import read_work

SINCE = "2026-01-01"
CONFIG = ("[discover]\nper_page = 2\nbatch_size = 2\nbackoff_seconds = 0\nretries = 3\n"
          "[verify]\narxiv_interval_seconds = 0\n")
LEE = """
@article{lee2021wide,
  title         = {Wide Networks Are Kernels},
  author        = {Lee, Kim},
  year          = {2021},
  journal       = {Journal of Wide Things},
  doi           = {10.1000/wide},
}
"""
NETWORKS = """id: models
title: Models
order: frontier
topics:
  - id: kernels
    title: Kernels
    why: The simplest model that still learns.
    items:
      - paper: jones2019kernel
      - todo: Find more kernel papers
        candidates: [smith2020deep]
  - id: networks
    title: Networks
    items:
      - paper: lee2021wide
      - question: What does it mean to understand?
"""
REJECTED = """checked: "2025-12-01"
proposals: []
rejected:
  - openalex: W903
    title: Old Foundations
    why: off topic
"""
PLANTED = ["W201", "W900", "W200", "W204", "W206", "W901"]


def graph(fake: FakeOpenAlex) -> None:
    fake.add(
        work(100, "Kernel Methods for Deep Learning", authors=["Ada Jones"], date="2019-05-01",
             doi="10.1000/xyz123", cites=[900, 901, 902]),
        work(101, "On Deep Networks", authors=["Jane Smith"], date="2020-03-01",
             doi="10.48550/arXiv.2001.00001", cites=[900, 901, 903], venue="arXiv",
             venue_type="repository"),
        work(102, "Wide Networks Are Kernels", authors=["Kim Lee"], date="2021-02-01",
             doi="10.1000/wide", cites=[900, 903, 904]),
        work(200, "Two Citations Suffice", date="2026-10-01", cites=[100, 101],
             venue="Journal of Things", doi="10.1000/two"),
        work(201, "Citing Everything", authors=["Ann Bee", "Cy Dee"], date="2026-06-01",
             cites=[100, 101, 102], venue="Conference on Things", venue_type="conference",
             abstract="We cite all three papers."),
        work(202, "Citing One", date="2026-07-01", cites=[100]),
        work(203, "A Preprint of Note", authors=["Pat Green"], date="2026-02-01",
             doi="10.48550/arXiv.2602.00001", cites=[101, 102], venue="arXiv",
             venue_type="repository"),
        work(204, "A Preprint of Note", authors=["Pat Green"], date="2026-09-01",
             doi="10.1000/published", cites=[101, 102], venue="Journal of Things"),
        work(205, "Retracted Work", date="2026-05-01", cites=[100, 101], retracted=True),
        work(206, "<i>Deep</i> <img src=x onerror=alert(1)> nets", date="2026-04-01",
             cites=[100, 102], abstract="Text <script>alert(1)</script> here."),
        work(207, "No Authors", authors=[], date="2026-05-02", cites=[100, 101]),
        work(208, "Too Old", date="2025-06-01", cites=[100, 101]),
        work(900, "Foundations", authors=["Old Master"], date="2015-01-01", doi="10.1000/f"),
        work(901, "More Foundations", authors=["Old Master"], date="2016-01-01"),
        work(902, "Cited Once", date="2014-01-01"),
        work(903, "Old Foundations", date="2013-01-01"),
        work(904, "Also Cited Once", date="2012-01-01"))


@pytest.fixture
def openalex(monkeypatch):
    fake = FakeOpenAlex()
    graph(fake)
    monkeypatch.setenv("READINGLIST_OPENALEX_API", fake.base)
    monkeypatch.setenv("READINGLIST_OPENALEX_KEY", "sekrit-key")
    yield fake
    fake.close()


@pytest.fixture
def arxiv(monkeypatch):
    server = FakeScholarlyServer()
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    server.arxiv["2602.00001"] = {"title": "A Preprint of Note", "authors": ["Pat Green"],
                                  "year": "2026"}
    yield server
    server.close()


@pytest.fixture
def tree(base_tree, openalex, arxiv):
    bib = (base_tree / "bib/references.bib").read_text() + LEE
    return write_tree(base_tree, {"readinglist.toml": CONFIG, "bib/references.bib": bib,
                                  "taxonomy/models.yml": NETWORKS,
                                  "taxonomy/proposals.yml": REJECTED})


def run(root, *args, capsys) -> tuple[int, dict | str, str]:
    status = main(["discover", "--since", SINCE, *args, "--root", str(root)])
    out, err = capsys.readouterr()
    return status, (json.loads(out) if "json" in args and out else out), err


def snapshot(root) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file() and ".cache" not in p.parts and p.name != ".readinglist.lock"}


def test_proposals_are_exactly_the_planted_ones_best_first(tree, capsys):
    status, result, _ = run(tree, "--format", "json", capsys=capsys)
    assert status == 0
    assert [p["openalex"] for p in result["proposals"]] == PLANTED
    assert [p["score"] for p in result["proposals"]] == [3, 3, 2, 2, 2, 2]
    first = result["proposals"][0]
    assert first | {"key": first["key"]} == {
        "key": "bee2026citing", "openalex": "W201", "doi": None, "arxiv": None,
        "title": "Citing Everything", "authors": ["Ann Bee", "Cy Dee"], "year": "2026",
        "venue": "Conference on Things", "kind": "cites-list",
        "connects": ["smith2020deep", "jones2019kernel", "lee2021wide"],
        "topic": "models/kernels", "todos": ["Find more kernel papers"], "score": 3}


def test_the_published_version_carries_the_preprints_arxiv_id(tree, capsys):
    _, result, _ = run(tree, "--format", "json", capsys=capsys)
    pair = next(p for p in result["proposals"] if p["openalex"] == "W204")
    # One paper in each of three topics: the tie goes to the first in taxonomy order.
    assert (pair["doi"], pair["arxiv"], pair["topic"]) == \
        ("10.1000/published", "2602.00001", "hyperparams/scaling")


def test_requests_follow_the_batch_formula(tree, openalex, capsys):
    _, result, _ = run(tree, "--format", "json", capsys=capsys)
    # 3 listed papers, 3 DOIs: ceil(3/2) = 2 resolve requests. 3 listed works in ceil(3/2) = 2
    # cites: filters; their citing works since SINCE: batch W100|W101 has 7 (4 pages of 2),
    # batch W102 has 3 (2 pages). 2 works cited twice or more (W900, W901; W903 is, but
    # filtered later): 3 works in ceil(3/2) = 2 requests.
    assert result["requests"] == len(openalex.requests) == 2 + 4 + 2 + 2
    assert all(int(r["per_page"]) <= 100 for r in openalex.requests)


def test_the_written_files_check_clean_and_stay_text(tree, capsys):
    run(tree, capsys=capsys)
    kb, problems = load(tree)
    assert [str(d) for d in problems + check(kb) if d.severity == "error"] == []
    assert [p.openalex for p in kb.proposals.ranked()] == PLANTED
    hostile = next(p for p in kb.proposals.proposals if p.openalex == "W206")
    assert kb.papers[hostile.key].title == "Deep nets"
    assert "<" not in (kb.papers[hostile.key].get("abstract") or "")


def test_a_second_run_changes_nothing(tree, capsys):
    run(tree, capsys=capsys)
    before = snapshot(tree)
    status, result, _ = run(tree, "--format", "json", capsys=capsys)
    assert (status, result["proposals"], snapshot(tree)) == (0, [], before)


def test_rejected_and_retracted_works_are_never_proposed(tree, capsys):
    _, result, _ = run(tree, "--format", "json", capsys=capsys)
    assert {"W903", "W205", "W207", "W202", "W208"}.isdisjoint(
        p["openalex"] for p in result["proposals"])


def test_429_is_waited_out_and_counted(tree, openalex, capsys):
    openalex.faults = ["429", "500", "malformed"]
    status, result, _ = run(tree, "--format", "json", capsys=capsys)
    assert status == 0 and [p["openalex"] for p in result["proposals"]] == PLANTED
    assert result["requests"] == 10 + 3


def test_a_spent_budget_stops_the_run_and_writes_nothing(tree, openalex, capsys):
    before = snapshot(tree)
    openalex.faults = ["200"] * 3 + ["429-budget"]
    status, _, err = run(tree, capsys=capsys)
    assert status == 1 and snapshot(tree) == before
    assert err.strip().endswith("nothing was written")
    assert "HTTP 429: the daily budget is spent: Daily budget exhausted" in err


def test_a_page_malformed_every_time_stops_the_run(tree, openalex, capsys):
    before = snapshot(tree)
    openalex.faults = ["truncated"] * 4   # the first try and three retries
    status, _, err = run(tree, capsys=capsys)
    assert status == 1 and snapshot(tree) == before
    assert "malformed or truncated page" in err and "sekrit" not in err


def test_the_key_is_sent_but_never_written(tree, openalex, capsys):
    run(tree, capsys=capsys)
    assert all(r.get("api_key") == "sekrit-key" for r in openalex.requests)
    assert all(b"sekrit" not in p.read_bytes() for p in tree.rglob("*") if p.is_file())


def test_without_a_key_one_line_says_so_and_pages_are_numbered(tree, openalex, monkeypatch,
                                                               capsys):
    monkeypatch.delenv("READINGLIST_OPENALEX_KEY")
    status, result, err = run(tree, "--format", "json", capsys=capsys)
    assert status == 0 and [p["openalex"] for p in result["proposals"]] == PLANTED
    assert err.count("\n") == 1 and "READINGLIST_OPENALEX_KEY" in err
    assert all("cursor" not in r and "api_key" not in r for r in openalex.requests)


def test_offline_reads_the_cache_only(tree, openalex, capsys):
    run(tree, "--dry-run", capsys=capsys)
    asked = len(openalex.requests)
    status, result, _ = run(tree, "--offline", "--format", "json", capsys=capsys)
    assert (status, len(openalex.requests)) == (0, asked)
    assert [p["openalex"] for p in result["proposals"]] == PLANTED


def test_dry_run_prints_the_diff_and_writes_nothing(tree, capsys):
    before = snapshot(tree)
    status, _, err = run(tree, "--dry-run", capsys=capsys)
    assert status == 0 and snapshot(tree) == before
    assert "+  - paper: bee2026citing" in err


def test_accept_puts_a_proposal_on_the_map_with_a_note_stub(tree, capsys):
    run(tree, capsys=capsys)
    assert main(["accept", "bee2026citing", "--root", str(tree)]) == 0
    kb, _ = load(tree)
    kernels = kb.sections[1].topics[0]
    assert "bee2026citing" in kernels.listed_keys()
    assert "bee2026citing" in kb.notes and kb.proposals.get("bee2026citing") is None
    assert [str(d) for d in check(kb) if d.severity == "error"] == []


def test_reject_is_remembered_by_the_next_run(tree, capsys):
    run(tree, capsys=capsys)
    assert main(["reject", "bee2026citing", "--why", "off topic", "--root", str(tree)]) == 0
    kb, _ = load(tree)
    assert "bee2026citing" not in kb.papers
    assert kb.proposals.rejected[-1].openalex == "W201"
    assert kb.proposals.rejected[-1].why == "off topic"
    capsys.readouterr()
    _, result, _ = run(tree, "--format", "json", capsys=capsys)
    assert result["proposals"] == []


def test_accept_of_an_unknown_key_names_the_pending_ones(tree, capsys):
    run(tree, capsys=capsys)
    assert main(["accept", "nobody2026x", "--root", str(tree)]) == 2
    assert "(pending: bee2026citing, " in capsys.readouterr().err



def test_a_setting_beyond_openalexs_limit_is_refused_before_any_request(tree, openalex,
                                                                         capsys):
    write_tree(tree, {"readinglist.toml": "[discover]\nper_page = 200\n"})
    status, _, err = run(tree, capsys=capsys)
    assert (status, openalex.requests) == (2, [])
    assert err == ("readinglist: readinglist.toml [discover]: per_page must be 1 to 100, "
                   "OpenAlex's limit\n")


def test_an_entry_named_by_an_arxiv_doi_or_address_knows_that_arxiv_ids_work(tmp_path):
    root = write_tree(tmp_path, {"bib/references.bib": (
        "@misc{ann2021first,\n  title = {A First Title},\n  author = {Ann, Bo},\n"
        "  year = {2021},\n  doi = {10.48550/arXiv.2101.00001},\n}\n\n"
        "@misc{cyd2022second,\n  title = {A Second Title},\n  author = {Cyd, Di},\n"
        "  year = {2022},\n  url = {https://arxiv.org/abs/2202.00002v2},\n}\n")})
    known = known_identities(load(root)[0])
    found = [known.find(read_work(work(n, "Titled otherwise", doi=f"10.48550/arXiv.{arxiv}")))
             for n, arxiv in ((1, "2101.00001"), (2, "2202.00002"), (3, "2303.00003"))]
    assert found == [True, True, None]
