"""The CI files other people run: valid YAML, and every command they call exists."""

from __future__ import annotations

import re

import pytest
import yaml

from support import REPO
from readinglist.cli.app import _parser

FILES = sorted((REPO / ".github/workflows").glob("*.yml")) + [
    REPO / ".pre-commit-hooks.yaml", REPO / ".pre-commit-config.yaml"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_ci_file_parses_and_calls_real_commands(path):
    text = path.read_text(encoding="utf-8")
    assert yaml.safe_load(text)
    commands = _parser()._subparsers._group_actions[0].choices
    for name in re.findall(r"readinglist (\w+)", text):
        assert name in commands, f"{path.name} calls readinglist {name}"
    for target in re.findall(r"\bmake ([\w./-]+(?: [\w./-]+)*)", text):
        for goal in target.split():
            makefile = (REPO / "Makefile").read_text()
            assert re.search(rf"^{re.escape(goal)}:", makefile, re.M), f"make {goal}"
