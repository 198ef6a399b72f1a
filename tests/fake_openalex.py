"""A stand-in for OpenAlex's /works list endpoint on 127.0.0.1, over a graph a test builds.

It answers the documented shape (`meta` with `count` and `next_cursor`, `results` of works
with `id`, `doi`, `display_name`, `publication_date`, `authorships`, `primary_location`,
`referenced_works`, `abstract_inverted_index`, `is_retracted`) for the filters discover sends:
`doi:`, `cites:`, `openalex:` (values OR-ed with `|`, at most 100) and `from_publication_date:`,
paged by cursor (with a key) or by page number (without), `per_page` at most 100.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs, urlsplit

from fakes import LocalServer


def work(number: int, title: str, *, authors=("Jo Doe",), date="2026-01-01", doi=None,
         cites=(), venue=None, venue_type="journal", abstract=None, retracted=False) -> dict:
    """One work in OpenAlex's shape; cites and number are OpenAlex numbers (W<number>)."""
    index = None
    if abstract is not None:
        index = {}
        for at, word in enumerate(abstract.split()):
            index.setdefault(word, []).append(at)
    return {"id": f"https://openalex.org/W{number}",
            "doi": f"https://doi.org/{doi}" if doi else None,
            "display_name": title, "publication_date": date,
            "publication_year": int(date[:4]),
            "authorships": [{"author": {"display_name": name}} for name in authors],
            "primary_location": {"source": {"display_name": venue, "type": venue_type}}
            if venue else None,
            "locations": [],
            "referenced_works": [f"https://openalex.org/W{n}" for n in cites],
            "abstract_inverted_index": index, "is_retracted": retracted}


class FakeOpenAlex(LocalServer):
    def __init__(self):
        self.works: dict[str, dict] = {}      # W id -> work
        self.faults: list[str] = []           # the next replies: 429, 429-budget, 403, 500,
        #                                       401, malformed, truncated
        self.requests: list[dict[str, str]] = []   # each request's parameters
        self.paths: list[str] = []                 # and its path as sent
        super().__init__()

    def add(self, *works: dict) -> None:
        for one in works:
            self.works[one["id"].rsplit("/", 1)[1]] = one

    def reply(self, path: str, headers) -> tuple[int, str, dict[str, str]]:
        status, body, sent = self.answer(path)
        return status, body, {"Content-Type": "application/json", **sent}

    def answer(self, path: str) -> tuple[int, str, dict]:
        parts = urlsplit(path)
        params = {name: values[0] for name, values in parse_qs(parts.query).items()}
        self.requests.append(params)
        self.paths.append(path)
        fault = self.faults.pop(0) if self.faults else None
        if fault in ("429", "403"):
            return int(fault), '{"error": "Rate limit exceeded"}', {"Retry-After": "0"}
        if fault == "429-budget":
            return 429, json.dumps({"error": "Too Many Requests",
                                    "message": "Daily budget exhausted"}), {}
        if fault in ("500", "401"):
            return int(fault), '{"error": "oops"}', {}
        if parts.path != "/works":
            return 404, '{"error": "not found"}', {}
        found = self._matching(params.get("filter", ""))
        per_page = int(params.get("per_page", 25))
        if per_page > 100:
            return 400, '{"error": "per_page is at most 100"}', {}
        start = int(params["cursor"]) if params.get("cursor", "*") != "*" else \
            (int(params.get("page", 1)) - 1) * per_page
        page = found[start:start + per_page]
        more = start + per_page < len(found)
        body = json.dumps({"meta": {"count": len(found), "per_page": per_page,
                                    "next_cursor": str(start + per_page) if more and "cursor"
                                    in params else None},
                           "results": page})
        if fault == "malformed":
            return 200, '{"meta": {}, "results": "oops"}', {}
        if fault == "truncated":
            return 200, body[:len(body) // 2], {}
        return 200, body, {}

    def _matching(self, filters: str) -> list[dict]:
        found = sorted(self.works.values(), key=lambda w: int(w["id"].rsplit("W", 1)[1]))
        for part in filter(None, filters.split(",")):
            name, _, value = part.partition(":")
            values = value.split("|")
            if len(values) > 100:
                raise ValueError("OpenAlex takes at most 100 values in one filter")
            wanted = {v.lower() for v in values}
            found = [w for w in found if _keeps(w, name, values, wanted)]
        return found



def _keeps(work: dict, name: str, values: list[str], wanted: set[str]) -> bool:
    if name == "doi":
        return (work["doi"] or "").removeprefix("https://doi.org/").lower() in wanted
    if name == "cites":
        return any(ref.rsplit("/", 1)[1].lower() in wanted for ref in work["referenced_works"])
    if name == "openalex":
        return work["id"].rsplit("/", 1)[1].lower() in wanted
    if name == "from_publication_date":
        return work["publication_date"] >= values[0]
    raise ValueError(f"the fake does not know the filter {name}")
