"""Links between generated pages: our relative paths are posixpath.relpath's, without the OS."""

from __future__ import annotations

import posixpath

from hypothesis import given, settings
from hypothesis import strategies as st

from readinglist.render.uris import page_url, rel, relative_path

PARTS = st.sampled_from(["papers", "connections", "models", "a", "b", "index.md", "x.md"])
PATHS = st.lists(PARTS, min_size=0, max_size=4).map("/".join)


@settings(max_examples=500, derandomize=True)
@given(PATHS, PATHS)
def test_relative_path_is_relpath_for_paths_under_the_docs_folder(path, start):
    assert relative_path(path, start) == posixpath.relpath(path or ".", start or ".")


def test_links_between_pages():
    assert rel("papers/a.md", "papers/b.md", "notes") == "b.md#notes"
    assert rel("index.md", "papers/b.md") == "papers/b.md"
    assert rel("connections/models/topic-0.md", "papers/b.md") == "../../papers/b.md"
    assert rel("papers/a.md", "models.md") == "../models.md"


def test_built_urls_between_pages():
    assert page_url("connections/models/topic-0.md", "papers/b.md") == "../../../papers/b/"
    assert page_url("index.md", "index.md") == "./"
    assert page_url("papers/a.md", "papers/a.md") == "./"
