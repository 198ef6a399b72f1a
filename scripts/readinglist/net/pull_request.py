"""The weekly proposals pull request: what `discover --format json` found, read; the title and
body of the pull request, cut to GitHub's limit; and the git and `gh` calls that open it, update
the one already open, or leave everything alone.

Pure: the command reads the files, runs the calls and writes the body.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote

from ..model import PROPOSALS_FILE
from .report import BODY_LIMIT

BRANCH = "readinglist/proposals"
LABEL = "reading-list-proposals"
HEADLINE = "Proposals from the citation graph"     # the PR's title and the bot commit's headline
CHANGED = (PROPOSALS_FILE, "bib/references.bib")    # all that discover writes
MAX_AUTHORS = 10
KINDS = {"cites-list": "cites {n} listed {papers}", "cited-by-list": "cited by {n} listed {papers}"}
LIST_CALL = ["pr", "list", "--head", BRANCH, "--state", "open", "--json",
             "number,headRefName,headRefOid,isCrossRepository,commits", "--limit", "100"]
LABEL_CALL = ["label", "create", LABEL, "--force", "--color", "0E8A16", "--description",
              "Papers the weekly run of readinglist discover proposes"]


class DiscoveryError(ValueError):
    """A file is not what `readinglist discover --format json` writes."""


@dataclass(frozen=True)
class Found:
    """One new proposal, as discover's JSON gives it."""
    key: str
    openalex: str
    doi: str | None
    arxiv: str | None
    title: str
    authors: tuple[str, ...]
    year: str | None
    venue: str | None
    kind: str
    connects: tuple[str, ...]
    topic: str
    todos: tuple[str, ...]


@dataclass(frozen=True)
class OpenPull:
    number: int
    head: str               # the commit its branch points at, for the push's lease
    ours_alone: bool        # every commit on it is one this command made


@dataclass(frozen=True)
class Step:
    program: str            # "git" or "gh"
    argv: tuple[str, ...]
    done: str               # what it did, said once it succeeded


def parse_discovery(name: str, text: str) -> tuple[Found, ...]:
    """The new proposals in a file written by `readinglist discover --format json`."""
    try:
        rows = json.loads(text)["proposals"]
        return tuple(_found(row) for row in rows)
    except (ValueError, TypeError, KeyError, AttributeError) as exc:
        raise DiscoveryError(f"{name} is not what `readinglist discover --format json` writes "
                             f"({type(exc).__name__}: {exc}); write it with --format json "
                             "--output FILE") from None


def _found(row: dict) -> Found:
    def text(name: str) -> str:
        if not isinstance(row[name], str):
            raise TypeError(f"'{name}' is not a string")
        return row[name]

    def optional(name: str) -> str | None:
        return None if row.get(name) is None else text(name)

    def texts(name: str) -> tuple[str, ...]:
        if not isinstance(row[name], list) or not all(isinstance(v, str) for v in row[name]):
            raise TypeError(f"'{name}' is not a list of strings")
        return tuple(row[name])

    if row["kind"] not in KINDS:
        raise ValueError(f"kind {row['kind']!r} is not one of {', '.join(KINDS)}")
    return Found(text("key"), text("openalex"), optional("doi"), optional("arxiv"),
                 text("title"), texts("authors"), optional("year"), optional("venue"),
                 text("kind"), texts("connects"), text("topic"), texts("todos"))


def title(new: int, pending: int) -> str:
    return f"{HEADLINE}: {new} new ({pending} pending)"


def body(found: tuple[Found, ...], pending: int, limit: int = BODY_LIMIT) -> str:
    """Every proposal, best first, or as many whole ones as fit with a line saying how many
    did not."""
    head = _head(len(found), pending)
    entries = [_entry(rank, one) for rank, one in enumerate(found, 1)]
    if len(head) + sum(map(len, entries)) <= limit:
        return head + "".join(entries)
    room, kept = limit - len(head) - len(_omitted(len(entries))), []
    for entry in entries:
        if len(entry) > room:
            break
        kept.append(entry)
        room -= len(entry)
    return head + "".join(kept) + _omitted(len(entries) - len(kept))


def _head(new: int, pending: int) -> str:
    return (f"`readinglist discover` found {_count(new, 'new proposal')} this run; "
            f"`{PROPOSALS_FILE}` holds {pending} pending in all. Each is a work the citation "
            "graph connects to at least two papers on the list, best first.\n\n"
            "Merging shows them on the site as proposals, apart from the curator's picks. "
            "Before merging, on this branch: `readinglist accept KEY --to SECTION/TOPIC` makes "
            "one a listed paper with a note stub, `readinglist reject KEY --why TEXT` turns one "
            f"down for good, or edit `{PROPOSALS_FILE}` by hand. Once a reviewer has pushed to "
            "it, the weekly run leaves this branch alone.\n")


def _entry(rank: int, one: Found) -> str:
    authors = ", ".join(escape(a) for a in one.authors[:MAX_AUTHORS]) or "no authors given"
    if len(one.authors) > MAX_AUTHORS:
        authors += f" and {len(one.authors) - MAX_AUTHORS} more"
    published = ", ".join(escape(v) for v in (one.venue, one.year) if v) or "not given"
    why = KINDS[one.kind].format(n=len(one.connects),
                                 papers="paper" if len(one.connects) == 1 else "papers")
    lines = [f"\n### {rank}. {escape(one.title)}\n",
             f"- **Authors:** {authors}",
             f"- **Published:** {published}",
             f"- **Why:** {why} ({code(one.kind)}): {', '.join(map(code, one.connects))}",
             f"- **Topic:** {code(one.topic)}",
             f"- **To-dos it answers:** {'; '.join(map(escape, one.todos)) or 'none'}",
             f"- **Key:** {code(one.key)} · {' · '.join(_links(one))}"]
    return "\n".join(lines) + "\n"


def _links(one: Found) -> list[str]:
    targets = [("OpenAlex", "https://openalex.org/", one.openalex),
               ("DOI", "https://doi.org/", one.doi), ("arXiv", "https://arxiv.org/abs/", one.arxiv)]
    # Percent-encoded, so no character of an identifier can end the link or start markup.
    return [f"[{name}]({base}{quote(value, safe='/')})" for name, base, value in targets if value]


def _omitted(count: int) -> str:
    return (f"\n---\n\n**{_count(count, 'more proposal')} not listed here:** GitHub takes at "
            f"most {BODY_LIMIT:,} characters in a pull request's description. "
            f"`{PROPOSALS_FILE}` on this branch has every one.\n")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")    # every ASCII punctuation character
PLAIN_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9/_.:-]*")
ZERO_WIDTH_SPACE = "\u200b"


def escape(text: str) -> str:
    """Text from the API as GitHub Markdown that shows it as it is: on one line, every
    punctuation character escaped (no tag, link, code span or emphasis starts), and a zero-width
    space after @ and # (GitHub turns `@name` into a ping and `#12` into a cross-reference
    after rendering, where a backslash no longer counts)."""
    flat = " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f]", " ", text).split())
    escaped = PUNCTUATION.sub(r"\\\1", flat)
    return escaped.replace("@", "@" + ZERO_WIDTH_SPACE).replace("#", "#" + ZERO_WIDTH_SPACE)


def code(text: str) -> str:
    """A key, topic or kind as inline code when it is plain, else as escaped text."""
    return f"`{text}`" if PLAIN_CODE.fullmatch(text) else escape(text)


def open_pull_in(listing: str) -> OpenPull | None:
    """The oldest open pull request from this repository's proposals branch in the output of
    LIST_CALL; one from a fork with a branch of the same name is not ours to edit."""
    rows = [row for row in json.loads(listing or "[]")
            if row.get("headRefName") == BRANCH and not row.get("isCrossRepository")]
    if not rows:
        return None
    row = min(rows, key=lambda r: int(r["number"]))
    ours = all(c.get("messageHeadline", "").startswith(f"{HEADLINE}: ")
               for c in row.get("commits", []))
    return OpenPull(int(row["number"]), str(row["headRefOid"]), ours)


def steps(found: tuple[Found, ...], pending: int, open_pull: OpenPull | None, base: str,
          body_file: str) -> list[Step]:
    """The calls, in order, that put this run's proposals on the proposals branch and in its
    one pull request: a commit on the base branch, pushed over the branch (never over a
    reviewer's push: the lease names the commit the open pull request was seen at), then the
    label, then the pull request opened or its title and body replaced."""
    if not found:
        return []
    name = title(len(found), pending)
    lease = (f"--force-with-lease=refs/heads/{BRANCH}:{open_pull.head}" if open_pull
             else "--force")
    keys = "\n".join(f"- {one.key}" for one in found)
    local = [Step("git", ("switch", "--quiet", "-C", BRANCH), f"branch {BRANCH} made here"),
             Step("git", ("add", "--", *CHANGED), "changes staged"),
             Step("git", ("commit", "--quiet", "-m", f"{name}\n\nNew proposals:\n{keys}"),
                  "commit made here"),
             Step("git", ("push", "--quiet", lease, "origin", f"HEAD:refs/heads/{BRANCH}"),
                  f"branch {BRANCH} pushed")]
    label = Step("gh", tuple(LABEL_CALL), f"label {LABEL} checked")
    if open_pull is None:
        return [*local, label, Step("gh", ("pr", "create", "--base", base, "--head", BRANCH,
                                           "--title", name, "--label", LABEL, "--body-file",
                                           body_file), "pull request opened")]
    return [*local, label, Step("gh", ("pr", "edit", str(open_pull.number), "--title", name,
                                       "--add-label", LABEL, "--body-file", body_file),
                                f"pull request #{open_pull.number} updated")]
