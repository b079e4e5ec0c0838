"""The terminology of a locale: a TBX glossary at `locales/<locale>/glossary.tbx`.

TBX is the terminology exchange standard that Weblate and CAT tools read. Each `termEntry`
has an English `langSet` and a target one; `<descrip type="Translation needed">No</descrip>`
(Weblate's marker for untranslatable terms) keeps a term as it is in every language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from lxml import etree

from ..errors import GlossaryError
from ..segment.placeholders import TOKEN

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
FILE_NAME = "glossary.tbx"


@dataclass(frozen=True)
class Term:
    source: str
    target: str  # the approved translation; the source itself when untranslatable
    translatable: bool = True
    note: str = ""


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
        """Terms in English `text` (placeholder tokens ignored), longest first, without overlaps.

        Terms with a capital letter (names) match only as written; others in any case.
        """
        if self._pattern is None:
            return []
        plain = TOKEN.sub("", text)
        found: list[Term] = []
        for match in self._pattern.finditer(plain):
            term = self._by_source[match.group(0).lower()]
            if term.source != term.source.lower() and match.group(0) != term.source:
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
        source, target = None, None
        for lang_set in entry.iter("langSet"):
            lang = (lang_set.get(XML_LANG) or "").lower()
            term = lang_set.findtext(".//term")
            if not term:
                continue
            if lang.split("-")[0].split("_")[0] == source_language:
                source = term.strip()
            elif target is None:
                target = term.strip()
        if not source:
            raise GlossaryError("term entry without an English term", path, entry.sourceline)
        needed = entry.findtext("descrip[@type='Translation needed']") or entry.findtext(".//descrip[@type='Translation needed']")
        translatable = (needed or "yes").strip().lower() not in ("no", "false")
        if not translatable:
            target = source
        elif not target:
            raise GlossaryError(f"term {source!r} has no translation and is not marked untranslatable",
                                path, entry.sourceline)
        note = (entry.findtext(".//descrip[@type='definition']") or entry.findtext(".//note") or "").strip()
        terms.append(Term(source, target, translatable, note))
    return Glossary(terms)
