"""The contributor commands add, new and fmt: library calls in, lines and exit codes out.

Imported only when one of them runs (the command line registers them), so that `check`
starts without loading the fetching and formatting code."""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

from ..diagnostic import format_text
from ..edit.add import (AddError, ExportError, new_errors, note_stub, plan, read_bibtex,
                        read_export, resolve_target)
from ..edit.canonical_bib import UnformattableError, format_file
from ..edit.canonical_yaml import format_yaml
from ..edit.insert import EditError
from ..edit.transaction import Change, LockedError, apply, decode_for_edit, locked, read_existing
from ..loaders.knowledge import load
from ..loaders.tree import walk
from ..loaders.yamltree import parse
from ..net.metadata import Endpoints, FetchError, fetch_new
from .output import EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, fail


def run_add(root: Path, args: argparse.Namespace) -> int:
    if (args.identifier is None) == (args.bibtex is None):
        print("readinglist add: give an ID or --bibtex FILE (one of them)", file=sys.stderr)
        return EXIT_USAGE
    try:
        with locked(root):
            kb, _ = load(root)
            resolve_target(kb, args.to)   # a wrong --to is said before anything is fetched
            if args.bibtex is not None:
                papers = read_bibtex(kb, read_export(args.bibtex), str(args.bibtex))
            else:
                papers = fetch_new(kb, args.identifier, Endpoints.from_env())
            changes = plan(root, kb, papers, args.to)
            return _land(root, changes, papers, args)
    except ExportError as exc:
        sys.stderr.write(format_text(exc.diagnostics))
        return fail("nothing was added", EXIT_PROBLEMS)
    except (AddError, EditError) as exc:
        return fail(exc, EXIT_USAGE if isinstance(exc, EditError) else EXIT_PROBLEMS)
    except (FetchError, LockedError, OSError, UnicodeDecodeError) as exc:
        return fail(exc, EXIT_PROBLEMS)


def _land(root: Path, changes: list[Change], papers, args) -> int:
    problems = new_errors(root, changes)
    if problems:
        sys.stderr.write(format_text(problems))
        return fail("the change would break the checks above; nothing was written",
                     EXIT_PROBLEMS)
    if args.dry_run:
        sys.stdout.write(diff(root, changes))
        return EXIT_OK
    existed = {change.path: (root / change.path).exists() for change in changes}
    apply(root, changes)
    for paper in papers:
        print(f"added {paper.key}: {paper.title}")
        for remark in paper.remarks:
            print(f"  {remark}")
    for change in changes:
        print(f"  {'changed' if existed[change.path] else 'created'} {change.path}")
    print(f"next: write notes/{papers[0].key}.md, run `readinglist check`, open a pull request")
    return EXIT_OK


def run_new(root: Path, args: argparse.Namespace) -> int:
    kb, _ = load(root)
    if args.key not in kb.papers:
        return fail(f"'{args.key}' is not a key in bib/; add the paper first "
                     "(readinglist add ID --to SECTION/TOPIC)", EXIT_PROBLEMS)
    path = f"notes/{args.key}.md"
    if (root / path).exists() and not (root / path).is_symlink():   # a link is refused below
        return fail(f"{path} already exists; edit it", EXIT_PROBLEMS)
    try:
        with locked(root):
            apply(root, [Change(path, note_stub(root))])
    except (LockedError, OSError) as exc:
        return fail(exc, EXIT_PROBLEMS)
    print(f"created {path}: describe the paper in the five parts, then run `readinglist check`")
    return EXIT_OK


def run_fmt(root: Path, args: argparse.Namespace) -> int:
    try:
        changes = canonical_changes(root)
        if args.check:
            for change in changes:
                print(f"{change.path}: not in canonical form (run readinglist fmt)")
            return EXIT_PROBLEMS if changes else EXIT_OK
        with locked(root):
            apply(root, changes)
    except UnformattableError as exc:
        sys.stderr.write(exc.report())
        return EXIT_PROBLEMS
    except (LockedError, OSError, UnicodeDecodeError) as exc:
        return fail(exc, EXIT_PROBLEMS)
    for change in changes:
        print(f"reformatted {change.path}")
    return EXIT_OK


def canonical_changes(root: Path) -> list[Change]:
    """The regular files of bib/ and taxonomy/ that differ from their canonical form (check
    reports links and special files; fmt leaves them alone)."""
    changes, listing = [], walk(root, ("bib", "taxonomy"))
    for path in listing.listed("bib", ".bib") + listing.listed("taxonomy", ".yml"):
        text = decode_for_edit(read_existing(root, path) or b"")
        if path.endswith(".bib"):
            canonical = format_file(text, path)
        else:
            tree, problems = parse(text, path)
            if problems or tree is None:
                raise UnformattableError(f"{path} does not parse; nothing was formatted "
                                         "(fix it first)", problems)
            canonical = format_yaml(text)
        if canonical != text:
            changes.append(Change(path, canonical))
    return changes


def diff(root: Path, changes: list[Change]) -> str:
    out = []
    for change in changes:
        old = decode_for_edit(read_existing(root, change.path) or b"")
        out += difflib.unified_diff(old.splitlines(True), change.text.splitlines(True),
                                    f"a/{change.path}", f"b/{change.path}")
    return "".join(out)
