"""Structured data (JSON-LD): which strings of a `<script type="application/ld+json">` are the
article's text, and where they are in the script, so that a page can translate them in place and
leave every other byte of the JSON as it was.

Translated: an article's `headline`, `alternativeHeadline`, `description`, `articleBody` and
`name`, and the `caption` and `name` of its images. `inLanguage` of an article is set to the
page's language.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from .htmlio import MARKERS

ARTICLE_TYPES = frozenset(
    {
        "Article",
        "NewsArticle",
        "BlogPosting",
        "ReportageNewsArticle",
        "AnalysisNewsArticle",
        "OpinionNewsArticle",
        "ReviewNewsArticle",
        "BackgroundNewsArticle",
        "AskPublicNewsArticle",
        "Report",
        "ScholarlyArticle",
        "TechArticle",
        "SocialMediaPosting",
        "LiveBlogPosting",
        "WebPage",
        "Blog",
    }
)
ARTICLE_FIELDS = ("headline", "alternativeHeadline", "description", "articleBody", "name")
IMAGE_TYPES = frozenset({"ImageObject"})
IMAGE_FIELDS = ("caption", "name")
LANGUAGE_FIELD = "inLanguage"
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


class JsonString(NamedTuple):
    """A string value of the JSON: where its token is in the text (quotes included), and its value."""

    start: int
    end: int
    value: str
    key: str


@dataclass
class _Object:
    """An object being read: its type, its string fields, and where it opens."""

    opens: int
    strings: list[JsonString] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    images: list[_Object] = field(default_factory=list)


@dataclass
class Found:
    """What a script holds for translation: the strings, and for each article object where its
    `inLanguage` value is (a JsonString) or, when it has none, where its `{` is."""

    strings: list[JsonString]
    languages: list[JsonString | int]


@dataclass
class _Frame:
    """An object or array being read, and the key its next value belongs to (for an array: the
    key of the property that holds it)."""

    obj: _Object | None
    key: str | None = None


def find(text: str) -> Found | None:
    """The translatable strings of a JSON-LD script's text; None when it is not valid JSON.

    >>> found = find('{"@type": "NewsArticle", "headline": "Roads reopen", "author": {"name": "Li"}}')
    >>> [(s.key, s.value) for s in found.strings], found.languages
    ([('headline', 'Roads reopen')], [0])
    """
    try:
        json.loads(text)
    except (ValueError, RecursionError):  # not JSON, or nested deeper than Python reads
        return None
    found = Found([], [])
    frames: list[_Frame] = []
    expecting_key = False
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        top = frames[-1] if frames else None
        if token == "{":
            frames.append(_Frame(_Object(match.start())))
            expecting_key = True
        elif token == "[":
            frames.append(_Frame(None, top.key if top is not None and top.obj is not None else None))
            expecting_key = False
        elif token in "}]":
            done = frames.pop()
            if done.obj is not None:
                _close(done.obj, [f.obj for f in frames if f.obj is not None], found)
            expecting_key = False
        elif token == ",":
            expecting_key = top is not None and top.obj is not None
        elif token == ":":
            expecting_key = False
        elif token.startswith('"') and top is not None:
            value = json.loads(token)
            if expecting_key:
                top.key = value
            elif top.obj is not None and top.key == "@type":
                top.obj.types.append(value)
            elif top.obj is not None and top.key is not None:
                top.obj.strings.append(JsonString(match.start(), match.end(), value, top.key))
            elif top.obj is None and top.key == "@type" and len(frames) >= 2 and frames[-2].obj is not None:
                frames[-2].obj.types.append(value)  # "@type": ["NewsArticle", …]
    return found


def _close(done: _Object, holders: list[_Object], found: Found) -> None:
    """An object is read: keep its strings if it is an article or an image (an image's are kept
    with the article that holds it, or alone when no article holds it)."""
    parent = holders[-1] if holders else None
    if IMAGE_TYPES.intersection(done.types):
        if parent is not None:
            parent.images.append(done)
            return
        found.strings += [s for s in done.strings if s.key in IMAGE_FIELDS]
        return
    if ARTICLE_TYPES.intersection(done.types):
        found.strings += [s for s in done.strings if s.key in ARTICLE_FIELDS]
        language = next((s for s in done.strings if s.key == LANGUAGE_FIELD), None)
        found.languages.append(language if language is not None else done.opens)
        for image in done.images:
            found.strings += [s for s in image.strings if s.key in IMAGE_FIELDS]
    elif parent is not None:
        parent.images += done.images


def encode(value: object) -> str:
    """A value as JSON (a string as its token), safe inside a `<script>` element; the private-use
    characters pages are marked with (U+F0000…) written as escapes, so none is ever read as a mark.

    >>> print(encode({"zh-hans": "</script><script>alert(1)</script>"}))
    {"zh-hans": "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}
    """
    token = json.dumps(value, ensure_ascii=False)
    token = (
        token.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    if MARKERS.search(token):
        token = MARKERS.sub(lambda m: json.dumps(m.group(0)).strip('"'), token)
    return token
