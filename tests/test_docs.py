"""Every diagnostic code is documented, and nothing undocumented is claimed."""

from __future__ import annotations

import re

from support import REPO
from readinglist.checks import CHECKS, all_codes, code_of


def documented_codes() -> list[str]:
    text = (REPO / "docs/checks.md").read_text(encoding="utf-8")
    return re.findall(r"^### `([a-z0-9-]+)`", text, re.M)


def test_every_code_is_documented_once():
    from readinglist.net.abstracts import ABSTRACT_CODES
    from readinglist.net.link_list import LINK_CODES
    from readinglist.net.verify import VERIFY_CODES
    assert sorted(documented_codes()) == sorted(all_codes() + LINK_CODES + VERIFY_CODES
                                                + ABSTRACT_CODES)


def test_check_functions_are_named_after_their_codes():
    for check in CHECKS:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", code_of(check))


def test_readme_opens_with_the_two_commands():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```", 2)[1]
    assert "make serve" in first_block and "make test" in first_block


def test_every_command_is_documented():
    from readinglist.cli.app import _parser
    commands = _parser()._subparsers._group_actions[0].choices
    text = (REPO / "README.md").read_text() + (REPO / "CONTRIBUTING.md").read_text()
    for name in commands:
        assert f"readinglist {name}" in text, f"readinglist {name} is not documented"
