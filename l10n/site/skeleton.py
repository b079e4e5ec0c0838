"""Skeletons: a page as literal HTML with slots, filled from a catalog without parsing it again.

As Okapi and po4a merge translations into a skeleton of the source rather than into a parsed
tree, a build makes each localised page from its skeleton: the page serialised once, decorated
for its language, with a marker where each run of translatable content and each translatable
attribute value goes, and for every unit the HTML pieces a translation of it can be made of
(its English, and the source's own tags for its placeholders). Filling a skeleton is string
work, so a rebuild after the catalogs changed does not parse, walk or serialise the page.

Translations are untrusted: their text is escaped as lxml escapes text, their tokens become
only the source's own tags (`placeholders.scan`), and markers are substituted only in the
skeleton's own pieces, never in a translation.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from lxml import etree

from ..catalogs.catalog import Key
from ..errors import PlaceholderError, SkeletonError
from ..language.chinese import NO_SPACE
from ..locales import TargetLocale
from ..segment import jsonld
from ..segment.document import TEXT_ONLY_TAGS, Document, Run
from ..segment.htmlio import MARKERS, PARSER, UNWRITABLE, Page, element_html, respell_entities, serialize_text
from ..segment.placeholders import (
    CLOSE,
    EMPTY,
    OPEN,
    TOKEN,
    Item,
    Placeholder,
    Token,
    flat_text,
    scan,
    unescape_literals,
)
from ..segment.scope import SITE
from . import texts as own_texts
from .dates import write_dates
from .surround import Listing, listing_sources, make_listing, text_of
from .texts import Message

# Characters after or before which Chinese and Japanese need no space; among them, Chinese
# characters, which want a space beside Western text (clreq: mixed text), where punctuation does not.
_CJK = re.compile(f"[{NO_SPACE}]")
_FULL_WIDTH_MARK = re.compile("[\u3000-\u303f\uff00-\uffef]")
# A translation's emphasis that holds only a title in book title marks: the marks are its style (clreq).
_BOOK_TITLE = re.compile(r"[ \t\n]*《[^《》]*》[ \t\n]*")
TITLE_ATTRIBUTE = "data-l10n-title"
_SPACE = " \t\n\r\f"
# Private-use characters that open and close a marker; the first pair the page does not use.
_MARKER_PAIRS = [(chr(0xF0000 + 2 * i), chr(0xF0001 + 2 * i)) for i in range(8)]


@dataclass
class Outcome:
    """How one page came out: units translated, shown in English, and warnings."""

    translated: int = 0
    fallback: int = 0
    machine: int = 0  # fuzzy translations published (with --include-fuzzy)
    missing: int = 0  # units whose English no catalog has: the English is newer than the catalogs
    warnings: list[str] = field(default_factory=list)


def escape_text(text: str) -> str:
    """Text as lxml's HTML serialiser writes it."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


# libxml2 copies `&{…}` (a JavaScript entity of old browsers) as it is, and escapes &, < and > elsewhere.
_ATTRIBUTE_ESCAPES = re.compile(r"&\{[^}]*\}|[&<>]")
_ATTRIBUTE_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def quoted_attribute(value: str) -> str:
    """An attribute value, quoted, as lxml's HTML serialiser writes it (libxml2's rules: `&{…}` kept;
    single quotes around a value with double quotes and no single ones)."""
    value = _ATTRIBUTE_ESCAPES.sub(lambda m: _ATTRIBUTE_ENTITY.get(m.group(0), m.group(0)), value)
    if '"' not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return '"' + value.replace('"', "&quot;") + '"'


def _untrusted(escaped: str) -> str:
    """Escaped translation text, with no character that could be read as a marker."""
    if MARKERS.search(escaped):
        return MARKERS.sub(lambda m: f"&#x{ord(m.group(0)):X};", escaped)
    return escaped


def _escape_untrusted(text: str) -> str:
    return _untrusted(escape_text(text))


def _edges(text: str) -> str:
    """The first and last characters of text that is not space ("" when there are none)."""
    text = text.strip(_SPACE)
    return text[0] + text[-1] if text else ""


def _start_tag(el: etree._Element) -> str:
    """The start tag lxml writes for an element (its content and end tag left out)."""
    try:
        empty = el.makeelement(el.tag, el.attrib)
    except ValueError:  # a name the parser took but lxml will not make (`<a0:li>`, `<p a"b=1>`)
        return _start_of(element_html(el))
    return element_html(empty)[: -len(f"</{el.tag}>")]


def _start_of(html: str) -> str:
    """The start tag at the head of an element's HTML: up to the first `>` outside a quoted
    attribute value (lxml quotes a value with `"`, or with `'` when it holds a `"`)."""
    quote = ""
    for i, char in enumerate(html):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char == ">":
            return html[: i + 1]
    return html


class Scoped(NamedTuple):
    """A page's translations by unit: its article catalog's, and its site catalog's."""

    article: dict[Key, Translation | None]
    site: dict[Key, Translation | None]

    def of(self, site: bool) -> dict[Key, Translation | None]:
        return self.site if site else self.article


class Translation(NamedTuple):
    """A unit's translation as a page uses it, and where it is (`catalog:line`, for warnings)."""

    msgstr: str
    fuzzy: bool
    where: str


class Tag(NamedTuple):
    """What a placeholder stands for in the page: for a paired one (`<a1>…</a1>`) the source's
    start and end tags; for a standalone one (`<br2/>`) the element's HTML and the first and last
    characters of its text."""

    paired: bool
    start: str  # paired: the start tag; standalone: the whole element
    end: str  # paired: the end tag; standalone: ""
    edges: str  # standalone: its text's first and last characters


class Gap(NamedTuple):
    """HTML between two segments of a run, kept as it is (`blank`: only whitespace)."""

    html: str
    blank: bool


class SegmentSlot(NamedTuple):
    """A unit inside a run: its key, its English as HTML (dates in the page's language: as a
    translation that is its English shows it) and edge characters, its placeholders, and its
    English as a page shows it when it has no translation, dates in English ("": as `html`)."""

    msgctxt: str | None
    msgid: str
    html: str
    edges: str
    tags: dict[str, Tag]
    site: bool = False  # a unit of the site around the article: translated by the site catalog
    english: str = ""


class RunSlot(NamedTuple):
    """A run of inline content: n + 1 gaps around n segments (see `document.Run`)."""

    whole: bool  # the run is all of its block's content
    text_only: bool  # its block can hold only text (title, option): no markup around English
    gaps: list[Gap]
    segments: list[SegmentSlot]
    switches: list[int]  # the numbers of its block's switches (none unless `whole`)


class AttributeSlot(NamedTuple):
    """A translatable attribute value: its units' keys (one, or one per sentence of a long
    description) and the text around them (one more gap than keys), and the source's value."""

    keys: list[Key]
    gaps: list[str]
    value: str
    site: bool = False  # an attribute of the site around the article: translated by the site catalog


class JsonSlot(NamedTuple):
    """A string of structured data: its sentences' text, units' keys, whether each translation is
    used as plain text, the text around them (one more gap than sentences), and the source's token."""

    texts: list[str]
    keys: list[Key]
    plain: list[bool]
    gaps: list[str]
    token: str


class TextSlot(NamedTuple):
    """Text the build adds to a page, filled from the catalogs as the page is: a message of its
    own (`message`: its key, l10n's wording for the page's language, its placeholders' values), or
    the text of page units shown somewhere else (an embed's title, in its placeholder)."""

    keys: list[Key]
    gaps: list[str]  # around the keys' texts (one more than keys); a message: ["", ""]
    english: str  # the message's msgid, or the units' English as the page has it
    default: str | None  # l10n's wording for the page's language (a message's)
    values: dict[str, str]  # what a message's placeholders stand for
    message: bool
    form: str  # written as HTML text ("text"), an attribute's value ("attribute") or a CSS string's text ("css")


class Marks:
    """The markers of a page being made into a skeleton, and the text the build adds to it: its
    own messages and the notices (see `Skeleton`), filled from the catalogs with the page."""

    def __init__(self, page: Page, locale: TargetLocale | None):
        text = etree.tostring(page.tree, encoding="unicode")
        free = [(o, c) for o, c in _MARKER_PAIRS if o not in text and c not in text]
        if not free:
            raise SkeletonError("the page uses every private-use character from U+F0000 to U+F000F, which l10n needs")
        self.opening, self.closing = free[0]
        self.locale = locale
        self.texts: list[TextSlot] = []
        self.notices: list[str] = []
        self.placeholders = 0  # embeds replaced by placeholders (their style is needed)

    def marker(self, name: str) -> str:
        return f"{self.opening}{name}{self.closing}"

    @property
    def notice(self) -> str:
        """Where the notices go ("" on a page with none)."""
        return self.marker("n") if self.notices else ""

    def message(self, message: Message, values: dict[str, str] | None = None, form: str = "text") -> str:
        """The marker of a message of the build's own, written as HTML text, or (`form`) as an
        attribute's value (in double quotes) or a CSS string's text."""
        slot = TextSlot([message.key], ["", ""], message.msgid, message.default(self.locale), values or {}, True, form)
        self.texts.append(slot)
        return self.marker(f"u{len(self.texts) - 1}")

    def units(self, keys: list[Key], gaps: list[str], english: str) -> str:
        """The marker of the text of page units (an attribute's: `keys` and `gaps` as its slot has
        them), translated as the attribute is, written as HTML text."""
        self.texts.append(TextSlot(list(keys), list(gaps), english, None, {}, False, "text"))
        return self.marker(f"u{len(self.texts) - 1}")


# Marks a block left all English on a translated page (beside its `lang`), as a span marks a sentence.
FALLBACK_BLOCK = 'data-l10n-fallback=""'


class Switch(NamedTuple):
    """An attribute of a block that becomes `lang="en"` (`dir="ltr"`) when all its units stay English
    (the `lang` one brings `FALLBACK_BLOCK` along)."""

    name: str
    value: str | None  # the block's own value, if any


class ListingSlot(NamedTuple):
    """What an index reads of the page: titles and standfirst as numbers of spans marked in the
    HTML, the meta description (with any attribute marker in it) and the date; and for each span
    the numbers of the runs inside it (a span whose runs all stay English is English)."""

    path: str
    titles: list[int]
    standfirst: int | None
    description: str | None
    date: str | None
    runs: list[list[int]]
    site: str | None = None  # the site's name the page gives (see `texts.site_name`)


@dataclass
class Skeleton:
    """A page's HTML with markers, and what fills each marker.

    The HTML is `parts` with `runs[order[i]]` after `parts[i]`; in it and in the runs' pieces,
    `marks[0]` + `a12` + `marks[1]` stands for attribute 12 (quotes included), `s3` for switch 3,
    `j2` for string 2 of structured data (its JSON token), `n` for the notices (`notices`: the
    machine-translation one, shown when a fuzzy translation is used, and the one shown when some
    text stays English), `u4` for text 4 the build adds (`texts`), and `t0`/`e0` open and close the
    listing's spans.
    """

    parts: list[str]
    order: list[int]
    marks: str
    runs: list[RunSlot]
    attributes: list[AttributeSlot]
    switches: list[Switch]
    notices: list[str]
    entities: list[tuple[int, str]]  # characters the source wrote as entity references
    listing: ListingSlot
    structured: list[JsonSlot]
    kept: list[Key]  # units English on purpose (the site's text, with site_text = "keep"): not counted as missing
    texts: list[TextSlot] = field(default_factory=list)

    def as_data(self) -> list[Any]:
        """The skeleton as JSON-ready lists (records become lists)."""
        return [
            self.parts,
            self.order,
            self.marks,
            self.runs,
            self.attributes,
            self.switches,
            self.notices,
            self.entities,
            self.listing,
            self.structured,
            self.kept,
            self.texts,
        ]

    @classmethod
    def from_data(cls, data: list[Any]) -> Skeleton:
        parts, order, marks, runs, attributes, switches, notices, entities, listing, structured, kept, texts = data
        return cls(
            parts,
            order,
            marks,
            [
                RunSlot(
                    whole,
                    text_only,
                    [Gap(*g) for g in gaps],
                    [
                        SegmentSlot(c, i, h, e, {n: Tag(*t) for n, t in tags.items()}, site, en)
                        for c, i, h, e, tags, site, en in segs
                    ],
                    sw,
                )
                for whole, text_only, gaps, segs, sw in runs
            ],
            [AttributeSlot([(c, i) for c, i in keys], gaps, value, site) for keys, gaps, value, site in attributes],
            [Switch(*w) for w in switches],
            notices,
            [(code, ref) for code, ref in entities],
            ListingSlot(*listing),
            [
                JsonSlot(texts, [(c, i) for c, i in keys], plain, gaps, token)
                for texts, keys, plain, gaps, token in structured
            ],
            [(c, i) for c, i in kept],
            [
                TextSlot([(c, i) for c, i in keys], gaps, english, default, values, message, form)
                for keys, gaps, english, default, values, message, form in texts
            ],
        )


def make(
    page: Page,
    path: str,
    document: Document | None,
    finish: Callable[[Page, Marks], None],
    locale: TargetLocale | None,
    marks: Marks | None = None,
    source_language: str = "en",
    keep_site: bool = False,
    dates: bool = False,
) -> Skeleton:
    """The skeleton of a page whose units are `document`'s (None: a page with no slots); with
    `keep_site`, the units of the site around the article stay English on purpose; with `dates`,
    dates are written in `locale`'s format, but in text that stays English (see `dates`).

    `marks` (made for the page before any text of the build's own went in; None: a page without
    any) hold the markers, the notices and the build's texts; `finish` decorates the tree for its
    language once the markers are in, and may add texts to `marks`. The page's tree is changed: use
    a copy.
    """
    marks = marks if marks is not None else Marks(page, None)
    opening, closing = marks.opening, marks.closing
    # An attribute value's marker stands for its quotes too: the value chooses its quotes.
    quoted = re.compile(f'"({opening}a[0-9]+{closing})"')

    def unquote(html: str) -> str:
        return quoted.sub(r"\1", html) if opening in html else html

    site = own_texts.site_name(page.root)
    runs: list[RunSlot] = []
    attributes: list[AttributeSlot] = []
    switches: list[Switch] = []
    structured: list[JsonSlot] = []
    if document is not None:
        if locale is not None:
            _relabel(document, source_language, locale.html_lang)
        attributes, switches, run_switches = _mark_attributes(document, locale, opening, closing)
        # A segment's English is taken before dates are written: English left on a page keeps its dates.
        english = [[unquote(_pieces_html(s.items)) for s in run.segments] for run in document.runs]
        if dates and locale is not None:
            write_dates(page.root, locale)
        runs = [_run_slot(run, k, html, unquote) for run, k, html in zip(document.runs, run_switches, english)]
        structured = _mark_structured(document, locale, opening, closing)
    elif dates and locale is not None:
        write_dates(page.root, locale)
    # Read before the runs' content gives way to markers: a date may be inside a run.
    titles, standfirst, description, date = listing_sources(page.root)
    for i, run in enumerate(document.runs if document is not None else []):
        run.write([f"{opening}r{i}{closing}"])
    finish(page, marks)
    spans = _mark_spans([*titles, *([standfirst] if standfirst is not None else [])], opening, closing)
    inside: list[list[int]] = [[] for _ in spans]
    for i, run in enumerate(document.runs if document is not None else []):
        for el in (run.parent, *run.parent.iterancestors()):
            if el in spans:
                inside[spans[el]].append(i)
    listing = ListingSlot(
        path,
        [spans[el] for el in titles],
        spans[standfirst] if standfirst is not None else None,
        description,
        date,
        inside,
        site[0] if site else None,
    )
    html = serialize_text(page, respell=False)
    if switches:  # the whole attribute is the slot: it may be dropped
        html = re.sub(f' (?:lang|dir)="({opening}s[0-9]+{closing})"', r"\1", html)
    pieces = re.split(f"{opening}r([0-9]+){closing}", unquote(html))
    kept = [u.key for u in document.units if u.scope == SITE] if document is not None and keep_site else []
    return Skeleton(
        pieces[::2],
        [int(i) for i in pieces[1::2]],
        opening + closing,
        runs,
        attributes,
        switches,
        marks.notices,
        list(page.entities.items()),
        listing,
        structured,
        list(dict.fromkeys(kept)),
        marks.texts,
    )


def _relabel(document: Document, source_language: str, lang: str) -> None:
    """Give the page's language to the elements around its units that say they are in the source
    language (Word's `<body lang=EN-GB>`): what stays English is marked so when it is filled."""
    holders = {el for run in document.runs for el in (run.parent, *run.parent.iterancestors())}
    holders |= {el for slot in document.slots for el in (slot.element, *slot.element.iterancestors())}
    for el in holders:
        for name in ("lang", "xml:lang"):
            value = el.get(name)
            if (
                value is not None
                and el.getparent() is not None
                and value.replace("_", "-").split("-")[0].lower() == source_language.lower()
            ):
                el.set(name, lang)


def _mark_structured(document: Document, locale: TargetLocale | None, opening: str, closing: str) -> list[JsonSlot]:
    """Put markers where the translatable strings of JSON-LD scripts are, and the page's language
    in their articles' `inLanguage` (added where there is none)."""
    structured: list[JsonSlot] = []
    for script in document.scripts:
        text = script.element.text or ""
        edits: list[tuple[int, int, str]] = []
        for value in script.values:
            edits.append((value.start, value.end, f"{opening}j{len(structured)}{closing}"))
            structured.append(JsonSlot(value.texts, value.keys, value.plain, value.gaps, text[value.start : value.end]))
        if locale is not None:
            tag = jsonld.encode(locale.html_lang)
            edits += [
                (at[0], at[1], tag) if isinstance(at, tuple) else (at + 1, at + 1, f'"inLanguage": {tag}, ')
                for at in script.languages
            ]
        pieces: list[str] = []
        at = 0
        for start, end, new in sorted(edits):
            pieces += (text[at:start], new)
            at = end
        script.element.text = "".join(pieces) + text[at:]
    return structured


def _mark_attributes(
    document: Document, locale: TargetLocale | None, opening: str, closing: str
) -> tuple[list[AttributeSlot], list[Switch], list[list[int]]]:
    """Put markers in the attribute units' values, and in the `lang` of blocks that may stay English.

    Returns the attributes, the switches, and for each run the numbers of its switches.
    """
    attributes: list[AttributeSlot] = []
    for slot in document.slots:
        site = any(u.scope == SITE for u in slot.units)
        attributes.append(AttributeSlot([u.key for u in slot.units], slot.gaps, slot.element.get(slot.name), site))
        slot.element.set(slot.name, f"{opening}a{len(attributes) - 1}{closing}")
    switches: list[Switch] = []
    run_switches: list[list[int]] = []
    names = ["lang"] + (["dir"] if locale is not None and locale.direction == "rtl" else [])
    for run in document.runs:
        run_switches.append([])
        if run.whole and run.parent.tag not in TEXT_ONLY_TAGS:
            for name in names:
                run_switches[-1].append(len(switches))
                switches.append(Switch(name, run.parent.get(name)))
                run.parent.set(name, f"{opening}s{len(switches) - 1}{closing}")
    return attributes, switches, run_switches


def _run_slot(run: Run, switches: list[int], english: list[str], unquote: Callable[[str], str]) -> RunSlot:
    """A run's slot (made once every attribute holds its marker), its segments' English given."""
    gaps = [
        Gap(unquote(_pieces_html(gap)), all(isinstance(i, str) and not i.strip(_SPACE) for i in gap))
        for gap in run.gaps
    ]
    segments = []
    for segment, english_html in zip(run.segments, english):
        html = unquote(_pieces_html(segment.items))
        segments.append(
            SegmentSlot(
                segment.unit.msgctxt,
                segment.unit.msgid,
                html,
                _edges("".join(map(flat_text, segment.items))),
                {name: _tag(ph, unquote) for name, ph in segment.unit.placeholders.items()},
                segment.unit.scope == SITE,
                english_html if english_html != html else "",
            )
        )
    return RunSlot(run.whole, run.parent.tag in TEXT_ONLY_TAGS, gaps, segments, switches)


def _mark_spans(elements: list[etree._Element], opening: str, closing: str) -> dict[etree._Element, int]:
    """Mark where each element's content starts and ends, for the listing; their numbers."""
    spans: dict[etree._Element, int] = {}
    for el in dict.fromkeys(elements):
        n = spans[el] = len(spans)
        el.text = f"{opening}t{n}{closing}" + (el.text or "")
        end = f"{opening}e{n}{closing}"
        if len(el):
            el[-1].tail = (el[-1].tail or "") + end
        else:
            el.text += end
    return spans


def _pieces_html(items: list[Item]) -> str:
    return "".join(escape_text(i) if isinstance(i, str) else element_html(i) for i in items)


def _tag(ph: Placeholder, unquote: Callable[[str], str]) -> Tag:
    if ph.paired:
        return Tag(True, unquote(_start_tag(ph.element)), f"</{ph.element.tag}>", "")
    return Tag(False, unquote(element_html(ph.element)), "", _edges(flat_text(ph.element)))


def fill(
    skeleton: Skeleton,
    found: dict[Key, Translation | None],
    locale: TargetLocale | None,
    source_language: str,
    site: dict[Key, Translation | None] | None = None,
) -> tuple[str, Listing, Outcome]:
    """The page's HTML with every unit replaced by its translation, its listing, and how it came out.

    `found` has every entry of the article's catalog: its usable translation, or None; `site`
    those of the site catalog, for the units of the site around the article (None: `found` has
    those too). Each text takes its own catalog's translation, whatever the English: the site's
    "Home" (首页) and an article's table cell "Home" (住宅) each keep theirs. Structured data is
    the article's: it takes the article's translation, else the site's.
    """
    outcome = Outcome()
    kept = frozenset(skeleton.kept)
    scoped = Scoped(found, found if site is None else site)
    if found or site:
        keys = [(s.site, (s.msgctxt, s.msgid)) for run in skeleton.runs for s in run.segments]
        keys += [(attribute.site, k) for attribute in skeleton.attributes for k in attribute.keys]
        outcome.missing = sum(k not in scoped.of(site) and k not in kept for site, k in keys)
        outcome.missing += sum(
            k not in found and k not in scoped.site and k not in kept for s in skeleton.structured for k in s.keys
        )
    opening, closing = skeleton.marks[0], skeleton.marks[1]
    values: dict[str, str] = {}
    raw: dict[str, str] = {}  # attribute values as they are, for the listing
    untranslated: set[str] = set()  # attributes left as they are, for want of translations
    for j, slot in enumerate(skeleton.attributes):
        value = _fill_attribute(slot, scoped.of(slot.site), locale, outcome, kept)
        raw[f"a{j}"] = slot.value if value is None else value
        if value is None:
            untranslated.add(f"a{j}")
        values[f"a{j}"] = quoted_attribute(slot.value) if value is None else _untrusted(quoted_attribute(value))
    english_switches: set[int] = set()
    filled = [_fill_run(run, scoped, locale, source_language, outcome, english_switches, kept) for run in skeleton.runs]
    runs = [html for html, _ in filled]
    for k, (name, own) in enumerate(skeleton.switches):
        mark = ""
        if k in english_switches:
            own, mark = (source_language, f" {FALLBACK_BLOCK}") if name == "lang" else ("ltr", "")
        values[f"s{k}"] = ("" if own is None else f" {name}={quoted_attribute(own)}") + mark
    for k, string in enumerate(skeleton.structured):
        values[f"j{k}"] = _fill_structured(string, scoped, locale, outcome)
    for k, text in enumerate(skeleton.texts):
        values[f"u{k}"] = _fill_text(text, scoped, locale, source_language, outcome, kept)
    marker = re.compile(f"{opening}([asju][0-9]+|n){closing}")
    if skeleton.notices:
        machine, english = (marker.sub(lambda m: values[m.group(1)], notice) for notice in skeleton.notices)
        values["n"] = (machine if outcome.machine else "") + (english if outcome.fallback else "")
    parts = skeleton.parts
    html = "".join([parts[0], *(piece for i, part in zip(skeleton.order, parts[1:]) for piece in (runs[i], part))])
    # Attribute values, switches, texts and the notice, also in the runs' pieces (inline elements
    # have attributes too).
    if values:
        html = marker.sub(lambda m: values[m.group(1)], html)
    path, titles, standfirst, description, date, inside, site_name = skeleton.listing
    localised = bool(skeleton.notices)  # else every unit is English on purpose
    texts: list[tuple[str, bool]] = []
    for n, numbers in enumerate(inside):
        start, end = f"{opening}t{n}{closing}", f"{opening}e{n}{closing}"
        begin = html.index(start)
        stays_english = localised and bool(numbers) and all(filled[i][1] for i in numbers)
        texts.append((_text(html[begin + len(start) : html.index(end, begin)]), stays_english))
        html = html.replace(start, "", 1).replace(end, "", 1)
    slots = [m.group(1) for m in marker.finditer(description or "")]
    english_description = localised and bool(slots) and all(slot in untranslated for slot in slots)
    if description is not None:
        description = marker.sub(lambda m: raw[m.group(1)], description)
    entry = make_listing(
        path,
        [texts[t] for t in titles],
        texts[standfirst] if standfirst is not None else ("", False),
        (description, english_description),
        date,
        source_language,
        site_name,
    )
    return respell_entities(html, dict(skeleton.entities)), entry, outcome


def _fill_text(
    slot: TextSlot,
    scoped: Scoped,
    locale: TargetLocale | None,
    source_language: str,
    outcome: Outcome,
    kept: frozenset[Key],
) -> str:
    """A text the build adds, as HTML text or CSS string text: a message's reviewed translation
    (the site catalog's: the build's own texts are the site's), else l10n's wording, else its English
    (marked so); page units' translation (the article's, else the site's), else their English."""
    lang = None
    if slot.message:
        msgid = slot.english
        translation = scoped.site.get(slot.keys[0])
        text = None
        if translation is not None and not translation.fuzzy:
            try:
                text = own_texts.fill_text(msgid, translation.msgstr, slot.values)
            except PlaceholderError as e:
                outcome.warnings.append(f"{translation.where}: {e}; l10n's own wording shown")
        if text is None:
            text = own_texts.fill_text(msgid, slot.default, slot.values)
            lang = None if slot.default is not None else source_language
    else:
        units = {key: scoped.article[key] if key in scoped.article else scoped.site.get(key) for key in slot.keys}
        value = _fill_attribute(AttributeSlot(slot.keys, slot.gaps, slot.english), units, locale, outcome, kept)
        text, lang = (slot.english, source_language) if value is None else (value, None)
    if slot.form == "css":
        return _css_string(text)
    escaped = _escape_untrusted(text)
    if slot.form == "attribute":
        return escaped.replace('"', "&quot;")
    return f"<span lang={quoted_attribute(lang)}>{escaped}</span>" if lang and locale is not None else escaped


def _css_string(text: str) -> str:
    """Text as the inside of a CSS string: quotes, backslashes, line breaks and `<` escaped (no
    `</style>` can end the style element), and nothing that could be a marker."""
    return "".join(f"\\{ord(c):x} " if c in "\\\"'<>\n\r\f" or MARKERS.match(c) else c for c in text)


def _fill_attribute(
    slot: AttributeSlot,
    found: dict[Key, Translation | None],
    locale: TargetLocale | None,
    outcome: Outcome,
    kept: frozenset[Key],
) -> str | None:
    """An attribute's translated value (sentences without a translation stay English), or None
    when none of its units has one."""
    translations = [_usable(found.get(key), outcome, key[1]) for key in slot.keys]
    outcome.fallback += sum(t is None and key not in kept for key, t in zip(slot.keys, translations))
    if all(t is None for t in translations):
        return None
    _count(translations, outcome)
    texts = [unescape_literals(msgid if t is None else t.msgstr) for (_, msgid), t in zip(slot.keys, translations)]
    if None not in translations and texts == [unescape_literals(msgid) for _, msgid in slot.keys]:
        return slot.value  # every translation is its English: the source's value, as it was
    return _join(texts, slot.gaps, locale)


def _fill_structured(slot: JsonSlot, scoped: Scoped, locale: TargetLocale | None, outcome: Outcome) -> str:
    """A string of structured data as a JSON token: its sentences translated (as text: markup
    dropped), or its source token when none is."""
    article = scoped.article
    translations = [
        _usable(article[key] if key in article else scoped.site.get(key), outcome, key[1]) for key in slot.keys
    ]
    if all(t is None for t in translations):
        return slot.token
    _count(translations, outcome)
    texts = [
        text if t is None else _plain(t.msgstr) if plain else unescape_literals(t.msgstr)
        for text, t, plain in zip(slot.texts, translations, slot.plain)
    ]
    if texts == slot.texts:
        return slot.token  # every translation is its English: the source's token, as it was
    return jsonld.encode(_join(texts, slot.gaps, locale))


def _usable(translation: Translation | None, outcome: Outcome, english: str) -> Translation | None:
    """The translation, or None (and a warning) when it holds a character no page can carry,
    or one of the private-use characters l10n marks pages with that its `english` does not have."""
    if translation is None:
        return None
    if bad := UNWRITABLE.search(translation.msgstr):
        what = "a control character or noncharacter no page can carry"
    elif (bad := MARKERS.search(translation.msgstr)) and bad.group(0) not in english:
        what = "a private-use character l10n uses to mark pages"
    else:
        return translation
    outcome.warnings.append(
        f"{translation.where}: the translation holds U+{ord(bad.group(0)):04X}, {what}; shown in English"
    )
    return None


def _plain(msgstr: str) -> str:
    """A translation's text without its placeholders."""
    return unescape_literals(TOKEN.sub("", msgstr))


def _count(translations: list[Translation | None], outcome: Outcome) -> None:
    for translation in translations:
        if translation is not None:
            outcome.translated += 1
            outcome.machine += translation.fuzzy


def _join(texts: list[str], gaps: list[str], locale: TargetLocale | None) -> str:
    """Sentences with the gaps around them; none between Chinese or Japanese sentences."""
    joins = locale is not None and locale.joins_sentences_without_spaces
    parts = [gaps[0]]
    previous = ""
    for text, gap in zip(texts, gaps[1:]):
        if joins and len(parts) > 1 and not parts[-1].strip() and _cjk_meet(previous, text):
            parts[-1] = ""
        parts += (text, gap)
        previous = text
    return "".join(parts)


def _cjk_meet(before: str, after: str) -> bool:
    """Whether no space goes between text ending `before` and text beginning `after`: none
    between Chinese (or Japanese) sentences, nor beside full-width punctuation, which has its own;
    a Chinese character beside Western text keeps its space (clreq, mixed text:
    `国际舞台。Plus, … business. 此次访问`)."""
    last, first = before[-1:] or " ", after[:1] or " "
    if _CJK.match(last) and _CJK.match(first):
        return True
    return bool(_FULL_WIDTH_MARK.match(last) or _FULL_WIDTH_MARK.match(first))


def _text(fragment: str) -> str:
    """The whitespace-normalised text of an element's content, as `itertext` would give it."""
    if "<" not in fragment and "&" not in fragment:
        return text_of(fragment)
    root = etree.fromstring(f"<html><body><div>{fragment}</div></body></html>".encode(), parser=PARSER)
    return text_of(root.find("body/div").itertext())


def _fill_run(
    run: RunSlot,
    scoped: Scoped,
    locale: TargetLocale | None,
    source_language: str,
    outcome: Outcome,
    english_switches: set[int],
    kept: frozenset[Key],
) -> tuple[str, bool]:
    """The HTML of one run: each segment translated, or its English marked as such; and whether
    every segment stays English for want of a translation."""
    # Per segment: its HTML and edge characters, whether it stays English, whether it is machine-made.
    chosen: list[tuple[str, str, bool, bool]] = []
    changed = False  # some segment is not its own English, reviewed
    for segment in run.segments:
        html, edges = segment.english or segment.html, segment.edges
        translation = _usable(scoped.of(segment.site).get((segment.msgctxt, segment.msgid)), outcome, segment.msgid)
        if translation is not None and translation.msgstr != segment.msgid:
            try:
                html, edges = _translation(translation.msgstr, segment.tags)
                changed = True
            except PlaceholderError as e:
                outcome.warnings.append(f"{translation.where}: {e}; shown in English")
                translation = None
        if translation is None:
            outcome.fallback += (segment.msgctxt, segment.msgid) not in kept
            chosen.append((html, edges, True, False))
            changed = True
            continue
        outcome.translated += 1
        outcome.machine += translation.fuzzy
        chosen.append((html, edges, False, translation.fuzzy))
        changed = changed or translation.fuzzy
    if not changed:
        return _source(run), False  # every translation equals its English
    all_english = all(english for _, _, english, _ in chosen)
    if all_english:
        english_switches.update(run.switches)
        if run.whole or run.text_only:
            return _source(run, english=True), True
    joins = locale is not None and locale.joins_sentences_without_spaces
    parts: list[str] = []
    previous = ""
    for i, (html, edges, english, machine) in enumerate(chosen):
        if machine and not run.text_only:
            html = f'<span data-l10n="machine">{html}</span>'
        elif english and not run.text_only:
            html = _fallback_open(source_language, locale) + html + "</span>"
        gap = run.gaps[i].html
        if i and joins and run.gaps[i].blank and _cjk_meet(previous, edges):
            gap = ""
        parts += (gap, html)
        previous = edges
    parts.append(run.gaps[-1].html)
    return "".join(parts), all_english


def _source(run: RunSlot, english: bool = False) -> str:
    """A run as its English: as translations that are their English show it, or (`english`) as
    it shows without translations (dates in English)."""
    parts = [run.gaps[0].html]
    for segment, gap in zip(run.segments, run.gaps[1:]):
        parts += ((english and segment.english) or segment.html, gap.html)
    return "".join(parts)


def _fallback_open(source_language: str, locale: TargetLocale | None) -> str:
    extra = ' dir="ltr"' if locale is not None and locale.direction == "rtl" else ""
    return f'<span data-l10n="fallback" lang={quoted_attribute(source_language)}{extra}>'


def _translation(msgstr: str, tags: dict[str, Tag]) -> tuple[str, str]:
    """A msgstr as HTML and its edge characters; raises PlaceholderError on foreign tokens.

    Its text is escaped; its tokens (read by `placeholders.scan`) become the source's own tags.
    """
    clean = MARKERS.search(msgstr) is None
    if not tags and clean and not ("<" in msgstr or "&" in msgstr or ">" in msgstr):
        return msgstr, _edges(msgstr)  # plain text, the most common case: nothing to escape
    escape = escape_text if clean else _escape_untrusted
    out: list[str] = []
    flat: list[str] = []
    pieces: list[str | Token] = (
        scan(msgstr, {name: tag.paired for name, tag in tags.items()}) if tags or "<" in msgstr else [msgstr]
    )
    for at, piece in enumerate(pieces):
        if isinstance(piece, str):
            text = unescape_literals(piece)
            flat.append(text)
            out.append(escape(text))
            continue
        tag = tags[piece.name]
        if piece.kind == CLOSE:
            out.append(tag.end)
        elif piece.kind == OPEN and tag.end == "</em>" and _book_title(pieces, at):
            out.append(f'{tag.start[:-1]} {TITLE_ATTRIBUTE}="">')  # the marks are the title's style: no dots
        else:
            out.append(tag.start)
            if piece.kind == EMPTY:
                flat.append(tag.edges)  # a standalone element's edge characters
    return "".join(out), _edges("".join(flat))


def _book_title(pieces: list[str | Token], at: int) -> bool:
    """Whether the placeholder opened at `pieces[at]` holds only a title in book title marks (《…》)."""
    opened = pieces[at]
    inside: list[str] = []
    for piece in pieces[at + 1 :]:
        if not isinstance(piece, str):
            return (
                isinstance(opened, Token)
                and piece.kind == CLOSE
                and piece.name == opened.name
                and bool(_BOOK_TITLE.fullmatch(unescape_literals("".join(inside))))
            )
        inside.append(piece)
    return False
