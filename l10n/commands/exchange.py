"""Export a locale's catalogs for CAT tools (XLIFF 2.0 or 1.2, TMX), and import XLIFF back.

Import reads and checks every file before it changes a catalog: malformed XML, another format,
a target language that is no locale of the project or a `<file>` naming no catalog is an
InterchangeError, and no catalog is written. A unit is then taken unit by unit: stale when its
English is no longer the catalog's, refused when its codes are not its own placeholders (each
once, paired ones nested). A taken target becomes the entry's translation, reviewed when the
file says final (1.2: approved), fuzzy otherwise; a reviewed translation is made fuzzy only
with a warning, and never emptied. Nothing else in a catalog changes, and only catalogs with
a changed entry are written.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path, PurePosixPath
from typing import Any

from ..atomic import write_if_changed
from ..catalogs.catalog import Catalog, Entry
from ..catalogs.origin import PSEUDO_PROVIDER, Origin, add_origin, drop_origin, parse_origin, translator_lines
from ..check.checks import CHECK_NAMES
from ..errors import InterchangeError, PlaceholderError
from ..formats import pofile, tmx, xliff
from ..formats.transunits import (
    IGNORE,
    WAIVER,
    TransUnit,
    catalog_text,
    check_codes,
    same_language,
    trans_units,
    unit_id,
    xml_safe,
)
from ..formats.xmlio import Piece
from ..locales import TargetLocale
from ..lock import Waiting, quietly
from ..report import Progress, Report, no_progress, printable
from ..segment.htmlio import foreign_character
from ..segment.placeholders import tokens
from ..store import Project, load_catalog, read_exchange_file, save_catalog
from ..version import __version__

FORMATS = ("xliff2", "xliff1", "tmx")


def export(
    project: Project,
    locale: TargetLocale,
    fmt: str,
    out: Path,
    only: tuple[Path, ...] = (),
    progress: Progress = no_progress,
) -> Report:
    """Write the locale's catalogs (or those of the articles under `only`) to `out`: one
    `<domain>.xlf` per catalog, or one `<locale>.tmx` of the reviewed translations (`out` is
    checked by the one rule for output folders: see `Project.output_folder`)."""
    config = project.config
    report = Report()
    out = project.output_folder(out, "export")
    units: list[tuple[TransUnit, str]] = []
    files: list[tuple[Path, bytes]] = []  # written once every catalog is read: bad input writes nothing
    for domain in progress(_domains(project, locale, only), "Exporting"):
        path = project.catalog_file(locale.code, domain)
        where = config.relative(path)
        found = trans_units(load_catalog(path), where, report.notes)
        if fmt == "tmx":
            units += [(unit, domain) for unit in xml_safe(found, where, report.notes)]
        elif not found:
            report.notes.append(f"{where}: nothing to translate; no file written")
        else:
            found = found if fmt == "xliff2" else xml_safe(found, where, report.notes)
            data = xliff.write(fmt, found, f"{domain}.po", config.source_language, locale.html_lang)
            files.append((out / f"{domain}.xlf", data))
    if fmt == "tmx":
        data = tmx.write(units, config.source_language, locale.html_lang, config.segmentation, __version__)
        files.append((out / f"{locale.code}.tmx", data))
    for target, data in files:
        report.record(target, write_if_changed(target, data))
    return report


def _domains(project: Project, locale: TargetLocale, only: tuple[Path, ...]) -> list[str]:
    """The catalogs to export: every one of the locale, or those of the articles under `only`."""
    domains = project.require_catalogs(locale)
    if not only:
        return domains
    chosen = []
    for article in project.articles(only):
        project.article_catalog(locale, article)  # refused when the article has none
        chosen.append(article.domain)
    return chosen


# ---- import ----


@dataclass
class Imported:
    """What an import did to one locale's catalogs, counted in units."""

    locale: str
    reviewed: int = 0  # translation or state changed, now reviewed
    fuzzy: int = 0  # translation or state changed, now fuzzy
    unchanged: int = 0  # a translation the catalog already had, in the same state
    annotated: int = 0  # translator notes or waivers taken (whether or not the translation changed)
    stale: int = 0  # English no longer the catalog's, or a source text edited in the file: not taken
    refused: int = 0  # codes that are not the unit's placeholders, content l10n cannot read or will not take
    empty: int = 0  # no translation in the file (or one in an untranslated state)
    changed: int = 0  # entries the import changed in any way
    problems: list[str] = field(default_factory=list)  # "file:line: unit id: stale|refused: why"
    warnings: list[str] = field(default_factory=list)  # reviewed translations made fuzzy, or kept
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.stale or self.refused)

    def line(self) -> str:
        """One line, e.g. `zh: 12 imported (10 reviewed, 2 fuzzy), 30 unchanged, 1 stale, 0 refused`:
        imported counts the units whose translation or state changed."""
        notes = f", {self.annotated} with new notes or waivers" if self.annotated else ""
        return (
            f"{self.locale}: {self.reviewed + self.fuzzy} imported ({self.reviewed} reviewed, {self.fuzzy} fuzzy), "
            f"{self.unchanged} unchanged{notes}, {self.stale} stale, {self.refused} refused"
        )

    def as_dict(self, shown: Callable[[Path], str]) -> dict[str, Any]:
        """The counts, problems, warnings and catalogs written (as `shown` names them)."""
        return {
            "locale": self.locale,
            "imported": self.reviewed + self.fuzzy,
            "reviewed": self.reviewed,
            "fuzzy": self.fuzzy,
            "unchanged": self.unchanged,
            "annotated": self.annotated,
            "stale": self.stale,
            "refused": self.refused,
            "empty": self.empty,
            "changed": self.changed,
            "problems": self.problems,
            "warnings": self.warnings,
            "written": [shown(path) for path in self.written],
        }


@dataclass
class _Target:
    """A `<file>` of an import, checked: the catalog it goes into and the file it came from."""

    section: xliff.Section
    shown: str  # the XLIFF file, as messages name it
    locale: TargetLocale
    path: Path  # the catalog


def import_files(project: Project, files: list[Path], waiting: Waiting = quietly) -> list[Imported]:
    """Take the targets of XLIFF files into the catalogs; one result per locale, in file order."""
    config = project.config
    targets = []
    for file in files:
        resolved = file.resolve()
        shown = config.relative(resolved) if resolved.is_relative_to(config.root) else str(file)  # as written
        for section in xliff.read(read_exchange_file(file, shown), shown):
            locale = _locale(project, section, shown)
            targets.append(_Target(section, shown, locale, _catalog_path(project, locale, section, shown)))
    results: dict[str, Imported] = {}
    with project.catalogs_locked(waiting):  # read and written by no other command meanwhile
        catalogs = {path: load_catalog(path) for path in dict.fromkeys(target.path for target in targets)}
        changed: set[Path] = set()
        seen: dict[Path, set[str]] = {}  # unit ids taken into each catalog: each once per import
        for target in targets:
            result = results.setdefault(target.locale.code, Imported(target.locale.code))
            if _take(target, catalogs[target.path], result, seen.setdefault(target.path, set())):
                changed.add(target.path)
        locales = {target.path: target.locale.code for target in targets}
        for path in sorted(changed):
            if save_catalog(catalogs[path], path, width=project.config.wrap):
                results[locales[path]].written.append(path)
    return list(results.values())


def _locale(project: Project, section: xliff.Section, shown: str) -> TargetLocale:
    """The project locale a section's target language names (exactly, or by language and script)."""
    config = project.config
    tag = section.target_language
    if section.source_language.split("-")[0].lower() != config.source_language.split("-")[0].lower():
        raise InterchangeError(
            f"the source language is {section.source_language}, not the project's {config.source_language}",
            shown,
            section.line,
        )
    known = project.started_locales()
    matches = [loc for loc in known if loc.html_lang.lower() == tag.lower()] or [
        loc for loc in known if same_language(tag, loc)
    ]
    if len(matches) != 1:
        names = ", ".join(f"{loc.code} ({loc.html_lang})" for loc in known) or "none"
        how = "matches several locales" if matches else "is no locale"
        raise InterchangeError(
            f"the target language {tag} {how} of this project (its locales: {names})", shown, section.line
        )
    return matches[0]


def _catalog_path(project: Project, locale: TargetLocale, section: xliff.Section, shown: str) -> Path:
    """The catalog a section's `original` names (`news/visit.po`, under the locale's LC_MESSAGES)."""
    original = section.original
    domain = PurePosixPath(original.removesuffix(".po"))
    path = project.catalog_file(locale.code, domain.as_posix())
    if not original.endswith(".po") or ".." in domain.parts or domain.is_absolute() or not path.is_file():
        raise InterchangeError(f"<file original={original!r}> names no catalog of {locale.code}", shown, section.line)
    return path


def _take(target: _Target, catalog: Catalog, result: Imported, seen: set[str]) -> bool:
    """Take a section's units into its catalog (`seen`: the unit ids taken into it already);
    True when an entry changed."""
    entries = {unit_id(e): e for e in catalog.active() if e.msgid_plural is None}
    changed = False
    for unit in target.section.units:
        where = f"{target.shown}:{unit.line}: unit {printable(unit.id) or '?'}"
        entry = entries.get(unit.id)
        problem = unit.problem or ("appears twice for this catalog in this import" if unit.id in seen else None)
        seen.add(unit.id)
        if problem is not None:
            result.refused += 1
            result.problems.append(f"{where}: refused: {problem}")
            continue
        if entry is None:
            result.stale += 1
            result.problems.append(
                f"{where}: stale: the catalog's English changed since the export (or the text is gone): export again"
            )
            continue
        if not _english_of(unit, entry):
            result.stale += 1
            shown = _shown(unit.source)
            result.problems.append(
                f"{where}: stale: its source text was edited in the file (“{shown}” is not the English "
                f"“{entry.msgid}” it was exported with): translate the English as exported"
            )
            continue
        before = pofile.dump(Catalog([entry]))
        try:
            waivers, notes = _annotations(unit.notes)
        except PlaceholderError as e:
            result.refused += 1
            result.problems.append(f"{where}: refused: {e}")
            continue
        if unit.target is None:
            result.empty += 1
        elif (refusal := _refusal(unit, entry, target.locale)) is not None:
            result.refused += 1
            result.problems.append(f"{where}: refused: {refusal}")
            continue
        else:
            text = catalog_text(unit.target, tokens(entry.msgid))
            _set(entry, text, unit, target.shown, where, result)
        if _annotate(entry, waivers, notes):
            result.annotated += 1
        if pofile.dump(Catalog([entry])) != before:
            result.changed += 1
            changed = True
    return changed


def _shown(found: list[Piece]) -> str:
    """A unit's source as the CAT tool shows it, codes as tokens."""
    return "".join(piece if isinstance(piece, str) else f"<{piece.name}>" for piece in found)


def _refusal(unit: xliff.ReadUnit, entry: Entry, locale: TargetLocale) -> str | None:
    """Why a unit's target cannot be the entry's translation, or None."""
    try:
        text = catalog_text(unit.target or [], tokens(entry.msgid))
        check_codes(entry.msgid, text)
    except PlaceholderError as e:
        return str(e)
    if newline := pofile.newline_problem(entry.msgid, [("msgstr", text)]):
        return f"{newline} (msgfmt refuses that)"
    controls = sorted(
        {c for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r" and c not in entry.msgid}
    )
    if controls:
        return "it holds a control character: " + ", ".join(f"U+{ord(c):04X}" for c in controls)
    if text != entry.msgstr and (bad := foreign_character(entry.msgid, text)):
        return f"holds {bad}"  # the screen of every text entering a catalog
    found = _origin(unit, text, "")
    if found is not None and found.provider == PSEUDO_PROVIDER and not locale.pseudo:
        return f"its target is pseudo-localised text, for the pseudo locale only, not {locale.code}"
    return None


def _annotations(notes: list[str]) -> tuple[list[str], list[str]]:
    """The checks a unit's notes waive (`ignore-numbers`), and the notes to keep as translator
    comments (all but bare waivers); PlaceholderError for a waiver of no known check."""
    waivers: list[str] = []
    kept: list[str] = []
    for note in notes:
        match = WAIVER.match(note)
        if match is None:
            kept.append(note)
            continue
        name = match.group(1).lower()
        if name not in CHECK_NAMES:
            raise PlaceholderError(f"a note waives {IGNORE}{name}, which is no check ({', '.join(CHECK_NAMES)})")
        waivers.append(IGNORE + name)
        if match.group("reason"):
            kept.append(note)
    return waivers, kept


def _annotate(entry: Entry, waivers: list[str], notes: list[str]) -> bool:
    """Add the waivers as flags, and notes the translator comment does not hold yet as its lines
    (nothing is removed: a CAT tool may drop notes it does not show); True when any was added."""
    added = False
    for waiver in waivers:
        if waiver not in entry.flags:
            entry.flags.append(waiver)
            added = True
    held = " ".join(" ".join(translator_lines(entry)).split())
    for note in notes:
        if " ".join(note.split()) not in held:
            lines = entry.tcomment.splitlines() if entry.tcomment else []
            entry.tcomment = "\n".join([*lines, *note.splitlines()])
            held += " " + " ".join(note.split())
            added = True
    return added


def _origin(unit: xliff.ReadUnit, text: str, shown: str) -> Origin | None:
    """Where a unit's target (`text`, as catalog text) came from: l10n's origin note when the
    target is the suggestion the note names (an edited one is the translator's), or else its 1.2
    state-qualifier (a CAT tool's machine translation or memory match, recorded as from the file
    `shown`)."""
    if unit.origin is not None:
        line, _, suggested = unit.origin.partition("\n")
        found = parse_origin(line)
        return found if found is not None and suggested.strip() == text.strip() else None
    provider = xliff.qualified_provider(unit.qualifier)
    if provider is None:
        return None
    score = int(unit.match.rstrip("%")) if unit.match and unit.match.rstrip("%").isdigit() else None
    return Origin(provider, date.today(), score if provider == "memory" else None, PurePosixPath(shown).name or None)


def _english_of(unit: xliff.ReadUnit, entry: Entry) -> bool:
    """True when a unit's source is the entry's English, codes and all."""
    try:
        return catalog_text(unit.source, tokens(entry.msgid)) == entry.msgid
    except PlaceholderError:
        return False


def _set(entry: Entry, text: str, unit: xliff.ReadUnit, shown: str, where: str, result: Imported) -> None:
    """Give an entry an imported translation in the file's state, counting the unit imported when
    its translation or state changed; a fuzzy one takes its origin from the file."""
    final = unit.final
    if entry.reviewed and not final:
        if text == entry.msgstr:
            result.unchanged += 1  # the reviewed text itself: it stays reviewed
            return
        result.warnings.append(f"{where}: a reviewed translation is replaced by an unreviewed one (now fuzzy)")
    if text == entry.msgstr and entry.translated and entry.reviewed == final:
        result.unchanged += 1
        return
    if text != entry.msgstr:
        entry.msgstr = text
        drop_origin(entry)
        if not final and (found := _origin(unit, text, shown)) is not None:
            add_origin(entry, found)
    if final:
        result.reviewed += 1
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgctxt = entry.previous_msgid = entry.previous_msgid_plural = None
    else:
        result.fuzzy += 1
        if not entry.fuzzy:
            entry.flags.insert(0, "fuzzy")
