"""Checking external links: concurrent, polite to each host, patient with flaky ones.

Per host at most `connections` requests at once and `per_second` request starts a second. A 429
waits for its Retry-After; a 5xx, a timeout or a dropped connection is retried with doubling
backoff; a 404, a 410 or an unknown host is broken at once. Only what is still broken after the
retries is reported. Successes are cached for `max_age_days`; failures never are.
"""

from __future__ import annotations

import asyncio
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Callable
from urllib.parse import urlsplit

import httpx

from .cache import read_cache, write_cache
from .retry import retry_after
from .settings import LinkSettings

CACHE_FILE = ".cache/readinglist/links.json"
FINAL = {404, 410}
AGENT = "readinglist-linkcheck/0.1 (+https://github.com/; checks a reading list's links)"


@dataclass(frozen=True)
class Result:
    target: str
    status: int | str      # an HTTP status, or an error word: timeout, unknown-host, ...
    alive: bool


class _Host:
    """One host's share of the work: a connection limit and a start-rate limit."""

    def __init__(self, connections: int, per_second: float):
        self.slots = asyncio.Semaphore(connections)
        self.interval = 1.0 / per_second if per_second > 0 else 0.0
        self.next_start = 0.0
        self.lock = asyncio.Lock()

    async def turn(self) -> None:
        async with self.lock:
            now = time.monotonic()
            wait = self.next_start - now
            self.next_start = max(now, self.next_start) + self.interval
        if wait > 0:
            await asyncio.sleep(wait)


def check_links(targets: list[str], settings: LinkSettings, cache_path: Path | None,
                progress: Callable[[int, int], None] = lambda done, total: None) -> list[Result]:
    cache = _fresh(read_cache(cache_path), settings.max_age_days)
    due = [t for t in dict.fromkeys(targets) if t not in cache]
    results = _run(_check_all(due, settings, progress)) if due else []
    now = time.time()
    cache.update({r.target: now for r in results if r.alive})
    write_cache(cache_path, cache)
    cached = [Result(t, "cached", True) for t in dict.fromkeys(targets) if t not in due]
    return cached + results


def _run(coroutine):
    """asyncio.run, also from code that already runs an event loop (a notebook, a test)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coroutine)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()


async def _check_all(targets, settings, progress) -> list[Result]:
    hosts: dict[str, _Host] = {}
    done = 0
    timeout = httpx.Timeout(settings.timeout_seconds)
    async with httpx.AsyncClient(timeout=timeout, follow_redirects=True,
                                 headers={"User-Agent": AGENT}) as client:
        async def one(target: str) -> Result:
            nonlocal done
            host = urlsplit(target).hostname or ""
            limits = settings.limits(host)
            slot = hosts.setdefault(host, _Host(limits.connections, limits.per_second))
            result = await _check_one(client, slot, target, settings)
            done += 1
            progress(done, len(targets))
            return result
        return list(await asyncio.gather(*(one(t) for t in targets)))


async def _check_one(client: httpx.AsyncClient, host: _Host, target: str,
                     settings: LinkSettings) -> Result:
    delay, status = settings.backoff_seconds, "error"
    for attempt in range(settings.retries + 1):
        async with host.slots:
            await host.turn()
            status, retry_after = await _request(client, target)
        if isinstance(status, int) and (200 <= status < 300 or status in settings.accept):
            return Result(target, status, True)
        if status in FINAL or status == "unknown-host" or attempt == settings.retries:
            break
        if status == 429:
            await asyncio.sleep(min(retry_after or delay, settings.max_retry_after_seconds))
        elif status == "bad-url" or (isinstance(status, int) and status < 500):
            break   # another 4xx will not change by asking again
        else:
            await asyncio.sleep(delay)
        delay *= 2
    return Result(target, status, False)


async def _request(client: httpx.AsyncClient, target: str) -> tuple[int | str, float | None]:
    try:
        async with client.stream("GET", target) as response:
            return response.status_code, retry_after(response.headers.get("Retry-After"))
    except httpx.TimeoutException:
        return "timeout", None
    except httpx.ConnectError as exc:
        unknown = "Name or service not known" in str(exc) or "nodename nor servname" in str(exc) \
            or "getaddrinfo" in str(exc) or "Temporary failure in name resolution" in str(exc)
        return ("unknown-host" if unknown else "connection-failed"), None
    except httpx.TooManyRedirects:
        return "redirect-loop", None
    except (httpx.UnsupportedProtocol, httpx.InvalidURL):
        return "bad-url", None
    except httpx.HTTPError:
        return "connection-failed", None


def _fresh(cache: dict, max_age_days: float) -> dict[str, float]:
    """The successes recent enough to trust."""
    fresh_after = time.time() - max_age_days * 86400
    return {url: when for url, when in cache.items()
            if isinstance(when, (int, float)) and when >= fresh_after}
