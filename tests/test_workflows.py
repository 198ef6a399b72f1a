"""The CI files other people run: valid YAML, and every command they call exists."""

from __future__ import annotations

import re

import pytest
import yaml

from support import REPO
from readinglist.cli.app import _parser
from readinglist.net.report import ARTIFACT

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


# A version tag in full (v4.2.2) or a commit: never a moving major tag (v4) or a branch.
PINNED = re.compile(r"^[\w.-]+/[\w./-]+@(v\d+\.\d+\.\d+|[0-9a-f]{40})$")


@pytest.mark.parametrize("path", sorted((REPO / ".github/workflows").glob("*.yml")),
                         ids=lambda p: p.name)
def test_every_action_is_pinned_to_a_full_version(path):
    uses = re.findall(r"uses:\s*(\S+)", path.read_text(encoding="utf-8"))
    assert uses and [u for u in uses if not PINNED.match(u)] == []


def test_the_nightly_job_keeps_the_whole_report_as_the_artifact_the_issue_names():
    steps = yaml.safe_load((REPO / ".github/workflows/nightly.yml").read_text())[
        "jobs"]["links-and-metadata"]["steps"]
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact@"))
    assert upload["if"] == "always()" and upload["with"]["name"] == ARTIFACT
    assert "report.md" in upload["with"]["path"].split()


def discover_job() -> tuple[dict, list[dict]]:
    workflow = yaml.safe_load((REPO / ".github/workflows/discover.yml").read_text())
    return workflow, workflow["jobs"]["discover"]["steps"]


def test_the_weekly_proposals_run_may_push_a_branch_and_open_a_pull_request_and_no_more():
    workflow, _ = discover_job()
    assert workflow["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert {"schedule", "workflow_dispatch"} == set(workflow[True])    # YAML 1.1 reads on: as True


def test_the_openalex_key_reaches_discover_as_env_and_is_never_echoed():
    _, steps = discover_job()
    given = [s for s in steps if "secrets." in yaml.safe_dump(s)]
    assert [s["name"] for s in given] == ["readinglist discover"]
    assert given[0]["env"] == {
        "READINGLIST_OPENALEX_KEY": "${{ secrets.READINGLIST_OPENALEX_KEY }}"}
    assert all("OPENALEX_KEY" not in s.get("run", "") and "secrets" not in s.get("run", "")
               for s in steps)


def test_the_proposals_step_reads_what_discover_wrote():
    _, steps = discover_job()
    runs = [s.get("run", "") for s in steps]
    discover = next(r for r in runs if "readinglist discover" in r)
    propose = next(r for r in runs if "readinglist propose" in r)
    written = re.search(r"--output (\S+)", discover)[1]
    assert "--format json" in discover and f"--from {written}" in propose
