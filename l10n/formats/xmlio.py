"""XML in and out for the exchange formats (XLIFF, TMX, TBX): one safe parser, one layout.

XML comes in through one parser that expands no entities, fetches nothing and refuses huge
documents. A DOCTYPE naming a DTD (`<!DOCTYPE tmx SYSTEM "tmx14.dtd">`, as CAT tools write)
is allowed but never read; an entity reference other than XML's own five (`&nbsp;`, which such
a DTD might declare and the parser would drop) is refused, in text and attributes alike, as it
is in a document without a DOCTYPE, and so is a document declaring entities. Documents go out
as UTF-8, one element a line but inside elements whose white space is content.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from lxml import etree

from ..errors import InterchangeError, L10nError
from ..segment.placeholders import Token

Piece = str | Token  # page text, or a placeholder's start, end or whole

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, load_dtd=False)


def parse_xml(
    data: bytes,
    shown: str | Path,
    error: type[L10nError] = InterchangeError,
    malformed: str = "not well-formed XML",
) -> etree._Element:
    """The root element of an XML document (`shown` names it in errors); a malformed one (as
    `malformed` says), one declaring entities or one referring to any is an `error`."""
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as e:
        raise error(f"{malformed}: {_said(e)}", shown, e.lineno or None) from None
    dtd = root.getroottree().docinfo.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise error("the document declares entities (<!ENTITY>); l10n reads no entities", shown)
    for found in _PARSER.error_log:
        if found.type_name == "WAR_UNDECLARED_ENTITY":  # the parser's word for a reference it dropped
            name = found.message.split("'")[1] if found.message.count("'") >= 2 else "?"
            raise error(
                f"an entity reference (&{name};) that l10n does not read: write the character itself or "
                "as a character reference (&#160;)",
                shown,
                found.line or None,
            )
    return root


# libxml2's words where they say little, and the place it adds (the error names the line already).
_PLAINER = {"Blank needed here": "a space is missing here"}
_PLACE = re.compile(r", line \d+, column \d+$")


def _said(error: etree.XMLSyntaxError) -> str:
    """What is wrong, in a parser's words made plainer, with the column it is at."""
    message = _PLACE.sub("", error.msg or "")
    message = _PLAINER.get(message, message)
    column = error.position[1] if error.position else 0
    return f"{message} (column {column})" if column else message


def local(element: etree._Element) -> str:
    """An element's name without its namespace."""
    return etree.QName(element).localname


def inline(element: etree._Element, visit: Callable[[etree._Element], list[Piece]]) -> list[Piece]:
    """An element's mixed content as pieces: its text, each child element as `visit` reads it
    (comments and processing instructions skipped), and the text after it."""
    found: list[Piece] = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str):
            found += visit(child)
        found.append(child.tail or "")
    return found


def append_text(parent: etree._Element, text: str) -> None:
    """Add text at the end of an element's content."""
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def has_text(found: list[Piece] | None) -> bool:
    """True when pieces hold a code or more than white space."""
    return any(not isinstance(piece, str) or piece.strip() for piece in found or ())


def serialise(root: etree._Element, leaves: frozenset[str]) -> bytes:
    """A document as UTF-8 with an XML declaration, one element a line, except inside `leaves`
    (elements with text, whose white space is content)."""
    _indent(root, 0, leaves)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


def _indent(element: etree._Element, level: int, leaves: frozenset[str]) -> None:
    if not len(element) or local(element) in leaves:
        return
    inner = "\n" + "  " * (level + 1)
    element.text = inner
    for child in element:
        child.tail = inner
        _indent(child, level + 1, leaves)
    element[-1].tail = "\n" + "  " * level
