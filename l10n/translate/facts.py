"""Suggestions never change facts: a suggestion states the figures and dates of its own English.

A remembered translation of similar English states the remembered English's figures, dates,
times and sums. When both English texts state the same kinds of fact in the same order and
differ only in values, each differing value is rewritten where the Chinese states it, the
Chinese way (2017年 → 2025年, 11月8日 → 3月14日, 9000万 → 420万), as CAT tools do with their
"auto-translatables"; otherwise there is no suggestion. A machine answer that misses a fact of
its English, or states one the English does not, is repaired the same way when each fact
missing pairs with one stated instead, and otherwise refused. A repaired suggestion always
passes the numbers check.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..language.numbers import Date, Number, chinese_facts, chinese_figure, english_facts, english_values, mismatches
from ..segment.placeholders import TOKEN

Fact = Number | Date
_HALF_DAY = re.compile(r"([ap])\.?m\b\.?$", re.IGNORECASE)


@dataclass(frozen=True)
class Suggestion:
    """A suggested translation, and whether facts in it were rewritten."""

    text: str
    adjusted: bool = False


def from_memory(old_source: str, old_target: str, new_source: str, rewrite: bool = True) -> Suggestion | None:
    """The translation of `old_source` made to state the facts of `new_source`, or None when it
    cannot be (with `rewrite` False: None whenever the facts differ)."""
    old, new = english_facts(old_source), english_facts(new_source)
    if len(old) != len(new) or any(_kind(a) != _kind(b) for a, b in zip(old, new)):
        return None
    changes = [(a, b) for a, b in zip(old, new) if not _same(a, b)]
    if not changes:
        return Suggestion(old_target)
    if not rewrite or any(sum(_same(a, other) for other in old) > 1 for a, _ in changes):
        return None  # a value the English states twice: which place in the Chinese is which is unknown
    stated = _Index(chinese_facts(old_target))
    edits: dict[tuple[int, int], str | None] = {}
    for a, b in changes:
        found = stated.stating(a)
        if len(found) != 1 or found[0].span in edits:
            return None
        edits[found[0].span] = _written(b, found[0], a)
    text = _rewrite(old_target, edits)
    if text is None or not _passes(new_source, text, _warnings(old_source, old_target)):
        return None
    return Suggestion(text, adjusted=True)


def from_machine(source: str, answer: str) -> Suggestion | None:
    """A machine answer that states the facts of its English, repaired if need be; None when it
    cannot be."""
    if not mismatches(source, answer):
        return Suggestion(answer)
    english, stated, allowed = english_facts(source), chinese_facts(answer), english_values(source)
    said, told = _Index(stated), _Index(english)
    missing = [fact for fact in english if not said.stating(fact)]
    extra = [
        c
        for c in stated
        if not told.stating(c) and (isinstance(c, Date) or c.digits and not allowed.intersection(c.values))
    ]
    if len(missing) != len(extra) or any(type(m) is not type(e) for m, e in zip(missing, extra)):
        return None
    text = _rewrite(answer, {e.span: _written(m, e) for m, e in zip(missing, extra)})
    if text is None or not _passes(source, text, 0):
        return None
    return Suggestion(text, adjusted=text != answer)


def _kind(fact: Fact) -> tuple[object, ...]:
    """What a fact is, whatever its value: a date or a month; a figure in a unit, or a time of
    the morning or the afternoon."""
    if isinstance(fact, Date):
        return ("date", fact.day is None)
    half = _HALF_DAY.search(fact.text)
    return ("figure", fact.unit, half.group(1).lower() if half else None)


def _same(a: Fact, b: Fact) -> bool:
    if isinstance(a, Date) and isinstance(b, Date):
        return a.same(b)
    return isinstance(a, Number) and isinstance(b, Number) and a.values == b.values


class _Index:
    """Facts by what they say (a date by its month and day, a number by each of its values), so
    that which of them say what another fact says (a Chinese fact what an English one does, or
    the other way round) is looked up, not searched for."""

    def __init__(self, facts: list[Fact]):
        self.found: dict[object, list[Fact]] = {}
        for fact in facts:
            for key in dict.fromkeys(_keys(fact)):
                self.found.setdefault(key, []).append(fact)

    def stating(self, fact: Fact) -> list[Fact]:
        """The facts saying what `fact` does, in order."""
        hits = {id(f): f for key in _keys(fact) for f in self.found.get(key, ())}
        return sorted(hits.values(), key=lambda f: f.span)


def _keys(fact: Fact) -> list[object]:
    if isinstance(fact, Date):
        return [("date", fact.month, fact.day)]
    return [("number", value) for value in fact.values]


def _written(new: Fact, like: Fact, old: Fact | None = None) -> str | None:
    """`new` written in Chinese in the place and style of `like`, the Chinese of `old` (which of
    an English figure's readings the Chinese took: 3.5m as 350万 or as 3.5); None if it cannot be."""
    if isinstance(new, Date) and isinstance(like, Date):
        if "月" not in like.text and (old is None or not isinstance(old, Date) or old.month != new.month):
            return None  # a day alone (11月8日至9日) can only change its day
        return new.chinese(like)
    if isinstance(new, Number) and isinstance(like, Number):
        reading = next((i for i, v in enumerate(old.values) if v in like.values), 0) if isinstance(old, Number) else 0
        return chinese_figure(new.values[min(reading, len(new.values) - 1)], like)
    return None


def _rewrite(text: str, edits: dict[tuple[int, int], str | None]) -> str | None:
    """The text with each span replaced; None if an edit is impossible or would take a placeholder with it."""
    for (start, end), new in sorted(edits.items(), reverse=True):
        if new is None or TOKEN.search(text, start, end):
            return None
        text = text[:start] + new + text[end:]
    return text


def _warnings(source: str, text: str) -> int:
    return sum(not m.error for m in mismatches(source, text))


def _passes(source: str, text: str, warnings: int) -> bool:
    """The numbers check finds no error, and no more warnings than `warnings` (those a reviewer let stand)."""
    found = mismatches(source, text)
    return not any(m.error for m in found) and len(found) <= warnings
