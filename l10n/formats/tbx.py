"""TBX glossaries (the terminology exchange standard Weblate and CAT tools read), read into a `Glossary`.

Each `termEntry` (TBX 3: `conceptEntry`) is one concept, with an English `langSet` and a target
one, each holding one or more terms (`<tig>`, `<ntig>`, or TBX 3's `<termSec>`). What l10n reads
from an entry:

* every English term;
* the target terms and their `<termNote type="administrativeStatus">`: the preferred term
  (`preferredTerm-admn-sts`, or else the first term), admitted alternatives
  (`admittedTerm-admn-sts`; also legal, regulated and standardized terms) and deprecated ones
  (`deprecatedTerm-admn-sts`, `supersededTerm-admn-sts`, Weblate's `forbidden` and `obsolete`); a
  term without a status is admitted;
* `<descrip type="Translation needed">No</descrip>` (Weblate's marker for untranslatable terms);
* `<descrip type="Exception">postal address</descrip>`: a context (one of `glossary.EXCEPTIONS`)
  in which the entry does not apply;
* a `definition` or `<note>`, shown to translators.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from ..catalogs.glossary import ADMITTED, DEPRECATED, EXCEPTIONS, PREFERRED, Glossary, Term
from ..errors import GlossaryError
from .xmlio import XML_LANG, parse_xml

_LANG_SETS = ("langSet", "langSec")
_TERM_GROUPS = ("tig", "ntig", "termSec")
# TBX administrative statuses (`preferredTerm-admn-sts`, TBX 3's `preferred`…, Weblate's `forbidden`).
_STATUSES = {
    "preferred": PREFERRED,
    "admitted": ADMITTED,
    "legal": ADMITTED,
    "regulated": ADMITTED,
    "standardized": ADMITTED,
    "deprecated": DEPRECATED,
    "superseded": DEPRECATED,
    "notrecommended": DEPRECATED,
    "forbidden": DEPRECATED,
    "obsolete": DEPRECATED,
}


def parse(data: bytes, path: Path | str, source_language: str = "en") -> Glossary:
    """A glossary from TBX (`path` names the file in errors); what cannot be read is a GlossaryError."""
    root = parse_xml(data, path, GlossaryError, "not valid TBX")
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
        needed = entry.findtext("descrip[@type='Translation needed']") or entry.findtext(
            ".//descrip[@type='Translation needed']"
        )
        translatable = (needed or "yes").strip().lower() not in ("no", "false")
        note = (entry.findtext(".//descrip[@type='definition']") or entry.findtext(".//note") or "").strip()
        exceptions = tuple(_exception(e, path) for e in entry.iterfind(".//descrip[@type='Exception']"))
        if not translatable:
            terms += [Term(source, source, False, note, exceptions=exceptions) for source in sources]
            continue
        accepted = [term for term, status in targets if status != DEPRECATED]
        if not accepted:
            problem = "only deprecated translations" if targets else "no translation"
            raise GlossaryError(
                f"term {sources[0]!r} has {problem} and is not marked untranslatable", path, entry.sourceline
            )
        target = next((term for term, status in targets if status == PREFERRED), accepted[0])
        admitted = tuple(dict.fromkeys(term for term in accepted if term != target))
        deprecated = tuple(term for term, status in targets if status == DEPRECATED)
        terms += [Term(source, target, True, note, admitted, deprecated, exceptions) for source in sources]
    return Glossary(terms)


def _terms(lang_set: etree._Element, path: Path | str) -> list[tuple[str, str]]:
    """The terms of a language in an entry, with their administrative status (admitted if unmarked)."""
    groups = [child for child in lang_set if child.tag in _TERM_GROUPS] or [lang_set]
    found = []
    for group in groups:
        term = (group.findtext(".//term") or "").strip()
        if term:
            found.append((term, _status(group.find(".//termNote[@type='administrativeStatus']"), path)))
    return found


def _status(note: etree._Element | None, path: Path | str) -> str:
    if note is None:
        return ADMITTED
    text = (note.text or "").strip()
    key = text.lower().replace("-", "").removesuffix("admnsts").removesuffix("term")
    if key not in _STATUSES:
        raise GlossaryError(
            f"unknown administrative status {text!r} (use preferredTerm-admn-sts, "
            "admittedTerm-admn-sts or deprecatedTerm-admn-sts)",
            path,
            note.sourceline,
        )
    return _STATUSES[key]


def _exception(descrip: etree._Element, path: Path | str) -> str:
    """The context an `Exception` names, in the singular or the plural ("postal addresses")."""
    text = " ".join((descrip.text or "").split())
    for context in (text.lower(), text.lower()[:-1], text.lower()[:-2]):
        if context in EXCEPTIONS:
            return context
    raise GlossaryError(f"unknown exception {text!r} (known: {', '.join(EXCEPTIONS)})", path, descrip.sourceline)
