"""Per-article work spread over processes (`--jobs`), results gathered in order."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items a pool costs more than it saves.
_MIN_ITEMS_PER_JOB = 4


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Sized(Iterator[R]):
    """An iterator that knows how many items it will give (for progress bars)."""

    def __init__(self, items: Iterator[R], length: int):
        self._items = items
        self._length = length

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Sized[R]:
        return self

    def __next__(self) -> R:
        return next(self._items)


def run(func: Callable[[T], R], items: Sequence[T], jobs: int,
        progress: Callable[[Sized[R], str], object], label: str) -> list[R]:
    """`[func(item) for item in items]`, in `jobs` processes when that pays; an error in any stops all."""
    if jobs <= 1 or len(items) < 2 * _MIN_ITEMS_PER_JOB:
        return list(progress(Sized(map(func, items), len(items)), label))
    chunk = max(1, min(16, len(items) // (jobs * 8)))
    with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(progress(Sized(pool.map(func, items, chunksize=chunk), len(items)), label))
