"""The command line: parse arguments, call the library, turn diagnostics into exit codes."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from .. import diagnostic
from ..checks import check
from ..loaders.knowledge import load
from ..model import KnowledgeBase
from ..render.files.export import dumps
from .discover_parser import register_discover
from .output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE
from .parsing import later, output_file


def main(argv: list[str] | None = None) -> int:
    # bibtexparser logs each failed block; we report those as diagnostics instead.
    logging.getLogger("bibtexparser").setLevel(logging.CRITICAL)
    args = _parser().parse_args(argv)
    root = _find_root(args.root)
    if root is None:
        where = args.root or Path.cwd()
        print(f"readinglist: {where} is not a reading list (no taxonomy/ folder in it or above "
              "it); run inside one or pass --root DIR", file=sys.stderr)
        return EXIT_USAGE
    return args.run(root, args)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="readinglist", description="Check and export a "
                                     "reading list kept as taxonomy/, bib/ and notes/.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run_check = commands.add_parser("check", help="report every problem in taxonomy/, bib/ and "
                                    "notes/ as path:line:col: code: message")
    run_check.add_argument("--format", choices=sorted(diagnostic.FORMATS), default="text",
                           help="text (default), github annotations, or json")
    run_check.add_argument("--strict", action="store_true", help="fail on warnings too")
    run_check.set_defaults(run=_check)
    run_export = commands.add_parser("export", help="print the knowledge base as JSON")
    run_export.set_defaults(run=_export)
    for command in (run_check, run_export, *_register_page_commands(commands),
                    *_register_edit_commands(commands), *_register_net_commands(commands),
                    _register_abstracts(commands)):
        command.add_argument("--root", type=Path, help="the reading list's folder (default: the "
                             "one the current directory is in)")
    return parser


def _register_page_commands(commands) -> list[argparse.ArgumentParser]:
    run_render = commands.add_parser("render", help="write the generated pages as Markdown "
                                     "into DIR, for other site engines")
    run_render.add_argument("dir", type=Path, metavar="DIR")
    run_render.add_argument("--site-url", default=os.environ.get("READINGLIST_SITE_URL") or None,
                            help="the site's address, for absolute links in feed.xml and "
                            "feed.json (default: $READINGLIST_SITE_URL, else relative links)")
    run_render.add_argument("--site-name", default="Reading list", help="the feeds' title")
    run_render.add_argument("--site-description", default=None,
                            help="the feeds' subtitle (default: what they hold)")
    run_render.set_defaults(run=_render)
    run_stats = commands.add_parser("stats", help="reading progress in numbers: per section, "
                                    "papers read, reading and to read, notes written, open "
                                    "todos and questions, our suggestions")
    run_stats.add_argument("--format", choices=["text", "json"], default="text",
                           help="an aligned table (default) or json")
    run_stats.set_defaults(run=_stats)
    return [run_render, run_stats]


def _register_edit_commands(commands) -> list[argparse.ArgumentParser]:
    add = commands.add_parser("add", help="add a paper by arXiv id, DOI or BibTeX file: its bib "
                              "entry, its taxonomy item and a note stub")
    add.add_argument("identifier", nargs="?", metavar="ID",
                     help="an arXiv id or URL (any version), or a DOI or doi.org URL")
    add.add_argument("--bibtex", type=Path, metavar="FILE",
                     help="add every entry of a BibTeX file (a Zotero export) instead")
    add.add_argument("--to", required=True, metavar="SECTION/TOPIC[/SUBTOPIC]",
                     help="where the paper is listed, e.g. models/mlps")
    add.add_argument("--dry-run", action="store_true", help="print the diff, change nothing")
    add.set_defaults(run=later("run_add"))
    new = commands.add_parser("new", help="write the note stub for a paper already in bib/")
    new.add_argument("key", metavar="KEY")
    new.set_defaults(run=later("run_new"))
    fmt = commands.add_parser("fmt", help="rewrite bib/ and taxonomy/ in canonical form")
    fmt.add_argument("--check", action="store_true",
                     help="change nothing; exit 1 and name the files that would change")
    fmt.set_defaults(run=later("run_fmt"))
    return [add, new, fmt]


def _register_net_commands(commands) -> list[argparse.ArgumentParser]:
    links = commands.add_parser("links", help="check every link: pages and anchors of the site, "
                                "and (unless --offline) every external URL")
    links.add_argument("paths", nargs="*", metavar="PATH", help="only the links in these files")
    links.add_argument("--offline", action="store_true",
                       help="check links between pages and anchors only, fetch nothing")
    links.add_argument("--format", choices=sorted(diagnostic.FORMATS), default="text")
    links.add_argument("--report", type=Path, metavar="FILE",
                       help="also write a Markdown report (for a CI job summary)")
    links.add_argument("--no-cache", action="store_true", help="check even recent successes")
    links.add_argument("--output", type=output_file, metavar="FILE",
                       help="write the results to FILE instead of stdout (the exit status "
                       "stays the same)")
    links.set_defaults(run=later("run_links", "net_commands"))
    verify = commands.add_parser("verify", help="check every arXiv id and DOI against arXiv, "
                                 "Crossref and doi.org: it resolves, and title, first author "
                                 "and year agree")
    verify.add_argument("--offline", action="store_true", help="use cached replies only")
    verify.add_argument("--format", choices=sorted(diagnostic.FORMATS), default="text")
    verify.add_argument("--output", type=output_file, metavar="FILE",
                        help="write the results to FILE instead of stdout (the exit status "
                        "stays the same)")
    verify.set_defaults(run=later("run_verify", "net_commands"))
    return [links, verify, _register_report(commands), *register_discover(commands)]


def _register_report(commands) -> argparse.ArgumentParser:
    report = commands.add_parser("report", help="turn the JSON results of links and verify "
                                 "into one report, and open, update or close the report "
                                 "issue on GitHub to match (needs gh)")
    report.add_argument("--links", type=Path, required=True, metavar="FILE",
                        help="what `links --format json --output FILE` wrote")
    report.add_argument("--verify", type=Path, required=True, metavar="FILE",
                        help="what `verify --format json --output FILE` wrote")
    report.add_argument("--output", type=output_file, default=Path("report.md"), metavar="FILE",
                        help="where the whole report is written (default: report.md)")
    report.add_argument("--dry-run", action="store_true",
                        help="ask GitHub which report issue is open, then print the calls "
                        "that would change it instead of making them")
    report.set_defaults(run=later("run_report", "report_command"))
    return report


def _register_abstracts(commands) -> argparse.ArgumentParser:
    abstracts = commands.add_parser("abstracts", help="fetch from arXiv the abstracts that "
                                    "entries with an arXiv id lack, and write them into bib/")
    abstracts.add_argument("keys", nargs="*", metavar="KEY", help="only these entries")
    abstracts.add_argument("--dry-run", action="store_true", help="print the diff, change "
                           "nothing")
    abstracts.add_argument("--offline", action="store_true", help="use cached replies only")
    abstracts.set_defaults(run=later("run_abstracts", "abstracts"))
    return abstracts


def _find_root(given: Path | None) -> Path | None:
    if given is not None:
        return given if (given / "taxonomy").is_dir() else None
    here = Path.cwd()
    return next((d for d in (here, *here.parents) if (d / "taxonomy").is_dir()), None)


def _check(root: Path, args: argparse.Namespace) -> int:
    _, diagnostics = _diagnose(root)
    sys.stdout.write(diagnostic.FORMATS[args.format](diagnostics))
    failed = any(diagnostic.is_failure(d, args.strict) for d in diagnostics)
    return EXIT_PROBLEMS if failed else EXIT_OK


def _export(root: Path, args: argparse.Namespace) -> int:
    kb, diagnostics = _diagnose(root)
    if _refuse_errors(diagnostics):
        return EXIT_PROBLEMS
    sys.stdout.write(dumps(kb))
    return EXIT_OK


def _stats(root: Path, args: argparse.Namespace) -> int:
    kb, diagnostics = _diagnose(root)
    if _refuse_errors(diagnostics):
        return EXIT_PROBLEMS
    from .tallies import table, tallies
    rows = tallies(kb)
    sys.stdout.write(json.dumps([row.as_json() for row in rows], indent=2) + "\n"
                     if args.format == "json" else table(rows))
    return EXIT_OK


def _render(root: Path, args: argparse.Namespace) -> int:
    if args.dir.exists() and not args.dir.is_dir():
        print(f"readinglist: {args.dir} is not a folder; render writes its pages into a folder "
              "(an existing one, or one it makes)", file=sys.stderr)
        return EXIT_USAGE
    kb, diagnostics = _diagnose(root, history=True)
    if _refuse_errors(diagnostics):
        return EXIT_PROBLEMS
    from ..edit.transaction import Change, apply
    from ..render import Site, downloads, feeds, fill_home, render
    site = Site(args.site_name, args.site_url, args.site_description)
    pages = {**render(kb), **downloads(kb), **feeds(kb, site)}
    # The home page too, its markers filled as the MkDocs hooks fill them: copy docs/ first.
    pages.update({"index.md": fill_home(page.text, kb) for page in kb.pages
                  if page.path == "docs/index.md"})
    try:
        apply(args.dir, [Change(uri, content) for uri, content in pages.items()])
    except OSError as exc:
        print(f"readinglist: cannot write the pages into {args.dir}: {exc.strerror or exc}"
              + (f" ({exc.filename})" if exc.filename else ""), file=sys.stderr)
        return EXIT_PROBLEMS
    print(f"wrote {len(pages)} files to {args.dir}", file=sys.stderr)
    return EXIT_OK


def _refuse_errors(diagnostics: list[diagnostic.Diagnostic]) -> bool:
    """Print the errors that stop a command from producing output; True if there were any."""
    errors = [d for d in diagnostics if d.severity == "error"]
    sys.stderr.write(diagnostic.format_text(errors))
    return bool(errors)


def _diagnose(root: Path, history: bool = False) -> tuple[KnowledgeBase,
                                                          list[diagnostic.Diagnostic]]:
    kb, problems = load(root, history=history, parallel=True)
    return kb, diagnostic.sort_unique(problems + check(kb))
