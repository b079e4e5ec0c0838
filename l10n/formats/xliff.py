"""XLIFF, the file CAT tools translate: 2.0 (OASIS core) and 1.2, written and read back.

One file per catalog, one unit per active entry, its id stable across exports (`unit_id`).
XLIFF 2.0 gives placeholders as `<pc>` (paired) and `<ph/>` (empty), pointing at `<originalData>`
that holds the page's markup; 1.2 as `<g>` and `<x/>`. Codes cannot be deleted or copied
(canDelete, canCopy); they can be reordered.

States, both ways (`STATES2`, `STATES1`): untranslated is 2.0 `initial` (no target), 1.2
`needs-translation` (an empty target); fuzzy is `translated` (1.2 `needs-review-translation`);
reviewed is `final` (1.2 `final` and `approved="yes"`). Read back, 2.0 `reviewed` and `final`,
1.2 `final`, `signed-off` or `approved="yes"` are reviewed; 2.0 `initial` and 1.2
`needs-translation` are untranslated whatever the target holds; anything else with a target
(`translated`, `new`, `needs-review-*`, no state) is fuzzy.

Notes: l10n's own (the element, the placeholders, where the text is, the old English) go out
as 2.0 categories and 1.2 `from="developer"`; the translator comment as a `translator` note;
each waiver (`ignore-numbers`) as a note of its own; a suggestion's origin as an `origin` note
(the comment line itself), and in 1.2 also as the target's `state-qualifier` (mt-suggestion,
exact-match, fuzzy-match, x-pseudo) and an `<alt-trans>` with its origin and match quality.
Read back, every note l10n did not write is the translator's, and the origin comes from
l10n's note or else from a 1.2 `state-qualifier`.

Reading gives each unit's source and target as text and codes (`ReadUnit`): 2.0 `<pc>`, `<ph/>`,
`<sc>`/`<ec>`, `<cp/>`, `<mrk>`; 1.2 `<g>`, `<x/>`, `<bx/>`/`<ex/>`, `<bpt>`/`<ept>`, `<ph>`,
`<it>`, `<mrk>` (a code's id is its placeholder's name; `rid` pairs a start with its end).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from lxml import etree

from ..catalogs.origin import Origin
from ..errors import InterchangeError, PlaceholderError
from ..segment.placeholders import CLOSE, EMPTY, OPEN, Token
from .transunits import FUZZY, NOT_XML, REVIEWED, UNTRANSLATED, TransUnit
from .xmlio import XML_LANG, XML_SPACE, Piece, append_text, has_text, inline, local, parse_xml, serialise

XLIFF2 = "urn:oasis:names:tc:xliff:document:2.0"
XLIFF1 = "urn:oasis:names:tc:xliff:document:1.2"
# A unit's state in the catalog as each version writes it.
STATES2 = {UNTRANSLATED: "initial", FUZZY: "translated", REVIEWED: "final"}
STATES1 = {UNTRANSLATED: "needs-translation", FUZZY: "needs-review-translation", REVIEWED: "final"}
# Read back: the states that mean reviewed, and those that mean no translation whatever the target holds.
_REVIEWED2 = frozenset({"reviewed", "final"})
_REVIEWED1 = frozenset({"final", "signed-off"})
_UNTRANSLATED2 = frozenset({"initial"})
_UNTRANSLATED1 = frozenset({"needs-translation"})
# The notes l10n writes (2.0 categories, 1.2 `from`); any other note is a translator's.
_OURS2 = frozenset({"context", "element", "placeholder", "location", "previous", "origin", "waiver"})
_OURS1 = frozenset({"developer", "l10n"})
# XLIFF 1.2 state-qualifier for an origin's provider, and the provider a qualifier stands for.
_MEMORY, _PSEUDO = "memory", "pseudo"
_QUALIFIER_PSEUDO = "x-pseudo"
_PROVIDERS1 = {
    "mt-suggestion": "mt",
    "leveraged-mt": "mt",
    "exact-match": _MEMORY,
    "fuzzy-match": _MEMORY,
    "leveraged-tm": _MEMORY,
    "tm-suggestion": _MEMORY,
    "leveraged-repository": _MEMORY,
    "leveraged-inherited": _MEMORY,
    "id-match": _MEMORY,
    _QUALIFIER_PSEUDO: _PSEUDO,
}
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
    """A unit read from a file: its id and where it is, its source and target as text and codes,
    the state the file gives the target, and what its notes say."""

    id: str
    line: int
    source: list[Piece]
    target: list[Piece] | None  # None: no target, one with no text, or one in an untranslated state
    state: str = UNTRANSLATED  # REVIEWED or FUZZY when there is a target
    problem: str | None = None  # why its content cannot be read
    notes: list[str] = field(default_factory=list)  # notes l10n did not write: the translator's
    origin: str | None = None  # l10n's origin note: an origin comment line, and the text it is the origin of
    qualifier: str | None = None  # 1.2: the target's state-qualifier
    match: str | None = None  # 1.2: the match quality of the first <alt-trans>

    @property
    def final(self) -> bool:
        return self.state == REVIEWED


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
        if translator := unit.translator_note():
            etree.SubElement(notes, tag("note"), category="translator").text = translator
        for waiver in unit.waivers():
            etree.SubElement(notes, tag("note"), category="waiver").text = waiver
        if unit.origin is not None:
            etree.SubElement(notes, tag("note"), category="origin", appliesTo="target").text = _origin_note(unit)
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
        segment = etree.SubElement(element, tag("segment"), state=STATES2[unit.state])
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
        target = etree.SubElement(element, tag("target"), state=STATES1[unit.state])
        _codes1(target, unit, unit.target or [])
        found = unit.origin
        if found is not None and (qualifier := _qualifier(found)):
            target.set("state-qualifier", qualifier)
        for _, text in unit.notes():
            etree.SubElement(element, tag("note"), {"from": "developer"}).text = text
        if translator := unit.translator_note():
            etree.SubElement(element, tag("note"), {"from": "translator"}).text = translator
        for waiver in unit.waivers():
            etree.SubElement(element, tag("note"), {"from": "l10n"}).text = waiver
        if found is not None:
            etree.SubElement(element, tag("note"), {"from": "l10n", "annotates": "target"}).text = _origin_note(unit)
            alt = etree.SubElement(element, tag("alt-trans"), origin=found.where or found.provider)
            if found.score is not None:
                alt.set("match-quality", str(found.score))
            _codes1(etree.SubElement(alt, tag("target")), unit, unit.target or [])
    return serialise(root, _LEAVES)


def _origin_note(unit: TransUnit) -> str:
    """A suggestion's origin line, and the suggestion it is the origin of (as the catalog has it:
    a translator's edit of it has no such origin)."""
    found = unit.origin
    assert found is not None
    return f"{found.comment()}\n{unit.entry.msgstr}"


def _qualifier(found: Origin) -> str | None:
    """The XLIFF 1.2 state-qualifier of a suggestion's origin."""
    if found.provider == _PSEUDO:
        return _QUALIFIER_PSEUDO
    if found.provider == _MEMORY:
        return "exact-match" if found.day is None or found.score == 100 else "fuzzy-match"
    return "mt-suggestion"


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
    """A unit's segments and ignorables joined: its whole source and target, in the state of its
    least advanced segment; its notes."""
    unit = ReadUnit(element.get("id", ""), element.sourceline or 0, [], None)
    parts = [child for child in element if isinstance(child.tag, str) and local(child) in ("segment", "ignorable")]
    targets: list[Piece] = []
    untranslated = 0
    reviewed = True
    for note in element.iterfind(f"{{{XLIFF2}}}notes/{{{XLIFF2}}}note"):
        text = (note.text or "").strip()
        if note.get("category") == "origin":
            unit.origin = text
        elif text and (note.get("category") not in _OURS2 or note.get("category") == "waiver"):
            unit.notes.append(text)
    try:
        for part in parts:
            source = part.find(f"{{{XLIFF2}}}source")
            target = part.find(f"{{{XLIFF2}}}target")
            found = _inline2(source) if source is not None else []
            unit.source += found
            if local(part) == "ignorable":
                targets += _inline2(target) if target is not None else found
                continue
            state = part.get("state")
            reviewed = reviewed and state in _REVIEWED2
            if target is None or state in _UNTRANSLATED2:
                untranslated += 1
            else:
                targets += _inline2(target)
    except PlaceholderError as e:
        unit.problem = str(e)
        return unit
    if not unit.id:
        unit.problem = "a unit without an id"
    elif not any(local(part) == "segment" for part in parts):
        unit.problem = "a unit without a <segment> (XLIFF 2.0 needs one): nothing in it is a translation"
    elif 0 < untranslated < sum(local(part) == "segment" for part in parts):
        unit.problem = "some of its segments have no translation"
    elif not untranslated and has_text(targets):
        unit.target, unit.state = targets, REVIEWED if reviewed else FUZZY
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
        return [_character(element.get("hex", ""))]
    isolated = " isolated" if element.get("isolated") == "yes" else ""
    raise PlaceholderError(f"unexpected{isolated} inline element <{kind}>")


def _character(hex_: str) -> str:
    """The character of a `<cp hex>`; PlaceholderError for no character, or one that is a control
    character (no catalog or page should hold one: `\\a`, U+0007) or that no catalog can hold."""
    try:
        char = chr(int(hex_, 16))
    except (ValueError, OverflowError):
        raise PlaceholderError(f"<cp hex={hex_!r}> is no character") from None
    if char in "\0\x04" or "\ud800" <= char <= "\udfff":
        raise PlaceholderError(f"<cp hex={hex_!r}> is a character no catalog can hold")
    if unicodedata.category(char) == "Cc" and char not in "\t\n\r":
        raise PlaceholderError(f"<cp hex={hex_!r}> is a control character (U+{ord(char):04X})")
    return char


def _read1(root: etree._Element, shown: str) -> list[Section]:
    sections = []
    for file in root.iterchildren(f"{{{XLIFF1}}}file"):
        source_language, target_language = file.get("source-language"), file.get("target-language")
        if not source_language or not target_language:
            raise InterchangeError("<file> needs source-language and target-language", shown, file.sourceline)
        sections.append(_section(file, shown, source_language, target_language, f"{{{XLIFF1}}}trans-unit", _unit1))
    return sections


def _unit1(element: etree._Element) -> ReadUnit:
    unit = ReadUnit(element.get("id", ""), element.sourceline or 0, [], None)
    source = element.find(f"{{{XLIFF1}}}source")
    target = element.find(f"{{{XLIFF1}}}target")
    for note in element.iterfind(f"{{{XLIFF1}}}note"):
        text = (note.text or "").strip()
        if note.get("from") == "l10n" and note.get("annotates") == "target":
            unit.origin = text
        elif text and (note.get("from") not in _OURS1 or note.get("from") == "l10n"):
            unit.notes.append(text)
    alt = element.find(f"{{{XLIFF1}}}alt-trans")
    if alt is not None:
        unit.match = alt.get("match-quality")
    try:
        unit.source = _inline1(source) if source is not None else []
        targets = _inline1(target) if target is not None else None
    except PlaceholderError as e:
        unit.problem = str(e)
        return unit
    if not unit.id:
        unit.problem = "a unit without an id"
    language = target.get(XML_LANG) if target is not None else None
    expected = next(element.iterancestors(f"{{{XLIFF1}}}file")).get("target-language", "")
    if language and language.split("-")[0].lower() != expected.split("-")[0].lower():
        unit.problem = f"its target is in {language}, not the file's {expected}"
    elif target is not None and has_text(targets) and target.get("state") not in _UNTRANSLATED1:
        unit.target = targets
        unit.qualifier = target.get("state-qualifier")
        unit.state = REVIEWED if _reviewed1(element, target) else FUZZY
    return unit


def _reviewed1(unit: etree._Element, target: etree._Element) -> bool:
    """Whether a 1.2 unit says its target is reviewed: approved, or in state final or signed-off,
    and nothing in it says otherwise (approved="no", a state that needs work, translate="no")."""
    approved, state = unit.get("approved"), target.get("state", "")
    if approved == "no" or unit.get("translate") == "no" or state == "new" or state.startswith("needs-"):
        return False
    return approved == "yes" or state in _REVIEWED1


def qualified_provider(qualifier: str | None) -> str | None:
    """The kind of origin an XLIFF 1.2 state-qualifier names (`mt`, `memory`, `pseudo`), if any."""
    return _PROVIDERS1.get(qualifier or "")


def _inline1(element: etree._Element) -> list[Piece]:
    """XLIFF 1.2 content as text and tokens. A code's id names its placeholder; an end
    (`<ex/>`, `<ept>`) takes the name of the start its `rid` (else its id) points at; the native
    markup inside `<bpt>`, `<ept>`, `<ph>` and `<it>` is the page's, not text."""
    opened: dict[str, str] = {}  # a start's rid (and id) → its placeholder's name

    def code(child: etree._Element) -> list[Piece]:
        kind = local(child) if etree.QName(child).namespace == XLIFF1 else child.tag
        name = child.get("id", "")
        if kind == "g":
            return [Token(name, OPEN), *inline(child, code), Token(name, CLOSE)]
        if kind in ("x", "ph"):
            return [Token(name, EMPTY)]
        if kind in ("bx", "bpt"):
            opened[child.get("rid") or name] = opened[name] = name
            return [Token(name, OPEN)]
        if kind in ("ex", "ept"):
            return [Token(opened.get(child.get("rid") or name, name), CLOSE)]
        if kind == "it":
            pos = child.get("pos")
            if pos not in ("open", "close"):
                raise PlaceholderError(f'<it id={name!r}> without pos="open" or "close"')
            return [Token(name, OPEN if pos == "open" else CLOSE)]
        if kind == "mrk":
            return inline(child, code)
        raise PlaceholderError(
            f"unexpected inline element <{kind}> "
            "(l10n reads <g>, <x/>, <bx/>, <ex/>, <bpt>, <ept>, <ph>, <it> and <mrk>)"
        )

    return inline(element, code)


def _original(file: etree._Element, shown: str) -> str:
    original = file.get("original")
    if not original:
        raise InterchangeError("<file> has no original attribute naming its catalog", shown, file.sourceline)
    return original
