"""Embargoes: a page that may not be published before a moment.

A page says so in its head: `<meta name="l10n:embargo" content="2026-12-10T09:00:00+00:00">`
(ISO 8601, with the time and its offset from UTC: a moment means the same everywhere). A value
that is not such a moment is an error naming the page, never "publish now". A page with several
embargoes waits for the latest.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import SourceError

if TYPE_CHECKING:
    from lxml import etree

META = "l10n:embargo"
EXAMPLE = "2026-12-10T09:00:00+00:00"


def now() -> dt.datetime:
    """The current moment, with its offset (UTC)."""
    return dt.datetime.now(dt.UTC)


def parse(value: str, where: Path | str | None = None, line: int | None = None) -> dt.datetime:
    """An embargo's moment from its text; one without a date, a time or an offset from UTC is a
    SourceError naming `where` and `line`."""
    text = value.strip()
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        moment = None
    if moment is None or moment.tzinfo is None or not _has_time(text):
        raise SourceError(
            f"embargo {value!r} is not a date and time with its offset from UTC, such as {EXAMPLE}",
            where,
            line,
        )
    return moment


def _has_time(text: str) -> bool:
    """Whether an ISO text gives a time of day, not a date alone."""
    return len(text) > 10 and text[10] in "Tt "


def find(root: etree._Element, where: Path | str | None = None) -> dt.datetime | None:
    """The page's embargo (the latest, if it gives several), or None."""
    moments = [
        parse(meta.get("content") or "", where, meta.sourceline)
        for meta in root.iter("meta")
        if (meta.get("name") or "").strip().lower() == META
    ]
    return max(moments) if moments else None


def shown(moment: dt.datetime) -> str:
    """A moment as people read it, in its own offset: `2026-12-10 09:00 +00:00`."""
    offset = moment.strftime("%z")
    return moment.strftime("%Y-%m-%d %H:%M") + (f" {offset[:3]}:{offset[3:]}" if offset else "")
