"""Keeping placeholders and do-not-translate terms away from translation services.

Before a text goes out, each placeholder token (`<a1>`, `</a1>`, `<br2/>`) and each term to keep
as it is becomes a numbered marker `[X1X]`, which services pass through untouched (the form
Weblate uses). After the answer comes back, each marker becomes what it stood for again. An
answer that loses, repeats or invents a marker cannot be restored.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..catalogs.glossary import TermFinder
from ..errors import RestoreError
from ..segment.placeholders import LITERAL, TOKEN

# A marker as sent, and as services give it back: spaced, lower case or with full-width brackets.
MARKER = re.compile(r"[\[［【]\s*[Xx]\s*(\d+)\s*[Xx]\s*[\]］】]")


@dataclass(frozen=True)
class Protected:
    """A text as sent to a service, and what each of its markers stands for."""

    text: str
    kept: tuple[str, ...]  # marker n stands for kept[n - 1]

    def restore(self, answer: str) -> str:
        """The answer with every marker turned back into what it stood for."""
        seen: set[int] = set()

        def back(match: re.Match[str]) -> str:
            n = int(match.group(1))
            if not 1 <= n <= len(self.kept):
                raise RestoreError(f"invented {match.group(0)}")
            if n in seen:
                raise RestoreError(f"repeated {_marker(n)} ({self.kept[n - 1]})")
            seen.add(n)
            return self.kept[n - 1]

        restored = MARKER.sub(back, answer)
        lost = [n for n in range(1, len(self.kept) + 1) if n not in seen]
        if lost:
            raise RestoreError("lost " + ", ".join(self.kept[n - 1] for n in lost))
        return restored


class Protector:
    """Protects texts for one locale: its terms to keep (`terms`) found by one `TermFinder`,
    made once (a glossary of 100,000 terms costs each text its length, not the number of terms).
    Terms with a capital letter (names) match only as written; others in any case."""

    def __init__(self, terms: Iterable[str] = ()):
        before = "|".join(f"(?:{p.pattern})" for p in (TOKEN, LITERAL, MARKER))
        self.finder = TermFinder(terms, before=before)

    def protect(self, text: str) -> Protected:
        """Replace placeholder tokens, escaped token-shaped text, marker look-alikes and whole-word
        terms with markers."""
        kept: list[str] = []
        out: list[str] = []
        position = 0
        for start, end, _ in self.finder.finditer(text):
            if end == start:
                continue
            kept.append(text[start:end])
            out += (text[position:start], _marker(len(kept)))
            position = end
        out.append(text[position:])
        return Protected("".join(out), tuple(kept))


def protect(text: str, terms: Iterable[str] = ()) -> Protected:
    """`Protector(terms).protect(text)`, for one text."""
    return Protector(terms).protect(text)


def _marker(n: int) -> str:
    return f"[X{n}X]"
