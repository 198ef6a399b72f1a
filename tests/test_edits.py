"""A server renders again only the paper pages an edit of the taxonomy changes, and keeps the
rows made before (render/edits.py)."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest

from readinglist import load
from readinglist.render import render
from readinglist.render.edits import hand_on_rows, same_papers, text_edits
from readinglist.render.fragments.rows import row_memo
from readinglist.render.index import build_index
from readinglist.render.pages.papers import paper_page
from support import REPO

sys.path.insert(0, str(REPO / "scripts"))
from bench.generate import generate  # noqa: E402


@pytest.fixture(scope="module")
def listed(tmp_path_factory) -> Path:
    return generate(tmp_path_factory.mktemp("edits") / "repo", 60)


def edited(root: Path, path: str, change) -> Path:
    """A copy of the list at root with one file changed."""
    copy = shutil.copytree(root, root.parent / f"edited-{len(list(root.parent.iterdir()))}")
    target = copy / path
    text = target.read_text(encoding="utf-8")
    target.write_text(change(text), encoding="utf-8")
    assert target.read_text(encoding="utf-8") != text
    return copy


def kept(root: Path, copy: Path) -> tuple[frozenset[str], object, dict[str, str]]:
    """What a server keeps from the list at root after the edit that made copy: the paper pages
    and the rows (the new render, made of them, equals a fresh one)."""
    old, new, fresh = (load(path, history=False)[0] for path in (root, copy, copy))
    render(old)
    hand_on_rows(old, new, text_edits(old, new))
    before, after = build_index(old), build_index(new)
    same = same_papers(old, new, before, after)
    for key in same:
        assert paper_page(old, key, before) == paper_page(new, key, after), key
    pages = render(new, after, {k: paper_page(old, k, before) for k in same})
    assert pages == render(fresh)
    return same, new, pages


def rows_handed_on(root: Path, new) -> bool:
    old = load(root, history=False)[0]
    hand_on_rows(old, new, text_edits(old, new))
    return new.derived(row_memo) is old.derived(row_memo)


def test_a_renamed_topic_renders_again_only_the_papers_that_show_it(listed):
    copy = edited(listed, "taxonomy/models.yml",
                  lambda text: text.replace("title: Topic 0\n", "title: Topic zero\n", 1))
    same, new, pages = kept(listed, copy)
    shown = {k for k in new.papers if "Topic zero" in pages[f"papers/{k}.md"]}
    assert shown and same == set(new.papers) - shown
    assert rows_handed_on(listed, load(copy, history=False)[0])


def test_a_moved_paper_keeps_the_pages_of_papers_far_from_it(listed):
    text = (listed / "taxonomy/models.yml").read_text(encoding="utf-8")
    moved = re.search(r"\n      - paper: (\w+)\n", text).group(1)
    copy = edited(listed, "taxonomy/models.yml", lambda t: t.replace(
        f"      - paper: {moved}\n", "", 1).replace(
        "          - todo: Later\n", f"          - todo: Later\n          - paper: {moved}\n", 1))
    same, new, pages = kept(listed, copy)
    assert moved not in same and 0 < len(same) < len(new.papers)
    assert f'data-key="{moved}"' in pages["models.md"]     # its row, made again for its place


def test_an_edit_beyond_the_taxonomy_keeps_no_page(listed):
    copy = edited(listed, "bib/references.bib",
                  lambda text: text.replace("Journal of Synthetic Results", "Journal X", 1))
    assert kept(listed, copy)[0] == frozenset()
    assert not rows_handed_on(listed, load(copy, history=False)[0])


def test_a_notes_text_edit_hands_on_the_rows(listed):
    note = sorted((listed / "notes").glob("*.md"))[0].relative_to(listed).as_posix()
    copy = edited(listed, note, lambda text: text.replace("## Setting\n", "## Setting\n\nMore.\n", 1))
    assert kept(listed, copy)[0] == frozenset()
    assert rows_handed_on(listed, load(copy, history=False)[0])
