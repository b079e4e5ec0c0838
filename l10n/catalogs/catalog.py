"""The catalog model: `Entry` and `Catalog`, and the questions scripts, checks and stats ask of them.

No file I/O here: `formats.pofile` reads and writes PO text, the store reads and writes files.
"Reviewed" is defined once, on `Entry`: translated and not fuzzy.

>>> catalog = Catalog([Entry("Hello", "你好"), Entry("Bye", "再见", flags=["fuzzy"]), Entry("Yes")])
>>> [e.msgid for e in catalog.translated_entries()], [e.msgid for e in catalog.fuzzy_entries()]
(['Hello'], ['Bye'])
>>> catalog.find("Yes").translated, catalog.percent_translated()
(False, 33.3)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, astuple, dataclass, field

from ..segment.placeholders import TOKEN
from .origin import is_machine_suggestion

Key = tuple[str | None, str]  # (msgctxt, msgid): what identifies an entry in a catalog

# An element line of an entry's extracted comment (`td`, `a.skip-link`, `input#q@placeholder`):
# the element's name and the attribute, which make its role.
_ELEMENT_LINE = re.compile(r"([a-z][a-z0-9-]*)(?:[#.][^\s@]*)?(@[\w:.-]+)?")

# An entry's state, as stats and review pages count it.
TRANSLATED, MACHINE, FUZZY, UNTRANSLATED = "translated", "machine", "fuzzy", "untranslated"


@dataclass(eq=False, slots=True)
class Entry:
    """One message of a catalog: the English, its translation and the comments around them."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    comment: str = ""  # extracted comments (`#.`), one per line
    tcomment: str = ""  # translator comments (`# `), one per line
    occurrences: list[tuple[str, str]] = field(default_factory=list)  # `#:` references: (file, line)
    previous_msgctxt: str | None = None  # `#|`: the English a fuzzy translation was made for
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False  # `#~`: English no longer in the source, kept for its translation
    line: int = 0  # where the entry starts in its file (its first comment), from 1

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def roles(self) -> tuple[str, ...]:
        """The roles of the elements the English is in, from the `#.` lines: `a`, `td`,
        `img@alt` (classes and ids left out), sorted; () when the comment names none."""
        found = set()
        for line in self.comment.split("\n") if self.comment else ():
            match = _ELEMENT_LINE.fullmatch(line)
            if match:
                found.add(match.group(1) + (match.group(2) or ""))
        return tuple(sorted(found))

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Has a translation, reviewed or not."""
        return bool(self.msgstr) or any(self.msgstr_plural.values())

    @property
    def reviewed(self) -> bool:
        """Translated and not fuzzy: a translation a person accepted (whether its English is obsolete or not)."""
        return not self.fuzzy and self.translated

    @property
    def state(self) -> str:
        """TRANSLATED (reviewed), MACHINE (an unreviewed suggestion), FUZZY (any other), or UNTRANSLATED."""
        if not self.translated:
            return UNTRANSLATED
        if self.reviewed:
            return TRANSLATED
        return MACHINE if is_machine_suggestion(self) else FUZZY


def words(text: str) -> int:
    """Words of a msgid, placeholder tokens left out."""
    return sum(1 for word in TOKEN.sub(" ", text).split() if any(c.isalnum() for c in word))


def percent(reviewed: int, units: int) -> float:
    """Reviewed units in percent, rounded down to 0.1 (so 100 means done); 0 for no units
    (a catalog with nothing in it is not done: it may be one read from a damaged file).
    `stats` shows it, and `build` publishes by it (`min_complete`)."""
    return (1000 * reviewed // units) / 10 if units else 0.0


@dataclass(frozen=True)
class Counts:
    """Units by state (they add up to `units`) and English words."""

    units: int = 0
    words: int = 0
    translated: int = 0
    machine: int = 0  # fuzzy machine suggestions
    fuzzy: int = 0  # other fuzzy entries
    untranslated: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other), strict=True)))

    @property
    def percent(self) -> float:
        """Units translated (reviewed), in percent: see `percent`."""
        return percent(self.translated, self.units)

    def as_dict(self) -> dict[str, int]:
        return asdict(self)


@dataclass(eq=False)
class Catalog:
    """A .po or .pot file: its header and its entries (obsolete ones last when written)."""

    entries: list[Entry] = field(default_factory=list)
    header: str = ""  # the comment above the header entry
    metadata: dict[str, str] = field(default_factory=dict)  # the header entry's fields, in order
    header_flags: list[str] = field(default_factory=list)  # e.g. fuzzy, on a catalog just made

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def active(self) -> list[Entry]:
        return [e for e in self.entries if not e.obsolete]

    def obsolete(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]

    def find(self, msgid: str, msgctxt: str | None = None) -> Entry | None:
        """The active entry of this English and context, or None."""
        return next((e for e in self.entries if not e.obsolete and e.msgid == msgid and e.msgctxt == msgctxt), None)

    def translated_entries(self) -> list[Entry]:
        """Active entries with a reviewed translation (polib's name: translated and not fuzzy)."""
        return [e for e in self.entries if not e.obsolete and e.reviewed]

    def fuzzy_entries(self) -> list[Entry]:
        """Active entries with an unreviewed translation."""
        return [e for e in self.entries if not e.obsolete and e.fuzzy and e.translated]

    def untranslated_entries(self) -> list[Entry]:
        return [e for e in self.entries if not e.obsolete and not e.translated]

    def counts(self) -> Counts:
        """The active units by state, and their English words."""
        active = self.active()
        states = Counter(entry.state for entry in active)
        return Counts(units=len(active), words=sum(words(entry.msgid) for entry in active), **states)

    def percent_translated(self) -> float:
        """Reviewed active units in percent, as `stats` shows it and `build` publishes by it."""
        return self.counts().percent
