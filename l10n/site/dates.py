"""Dates in the reader's language: a `<time datetime>` that shows its date in English is written
anew from its `datetime` with Babel, so no translator types a date and none can be wrong.

In catalogs such a `<time>` is a standalone placeholder (`Published <time1/>`, see
`segment.verbatim.written_date`): translators place it, the build fills it.
"""

from __future__ import annotations

from babel.dates import format_date, format_skeleton
from lxml import etree

from ..locales import TargetLocale
from ..segment.document import is_translatable
from ..segment.verbatim import WrittenDate, written_date


def write_dates(root: etree._Element, locale: TargetLocale) -> None:
    """Write every English date of a page (not marked translate="no") in `locale`'s format."""
    for el in root.iter("time"):
        found = written_date(el)
        if found is not None and is_translatable(el):
            shown = _shown_in(el)
            for child in list(shown):
                shown.remove(child)
            shown.text = local_date(found, locale)


def _shown_in(el: etree._Element) -> etree._Element:
    """The element whose text shows a date: the `<time>` itself, or the one element it wraps
    (`<time><span class="date">Aug. 16, 2020</span></time>`), which keeps its styling."""
    while (
        len(el) == 1 and isinstance(el[0].tag, str) and not (el.text or "").strip() and not (el[0].tail or "").strip()
    ):
        el = el[0]
    return el


def local_date(found: WrittenDate, locale: TargetLocale) -> str:
    """A date in a locale's format, in the style the English wrote it in (2017年11月8日).

    >>> from datetime import date
    >>> from l10n.locales import parse_locale
    >>> local_date(WrittenDate(date(2017, 11, 8), "long"), parse_locale("zh"))
    '2017年11月8日'
    >>> local_date(WrittenDate(date(2017, 11, 8), "MMMMd"), parse_locale("zh_Hant"))
    '11月8日'
    """
    if found.style == "iso":
        return found.day.isoformat()
    if found.style in ("full", "long", "medium", "short"):
        return format_date(found.day, found.style, locale=locale.locale)
    return format_skeleton(found.style, found.day, locale=locale.locale)
