"""The citation-graph commands discover, accept and reject: library calls in, lines and exit
codes out. Imported only when one of them runs."""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

from ..diagnostic import format_text
from ..edit.add import new_errors
from ..edit.insert import EditError
from ..edit.proposals import accept, add_proposals, reject
from ..edit.transaction import Change, LockedError, apply, locked
from ..loaders.knowledge import load
from ..model import PROPOSALS_FILE, Proposal
from ..net.client import CACHE_FILE as ARXIV_CACHE, Client
from ..net.discover import Discovery, Found, discover, since_day
from ..net.metadata import Endpoints, FetchError
from ..net.openalex import CACHE_FILE, OpenAlex, OpenAlexError, OpenAlexRefused
from ..net.settings import ConfigError, load_discover_settings, load_verify_settings
from .edit_commands import diff
from .output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, fail, write_output

KEY_VARIABLE = "READINGLIST_OPENALEX_KEY"


def run_discover(root: Path, args: argparse.Namespace) -> int:
    if args.since and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", args.since):
        return fail(f"--since {args.since}: write a day as YYYY-MM-DD", EXIT_USAGE)
    try:
        settings = load_discover_settings(root)
        arxiv_settings = load_verify_settings(root, offline=args.offline)
    except ConfigError as exc:
        return fail(exc, EXIT_USAGE)
    client = OpenAlex(settings, root / CACHE_FILE, offline=args.offline)
    if client.key is None and not args.offline:
        print(f"readinglist: no {KEY_VARIABLE} is set: OpenAlex allows only a tiny daily "
              "budget without a key (a free one: https://openalex.org/settings/api)",
              file=sys.stderr)
    today = date.today().isoformat()
    try:
        with locked(root):
            kb, _ = load(root, history=False)
            arxiv = Client(Endpoints.from_env(), arxiv_settings, root / ARXIV_CACHE)
            since = since_day(kb, date.today(), args.since, settings.first_run_days)
            found = discover(kb, client, arxiv, since, _progress())
            client.save()
            changes = add_proposals(root, kb, [(_proposal(f, today), f.entry)
                                               for f in found.found], today) \
                if found.found else []
            status = _land(root, changes, args, sys.stderr)
    except OpenAlexRefused as exc:
        return fail(f"{exc}; nothing was written", EXIT_PROBLEMS)
    except (OpenAlexError, FetchError, LockedError, OSError, EditError) as exc:
        return fail(f"{exc}; nothing was written", EXIT_PROBLEMS)
    if status == EXIT_OK:
        _report(found, client, args)
    return status


def run_accept(root: Path, args: argparse.Namespace) -> int:
    return _edit(root, args, lambda kb: accept(root, kb, args.key, args.to),
                 f"accepted {args.key}: it is on the map now; write notes/{args.key}.md")


def run_reject(root: Path, args: argparse.Namespace) -> int:
    return _edit(root, args, lambda kb: reject(root, kb, args.key, args.why),
                 f"rejected {args.key}: it will not be proposed again")


def _edit(root: Path, args: argparse.Namespace, plan, done: str) -> int:
    try:
        with locked(root):
            kb, _ = load(root, history=False)
            status = _land(root, plan(kb), args, sys.stdout)
    except EditError as exc:
        return fail(exc, EXIT_USAGE)
    except (LockedError, OSError) as exc:
        return fail(exc, EXIT_PROBLEMS)
    if status == EXIT_OK and not args.dry_run:
        print(done)
    return status


def _land(root: Path, changes: list[Change], args, diff_to) -> int:
    """The changes checked, then printed as a diff (--dry-run) or written in one go."""
    problems = new_errors(root, changes) if changes else []
    if problems:
        sys.stderr.write(format_text(problems))
        return fail("the change would break the checks above; nothing was written",
                    EXIT_PROBLEMS)
    if args.dry_run:
        diff_to.write(diff(root, changes))
    elif changes:
        apply(root, changes)
    return EXIT_OK


def _proposal(found: Found, today: str) -> Proposal:
    return Proposal(found.key, found.work.openalex, found.kind, found.connects, found.topic,
                    today, found.work.published, PROPOSALS_FILE, 0, 0)


def _report(found: Discovery, client: OpenAlex, args) -> None:
    if args.format == "json":
        text = json.dumps({"proposals": [_as_json(f) for f in found.found],
                           "requests": client.requests}, indent=2, ensure_ascii=False) + "\n"
    else:
        text = _as_text(found, client)
    if args.output is not None:
        write_output(args.output, text)
    else:
        sys.stdout.write(text)


def _as_json(found: Found) -> dict:
    work = found.work
    return {"key": found.key, "openalex": work.openalex, "doi": work.doi, "arxiv": work.arxiv,
            "title": work.title, "authors": [" ".join(filter(None, (given, family)))
                                             for family, given in work.authors],
            "year": work.year, "venue": work.venue, "kind": found.kind,
            "connects": list(found.connects), "topic": found.topic, "todos": list(found.todos),
            "score": found.score}


def _as_text(found: Discovery, client: OpenAlex) -> str:
    lines = [f"{len(found.found)} new proposals (new works since {found.since}; "
             f"{client.requests} requests to OpenAlex)"]
    for f in found.found:
        verb = "cites" if f.kind == "cites-list" else "is cited by"
        lines += [f"  {f.key}: {f.work.title} ({f.work.year})",
                  f"    {verb} {', '.join(f.connects)}; topic {f.topic}"]
        lines += [f"    answers to-do: {todo}" for todo in f.todos]
        lines += [f"    {remark}" for remark in f.remarks]
    lines += [f"  left out {n} works {why}" for why, n in sorted(found.left_out.items())]
    if found.unresolved:
        named = ", ".join(found.unresolved[:10]) + (" ..." if len(found.unresolved) > 10 else "")
        why = "are not in the cache" if client.missing else "are unknown to OpenAlex"
        lines.append(f"  {len(found.unresolved)} listed papers {why}: {named}")
    if client.missing:
        lines.append(f"  --offline: {client.missing} pages were not in the cache")
    return "\n".join(lines) + "\n"


def _progress():
    """One line per step on a terminal; quiet in CI and pipes."""
    if not sys.stderr.isatty():
        return lambda message: None
    return lambda message: print(f"readinglist discover: {message}", file=sys.stderr)
