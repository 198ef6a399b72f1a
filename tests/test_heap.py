"""A serving process collects the first build's garbage, then freezes what it keeps, once."""

from __future__ import annotations

import gc
import weakref

from readinglist.hooks.heap import Heap


class Node:
    """An object in a reference cycle: only the collector frees it."""

    def __init__(self) -> None:
        self.me = self


def test_settling_collects_the_garbage_then_leaves_what_is_kept_out_of_later_passes():
    garbage, kept = Node(), Node()
    gone = weakref.ref(garbage)
    del garbage
    try:
        Heap().settle()
        assert gone() is None
        assert not any(o is kept for o in gc.get_objects())     # frozen: no pass walks it
    finally:
        gc.unfreeze()


def test_a_heap_settles_once():
    heap = Heap()
    try:
        heap.settle()
        frozen = gc.get_freeze_count()
        later = Node()
        heap.settle()
        assert gc.get_freeze_count() == frozen
        assert any(o is later for o in gc.get_objects())
    finally:
        gc.unfreeze()
