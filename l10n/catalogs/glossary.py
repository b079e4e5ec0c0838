"""The terminology of a locale: a TBX glossary at `locales/<locale>/glossary.tbx`.

TBX is the terminology exchange standard that Weblate and CAT tools read. Each `termEntry` is one
concept, with an English `langSet` and a target one, each holding one or more terms (`<tig>`,
`<ntig>`, or TBX 3's `<termSec>`). What l10n reads from an entry:

* every English term: synonyms and variants ("One Belt One Road", "Belt and Road Initiative") are
  all found in English text, each asking for the entry's translation;
* the target terms and their `<termNote type="administrativeStatus">`: the preferred term
  (`preferredTerm-admn-sts`, or else the first term), admitted alternatives a translation may use
  instead (`admittedTerm-admn-sts`; also legal, regulated and standardized terms) and deprecated ones
  it may not (`deprecatedTerm-admn-sts`, `supersededTerm-admn-sts`, Weblate's `forbidden` and
  `obsolete`); a term without a status is admitted;
* `<descrip type="Translation needed">No</descrip>` (Weblate's marker for untranslatable terms): the
  term stays as it is in every language;
* `<descrip type="Exception">postal address</descrip>`: an English context in which the entry does
  not apply (one of `EXCEPTIONS`), e.g. "Leicester" as the post town in "Glenfield, Leicester LE3 8RA".
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from ..errors import GlossaryError
from ..segment.placeholders import TOKEN

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FILE_NAME = "glossary.tbx"

_LANG_SETS = ("langSet", "langSec")
_TERM_GROUPS = ("tig", "ntig", "termSec")
PREFERRED, ADMITTED, DEPRECATED = "preferred", "admitted", "deprecated"
# TBX administrative statuses (`preferredTerm-admn-sts`, TBX 3's `preferred`…, Weblate's `forbidden`).
_STATUSES = {"preferred": PREFERRED, "admitted": ADMITTED, "legal": ADMITTED, "regulated": ADMITTED,
             "standardized": ADMITTED, "deprecated": DEPRECATED, "superseded": DEPRECATED,
             "notrecommended": DEPRECATED, "forbidden": DEPRECATED, "obsolete": DEPRECATED}

# A UK postcode (LE3 8RA, SW1A 1AA), after the post town of an address and a space or comma.
_POSTCODE_NEXT = re.compile(r"(?:\s*,\s*|\s+)[A-Z]{1,2}[0-9][A-Z0-9]?[ \u00a0]?[0-9][A-Z]{2}(?![\w-])")
# Contexts an entry can be excepted from (`<descrip type="Exception">`): whether the match of the
# term in the English text is in that context.
EXCEPTIONS: dict[str, Callable[[str, re.Match[str]], bool]] = {
    # The post town of a postal address, written just before the postcode: "Glenfield, Leicester LE3 8RA".
    "postal address": lambda text, match: _POSTCODE_NEXT.match(text, match.end()) is not None,
}


@dataclass(frozen=True)
class Term:
    """One English term of an entry and what a translation of it must hold."""

    source: str
    target: str  # the preferred translation; the source itself when untranslatable
    translatable: bool = True
    note: str = ""
    admitted: tuple[str, ...] = ()  # other translations a translation may use instead
    deprecated: tuple[str, ...] = ()  # translations it may not use
    exceptions: tuple[str, ...] = ()  # contexts (names in EXCEPTIONS) where the term does not apply

    @property
    def accepted(self) -> tuple[str, ...]:
        """The translations a translation may use, the preferred one first."""
        return (self.target, *self.admitted)


class Glossary:
    """Terms, and where they occur in English text."""

    def __init__(self, terms: list[Term]):
        self.terms = sorted(terms, key=lambda t: (-len(t.source), t.source))

    def __len__(self) -> int:
        return len(self.terms)

    @property
    def untranslatable(self) -> list[Term]:
        return [t for t in self.terms if not t.translatable]

    @cached_property
    def _pattern(self) -> re.Pattern[str] | None:
        if not self.terms:
            return None
        alternatives = "|".join(re.escape(t.source) for t in self.terms)
        return re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])", re.IGNORECASE)

    @cached_property
    def _by_source(self) -> dict[str, Term]:
        return {t.source.lower(): t for t in reversed(self.terms)}

    def matches(self, text: str) -> list[Term]:
        """Terms in English `text`, longest first, without overlaps.

        Terms with a capital letter (names) match only as written; others in any case. Paired
        placeholder tokens are ignored, a standalone one (`<br1/>`) separates words. An occurrence
        in a context the term's entry is excepted from does not count.
        """
        if self._pattern is None:
            return []
        plain = TOKEN.sub(lambda m: " " if m.group(3) else "", text)
        found: list[Term] = []
        for match in self._pattern.finditer(plain):
            term = self._by_source[match.group(0).lower()]
            if term.source != term.source.lower() and match.group(0) != term.source:
                continue
            if any(EXCEPTIONS[context](plain, match) for context in term.exceptions):
                continue
            if term not in found:
                found.append(term)
        return found


def glossary_path(locales: Path, locale: str) -> Path:
    return locales / locale / FILE_NAME


def load_glossary(path: Path, source_language: str = "en") -> Glossary:
    """Read a TBX glossary; a missing file is an empty glossary."""
    if not path.exists():
        return Glossary([])
    try:
        root = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError as e:
        raise GlossaryError(f"not valid TBX: {e.msg}", path, e.lineno) from None
    terms = []
    for entry in root.iter("termEntry", "conceptEntry"):
        sources: list[str] = []
        targets: list[tuple[str, str]] = []
        for lang_set in entry.iter(*_LANG_SETS):
            lang = (lang_set.get(XML_LANG) or "").lower()
            found = _terms(lang_set, path)
            if not found:
                continue
            if lang.split("-")[0].split("_")[0] == source_language:
                sources += [term for term, _ in found]
            elif not targets:
                targets = found
        if not sources:
            raise GlossaryError("term entry without an English term", path, entry.sourceline)
        needed = entry.findtext("descrip[@type='Translation needed']") or entry.findtext(".//descrip[@type='Translation needed']")
        translatable = (needed or "yes").strip().lower() not in ("no", "false")
        note = (entry.findtext(".//descrip[@type='definition']") or entry.findtext(".//note") or "").strip()
        exceptions = tuple(_exception(e, path) for e in entry.iterfind(".//descrip[@type='Exception']"))
        if not translatable:
            terms += [Term(source, source, False, note, exceptions=exceptions) for source in sources]
            continue
        accepted = [term for term, status in targets if status != DEPRECATED]
        if not accepted:
            problem = "only deprecated translations" if targets else "no translation"
            raise GlossaryError(f"term {sources[0]!r} has {problem} and is not marked untranslatable",
                                path, entry.sourceline)
        target = next((term for term, status in targets if status == PREFERRED), accepted[0])
        admitted = tuple(dict.fromkeys(term for term in accepted if term != target))
        deprecated = tuple(term for term, status in targets if status == DEPRECATED)
        terms += [Term(source, target, True, note, admitted, deprecated, exceptions) for source in sources]
    return Glossary(terms)


def _terms(lang_set: etree._Element, path: Path) -> list[tuple[str, str]]:
    """The terms of a language in an entry, with their administrative status (admitted if unmarked)."""
    groups = [child for child in lang_set if child.tag in _TERM_GROUPS] or [lang_set]
    found = []
    for group in groups:
        term = (group.findtext(".//term") or "").strip()
        if term:
            found.append((term, _status(group.find(".//termNote[@type='administrativeStatus']"), path)))
    return found


def _status(note: etree._Element | None, path: Path) -> str:
    if note is None:
        return ADMITTED
    text = (note.text or "").strip()
    key = text.lower().replace("-", "").removesuffix("admnsts").removesuffix("term")
    if key not in _STATUSES:
        raise GlossaryError(f"unknown administrative status {text!r} (use preferredTerm-admn-sts, "
                            "admittedTerm-admn-sts or deprecatedTerm-admn-sts)", path, note.sourceline)
    return _STATUSES[key]


def _exception(descrip: etree._Element, path: Path) -> str:
    """The context an `Exception` names, in the singular or the plural ("postal addresses")."""
    text = " ".join((descrip.text or "").split())
    for context in (text.lower(), text.lower()[:-1], text.lower()[:-2]):
        if context in EXCEPTIONS:
            return context
    raise GlossaryError(f"unknown exception {text!r} (known: {', '.join(EXCEPTIONS)})", path, descrip.sourceline)
