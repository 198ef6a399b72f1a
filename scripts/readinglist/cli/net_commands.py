"""The curator's network command `links`: arguments in, library calls, report and exit code out.

Imported only when it runs, like the contributor commands."""

from __future__ import annotations

import argparse
import json
import os
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from .. import diagnostic
from ..loaders.knowledge import load
from ..loaders.tree import REFUSED_CODES
from ..net.external_links import CACHE_FILE, check_links
from ..net.internal_links import internal_problems
from ..net.link_list import collect, duplicates
from ..net.settings import ConfigError, load_settings, load_verify_settings
from .output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, write_output


def run_links(root: Path, args: argparse.Namespace) -> int:
    try:
        settings = load_settings(root)
    except ConfigError as exc:
        print(f"readinglist: {exc}", file=sys.stderr)
        return EXIT_USAGE
    kb, problems = load(root, history=False)
    try:
        links, refused = _named(root, args.paths, collect(kb), problems)
    except ValueError as exc:
        print(f"readinglist links: {exc}", file=sys.stderr)
        return EXIT_USAGE
    found = refused + internal_problems(kb, links) + duplicates(links)
    statuses: dict[str, int | str] = {}
    if not args.offline:
        targets = [link.target for link in links if link.external
                   and _host(link.target) not in settings.skip_hosts
                   and not settings.excluded(link.target)]
        cache = None if args.no_cache else root / CACHE_FILE
        for result in check_links(targets, settings, cache,
                                  progress("checked {done}/{total} links")):
            statuses[result.target] = result.status
            if not result.alive:
                found += [diagnostic.error(link.path, link.line, link.col, "broken-link",
                                           f"{link.url} is broken ({result.status})")
                          for link in links if link.target == result.target]
    found = diagnostic.sort_unique(found)
    _emit(found, links, statuses, args)
    return EXIT_PROBLEMS if any(d.severity == "error" for d in found) else EXIT_OK


def _emit(found, links, statuses, args) -> None:
    if args.format == "json":
        by_place = {(link.path, link.line, link.col): link for link in links}
        rows = [{"url": by_place[(d.path, d.line, d.col)].url if (d.path, d.line, d.col)
                 in by_place else None, "path": d.path, "line": d.line, "col": d.col,
                 "code": d.code, "status": _status_of(d, by_place, statuses),
                 "message": d.message, "severity": d.severity} for d in found]
        _write(json.dumps(rows, indent=2) + "\n", args.output)
    else:
        _write(diagnostic.FORMATS[args.format](found), args.output)
    if args.report:
        args.report.write_text(markdown_report(found, len(links), len(statuses)),
                               encoding="utf-8")


def _write(text: str, output: Path | None) -> None:
    """The results on stdout, or into a file for the nightly report."""
    if output is None:
        sys.stdout.write(text)
    else:
        write_output(output, text)


def _status_of(d, by_place, statuses) -> int | str:
    link = by_place.get((d.path, d.line, d.col))
    if d.code == "broken-link" and link is not None:
        return statuses.get(link.target, "error")
    return {"broken-internal-link": "missing", "duplicate-url": "duplicate"}.get(d.code, d.code)


def markdown_report(found, total: int, checked: int) -> str:
    lines = [f"## Link check: {sum(d.severity == 'error' for d in found)} broken",
             "", f"{total} links found, {checked} external links checked.", ""]
    if found:
        lines += ["| where | problem |", "|---|---|"]
        lines += [f"| `{d.path}:{d.line}` | {d.code}: {_cell(d.message)} |" for d in found]
    return "\n".join(lines) + "\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def progress(template: str):
    """A progress line on a terminal ("checked {done}/{total} links"); quiet in CI and pipes."""
    if not sys.stderr.isatty():
        return lambda done, total: None

    def show(done: int, total: int) -> None:
        print("\r" + template.format(done=done, total=total), end="\n" if done == total else "",
              file=sys.stderr, flush=True)
    return show


def _host(url: str) -> str:
    return urlsplit(url).hostname or ""


def _named(root: Path, paths: list[str], links: list, problems: list[diagnostic.Diagnostic]):
    """The links of the files named (all without names), and the named files never read (a
    link, a pipe): those are said, not passed over in silence."""
    if not paths:
        return links, []
    wanted = {_relative(root, path) for path in paths}
    return ([link for link in links if link.path in wanted],
            [d for d in problems if d.code in REFUSED_CODES and d.path in wanted])


def _relative(root: Path, given: str) -> str:
    """A path named on the command line, from the root; links on the way are not followed (the
    file is judged as the loaders judge it). ValueError for a path outside the reading list."""
    path = Path(given)
    if not path.is_absolute() and not os.path.lexists(path):
        path = root / path   # named from the root, as in the reports
    path, base = Path(os.path.abspath(path)), Path(os.path.abspath(root))
    if not path.is_relative_to(base):   # the root itself may have been named through a link
        path, base = Path(os.path.realpath(path.parent)) / path.name, base.resolve()
    if not path.is_relative_to(base):
        raise ValueError(f"{given} is outside the reading list at {root}; name its files")
    return path.relative_to(base).as_posix()


def run_verify(root: Path, args: argparse.Namespace) -> int:
    from ..net.metadata import Endpoints, FetchError
    from ..net.verify import CACHE_FILE as VERIFY_CACHE, Client, verify
    try:
        settings = load_verify_settings(root, offline=args.offline)
    except ConfigError as exc:
        print(f"readinglist: {exc}", file=sys.stderr)
        return EXIT_USAGE
    kb, _ = load(root, history=False)
    endpoints = Endpoints.from_env()
    if settings.mailto and not endpoints.mailto:
        endpoints = replace(endpoints, mailto=settings.mailto)
    client = Client(endpoints, settings, root / VERIFY_CACHE)
    try:
        found, skipped = verify(kb, client)
    except FetchError as exc:
        print(f"readinglist: {exc}", file=sys.stderr)
        return EXIT_PROBLEMS
    found = diagnostic.sort_unique(found)
    _write(diagnostic.FORMATS[args.format](found), args.output)
    if skipped:
        print(f"readinglist: {skipped} identifiers not in the cache were skipped (offline)",
              file=sys.stderr)
    return EXIT_PROBLEMS if any(d.severity == "error" for d in found) else EXIT_OK
