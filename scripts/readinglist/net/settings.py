"""readinglist.toml: the settings of the network commands, with defaults for every one."""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from ..loaders.tree import NotRegularError, read_regular

CONFIG_FILE = "readinglist.toml"
# Hosts that answer robots with 403s and captchas; their identifiers are checked by `verify`.
VERIFIED_HOSTS = ("arxiv.org", "export.arxiv.org", "doi.org", "dx.doi.org")


class ConfigError(ValueError):
    """readinglist.toml cannot be read; the message says where."""


@dataclass(frozen=True)
class HostLimits:
    connections: int = 2
    per_second: float = 1.0


@dataclass(frozen=True)
class LinkSettings:
    exclude: tuple[str, ...] = ()               # regular expressions of URLs never checked
    accept: tuple[int, ...] = ()                # statuses counted as alive besides 2xx
    max_age_days: float = 7.0                   # how long a success stays in the cache
    timeout_seconds: float = 20.0
    retries: int = 3                            # for 429, 5xx and timeouts
    backoff_seconds: float = 2.0                # doubled after each retry
    max_retry_after_seconds: float = 120.0
    skip_hosts: tuple[str, ...] = VERIFIED_HOSTS
    hosts: dict[str, HostLimits] = field(default_factory=dict)

    def limits(self, host: str) -> HostLimits:
        return self.hosts.get(host, self.hosts.get("*", HostLimits()))

    def excluded(self, url: str) -> bool:
        return any(re.search(pattern, url) for pattern in self.exclude)


def load_settings(root: Path) -> LinkSettings:
    table = _table(root, "links")
    try:
        hosts = {name: HostLimits(**limits) for name, limits in table.pop("hosts", {}).items()}
        for name in ("exclude", "accept", "skip_hosts"):
            if name in table:
                table[name] = tuple(table[name])
        return LinkSettings(**table, hosts=hosts)
    except TypeError as exc:
        raise ConfigError(f"{CONFIG_FILE}: {exc}") from None


def load_verify_settings(root: Path, offline: bool = False):
    """The [verify] table, which `abstracts` reads too: arxiv_interval_seconds,
    arxiv_batch_size, mailto, retries, backoff_seconds (and offline from the command line)."""
    from .client import VerifySettings
    try:
        return VerifySettings(offline=offline, **_table(root, "verify"))
    except TypeError as exc:
        raise ConfigError(f"{CONFIG_FILE} [verify]: {exc}") from None


def load_discover_settings(root: Path):
    """The [discover] table: per_page, batch_size, retries, backoff_seconds,
    max_retry_after_seconds, timeout_seconds, cache_days, min_connections, first_run_days and
    mailto (or READINGLIST_MAILTO). The base URL and the key come from the environment only."""
    from .openalex import MAX_VALUES, OpenAlexSettings
    table = _table(root, "discover")
    table.setdefault("mailto", os.environ.get("READINGLIST_MAILTO") or None)
    try:
        settings = OpenAlexSettings(**table)
    except TypeError as exc:
        raise ConfigError(f"{CONFIG_FILE} [discover]: {exc}") from None
    for name in ("per_page", "batch_size"):
        if not 1 <= getattr(settings, name) <= MAX_VALUES:
            raise ConfigError(f"{CONFIG_FILE} [discover]: {name} must be 1 to {MAX_VALUES}, "
                              "OpenAlex's limit")
    return settings


def _table(root: Path, name: str) -> dict:
    """One table of readinglist.toml (empty without the file), read only as a regular file."""
    try:
        text = read_regular(root, CONFIG_FILE).decode("utf-8")
        return dict(tomllib.loads(text).get(name, {}))
    except FileNotFoundError:
        return {}
    except (NotRegularError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{CONFIG_FILE}: {exc}") from None
