"""The history loader on temporary repositories with scripted commits: one `git log`, replayed."""

from __future__ import annotations

import subprocess

import pytest

from scripted_git import committed_kb, commit, git, init, site_project
from support import write_tree
from readinglist import load
from readinglist.loaders import history as history_module
from readinglist.loaders.history import read_history
from readinglist.render.pages.lists import progress_page
from readinglist.render.figures.timeline import points

DAY = "2024-05-0{}T12:00:00+00:00"
NOTE = "---\nstatus: {}\ntags: []\n---\n\n{}\n"
SECTION = "id: {0}\ntitle: {0}\ntopics:\n  - id: t\n    title: T\n    items:\n{1}"


def changes(root) -> list[tuple[str, str, int]]:
    return [(c.kind, c.key, c.order) for c in read_history(root).changes]


def test_a_scripted_history_is_replayed_commit_by_commit(tmp_path):
    root = committed_kb(tmp_path / "kb")
    assert changes(root) == [
        ("listed", "germain2019linear", 0), ("listed", "hopper2022optimizers", 0),
        ("listed", "lovelace2020kernels", 0), ("listed", "noether2021learning", 0),
        ("note-added", "lovelace2020kernels", 0), ("note-added", "noether2021learning", 0),
        ("listed", "franklin2018unconnected", 1), ("note-added", "germain2019linear", 1),
        ("note-added", "hopper2022optimizers", 1),
        ("note-changed", "lovelace2020kernels", 2), ("read", "lovelace2020kernels", 2),
        ("note-changed", "noether2021learning", 3),
        ("note-added", "franklin2018unconnected", 4), ("read", "franklin2018unconnected", 4)]


def test_each_change_carries_its_commit_and_its_date(tmp_path):
    root = committed_kb(tmp_path / "kb")
    revised = [c for c in read_history(root).changes if c.kind == "note-changed"][-1]
    assert revised.sha == git(root, "rev-parse", "HEAD~1")
    assert revised.date == "2024-01-20T12:00:00+00:00"


def test_dates_out_of_order_never_run_the_timeline_back(tmp_path):
    series = points(read_history(committed_kb(tmp_path / "kb")))
    assert [p.day for p in series] == ["2024-01-10", "2024-01-12", "2024-02-01", "2024-03-05"]
    assert [p.counts for p in series] == [(4, 2, 0), (5, 4, 0), (5, 4, 1), (5, 5, 2)]


def test_a_change_of_status_alone_is_not_a_change_of_text(tmp_path):
    root = init(tmp_path / "kb")
    commit(root, {"notes/a.md": NOTE.format("to-read", "Body.")}, DAY.format(1))
    commit(root, {"notes/a.md": NOTE.format("read", "Body.")}, DAY.format(2))
    commit(root, {"notes/a.md": NOTE.format("reading", "Body.")}, DAY.format(3))
    assert changes(root) == [("note-added", "a", 0), ("read", "a", 1), ("unread", "a", 2)]


def test_a_status_line_in_the_body_is_text_not_status(tmp_path):
    root = init(tmp_path / "kb")
    commit(root, {"notes/a.md": NOTE.format("to-read", "Body.")}, DAY.format(1))
    commit(root, {"notes/a.md": NOTE.format("to-read", "status: read")}, DAY.format(2))
    assert changes(root) == [("note-added", "a", 0), ("note-changed", "a", 1)]


def test_removing_a_read_note_takes_it_off_both_counts(tmp_path):
    root = init(tmp_path / "kb")
    commit(root, {"notes/a.md": NOTE.format("read", "A."), "notes/_template.md": "x"},
           DAY.format(1))
    commit(root, {"notes/a.md": None}, DAY.format(2))
    assert changes(root) == [("note-added", "a", 0), ("read", "a", 0),
                             ("note-removed", "a", 1), ("unread", "a", 1)]


def test_a_paper_moved_between_sections_in_one_commit_stays_listed(tmp_path):
    root = init(tmp_path / "kb")
    commit(root, {"taxonomy/data.yml": SECTION.format("data", "      - paper: a\n"),
                  "taxonomy/other.yml": SECTION.format("other", "      - paper: a\n")},
           DAY.format(1))
    commit(root, {"taxonomy/data.yml": SECTION.format("data", "      - todo: later\n")},
           DAY.format(2))
    commit(root, {"taxonomy/other.yml": SECTION.format("other", "      - question: why?\n"),
                  "taxonomy/models.yml": SECTION.format("models", "      - paper: 'a'  # x\n")},
           DAY.format(3))
    commit(root, {"taxonomy/models.yml": None}, DAY.format(4))
    assert changes(root) == [("listed", "a", 0), ("unlisted", "a", 3)]


def test_a_merge_counts_once_on_the_first_parent_line(tmp_path):
    root = init(tmp_path / "kb")
    commit(root, {"notes/a.md": NOTE.format("to-read", "A.")}, DAY.format(1))
    git(root, "checkout", "-q", "-b", "side")
    commit(root, {"notes/b.md": NOTE.format("to-read", "B.")}, DAY.format(2))
    commit(root, {"notes/b.md": NOTE.format("read", "B.")}, DAY.format(3))
    git(root, "checkout", "-q", "main")
    commit(root, {"notes/a.md": NOTE.format("to-read", "A, revised.")}, DAY.format(4))
    git(root, "merge", "-q", "--no-ff", "-m", "Merge side", "side", date=DAY.format(5))
    history = read_history(root)
    assert [(c.kind, c.key, c.order) for c in history.changes] == [
        ("note-added", "a", 0), ("note-changed", "a", 1), ("note-added", "b", 2),
        ("read", "b", 2)]
    assert history.changes[-1].sha == git(root, "rev-parse", "HEAD")


def test_a_shallow_clone_starts_its_history_at_its_one_commit(tmp_path):
    source = committed_kb(tmp_path / "source")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{source}", str(clone))
    history = read_history(clone)
    assert history.commits == 1
    assert {c.kind for c in history.changes} == {"listed", "note-added", "read"}
    assert [(p.day, p.counts) for p in points(history)] == [("2024-03-05", (5, 5, 2))]


def test_a_repository_without_commits_has_no_history(tmp_path):
    root = write_tree(init(tmp_path / "kb"), {"notes/a.md": NOTE.format("read", "A.")})
    kb, _ = load(root)
    assert kb.history is None
    assert "No history to draw" in progress_page(kb)
    assert kb.note_dates["notes/a.md"]   # the file's own date stands in


def test_a_folder_outside_git_has_no_history(tmp_path):
    assert read_history(write_tree(tmp_path, {"notes/a.md": "x"})) is None


def test_without_git_at_all_the_list_still_loads(base_tree, monkeypatch):
    monkeypatch.setenv("PATH", str(base_tree / "nowhere"))
    kb, problems = load(base_tree)
    assert kb.history is None and problems == []
    assert set(kb.note_dates) == {"notes/smith2020deep.md"}


def test_a_list_inside_a_bigger_repository_reads_its_own_history(tmp_path):
    outer = init(tmp_path / "outer")
    commit(outer, {"lists/dl/notes/a.md": NOTE.format("read", "A."), "notes/b.md": "x"},
           DAY.format(1))
    assert changes(outer / "lists/dl") == [("note-added", "a", 0), ("read", "a", 0)]
    assert read_history(outer / "lists/dl").note_dates == {"notes/a.md": "2024-05-01"}


def test_loading_calls_git_once(tmp_path, monkeypatch):
    root = committed_kb(tmp_path / "kb")
    calls = count_git_calls(monkeypatch)
    load(root)
    assert calls == [history_module.GIT_LOG]


def test_a_site_build_reads_the_history_with_one_git_log(tmp_path, monkeypatch):
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    root = site_project(committed_kb(tmp_path / "kb"))
    calls = count_git_calls(monkeypatch)
    monkeypatch.chdir(root)
    build(load_config(str(root / "mkdocs.yml"), site_dir=str(tmp_path / "site"), strict=False))
    assert calls == [history_module.GIT_LOG]
    assert (tmp_path / "site/progress/index.html").exists()


def count_git_calls(monkeypatch) -> list:
    calls = []
    real = subprocess.run

    def run(command, *args, **kwargs):
        if command and command[0] == "git":
            calls.append(tuple(command))
        return real(command, *args, **kwargs)

    monkeypatch.setattr(subprocess, "run", run)
    return calls


@pytest.mark.parametrize("lines", [["\x00"], ["\x00abc 2024-01-01T00:00:00+00:00",
                                              "diff --git \"a/n\\303otes\" \"b/x\""]])
def test_odd_log_text_is_read_without_a_crash(lines):
    assert history_module.replay("\n".join(lines)).changes == ()
