"""`readinglist report`: the nightly report issue opened, updated or closed through a fake `gh`."""

from __future__ import annotations

import json

import pytest

from fake_gh import FakeGh, on_path
from support import write_tree
from readinglist.cli import main
from readinglist.net.report import BODY_LIMIT, CLOSING, LABEL, LIST_CALL, TITLE

BROKEN = {"url": "https://example.org/gone", "path": "notes/jones2019kernel.md", "line": 6,
          "col": 10, "code": "broken-link", "status": 404, "severity": "error",
          "message": "https://example.org/gone is broken (404)"}
MISMATCH = {"path": "bib/references.bib", "line": 3, "col": 3, "code": "metadata-mismatch",
            "message": "title differs from arXiv's", "severity": "error"}
LABEL_CALL = ["label", "create", LABEL, "--force", "--color", "D93F0B", "--description",
              "Opened, updated and closed by the nightly link and metadata check"]


@pytest.fixture
def results(tmp_path):
    """Write links.json and verify.json (None: leave the file out), return the argv."""
    def write(links: list | None, verify: list | None) -> list[str]:
        for name, rows in (("links", links), ("verify", verify)):
            if rows is not None:
                (tmp_path / f"{name}.json").write_text(json.dumps(rows))
        return ["--links", str(tmp_path / "links.json"), "--verify",
                str(tmp_path / "verify.json"), "--output", str(tmp_path / "report.md")]
    return write


def fake_gh(tmp_path, monkeypatch, open_issues: list[int], fail: str | None = None) -> FakeGh:
    folder = tmp_path / "bin"
    folder.mkdir()
    on_path(monkeypatch, folder)
    return FakeGh(folder, open_issues, fail)


def report(base_tree, argv: list[str]) -> int:
    return main(["report", *argv, "--root", str(base_tree)])


def calls_without_body_file(gh: FakeGh) -> list[list[str]]:
    return [call[:call.index("--body-file")] if "--body-file" in call else call
            for call in gh.calls]


def test_failures_and_no_issue_create_the_label_then_open_the_issue(base_tree, results,
                                                                      tmp_path, monkeypatch):
    gh = fake_gh(tmp_path, monkeypatch, open_issues=[])
    assert report(base_tree, results([BROKEN], [])) == 0
    assert calls_without_body_file(gh) == [LIST_CALL, LABEL_CALL, [
        "issue", "create", "--title", TITLE, "--label", LABEL]]
    assert gh.body() == (tmp_path / "report.md").read_text() == (
        "## Link check: 1 problem\n\n| where | problem |\n|---|---|\n"
        "| `notes/jones2019kernel.md:6` | broken-link: https://example.org/gone is broken "
        "(404) |\n\n## Metadata check: 0 problems\n\nNothing to report.\n")


def test_failures_and_an_open_issue_update_it_without_a_second_one(base_tree, results,
                                                                    tmp_path, monkeypatch):
    gh = fake_gh(tmp_path, monkeypatch, open_issues=[9, 7])
    assert report(base_tree, results([], [MISMATCH])) == 0
    assert calls_without_body_file(gh) == [LIST_CALL, ["issue", "edit", "7"]]
    assert "| `bib/references.bib:3` | metadata-mismatch: title differs" in gh.body()


def test_all_clean_closes_the_open_issue_with_a_comment(base_tree, results, tmp_path,
                                                        monkeypatch):
    gh = fake_gh(tmp_path, monkeypatch, open_issues=[7])
    assert report(base_tree, results([], [])) == 0
    assert gh.calls == [LIST_CALL, ["issue", "close", "7", "--comment", CLOSING]]


def test_all_clean_and_no_issue_changes_nothing(base_tree, results, tmp_path, monkeypatch):
    gh = fake_gh(tmp_path, monkeypatch, open_issues=[])
    assert report(base_tree, results([], [])) == 0
    assert gh.calls == [LIST_CALL]


def test_a_command_that_wrote_no_results_is_reported_as_a_failure(base_tree, results,
                                                                   tmp_path, monkeypatch):
    gh = fake_gh(tmp_path, monkeypatch, open_issues=[])
    assert report(base_tree, results([], None)) == 0
    assert gh.calls[-1][:2] == ["issue", "create"]
    assert "## Metadata check: no results\n\n`readinglist verify` wrote no results" in gh.body()


def test_gh_failing_to_list_fails_clearly_and_changes_nothing(base_tree, results, tmp_path,
                                                              monkeypatch, capsys):
    gh = fake_gh(tmp_path, monkeypatch, open_issues=[], fail="issue list")
    assert report(base_tree, results([BROKEN], [])) == 1
    assert gh.calls == [LIST_CALL]
    assert capsys.readouterr().err == (
        "readinglist: `gh issue list` failed (exit 1): HTTP 502: Bad Gateway "
        "(https://api.github.com/graphql); nothing was changed on GitHub\n")
    assert (tmp_path / "report.md").exists()     # the report is there for the artifact


def test_gh_failing_to_open_says_what_was_done_and_opens_nothing(base_tree, results, tmp_path,
                                                                 monkeypatch, capsys):
    gh = fake_gh(tmp_path, monkeypatch, open_issues=[], fail="issue create")
    assert report(base_tree, results([BROKEN], [])) == 1
    assert [call[:2] for call in gh.calls] == [LIST_CALL[:2], LABEL_CALL[:2], ["issue", "create"]]
    assert capsys.readouterr().err == (
        "readinglist: `gh issue create` failed (exit 1): HTTP 502: Bad Gateway "
        f"(https://api.github.com/graphql); label checked: {LABEL}, and nothing else was "
        "changed\n")


def test_gh_missing_from_path_fails_clearly(base_tree, results, tmp_path, monkeypatch, capsys):
    (tmp_path / "empty").mkdir()
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    assert report(base_tree, results([BROKEN], [])) == 1
    assert "gh (the GitHub CLI) is not on PATH" in capsys.readouterr().err


def test_a_report_over_githubs_limit_is_cut_with_a_note_and_kept_whole(base_tree, results,
                                                                     tmp_path, monkeypatch):
    for name, value in (("GITHUB_SERVER_URL", "https://github.com"),
                        ("GITHUB_REPOSITORY", "example/readinglist"), ("GITHUB_RUN_ID", "77")):
        monkeypatch.setenv(name, value)
    gh = fake_gh(tmp_path, monkeypatch, open_issues=[])
    many = [{**BROKEN, "line": i, "message": f"https://example.org/{i:05d} is broken (404)"}
            for i in range(1, 1200)]
    assert report(base_tree, results(many, [])) == 0
    whole, body = (tmp_path / "report.md").read_text(), gh.body()
    assert len(whole) > BODY_LIMIT >= len(body)
    head, note = body.split("\n\n---\n\n")
    assert whole.startswith(head) and head.endswith(" |\n")    # cut after a whole row
    assert note == (f"**The report is cut here.** It is {len(whole):,} characters long, more "
                    "than the 65,536 GitHub takes in an issue; the whole report is "
                    "`report.md` in the `reading-list-report` artifact of [this run]"
                    "(https://github.com/example/readinglist/actions/runs/77).\n")


def test_results_that_are_not_findings_are_refused_before_any_call(base_tree, results,
                                                                  tmp_path, monkeypatch, capsys):
    gh = fake_gh(tmp_path, monkeypatch, open_issues=[])
    argv = results([], [])
    (tmp_path / "links.json").write_text("## Link check\n")
    assert report(base_tree, argv) == 2
    assert gh.calls == []
    assert "links.json is not a list of findings" in capsys.readouterr().err


def test_dry_run_asks_which_issue_is_open_and_changes_nothing(base_tree, results, tmp_path,
                                                              monkeypatch, capsys):
    gh = fake_gh(tmp_path, monkeypatch, open_issues=[7])
    assert report(base_tree, [*results([], []), "--dry-run"]) == 0
    assert gh.calls == [LIST_CALL]
    assert capsys.readouterr().err == f"would run:\n  gh issue close 7 --comment {CLOSING}\n"


def test_links_writes_its_results_to_a_file_and_keeps_its_exit_status(base_tree, tmp_path,
                                                                      capsys):
    write_tree(base_tree, {"notes/jones2019kernel.md": "---\nstatus: read\n---\n[x](lost.md)\n"})
    output = tmp_path / "links.json"
    assert main(["links", "--offline", "--format", "json", "--output", str(output),
                 "--root", str(base_tree)]) == 1
    assert capsys.readouterr().out == ""
    assert [row["code"] for row in json.loads(output.read_text())] == ["broken-internal-link"]


def test_an_output_file_in_a_missing_folder_is_refused_before_any_work(base_tree, tmp_path,
                                                                       capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["links", "--offline", "--format", "json", "--output",
              str(tmp_path / "missing" / "links.json"), "--root", str(base_tree)])
    assert stopped.value.code == 2
    assert f"there is no folder {tmp_path / 'missing'}" in capsys.readouterr().err
