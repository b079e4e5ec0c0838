"""An HTML page (a file, or the live page at an address) or an HTML fragment as blocks.

In a whole page the article is found by the segmenter's own scope rules (`segment.scope`: the
project's `content` selectors, else schema.org `articleBody`, a single `<article>`, `<main>`…),
and the site's furniture inside it (breadcrumbs, share buttons, related stories) is left out.
Its headline is its `<h1>` (else `og:title`, else `<title>`), its standfirst an element of class
`standfirst` (or `lead`, `intro`, `summary`…), its date the first `<time datetime>` in the
article (else `article:published_time`); the line that shows the date ("Published 8 November
2017") is the site's page's to show. A fragment (no `<html>` or `<body>`) is the article whole.

Links of a live page are made absolute, and those into the site the articles come from
(`source_url`) root-relative, as the site's own pages write them, so the build leads them to the
published page or the original.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit, urlunsplit

from lxml import etree

from ..embargo import find as find_embargo
from ..errors import SourceError
from ..segment.htmlio import decode, parse_html
from ..segment.scope import Scope
from .draft import STANDFIRST_CLASSES, drop, fragment, text_of

_WHOLE_PAGE = re.compile(r"<(?:html|body|head)\b", re.I)
_NOT_CONTENT = ("script", "noscript", "style", "template", "link", "meta", "base")
_DATE_LINE = 80  # characters: a block holding the date and no more than this is the page's date line
_LINK_ATTRIBUTES = ("href", "src", "poster", "cite", "data")
_WRAPPERS = ("div", "section", "article", "main")


@dataclass
class Found:
    """What a page says of its article besides its blocks."""

    title: str = ""
    standfirst: str = ""
    date: dt.date | None = None
    embargo: dt.datetime | None = None


def read(data: bytes, shown: str, content: tuple[str, ...], charset: str | None = None) -> tuple[etree._Element, Found]:
    """The article's blocks in a `<div>`, and what the page says of it."""
    if charset:
        try:
            text = data.decode(charset).removeprefix("\ufeff")
        except (LookupError, UnicodeDecodeError):
            text = decode(data, shown)
    else:
        text = decode(data, shown)
    if not text.strip():
        raise SourceError("the page is empty", shown)
    if not _WHOLE_PAGE.search(text):
        return fragment(text), Found()
    root = parse_html(text, shown).root
    found = Found(embargo=find_embargo(root, shown))
    scope = Scope(root, content)
    body = root.find("body")
    roots = [body if body is not None and scope.whole else r for r in scope.roots]
    inside = {el for r in roots for el in r.iter()}
    for el in scope.furniture:
        if el in inside:
            drop(el)
    for r in roots:
        for el in list(r.iter(*_NOT_CONTENT)):
            drop(el)
    found.title = _headline(root, roots)
    found.standfirst = _standfirst(roots)
    found.date = _date(root, roots)
    blocks = etree.Element("div")
    for r in roots:
        if r.tag in _WRAPPERS or r is body:
            if r.text and r.text.strip():
                etree.SubElement(blocks, "p").text = r.text.strip()
            for child in list(r):
                blocks.append(child)
        else:
            blocks.append(r)
    _unwrap(blocks)
    return blocks, found


def absolute_links(body: etree._Element, address: str, source_url: str | None) -> None:
    """Links of a page read at `address` made absolute; those into `source_url`'s site root-relative."""
    home = urlsplit(source_url) if source_url else None
    for el in body.iter():
        if not isinstance(el.tag, str):
            continue
        for name in _LINK_ATTRIBUTES:
            value = (el.get(name) or "").strip()
            if not value or value.startswith(("#", "mailto:", "tel:", "data:")):
                continue
            try:
                parts = urlsplit(urljoin(address, value))
            except ValueError:
                continue
            if home is not None and (parts.scheme, parts.netloc) == (home.scheme, home.netloc):
                el.set(name, urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))
            else:
                el.set(name, urlunsplit(parts))


def _headline(root: etree._Element, roots: list[etree._Element]) -> str:
    """The article's headline, its `<h1>` taken out of the page."""
    h1 = next((h for r in roots for h in r.iter("h1") if text_of(h)), None)
    if h1 is None:
        h1 = next((h for h in root.iter("h1") if text_of(h)), None)
        if h1 is not None:
            return text_of(h1)  # outside the article: the page keeps it
    if h1 is not None:
        title = text_of(h1)
        drop(h1)
        return title
    og = next((m.get("content") for m in root.iter("meta") if m.get("property") == "og:title"), None)
    if og and og.strip():
        return " ".join(og.split())
    return text_of(root.find(".//title")) if root.find(".//title") is not None else ""


def _standfirst(roots: list[etree._Element]) -> str:
    """The standfirst, its element taken out of the article."""
    for r in roots:
        for el in r.iter():
            if isinstance(el.tag, str) and STANDFIRST_CLASSES & set((el.get("class") or "").lower().split()):
                text = text_of(el)
                if text:
                    drop(el)
                    return text
    return ""


def _date(root: etree._Element, roots: list[etree._Element]) -> dt.date | None:
    """The article's date; the short line showing it in the article is taken out."""
    for r in roots:
        for time in r.iter("time"):
            value = (time.get("datetime") or "").strip()
            try:
                date = dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
            line = next((a for a in time.iterancestors() if a.tag in ("p", "div", "span", "dd", "li")), None)
            if line is not None and line is not r and len(text_of(line)) <= _DATE_LINE:
                drop(line)
            else:
                drop(time)
            return date
    for meta in root.iter("meta"):
        if meta.get("property") == "article:published_time":
            try:
                return dt.date.fromisoformat((meta.get("content") or "").strip()[:10])
            except ValueError:
                return None
    return None


def _unwrap(blocks: etree._Element) -> None:
    """A lone wrapper (`<div class="body">` around every block) gives way to its blocks."""
    while len(blocks) == 1 and blocks[0].tag in _WRAPPERS and not (blocks.text or "").strip():
        wrapper = blocks[0]
        blocks.remove(wrapper)
        if wrapper.text and wrapper.text.strip():
            etree.SubElement(blocks, "p").text = wrapper.text.strip()
        for child in list(wrapper):
            blocks.append(child)
