"""Plain text (.txt), the shape press releases are sent in, as blocks.

The first line is the headline (see `draft`: lines a release carries above it aside). Blank
lines separate blocks; in the first two, each short line is a block of its own ("headline" and
"standfirst" are often sent on consecutive lines). A block whose lines all start with a
bullet (`-`, `*`, `•`) is a bulleted list, one whose lines all start with a number (`1.`, `2)`) a
numbered list; an indented line continues the item above it. Any other block is a paragraph: its
lines are joined with spaces when it was wrapped (every line but the last at least 50
characters), else each line is kept apart (`<br>`), as an address is. The text must be UTF-8
(with or without a byte-order mark) or UTF-16 with a byte-order mark.
"""

from __future__ import annotations

import codecs
import re

from lxml import etree

from ..errors import SourceError
from ..segment.htmlio import carriable

_BULLET = re.compile(r"^\s*[-*•‣◦▪–]\s+(.*)$")
_NUMBER = re.compile(r"^\s*\d{1,3}[.)]\s+(.*)$")
_SPACES = re.compile(r"[ \t\f\v]+")
_WRAPPED = 50  # characters: a line at least this long followed by another was wrapped
_HEAD = 2  # blocks at the top whose short lines are blocks of their own: "headline\nstandfirst"


def decode(data: bytes, shown: str) -> str:
    """The text of a file; bytes that are not UTF-8 are an error naming the line."""
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(name)
            except UnicodeDecodeError:
                raise SourceError(f"cannot decode the text as {name}", shown) from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise SourceError(
            f"cannot decode byte 0x{data[e.start]:02x} as UTF-8: save the file as UTF-8", shown, line
        ) from None


def blocks(text: str) -> etree._Element:
    """The text's blocks in a `<div>`: paragraphs and lists."""
    groups: list[list[tuple[str, str]]] = [[]]
    for original in re.split(r"\r\n|\r|\n|\u2028|\u2029", carriable(text.replace("\t", " "))):
        line = _SPACES.sub(" ", original).strip()  # a no-break space inside a line stays: the author meant it
        if line:
            groups[-1].append((line, original))
        elif groups[-1]:
            groups.append([])
    groups = [g for g in groups if g]
    body = etree.Element("div")
    for number, group in enumerate(groups):
        if number < _HEAD and not _wrapped(group) and not _items(group):
            for line, _ in group:  # the headline and the lines around it: each its own block
                etree.SubElement(body, "p").text = line
        else:
            _block(body, group)
    return body


def _wrapped(group: list[tuple[str, str]]) -> bool:
    """Whether a block's lines are one paragraph, wrapped: every line but the last is long."""
    return len(group) > 1 and all(len(line) >= _WRAPPED for line, _ in group[:-1])


def _items(group: list[tuple[str, str]]) -> bool:
    return bool(_BULLET.match(group[0][1]) or _NUMBER.match(group[0][1]))


def _block(body: etree._Element, group: list[tuple[str, str]]) -> None:
    """One block: a list when its first line starts as an item and every line is an item or
    continues one, else a paragraph."""
    for pattern, tag in ((_BULLET, "ul"), (_NUMBER, "ol")):
        items: list[str] = []
        for line, original in group:
            match = pattern.match(original)
            if match:
                items.append(_SPACES.sub(" ", match.group(1)).strip())
            elif items and original[:1].isspace():
                items[-1] += " " + line
            else:
                break
        else:
            if items:
                listing = etree.SubElement(body, tag)
                for item in items:
                    etree.SubElement(listing, "li").text = item
                return
    p = etree.SubElement(body, "p")
    texts = [line for line, _ in group]
    if len(texts) == 1 or _wrapped(group):
        p.text = " ".join(texts)
        return
    p.text = texts[0]
    for line in texts[1:]:
        etree.SubElement(p, "br").tail = line
