"""Hostile input: every case in tests/cases/hostile/ gets its exact diagnostics, in
bounded memory, and never a traceback. Regenerate expectations with `pytest --update-cases`."""

from __future__ import annotations

import json
import os
import re
import stat
import tracemalloc
from pathlib import Path

import pytest
import yaml

from support import CASES, case_files, outside_of, write_tree
from readinglist import check, load
from readinglist.cli import main
from readinglist.diagnostic import sort_unique

HOSTILE = sorted((CASES / "hostile").glob("*.yml"))
MEBIBYTES = 300


def generated(kind: str, megabytes: int = 0, depth: int = 0) -> str:
    """Inputs too large to write into a case file."""
    head = "id: data\ntitle: Data\n"
    if kind == "deep-flow":
        return head + "topics: " + "[" * depth + "]" * depth + "\n"
    if kind == "deep-block":
        return head + "topics:\n" + "".join("  " * (i + 1) + "-\n" for i in range(depth))
    if kind == "big-yaml":
        topic = "  - id: t{0}\n    title: Topic {0}\n    why: " + "w" * 1000 + "\n"
        count = megabytes * 2**20 // len(topic.format(0))
        return head + "topics:\n" + "".join(topic.format(i) for i in range(count)) + \
            f"  - id: t{count}\n"
    if kind == "big-markup-abstract":
        return ("@misc{doe2021big,\n  title = {Big},\n  author = {Doe, Jo},\n  year = {2021},\n"
                "  url = {https://e.org/b},\n  abstract = {"
                + "<b>x</b> " * (megabytes * 2**20 // 9) + "},\n}\n")
    if kind == "big-bib-entry":
        return ("@misc{doe2021big,\n  title = {Big},\n  author = {Doe, Jo},\n  abstract = {"
                + "lorem ipsum " * (megabytes * 2**20 // 12) + "},\n  url = {https://e.org/b},\n}\n")
    if kind == "string-chain":
        return "".join(f"@string{{s{i} = s{i + 1}}}\n" for i in range(depth))
    raise ValueError(kind)


def files_of(spec: dict, outside: Path) -> dict:
    if "generate" in spec:
        options = dict(spec["generate"])
        return {options.pop("path"): generated(options.pop("kind"), **options)}
    return case_files(spec.get("files", {}), outside)


def diagnose(root: Path) -> list:
    kb, problems = load(root, history=False)
    return sort_unique(problems + check(kb))


def read(case: Path) -> dict:
    return yaml.safe_load(case.read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", HOSTILE, ids=lambda p: p.stem)
def test_hostile_case(case, base_tree, update_cases, capsys):
    spec = read(case)
    outside = outside_of(base_tree)
    write_tree(base_tree, files_of(spec, outside))
    if "args" in spec:
        return _command_line_case(spec, base_tree, capsys)
    diagnostics = diagnose(base_tree)
    tracemalloc.start()   # a second run, since tracing slows the first one down
    diagnose(base_tree)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    actual = [str(d).replace(str(outside), "{outside}") for d in diagnostics]
    if update_cases:
        return _rewrite(case, actual)
    assert actual == spec["diagnostics"]
    assert actual, "a hostile case must give at least one diagnostic"
    assert peak < MEBIBYTES, peak   # speed is make bench's to measure, not a test's
    for d in diagnostics:   # every diagnostic points inside its file (never opening a link)
        target = base_tree / d.path
        assert os.path.lexists(target), str(d)
        if stat.S_ISREG(os.lstat(target).st_mode):
            assert d.line <= target.read_bytes().count(b"\n") + 1, str(d)
        else:
            assert (d.line, d.col) == (1, 1), str(d)
    assert main(["check", "--root", str(base_tree)]) == 1


def _command_line_case(spec: dict, root: Path, capsys) -> None:
    args = [arg.replace("{root}", str(root)) for arg in spec["args"]]
    if "--root" not in args:
        args += ["--root", str(root)]
    try:
        code = main(args)
    except SystemExit as exit_:   # argparse's usage errors
        code = exit_.code
    err = capsys.readouterr().err
    assert code == spec["exit"]
    assert spec["stderr"] in err
    assert "Traceback" not in err


def _rewrite(case: Path, actual: list[str]) -> None:
    text = case.read_text(encoding="utf-8")
    block = "diagnostics:\n" + "".join(f"- {json.dumps(line)}\n" for line in actual) \
        if actual else "diagnostics: []\n"
    new, count = re.subn(r"(?m)^diagnostics:.*\n(?:- .*\n)*", lambda _: block, text, count=1)
    assert count == 1, case
    case.write_text(new, encoding="utf-8")


def test_the_corpus_is_large_and_varied():
    names = [p.stem for p in HOSTILE]
    assert len(names) >= 60
    assert sum(n.startswith(("html-", "md-", "docs-")) for n in names) >= 25
    assert all(any(n.startswith(p) for n in names) for p in ("yaml-", "front-", "bib-", "cli-"))
