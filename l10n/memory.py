"""A translation memory: reviewed translations, looked up by exact and fuzzy match of the source.

The score of a fuzzy match is rapidfuzz's `fuzz.ratio` (0–100, as msgmerge-style matchers use):
`lookup` finds what `process.extractOne(text, sources, scorer=fuzz.ratio, score_cutoff=threshold)`
finds, without comparing the text with every remembered sentence. Sentences whose length rules
out the threshold are never looked at; among the rest, a word index picks the sentences that
share the text's rarest words, and only those are scored.
"""

from __future__ import annotations

import bisect
import heapq
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from operator import itemgetter

from rapidfuzz import fuzz, process

_WORD = re.compile(r"\w+")
# Score every sentence of a plausible length when there are no more than this many.
_SCAN_LIMIT = 2000
# Index postings read per lookup (rarest words first), and sentences scored from them.
_POSTINGS_BUDGET = 20000
_CANDIDATES = 200


@dataclass(frozen=True)
class Match:
    source: str
    target: str
    score: float  # 0–100; 100 only for the same text


class TranslationMemory:
    """Source sentences and their translations; the first translation of a sentence wins."""

    def __init__(self, pairs: Iterable[tuple[str, str]]):
        self._ids: dict[str, int] = {}
        self._sources: list[str] = []
        self._targets: list[str] = []
        for source, target in pairs:
            if source and target and source not in self._ids:
                self._ids[source] = len(self._sources)
                self._sources.append(source)
                self._targets.append(target)

    def __len__(self) -> int:
        return len(self._sources)

    def lookup(self, text: str, threshold: float = 75.0) -> Match | None:
        """The best remembered sentence scoring at least `threshold`, earliest first among equals."""
        exact = self._ids.get(text)
        if exact is not None:
            return Match(text, self._targets[exact], 100.0)
        if threshold >= 100 or not text or not self._sources:
            return None
        low, high = _length_window(len(text), threshold)
        by_length = self._by_length
        start = bisect.bisect_left(by_length.lengths, low)
        end = bisect.bisect_right(by_length.lengths, high)
        if end - start <= _SCAN_LIMIT:
            candidates = sorted(by_length.ids[start:end])
        else:
            candidates = self._candidates(text, low, high)
        choices = [self._sources[i] for i in candidates]
        best = process.extractOne(text, choices, scorer=fuzz.ratio, score_cutoff=threshold)
        if best is None:
            return None
        found = candidates[best[2]]
        return Match(self._sources[found], self._targets[found], best[1])

    def _candidates(self, text: str, low: int, high: int) -> list[int]:
        """Sentences of a plausible length sharing the most of the text's rarest words, in order."""
        index = self._index
        postings = sorted((index[w] for w in set(_words(text)) if w in index), key=len)
        counts: Counter[int] = Counter()
        read = 0
        for i, posting in enumerate(postings):
            if i >= 2 and read + len(posting) > _POSTINGS_BUDGET:
                break
            counts.update(posting)
            read += len(posting)
        lengths = self._lengths
        best = heapq.nlargest(4 * _CANDIDATES, counts.items(), key=itemgetter(1))
        return sorted([i for i, _ in best if low <= lengths[i] <= high][:_CANDIDATES])

    @cached_property
    def _lengths(self) -> list[int]:
        return [len(s) for s in self._sources]

    @cached_property
    def _by_length(self) -> _ByLength:
        ids = sorted(range(len(self._sources)), key=self._lengths.__getitem__)
        return _ByLength([self._lengths[i] for i in ids], ids)

    @cached_property
    def _index(self) -> dict[str, list[int]]:
        index: dict[str, list[int]] = {}
        for i, source in enumerate(self._sources):
            for word in set(_words(source)):
                index.setdefault(word, []).append(i)
        return index


@dataclass(frozen=True)
class _ByLength:
    lengths: list[int]
    ids: list[int]


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _length_window(length: int, threshold: float) -> tuple[int, int]:
    """Lengths a sentence can have and still score `threshold` against a text of `length`.

    fuzz.ratio is at most 200·min/(a+b) for lengths a and b.
    """
    t = max(threshold, 1.0)
    return int(length * t / (200 - t)), int(length * (200 - t) / t) + 1
