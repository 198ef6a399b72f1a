"""`readinglist abstracts` against a fake arXiv on 127.0.0.1 whose abstracts are invented."""

from __future__ import annotations

import errno
import os

import pytest

from fakes import FakeScholarlyServer
from support import write_tree
from test_add import assert_untouched, snapshot
from readinglist.cli import main
from readinglist.edit import transaction

CONFIG = ("[verify]\narxiv_interval_seconds = 0.2\narxiv_batch_size = 2\n"
          "backoff_seconds = 0.05\n")
ENTRY = """@misc{{doe2020paper{letter},
  title         = {{Paper {i}}},
  author        = {{Doe, Jo}},
  year          = {{2020}},
  eprint        = {{2002.0000{i}}},
  archiveprefix = {{arXiv}},
}}
"""


def invented(i) -> str:
    return f"An invented abstract number {i},\n  wrapped as arXiv wraps them, with $x_{i}$ & 5%."


def stored(i) -> str:
    return (f"  abstract      = {{An invented abstract number {i}, wrapped as arXiv wraps them, "
            f"with $x_{i}$ \\& 5\\%.}},")


@pytest.fixture
def arxiv(monkeypatch):
    server = FakeScholarlyServer()
    for name, value in server.env().items():
        monkeypatch.setenv(name, value)
    server.arxiv["2001.00001"] = {"title": "On Deep Networks", "authors": ["Jane Smith"],
                                  "year": "2020", "abstract": invented(0)}
    for i in (1, 2, 3):
        server.arxiv[f"2002.0000{i}"] = {"title": f"Paper {i}", "authors": ["Jo Doe"],
                                         "year": "2020", "abstract": invented(i)}
    yield server
    server.close()


@pytest.fixture
def tree(base_tree):
    """The base tree (smith2020deep has an arXiv id, jones2019kernel only a DOI) and three more
    arXiv entries in a second bib file."""
    return write_tree(base_tree, {"readinglist.toml": CONFIG, "bib/more.bib": "\n".join(
        ENTRY.format(i=i, letter=" abc"[i]) for i in (1, 2, 3))})


def run(root, *args) -> int:
    return main(["abstracts", *args, "--root", str(root)])


def diagnostics(out: str) -> list[str]:
    """The diagnostic lines of the output, without the summary of what was written."""
    return [line for line in out.splitlines() if line.startswith("bib/")]


def arxiv_requests(server) -> list[tuple[str, float]]:
    return [(path, t) for path, t in zip(server.requests, server.times)
            if path.startswith("/arxiv")]


def test_each_abstract_becomes_its_entry_last_field_and_nothing_else_changes(tree, arxiv,
                                                                           capsys):
    before = snapshot(tree)
    assert run(tree) == 0
    after = snapshot(tree)
    assert {p for p in after if after[p] != before.get(p)} == {
        "bib/references.bib", "bib/more.bib", ".cache/readinglist/verify.json"}
    for path, first_key in (("bib/more.bib", 1), ("bib/references.bib", 0)):
        old, new = before[path].decode().split("\n"), after[path].decode().split("\n")
        added = [stored(i) for i in ((1, 2, 3) if first_key else (0,))]
        assert [line for line in new if line not in added] == old      # only new lines
        for line in added:                                             # each its entry's last
            assert new[new.index(line) + 1] == "}"
    assert capsys.readouterr().out == ("added abstracts to 4 entries: doe2020papera, "
                                       "doe2020paperb, doe2020paperc, smith2020deep\n"
                                       "  changed bib/more.bib\n  changed bib/references.bib\n")
    assert main(["check", "--root", str(tree)]) == 0
    assert main(["fmt", "--check", "--root", str(tree)]) == 0


def test_arxiv_is_asked_in_batches_at_its_pace(tree, arxiv):
    assert run(tree) == 0
    asked = arxiv_requests(arxiv)
    assert len(asked) == 2                                   # four ids, two a batch
    assert all(b - a >= 0.19 for (_, a), (_, b) in zip(asked, asked[1:]))


def test_a_second_run_asks_nothing_and_changes_nothing(tree, arxiv, capsys):
    assert run(tree) == 0
    before, asked = snapshot(tree), len(arxiv.requests)
    capsys.readouterr()
    assert run(tree) == 0
    assert snapshot(tree) == before and len(arxiv.requests) == asked
    assert capsys.readouterr().err == ("readinglist: every entry with an arXiv id already has "
                                       "an abstract; nothing to do\n")


def test_dry_run_prints_the_diff_and_writes_nothing_to_bib(tree, arxiv, capsys):
    before = snapshot(tree)
    assert run(tree, "--dry-run") == 0
    after = snapshot(tree)
    assert {p: v for p, v in after.items() if p.startswith("bib/")} == \
        {p: v for p, v in before.items() if p.startswith("bib/")}
    out = capsys.readouterr().out
    assert f"+{stored(2)}\n" in out and "+++ b/bib/references.bib" in out


def test_offline_writes_only_what_the_cache_holds(tree, arxiv, capsys):
    before = snapshot(tree)
    assert run(tree, "--offline") == 0
    assert snapshot(tree) == before and arxiv.requests == []
    assert "4 entries not in the cache were skipped (offline)" in capsys.readouterr().err
    assert run(tree, "--dry-run") == 0                      # fills the cache
    asked = len(arxiv.requests)
    assert run(tree, "--offline") == 0
    assert len(arxiv.requests) == asked
    assert stored(1) in (tree / "bib/more.bib").read_text()


def test_named_entries_only(tree, arxiv, capsys):
    assert run(tree, "doe2020paperb", "jones2019kernel") == 0
    assert arxiv_requests(arxiv)[0][0].startswith("/arxiv?id_list=2002.00002&")
    text = (tree / "bib/more.bib").read_text()
    assert stored(2) in text and stored(1) not in text
    assert capsys.readouterr().err == ("readinglist: jones2019kernel has no arXiv id; "
                                       "abstracts are taken from arXiv only\n")


def test_an_unknown_key_is_a_usage_error(tree, arxiv, capsys):
    assert run(tree, "nobody2020none") == 2
    assert arxiv.requests == []
    assert "'nobody2020none' is not a key in bib/" in capsys.readouterr().err


def test_503_then_200_is_asked_again_and_written(tree, arxiv):
    arxiv.arxiv_faults = ["503"]
    assert run(tree) == 0
    assert len(arxiv_requests(arxiv)) == 3                   # one batch asked twice
    assert all(stored(i) in (tree / "bib/more.bib").read_text() for i in (1, 2, 3))


@pytest.mark.parametrize("fault, why", [
    ("error", "arXiv answered with an error: incorrect id format for 2002.00001,2002.00002"),
    ("truncated", "arXiv sent an unreadable reply ("),
    ("503", "answered HTTP 503"),
])
def test_a_failed_batch_writes_nothing_for_its_entries_and_says_why(tree, arxiv, capsys,
                                                                   fault, why):
    arxiv.arxiv_faults = [fault] * (3 if fault == "503" else 1)   # 503: past the retries
    assert run(tree) == 1
    out = diagnostics(capsys.readouterr().out)
    assert [line.split(": fetch-failed: ")[0] for line in out] == ["bib/more.bib:5:3",
                                                                   "bib/more.bib:13:3"]
    assert all("arXiv could not be asked for 2002.0000" in line and why in line for line in out)
    text = (tree / "bib/more.bib").read_text()
    assert stored(1) not in text and stored(2) not in text and stored(3) in text
    assert run(tree) == 0                                    # the failure was not cached
    assert stored(1) in (tree / "bib/more.bib").read_text()


def test_an_answer_for_another_paper_is_not_written(tree, arxiv, capsys):
    arxiv.arxiv["2002.00001"]["answer_id"] = "2002.09999"     # arXiv answers about another id
    arxiv.arxiv["2002.00002"]["title"] = "Something Else Entirely"
    assert run(tree) == 1
    assert diagnostics(capsys.readouterr().out) == [
        "bib/more.bib:5:3: unresolved-identifier: arXiv does not know 2002.00001; check the id "
        "(nothing was written)",
        "bib/more.bib:13:3: metadata-mismatch: arXiv's 2002.00002 is 'Something Else "
        "Entirely', not this entry's title; check the id (nothing was written)"]
    text = (tree / "bib/more.bib").read_text()
    assert stored(1) not in text and stored(2) not in text and stored(3) in text


def test_an_abstract_that_would_fail_check_is_refused(tree, arxiv, capsys):
    arxiv.arxiv["2002.00001"]["abstract"] = "Invented, with <b>bold</b> markup."
    assert run(tree) == 1
    assert diagnostics(capsys.readouterr().out) == [
        "bib/more.bib:5:3: abstract-refused: arXiv's abstract for 2002.00001 was not written: "
        "abstract carries the HTML '<b>'; an abstract is plain text with LaTeX math: remove the "
        "markup"]
    assert "abstract" not in (tree / "bib/more.bib").read_text().split("@misc{doe2020paperb")[0]


def test_an_entry_arxiv_has_no_abstract_for_is_left_alone(tree, arxiv, capsys):
    arxiv.arxiv["2002.00003"]["abstract"] = "  "
    assert run(tree) == 0
    assert "arXiv has no abstract for doe2020paperc" in capsys.readouterr().err


def test_a_held_lock_refuses_the_run(tree, arxiv, capsys):
    before = snapshot(tree)
    with transaction.locked(tree):
        assert run(tree) == 1
    assert_untouched(tree, before)
    assert arxiv.requests == []
    assert "another readinglist command is changing" in capsys.readouterr().err


def test_bib_changed_during_the_run_writes_nothing(tree, arxiv, monkeypatch, capsys):
    from readinglist.cli import abstracts
    fetch = abstracts.fetch_abstracts

    def edited_meanwhile(*args, **kwargs):
        outcome = fetch(*args, **kwargs)
        with open(tree / "bib/more.bib", "a", encoding="utf-8") as bib:
            bib.write("\n% saved by an editor while arXiv was asked\n")
        return outcome

    monkeypatch.setattr(abstracts, "fetch_abstracts", edited_meanwhile)
    assert run(tree) == 1
    assert "abstract      =" not in (tree / "bib/more.bib").read_text()
    assert "bib/ changed during the run; nothing was written" in capsys.readouterr().err


def test_a_failure_while_renaming_leaves_bib_byte_identical(tree, arxiv, monkeypatch, capsys):
    before = snapshot(tree)
    calls = []

    def failing_replace(source, target):
        calls.append(target)
        if len(calls) == 2:   # the first file is in place already: it must be put back
            raise OSError(errno.EIO, "I/O error")
        return os.rename(source, target)

    monkeypatch.setattr(transaction.os, "replace", failing_replace)
    assert run(tree) == 1
    monkeypatch.undo()
    assert {p: v for p, v in snapshot(tree).items() if not p.startswith(".cache/")} == \
        {p: v for p, v in before.items() if not p.startswith(".cache/")}
    assert not list(tree.rglob(f"*{transaction.TEMP_SUFFIX}"))
    assert capsys.readouterr().err.endswith("readinglist: [Errno 5] I/O error\n")


def test_the_files_are_written_in_one_change(tree, arxiv, monkeypatch):
    changes = []
    monkeypatch.setattr("readinglist.cli.abstracts.apply",
                        lambda root, batch: changes.append([c.path for c in batch]))
    assert run(tree) == 0
    assert changes == [["bib/more.bib", "bib/references.bib"]]


def test_add_keeps_arxiv_abstract_only_when_it_checks_clean(base_tree, arxiv, capsys):
    arxiv.arxiv["2003.00001"] = {"title": "Clean Abstracts", "authors": ["Ada Lovelace"],
                                 "year": "2020", "abstract": invented(7)}
    arxiv.arxiv["2003.00002"] = {"title": "Dirty Abstracts", "authors": ["Ada Lovelace"],
                                 "year": "2020", "abstract": "Invented <script>x</script>."}
    assert main(["add", "2003.00001", "--to", "models/kernels", "--root", str(base_tree)]) == 0
    assert main(["add", "2003.00002", "--to", "models/kernels", "--root", str(base_tree)]) == 0
    bib = (base_tree / "bib/references.bib").read_text()

    def entry(key: str) -> str:
        start = bib.index(f"@misc{{{key},")
        return bib[start:bib.index("\n}\n", start)]

    assert entry("lovelace2020clean").endswith(stored(7))
    assert "abstract" not in entry("lovelace2020dirty")
    assert "  arXiv's abstract was left out: abstract carries the HTML '<script>'" in \
        capsys.readouterr().out


def test_a_field_goes_last_even_in_entries_written_by_hand():
    from readinglist.edit.insert import insert_fields
    text = "@misc{a,\n  title = {A}\n}\n\n@misc{b, title = {B}}\n\n@misc{c,\n  title = {C},\n}\n"
    assert insert_fields(text, {"a": "  x = {1},", "b": "  x = {2},"}) == (
        "@misc{a,\n  title = {A},\n  x = {1},\n}\n\n@misc{b, title = {B},\n  x = {2},\n}\n\n"
        "@misc{c,\n  title = {C},\n}\n")


def test_line_endings_and_bom_are_kept(tree, arxiv):
    more = tree / "bib/more.bib"
    more.write_bytes(b"\xef\xbb\xbf" + more.read_bytes().replace(b"\n", b"\r\n"))
    assert run(tree) == 0
    data = more.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf@misc{doe2020papera,\r\n")
    assert (stored(1) + "\r\n}").encode() in data and b"\n" not in data.replace(b"\r\n", b"")


def test_add_never_stores_an_abstract_from_crossref(base_tree, arxiv):
    arxiv.crossref["10.1000/conf.9"] = {
        "type": "proceedings-article", "title": ["Licensed Elsewhere"],
        "author": [{"family": "Noether", "given": "Emmy"}], "issued": {"date-parts": [[2020]]},
        "abstract": "<jats:p>An invented abstract under a publisher's licence.</jats:p>",
        "DOI": "10.1000/conf.9"}
    assert main(["add", "10.1000/conf.9", "--to", "models/kernels", "--root",
                 str(base_tree)]) == 0
    bib = (base_tree / "bib/references.bib").read_text()
    assert "@inproceedings{noether2020licensed," in bib and "abstract" not in bib


def test_links_and_pipes_in_bib_are_never_opened(tree, arxiv, capsys):
    (tree / "bib/zero.bib").symlink_to("/dev/zero")   # reading it would never end
    os.mkfifo(tree / "bib/pipe.bib")                   # opening it would wait for a writer
    assert run(tree) == 0
    assert stored(1) in (tree / "bib/more.bib").read_text(encoding="utf-8")
    assert (tree / "bib/zero.bib").is_symlink() and (tree / "bib/pipe.bib").is_fifo()
