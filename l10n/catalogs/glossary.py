"""The terminology of a locale: terms, and where they occur in English text (`formats.tbx` reads it from TBX).

Each entry is one concept: its English terms (synonyms and variants, "One Belt One Road" and
"Belt and Road Initiative", each asking for the entry's translation), its preferred translation,
admitted alternatives a translation may use instead and deprecated ones it may not; or no
translation at all (untranslatable: the term stays as it is in every language). An entry may
not apply in some English contexts (`EXCEPTIONS`), e.g. "Leicester" as the post town in
"Glenfield, Leicester LE3 8RA".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property

from ..segment.placeholders import TOKEN

PREFERRED, ADMITTED, DEPRECATED = "preferred", "admitted", "deprecated"  # how a translation may be used

# A UK postcode (LE3 8RA, SW1A 1AA), after the post town of an address and a space or comma.
_POSTCODE_NEXT = re.compile(r"(?:\s*,\s*|\s+)[A-Z]{1,2}[0-9][A-Z0-9]?[ \u00a0]?[0-9][A-Z]{2}(?![\w-])")
# Contexts an entry can be excepted from (`<descrip type="Exception">`): whether the match of the
# term in the English text (which ends at the offset given) is in that context.
EXCEPTIONS: dict[str, Callable[[str, int], bool]] = {
    # The post town of a postal address, written just before the postcode: "Glenfield, Leicester LE3 8RA".
    "postal address": lambda text, end: _POSTCODE_NEXT.match(text, end) is not None,
}


_WORD = r"[\w-]"


class TermFinder:
    """Where whole-word terms occur in text, left to right, the longest at each place (as a
    regular expression of the terms as alternatives, longest first, between `(?<![\\w-])` and
    `(?![\\w-])`, finds them), in time that grows with the text and not with the number of terms:
    a term is looked up by the word it starts with (or its first character, when it does not
    start with a word), not tried at every place one by one.

    Terms with a capital letter match only as written, others in any case; with `any_case`, every
    term matches in any case (the caller looks at the case). `before` is a pattern whose matches
    are found too and win over a term at the same place (as alternatives put first would).
    """

    def __init__(self, terms: Iterable[str], any_case: bool = False, before: str | None = None):
        self.any_case = any_case
        by_key: dict[str, list[str]] = {}
        first_characters: set[str] = set()
        for term in dict.fromkeys(terms):
            if not term:
                continue
            word = re.match(f"{_WORD}+", term)
            key = word.group(0).lower() if word else term[0].lower()
            if not word:
                first_characters.update({term[0].lower(), term[0].upper()})
            by_key.setdefault(key, []).append(term)
        self.by_key = {key: sorted(found, key=lambda t: (-len(t), t)) for key, found in by_key.items()}
        alternatives = [f"(?P<before>{before})"] if before else []
        alternatives.append(f"(?<!{_WORD}){_WORD}+")
        if first_characters:
            alternatives.append(f"(?<!{_WORD})[" + "".join(re.escape(c) for c in sorted(first_characters)) + "]")
        self.scanner = re.compile("|".join(alternatives))

    def finditer(self, text: str) -> Iterator[tuple[int, int, str | None]]:
        """(start, end, term) of each occurrence, in order, none overlapping another; a match of
        `before` as (start, end, None)."""
        position = 0
        while (found := self.scanner.search(text, position)) is not None:
            start = found.start()
            if found.lastgroup == "before":
                yield start, found.end(), None
                position = max(found.end(), start + 1)
                continue
            term = self._term_at(text, start, found.group(0))
            if term is not None:
                yield start, start + len(term), term
                position = start + len(term)
            else:
                position = found.end()

    def _term_at(self, text: str, start: int, word: str) -> str | None:
        for term in self.by_key.get(word.lower(), ()):
            end = start + len(term)
            piece = text[start:end]
            if piece != term and (piece.lower() != term.lower() or not (self.any_case or term == term.lower())):
                continue
            if end < len(text) and re.match(_WORD, text[end]):
                continue
            return term
        return None


@dataclass(frozen=True)
class Term:
    """One English term of an entry and what a translation of it must hold."""

    source: str
    target: str  # the preferred translation; the source itself when untranslatable
    translatable: bool = True
    note: str = ""
    admitted: tuple[str, ...] = ()  # other translations a translation may use instead
    deprecated: tuple[str, ...] = ()  # translations it may not use
    exceptions: tuple[str, ...] = ()  # contexts (names in EXCEPTIONS) where the term does not apply

    @property
    def accepted(self) -> tuple[str, ...]:
        """The translations a translation may use, the preferred one first."""
        return (self.target, *self.admitted)


class Glossary:
    """Terms, and where they occur in English text."""

    def __init__(self, terms: list[Term]):
        self.terms = sorted(terms, key=lambda t: (-len(t.source), t.source))

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def untranslatable(self) -> list[Term]:
        return [t for t in self.terms if not t.translatable]

    @property
    def kept_in_english(self) -> list[Term]:
        """Terms that stay as they are: untranslatable ones, and those whose translation is the
        English itself (“Defra” → “Defra”, “NHS” → “NHS”)."""
        return [t for t in self.terms if not t.translatable or t.target == t.source]

    @cached_property
    def _finder(self) -> TermFinder | None:
        return TermFinder((t.source for t in self.terms), any_case=True) if self.terms else None

    @cached_property
    def _by_source(self) -> dict[str, Term]:
        return {t.source.lower(): t for t in reversed(self.terms)}

    def matches(self, text: str) -> list[Term]:
        """Terms in English `text`, longest first, without overlaps.

        Terms with a capital letter (names) match only as written; others in any case. Paired
        placeholder tokens are ignored, a standalone one (`<br1/>`) separates words. An occurrence
        in a context the term's entry is excepted from does not count.
        """
        if self._finder is None:
            return []
        plain = TOKEN.sub(lambda m: " " if m.group(3) else "", text)
        found: dict[Term, None] = {}
        for start, end, source in self._finder.finditer(plain):
            assert source is not None
            term = self._by_source[source.lower()]
            if term.source != term.source.lower() and plain[start:end] != term.source:
                continue
            if any(EXCEPTIONS[context](plain, end) for context in term.exceptions):
                continue
            found.setdefault(term)
        return list(found)
