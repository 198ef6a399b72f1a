"""`readinglist stats`: reading progress in numbers, per section and for the whole list."""

from __future__ import annotations

import json

from support import write_tree
from readinglist.cli import main

# The base tree: hyperparams lists smith2020deep (read, with a one-line sentence); models lists
# jones2019kernel (no note), a todo suggesting smith2020deep, and a question.
TABLE = """\
section                    papers  read  reading  to read  notes  todos  questions   suggested
----------------------------------------------------------------------------------------------
Hyper-parameter selection       1     1        0        0      1      0          0  0 (0 read)
Models                          1     0        0        1      0      1          1  1 (1 read)
Optimization                    0     0        0        0      0      0          0  0 (0 read)
Data                            0     0        0        0      0      0          0  0 (0 read)
Other                           0     0        0        0      0      0          0  0 (0 read)
----------------------------------------------------------------------------------------------
All sections                    2     1        0        1      1      1          1  0 (0 read)
"""


def run(root, *args) -> int:
    return main(["stats", *args, "--root", str(root)])


def test_a_table_per_section_then_the_whole_list(base_tree, capsys):
    assert run(base_tree) == 0
    assert capsys.readouterr().out == TABLE


def test_a_suggestion_the_curator_lists_elsewhere_is_not_one_for_the_whole_list(base_tree,
                                                                               capsys):
    assert run(base_tree, "--format", "json") == 0
    rows = {row["section"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["Models"]["suggested"] == 1 and rows["All sections"]["suggested"] == 0


def test_json_has_one_object_per_row_with_every_count(base_tree, capsys):
    assert run(base_tree, "--format", "json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[-1] == {"section": "All sections", "papers": 2, "read": 1, "reading": 0,
                        "to-read": 1, "notes": 1, "todos": 1, "questions": 1, "suggested": 0,
                        "suggested-read": 0}


def test_a_note_being_read_and_a_paper_listed_twice_count_once(base_tree, capsys):
    hyper = (base_tree / "taxonomy/hyperparams.yml").read_text(encoding="utf-8")
    write_tree(base_tree, {
        "notes/jones2019kernel.md": "---\nstatus: reading\n---\n",
        "taxonomy/hyperparams.yml": hyper.replace("      - paper: smith2020deep\n",
                                                  "      - paper: smith2020deep\n"
                                                  "      - paper: jones2019kernel\n")})
    assert run(base_tree, "--format", "json") == 0
    whole = json.loads(capsys.readouterr().out)[-1]
    assert (whole["papers"], whole["read"], whole["reading"], whole["to-read"]) == (2, 1, 1, 0)


def test_a_list_with_errors_prints_them_and_no_numbers(base_tree, capsys):
    write_tree(base_tree, {"notes/smith2020deep.md": "---\nstatus: done\n---\n"})
    assert run(base_tree) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("notes/smith2020deep.md:2:9: unknown-status:")
