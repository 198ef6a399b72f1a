"""The arguments of the citation-graph commands: discover, accept, reject and propose."""

from __future__ import annotations

import argparse
from pathlib import Path

from .parsing import later, output_file


def register_discover(commands) -> list[argparse.ArgumentParser]:
    found = commands.add_parser("discover", help="propose works from the OpenAlex citation "
                                "graph: new works citing two listed papers, and works two "
                                "listed papers cite; written to taxonomy/proposals.yml and bib/")
    found.add_argument("--since", metavar="YYYY-MM-DD", help="new works published from this "
                       "day on (default: the last run that changed the proposals, else a year "
                       "ago)")
    found.add_argument("--dry-run", action="store_true", help="print the diff on stderr, "
                       "change nothing")
    found.add_argument("--offline", action="store_true", help="use cached replies only")
    found.add_argument("--format", choices=["text", "json"], default="text")
    found.add_argument("--output", type=output_file, metavar="FILE",
                       help="write the results to FILE instead of stdout")
    found.set_defaults(run=later("run_discover", "discover_commands"))
    take = commands.add_parser("accept", help="put a proposal on the map: its item in the "
                               "topic, a note stub, and the proposal gone")
    take.add_argument("key", metavar="KEY")
    take.add_argument("--to", metavar="SECTION/TOPIC[/SUBTOPIC]",
                      help="where it is listed (default: the topic it was proposed for)")
    take.add_argument("--dry-run", action="store_true", help="print the diff, change nothing")
    take.set_defaults(run=later("run_accept", "discover_commands"))
    drop = commands.add_parser("reject", help="turn a proposal down for good: its entry and "
                               "the proposal gone, the work remembered as rejected")
    drop.add_argument("key", metavar="KEY")
    drop.add_argument("--why", metavar="TEXT", help="the reason, kept beside it")
    drop.add_argument("--dry-run", action="store_true", help="print the diff, change nothing")
    drop.set_defaults(run=later("run_reject", "discover_commands"))
    propose = commands.add_parser("propose", help="commit what discover found to the proposals "
                                  "branch and open or update its one pull request (needs git "
                                  "and gh)")
    propose.add_argument("--from", dest="source", type=Path, required=True, metavar="FILE",
                         help="what `discover --format json --output FILE` wrote")
    propose.add_argument("--base", help="the branch the pull request goes into (default: the "
                         "branch checked out)")
    propose.add_argument("--dry-run", action="store_true", help="ask GitHub which pull request "
                         "is open, then print the calls instead of making them")
    propose.set_defaults(run=later("run_propose", "propose_command"))
    return [found, take, drop, propose]
