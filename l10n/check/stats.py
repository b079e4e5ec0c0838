"""How far translation has got: units, English words and translation states per catalog."""

from __future__ import annotations

from dataclasses import dataclass

from ..catalogs.catalog import FUZZY, MACHINE, TRANSLATED, UNTRANSLATED, Counts
from ..locales import TargetLocale
from ..report import Progress, no_progress
from ..store import Project

_COLUMNS = ("units", "words", TRANSLATED, MACHINE, FUZZY, UNTRANSLATED)


@dataclass(frozen=True)
class Row:
    """The counts of one article's catalog, or of a whole locale (`article` None)."""

    locale: str
    article: str | None
    catalog: str | None
    counts: Counts

    def as_dict(self) -> dict[str, object]:
        return {
            "locale": self.locale,
            "article": self.article,
            "catalog": self.catalog,
            **self.counts.as_dict(),
            "percent": self.counts.percent,
        }


def locale_rows(project: Project, locale: TargetLocale, progress: Progress = no_progress) -> list[Row]:
    """A row per catalog of the locale, then the locale's total."""
    rows = [
        Row(locale.code, domain, project.config.relative(project.catalog_file(locale.code, domain)), po.counts())
        for domain, po in project.load_catalogs(locale, progress).items()
    ]
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
