"""Skeletons: a page as literal HTML with slots, filled from a catalog without parsing it again.

As Okapi and po4a merge translations into a skeleton of the source rather than into a parsed
tree, a build makes each localised page from its skeleton: the page serialised once, decorated
for its language, with a marker where each run of translatable content and each translatable
attribute value goes, and for every unit the HTML pieces a translation of it can be made of
(its English, and the source's own tags for its placeholders). Filling a skeleton is string
work, so a rebuild after the catalogs changed does not parse, walk or serialise the page.

Translations are untrusted: their text is escaped as lxml escapes text, their tokens become
only the source's own tags (`placeholders.parse`), and markers are substituted only in the
skeleton's own pieces, never in a translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Callable

from lxml import etree

from ..errors import PlaceholderError, SkeletonError
from ..segment.document import TEXT_ONLY_TAGS, Document, Run
from ..segment.htmlio import PARSER, Page, element_html, respell_entities, serialize_text
from ..locales import TargetLocale
from ..segment.placeholders import TOKEN, Item, Placeholder, flat_text, parse, unescape
from ..catalogs.pofile import Entry
from ..segment.chinese import CJK
from .surround import Listing, listing_sources, make_listing, text_of

# Characters after or before which Chinese and Japanese need no space.
_CJK = re.compile(f"[{CJK}\u2e80-\u33ff]")
_SPACE = " \t\n\r\f"
# Private-use characters that open and close a marker; the first pair the page does not use.
_MARKER_PAIRS = [(chr(0xF0000 + 2 * i), chr(0xF0001 + 2 * i)) for i in range(8)]
# In a translation they are written as character references, so that none is ever a marker.
_MARKER_CHARS = re.compile("[\U000f0000-\U000f000f]")


@dataclass
class Outcome:
    """How one page came out: units translated, shown in English, and warnings."""

    translated: int = 0
    fallback: int = 0
    machine: int = 0  # fuzzy translations published (with --include-fuzzy)
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
    if _MARKER_CHARS.search(escaped):
        return _MARKER_CHARS.sub(lambda m: f"&#x{ord(m.group(0)):X};", escaped)
    return escaped


def _escape_untrusted(text: str) -> str:
    return _untrusted(escape_text(text))


def _edges(text: str) -> str:
    """The first and last characters of text that is not space ("" when there are none)."""
    text = text.strip(_SPACE)
    return text[0] + text[-1] if text else ""


def _start_tag(el: etree._Element) -> str:
    """The start tag lxml writes for an element (its content and end tag left out)."""
    empty = el.makeelement(el.tag, el.attrib)
    return element_html(empty)[:-len(f"</{el.tag}>")]


@dataclass
class Skeleton:
    """A page's HTML with markers, and what fills each marker.

    `runs[i]` is `[whole, text_only, gaps, segments, switches]`: gaps are `[html, blank]`,
    segments `[msgctxt, msgid, html, edges, placeholders]` with placeholders by name as
    `[True, start tag, end tag]` or `[False, html, edges]`, switches the numbers of the run's
    switches (none unless the run is all of a block's content).
    `attributes[j]` is `[msgctxt, msgid, value]`; `switches[k]` is `[name, value or None]`, the
    attribute a block whose units all stay English gets (`lang="en"`), and what it had.
    """

    parts: list[str]  # the page's HTML around its runs: runs[order[i]] goes after parts[i]
    order: list[int]
    marks: str  # the opening and closing marker characters of attribute, switch and listing markers
    runs: list[list[Any]]
    attributes: list[list[Any]]
    switches: list[list[Any]]
    machine: bool
    entities: list[tuple[int, str]]  # characters the source wrote as entity references
    # What the index reads: `[path, titles, standfirst, description, date]`, the titles and the
    # standfirst as numbers of the spans marked in the text, the description with any marker.
    listing: list[Any]

    def as_data(self) -> list[Any]:
        return [self.parts, self.order, self.marks, self.runs, self.attributes, self.switches, self.machine,
                self.entities, self.listing]

    @classmethod
    def from_data(cls, data: list[Any]) -> "Skeleton":
        return cls(*data)


def make(page: Page, path: str, document: Document | None, finish: Callable[[Page], None],
         locale: TargetLocale | None, machine: bool) -> Skeleton:
    """The skeleton of a page whose units are `document`'s (None: a page with no slots).

    `finish` decorates the tree for its language once the markers are in. The page's tree is
    changed: use a copy.
    """
    text = etree.tostring(page.tree, encoding="unicode")
    free = [(o, c) for o, c in _MARKER_PAIRS if o not in text and c not in text]
    if not free:
        raise SkeletonError("the page uses every private-use character from U+F0000 to U+F000F, which l10n needs")
    opening, closing = free[0]
    # An attribute value's marker stands for its quotes too: the value chooses its quotes.
    quoted = re.compile(f'"({opening}a[0-9]+{closing})"')
    runs: list[list[Any]] = []
    attributes: list[list[Any]] = []
    switches: list[list[Any]] = []
    if document is not None:
        attributes, switches, run_switches = _mark_attributes(document, locale, opening, closing)
        runs = _unquote_markers([_run_shape(run, k) for run, k in zip(document.runs, run_switches)], quoted, opening)
    # Read before the runs' content gives way to markers: a date may be inside a run.
    titles, standfirst, description, date = listing_sources(page.root)
    for i, run in enumerate(document.runs if document is not None else []):
        run.write([f"{opening}r{i}{closing}"])
    finish(page)
    spans = _mark_spans([*titles, *([standfirst] if standfirst is not None else [])], opening, closing)
    listed = [path, [spans[el] for el in titles], spans[standfirst] if standfirst is not None else None,
              description, date]
    html = serialize_text(page, respell=False)
    for k, (name, _) in enumerate(switches):  # the whole attribute is the slot: it may be dropped
        html = html.replace(f' {name}="{opening}s{k}{closing}"', f"{opening}s{k}{closing}", 1)
    pieces = re.split(f"{opening}r([0-9]+){closing}", quoted.sub(r"\1", html))
    return Skeleton(pieces[::2], [int(i) for i in pieces[1::2]], opening + closing, runs, attributes, switches,
                    machine, list(page.entities.items()), listed)


def _mark_attributes(document: Document, locale: TargetLocale | None, opening: str,
                     closing: str) -> tuple[list[list[Any]], list[list[Any]], list[list[int]]]:
    """Put markers in the attribute units' values, and in the `lang` of blocks that may stay English.

    Returns the attributes, the switches, and for each run the numbers of its switches.
    """
    attributes: list[list[Any]] = []
    for slot in document.slots:
        attributes.append([slot.unit.msgctxt, slot.unit.msgid, slot.element.get(slot.name)])
        slot.element.set(slot.name, f"{opening}a{len(attributes) - 1}{closing}")
    switches: list[list[Any]] = []
    run_switches: list[list[int]] = []
    names = ["lang"] + (["dir"] if locale is not None and locale.direction == "rtl" else [])
    for run in document.runs:
        run_switches.append([])
        if run.whole and run.parent.tag not in TEXT_ONLY_TAGS:
            for name in names:
                run_switches[-1].append(len(switches))
                switches.append([name, run.parent.get(name)])
                run.parent.set(name, f"{opening}s{len(switches) - 1}{closing}")
    return attributes, switches, run_switches


def _run_shape(run: Run, switches: list[int]) -> list[Any]:
    """A run's entry in `Skeleton.runs` (made once every attribute holds its marker)."""
    text_only = run.parent.tag in TEXT_ONLY_TAGS
    gaps = [[_pieces_html(gap), all(isinstance(i, str) and not i.strip(_SPACE) for i in gap)] for gap in run.gaps]
    segments = [[s.unit.msgctxt, s.unit.msgid, _pieces_html(s.items), _edges("".join(map(flat_text, s.items))),
                 {name: _placeholder(ph) for name, ph in s.unit.placeholders.items()}]
                for s in run.segments]
    return [run.whole, text_only, gaps, segments, switches]


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


def _unquote_markers(data: Any, quoted: re.Pattern[str], opening: str) -> Any:
    """Run data with each attribute value's marker standing for its quotes too."""
    if isinstance(data, str):
        return quoted.sub(r"\1", data) if opening in data else data
    if isinstance(data, list):
        return [_unquote_markers(d, quoted, opening) for d in data]
    if isinstance(data, dict):
        return {k: _unquote_markers(v, quoted, opening) for k, v in data.items()}
    return data


def _pieces_html(items: list[Item]) -> str:
    return "".join(escape_text(i) if isinstance(i, str) else element_html(i) for i in items)


def _placeholder(ph: Placeholder) -> list[Any]:
    if ph.paired:
        return [True, _start_tag(ph.element), f"</{ph.element.tag}>"]
    return [False, element_html(ph.element), _edges(flat_text(ph.element))]


def fill(skeleton: Skeleton, found: dict[tuple[str | None, str], Entry], locale: TargetLocale | None,
         source_language: str, catalog_name: str) -> tuple[str, Listing, Outcome]:
    """The page's HTML with every unit replaced by its translation, its listing, and how it came out."""
    outcome = Outcome()
    opening, closing = skeleton.marks[0], skeleton.marks[1]
    values: dict[str, str] = {}
    raw: dict[str, str] = {}  # attribute values as they are, for the listing
    for j, (msgctxt, msgid, value) in enumerate(skeleton.attributes):
        translation = found.get((msgctxt, msgid))
        if translation is None:
            outcome.fallback += 1
        else:
            value = translation.msgstr
            outcome.translated += 1
            outcome.machine += translation.fuzzy
        raw[f"a{j}"] = value
        values[f"a{j}"] = quoted_attribute(value) if translation is None else _untrusted(quoted_attribute(value))
    english_switches: set[int] = set()
    runs = [_fill_run(run, found, locale, source_language, catalog_name, outcome, english_switches)
            for run in skeleton.runs]
    for k, (name, value) in enumerate(skeleton.switches):
        if k in english_switches:
            value = source_language if name == "lang" else "ltr"
        values[f"s{k}"] = "" if value is None else f" {name}={quoted_attribute(value)}"
    parts = skeleton.parts
    html = "".join([parts[0], *(piece for i, part in zip(skeleton.order, parts[1:]) for piece in (runs[i], part))])
    # Attribute values and switches, also in the runs' pieces (inline elements have attributes too).
    marker = re.compile(f"{opening}([as][0-9]+){closing}")
    if values:
        html = marker.sub(lambda m: values[m.group(1)], html)
    path, titles, standfirst, description, date = skeleton.listing
    texts = []
    for n in range(len({*titles, standfirst} - {None})):
        start, end = f"{opening}t{n}{closing}", f"{opening}e{n}{closing}"
        begin = html.index(start)
        texts.append(_text(html[begin + len(start):html.index(end, begin)]))
        html = html.replace(start, "", 1).replace(end, "", 1)
    if description is not None:
        description = marker.sub(lambda m: raw[m.group(1)], description)
    entry = make_listing(path, [texts[t] for t in titles], texts[standfirst] if standfirst is not None else "",
                         description, date)
    return respell_entities(html, dict(skeleton.entities)), entry, outcome


def _text(fragment: str) -> str:
    """The whitespace-normalised text of an element's content, as `itertext` would give it."""
    if "<" not in fragment and "&" not in fragment:
        return text_of(fragment)
    root = etree.fromstring(f"<html><body><div>{fragment}</div></body></html>".encode("utf-8"), parser=PARSER)
    return text_of(root.find("body/div").itertext())


def _fill_run(run: list[Any], found: dict[tuple[str | None, str], Entry], locale: TargetLocale | None,
              source_language: str, catalog_name: str, outcome: Outcome, english_switches: set[int]) -> str:
    """The HTML of one run: each segment translated, or its English marked as such."""
    whole, text_only, gaps, segments, switches = run
    # Per segment: its HTML and edge characters, whether it stays English, whether it is machine-made.
    chosen: list[tuple[str, str, bool, bool]] = []
    changed = False  # some segment is not its own English, reviewed
    for msgctxt, msgid, html, edges, placeholders in segments:
        translation = found.get((msgctxt, msgid))
        if translation is not None and translation.msgstr != msgid:
            try:
                translated, translated_edges = _translation(translation.msgstr, placeholders)
                html, edges, changed = translated, translated_edges, True
            except PlaceholderError as e:
                outcome.warnings.append(f"{catalog_name}:{translation.line}: {e}; shown in English")
                translation = None
        if translation is None:
            outcome.fallback += 1
            chosen.append((html, edges, True, False))
            changed = True
            continue
        outcome.translated += 1
        outcome.machine += translation.fuzzy
        chosen.append((html, edges, False, translation.fuzzy))
        changed = changed or translation.fuzzy
    if not changed:
        return _source(gaps, segments)  # every translation equals its English
    if all(english for _, _, english, _ in chosen):
        english_switches.update(switches)
        if whole or text_only:
            return _source(gaps, segments)
    joins = locale is not None and locale.joins_sentences_without_spaces
    parts: list[str] = []
    previous = ""
    for i, (html, edges, english, machine) in enumerate(chosen):
        if machine and not text_only:
            html = f'<span data-l10n="machine">{html}</span>'
        elif english and not text_only:
            html = _fallback_open(source_language, locale) + html + "</span>"
        gap, blank = gaps[i]
        if i and joins and blank and (_CJK.match(previous[-1:] or " ") or _CJK.match(edges[:1] or " ")):
            gap = ""
        parts += (gap, html)
        previous = edges
    parts.append(gaps[-1][0])
    return "".join(parts)


def _source(gaps: list[list[Any]], segments: list[list[Any]]) -> str:
    parts = [gaps[0][0]]
    for (_, _, html, _, _), (gap, _) in zip(segments, gaps[1:]):
        parts += (html, gap)
    return "".join(parts)


def _fallback_open(source_language: str, locale: TargetLocale | None) -> str:
    extra = ' dir="ltr"' if locale is not None and locale.direction == "rtl" else ""
    return f'<span data-l10n="fallback" lang={quoted_attribute(source_language)}{extra}>'


def _translation(msgstr: str, placeholders: dict[str, list[Any]]) -> tuple[str, str]:
    """A msgstr as HTML and its edge characters; raises PlaceholderError on foreign tokens.

    One pass over the tokens, writing as it checks; on any problem `placeholders.parse` says
    what it is.
    """
    clean = _MARKER_CHARS.search(msgstr) is None
    if not placeholders and clean and not ("<" in msgstr or "&" in msgstr or ">" in msgstr):
        return msgstr, _edges(msgstr)  # plain text, the most common case: nothing to escape
    escape = escape_text if clean else _escape_untrusted
    if not placeholders and "<" not in msgstr:
        text = unescape(msgstr)
        return escape(text), _edges(text)
    out: list[str] = []
    flat: list[str] = []
    open_: list[str] = []
    seen: set[str] = set()
    pos = 0
    for match in TOKEN.finditer(msgstr):
        start = match.start()
        if start > pos:
            text = unescape(msgstr[pos:start])
            flat.append(text)
            out.append(escape(text))
        pos = match.end()
        closing, name, selfclosing = match.groups()
        shape = placeholders.get(name)
        if shape is None:
            break
        if closing:
            if not open_ or open_[-1] != name:
                break
            open_.pop()
            out.append(shape[2])
            continue
        if name in seen or shape[0] == bool(selfclosing):
            break
        seen.add(name)
        out.append(shape[1])
        if shape[0]:
            open_.append(name)
        else:
            flat.append(shape[2])  # a standalone element's edge characters
    else:
        if not open_ and len(seen) == len(placeholders):
            if pos < len(msgstr):
                text = unescape(msgstr[pos:])
                flat.append(text)
                out.append(escape(text))
            return "".join(out), _edges("".join(flat))
    parse(msgstr, {name: shape[0] for name, shape in placeholders.items()})  # raises, naming the problem
    raise PlaceholderError("placeholders do not match")  # not reached: parse found the problem
