"""An article before it is a page, and how the blocks of any source are shaped into one.

Every reader gives a `<div>` of blocks (headings, paragraphs, lists, tables, figures). `shape`
then finds the article in it by the same rules for every kind of source:

1. Lines a release carries above its headline are not the article: "For immediate release",
   "Press release", a date line (taken as the article's date), an embargo line ("EMBARGOED
   until 00:01 10 December", kept to be asked about: see `add`).
2. The headline is the first `<h1>` (Word's Title style, Markdown's `#`), else the first block
   when it is a heading or a short paragraph; in a text, the first line (`first_line`).
3. A block that repeats the headline is not a paragraph again.
4. The standfirst is a block marked so (Word's Subtitle style, `class="standfirst"`, Markdown's
   front matter), else a short paragraph (at most 200 characters, without links or images) right
   after the headline: in a text, any such line (`short_standfirst`); elsewhere one that does not
   end a sentence (a summary line, not the first paragraph's sentence) or is all bold or italic.
5. The article ends at "ENDS" (or `-ends-`, `###`) or at a "Notes to editors" heading: what
   follows is for journalists, not readers, and is left out.
6. For text scraped from a page (`trailing_site`), a block of the site's own at the end is left
   out: a short heading (at most 6 words, no closing punctuation) followed by at least two
   headline-like lines (5 words or more, none ending with `.`, `:`, `;` or `,`) to the end of the
   text, as a "related stories" list reads. Article paragraphs end with punctuation; teasers
   do not.
7. The remaining headings are shifted so that the highest is `<h2>` (the page has one `<h1>`).

What is left out is said, never dropped silently; `keep_all` keeps everything after the headline.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from babel.dates import parse_date
from lxml import etree

from ..errors import SourceError
from ..segment.htmlio import PARSER, carriable

# An image's src until the article has a name: the file it will be under the article's assets.
IMAGE = "l10n-image:"
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
STANDFIRST_CLASSES = frozenset(
    {"standfirst", "lead", "lede", "intro", "summary", "subtitle", "dek", "strapline", "subheadline", "deck"}
)
SHORT = 200  # characters: a standfirst, or a headline that is a paragraph
_MEDIA = ("img", "picture", "video", "audio", "iframe", "object", "embed", "svg", "canvas", "table", "hr", "math")
_RELEASE = re.compile(
    r"^\W*(?:for immediate release|(?:press|news|media) (?:release|notice|statement)|immediate release)\b\W*$", re.I
)
_EMBARGO = re.compile(r"^\W*(?:under\s+)?embargo(?:ed)?\b\s*(?:until|till|to|:|-|–|—|\(|$)", re.I)
_ENDS = re.compile(r"^\W*(?:ends|-+\s*ends\s*-+|#{3,}|end of (?:press )?release)\W*$", re.I)
_NOTES = re.compile(r"^\W*(?:notes?\s+(?:to|for)\s+(?:editors?|news\s*desks?)|editors'?\s*notes?)\W*$", re.I)
_DATE_LINE = re.compile(
    r"^\W*(?:(?:date|dated|published|issued|released?)\s*:?\s*)?"
    r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
    r"(\d{1,2}(?:st|nd|rd|th)?\s+[a-z]{3,9}\.?,?\s+\d{4}|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})\W*$",
    re.I,
)
_CLOSING = tuple(".!?…:;,")
_SENTENCE_END = tuple(".!?…")
_TEASER_ENDINGS = tuple(".:;,")


@dataclass
class Draft:
    """An article made from a source, before it is poured into a page."""

    source: str  # the source as shown to users
    title: str
    body: etree._Element  # a <div> of the article's blocks
    standfirst: str = ""
    date: dt.date | None = None
    embargo: dt.datetime | None = None
    embargo_line: str = ""  # the release's own embargo line ("EMBARGOED until …"), when it has one
    images: dict[str, bytes] = field(default_factory=dict)  # file name → bytes (see IMAGE)
    notes: list[str] = field(default_factory=list)  # what was left out, and why
    warnings: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        """Paragraphs (with text, outside tables and lists), images and tables of the body."""
        paragraphs = sum(
            1
            for p in self.body.iter("p")
            if text_of(p) and not any(a.tag in ("td", "th", "li") for a in p.iterancestors())
        )
        return {
            "paragraphs": paragraphs,
            "images": sum(1 for _ in self.body.iter("img")),
            "tables": sum(1 for _ in self.body.iter("table")),
        }


def fragment(html: str) -> etree._Element:
    """HTML of blocks as a `<div>` holding them."""
    root = etree.fromstring(f"<html><body><div>{carriable(html)}</div></body></html>".encode(), parser=PARSER)
    return root.find("body/div")


def text_of(el: etree._Element) -> str:
    """An element's text, whitespace-normalised (what a reader sees of it)."""
    return " ".join("".join(t for t in el.itertext() if isinstance(t, str)).split())


def drop(el: etree._Element) -> None:
    """Remove an element, keeping its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail
    previous = el.getprevious()
    parent.remove(el)
    if tail and tail.strip():
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail


def shape(
    body: etree._Element,
    source: str,
    *,
    headline: str = "",
    title: str = "",
    standfirst: str = "",
    date: dt.date | None = None,
    embargo: dt.datetime | None = None,
    images: dict[str, bytes] | None = None,
    warnings: list[str] | None = None,
    trailing_site: bool = False,
    first_line: bool = False,
    short_standfirst: bool = False,
    keep_all: bool = False,
) -> Draft:
    """The article in `body` (see the module's doc). `headline` is the source's own, found
    already (a page's `<h1>`); `title`, `standfirst` and `date` are its metadata, used when its
    text gives none."""
    draft = Draft(source, "", body, embargo=embargo, images=images or {}, warnings=warnings or [])
    _wrap_loose_text(body)
    blocks = _blocks(body)
    while blocks:  # what a release carries above its headline
        first, text = blocks[0], text_of(blocks[0])
        if first.tag not in ("p", *HEADINGS) or first.find(".//img") is not None:
            break
        if _EMBARGO.match(text) and len(text) <= SHORT:
            draft.embargo_line = draft.embargo_line or text
        elif (found := _date_line(text)) is not None:
            date = date or found
        elif not _RELEASE.match(text):
            break
        drop(blocks.pop(0))
    head = None if headline else next((b for b in blocks if b.tag == "h1"), None)
    if head is None and not headline and blocks and (first_line or _headline_like(blocks[0])):
        head = blocks[0]
    if head is not None:
        draft.title = text_of(head)
        blocks.remove(head)
        drop(head)
    draft.title = " ".join(headline.split()) or draft.title or " ".join(title.split())
    if not draft.title:
        raise SourceError(
            "no headline found: start the article with its headline (a heading, or its first line)", source
        )
    for block in list(blocks):
        if text_of(block).casefold() == draft.title.casefold():
            blocks.remove(block)
            drop(block)
    for block in list(blocks[:4]):  # an embargo line under the headline
        text = text_of(block)
        if block.tag in ("p", *HEADINGS) and _EMBARGO.match(text) and len(text) <= SHORT:
            draft.embargo_line = draft.embargo_line or text
            blocks.remove(block)
            drop(block)
    draft.standfirst = _standfirst(blocks, " ".join(standfirst.split()), short_standfirst)
    if not keep_all:
        _ends(blocks, draft)
        if trailing_site:
            _site_block(blocks, draft)
    _headings(body)
    for block in list(body):
        if isinstance(block.tag, str) and not text_of(block) and not _has_media(block):
            drop(block)
    draft.date = date
    return draft


def _blocks(body: etree._Element) -> list[etree._Element]:
    return [el for el in body if isinstance(el.tag, str)]


def _wrap_loose_text(body: etree._Element) -> None:
    """Text lying between the blocks (a fragment's loose lines) becomes paragraphs of its own."""
    if body.text and body.text.strip():
        p = body.makeelement("p", {})
        p.text = body.text.strip()
        body.insert(0, p)
    body.text = None
    for el in list(body):
        if el.tail and el.tail.strip():
            p = body.makeelement("p", {})
            p.text = el.tail.strip()
            el.addnext(p)
        el.tail = "\n"


def _headline_like(block: etree._Element) -> bool:
    """A block that can be a headline: a heading, or a short paragraph without images."""
    if block.tag in HEADINGS:
        return True
    text = text_of(block)
    return block.tag == "p" and 0 < len(text) <= SHORT and block.find(".//img") is None


def _date_line(text: str) -> dt.date | None:
    """The date a line states, when the line is only a date (`Date: 8 November 2017`)."""
    match = _DATE_LINE.match(text)
    if not match:
        return None
    value = re.sub(r"(?<=\d)(st|nd|rd|th)\b|[.,]", "", match.group(1), flags=re.I)
    try:
        return dt.date.fromisoformat(value) if "-" in value else _english_date(value)
    except ValueError:
        return None


def _english_date(value: str) -> dt.date:
    """`8 November 2017` or `November 8 2017`, as a date (a ValueError when it is none)."""
    for pattern in ("%d %B %Y", "%d %b %Y", "%B %d %Y", "%b %d %Y"):
        try:
            return dt.datetime.strptime(" ".join(value.split()), pattern).date()
        except ValueError:
            continue
    return parse_date(value, locale="en_GB")


def _standfirst(blocks: list[etree._Element], given: str, short: bool) -> str:
    """The standfirst's text, its block taken out of `blocks` and the body (see the module's doc)."""
    if given:
        for block in blocks[:3]:
            if text_of(block).casefold() == given.casefold():
                blocks.remove(block)
                drop(block)
                break
        return given
    marked = next(
        (b for b in blocks if STANDFIRST_CLASSES & set((b.get("class") or "").lower().split()) and text_of(b)), None
    )
    first = blocks[0] if blocks else None
    if marked is None and first is not None and first.tag == "p":
        text = text_of(first)
        if (
            len(text) <= SHORT
            and first.find(".//a") is None
            and first.find(".//img") is None
            and (short or not text.endswith(_SENTENCE_END) or _emphasised(first))
        ):
            marked = first
    if marked is None:
        return ""
    blocks.remove(marked)
    drop(marked)
    return text_of(marked)


def _emphasised(p: etree._Element) -> bool:
    """Whether a paragraph's text is all bold or italic (a standfirst as Word users write one)."""
    return (
        not (p.text or "").strip()
        and all(child.tag in ("strong", "b", "em", "i") and not (child.tail or "").strip() for child in p)
        and len(p) > 0
    )


def _ends(blocks: list[etree._Element], draft: Draft) -> None:
    """Leave out what follows "ENDS" or a "Notes to editors" heading."""
    for i, block in enumerate(blocks):
        text = text_of(block)
        if block.tag in ("p", *HEADINGS) and (_ENDS.match(text) or _NOTES.match(text)):
            cut = blocks[i:]
            lines = sum(1 for b in cut if text_of(b)) - bool(_ENDS.match(text))
            del blocks[i:]
            for b in cut:
                drop(b)
            if lines:
                draft.notes.append(
                    f"left out {lines} block{'s' * (lines != 1)} after “{text}” (for journalists, not readers); "
                    "--all-text keeps them"
                )
            return


def _site_block(blocks: list[etree._Element], draft: Draft) -> None:
    """Leave out a "related stories" block of the site at the end of a scraped text (rule 6)."""
    start = len(blocks)
    while start > 0 and _teaser(blocks[start - 1]):
        start -= 1
    if len(blocks) - start < 2 or start < 2 or not _heading_line(blocks[start - 1]):
        return  # no heading over the headlines, or nothing of the article before them
    cut = blocks[start - 1 :]
    del blocks[start - 1 :]
    heading = text_of(cut[0])
    for block in cut:
        drop(block)
    draft.notes.append(
        f"left out {len(cut)} lines at the end, read as the site's own (“{heading}” and {len(cut) - 1} "
        "headlines of other stories); --all-text keeps them"
    )


def _line(block: etree._Element) -> str | None:
    """A block's text when it is one short line of text (a paragraph without breaks or images)."""
    if block.tag not in ("p", *HEADINGS) or block.find(".//br") is not None or _has_media(block):
        return None
    text = text_of(block)
    return text if 0 < len(text) <= SHORT else None


def _heading_line(block: etree._Element) -> bool:
    text = _line(block)
    return text is not None and len(text.split()) <= 6 and not text.endswith(_CLOSING)


def _teaser(block: etree._Element) -> bool:
    """A line that reads as another story's headline: 5 words or more, no closing full stop, colon,
    semicolon or comma."""
    text = _line(block)
    return text is not None and len(text.split()) >= 5 and not text.endswith(_TEASER_ENDINGS)


def _headings(body: etree._Element) -> None:
    """Shift the headings so that the highest is <h2>."""
    found = [el for el in body.iter(*HEADINGS)]
    if not found:
        return
    shift = 2 - min(int(el.tag[1]) for el in found)
    for el in found:
        el.tag = f"h{min(6, int(el.tag[1]) + shift)}"


def _has_media(el: etree._Element) -> bool:
    return el.tag in _MEDIA or any(True for _ in el.iter(*_MEDIA))
