"""Per-article work spread over processes (`--jobs`), results given back in order."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import cache
from typing import Any, Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items per process a pool costs more than it saves.
_MIN_ITEMS_PER_JOB = 4
_PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Results(Generic[R]):
    """`func(item)` for each item, in order, as they are ready; knows its length (for progress bars).

    Given each item's size, the large ones are handed out first, so that a big page does not
    end up working alone at the end while the other processes wait.
    """

    def __init__(self, func: Callable[[T], R], items: Sequence[T], jobs: int, sizes: Sequence[int] = ()):
        self._func = func
        self._items = items
        self._jobs = jobs
        self._sizes = sizes

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[R]:
        if self._jobs <= 1 or len(self._items) < 2 * _MIN_ITEMS_PER_JOB:
            yield from map(self._func, self._items)
            return
        import multiprocessing  # only work worth several processes pays for importing them
        from concurrent.futures import ProcessPoolExecutor

        global _WORK
        order = _large_first(self._sizes) if self._sizes else list(range(len(self._items)))
        chunk = max(1, min(16, len(self._items) // (self._jobs * 8)))
        # The workers are forked with the function and the items: only positions and results are
        # sent between processes (a function's arguments, such as the whole site's list of pages,
        # are not pickled again for every chunk of work).
        _WORK = (self._func, self._items)
        try:
            with ProcessPoolExecutor(
                self._jobs,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_end_with_parent,
                initargs=(os.getpid(),),
            ) as pool:
                ready: dict[int, R] = {}
                following = 0
                for index, result in zip(order, pool.map(_do, order, chunksize=chunk)):
                    ready[index] = result
                    while following in ready:
                        yield ready.pop(following)
                        following += 1
        finally:
            _WORK = None


_WORK: tuple[Callable[[Any], Any], Sequence[Any]] | None = None  # what the forked workers do (see Results)


def _do(index: int) -> Any:
    """In a worker: the work on one item, by its position."""
    assert _WORK is not None, "a worker forked without its work"
    func, items = _WORK
    return func(items[index])


def give_back_memory() -> None:
    """Return the memory freed since to the system (glibc keeps it otherwise): a worker that has
    just made a large page's tree (60 MB for a 1.6 MB page) would hold that much for the rest of
    its life, and a site's workers each grew with the pages they had seen."""
    if sys.platform == "linux":
        try:
            _libc().malloc_trim(0)
        except (OSError, AttributeError):  # not glibc
            pass


@cache
def _libc() -> Any:
    import ctypes

    return ctypes.CDLL(None)


def _end_with_parent(parent: int) -> None:
    """Make a worker end when its parent does (on Linux; a killed parent otherwise leaves its workers
    waiting for work forever), and end it now if the parent is already gone."""
    if sys.platform == "linux":
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:
        os._exit(1)


def _large_first(sizes: Sequence[int]) -> list[int]:
    """Item positions: those over twice the mean size first, largest first; then the rest in order."""
    limit = 2 * sum(sizes) / len(sizes)
    large = sorted((i for i, size in enumerate(sizes) if size > limit), key=lambda i: -sizes[i])
    return large + [i for i, size in enumerate(sizes) if size <= limit]
