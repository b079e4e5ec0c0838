"""TMX 1.4b translation memory: a locale's reviewed translations out, an agency's memory in.

Placeholders are `<bpt>`/`<ept>` pairs (matched by `i`) and `<ph/>`, holding the page's markup
escaped; `x` numbers a code the same in the English and the translation. Read back, each code
becomes the token a msgid would have (`<a1>` for the first code, an `<a …>`; `<br2/>`), so a
memory written by l10n matches its own English exactly, and others match as closely as their
markup allows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from ..catalogs.catalog import Key
from ..catalogs.origin import PREFIX
from ..digests import digest
from ..errors import InterchangeError, PlaceholderError
from ..locales import TargetLocale
from ..segment.placeholders import CLOSE, EMPTY, OPEN, Token
from .transunits import REVIEWED, TransUnit, catalog_text, same_language
from .xmlio import XML_LANG, Piece, append_text, inline, parse_xml, serialise

_LEAVES = frozenset({"seg", "prop", "note"})
_PSEUDO = "pseudo"
_START_TAG = re.compile(r"\s*<([A-Za-z][A-Za-z0-9-]*)")


def write(
    units: Iterable[tuple[TransUnit, str]], source_language: str, target_language: str, segtype: str, tool_version: str
) -> bytes:
    """The reviewed translations of `units` as a TMX document, one `<tu>` per distinct translation
    of an English text and its context (`tool_version`: l10n's, for the header). Each `<tu>`
    says where the translation is used (`x-context`: the msgctxt; `x-element`: the roles of its
    elements, `td` or `a`; `x-catalog`: the site's catalog or an article's) and, when known,
    where it came from (`x-origin`: `libre, 2026-11-28`, `memory, exact, accepted`)."""
    root = etree.Element("tmx", version="1.4")
    etree.SubElement(
        root,
        "header",
        {
            "creationtool": "l10n",
            "creationtoolversion": tool_version,
            "datatype": "html",
            "segtype": segtype,
            "adminlang": "en",
            "srclang": source_language,
            "o-tmf": "PO",
        },
    )
    body = etree.SubElement(root, "body")
    seen: set[tuple[Key, str]] = set()
    keys: set[Key] = set()
    for unit, catalog in units:
        entry = unit.entry
        if unit.state != REVIEWED or unit.target is None or (entry.key, entry.msgstr) in seen:
            continue
        seen.add((entry.key, entry.msgstr))
        tuid = unit.id if entry.key not in keys else f"{unit.id}-{digest(entry.msgstr)[:8]}"  # another translation
        keys.add(entry.key)
        tu = etree.SubElement(body, "tu", tuid=tuid)
        if entry.msgctxt:
            etree.SubElement(tu, "prop", type="x-context").text = entry.msgctxt
        if entry.roles:
            etree.SubElement(tu, "prop", type="x-element").text = " ".join(entry.roles)
        etree.SubElement(tu, "prop", type="x-catalog").text = catalog
        if unit.origin is not None:
            etree.SubElement(tu, "prop", type="x-origin").text = unit.origin.comment().removeprefix(PREFIX)
        numbers = {name: number for number, name in enumerate(unit.codes, 1)}
        for language, found in ((source_language, unit.source), (target_language, unit.target)):
            tuv = etree.SubElement(tu, "tuv", {XML_LANG: language})
            _seg(etree.SubElement(tuv, "seg"), unit, found, numbers)
    return serialise(root, _LEAVES)


def _seg(seg: etree._Element, unit: TransUnit, found: list[Piece], numbers: dict[str, int]) -> None:
    """Fill a `<seg>` with text, `<bpt>`/`<ept>` (paired by i) and `<ph>`, x numbering each code."""
    for piece in found:
        if isinstance(piece, str):
            append_text(seg, piece)
            continue
        code, number = unit.codes[piece.name], str(numbers[piece.name])
        if piece.kind == OPEN:
            etree.SubElement(seg, "bpt", i=number, x=number).text = code.start
        elif piece.kind == CLOSE:
            etree.SubElement(seg, "ept", i=number).text = code.end
        else:
            etree.SubElement(seg, "ph", x=number).text = code.start


# ---- reading ----


def read(data: bytes, shown: str, source_language: str, locale: TargetLocale) -> list[tuple[str, str]]:
    """(English, translation) pairs of a TMX document, as msgid and msgstr; units whose languages
    are missing or whose codes do not pair up are left out."""
    root = parse_xml(data, shown)
    body = root.find("body")
    if root.tag != "tmx" or body is None:
        raise InterchangeError(
            f"not a TMX file: the document is <{etree.QName(root).localname}>", shown, root.sourceline
        )
    pairs = []
    english = source_language.split("-")[0].lower()
    for tu in body.iter("tu"):
        if (tu.findtext("prop[@type='x-origin']") or "").startswith(_PSEUDO):
            continue  # pseudo-localised text is no translation
        source = target = None
        for tuv in tu.iter("tuv"):
            language = tuv.get(XML_LANG) or tuv.get("lang") or ""
            seg = tuv.find("seg")
            if seg is None:
                continue
            if source is None and language.split("-")[0].lower() == english:
                source = seg
            elif target is None and same_language(language, locale):
                target = seg
        if source is not None and target is not None:
            pair = _pair(source, target)
            if pair is not None:
                pairs.append(pair)
    return pairs


def _pair(source: etree._Element, target: etree._Element) -> tuple[str, str] | None:
    """The msgid and msgstr of a source and target seg, codes named after the source's markup."""
    try:
        names: dict[str, str] = {}  # an English code's keys (`x3`, `i3`, `bpt#1`) → its token name
        english = _pieces(source, names, source=True)
        expected = {
            token.name: token.kind == OPEN for token in english if isinstance(token, Token) and token.kind != CLOSE
        }
        translation = _pieces(target, names, source=False)
        return catalog_text(english, expected), catalog_text(translation, expected)
    except PlaceholderError:
        return None


def _pieces(seg: etree._Element, names: dict[str, str], source: bool) -> list[Piece]:
    """A seg as text and tokens. Codes of the English get names, recorded in `names` by their x,
    their i (pairs) and their place among codes of their kind; codes of the translation take the
    name of the English code that shares one of these, first x, then i, then place."""
    opened: dict[str, str] = {}  # this seg's i → name, for its <ept>
    counts = {"bpt": 0, "ph": 0}

    def code(element: etree._Element) -> list[Piece]:
        kind = element.tag
        if kind == "hi":
            return inline(element, code)
        if kind not in ("bpt", "ept", "ph"):
            raise PlaceholderError(f"unsupported <{kind}>")
        if kind == "ept":
            return [Token(opened.get(element.get("i", ""), "?"), CLOSE)]
        counts[kind] += 1
        keys = [f"x{element.get('x')}"] if element.get("x") else []
        keys += [f"i{element.get('i')}"] if kind == "bpt" and element.get("i") else []
        keys.append(f"{kind}#{counts[kind]}")
        if source:
            name = f"{_tag(element)}{sum(counts.values())}"
            names.update((key, name) for key in keys if key not in names)
        else:
            name = next((names[key] for key in keys if key in names), "?")
        if kind == "bpt":
            opened[element.get("i", "")] = name
            return [Token(name, OPEN)]
        return [Token(name, EMPTY)]

    return inline(seg, code)


def _tag(element: etree._Element) -> str:
    """The HTML element a code's markup starts (`a` for `<a href="…">`), or `x`."""
    match = _START_TAG.match("".join(element.itertext()))
    return match.group(1).lower() if match else "x"
