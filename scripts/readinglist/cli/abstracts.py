"""The curator's command `abstracts`: fetch what is missing, write it all or nothing, say why
for each entry left as it was.

Imported only when it runs, like the other network commands."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from .. import diagnostic
from ..edit.add import new_errors
from ..edit.insert import EditError
from ..edit.transaction import Change, LockedError, apply, locked
from ..loaders.knowledge import load
from ..loaders.tree import read_regular, walk
from ..net.abstracts import AbstractsError, Outcome, fetch_abstracts, plan_abstracts, wanted
from ..net.client import CACHE_FILE, Client
from ..net.metadata import Endpoints
from ..net.settings import ConfigError, load_verify_settings
from .edit_commands import diff
from .net_commands import progress
from .output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, fail

NAMED = 10   # entries named in the summary of what was written


def run_abstracts(root: Path, args: argparse.Namespace) -> int:
    try:
        settings = load_verify_settings(root, offline=args.offline)
        with locked(root):
            return _run(root, args, settings)
    except (AbstractsError, ConfigError) as exc:
        return fail(exc, EXIT_USAGE)
    except (LockedError, EditError, OSError, UnicodeDecodeError) as exc:
        return fail(exc, EXIT_PROBLEMS)


def _run(root: Path, args: argparse.Namespace, settings) -> int:
    kb, _ = load(root, history=False)
    before = _bib_bytes(root)
    papers, remarks = wanted(kb, args.keys)
    endpoints = Endpoints.from_env()
    if settings.mailto and not endpoints.mailto:
        endpoints = replace(endpoints, mailto=settings.mailto)
    outcome = fetch_abstracts(papers, Client(endpoints, settings, root / CACHE_FILE),
                              progress("asked arXiv for {done}/{total} entries"))
    sys.stdout.write(diagnostic.format_text(diagnostic.sort_unique(outcome.problems)))
    for remark in remarks + _remarks(outcome, args.offline, not papers and not args.keys):
        print(f"readinglist: {remark}", file=sys.stderr)
    if outcome.found:
        if _bib_bytes(root) != before:   # an editor saved bib/ while arXiv was asked
            return fail("bib/ changed during the run; nothing was written: run again "
                         "(arXiv's replies are cached)", EXIT_PROBLEMS)
        written = _write(root, plan_abstracts(root, kb, outcome.found), outcome, args.dry_run)
        if written != EXIT_OK:
            return written
    return EXIT_PROBLEMS if outcome.problems else EXIT_OK


def _write(root: Path, changes: list[Change], outcome: Outcome, dry_run: bool) -> int:
    problems = new_errors(root, changes)
    if problems:
        sys.stderr.write(diagnostic.format_text(problems))
        return fail("the abstracts would break the checks above; nothing was written",
                     EXIT_PROBLEMS)
    if dry_run:
        sys.stdout.write(diff(root, changes))
        return EXIT_OK
    apply(root, changes)
    keys = sorted(outcome.found)
    named = ", ".join(keys[:NAMED]) + (f" and {len(keys) - NAMED:,} more" if keys[NAMED:] else "")
    print(f"added {'an abstract' if len(keys) == 1 else f'abstracts to {len(keys):,} entries'}: "
          f"{named}")
    for change in changes:
        print(f"  changed {change.path}")
    return EXIT_OK


def _remarks(outcome: Outcome, offline: bool, all_done: bool) -> list[str]:
    remarks = []
    if all_done:
        remarks.append("every entry with an arXiv id already has an abstract; nothing to do")
    if outcome.skipped:
        remarks.append(f"{len(outcome.skipped)} entries not in the cache were skipped "
                       f"({'offline' if offline else 'no reply'})")
    if outcome.without:
        remarks.append(f"arXiv has no abstract for {', '.join(outcome.without)}")
    return remarks


def _bib_bytes(root: Path) -> dict[str, bytes]:
    """bib/ as it is now: its regular files (a link or a pipe there is never opened)."""
    return {path: read_regular(root, path) for path in walk(root, ("bib",)).listed("bib", ".bib")}
