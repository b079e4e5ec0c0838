"""The document model shared by extraction and build.

A page is parsed once into a `Document`: its translatable `Unit`s, each tied to where it lives
in the tree — a `Segment` of a `Run` (inline content of a block, split into sentences) or an
`AttributeSlot` (alt, title, meta description…). Extraction reads the units; the build's
skeletons put their markers where the same runs and slots are, so both always agree on what a
unit is.
"""

from __future__ import annotations

import copy
import re
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lxml import etree

from . import jsonld
from .htmlio import RAW_TEXT_TAGS, Page, read_html
from .placeholders import (
    OBJECT,
    OPAQUE_TAGS,
    TOKEN,
    VOID_TAGS,
    Item,
    Opaque,
    Placeholder,
    escape_literals,
    flat_text,
    has_text,
    is_markup,
    plain_msgid,
    render,
    unescape_literals,
)
from .placeholders import (
    SPACES as _SPACES,
)
from .scope import ARTICLE, Scope
from .sentences import split_sentences
from .verbatim import LETTER, for_translation, is_icon, written_date

INLINE_TAGS = (
    frozenset(
        {
            "a",
            "abbr",
            "acronym",
            "b",
            "bdi",
            "bdo",
            "big",
            "br",
            "cite",
            "code",
            "data",
            "del",
            "dfn",
            "em",
            "font",
            "i",
            "img",
            "ins",
            "kbd",
            "mark",
            "nobr",
            "q",
            "rp",
            "rt",
            "ruby",
            "s",
            "samp",
            "small",
            "span",
            "strike",
            "strong",
            "sub",
            "sup",
            "time",
            "tt",
            "u",
            "var",
            "wbr",
        }
    )
    | OPAQUE_TAGS
    | (VOID_TAGS - {"hr", "area", "col", "param", "source", "track"})
)
# Every other element of HTML: an element not named here or above (a custom element such as
# `<hl-trusted-source>`) is inline when all it holds is inline.
KNOWN_TAGS = (
    frozenset(
        {
            "address",
            "applet",
            "area",
            "article",
            "aside",
            "base",
            "basefont",
            "blockquote",
            "body",
            "button",
            "caption",
            "center",
            "col",
            "colgroup",
            "dd",
            "details",
            "dialog",
            "dir",
            "div",
            "dl",
            "dt",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "frame",
            "frameset",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "head",
            "header",
            "hgroup",
            "hr",
            "html",
            "label",
            "legend",
            "li",
            "link",
            "main",
            "map",
            "menu",
            "meta",
            "nav",
            "noframes",
            "ol",
            "optgroup",
            "option",
            "p",
            "param",
            "pre",
            "search",
            "section",
            "summary",
            "table",
            "tbody",
            "td",
            "tfoot",
            "th",
            "thead",
            "title",
            "tr",
            "ul",
            "listing",
            "xmp",
            "plaintext",
            "noembed",
            "marquee",
            "slot",
        }
    )
    | INLINE_TAGS
)
# Meta contents split into sentences like paragraphs (descriptions can run to many sentences).
_SENTENCE_METAS = frozenset({"description", "og:description", "twitter:description"})
# A sentence end followed by more text: the cheap test before splitting an inline element's text.
_TERMINATOR = re.compile(r"[.?!…][”’\"')\]]*\s+\S")
_ENDS_SENTENCE = re.compile(r"[.?!…][”’\"')\]]*\s*$")
# Never looked into, for text or attributes.
_SEALED_TAGS = frozenset({"script", "style", "template", "svg", "math"})
# Their text is not prose (or is raw text: markup shown as it is); attributes and translate="yes" islands inside
# still count.
_VERBATIM_TAGS = (
    frozenset({"pre", "code", "kbd", "samp", "textarea", "object", "video", "audio", "canvas"}) | RAW_TEXT_TAGS
)
# Elements that can only hold text, so an English fallback cannot be wrapped in a <span>.
TEXT_ONLY_TAGS = frozenset({"title", "option", "textarea"})

_TRANSLATABLE_ATTRIBUTES = ("title", "aria-label", "aria-description", "aria-roledescription")
_META_CONTENT = frozenset(
    {
        "description",
        "og:title",
        "og:description",
        "og:site_name",
        "og:image:alt",
        "twitter:title",
        "twitter:description",
        "twitter:image:alt",
    }
)
_BUTTON_INPUTS = frozenset({"submit", "button", "reset"})
_SPACE_CHARS = " \t\n\r\f"
_BLANK = _SPACE_CHARS + OBJECT
CONTEXT_ATTRIBUTE = "data-l10n-context"
# Elements a build adds carry data-l10n; only those wrapping source text hold units.
BUILD_ATTRIBUTE = "data-l10n"
_BUILT_CONTENT = frozenset({None, "fallback", "machine"})
# Every attribute that can hold a unit (see `_Walker.attributes`).
_ATTRIBUTE_NAMES = frozenset({*_TRANSLATABLE_ATTRIBUTES, "alt", "placeholder", "value", "label", "content"})


@dataclass(slots=True)
class Unit:
    """One translatable string: a sentence, a whole block, or an attribute value."""

    msgid: str
    msgctxt: str | None
    line: int
    element: str  # "p.standfirst", "img@alt"
    parent: etree._Element = field(repr=False, compare=False)  # the element whose content or attribute it is
    placeholders: dict[str, Placeholder] = field(default_factory=dict)
    scope: str = ARTICLE  # "article", or "site": the page furniture around the article

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def context(self) -> str:
        """Where the unit is: `body > main > article > p.standfirst`, `… > img@alt`."""
        above = [describe(el) for el in self.parent.iterancestors() if el.tag != "html"]
        return " > ".join([*reversed(above), self.element])

    def comment_lines(self) -> list[str]:
        """The extracted comment: the element, then what each placeholder stands for."""
        return [self.element, *(ph.describe() for ph in self.placeholders.values())]


@dataclass(slots=True)
class Segment:
    """A unit inside a run, with the run items it was made of."""

    unit: Unit
    items: list[Item]


@dataclass(slots=True)
class Run:
    """The inline content of an element between its block children: segments and the gaps around them.

    There is one more gap than segments: gaps[i] comes before segments[i], the last gap after
    the last segment. Gaps (space between sentences, edge line breaks, comments) are kept as
    they are; segments are what gets translated.
    """

    parent: etree._Element
    lead: etree._Element | None  # block sibling whose tail opens the run; None: parent.text
    nodes: list[etree._Element]
    gaps: list[list[Item]]
    segments: list[Segment]
    whole: bool  # the run is all of the parent's content

    def write(self, items: list[Item]) -> None:
        """Replace the run's content in the tree with `items` (placed by their neighbours, not by
        index: finding the n-th child of an element takes n steps)."""
        parent = self.parent
        for node in self.nodes:
            if node.getparent() is parent:  # the build may have moved it already
                parent.remove(node)
        lead_text: list[str] = []
        new_nodes: list[etree._Element] = []
        for item in items:
            if isinstance(item, str):
                if new_nodes:
                    new_nodes[-1].tail = (new_nodes[-1].tail or "") + item
                else:
                    lead_text.append(item)
            else:
                item.tail = None
                new_nodes.append(item)
        text = "".join(lead_text) or None
        if self.lead is None:
            parent.text = text
        else:
            self.lead.tail = text
        before = self.lead
        for node in new_nodes:
            if before is None:
                parent.insert(0, node)
            else:
                before.addnext(node)
            before = node
        self.nodes = new_nodes


@dataclass
class AttributeSlot:
    """A translatable attribute value: one unit, or (a long description) one per sentence.

    There is one more gap than units: gaps[i] comes before units[i].
    """

    element: etree._Element
    name: str
    units: list[Unit]
    gaps: list[str]


@dataclass
class JsonValue:
    """A string of structured data (JSON-LD): where its token is in its script, and its sentences
    (their text, the key of the unit each is translated as, and whether that unit's translation is
    to be used as plain text: a sentence the page also shows with markup)."""

    start: int
    end: int
    texts: list[str]
    keys: list[tuple[str | None, str]]
    plain: list[bool]
    gaps: list[str]


@dataclass
class ScriptSlot:
    """A JSON-LD script: its translatable strings, and each article's `inLanguage` (its token's
    span, or the offset after the `{` where one is to be added)."""

    element: etree._Element
    values: list[JsonValue]
    languages: list[tuple[int, int] | int]


@dataclass
class Document:
    """A parsed page and its units in document order."""

    path: Path
    page: Page
    runs: list[Run]
    slots: list[AttributeSlot]
    units: list[Unit]
    warnings: list[str] = field(default_factory=list)
    scripts: list[ScriptSlot] = field(default_factory=list)
    scope: Scope | None = None

    @classmethod
    def load(cls, path: Path, mode: str = "sentence", content: tuple[str, ...] = ()) -> Document:
        return cls.from_page(path, read_html(path), mode, content)

    @classmethod
    def from_page(cls, path: Path, page: Page, mode: str = "sentence", content: tuple[str, ...] = ()) -> Document:
        """The units of a page; `content` selects the article (see `scope`)."""
        warnings: list[str] = []
        scope = Scope(page.root, content, warnings.append)
        walker = _Walker(mode, scope)
        walker.walk(page.root, True, None, scope.mark(page.root, scope.outside))
        scripts = [slot for el in walker.scripts if (slot := walker.structured(el)) is not None]
        return cls(path, page, walker.runs, walker.slots, walker.units, warnings, scripts, scope)

    def copy(self) -> Document:
        """The same units on a copy of the page's tree: a second language's page from one
        segmentation (every element the units hold is mapped to its copy; the scope is left out)."""
        page = self.page.copy()
        memo: dict[int, Any] = {id(self.page): page, id(self.page.tree): page.tree, id(self.scope): None}
        originals = list(self.page.tree.iter())  # kept alive: their ids are the memo's keys
        for original, copied in zip(originals, page.tree.iter()):
            memo[id(original)] = copied
        return copy.deepcopy(self, memo)

    def explain_scope(self) -> list[str]:
        """Which element was taken as the article and why, and which blocks went to the site."""
        if self.scope is None:
            return []
        return self.scope.explain(lambda el: f"{describe(el)} (line {el.sourceline})")


def describe(el: etree._Element) -> str:
    """`p.standfirst`, `nav#main`: tag, id and classes."""
    out = el.tag
    if el.get("id"):
        out += "#" + el.get("id")
    for cls in (el.get("class") or "").split():
        out += "." + cls
    return out


def is_translatable(el: etree._Element) -> bool:
    """Whether an element's text is for translation, as the nearest `translate` attribute or
    `notranslate` class on it or above it says."""
    for node in (el, *el.iterancestors()):
        if node.get("translate") is not None or "notranslate" in (node.get("class") or "").split():
            return _translatable(node, True)
    return True


def _translatable(el: etree._Element, inherited: bool) -> bool:
    value = el.get("translate")
    if value is not None:
        return value.strip().lower() != "no"
    classes = el.get("class")
    if classes and "notranslate" in classes and "notranslate" in classes.split():
        return False
    return inherited


def _is_inline(el: etree._Element) -> bool:
    """Comments, and inline (or unknown, custom) elements with nothing but such elements inside,
    unless they hold several sentences (a paragraph wrapped whole in a `<span>`): those are
    segmented inside, like a block."""
    tag = el.tag
    if not isinstance(tag, str):
        return True
    if tag not in INLINE_TAGS and tag in KNOWN_TAGS:
        return False
    if len(el) and not all(
        not isinstance(t, str) or t in INLINE_TAGS or t not in KNOWN_TAGS for t in (d.tag for d in el.iterdescendants())
    ):
        return False
    return tag in OPAQUE_TAGS or tag in VOID_TAGS or not _holds_sentences(el)


def _holds_sentences(el: etree._Element) -> bool:
    """Whether an inline element holds sentences of its own: more than one, and it stands
    between sentences of its block (`<p>Before. <b>One. Two.</b> After.</p>`), not inside one
    (`<p>Read the <a>report. It is long</a> and detailed.</p>` stays one unit)."""
    text = el.text or "" if not len(el) else flat_text(el)
    if not _TERMINATOR.search(text) or not _translatable(el, True) or len(split_sentences(text)) < 2:
        return False
    previous = el.getprevious()
    before = (el.getparent().text if previous is None else previous.tail) or ""
    if before.strip():
        starts = bool(_ENDS_SENTENCE.search(before))
    else:
        starts = (
            previous is None
            or not isinstance(previous.tag, str)
            or previous.tag == "br"
            or bool(_ENDS_SENTENCE.search(flat_text(previous)))
        )
    ends = bool(_ENDS_SENTENCE.search(text)) or (not (el.tail or "").strip() and el.getnext() is None)
    return starts and ends


def _opens_run(text: str | None, nodes: list[etree._Element]) -> bool:
    """Whether a run of these nodes after this text can hold anything to translate."""
    return bool(nodes) or bool(text and not text.isspace())


class _Walker:
    """Finds the units of a tree; one instance per document.

    Hot path: every element of every page passes through `walk`, so attributes are looked at
    only when an element has any (`keys()`), and runs of plain text skip the inline machinery.
    """

    def __init__(self, mode: str, scope: Scope):
        self.mode = mode
        self.scope = scope
        self.runs: list[Run] = []
        self.slots: list[AttributeSlot] = []
        self.units: list[Unit] = []
        self.scripts: list[etree._Element] = []  # JSON-LD, read once the page's units are known

    def walk(self, el: etree._Element, translatable: bool, msgctxt: str | None, scope: str) -> None:
        """The units of an element and what it holds; `scope` is the scope of its parent."""
        tag = el.tag
        if not isinstance(tag, str) or tag in _SEALED_TAGS:
            return
        scope = self.scope.mark(el, scope)
        keys = el.keys()
        if keys:
            if BUILD_ATTRIBUTE in keys and el.get(BUILD_ATTRIBUTE) not in _BUILT_CONTENT:
                return
            translatable = _translatable(el, translatable)
            msgctxt = el.get(CONTEXT_ATTRIBUTE, msgctxt)
            if translatable and not _ATTRIBUTE_NAMES.isdisjoint(keys):
                self.attributes(el, tag, msgctxt, scope)
        if not translatable or tag in _VERBATIM_TAGS:
            for child in el:
                self.walk(child, translatable, msgctxt, scope)
            return
        lead: etree._Element | None = None
        nodes: list[etree._Element] = []
        for child in el:
            if child.tag == "script" and (child.get("type") or "").lower() == "application/ld+json":
                self.scripts.append(child)
            if _is_inline(child):
                nodes.append(child)
                continue
            if _opens_run(el.text if lead is None else lead.tail, nodes):
                self.run(el, lead, nodes, msgctxt, scope, whole=False)
            self.walk(child, translatable, msgctxt, scope)
            lead, nodes = child, []
        if _opens_run(el.text if lead is None else lead.tail, nodes):
            self.run(el, lead, nodes, msgctxt, scope, whole=lead is None)

    def attributes(self, el: etree._Element, tag: str, msgctxt: str | None, scope: str) -> None:
        names = [a for a in _TRANSLATABLE_ATTRIBUTES if el.get(a)]
        if tag in ("img", "area") or (tag == "input" and el.get("type") == "image"):
            names.insert(0, "alt")
        if tag in ("input", "textarea"):
            names.append("placeholder")
        if tag == "input" and (el.get("type") or "").lower() in _BUTTON_INPUTS:
            names.append("value")
        if tag in ("track", "option", "optgroup"):
            names.append("label")
        if tag == "meta" and (el.get("name") or el.get("property") or "").lower() in _META_CONTENT:
            names.append("content")
        sentences = tag == "meta" and (el.get("name") or el.get("property") or "").lower() in _SENTENCE_METAS
        for name in names:
            value = _SPACES.sub(" ", el.get(name) or "").strip(" ")
            if not value:
                continue
            gaps, cores = _text_pieces(value, self.mode) if sentences and name == "content" else ([[], []], [[value]])
            kept = [i for i, core in enumerate(cores) if for_translation(core[0])]
            if not kept:
                continue
            units = [
                Unit(  # text shaped like a token is escaped, as in element text: a token is always a placeholder
                    escape_literals(cores[i][0]), msgctxt, el.sourceline or 0, f"{describe(el)}@{name}", el, scope=scope
                )
                for i in kept
            ]
            texts = ["".join(g) for g in gaps]
            joined = [texts[0]]
            for i, core in enumerate(cores):  # a core not for translation joins the gaps around it
                if i in kept:
                    joined.append(texts[i + 1])
                else:
                    joined[-1] += core[0] + texts[i + 1]
            self.slots.append(AttributeSlot(el, name, units, joined))
            self.units += units

    def structured(self, el: etree._Element) -> ScriptSlot | None:
        """The slot of a JSON-LD script. A sentence the page shows too is translated as the page's
        unit (as plain text when the page has markup in it); others are units of their own."""
        found = jsonld.find(el.text or "")
        if found is None or not (found.strings or found.languages):
            return None
        known = {u.key for u in self.units}
        plain = {_plain_text(u.msgid): u.key for u in self.units if u.msgctxt is None and u.placeholders}
        values = []
        for string in found.strings:
            gaps, cores = _text_pieces(_SPACES.sub(" ", string.value).strip(" "), self.mode)
            value = JsonValue(string.start, string.end, [], [], [], ["".join(gaps[0])])
            for core, gap in zip(cores, gaps[1:]):
                text = core[0]
                msgid = plain_msgid(text)
                if not for_translation(msgid):
                    value.gaps[-1] += text + "".join(gap)
                    continue
                key: tuple[str | None, str] = (None, msgid)
                if key not in known and text in plain:
                    key = plain[text]
                elif key not in known:
                    self.units.append(Unit(msgid, None, el.sourceline or 0, f"script@{string.key}", el))
                    known.add(key)
                value.texts.append(text)
                value.keys.append(key)
                value.plain.append(key[1] != msgid)
                value.gaps.append("".join(gap))
            if value.keys:
                values.append(value)
        languages: list[tuple[int, int] | int] = [
            (x.start, x.end) if isinstance(x, jsonld.JsonString) else x for x in found.languages
        ]
        return ScriptSlot(el, values, languages) if values or languages else None

    def inline(self, el: etree._Element, msgctxt: str | None, scope: str, opaque: set[etree._Element]) -> None:
        """Attribute units of an inline element and its descendants; collect those marked translate="no"."""
        tag = el.tag
        if not isinstance(tag, str) or tag in _SEALED_TAGS:
            return
        keys = el.keys()
        if keys:
            if not _translatable(el, True) or is_icon(el) or (tag == "time" and written_date(el) is not None):
                opaque.add(el)  # kept whole, as one placeholder (the set holds it, so lxml keeps its proxy)
                return
            msgctxt = el.get(CONTEXT_ATTRIBUTE, msgctxt)
            scope = self.scope.mark(el, scope)
            if not _ATTRIBUTE_NAMES.isdisjoint(keys):
                self.attributes(el, tag, msgctxt, scope)
        for child in el:
            self.inline(child, msgctxt, scope, opaque)

    def run(
        self,
        parent: etree._Element,
        lead: etree._Element | None,
        nodes: list[etree._Element],
        msgctxt: str | None,
        scope: str,
        whole: bool,
        opaque: Opaque | None = None,
    ) -> None:
        """Make the units of one run of inline content.

        `opaque`, when given, says the run's nodes were already looked into (their attribute
        units made) and which of them are marked translate="no".
        """
        first = (lead.tail if lead is not None else parent.text) or ""
        if not nodes:
            if first.strip(_BLANK) and (("{" not in first and "<%" not in first) or for_translation(first)):
                self.emit(parent, lead, [], msgctxt, scope, whole, parent.sourceline, *_text_pieces(first, self.mode))
            return
        if opaque is None:
            found: set[etree._Element] = set()
            for node in nodes:
                self.inline(node, msgctxt, scope, found)
            opaque = frozenset(found)
        if len(nodes) == 1 and not first.strip(_SPACE_CHARS) and not (nodes[0].tail or "").strip(_SPACE_CHARS):
            inner = _sole_element(
                [first, nodes[0], nodes[0].tail or ""], opaque
            )  # `<li><a>…</a></li>`: the most common
            if inner is not None:
                self.run(
                    inner,
                    None,
                    list(inner),
                    inner.get(CONTEXT_ATTRIBUTE, msgctxt),
                    self.scope.mark(inner, scope),
                    whole=True,
                    opaque=opaque,
                )
                return
        items: list[Item] = [first]
        for node in nodes:
            items += (node, node.tail or "")
        flats = [flat_text(item, opaque) for item in items]
        text = "".join(flats)
        if not text.strip(_BLANK) or ("{" in text or "<%" in text) and not for_translation(text):  # template code
            return
        if _is_link_list(items, flats, opaque):
            if first.strip(_BLANK):
                self.emit(parent, lead, [], msgctxt, scope, False, parent.sourceline, *_text_pieces(first, self.mode))
            for node in nodes:
                if node.tag == "a" and node not in opaque and LETTER.search(flat_text(node, opaque)):
                    self.run(
                        node,
                        None,
                        list(node),
                        node.get(CONTEXT_ATTRIBUTE, msgctxt),
                        self.scope.mark(node, scope),
                        whole=True,
                        opaque=opaque,
                    )
            return
        inner = _sole_element(items, opaque)
        if inner is not None:
            self.run(
                inner,
                None,
                list(inner),
                inner.get(CONTEXT_ATTRIBUTE, msgctxt),
                self.scope.mark(inner, scope),
                whole=True,
                opaque=opaque,
            )
            return
        line = nodes[0].sourceline if lead is not None else parent.sourceline
        gaps, cores = _pieces(items, flats, opaque, self.mode)
        self.emit(parent, lead, nodes, msgctxt, scope, whole, line, gaps, cores, opaque)

    def emit(
        self,
        parent: etree._Element,
        lead: etree._Element | None,
        nodes: list[etree._Element],
        msgctxt: str | None,
        scope: str,
        whole: bool,
        line: int | None,
        gaps: list[list[Item]],
        cores: list[list[Item]],
        opaque: Opaque = frozenset(),
    ) -> None:
        """Record a run and the units of its segments; a segment not for translation (a figure,
        an address) joins the gaps around it and stays as it is."""
        element = describe(parent)
        segments: list[Segment] = []
        kept_gaps = [gaps[0]]
        for core, gap in zip(cores, gaps[1:]):
            msgid, placeholders = render(core, opaque)
            if not for_translation(msgid):
                kept_gaps[-1] = kept_gaps[-1] + core + gap
                continue
            unit = Unit(msgid, msgctxt, line or 0, element, parent, placeholders, scope)
            self.units.append(unit)
            segments.append(Segment(unit, core))
            kept_gaps.append(gap)
        if segments:
            self.runs.append(Run(parent, lead, list(nodes), kept_gaps, segments, whole))


def _plain_text(msgid: str) -> str:
    """A msgid's page text without its markup (what structured data repeats of it)."""
    return _SPACES.sub(" ", unescape_literals(TOKEN.sub("", msgid))).strip(" ")


def _is_link_list(items: list[Item], flats: list[str], opaque: Opaque) -> bool:
    """A run of two or more links and nothing else but separators (`|`, `·`, commas, icons), an
    optional label before them (`Tags:`): a tag cloud or menu, to translate link by link."""
    links = 0
    for i, (item, flat) in enumerate(zip(items, flats)):
        if isinstance(item, str):
            if LETTER.search(flat) and not (i == 0 and flat.rstrip().endswith(":")):
                return False
        elif item.tag == "a" and item not in opaque:
            links += bool(LETTER.search(flat))
        elif LETTER.search(flat):
            return False
    return links >= 2


def _sole_element(items: list[Item], opaque: Opaque) -> etree._Element | None:
    """The one element that holds all of a run's text, to translate its content directly."""
    elements = [i for i in items if not isinstance(i, str) and not is_markup(i)]
    if len(elements) != 1 or any(isinstance(i, str) and i.strip(_SPACE_CHARS) for i in items):
        return None
    el = elements[0]
    if (
        el in opaque
        or el.tag in OPAQUE_TAGS
        or el.tag in VOID_TAGS
        or any(is_markup(i) for i in items if not isinstance(i, str))
    ):
        return None
    return el


def _spans(text: str, mode: str) -> list[tuple[int, int]]:
    """(start, end) of the sentences of a run's flat text, or of all of it in paragraph mode."""
    if mode != "paragraph":
        return split_sentences(text)
    stripped = text.strip(_SPACE_CHARS)
    begin = len(text) - len(text.lstrip(_SPACE_CHARS))
    return [(begin, begin + len(stripped))] if stripped else []


def _line_spans(text: str, breaks: list[int], mode: str) -> list[tuple[int, int]]:
    """`_spans` of each line of a run's flat text, the lines ending at the line breaks (offsets)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for end in [*breaks, len(text)]:
        spans += [(start + s, start + e) for s, e in _spans(text[start:end], mode)]
        start = end + 1
    return spans


def _text_pieces(text: str, mode: str) -> tuple[list[list[Item]], list[list[Item]]]:
    """`_pieces` of a run that is one string: the same gaps and segments, made directly."""
    gaps: list[list[Item]] = []
    cores: list[list[Item]] = []
    gap: list[Item] = []
    pos = 0
    for start, end in _spans(text, mode):
        if pos < start:
            gap.append(text[pos:start])
        pos = end
        sentence = text[start:end]
        if not sentence.strip(_BLANK):
            gap.append(sentence)
            continue
        core = sentence.lstrip(_SPACE_CHARS)
        if len(core) < len(sentence):
            gap.append(sentence[: len(sentence) - len(core)])
        trimmed = core.rstrip(_SPACE_CHARS)
        gaps.append(gap)
        cores.append([trimmed])
        gap = [core[len(trimmed) :]] if len(trimmed) < len(core) else []
    if pos < len(text):
        gap.append(text[pos:])
    gaps.append(gap)
    return gaps, cores


def _pieces(
    items: list[Item], flats: list[str], opaque: Opaque, mode: str
) -> tuple[list[list[Item]], list[list[Item]]]:
    """Split a run's items into gaps and sentence segments (n + 1 gaps around n segments).

    `flats` are the items' plain texts. Lines separated by `<br>` are segments of their own. A
    cut never falls inside an element: a sentence that ends inside a link or emphasis takes the
    whole element, and sentences that share one are merged.
    """
    starts: list[int] = []
    pos = 0
    for flat in flats:
        starts.append(pos)
        pos += len(flat)
    text = "".join(flats)
    breaks = [starts[i] for i, item in enumerate(items) if not isinstance(item, str) and item.tag == "br"]
    spans = _line_spans(text, breaks, mode) if breaks else _spans(text, mode)
    elements = [
        (starts[i], starts[i] + len(flats[i])) for i, item in enumerate(items) if not isinstance(item, str) and flats[i]
    ]
    element_starts = [s for s, _ in elements]  # in order, and elements do not overlap
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        s, e = _before(elements, element_starts, start)
        if s < start < e:
            start = s
        s, e = _before(elements, element_starts, end)
        if s < end < e:
            end = e
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    bounds = [0, *(offset for span in merged for offset in span), len(text) + 1]
    parts = _partition(items, starts, flats, bounds)
    gaps: list[list[Item]] = []
    segments: list[list[Item]] = []
    gap = parts[0]
    for i in range(len(merged)):
        head, core, tail = _trim(parts[2 * i + 1], opaque)
        gap += head
        if not core:
            gap += tail + parts[2 * i + 2]
            continue
        gaps.append(gap)
        segments.append(core)
        gap = tail + parts[2 * i + 2]
    gaps.append(gap)
    return gaps, segments


def _before(elements: list[tuple[int, int]], starts: list[int], offset: int) -> tuple[int, int]:
    """The element (start, end) that starts last before `offset`: the only one that can hold it; (0, 0) if none."""
    i = bisect_left(starts, offset)
    return elements[i - 1] if i else (0, 0)


def _partition(items: list[Item], starts: list[int], flats: list[str], bounds: list[int]) -> list[list[Item]]:
    """The items between each pair of consecutive offsets of the run's flat text (text cut to size)."""
    parts: list[list[Item]] = [[] for _ in range(len(bounds) - 1)]
    part = 0
    for item, s, flat in zip(items, starts, flats):
        e = s + len(flat)
        if isinstance(item, str):
            while part < len(parts) and bounds[part + 1] <= s:
                part += 1
            k = part
            while k < len(parts) and bounds[k] < e:
                lo, hi = max(s, bounds[k]), min(e, bounds[k + 1])
                if lo < hi:
                    parts[k].append(item[lo - s : hi - s])
                k += 1
        else:
            while part < len(parts) - 1 and bounds[part + 1] <= s:
                part += 1
            parts[part].append(item)
    return parts


def _trim(items: list[Item], opaque: Opaque) -> tuple[list[Item], list[Item], list[Item]]:
    """Move space, line breaks, images and comments at a segment's edges out of it (a `<time>`
    kept whole, a date, is a word of its sentence: it stays)."""

    def edge(item: Item) -> bool:
        return not has_text(item, opaque) and not (not isinstance(item, str) and item.tag == "time" and item in opaque)

    i, j = 0, len(items)
    while i < j and edge(items[i]):
        i += 1
    while j > i and edge(items[j - 1]):
        j -= 1
    head, core, tail = items[:i], items[i:j], items[j:]
    if core and isinstance(core[0], str):
        text = core[0].lstrip(_SPACE_CHARS)
        if len(text) < len(core[0]):
            head.append(core[0][: len(core[0]) - len(text)])
            core[0] = text
    if core and isinstance(core[-1], str):
        text = core[-1].rstrip(_SPACE_CHARS)
        if len(text) < len(core[-1]):
            tail.insert(0, core[-1][len(text) :])
            core[-1] = text
    return head, core, tail
