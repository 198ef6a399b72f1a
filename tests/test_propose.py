"""`readinglist propose`: what discover found, committed to the proposals branch of a local
remote with real git, and its one pull request opened or updated through a fake `gh`."""

from __future__ import annotations

import json
import subprocess

import pytest

from fake_gh import FakeGh, on_path
from scripted_git import IDENTITY, commit, git, init
from readinglist.cli import main
from readinglist.net.pull_request import (BRANCH, LABEL, LABEL_CALL, LIST_CALL, body, escape,
                                          parse_discovery)
from readinglist.net.report import BODY_LIMIT

DATE = "2026-12-07T09:00:00+00:00"
PENDING = ("  - paper: {key}\n    openalex: W{n}\n    kind: cites-list\n"
           "    connects: [jones2019kernel, smith2020deep]\n    topic: models/kernels\n"
           "    found: \"2026-12-07\"\n")
OLD = PENDING.format(key="roe2025older", n=4380000000)


def proposal(key: str = "doe2026fresh", n: int = 4390000001, **fields) -> dict:
    return {"key": key, "openalex": f"W{n}", "doi": "10.1000/fresh1", "arxiv": "2611.01234",
            "title": "Fresh Kernels", "authors": ["Jo Doe", "Al Roe"], "year": "2026",
            "venue": "NeurIPS", "kind": "cites-list",
            "connects": ["jones2019kernel", "smith2020deep"], "topic": "models/kernels",
            "todos": ["Find more kernel papers"], "score": 2, **fields}


@pytest.fixture
def repo(base_tree, tmp_path, monkeypatch):
    """The base knowledge base with one pending proposal, committed on main and pushed to a
    bare repository standing for GitHub."""
    for name, value in IDENTITY.items():
        monkeypatch.setenv(name, value)
    init(base_tree)
    commit(base_tree, {"taxonomy/proposals.yml": f"proposals:\n{OLD}"}, DATE, "The list")
    git(tmp_path, "init", "-q", "--bare", "-b", "main", "remote.git")
    git(base_tree, "remote", "add", "origin", str(tmp_path / "remote.git"))
    git(base_tree, "push", "-q", "origin", "main")
    return base_tree


def discover(repo, rows: list[dict]) -> str:
    """Write what a discover run that found rows writes, and its JSON; return the JSON's path."""
    entries = "".join(PENDING.format(key=r["key"], n=r["openalex"][1:]) for r in rows)
    (repo / "taxonomy/proposals.yml").write_text(f"proposals:\n{OLD}{entries}")
    with (repo / "bib/references.bib").open("a") as bib:
        bib.writelines(f"\n@misc{{{r['key']},\n  title = {{{r['title']}}},\n}}\n" for r in rows)
    path = repo.parent / "discover.json"
    path.write_text(json.dumps({"proposals": rows, "requests": 12}))
    return str(path)


def fake_gh(tmp_path, monkeypatch, pulls=(), fail=None) -> FakeGh:
    (tmp_path / "bin").mkdir()
    on_path(monkeypatch, tmp_path / "bin")
    return FakeGh(tmp_path / "bin", [], fail, list(pulls))


def remote(repo, *args: str) -> str:
    return git(repo.parent / "remote.git", *args)


def without_body_file(gh: FakeGh) -> list[list[str]]:
    return [call[:call.index("--body-file")] if "--body-file" in call else call
            for call in gh.calls]


def bot_branch(repo) -> str:
    """The proposals branch as last week's run left it: one commit on main, on the remote."""
    sha = git(repo, "commit-tree", "HEAD^{tree}", "-p", "HEAD", "-m",
              "Proposals from the citation graph: 1 new (1 pending)")
    git(repo, "push", "-q", "origin", f"{sha}:refs/heads/{BRANCH}")
    return sha


def pull(head: str, headline: str = "Proposals from the citation graph: 1 new (1 pending)",
         **fields) -> dict:
    return {"number": 7, "headRefName": BRANCH, "headRefOid": head, "isCrossRepository": False,
            "commits": [{"messageHeadline": headline}], **fields}


TITLE = "Proposals from the citation graph: 2 new (3 pending)"


def test_new_proposals_and_no_open_pull_request_push_the_branch_and_open_one(repo, tmp_path,
                                                                            monkeypatch, capsys):
    gh = fake_gh(tmp_path, monkeypatch)
    found = discover(repo, [proposal(), proposal("zed2025rival", 4390000002)])
    assert main(["propose", "--from", found, "--root", str(repo)]) == 0
    assert without_body_file(gh) == [LIST_CALL, LABEL_CALL, [
        "pr", "create", "--base", "main", "--head", BRANCH, "--title", TITLE, "--label", LABEL]]
    assert remote(repo, "log", "--format=%s", BRANCH).splitlines() == [TITLE, "The list"]
    assert remote(repo, "show", f"{BRANCH}:taxonomy/proposals.yml") + "\n" == (
        repo / "taxonomy/proposals.yml").read_text()
    assert "@misc{zed2025rival," in remote(repo, "show", f"{BRANCH}:bib/references.bib")
    assert capsys.readouterr().err.endswith(
        "label reading-list-proposals checked; pull request opened: "
        "https://github.com/example/readinglist/pull/43\n")


def test_the_body_lists_each_proposal_with_its_connections_and_todos(repo, tmp_path,
                                                                      monkeypatch):
    gh = fake_gh(tmp_path, monkeypatch)
    assert main(["propose", "--from", discover(repo, [proposal()]), "--root", str(repo)]) == 0
    head, entry = gh.body().split("\n\n### ")
    assert head.startswith("`readinglist discover` found 1 new proposal this run; "
                           "`taxonomy/proposals.yml` holds 2 pending in all.")
    assert entry == (
        "1. Fresh Kernels\n\n- **Authors:** Jo Doe, Al Roe\n- **Published:** NeurIPS, 2026\n"
        "- **Why:** cites 2 listed papers (`cites-list`): `jones2019kernel`, `smith2020deep`\n"
        "- **Topic:** `models/kernels`\n- **To-dos it answers:** Find more kernel papers\n"
        "- **Key:** `doe2026fresh` · [OpenAlex](https://openalex.org/W4390000001) · "
        "[DOI](https://doi.org/10.1000/fresh1) · [arXiv](https://arxiv.org/abs/2611.01234)\n")


def test_an_open_pull_request_is_updated_and_its_branch_replaced(repo, tmp_path, monkeypatch):
    gh = fake_gh(tmp_path, monkeypatch, pulls=[pull(bot_branch(repo))])
    found = discover(repo, [proposal(), proposal("zed2025rival", 4390000002)])
    assert main(["propose", "--from", found, "--root", str(repo)]) == 0
    assert without_body_file(gh) == [LIST_CALL, LABEL_CALL, [
        "pr", "edit", "7", "--title", TITLE, "--add-label", LABEL]]
    assert remote(repo, "log", "--format=%s", BRANCH).splitlines() == [TITLE, "The list"]


def test_a_pull_request_from_a_fork_with_the_same_branch_is_not_taken_for_ours(
        repo, tmp_path, monkeypatch):
    gh = fake_gh(tmp_path, monkeypatch, pulls=[pull("0" * 40, isCrossRepository=True)])
    assert main(["propose", "--from", discover(repo, [proposal()]), "--root", str(repo)]) == 0
    assert [call[:2] for call in gh.calls] == [["pr", "list"], ["label", "create"],
                                               ["pr", "create"]]


def test_nothing_new_changes_nothing(repo, tmp_path, monkeypatch, capsys):
    gh = fake_gh(tmp_path, monkeypatch, pulls=[pull(bot_branch(repo))])
    before = remote(repo, "rev-parse", BRANCH)
    assert main(["propose", "--from", discover(repo, []), "--root", str(repo)]) == 0
    assert gh.calls == []
    assert remote(repo, "rev-parse", BRANCH) == before
    assert capsys.readouterr().err == (
        "discover found nothing new: no pull request opened or changed\n")


def test_a_branch_a_reviewer_pushed_to_is_left_alone(repo, tmp_path, monkeypatch, capsys):
    head = bot_branch(repo)
    gh = fake_gh(tmp_path, monkeypatch, pulls=[pull(head, "Accept doe2025kernels")])
    assert main(["propose", "--from", discover(repo, [proposal()]), "--root", str(repo)]) == 0
    assert gh.calls == [LIST_CALL]
    assert remote(repo, "rev-parse", BRANCH) == head
    assert capsys.readouterr().err.startswith("pull request #7 has commits a reviewer pushed")


def test_a_push_since_github_was_asked_is_not_overwritten(repo, tmp_path, monkeypatch, capsys):
    seen = bot_branch(repo)
    git(repo, "push", "-q", "--force", "origin", f"main:refs/heads/{BRANCH}")  # a reviewer
    gh = fake_gh(tmp_path, monkeypatch, pulls=[pull(seen)])
    assert main(["propose", "--from", discover(repo, [proposal()]), "--root", str(repo)]) == 1
    assert gh.calls == [LIST_CALL]
    assert remote(repo, "rev-parse", BRANCH) == git(repo, "rev-parse", "main")
    err = capsys.readouterr().err
    assert err.startswith("readinglist: `git push --quiet` failed (exit 1): ")
    assert err.endswith(
        f"; done: branch {BRANCH} made here; changes staged; commit made here; not done: "
        f"branch {BRANCH} pushed; label {LABEL} checked; pull request #7 updated\n")


def test_gh_failing_to_open_says_what_was_and_was_not_done(repo, tmp_path, monkeypatch,
                                                           capsys):
    gh = fake_gh(tmp_path, monkeypatch, fail="pr create")
    assert main(["propose", "--from", discover(repo, [proposal()]), "--root", str(repo)]) == 1
    assert [call[:2] for call in gh.calls][-1] == ["pr", "create"]
    assert capsys.readouterr().err == (
        "readinglist: `gh pr create` failed (exit 1): HTTP 502: Bad Gateway "
        f"(https://api.github.com/graphql); done: branch {BRANCH} made here; changes staged; "
        f"commit made here; branch {BRANCH} pushed; label {LABEL} checked; not done: pull "
        "request opened\n")


def test_dry_run_asks_which_pull_request_is_open_and_changes_nothing(repo, tmp_path,
                                                                     monkeypatch, capsys):
    gh = fake_gh(tmp_path, monkeypatch)
    assert main(["propose", "--from", discover(repo, [proposal()]), "--dry-run",
                 "--root", str(repo)]) == 0
    assert gh.calls == [LIST_CALL]
    assert git(repo, "diff", "--name-only").splitlines() == ["bib/references.bib",
                                                              "taxonomy/proposals.yml"]
    assert remote(repo, "branch", "--list") == "* main"
    out, err = capsys.readouterr()
    assert out.startswith("`readinglist discover` found 1 new proposal this run")
    assert err.startswith(
        f"would run:\n  git switch --quiet -C {BRANCH}\n  git add -- taxonomy/proposals.yml "
        "bib/references.bib\n  git commit --quiet -m 'Proposals from the citation graph: 1 new "
        "(2 pending)\n\nNew proposals:\n- doe2026fresh'\n")


def test_a_file_that_is_not_discovers_json_is_refused_before_any_call(repo, tmp_path,
                                                                     monkeypatch, capsys):
    gh = fake_gh(tmp_path, monkeypatch)
    (tmp_path / "discover.json").write_text(json.dumps({"proposals": [proposal(kind="x")]}))
    assert main(["propose", "--from", str(tmp_path / "discover.json"),
                 "--root", str(repo)]) == 2
    assert gh.calls == []
    assert "discover.json is not what `readinglist discover --format json` writes " \
        "(ValueError: kind 'x' is not one of cites-list, cited-by-list)" in capsys.readouterr().err


def test_a_body_over_githubs_limit_is_cut_after_a_whole_proposal_with_the_count_left_out():
    found = parse_discovery("d.json", json.dumps({"proposals": [
        proposal(f"doe2026k{i:04d}", 4390000000 + i, title=f"Kernels {i} " + "x" * 400)
        for i in range(400)]}))
    text = body(found, 400)
    assert len(body(found, 400, limit=10**7)) > BODY_LIMIT >= len(text)
    shown = text.count("\n### ")
    assert text.split("\n### ")[-1].startswith(f"{shown}. Kernels {shown - 1} ")
    assert text.endswith(f"\n---\n\n**{400 - shown} more proposals not listed here:** GitHub "
                         "takes at most 65,536 characters in a pull request's description. "
                         "`taxonomy/proposals.yml` on this branch has every one.\n")


HOSTILE = "<script>alert(1)</script> `rm -rf` @octocat [win](https://evil.example) #12\n# Hi"


def test_hostile_text_is_shown_as_text_never_as_markup_a_link_or_a_ping():
    # CommonMark (GitHub's Markdown) reads a backslash before any ASCII punctuation as that
    # character, as text; a mention or a #12 needs a word character right after the sign.
    assert escape(HOSTILE) == (
        "\\<script\\>alert\\(1\\)\\<\\/script\\> \\`rm \\-rf\\` \\@\u200boctocat \\[win\\]"
        "\\(https\\:\\/\\/evil\\.example\\) \\#\u200b12 \\#\u200b Hi")


def test_hostile_fields_reach_the_body_escaped_and_identifiers_stay_inside_their_links():
    found = parse_discovery("d.json", json.dumps({"proposals": [proposal(
        "doe`x", title=HOSTILE, authors=["@admin"], venue="<img src=x onerror=alert(1)>",
        todos=["[x](javascript:alert(1))"], connects=["a`b"], doi="10.1/x) [a](http://evil")]}))
    entry = body(found, 1).split("\n### ")[1]
    assert entry.splitlines()[0] == f"1. {escape(HOSTILE)}"
    assert "- **Authors:** \\@\u200badmin\n" in entry
    assert "- **Published:** \\<img src\\=x onerror\\=alert\\(1\\)\\>, 2026\n" in entry
    assert "- **To-dos it answers:** \\[x\\]\\(javascript\\:alert\\(1\\)\\)\n" in entry
    assert "): a\\`b\n" in entry and "- **Key:** doe\\`x · " in entry
    assert "[DOI](https://doi.org/10.1/x%29%20%5Ba%5D%28http%3A//evil)" in entry
