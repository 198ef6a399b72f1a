"""MkDocs adapter: load and check the knowledge base, add the rendered pages, serve KaTeX locally.

All the work is in readinglist.render; these hooks only put its output into MkDocs' file list.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel

from readinglist import check, load
from readinglist.diagnostic import sort
from readinglist.loaders.allowlist import article_problems
from readinglist.render import downloads, fill_home, is_reserved, page_sources, render
from readinglist.render.search_index import lean_index
from readinglist.render.uris import PAPERS

log = get_plugin_logger("readinglist")
KATEX = Path("node_modules/katex/dist")
KATEX_FILES = ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js")


def on_files(files: Files, config) -> Files:
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    root = Path(config.config_file_path).parent
    kb, problems = load(root)
    for diagnostic in sort(problems + check(kb)):
        (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
    for file in files:
        if is_reserved(file.src_uri):
            log.error(f"docs/{file.src_uri}: this path belongs to the generated site; rename it")
        editable = config.repo_url and file.is_documentation_page()
        file.edit_uri = f"docs/{file.src_uri}" if editable else None
    _fill_home(files, config, kb)
    # Without a repository address there is nothing to edit on, and MkDocs warns about it.
    sources = page_sources(kb) if config.repo_url else {}
    for uri, content in {**render(kb), **downloads(kb)}.items():
        if not files.get_file_from_path(uri):
            files.append(_generated(config, uri, content, sources.get(uri)))
    _add_katex(files, config, root)
    return files


def on_post_page(output: str, page, config) -> str:
    # The last line of defence: whatever reached the built page, no script may run from it.
    for problem in article_problems(output):
        log.error(f"{page.file.src_uri}: the built page carries {problem}; find it in the "
                  "source (readinglist check names it) and remove it")
    return output


def on_post_build(config) -> None:
    # Hooks run after the theme's plugins, so Material's search index is already written.
    index = Path(config.site_dir) / "search" / "search_index.json"
    if index.is_file():
        index.write_text(lean_index(index.read_text(encoding="utf-8")), encoding="utf-8")


def _generated(config, uri: str, content: str, source: str | None) -> File:
    paper_page = uri.startswith(f"{PAPERS}/")
    file = File.generated(config, uri, content=content,
                          inclusion=InclusionLevel.NOT_IN_NAV if paper_page else
                          InclusionLevel.UNDEFINED)
    file.edit_uri = source
    return file


def _fill_home(files: Files, config, kb) -> None:
    home = files.get_file_from_path("index.md")
    if home is not None:
        files.remove(home)
        filled = _generated(config, "index.md", fill_home(home.content_string, kb), None)
        filled.edit_uri = "docs/index.md" if config.repo_url else None
        files.append(filled)


def _add_katex(files: Files, config, root: Path) -> None:
    dist = root / KATEX
    if not (dist / "katex.min.js").exists():
        log.error(f"{KATEX}/katex.min.js is missing: run `make site` (it runs npm ci) to "
                  "install KaTeX, which the site serves itself")
        return
    fonts = sorted(p.relative_to(dist).as_posix() for p in (dist / "fonts").glob("*.woff2"))
    for name in (*KATEX_FILES, *fonts):
        files.append(File.generated(config, f"assets/katex/{name}",
                                    abs_src_path=str(dist / name)))
