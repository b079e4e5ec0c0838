"""Reading English pages (charset, parsing) and writing localised ones."""

from __future__ import annotations

import codecs
import copy
import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from ..atomic import read_file
from ..errors import SourceError

_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
# ASCII that an ASCII-compatible charset reads as itself: every printable character, and the escapes
# of charsets that are not (UTF-7's `+ADw-`, HZ's `~{`, Python's `\x3c`) which would make `<` of it.
_ASCII_SAMPLE = bytes(range(0x20, 0x7F)) + b"\t\n\r+ADw- ~{ }~ \\x3c \\u003c"
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.I)
# Browsers read these labels as windows-1252 (WHATWG Encoding standard).
_WINDOWS_1252 = frozenset({"iso-8859-1", "iso8859-1", "latin1", "latin-1", "us-ascii", "ascii", "l1"})
_ENTITY = re.compile(r"&(#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_MARKUP_ENTITIES = frozenset("&<>\"'")
# HTML5 void elements that libxml2's HTML 4 parser wrongly lets hold the content after them.
_VOID_UNKNOWN_TO_LIBXML = ("wbr", "source", "track", "embed")
_VOID_END_TAG = re.compile(r"</(?:wbr|source|track|embed)>")
# Elements libxml2 reads as raw text, as browsers do, but writes escaped: their text is written as it was.
RAW_TEXT_TAGS = frozenset({"xmp", "plaintext", "noembed", "noframes", "iframe"})
_ESCAPED = re.compile("[&<>]")
# Stands for a raw text while a page is written: a noncharacter, which no page holds (see `carriable`).
_RAW_MARK = "\ufdd0"
_RAW_MARKS = re.compile(f"{_RAW_MARK}([0-9]+){_RAW_MARK}")
_DOCTYPE = re.compile(r"\s*(?:<!--.*?-->\s*)*<!doctype", re.I | re.S)
_DOCTYPE_LINE = re.compile(r"<!DOCTYPE[^>]*>\n?")
# lxml's plain HTML parser: lxml.html's element classes cost a Python call per element. A huge
# tree: libxml2 otherwise silently drops what is nested deeper than 256 elements (and text nodes over 10 MB).
PARSER = etree.HTMLParser(encoding="utf-8", remove_comments=False, remove_pis=False, huge_tree=True)
# Deepest nesting read (Chromium's HTML parser nests no deeper either); a deeper page is refused.
MAX_DEPTH = 512
_TOO_DEEP = etree.XPath("boolean(" + "/*" * (MAX_DEPTH + 1) + ")")
# Characters no page can carry: HTML's parser reports them as errors and XML (so lxml) cannot hold
# them: C0 controls but tab, line feed and carriage return; noncharacters; lone surrogates.
_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    chr(plane * 0x10000 + 0xFFFE) + chr(plane * 0x10000 + 0xFFFF) for plane in range(17)
)
UNWRITABLE = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff{_NONCHARACTERS}]")
# Characters a translation may hold only where its English does: controls (none can be shown, and
# most no page can carry), bidi embeddings, overrides and isolates (they reorder the text around
# them), and private-use characters (they mean nothing agreed, and U+F0000… are l10n's own markers).
SUSPECT = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]"
)
# Characters above the basic plane that may be a plane's last two (U+1FFFE, U+1FFFF…).
_PLANE_ENDS = re.compile("[\U0001fffe-\U0010ffff]")
# The UTF-8 bytes that begin none of those characters (all but C0 controls and the lead bytes of
# U+F000–U+FFFF and of the planes above): a page whose encoding has only these needs no screening.
_C0_BYTES = bytes([*range(0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_BMP_NONCHARACTER = re.compile(b"\xef(?:\xb7[\x90-\xaf]|\xbf[\xbe\xbf])")  # U+FDD0–U+FDEF, U+FFFE, U+FFFF in UTF-8
_LEAD_BYTES = b"\xef\xf0\xf1\xf2\xf3\xf4"
_SAFE_BYTES = bytes(sorted(set(range(256)) - set(_C0_BYTES) - set(_LEAD_BYTES)))
_CHARACTER_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# The references that may name an `UNWRITABLE` character (U+0000–U+001F but tab, line feed and
# carriage return; U+D800–U+DFFF; U+FDD0–U+FDEF; U+FFFE, U+FFFF; 6 digits or more), and a few more
# (the test is cheap, not exact): most pages have none, and are not rewritten reference by reference.
_SUSPECT_REFERENCE = re.compile(
    r"&#(?:[xX]0*(?:[0-8bcefBCEF]|1[0-9a-fA-F]|[dD][89a-fA-F][0-9a-fA-F]{2}|[fF][dD][dDeE][0-9a-fA-F]"
    r"|[fF]{3}[eEfF]|[0-9a-fA-F]{5,})(?![0-9a-fA-F])"
    r"|0*(?:[0-8]|1[124-9]|2[0-9]|3[01]|55[2-9][0-9]{2}|5[67][0-9]{3}|6[45][0-9]{3}|[0-9]{6,})(?![0-9]))"
)


# The private-use characters skeletons mark pages with (`site.skeleton`): every writer writes them
# escaped or not at all, and no translation brings them in.
MARKERS = re.compile("[\U000f0000-\U000f000f]")
# What no text entering a catalog may add to its English: bidi embeddings, overrides and isolates
# (they reorder the page around them) and the private-use characters skeletons mark pages with.
_SCREENED = re.compile("[\u202a-\u202e\u2066-\u2069\U000f0000-\U000f000f]")


def foreign_character(english: str, text: str) -> str | None:
    """The one screen of every text that enters a catalog (a machine answer, a remembered
    translation, an import): its first character that no page can carry, or that reorders the
    page or is one of l10n's markers where its English has none, as `U+XXXX, a …`; None when
    there is none. (`check` reports more: see SUSPECT.)"""
    if bad := UNWRITABLE.search(text):
        return f"U+{ord(bad.group(0)):04X}, a control character or noncharacter no page can carry"
    for found in _SCREENED.finditer(text):
        if found.group(0) not in english:
            return f"U+{ord(found.group(0)):04X}, a bidi control or private-use marker the English does not have"
    return None


@dataclass
class Page:
    """A parsed HTML page and what is needed to write it back as it was."""

    tree: etree._ElementTree
    # Characters the source wrote as entity references (U+00A0 → "&nbsp;"): written back the same way.
    entities: dict[int, str] = field(default_factory=dict)
    # libxml2 invents a doctype for pages without one; it is not written back.
    has_doctype: bool = True

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    def copy(self) -> Page:
        """An independent copy: copying a tree is about twice as fast as parsing it again."""
        tree = copy.deepcopy(self.tree)
        after = [(node.tag, node.text) for node in self.root.itersiblings()]
        if len(after) > 1:
            root = tree.getroot()
            copied = list(root.itersiblings())
            if [(node.tag, node.text) for node in copied] != after:  # lxml copies what follows the root reversed
                for node in copied:
                    root.addnext(node)  # each put first: back in their order
        return Page(tree, dict(self.entities), self.has_doctype)


def sniff_encoding(data: bytes) -> str:
    """The page's encoding: byte-order mark, then a `<meta>` declaration, else UTF-8."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    match = _META_CHARSET.search(data[:2048])
    if not match:
        return "utf-8"
    label = match.group(1).decode("ascii").lower()
    return "windows-1252" if label in _WINDOWS_1252 else label


def decode(data: bytes, path: Path | str) -> str:
    """Decode page bytes strictly; an undecodable byte, or a charset that is not ASCII-compatible,
    is a SourceError naming its line."""
    encoding = sniff_encoding(data)
    try:
        codecs.lookup(encoding)
    except LookupError:
        raise SourceError(f"unknown charset {encoding!r} declared", path) from None
    if not data.startswith(tuple(bom for bom, _ in _BOMS)) and not _ascii_compatible(encoding):
        raise SourceError(
            f"charset {encoding!r} declared, which is not ASCII-compatible (browsers do not read pages "
            "in it); save the page as UTF-8",
            path,
        )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise SourceError(f"cannot decode byte 0x{data[e.start]:02x} as {encoding}", path, line) from None
    return text.lstrip("\ufeff")


def _ascii_compatible(encoding: str) -> bool:
    """Whether a charset reads ASCII as ASCII, so that no markup is made of text (as UTF-7 makes
    `<` of `+ADw-`)."""
    try:
        return _ASCII_SAMPLE.decode(encoding) == _ASCII_SAMPLE.decode("ascii")
    except (UnicodeError, LookupError):  # LookupError: a codec that is no charset (base64, rot13)
        return False


def parse_html(text: str, path: Path | str) -> Page:
    """Parse decoded HTML with lxml, remembering which characters were entities (see `carriable`)."""
    if not text.strip():
        raise SourceError("the page is empty", path)
    text, data = _carriable(text)
    try:
        root = etree.fromstring(data, parser=PARSER)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as e:
        raise SourceError(f"cannot parse HTML: {e}", path) from None
    if root is None:
        raise SourceError("the page has no HTML content", path)
    if _TOO_DEEP(root):
        raise SourceError(f"elements are nested more than {MAX_DEPTH} deep (browsers stop nesting there too)", path)
    _empty_voids(root)
    return Page(tree=root.getroottree(), entities=_entity_spellings(text), has_doctype=bool(_DOCTYPE.match(text)))


def carriable(html: str) -> str:
    """HTML whose characters, written or referenced (`&#1;`), a page can carry: a form feed (HTML
    whitespace) becomes a space and every other `UNWRITABLE` character U+FFFD, as the HTML parser
    does with NUL: the page shows that something was there.

    >>> carriable("a\\x01b&#1;c\\x0cd&#x41;")
    'a\ufffdb&#xFFFD;c d&#x41;'
    """
    return _carriable(html)[0]


def _carriable(html: str) -> tuple[str, bytes]:
    """`carriable`, and the result's UTF-8 (its bytes tell most pages clean at C speed)."""
    try:
        data: bytes | None = html.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        data = None
    if data is None or _may_be_unwritable(data, html):
        html = UNWRITABLE.sub(lambda m: " " if m.group(0) == "\f" else "\ufffd", html)
        data = None
    if _SUSPECT_REFERENCE.search(html):
        changed = _CHARACTER_REFERENCE.sub(_carriable_reference, html)
        if changed != html:
            html, data = changed, None
    return html, html.encode("utf-8") if data is None else data


def _may_be_unwritable(data: bytes, html: str) -> bool:
    """Whether `html` (whose UTF-8 is `data`) may hold an `UNWRITABLE` character."""
    rare = data.translate(None, _SAFE_BYTES)  # C0 controls, and lead bytes of U+F000 and above
    if not rare:
        return False
    if rare.translate(None, _LEAD_BYTES):
        return True  # a C0 control
    if b"\xef" in rare and _BMP_NONCHARACTER.search(data):
        return True
    if not rare.replace(b"\xef", b""):
        return False  # no character above the basic plane
    return any(ord(m.group()) & 0xFFFE == 0xFFFE for m in _PLANE_ENDS.finditer(html))


def _carriable_reference(match: re.Match[str]) -> str:
    hexa, decimal = match.groups()
    code = int(hexa, 16) if hexa else int(decimal)
    if code > 0x10FFFF or not UNWRITABLE.match(chr(code)):
        return match.group(0)  # a character, or one libxml2 already makes U+FFFD
    return "&#x20;" if code == 0x0C else "&#xFFFD;"


def _empty_voids(root: etree._Element) -> None:
    """Move what libxml2 nested inside HTML5 void elements back after them, as browsers parse it."""
    for el in list(root.iter(*_VOID_UNKNOWN_TO_LIBXML)):
        parent = el.getparent()
        children = list(el)
        if parent is None or (not children and not el.text):
            continue
        index = parent.index(el)
        tail, el.tail, el.text = el.tail, el.text, None
        for offset, child in enumerate(children):
            parent.insert(index + 1 + offset, child)
        if children:
            children[-1].tail = (children[-1].tail or "") + (tail or "") or None
        else:
            el.tail = (el.tail or "") + (tail or "") or None


def read_html(path: Path, data: bytes | None = None) -> Page:
    """Parse an English page from disk (or from its bytes, already read)."""
    if data is None:
        try:
            data = read_file(path)  # a FIFO or device is refused, not read
        except OSError as e:
            raise SourceError(f"cannot read: {e.strerror}", path) from None
    return parse_html(decode(data, path), path)


def _entity_spellings(text: str) -> dict[int, str]:
    """Characters written only as entity references in `text`, with the spelling used."""
    spellings: dict[int, str] = {}
    for name in dict.fromkeys(_ENTITY.findall(text)):  # each spelling once, in the order first used
        reference = f"&{name};"
        char = html.unescape(reference)
        if len(char) != 1 or char in _MARKUP_ENTITIES or char.isascii() or ord(char) in spellings:
            continue
        spellings[ord(char)] = reference
    return {code: ref for code, ref in spellings.items() if chr(code) not in text}


def declare_utf8(root: etree._Element) -> None:
    """Make the page's own charset declaration say UTF-8, adding one when there is none."""
    head = root.find("head")
    if head is None:
        return
    for meta in head.iter("meta"):
        if meta.get("charset") is not None:
            if meta.get("charset").lower() != "utf-8":
                meta.set("charset", "utf-8")
            return
        if (meta.get("http-equiv") or "").lower() == "content-type":
            content = meta.get("content") or ""
            new = re.sub(r"charset\s*=\s*[^;\s]+", "charset=utf-8", content, flags=re.I)
            if new != content:
                meta.set("content", new)
            return
    charset = head.makeelement("meta", {"charset": "utf-8", "data-l10n": "charset"})
    charset.tail = head.text
    head.insert(0, charset)


def serialize_text(page: Page, respell: bool = True) -> str:
    """The page as HTML text; `respell`: characters the source wrote as entity references written so again."""
    declare_utf8(page.root)
    text = _html(page.tree)
    if not page.has_doctype:
        text = _DOCTYPE_LINE.sub("", text, count=1)
    if respell:
        text = respell_entities(text, page.entities)
    if not text.endswith("\n"):
        text += "\n"
    return text


def element_html(el: etree._Element) -> str:
    """One element (without its tail) as `serialize_text` writes it within a page."""
    return _html(el, with_tail=False)


def _html(node: etree._Element | etree._ElementTree, with_tail: bool = True) -> str:
    """lxml's HTML of a page or element, with HTML5's void elements and raw text elements as
    browsers read them: a `<plaintext>` is text to the end of the page, so the page ends with it."""
    raw = [el for el in node.iter(*RAW_TEXT_TAGS) if el.tag == "plaintext" or el.text and _ESCAPED.search(el.text)]
    texts = [el.text or "" for el in raw]
    for i, el in enumerate(raw):
        el.text = f"{_RAW_MARK}{i}{_RAW_MARK}"
    try:
        html = etree.tostring(node, method="html", encoding="unicode", with_tail=with_tail)
    finally:
        for el, text in zip(raw, texts):
            el.text = text or None
    if raw:
        plaintext = next((i for i, el in enumerate(raw) if el.tag == "plaintext"), None)
        if plaintext is not None:
            html = html[: html.index(f"{_RAW_MARK}{plaintext}{_RAW_MARK}")] + f"{_RAW_MARK}{plaintext}{_RAW_MARK}"
        html = _RAW_MARKS.sub(lambda m: texts[int(m.group(1))], html)
    return _VOID_END_TAG.sub("", html)


def respell_entities(text: str, entities: dict[int, str]) -> str:
    """Characters the source wrote as entity references (U+00A0 as `&nbsp;`) written so again."""
    for code, reference in entities.items():
        text = text.replace(chr(code), reference)
    return text
