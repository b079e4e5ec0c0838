"""How far translation has got: units, English words and translation states per catalog."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, astuple, dataclass

from ..locales import TargetLocale
from ..catalogs.origin import is_machine_suggestion
from ..catalogs.pofile import Catalog, Entry
from ..catalogs.steps import load_catalogs
from ..report import Progress, no_progress
from ..segment.placeholders import TOKEN
from ..project import Project

TRANSLATED, MACHINE, FUZZY, UNTRANSLATED = "translated", "machine", "fuzzy", "untranslated"
_COLUMNS = ("units", "words", TRANSLATED, MACHINE, FUZZY, UNTRANSLATED)


def state(entry: Entry) -> str:
    """translated (reviewed), machine (an unreviewed suggestion), fuzzy (any other), or untranslated."""
    if not entry.translated:
        return UNTRANSLATED
    if entry.reviewed:
        return TRANSLATED
    return MACHINE if is_machine_suggestion(entry) else FUZZY


def words(text: str) -> int:
    """Words of a msgid, placeholder tokens left out."""
    return sum(1 for word in TOKEN.sub(" ", text).split() if any(c.isalnum() for c in word))


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
        return Counts(*(a + b for a, b in zip(astuple(self), astuple(other))))

    @property
    def percent(self) -> float:
        """Units translated (reviewed), in percent: see `percent`."""
        return percent(self.translated, self.units)


def percent(reviewed: int, units: int) -> float:
    """Reviewed units in percent, rounded down to 0.1 (so 100 means done); 100 for no units.
    `stats` shows it, and `build` publishes by it (`min_complete`)."""
    return (1000 * reviewed // units) / 10 if units else 100.0


def count(po: Catalog) -> Counts:
    """A catalog's active units by state, and their English words."""
    states = Counter(state(entry) for entry in po.active())
    return Counts(units=sum(states.values()), words=sum(words(entry.msgid) for entry in po.active()), **states)


@dataclass(frozen=True)
class Row:
    """The counts of one article's catalog, or of a whole locale (`article` None)."""

    locale: str
    article: str | None
    catalog: str | None
    counts: Counts

    def as_dict(self) -> dict[str, object]:
        return {"locale": self.locale, "article": self.article, "catalog": self.catalog,
                **asdict(self.counts), "percent": self.counts.percent}


def locale_rows(project: Project, locale: TargetLocale, progress: Progress = no_progress) -> list[Row]:
    """A row per catalog of the locale, then the locale's total."""
    rows = [Row(locale.code, domain, project.config.relative(project.catalog_file(locale.code, domain)), count(po))
            for domain, po in load_catalogs(project, locale, progress).items()]
    return rows + [Row(locale.code, None, None, sum((r.counts for r in rows), Counts()))]


def table(rows: list[Row]) -> str:
    """An aligned plain-text table: text columns to the left, figures to the right."""
    header = ("locale", "article", *_COLUMNS, "complete")
    lines = [header] + [
        (r.locale, r.article or "(total)", *(str(getattr(r.counts, c)) for c in _COLUMNS), f"{r.counts.percent:.1f}%")
        for r in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    return "\n".join(
        "  ".join(cell.ljust(w) if i < 2 else cell.rjust(w) for i, (cell, w) in enumerate(zip(line, widths))).rstrip()
        for line in lines
    )
