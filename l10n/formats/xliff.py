"""XLIFF, the file CAT tools translate: 2.0 (OASIS core) and 1.2, written and read back.

One file per catalog, one unit per active entry, its id stable across exports (`unit_id`).
XLIFF 2.0 gives placeholders as `<pc>` (paired) and `<ph/>` (empty), pointing at `<originalData>`
that holds the page's markup, and says how far a unit is with `state`: `initial` (no translation),
`translated` (fuzzy) or `final` (reviewed). XLIFF 1.2 has `<g>` and `<x/>`, `approved="yes"` on
reviewed units and the target's `state` (`needs-translation`, `needs-review-translation`,
`final`). Codes cannot be deleted or copied (canDelete, canCopy); they can be reordered.
Reading gives each unit's source and target as text and codes (`ReadUnit`), for the import to check.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ..errors import InterchangeError, PlaceholderError
from ..segment.placeholders import CLOSE, EMPTY, OPEN, Token
from .transunits import FUZZY, NOT_XML, REVIEWED, UNTRANSLATED, TransUnit
from .xmlio import XML_SPACE, Piece, append_text, has_text, inline, local, parse_xml, serialise

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF1 = "urn:oasis:names:tc:xliff:document:1.2"
_STATE2 = {UNTRANSLATED: "initial", FUZZY: "translated", REVIEWED: "final"}
_STATE1 = {UNTRANSLATED: "needs-translation", FUZZY: "needs-review-translation", REVIEWED: "final"}
_FINAL1 = frozenset({"final", "signed-off"})
# What kind of code an element is: XLIFF 2.0 type and subType, XLIFF 1.2 ctype.
_KIND2 = {
    "a": ("link", None),
    "img": ("image", None),
    "q": ("quote", None),
    "br": ("fmt", "xlf:lb"),
    "b": ("fmt", "xlf:b"),
    "strong": ("fmt", "xlf:b"),
    "i": ("fmt", "xlf:i"),
    "em": ("fmt", "xlf:i"),
    "u": ("fmt", "xlf:u"),
}
_KIND1 = {
    "a": "link",
    "img": "image",
    "br": "lb",
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underlined",
}
_LEAVES = frozenset({"source", "target", "note", "data"})
_PROTECTED = {"canCopy": "no", "canDelete": "no"}


@dataclass
class ReadUnit:
    """A unit read from a file: its id and where it is, its source and target as text and codes."""

    id: str
    line: int
    source: list[Piece]
    target: list[Piece] | None  # None: no target, or one with no text
    final: bool  # reviewed: state final (1.2: approved="yes", or state final or signed-off)
    problem: str | None = None  # why its content cannot be read


@dataclass
class Section:
    """A `<file>` of an XLIFF document: the catalog it belongs to and its units."""

    original: str  # the catalog, relative to the locale's LC_MESSAGES folder (`news/visit.po`)
    source_language: str
    target_language: str
    line: int
    units: list[ReadUnit] = field(default_factory=list)


# ---- writing ----


def write(fmt: str, units: list[TransUnit], original: str, source_language: str, target_language: str) -> bytes:
    """One catalog's units as an XLIFF document (`fmt`: xliff2 or xliff1)."""
    if fmt == "xliff2":
        return _write2(units, original, source_language, target_language)
    return _write1(units, original, source_language, target_language)


def _write2(units: list[TransUnit], original: str, source_language: str, target_language: str) -> bytes:
    def tag(name: str) -> str:
        return f"{{{XLIFF2}}}{name}"

    root = etree.Element(
        tag("xliff"),
        nsmap={None: XLIFF2},
        attrib={"version": "2.0", "srcLang": source_language, "trgLang": target_language},
    )
    file_id = re.sub(r"[^A-Za-z0-9._-]", "_", original.removesuffix(".po")) or "f1"  # an NMTOKEN
    file = etree.SubElement(root, tag("file"), id=file_id, original=original)
    for unit in units:
        element = etree.SubElement(file, tag("unit"), id=unit.id)
        notes = etree.SubElement(element, tag("notes"))
        for category, text in unit.notes():
            etree.SubElement(notes, tag("note"), category=category).text = text
        if not len(notes):
            element.remove(notes)
        if unit.codes:
            data = etree.SubElement(element, tag("originalData"))
            for code in unit.codes.values():
                if code.paired:
                    etree.SubElement(data, tag("data"), id=f"{code.name}-start").text = code.start
                    etree.SubElement(data, tag("data"), id=f"{code.name}-end").text = code.end
                else:
                    etree.SubElement(data, tag("data"), id=code.name).text = code.start
        segment = etree.SubElement(element, tag("segment"), state=_STATE2[unit.state])
        _codes2(etree.SubElement(segment, tag("source"), {XML_SPACE: "preserve"}), unit, unit.source)
        if unit.target is not None:
            _codes2(etree.SubElement(segment, tag("target"), {XML_SPACE: "preserve"}), unit, unit.target)
    return serialise(root, _LEAVES)


def _codes2(parent: etree._Element, unit: TransUnit, found: list[Piece]) -> None:
    """Fill `<source>` or `<target>`: text (what XML cannot hold as `<cp/>`), `<pc>` and `<ph/>`."""
    stack = [parent]
    for piece in found:
        if isinstance(piece, str):
            start = 0
            for match in NOT_XML.finditer(piece):
                append_text(stack[-1], piece[start : match.start()])
                etree.SubElement(stack[-1], f"{{{XLIFF2}}}cp", hex=f"{ord(match.group(0)):04X}")
                start = match.end()
            append_text(stack[-1], piece[start:])
            continue
        if piece.kind == CLOSE:
            stack.pop()
            continue
        kind, subtype = _KIND2.get(unit.codes[piece.name].tag, ("fmt", None))
        if piece.kind == OPEN:
            attrib = {"id": piece.name, "dataRefStart": f"{piece.name}-start", "dataRefEnd": f"{piece.name}-end"}
        else:
            attrib = {"id": piece.name, "dataRef": piece.name}
        attrib.update(_PROTECTED, type=kind, **({"subType": subtype} if subtype else {}))
        element = etree.SubElement(stack[-1], f"{{{XLIFF2}}}{'pc' if piece.kind == OPEN else 'ph'}", attrib)
        if piece.kind == OPEN:
            stack.append(element)


def _write1(units: list[TransUnit], original: str, source_language: str, target_language: str) -> bytes:
    def tag(name: str) -> str:
        return f"{{{XLIFF1}}}{name}"

    root = etree.Element(tag("xliff"), nsmap={None: XLIFF1}, version="1.2")
    file = etree.SubElement(
        root,
        tag("file"),
        {
            "original": original,
            "source-language": source_language,
            "target-language": target_language,
            "datatype": "po",
        },
    )
    body = etree.SubElement(file, tag("body"))
    for unit in units:
        element = etree.SubElement(body, tag("trans-unit"), {"id": unit.id, XML_SPACE: "preserve"})
        if unit.state == REVIEWED:
            element.set("approved", "yes")
        _codes1(etree.SubElement(element, tag("source")), unit, unit.source)
        target = etree.SubElement(element, tag("target"), state=_STATE1[unit.state])
        _codes1(target, unit, unit.target or [])
        for _, text in unit.notes():
            etree.SubElement(element, tag("note"), {"from": "developer"}).text = text
    return serialise(root, _LEAVES)


def _codes1(parent: etree._Element, unit: TransUnit, found: list[Piece]) -> None:
    """Fill `<source>` or `<target>` with text, `<g>` and `<x/>`."""
    stack = [parent]
    for piece in found:
        if isinstance(piece, str):
            append_text(stack[-1], piece)
        elif piece.kind == CLOSE:
            stack.pop()
        else:
            code = unit.codes[piece.name]
            ctype = _KIND1.get(code.tag, f"x-html-{code.tag}")
            element = etree.SubElement(
                stack[-1], f"{{{XLIFF1}}}{'g' if piece.kind == OPEN else 'x'}", id=piece.name, ctype=ctype
            )
            if piece.kind == OPEN:
                stack.append(element)


# ---- reading ----


def read(data: bytes, shown: str) -> list[Section]:
    """The sections of an XLIFF 2.0 or 1.2 document (`shown` names it in errors); anything else is
    an InterchangeError."""
    root = parse_xml(data, shown)
    name = etree.QName(root)
    if name.localname == "xliff" and name.namespace == XLIFF2 and root.get("version", "").startswith("2."):
        return _read2(root, shown)
    if name.localname == "xliff" and name.namespace == XLIFF1 and root.get("version") == "1.2":
        return _read1(root, shown)
    what = f"<{name.localname}>" + (f" in {name.namespace}" if name.namespace else "")
    if name.localname == "xliff":
        what += f" version {root.get('version')!r}"
    raise InterchangeError(f"not XLIFF 2.0 or 1.2: the document is {what}", shown, root.sourceline)


def _read2(root: etree._Element, shown: str) -> list[Section]:
    source_language, target_language = root.get("srcLang"), root.get("trgLang")
    if not source_language or not target_language:
        raise InterchangeError("<xliff> needs srcLang and trgLang", shown, root.sourceline)
    return [
        _section(file, shown, source_language, target_language, f"{{{XLIFF2}}}unit", _unit2)
        for file in root.iterchildren(f"{{{XLIFF2}}}file")
    ]


def _section(
    file: etree._Element,
    shown: str,
    source_language: str,
    target_language: str,
    unit_tag: str,
    read_unit: Callable[[etree._Element], ReadUnit],
) -> Section:
    """One `<file>` of an XLIFF document and its units."""
    section = Section(_original(file, shown), source_language, target_language, file.sourceline or 0)
    section.units.extend(read_unit(element) for element in file.iter(unit_tag))
    return section


def _unit2(element: etree._Element) -> ReadUnit:
    """A unit's segments and ignorables joined: its whole source and target."""
    unit = ReadUnit(element.get("id", ""), element.sourceline or 0, [], None, False)
    parts = [child for child in element if isinstance(child.tag, str) and local(child) in ("segment", "ignorable")]
    targets: list[Piece] = []
    untranslated = 0
    final = True
    try:
        for part in parts:
            source = part.find(f"{{{XLIFF2}}}source")
            target = part.find(f"{{{XLIFF2}}}target")
            found = _inline2(source) if source is not None else []
            unit.source += found
            if local(part) == "ignorable":
                targets += _inline2(target) if target is not None else found
                continue
            final = final and part.get("state") == "final"
            if target is None:
                untranslated += 1
            else:
                targets += _inline2(target)
    except PlaceholderError as e:
        unit.problem = str(e)
        return unit
    if not unit.id:
        unit.problem = "a unit without an id"
    elif 0 < untranslated < sum(local(part) == "segment" for part in parts):
        unit.problem = "some of its segments have no target"
    elif not untranslated and has_text(targets):
        unit.target, unit.final = targets, final
    return unit


def _inline2(element: etree._Element) -> list[Piece]:
    return inline(element, _code2)


def _code2(element: etree._Element) -> list[Piece]:
    kind = local(element) if etree.QName(element).namespace == XLIFF2 else element.tag
    if kind == "pc":
        return [Token(element.get("id", ""), OPEN), *_inline2(element), Token(element.get("id", ""), CLOSE)]
    if kind == "ph":
        return [Token(element.get("id", ""), EMPTY)]
    if kind == "sc" and element.get("isolated") != "yes":
        return [Token(element.get("id", ""), OPEN)]
    if kind == "ec" and element.get("isolated") != "yes":
        return [Token(element.get("startRef", ""), CLOSE)]
    if kind == "mrk":
        return _inline2(element)
    if kind in ("sm", "em"):
        return []
    if kind == "cp":
        try:
            char = chr(int(element.get("hex", ""), 16))
        except (ValueError, OverflowError):
            raise PlaceholderError(f"<cp hex={element.get('hex')!r}> is no character") from None
        if char in "\0\x04" or "\ud800" <= char <= "\udfff":
            raise PlaceholderError(f"<cp hex={element.get('hex')!r}> is a character no catalog can hold")
        return [char]
    isolated = " isolated" if element.get("isolated") == "yes" else ""
    raise PlaceholderError(f"unexpected{isolated} inline element <{kind}>")


def _read1(root: etree._Element, shown: str) -> list[Section]:
    sections = []
    for file in root.iterchildren(f"{{{XLIFF1}}}file"):
        source_language, target_language = file.get("source-language"), file.get("target-language")
        if not source_language or not target_language:
            raise InterchangeError("<file> needs source-language and target-language", shown, file.sourceline)
        sections.append(_section(file, shown, source_language, target_language, f"{{{XLIFF1}}}trans-unit", _unit1))
    return sections


def _unit1(element: etree._Element) -> ReadUnit:
    unit = ReadUnit(element.get("id", ""), element.sourceline or 0, [], None, False)
    source = element.find(f"{{{XLIFF1}}}source")
    target = element.find(f"{{{XLIFF1}}}target")
    try:
        unit.source = inline(source, _code1) if source is not None else []
        targets = inline(target, _code1) if target is not None else None
    except PlaceholderError as e:
        unit.problem = str(e)
        return unit
    if not unit.id:
        unit.problem = "a unit without an id"
    if target is not None and has_text(targets):
        unit.target = targets
        unit.final = element.get("approved") == "yes" or target.get("state") in _FINAL1
    return unit


def _code1(element: etree._Element) -> list[Piece]:
    kind = local(element) if etree.QName(element).namespace == XLIFF1 else element.tag
    if kind == "g":
        return [Token(element.get("id", ""), OPEN), *inline(element, _code1), Token(element.get("id", ""), CLOSE)]
    if kind == "x":
        return [Token(element.get("id", ""), EMPTY)]
    if kind == "mrk":
        return inline(element, _code1)
    raise PlaceholderError(f"unexpected inline element <{kind}> (l10n reads <g>, <x/> and <mrk>)")


def _original(file: etree._Element, shown: str) -> str:
    original = file.get("original")
    if not original:
        raise InterchangeError("<file> has no original attribute naming its catalog", shown, file.sourceline)
    return original
