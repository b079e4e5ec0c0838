"""Text that is not for translation: it stays in the page as it is and never reaches a catalog.

A whole unit is left alone when it has no letters (figures, digit dates, prices, symbols such as
`✕` or `45`), or is a web or e-mail address, a file name, an identifier (`kebab-case-words`,
`snake_case`, `camelCase`) or template code (`{{…}}`, `{%…%}`, `<%…%>`). A number inside a
sentence is of course translated with its sentence. Icon fonts draw a glyph for a word written in
an element (`<i class="material-icons">arrow_forward_ios</i>`): such elements are kept whole, as
is a `<time>` showing its date in English (`8 November 2017`): the build writes it in the page's
language.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import NamedTuple

from babel.dates import format_date
from lxml import etree

LETTER = re.compile(r"[^\W\d_]")  # a letter of any script
_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|mailto:\S+|[\w.%+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|uk|io|co|info|biz|int|eu|de|fr|cn)(?:/\S*)?", re.I)
_FILE = re.compile(
    r"[\w~()\[\] .,+-]*\w\.(?:jpe?g|png|gif|webp|svg|avif|bmp|tiff?|ico|pdf|docx?|xlsx?|pptx?|odt|ods|"
    r"csv|txt|rtf|zip|gz|mp[34]|m4[av]|mov|avi|webm|wav|ogg|html?|php|aspx?|jsp|js|css|json|xml)",
    re.I,
)
_IDENTIFIER = re.compile(
    r"[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}|[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+"
    r"|[a-z]+(?:[A-Z][a-z0-9]*)+[a-z0-9]*"
)
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|<%.*?%>|\$\{.*?\}", re.S)
_TOKEN_SPACES = re.compile(r"<(/?)[A-Za-z][A-Za-z-]*[0-9]+/?>|\s+")
# Classes of elements whose text an icon font draws as a glyph.
_ICON_CLASS = re.compile(
    r"(?:^|\s)(?:material-(?:icons|symbols)[\w-]*|glyphicon[\w-]*|fa[srlbd]?|fa-[\w-]+|"
    r"bi|bi-[\w-]+|icon|icons|[\w-]*-icon|icon-[\w-]+|ms-Icon[\w-]*)(?:\s|$)"
)


def for_translation(msgid: str) -> bool:
    """Whether a unit's text (a msgid) is language to translate, not a figure, address or code.

    >>> [for_translation(t) for t in ("45", "✕", "£3,000.00", "12/05/2024", "arrow_forward_ios",
    ...                               "www.example.org", "IMG_1234.jpg", "{{isCollapsed ? 'Expand' : 'Collapse'}}")]
    [False, False, False, False, False, False, False, False]
    >>> [for_translation(t) for t in ("Home", "A5", "Read <a1>more</a1>", "e-mail", "COVID-19 rules")]
    [True, True, True, True, True]
    """
    text = _TOKEN_SPACES.sub(" ", msgid).strip() if "<" in msgid else msgid.strip()
    if not LETTER.search(text):
        return False
    if ("{" in text or "<%" in text) and _TEMPLATE.search(text) and not LETTER.search(_TEMPLATE.sub("", text)):
        return False
    if len(text.split(None, 1)) > 1:
        return True
    return not (
        _ADDRESS.fullmatch(text) or _DOMAIN.fullmatch(text) or _FILE.fullmatch(text) or _IDENTIFIER.fullmatch(text)
    )


def is_icon(el: etree._Element) -> bool:
    """An element an icon font draws: an icon class, and as text at most one identifier-like word."""
    classes = el.get("class")
    if not classes or not _ICON_CLASS.search(classes):
        return False
    text = "".join(el.itertext()).strip()
    return not text or (" " not in text and len(text) <= 40 and not text[:1].isupper())


class WrittenDate(NamedTuple):
    """A date as a `<time>` element shows it: the day, and the style it is written in (a Babel
    date width such as `long`, a skeleton such as `MMMMd` for a date without its year, or `iso`)."""

    day: date
    style: str


_ISO_DATE = re.compile(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.+-]*Z?)?\s*")
# Ways of writing a date in English (besides Babel's widths in British and American English), by style.
_PATTERNS = {
    "full": ("EEEE d MMMM yyyy", "EEEE MMMM d yyyy"),
    "short": ("d/M/yyyy", "dd/MM/yyyy"),
    "MMMMd": ("d MMMM", "MMMM d"),
    "MMMd": ("d MMM", "MMM d"),
    "MMMMEEEEd": ("EEEE d MMMM", "EEEE MMMM d"),
    "iso": ("yyyy-MM-dd",),
}
# Ordinal endings, and words and punctuation that say nothing of the date ("the 8th of November").
_ORDINAL = re.compile(r"(?<=\d)(?:st|nd|rd|th)\b")
_FILLER = re.compile(r"\b(?:the|of)\b|[,.\s]+")


def written_date(el: etree._Element) -> WrittenDate | None:
    """The date a `<time datetime>` shows when its text is one of the usual ways of writing its
    `datetime`'s date in English (`8 November 2017`, `Wednesday 8th November`, `08/11/2017`):
    the page can write it in any language. None for other times (a time of day, a duration,
    "yesterday"), whose words are translated.

    >>> el = etree.fromstring('<time datetime="2017-11-08T10:00Z">Wednesday, 8th of November 2017</time>')
    >>> written_date(el)
    WrittenDate(day=datetime.date(2017, 11, 8), style='full')
    >>> written_date(etree.fromstring('<time datetime="2017-11-08">last Wednesday</time>')) is None
    True
    """
    match = _ISO_DATE.fullmatch(el.get("datetime") or "")
    if match is None:
        return None
    try:
        day = date(*map(int, match.groups()))
    except ValueError:
        return None
    style = _english_dates(day).get(_plain_date("".join(el.itertext())))
    return WrittenDate(day, style) if style else None


def _plain_date(text: str) -> str:
    return " ".join(_FILLER.sub(" ", _ORDINAL.sub("", text.lower())).split())


@lru_cache(maxsize=256)
def _english_dates(day: date) -> dict[str, str]:
    """The usual English ways of writing a day (as `_plain_date` leaves them), and their styles."""
    found: dict[str, str] = {}
    for locale in ("en_GB", "en_US"):
        for width in ("full", "long", "medium", "short"):
            found.setdefault(_plain_date(format_date(day, width, locale=locale)), width)
        for style, patterns in _PATTERNS.items():
            for pattern in patterns:
                found.setdefault(_plain_date(format_date(day, pattern, locale=locale)), style)
    return found
