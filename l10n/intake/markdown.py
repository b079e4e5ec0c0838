"""Markdown (.md) as blocks, through markdown-it-py: CommonMark, with tables and strikethrough.

Front matter (`---` lines around `key: value` lines at the top, as static site generators write
it) may give the `title`, `date`, `standfirst` (or `description`, `summary`), and `embargo`;
other keys are ignored. Images beside the file are taken into the article's assets.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from lxml import etree

from ..embargo import parse as parse_embargo
from ..errors import SourceError
from .draft import fragment

_FENCE = "---"
_FIELD = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_ALIASES = {"title": "title", "date": "date", "embargo": "embargo"} | dict.fromkeys(
    ("standfirst", "description", "summary", "subtitle"), "standfirst"
)


@dataclass
class FrontMatter:
    """What a Markdown file's front matter says of its article."""

    values: dict[str, str] = field(default_factory=dict)
    date: dt.date | None = None
    embargo: dt.datetime | None = None


def front_matter(text: str, shown: str) -> tuple[FrontMatter, str, int]:
    """The front matter, the Markdown after it, and the number of lines it took."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != _FENCE:
        return FrontMatter(), text, 0
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in (_FENCE, "...")), None)
    if end is None:
        return FrontMatter(), text, 0
    found = FrontMatter()
    for number, line in enumerate(lines[1:end], start=2):
        match = _FIELD.match(line)
        if not match or match.group(1).lower() not in _ALIASES:
            continue
        key, value = _ALIASES[match.group(1).lower()], match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if not value:
            continue
        if key == "date":
            try:
                found.date = dt.date.fromisoformat(value[:10])
            except ValueError:
                raise SourceError(f"date {value!r} is not a date such as 2026-03-14", shown, number) from None
        elif key == "embargo":
            found.embargo = parse_embargo(value, shown, number)
        else:
            found.values.setdefault(key, value)
    return found, "".join(lines[end + 1 :]), end + 1


def blocks(text: str) -> etree._Element:
    """The Markdown's blocks in a `<div>`."""
    from markdown_it import MarkdownIt  # here: only `l10n add` needs it

    return fragment(MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(text))
