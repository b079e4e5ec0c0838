"""msgmerge-style merging of a catalog with its template, in memory: no translation is lost."""

from __future__ import annotations

import re
from collections.abc import Callable

from ..locales import TargetLocale
from ..segment.placeholders import token_problems
from .catalog import Catalog, Entry, Key
from .memory import TranslationMemory
from .template import now, set_locale_headers

# Least similarity (rapidfuzz's ratio, 0–100) for changed English to inherit an old translation.
FUZZY_THRESHOLD = 70.0
# A `<time>` showing a date in English is a standalone placeholder (`Published <time1/>`: the build
# writes the date); it was a paired one holding the date (`Published <time1>8 November 2017</time1>`).
_DATE_PAIR = re.compile(r"<(time[0-9]+)>[^<]*</\1>")


def merge(
    po: Catalog,
    pot: Catalog,
    locale: TargetLocale,
    elsewhere: Callable[[Key], Entry | None] | None = None,
    keep_obsolete: bool = True,
) -> Catalog:
    """Bring a catalog up to date with its template, as msgmerge does.

    Unchanged English keeps its translation; English that moved here from another catalog of
    the locale (`elsewhere` finds it: a unit that moved between an article and the site
    catalog) brings its translation and state along, as does English whose date became a standalone
    placeholder (`<time1/>`: the date in its translation goes); changed English inherits the most similar
    old translation as fuzzy, with the old msgid recorded (`#|`); English that is gone becomes
    obsolete (`#~`) with its translation, and gets it back if it returns. An old entry whose
    translation lives on in the fuzzy entry of its edited English is not kept as obsolete, and
    none is without `keep_obsolete`. Entries l10n
    never makes are kept as they are: plural ones, and a translator's own (active, with no
    extracted comment or reference, English no template has).
    """
    merged = Catalog()
    merged.header = po.header
    merged.header_flags = list(po.header_flags)
    merged.metadata = dict(po.metadata)
    merged.metadata["POT-Creation-Date"] = pot.metadata.get("POT-Creation-Date", now())
    set_locale_headers(merged, locale)

    templated = {e.key for e in pot}
    foreign = [e for e in po if _foreign(e, templated)]
    kept = set(foreign)
    ours = [e for e in po if e not in kept]
    active = {e.key: e for e in ours if not e.obsolete}
    obsolete = {e.key: e for e in ours if e.obsolete}
    # Fuzzy entries by the English their translation was made for (`#|`): when that English comes
    # back, the translation (dropped from the obsolete entries: it lived on here) comes back too.
    heirs = {(e.previous_msgctxt, e.previous_msgid): e for e in po if e.fuzzy and e.msgstr and e.previous_msgid}
    # Entries of the English before dates became standalone placeholders, by the key they have now.
    dated = {
        (e.msgctxt, _DATE_PAIR.sub(r"<\1/>", e.msgid)): e
        for e in (*po.active(), *po.obsolete())
        if _DATE_PAIR.search(e.msgid)
    }
    used: set[Key] = set()
    unmatched: list[Entry] = []
    for source in pot:
        entry = Entry(
            source.msgid, msgctxt=source.msgctxt, occurrences=list(source.occurrences), comment=source.comment
        )
        old = active.get(source.key) or obsolete.get(source.key)
        if old is not None:
            used.add(old.key)
            _inherit(entry, old, fuzzy=old.fuzzy)
        elif (old := dated.get(source.key)) is not None and old.key not in used:
            used.add(old.key)  # its translation holds: only the date, which the build now writes, goes
            msgstr = _DATE_PAIR.sub(r"<\1/>", old.msgstr)
            _inherit(entry, old, fuzzy=old.fuzzy or bool(token_problems(source.msgid, msgstr)))
            entry.msgstr = msgstr
        elif elsewhere is not None and (moved := elsewhere(source.key)) is not None and moved.msgstr:
            _inherit(entry, moved, fuzzy=moved.fuzzy)
        elif (heir := heirs.get(source.key)) is not None:
            _inherit(entry, heir, fuzzy=True)
            entry.previous_msgid, entry.previous_msgctxt = heir.msgid, heir.msgctxt
        else:
            unmatched.append(entry)
        merged.entries.append(entry)

    candidates = [e for k, e in (*active.items(), *obsolete.items()) if k not in used and e.msgstr]
    for entry, old in _best_pairs(unmatched, candidates):
        used.add(old.key)  # its translation lives on in the fuzzy entry (with `#|` its English)
        _inherit(entry, old, fuzzy=True)

    # Obsolete: what has a translation that lives nowhere else (not the English a fuzzy entry came from).
    for k, old in (*active.items(), *obsolete.items()):
        if keep_obsolete and k not in used and old.msgstr:
            used.add(k)
            merged.entries.append(_obsolete(old))
    merged.entries += [_obsolete(e) if not e.obsolete and e.key in templated else e for e in foreign]
    return merged


def _foreign(entry: Entry, templated: set[Key]) -> bool:
    """An entry l10n does not make: a plural one, or an active one the translator added (no
    extracted comment, no reference, English no template has)."""
    if entry.msgid_plural is not None:
        return True
    return not entry.obsolete and not entry.comment and not entry.occurrences and entry.key not in templated


def _inherit(entry: Entry, old: Entry, fuzzy: bool) -> None:
    """Give `entry` the translation and translator's notes of `old`."""
    entry.msgstr = old.msgstr
    entry.tcomment = old.tcomment
    entry.flags = [f for f in old.flags if f != "fuzzy"]
    if fuzzy and old.msgstr:
        entry.flags.insert(0, "fuzzy")
        if old.fuzzy and old.previous_msgid:
            entry.previous_msgid, entry.previous_msgctxt = old.previous_msgid, old.previous_msgctxt
        elif old.key != entry.key:
            entry.previous_msgid, entry.previous_msgctxt = old.msgid, old.msgctxt


def _obsolete(old: Entry) -> Entry:
    return Entry(
        old.msgid,
        old.msgstr,
        old.msgctxt,
        old.msgid_plural,
        dict(old.msgstr_plural),
        list(old.flags),
        tcomment=old.tcomment,
        previous_msgctxt=old.previous_msgctxt,
        previous_msgid=old.previous_msgid,
        obsolete=True,
    )


def _best_pairs(new: list[Entry], old: list[Entry]) -> list[tuple[Entry, Entry]]:
    """Pair new entries with the most similar old ones, best pairs first, each old entry used once."""
    if not new or not old:
        return []
    by_source: dict[str, Entry] = {}
    for entry in old:
        by_source.setdefault(entry.msgid, entry)
    memory = TranslationMemory((msgid, msgid) for msgid in by_source)
    found = [
        (match.score, i, match.source)
        for i, entry in enumerate(new)
        if (match := memory.lookup(entry.msgid, FUZZY_THRESHOLD)) is not None
    ]
    found.sort(key=lambda f: (-f[0], f[1]))
    used: set[str] = set()
    pairs = []
    for _, i, source in found:
        if source not in used:
            used.add(source)
            pairs.append((new[i], by_source[source]))
    return pairs
