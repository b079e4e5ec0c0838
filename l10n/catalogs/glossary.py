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
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from ..segment.placeholders import TOKEN

PREFERRED, ADMITTED, DEPRECATED = "preferred", "admitted", "deprecated"  # how a translation may be used

# A UK postcode (LE3 8RA, SW1A 1AA), after the post town of an address and a space or comma.
_POSTCODE_NEXT = re.compile(r"(?:\s*,\s*|\s+)[A-Z]{1,2}[0-9][A-Z0-9]?[ \u00a0]?[0-9][A-Z]{2}(?![\w-])")
# Contexts an entry can be excepted from (`<descrip type="Exception">`): whether the match of the
# term in the English text is in that context.
EXCEPTIONS: dict[str, Callable[[str, re.Match[str]], bool]] = {
    # The post town of a postal address, written just before the postcode: "Glenfield, Leicester LE3 8RA".
    "postal address": lambda text, match: _POSTCODE_NEXT.match(text, match.end()) is not None,
}


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
    def _pattern(self) -> re.Pattern[str] | None:
        if not self.terms:
            return None
        alternatives = "|".join(re.escape(t.source) for t in self.terms)
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    @cached_property
    def _by_source(self) -> dict[str, Term]:
        return {t.source.lower(): t for t in reversed(self.terms)}

    def matches(self, text: str) -> list[Term]:
        """Terms in English `text`, longest first, without overlaps.

        Terms with a capital letter (names) match only as written; others in any case. Paired
        placeholder tokens are ignored, a standalone one (`<br1/>`) separates words. An occurrence
        in a context the term's entry is excepted from does not count.
        """
        if self._pattern is None:
            return []
        plain = TOKEN.sub(lambda m: " " if m.group(3) else "", text)
        found: list[Term] = []
        for match in self._pattern.finditer(plain):
            term = self._by_source[match.group(0).lower()]
            if term.source != term.source.lower() and match.group(0) != term.source:
                continue
            if any(EXCEPTIONS[context](plain, match) for context in term.exceptions):
                continue
            if term not in found:
                found.append(term)
        return found
