"""What XLIFF and TMX share: catalog entries as translation units, placeholders as inline codes.

A CAT tool (Trados, memoQ, Phrase, OmegaT) shows an inline code as a protected tag holding the
page's markup; the translator moves it but cannot edit it. Export makes each token of a msgid
such a `Code`, its markup recovered from the entry's `#.` lines (`<a1> is <a href="…">`), and
gives text as the page has it (`&lt;h1>` in a msgid is `<h1>` on the page). Import reads codes
back as tokens named by their ids and makes catalog text of them (`catalog_text`): page text
escaped again, every token checked against the msgid.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..catalogs.catalog import Catalog, Entry
from ..catalogs.origin import Origin, origin, translator_lines
from ..digests import digest
from ..errors import PlaceholderError
from ..locales import TargetLocale, same_locale
from ..segment.placeholders import (
    CLOSE,
    EMPTY,
    OPEN,
    check_nesting,
    escape_literals,
    scan,
    tokens,
    unescape_literals,
)
from .xmlio import Piece

# What XML 1.0 cannot hold, even escaped.
NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_DESCRIBED = re.compile(r"<([A-Za-z][A-Za-z-]*[0-9]+)/?> is (.*)")
_WRITTEN = {OPEN: "<{}>", CLOSE: "</{}>", EMPTY: "<{}/>"}
REVIEWED, FUZZY, UNTRANSLATED = "reviewed", "fuzzy", "untranslated"  # a unit's state in the catalog
IGNORE = "ignore-"  # a PO flag that waives a check on one entry (`ignore-numbers`), as in Weblate
# A waiver in a CAT tool: a note starting with `ignore-` and the check's name, a reason after a
# colon if wanted (`ignore-untranslated: Defra stays in English`); it becomes the PO flag.
WAIVER = re.compile(r"\s*ignore-([a-z]+)(?![\w-])\s*(?::\s*(?P<reason>.*))?", re.DOTALL | re.IGNORECASE)


@dataclass(frozen=True)
class Code:
    """A placeholder as an inline code: its token name and the page markup it stands for."""

    name: str  # `a1`, `br2`: the token's name, and the code's id in every format
    paired: bool
    start: str  # a start tag (`<a href="…">`), or an empty element whole (`<br>`)
    end: str  # the end tag of a paired code (`</a>`); "" otherwise

    @property
    def tag(self) -> str:
        """The HTML element (`a` for `a1`)."""
        return element(self.name)


@dataclass(frozen=True)
class TransUnit:
    """A catalog entry as it leaves for a CAT tool."""

    id: str
    entry: Entry
    codes: dict[str, Code]  # in the msgid's order
    source: list[Piece]
    target: list[Piece] | None  # None: no translation to send

    @property
    def state(self) -> str:
        """REVIEWED, FUZZY or UNTRANSLATED, as the catalog has it."""
        if self.target is None:
            return UNTRANSLATED
        return REVIEWED if self.entry.reviewed else FUZZY

    @property
    def origin(self) -> Origin | None:
        """Where its translation came from (a suggestion's provider, a memory match), if known."""
        return origin(self.entry) if self.target is not None else None

    def translator_note(self) -> str:
        """What translators and reviewers wrote about the entry (its translator comment but the
        origin line, and but lines holding a character XML cannot carry: an import adds nothing
        for a line it finds missing); "" when nothing."""
        return "\n".join(line for line in translator_lines(self.entry) if not NOT_XML.search(line)).strip()

    def waivers(self) -> list[str]:
        """The entry's waived checks as notes: `ignore-numbers` (see `WAIVER`)."""
        return [flag for flag in self.entry.flags if flag.startswith(IGNORE)]

    def notes(self) -> list[tuple[str, str]]:
        """(category, text) notes for the translator: context, element, placeholders, places, old
        English; characters XML cannot carry written as escapes (`\\x01`)."""
        return [(category, NOT_XML.sub(_escaped, text)) for category, text in self._notes()]

    def _notes(self) -> list[tuple[str, str]]:
        entry = self.entry
        found = [("context", f"Context: {entry.msgctxt}")] if entry.msgctxt else []
        for line in entry.comment.split("\n") if entry.comment else []:
            found.append(("placeholder", line) if _DESCRIBED.fullmatch(line) else ("element", f"Element: {line}"))
        if entry.occurrences:
            places = " ".join(f"{path}:{line}" if line else path for path, line in entry.occurrences)
            found.append(("location", f"Source: {places}"))
        if entry.fuzzy and entry.previous_msgid is not None and self.target is not None:
            found.append(("previous", f"Previous English: {entry.previous_msgid}"))
        return found


def _escaped(match: re.Match[str]) -> str:
    return ascii(match.group(0))[1:-1]


def unit_id(entry: Entry) -> str:
    """An entry's id in every export: `u` and a digest of its msgctxt and msgid (an XML NMTOKEN)."""
    context = "" if entry.msgctxt is None else "\x04" + entry.msgctxt
    return "u" + digest(context, entry.msgid)[:16]


def codes(entry: Entry) -> dict[str, Code]:
    """The placeholders of an entry's msgid, with the markup its `#.` lines give them."""
    described: dict[str, str] = {}
    for line in entry.comment.split("\n"):
        match = _DESCRIBED.fullmatch(line)
        if match:
            described.setdefault(match.group(1), match.group(2))
    found = {}
    for name, paired in tokens(entry.msgid).items():
        start = described.get(name, f"<{name}>" if paired else f"<{name}/>")
        found[name] = Code(name, paired, start, f"</{element(name)}>" if paired else "")
    return found


def element(name: str) -> str:
    """The HTML element a placeholder stands for: its name without the number (`a` for `a1`)."""
    return name.rstrip("0123456789")


def trans_units(catalog: Catalog, where: str, notes: list[str]) -> list[TransUnit]:
    """The active entries of a catalog as units. A translation whose placeholders do not fit
    its English is left out, and said so in `notes` (`where:line: …`)."""
    units = []
    for entry in catalog.active():
        if entry.msgid_plural is not None:
            continue  # l10n makes no plural entries
        found = codes(entry)
        expected = {name: code.paired for name, code in found.items()}
        try:
            source = pieces(entry.msgid, expected)
        except PlaceholderError as e:
            notes.append(f"{where}:{entry.line}: not exported: the English has {e}")
            continue
        target = None
        if entry.msgstr:
            try:
                target = pieces(entry.msgstr, expected)
            except PlaceholderError as e:
                notes.append(f"{where}:{entry.line}: translation not exported: {e}")
        units.append(TransUnit(unit_id(entry), entry, found, source, target))
    return units


def pieces(text: str, expected: Mapping[str, bool]) -> list[Piece]:
    """A msgid or msgstr as page text and tokens (`scan`, escaped text undone)."""
    return [unescape_literals(piece) if isinstance(piece, str) else piece for piece in scan(text, expected)]


def catalog_text(found: Iterable[Piece], expected: Mapping[str, bool]) -> str:
    """Page text and codes, as read from a file, written as a msgid or msgstr: text that reads like
    a token escaped, each code its token. PlaceholderError when a code is unknown, missing,
    repeated, in the wrong form or not closed."""
    out: list[str] = []
    run: list[str] = []
    for piece in found:
        if isinstance(piece, str):
            run.append(piece)
            continue
        if piece.name not in expected:
            raise PlaceholderError(f"unknown inline code id {piece.name!r}")
        out += [escape_literals("".join(run)), _WRITTEN[piece.kind].format(piece.name)]
        run = []
    out.append(escape_literals("".join(run)))
    text = "".join(out)
    scan(text, expected)
    return text


def check_codes(msgid: str, text: str) -> None:
    """Raise PlaceholderError when a translation's codes nest where its English's do not (a link
    placed inside another link)."""
    check_nesting(msgid, scan(text, tokens(msgid)))


def xml_safe(units: Iterable[TransUnit], where: str, notes: list[str]) -> list[TransUnit]:
    """The units whose text XML can hold (formats without `<cp/>`); the others are noted."""
    kept = []
    for unit in units:
        texts = [piece for piece in (*unit.source, *(unit.target or ())) if isinstance(piece, str)]
        texts.append(unit.entry.msgctxt or "")  # TMX keeps it as a property
        if any(NOT_XML.search(text) for text in texts):
            notes.append(f"{where}:{unit.entry.line}: not exported: holds a control character XML cannot carry")
        else:
            kept.append(unit)
    return kept


def same_language(tag: str, locale: TargetLocale) -> bool:
    """True when a BCP 47 tag names the locale's language and script (see `locales.same_locale`)."""
    return same_locale(tag, locale)
