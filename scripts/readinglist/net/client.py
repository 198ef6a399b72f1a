"""The client `verify` and `abstracts` share: arXiv, Crossref and doi.org at their own pace,
replies cached, transient failures retried, and arXiv asked in batches.

arXiv gets one request at a time, at most one every `arxiv_interval_seconds` (3 by its terms),
each naming up to `arxiv_batch_size` ids in `id_list`. Crossref's rate-limit headers set its
pace. A 429, a 5xx, a timeout or a dropped connection is asked again `retries` times, waiting
`backoff_seconds`, then twice that. A reply is cached only once its reader accepted it, so a
truncated feed or an error page is never served again from the cache; `offline` reads the
cache only.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from .cache import read_cache, write_cache
from .metadata import ArxivEntry, Endpoints, FetchError, arxiv_query, get_with_headers, \
    parse_arxiv_feed

CACHE_FILE = ".cache/readinglist/verify.json"


@dataclass(frozen=True)
class VerifySettings:
    """The [verify] table of readinglist.toml, which `abstracts` reads too."""

    arxiv_interval_seconds: float = 3.0
    arxiv_batch_size: int = 100
    mailto: str | None = None    # given to Crossref, so it can reach whoever runs this
    offline: bool = False
    retries: int = 2
    backoff_seconds: float = 3.0


@dataclass(frozen=True)
class Batch:
    """The ids of one arXiv request, and what came back: the entries, or why there are none."""

    ids: list[str]
    entries: dict[str, ArxivEntry] | None   # None: offline, and not in the cache
    failure: FetchError | None = None


class Client:
    """Fetches with a response cache, keeping each service's pace."""

    def __init__(self, endpoints: Endpoints, settings: VerifySettings, cache_path: Path | None):
        self.endpoints, self.settings, self.cache_path = endpoints, settings, cache_path
        self.cache: dict[str, str] = read_cache(cache_path)
        self.next_allowed = {"arxiv": 0.0, "crossref": 0.0, "doi": 0.0}
        self.crossref_interval = 0.0
        self.dirty = False   # whether the cache holds something the file does not

    def get(self, service: str, url: str, accept: str = "*/*") -> bytes | None:
        """The reply, from the cache or the service; None offline when nothing is cached."""
        if url in self.cache:
            return self.cache[url].encode("utf-8")
        if self.settings.offline:
            return None
        retries = max(0, self.settings.retries)
        for attempt in range(retries + 1):
            try:
                data = self._fetch(service, url, accept)
            except FetchError as exc:
                if not exc.transient or attempt == retries:
                    raise
                time.sleep(self.settings.backoff_seconds * 2 ** attempt)
            else:
                self.cache[url] = data.decode("utf-8", "replace")
                self.dirty = True
                return data
        raise AssertionError("unreachable: the last attempt returns or raises")

    def forget(self, url: str) -> None:
        """Drop a reply its reader could not use, so the next run asks again."""
        if self.cache.pop(url, None) is not None:
            self.dirty = True

    def _fetch(self, service: str, url: str, accept: str) -> bytes:
        wait = self.next_allowed[service] - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        try:
            data, headers = get_with_headers(url, self.endpoints, accept)
            if service == "crossref":
                self.crossref_interval = _crossref_interval(headers)
        finally:
            self.next_allowed[service] = time.monotonic() + self._interval(service)
        return data

    def _interval(self, service: str) -> float:
        if service == "arxiv":
            return self.settings.arxiv_interval_seconds
        return self.crossref_interval if service == "crossref" else 0.0

    def save(self) -> None:
        if self.dirty:
            write_cache(self.cache_path, self.cache)
            self.dirty = False


def arxiv_batches(client: Client, ids: list[str]) -> Iterator[Batch]:
    """arXiv's entries for ids, one batch at a time; a batch that fails says why and the next
    one is still asked."""
    size = max(1, client.settings.arxiv_batch_size)
    for start in range(0, len(ids), size):
        batch = ids[start:start + size]
        url = arxiv_query(batch, client.endpoints)
        try:
            data = client.get("arxiv", url)
            yield Batch(batch, None if data is None else parse_arxiv_feed(data))
        except FetchError as exc:
            client.forget(url)
            yield Batch(batch, None, exc)


def _crossref_interval(headers: dict) -> float:
    """Crossref says how many requests per interval it allows: X-Rate-Limit-Limit: 50 and
    X-Rate-Limit-Interval: 1s make one request every 20 ms."""
    lowered = {name.lower(): value for name, value in headers.items()}
    limit = lowered.get("x-rate-limit-limit", "")
    interval = re.fullmatch(r"(\d+(?:\.\d+)?)s", lowered.get("x-rate-limit-interval", ""))
    if limit.isdigit() and int(limit) > 0 and interval:
        return float(interval.group(1)) / int(limit)
    return 0.0
