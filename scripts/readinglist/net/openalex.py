"""The OpenAlex client `discover` uses: list requests with OR-filters, paged, cached, retried.

As OpenAlex documents it (2026): a free API key is needed for real use (`api_key=`; without one
the daily allowance is tiny), list calls are metered per day, `per_page` is at most 100, an
OR-filter takes at most 100 values, and paging past 10,000 results needs a cursor (which takes
a key). 403 means "slow down" and 429 "daily limit reached": both are waited out when a
Retry-After short enough comes with them, otherwise the run stops, writing nothing. 5xx,
timeouts and a malformed or truncated page are asked again with doubling waits. Replies are
cached by their URL without the key, so the key is never written to a file or a message.
"""

from __future__ import annotations

import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from .cache import read_cache, write_cache
from .retry import retry_after

DEFAULT_API = "https://api.openalex.org"
CACHE_FILE = ".cache/readinglist/openalex.json"
MAX_VALUES = 100          # per OR-filter, and results per page: OpenAlex's limits
BASIC_PAGING_LIMIT = 10_000
SELECT = ("id,doi,display_name,publication_date,publication_year,authorships,"
          "primary_location,locations,referenced_works,abstract_inverted_index,is_retracted,type")


class OpenAlexRefused(RuntimeError):
    """OpenAlex will not answer now (budget spent, key refused): stop and write nothing."""


class OpenAlexError(RuntimeError):
    """A page could not be had after the retries, or OpenAlex refused the query itself."""


@dataclass(frozen=True)
class OpenAlexSettings:
    """The [discover] table of readinglist.toml."""

    per_page: int = MAX_VALUES
    batch_size: int = MAX_VALUES        # values OR-ed in one filter
    retries: int = 3
    backoff_seconds: float = 2.0        # doubled after each retry
    max_retry_after_seconds: float = 120.0
    timeout_seconds: float = 30.0
    cache_days: float = 6.0             # a reply older than this is asked again
    min_connections: int = 2            # listed papers a work must connect to
    first_run_days: int = 365           # how far back the first run looks for new works
    mailto: str | None = None


class OpenAlex:
    """Fetches lists of works, counting every request sent (retries included)."""

    def __init__(self, settings: OpenAlexSettings, cache_path: Path | None, *,
                 api: str | None = None, key: str | None = None, offline: bool = False,
                 sleep: Callable[[float], None] = time.sleep):
        self.settings, self.cache_path, self.offline, self.sleep = settings, cache_path, \
            offline, sleep
        self.api = (api or os.environ.get("READINGLIST_OPENALEX_API") or DEFAULT_API).rstrip("/")
        self.key = key if key is not None else os.environ.get("READINGLIST_OPENALEX_KEY") or None
        self.cache: dict = read_cache(cache_path)
        self.requests = 0
        self.missing = 0          # pages an offline run could not find in the cache

    def works(self, filters: str) -> Iterator[dict]:
        """Every work matching the filter, page after page (cursor paging with a key; without
        one, numbered pages up to OpenAlex's 10,000 results)."""
        cursor, page = "*", 1
        while True:
            params = {"filter": filters, "per_page": str(self.settings.per_page),
                      "select": SELECT}
            params.update({"cursor": cursor} if self.key else {"page": str(page)})
            reply = self._page(params)
            if reply is None:
                return
            yield from reply["results"]
            cursor, page = reply["meta"].get("next_cursor"), page + 1
            if not reply["results"] or (self.key and not cursor) or (
                    not self.key and (page - 1) * self.settings.per_page
                    >= min(reply["meta"].get("count") or 0, BASIC_PAGING_LIMIT)):
                return

    def save(self) -> None:
        write_cache(self.cache_path, self.cache)

    def _page(self, params: dict[str, str]) -> dict | None:
        shown = f"{self.api}/works?{urllib.parse.urlencode(params)}"   # never with the key
        cached = self.cache.get(shown)
        fresh = time.time() - self.settings.cache_days * 86400
        if isinstance(cached, dict) and (self.offline or cached.get("at", 0) >= fresh):
            return cached["reply"]
        if self.offline:
            self.missing += 1
            return None
        reply = self._fetch(shown, params)
        self.cache[shown] = {"at": time.time(), "reply": reply}
        return reply

    def _fetch(self, shown: str, params: dict[str, str]) -> dict:
        query = dict(params, **({"api_key": self.key} if self.key else {}),
                     **({"mailto": self.settings.mailto} if self.settings.mailto else {}))
        url = f"{self.api}/works?{urllib.parse.urlencode(query)}"
        retries = max(0, self.settings.retries)
        for attempt in range(retries + 1):
            self.requests += 1
            wait, problem = self._attempt(url, shown)
            if isinstance(problem, dict):
                return problem
            if attempt == retries:
                raise problem
            self.sleep(wait if wait is not None else
                       self.settings.backoff_seconds * 2 ** attempt)
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _attempt(self, url: str, shown: str) -> tuple[float | None, dict | Exception]:
        """(seconds to wait, the reply) or (seconds to wait or None, why it failed); a refusal
        that waiting cannot mend is raised at once."""
        request = urllib.request.Request(url, headers={"User-Agent": "readinglist/0.1",
                                                       "Accept": "application/json"})
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout_seconds) as reply:
                data = reply.read()
        except urllib.error.HTTPError as exc:
            return self._refusal(exc, shown)
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            reason = getattr(exc, "reason", exc)
            return None, OpenAlexError(f"OpenAlex could not be reached ({reason})")
        page = _page_of(data)
        if page is None:
            return None, OpenAlexError(f"OpenAlex sent a malformed or truncated page for {shown}")
        return None, page

    def _refusal(self, exc: urllib.error.HTTPError, shown: str):
        status, said = exc.code, _message(exc)
        wait = retry_after(exc.headers.get("Retry-After"))
        if status in (403, 429):
            if wait is not None and wait <= self.settings.max_retry_after_seconds:
                return wait, OpenAlexRefused(f"OpenAlex still refuses (HTTP {status}{said})")
            what = "the daily budget is spent" if status == 429 else "too many requests"
            keyless = "" if self.key else \
                "; without READINGLIST_OPENALEX_KEY the daily allowance is tiny"
            raise OpenAlexRefused(f"OpenAlex refused (HTTP {status}: {what}{said}){keyless}")
        if status == 401:
            raise OpenAlexRefused(f"OpenAlex refused the API key (HTTP 401{said})")
        error = OpenAlexError(f"OpenAlex answered HTTP {status}{said} for {shown}")
        if status >= 500:
            return None, error
        raise error


def _page_of(data: bytes) -> dict | None:
    """A list reply with its `meta` and `results`, or None when it is not one."""
    try:
        page = json.loads(data)
    except ValueError:
        return None
    if not isinstance(page, dict) or not isinstance(page.get("meta"), dict) \
            or not isinstance(page.get("results"), list) \
            or not all(isinstance(work, dict) for work in page["results"]):
        return None
    return page


def _message(exc: urllib.error.HTTPError) -> str:
    """OpenAlex's own words from an error reply, short, as text."""
    try:
        said = json.loads(exc.read(2000)).get("message") or ""
    except (ValueError, AttributeError, OSError):
        return ""
    return f": {' '.join(str(said).split())[:200]}" if said else ""

