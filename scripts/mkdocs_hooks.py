"""MkDocs adapter: load and check the knowledge base, add the rendered pages, serve KaTeX locally.

All the work is in readinglist.render; these hooks only put its output into MkDocs' file list,
and keep links, special files and snippets of files outside the repository off the site.
"""

from __future__ import annotations

import json
import logging
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from material.plugins.tags.structure.mapping import Mapping
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils.meta import get_data

from readinglist import check, load
from readinglist.diagnostic import sort_unique
from readinglist.hooks.built import file_problems, theme_scripts
from readinglist.hooks.guards import defuse, refused_early
from readinglist.hooks.heap import Heap
from readinglist.hooks.live import LiveSite, quiet_dirty_warning, site_key
from readinglist.hooks.search_index import lean_index
from readinglist.loaders.tree import walk
from readinglist.render import (Site, downloads, feeds, fill_home, is_reserved, page_sources,
                                render)
from readinglist.render.markup import Lists, escaped_meta
from readinglist.render.uris import CONNECTIONS, PAPERS

log = get_plugin_logger("readinglist")
KATEX = Path("node_modules/katex/dist")
KATEX_FILES = ("katex.min.js", "katex.min.css", "contrib/auto-render.min.js")
# The files the post-build guard reads whole: pages, figures, feeds, and the one JSON file the
# theme inserts as HTML; the other JSON files are data its scripts set as text.
_READ = (".html", ".svg", ".xml", "search_index.json")
# MkDocs keeps raw HTML as written, so lists that change apart from their page (a topic's
# title, the papers beside one) are raw HTML with built links, patched in place when served.
RAW_LISTS = Lists(raw_html=True)


@dataclass
class _Build:
    """What on_build_error needs of the build it ends (MkDocs passes it the error only)."""

    site_dir: Path | None = None
    included: list[Path] = field(default_factory=list)    # what the snippets include


_BUILD = _Build()
# Kept between the rebuilds of `mkdocs serve --dirty`: MkDocs loads this module once a process.
_LIVE = LiveSite()
_HEAP = Heap()


def on_startup(command, dirty, **kwargs) -> None:
    _LIVE.enabled = command == "serve" and dirty
    if _LIVE.enabled:
        logging.getLogger("mkdocs.commands.build").addFilter(quiet_dirty_warning)


def on_config(config):
    _BUILD.site_dir = Path(config.site_dir)
    if _LIVE.enabled and _LIVE.kb is not None:
        _HEAP.settle()
    _LIVE.begin()
    search = config.plugins.get("material/search")
    if _LIVE.enabled and search is not None:
        search.is_dirty = False     # its own merge keeps one page's entries; LiveSite keeps all
    # MkDocs lists docs/ through links to folders, and the theme reads its templates itself,
    # both before on_files could drop anything: such links stop the build here.
    refused = refused_early(_root(config))
    for diagnostic in refused:
        log.error(str(diagnostic))
    if refused:
        raise PluginError("docs/ holds the links above, which MkDocs would follow before any "
                          "check; the site is built from regular files only")
    return config


def on_files(files: Files, config) -> Files:
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    root = _root(config)
    kb, problems = load(root, memo=_LIVE.memo if _LIVE.enabled else None)
    for diagnostic in sort_unique(problems + check(kb)):
        (log.error if diagnostic.severity == "error" else log.warning)(str(diagnostic))
    _keep_regular_files(files, root)
    for file in files:
        if is_reserved(file.src_uri):
            log.error(f"docs/{file.src_uri}: this path belongs to the generated site; rename it")
        editable = config.repo_url and file.is_documentation_page()
        file.edit_uri = f"docs/{file.src_uri}" if editable else None
    _fill_home(files, config, kb)
    # Without a repository address there is nothing to edit on, and MkDocs warns about it.
    sources = page_sources(kb) if config.repo_url else {}
    _say_without_site_url(config)
    site = Site(config.site_name, config.site_url or None, config.site_description)
    generated = _LIVE.rendered(kb, (site,), lambda index, same: {
        **render(kb, index, same, RAW_LISTS), **downloads(kb), **feeds(kb, site)}, RAW_LISTS)
    _BUILD.included = [root / s.target for s in kb.snippets if s.code is None]
    for uri, content in generated.items():
        if not files.get_file_from_path(uri):
            if uri.endswith(".md"):     # rows and figures are made apart (hooks/splice.py)
                content = _LIVE.splicer.split(uri, content)
            files.append(_generated(config, uri, content, sources.get(uri)))
    _add_katex(files, config, root)
    return files


def on_nav(nav, config, files):
    if _LIVE.enabled:
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        themes = [Path(config.theme.custom_dir)] if config.theme.custom_dir else []
        _LIVE.decide(pages, site_key(Path(config.config_file_path), themes, pages, nav.pages,
                                     _BUILD.included))
    return nav


@event_priority(101)     # before the tags plugin lists every page's tags
def on_env(env, config, files):
    if _LIVE.enabled:
        env.bytecode_cache = _LIVE.bytecode
        tags = config.plugins.get("material/tags")
        _LIVE.restore(_pages(files), files, tags.mappings if tags else None,
                      lambda page, tagged: Mapping(page, tags=tagged),
                      lambda page: tags and tags.listings.add(page, _body(config, page)))
    return env


def _body(config, page) -> str:
    """A page's Markdown as the tags plugin reads it: after its front matter, defused."""
    return defuse(_root(config), get_data(page.file.content_string)[0])[0]


def _pages(files: Files) -> list:
    """The pages `mkdocs serve` builds, in the order it builds them."""
    return [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_in_serve)]


def on_page_markdown(markdown: str, page, config, files) -> str:
    markdown = _LIVE.splicer.expand(page.file.src_uri, markdown)
    # Every page, generated ones too: a BibTeX block or a note could carry a snippet line.
    markdown, problems = defuse(_root(config), markdown)
    for problem in problems:
        log.error(f"{page.file.src_uri}: {problem} (left out of the page)")
    return markdown


def on_page_content(html: str, page, config, files) -> str:
    # The theme prints titles and front matter into <title>, the header, the navigation and
    # <meta> without escaping them: give it escaped text (the search index takes it too).
    page.meta = escaped_meta(page.meta, page.title or "", Markup)
    search = config.plugins.get("material/search")
    return _LIVE.splicer.take(page.file.src_uri, html, search is not None and
                              search.config.enabled)


def on_post_page(output: str, page, config) -> str:
    return _LIVE.splicer.fill(page.file.src_uri, output)


def _root(config) -> Path:
    return Path(config.config_file_path).parent


def _keep_regular_files(files: Files, root: Path) -> None:
    """Drop whatever docs/ holds that is not a regular file (load() has reported it)."""
    docs, regular = root / "docs", walk(root, ("docs",)).files
    for file in list(files):
        source = Path(file.abs_src_path) if file.abs_src_path else None
        if source and source.is_relative_to(docs) and \
                source.relative_to(root).as_posix() not in regular:
            files.remove(file)


def _say_without_site_url(config) -> None:
    # A warning would stop a strict build, and a site without an address is still a site.
    if not config.site_url:
        (log.info if config.strict else log.warning)(
            "site_url is not set, so feed.xml and feed.json link to pages relative to "
            "themselves; set READINGLIST_SITE_URL (e.g. https://OWNER.github.io/REPO/) for "
            "absolute links")


def on_post_build(config) -> None:
    # Hooks run after the theme's plugins, so Material's search index is already written.
    site = Path(config.site_dir)
    index = site / "search" / "search_index.json"
    if index.is_file():
        index.write_text(lean_index(index.read_text(encoding="utf-8")), encoding="utf-8")
    written = _LIVE.finish(site, json.loads(index.read_text(encoding="utf-8"))
                           if index.is_file() else None) if _LIVE.enabled else None
    # The last line of defence: whatever reached a built file, no script may run from it.
    problems = _built_problems(site, config.theme.dirs, written)
    for problem in problems:
        log.error(problem)
    if problems:
        raise PluginError("the built site carries the markup above, which could run in a "
                          "reader's browser; nothing of this build is kept. readinglist "
                          "check names the value in its source")


def on_build_error(error) -> None:
    # A refused build leaves no page behind: MkDocs writes each page as it goes, so whoever
    # served the folder after a failed build would serve what made it fail.
    _LIVE.forget()
    if _BUILD.site_dir is not None and _BUILD.site_dir.is_dir():
        for child in _BUILD.site_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()


def _built_problems(site: Path, theme_dirs: list[str],
                    written: dict[Path, str | None] | None) -> list[str]:
    """What the files of the site carry, or what this build wrote (the rest was judged, byte
    for byte the same, after the build that wrote it), each file whole or the text given."""
    templates = [p.read_text(encoding="utf-8") for folder in theme_dirs
                 for p in sorted(Path(folder).rglob("*.html")) if p.is_file()]
    scripts = theme_scripts(templates)
    return [f"{path.relative_to(site).as_posix()}: the built file carries {problem}"
            for path in (sorted(site.rglob("*")) if written is None else written)
            if path.name.endswith(_READ) and path.is_file()
            for problem in file_problems(path.name, _text(path, written), scripts)]


def _text(path: Path, written: dict[Path, str | None] | None) -> str:
    given = written.get(path) if written is not None else None
    return given if given is not None else path.read_text(encoding="utf-8")


def _generated(config, uri: str, content: str, source: str | None) -> File:
    off_nav = uri.startswith((f"{PAPERS}/", f"{CONNECTIONS}/"))
    file = File.generated(config, uri, content=content,
                          inclusion=InclusionLevel.NOT_IN_NAV if off_nav else
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
