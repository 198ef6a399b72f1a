"""arXiv ids, DOIs and citation keys: how they are spelled, normalised and derived."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from .latex import decode, fold_ascii

ARXIV_NEW = re.compile(r"^(\d{4}\.\d{4,5})(v\d+)?$")
ARXIV_OLD = re.compile(r"^([a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7})(v\d+)?$")
DOI = re.compile(r"^10\.\d{4,9}/\S+$")
ARXIV_URL = re.compile(r"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf)/(.+?)(?:\.pdf)?/?$",
                       re.IGNORECASE)
DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
ARXIV_DOI = re.compile(r"^10\.48550/arxiv\.(.+)$", re.IGNORECASE)
KEY = re.compile(r"^[a-z]+\d{4}[a-z0-9]+$")
# Fields whose value the site turns into a link (`doi` becomes one through doi.org).
LINK_FIELDS = ("url", "pdf", "code", "slides", "video")
# What a browser drops from a URL before reading its scheme: spaces and control characters.
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_NOT_ALNUM = re.compile(r"[^a-z0-9]")
_NOT_LETTER = re.compile(r"[^a-z]")

STOP_WORDS = frozenset("a an and are as at by for from in into is of on onto or the to toward "
                       "towards via with".split())


def arxiv_id(text: str) -> str | None:
    """The version-free arXiv id, or None when the text is not one."""
    text = text.strip()
    if (match := ARXIV_OLD.match(text)):
        return match.group(1)
    match = ARXIV_NEW.match(text)
    if match is None:
        return None
    yymm, number = match.group(1).split(".")
    # New-style ids began in April 2007 (0704); from January 2015 (1501) they carry 5 digits.
    digits = 5 if yymm >= "1501" else 4
    valid = yymm >= "0704" and 1 <= int(yymm[2:]) <= 12 and len(number) == digits
    return match.group(1) if valid else None


def url_as_read(url: str) -> str:
    """A URL as a browser reads its scheme: references decoded, spaces and control characters
    dropped (`java&#x73;cript:`, ` javascript:` and `java\tscript:` all read `javascript:`)."""
    return _IGNORED_IN_SCHEME.sub("", html.unescape(url))


def is_web_url(url: str) -> bool:
    """Whether a browser would read url as an http or https address, whatever its case."""
    return url_as_read(url).lower().startswith(("http://", "https://"))


def bare_doi(text: str) -> str:
    return DOI_PREFIX.sub("", text.strip())


def doi_key(text: str) -> str | None:
    """The DOI as compared for duplicates (DOIs are case-insensitive), or None if malformed."""
    doi = bare_doi(text)
    return doi.lower() if DOI.match(doi) else None


def identities(fields: dict[str, str]) -> set[tuple[str, str]]:
    """Every ('arxiv'|'doi', normalised id) an entry names, however it is spelled."""
    found = set()
    if fields.get("eprint") and is_arxiv(fields):
        if (found_id := arxiv_id(fields["eprint"])):
            found.add(("arxiv", found_id))
    if fields.get("doi") and (doi := doi_key(fields["doi"])):
        arxiv_doi = ARXIV_DOI.match(doi)
        found.add(("arxiv", arxiv_doi.group(1)) if arxiv_doi else ("doi", doi))
    url = fields.get("url", "").strip()
    if (match := ARXIV_URL.match(url)) and (found_id := arxiv_id(match.group(1))):
        found.add(("arxiv", found_id))
    elif DOI_PREFIX.match(url) and (doi := doi_key(url)):
        found.add(("doi", doi))
    return found


def is_arxiv(fields: dict[str, str]) -> bool:
    prefix = fields.get("archiveprefix", fields.get("eprinttype", "arxiv"))
    return prefix.strip().lower() == "arxiv"


def split_authors(author_field: str) -> list[str]:
    """BibTeX's 'A and B and C', splitting only on 'and' outside braces."""
    names, depth, current = [], 0, []
    for word in re.split(r"(\s+)", author_field):
        depth += word.count("{") - word.count("}")
        if depth == 0 and word.lower() == "and":
            names.append("".join(current).strip())
            current = []
        else:
            current.append(word)
    names.append("".join(current).strip())
    return [name for name in names if name]


def family_name(name: str) -> str:
    """'Soudry, Daniel' -> 'Soudry'; 'Daniel Soudry' -> 'Soudry'; '{Google Brain}' as is."""
    name = name.strip()
    if name.startswith("{") and name.endswith("}") and name.count("{") == 1:
        return decode(name)
    if "," in name:
        return decode(name.split(",", 1)[0])
    return decode(name).split(" ")[-1]


def display_name(name: str) -> str:
    """'Last, First' -> 'First Last'; 'Last, Jr., First' -> 'First Last Jr.'."""
    parts = [decode(part) for part in name.split(",")]
    if len(parts) == 3:
        return f"{parts[2]} {parts[0]} {parts[1]}".strip()
    if len(parts) == 2:
        return f"{parts[1]} {parts[0]}".strip()
    return parts[0]


@lru_cache(maxsize=1 << 15)     # `check` asks it of every entry on each save a server rebuilds
def expected_key(author_field: str, year: str, title: str) -> str | None:
    """<first author's family name><year><first significant title word>, lowercase ASCII."""
    first = _AND.split(author_field, 1)[0]
    balanced = first.count("{") == first.count("}")
    authors = [first.strip()] if balanced and first.strip() else split_authors(author_field)
    word = next((w for w in map(_key_part, decode(title).split()) if w and w not in STOP_WORDS),
                None)
    if not authors or word is None:
        return None
    family = _NOT_LETTER.sub("", fold_ascii(family_name(authors[0])).lower())
    return f"{family}{year.strip()}{word}"


def _key_part(word: str) -> str:
    return _NOT_ALNUM.sub("", fold_ascii(word).lower())


def free_key(base: str, lowered: set[str]) -> str:
    """base, or base with the first collision suffix a, b, ... that no key has; lowered holds
    the keys taken in lowercase (keys differing only in case collide), kept by the caller so
    that naming many papers costs no pass over all keys each."""
    for suffix in ("", *"abcdefghijklmnopqrstuvwxyz"):
        if base + suffix not in lowered:
            return base + suffix
    raise ValueError(f"27 papers already share the key {base}; add a word to tell them apart")
