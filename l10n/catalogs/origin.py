"""Where a suggested translation came from, recorded as a translator comment.

A suggestion (machine translation, translation memory, pseudo-localisation) is written fuzzy
with a comment line such as `suggestion: libre, 2026-11-28` or
`suggestion: memory, 2026-11-28, 92% match` (`…, 92% match, agency.tmx` from a TMX file);
`…, adjusted` says its figures or dates were rewritten to those of its English. A reviewer
accepts it by clearing the fuzzy flag; from then on it is a reviewed translation like any
other. An exact match accepted on request (`l10n translate --accept-exact`) is written reviewed,
with `suggestion: memory, exact, accepted`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the model imports this module: entries are only read here
    from .catalog import Entry

PREFIX = "suggestion: "
PSEUDO_PROVIDER = "pseudo"  # pseudo-localisation: never a translation of a real locale
_EXACT = "exact, accepted"
_LINE = re.compile(
    r"^suggestion: (?P<provider>[\w.-]+), (?:(?P<date>\d{4}-\d{2}-\d{2})(?:, (?P<score>\d+)% match)?"
    rf"(?:, (?P<adjusted>adjusted))?(?:, (?P<where>.+))?|{_EXACT})$"
)


@dataclass(frozen=True)
class Origin:
    provider: str
    day: date | None  # None: an exact match accepted as reviewed
    score: int | None = None  # translation-memory match, percent
    where: str | None = None  # the memory file of the match, when not the catalogs
    adjusted: bool = False  # figures or dates rewritten to those of the English

    def comment(self) -> str:
        if self.day is None:
            return f"{PREFIX}{self.provider}, {_EXACT}"
        line = f"{PREFIX}{self.provider}, {self.day.isoformat()}"
        line += f", {self.score}% match" if self.score is not None else ""
        line += ", adjusted" if self.adjusted else ""
        return line + (f", {self.where}" if self.where else "")


def origin(entry: Entry) -> Origin | None:
    """The suggestion origin recorded on an entry, if any."""
    for line in (entry.tcomment or "").splitlines():
        found = parse_origin(line)
        if found is not None:
            return found
    return None


def parse_origin(line: str) -> Origin | None:
    """An origin line (`suggestion: libre, 2026-11-28`) read back; None for any other text."""
    match = _LINE.match(line.strip())
    if not match:
        return None
    day, score = match.group("date"), match.group("score")
    try:
        when = date.fromisoformat(day) if day else None
    except ValueError:
        return None
    return Origin(
        match.group("provider"),
        when,
        int(score) if score else None,
        match.group("where"),
        bool(match.group("adjusted")),
    )


def translator_lines(entry: Entry) -> list[str]:
    """The translator comment's lines but the origin line: what translators wrote."""
    return [line for line in (entry.tcomment or "").splitlines() if not _LINE.match(line.strip())]


def is_machine_suggestion(entry: Entry) -> bool:
    """A fuzzy entry whose translation is an unreviewed suggestion."""
    return entry.fuzzy and bool(entry.msgstr) and origin(entry) is not None


def is_pseudo(entry: Entry) -> bool:
    """The translation is pseudo-localised text (`suggestion: pseudo, …`), not a translation."""
    found = origin(entry) if entry.tcomment else None
    return found is not None and found.provider == PSEUDO_PROVIDER


def drop_origin(entry: Entry) -> None:
    """Remove the suggestion line: the translation is no longer the one suggested."""
    lines = [line for line in (entry.tcomment or "").splitlines() if not _LINE.match(line.strip())]
    entry.tcomment = "\n".join(lines)


def add_origin(entry: Entry, found: Origin) -> None:
    """Record the origin in the translator comment, replacing an older suggestion line."""
    drop_origin(entry)
    entry.tcomment = "\n".join([*entry.tcomment.splitlines(), found.comment()])
