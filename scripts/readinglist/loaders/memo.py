"""Parses of unchanged files, kept from one load to the next by a long-running server.

A parse is a pure function of a file's path and text, so a memo keyed by both gives what
parsing again would; `load` keeps, after each pass, only what that pass asked for.
"""

from __future__ import annotations

from typing import Callable, Hashable, TypeVar

T = TypeVar("T")


class Memo:
    def __init__(self) -> None:
        self._kept: dict[Hashable, object] = {}
        self._asked: dict[Hashable, object] = {}

    def get(self, key: Hashable, parse: Callable[[], T]) -> T:
        value = self._kept[key] if key in self._kept else parse()
        self._asked[key] = value
        return value  # type: ignore[return-value]

    def turn(self) -> None:
        """End of a load: forget what it did not ask for."""
        self._kept, self._asked = self._asked, {}


def fresh(memo: Memo | None, key: Hashable, parse: Callable[[], T]) -> T:
    """parse(), through the memo when there is one."""
    return memo.get(key, parse) if memo is not None else parse()
