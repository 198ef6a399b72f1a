"""Every block bibtexparser returns is taken by its type; @string names are expanded as BibTeX
would; @preamble is kept by `fmt` and left out of the site."""

from __future__ import annotations

import inspect

import pytest
from bibtexparser import model

from support import write_tree
from readinglist import load
from readinglist.cli import main
from readinglist.loaders.bibliography import read_papers
from readinglist.loaders.blocks import HANDLERS, Blocks, take
from readinglist.render import downloads, render

PREAMBLE = '@preamble{"\\providecommand{\\noopsort}[1]{}"}'


def test_every_block_type_bibtexparser_has_a_handler():
    kinds = {cls for _, cls in inspect.getmembers(model, inspect.isclass)
             if issubclass(cls, model.Block) and cls is not model.Block}
    assert kinds - set(HANDLERS) == set()


def test_a_block_of_an_unknown_type_is_a_bug_not_input():
    class Newfangled(model.Block):
        pass

    with pytest.raises(TypeError, match="Newfangled"):
        take(Newfangled(0, "@newfangled{x}"), Blocks("bib/x.bib"))


def test_string_names_are_expanded_through_concatenations_and_other_strings():
    text = ('@string{ed = "Proceedings of " # conf}\n@STRING(conf = {NeurIPS})\n'
            '@misc{doe2021x, booktitle = ed # { 2021}, month = mar # "~3", year = 2021}\n')
    papers, broken, diagnostics = read_papers(text, "bib/x.bib")
    assert diagnostics == [] and broken == set()
    assert papers[0].values() == {"booktitle": "Proceedings of NeurIPS 2021",
                                  "month": "March~3", "year": "2021"}


def test_a_value_with_an_undefined_name_is_kept_as_written():
    papers, _, diagnostics = read_papers("@misc{doe2021x, year = yr}\n", "bib/x.bib")
    assert [d.code for d in diagnostics] == ["undefined-string"]
    assert papers[0].get("year") == "yr" and papers[0].unresolved == {"year"}


def test_fields_named_in_two_cases_are_one_field_given_twice():
    papers, broken, diagnostics = read_papers("@misc{doe2021x, Title = {A}, title = {B}}\n",
                                              "bib/x.bib")
    assert papers == [] and broken == {"doe2021x"}
    assert [str(d) for d in diagnostics] == [
        "bib/x.bib:1:1: duplicate-field: entry repeats the field title; keep one of each"]


def test_fmt_keeps_preamble_string_and_comments_first_in_their_order(base_tree):
    write_tree(base_tree, {"bib/references.bib": (
        "% exported\n@misc{b2020x, title = {B}}\n" + PREAMBLE + "\n@String(s = {S})\n"
        "@comment{kept}\n@misc{a2020x, title = s}\n")})
    assert main(["fmt", "--root", str(base_tree)]) == 0
    assert (base_tree / "bib/references.bib").read_text() == (
        "% exported\n\n" + PREAMBLE + "\n\n@String(s = {S})\n\n@comment{kept}\n\n"
        "@misc{a2020x,\n  title         = s,\n}\n\n@misc{b2020x,\n  title         = {B},\n}\n")


def test_the_site_leaves_preamble_out(base_tree):
    bib = (base_tree / "bib/references.bib").read_text()
    write_tree(base_tree, {"bib/references.bib": PREAMBLE + "\n\n" + bib})
    kb, _ = load(base_tree, history=False)
    site = {**render(kb), **downloads(kb)}
    assert sorted(kb.papers) == ["jones2019kernel", "smith2020deep"]
    assert not any("noopsort" in text for text in site.values())


def test_check_reports_the_duplicate_string_of_the_issue_without_a_traceback(base_tree, capsys):
    write_tree(base_tree, {"bib/supplement.bib": '@String(mar = "march")\n'
                                                 '@String(mar = "march")\n'})
    assert main(["check", "--root", str(base_tree)]) == 1
    out, err = capsys.readouterr()
    assert out == ("bib/supplement.bib:2:9: duplicate-string: @string 'mar' is already defined "
                   "at bib/supplement.bib:1; keep one definition\n")
    assert "Traceback" not in err
