"""Localised pages: the source document with every unit replaced by its translation.

Translations are untrusted: a msgstr becomes HTML only through `placeholders.to_items`, which
re-creates the source's own inline elements and nothing else. A unit without a usable
translation stays English, marked `lang="en"`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from . import pofile, segcache
from .catalog import Key
from .document import TEXT_ONLY_TAGS, Document, Run
from .fsutil import write_if_changed
from .pofile import Entry
from .htmlio import read_html, serialize
from .config import Config
from .locales import TargetLocale, parse_locale
from .parallel import Results
from .pipeline import CACHE_FOLDER, Progress, Report, no_progress, update
from .site import Listing, Version, chooser_page, decorate, index_page, listing
from .state import State, digest
from .traditional import converter, is_traditional
from .placeholders import Item, PlaceholderError, fill, flat_text, to_items
from .project import Article, Project
from .punctuation import CJK

# Characters after or before which Chinese and Japanese need no space.
_CJK = re.compile(f"[{CJK}\u2e80-\u33ff]")


@dataclass
class Outcome:
    """How one page came out: units translated, shown in English, and warnings."""

    translated: int = 0
    fallback: int = 0
    machine: int = 0  # fuzzy translations published (with --include-fuzzy)
    warnings: list[str] = field(default_factory=list)


def translations(entries: list[Entry], include_fuzzy: bool = False) -> dict[Key, Entry]:
    """Usable translations of a catalog by (msgctxt, msgid): non-empty, reviewed unless fuzzy is allowed."""
    return {(e.msgctxt, e.msgid): e for e in entries if e.msgstr and (include_fuzzy or not e.fuzzy)}


def localise(document: Document, found: dict[Key, Entry], locale: TargetLocale,
             source_language: str, catalog_name: str) -> Outcome:
    """Replace every unit of the document by its translation, in place."""
    outcome = Outcome()
    for slot in document.slots:
        translation = found.get(slot.unit.key)
        if translation is None:
            outcome.fallback += 1
            continue
        slot.element.set(slot.name, translation.msgstr)
        outcome.translated += 1
        outcome.machine += translation.fuzzy
    for run in document.runs:
        _localise_run(run, found, locale, source_language, catalog_name, outcome)
    root = document.page.root
    root.set("lang", locale.html_lang)
    if locale.direction == "rtl" or root.get("dir"):
        root.set("dir", locale.direction)
    return outcome


def _localise_run(run: Run, found: dict[Key, Entry], locale: TargetLocale, source_language: str,
                  catalog_name: str, outcome: Outcome) -> None:
    outputs: list[list[Item] | None] = []  # None: the source's own items (identity or fallback)
    english: list[bool] = []
    machine: list[bool] = []
    for segment in run.segments:
        translation = found.get(segment.unit.key)
        items: list[Item] | None = None
        if translation is not None and translation.msgstr != segment.unit.msgid:
            try:
                items = to_items(translation.msgstr, segment.unit.placeholders)
            except PlaceholderError as e:
                outcome.warnings.append(f"{catalog_name}:{translation.line}: {e}; shown in English")
                translation = None
        english.append(translation is None)
        machine.append(translation is not None and translation.fuzzy)
        outputs.append(items)
        if translation is None:
            outcome.fallback += 1
        else:
            outcome.translated += 1
            outcome.machine += translation.fuzzy
    if all(items is None for items in outputs) and not any(english) and not any(machine):
        return  # every translation equals its English: the source stays exactly as it was
    text_only = run.parent.tag in TEXT_ONLY_TAGS
    if all(english):
        if run.whole and not text_only:
            _mark_english(run.parent, source_language, locale)
        if run.whole or text_only:
            return
    content: list[Item] = []
    previous: list[Item] = []
    for i, segment in enumerate(run.segments):
        if machine[i] and not text_only:
            span = run.parent.makeelement("span", {"data-l10n": "machine"})
            fill(span, outputs[i] if outputs[i] is not None else segment.items)
            current = [span]
        elif outputs[i] is not None:
            current = outputs[i]
        elif english[i] and not text_only:
            span = run.parent.makeelement("span", {"data-l10n": "fallback"})
            _mark_english(span, source_language, locale)
            fill(span, segment.items)
            current = [span]
        else:
            current = segment.items
        gap = run.gaps[i]
        if i and locale.joins_sentences_without_spaces and _blank(gap) and (_cjk_edge(previous, -1) or _cjk_edge(current, 0)):
            gap = []
        content += gap + current
        previous = current
    content += run.gaps[-1]
    run.write(content)


def _mark_english(el, source_language: str, locale: TargetLocale) -> None:
    el.set("lang", source_language)
    if locale.direction == "rtl":
        el.set("dir", "ltr")


def _blank(items: list[Item]) -> bool:
    return all(isinstance(i, str) and not i.strip(" \t\n\r\f") for i in items)


def _cjk_edge(items: list[Item], end: int) -> bool:
    """Whether the items' text starts (end 0) or ends (end -1) with a Chinese or Japanese character."""
    for item in reversed(items) if end else items:
        text = flat_text(item).strip(" \t\n\r\f")
        if text:
            return bool(_CJK.match(text[end]))
    return False


@dataclass
class BuildReport(Report):
    outcomes: dict[tuple[str, Article], Outcome] = field(default_factory=dict)
    skipped: list[str] = field(default_factory=list)  # "zh/a.html: 40% reviewed (minimum 80%)"

    @property
    def warnings(self) -> list[str]:
        return [w for o in self.outcomes.values() for w in o.warnings]


@dataclass(frozen=True)
class _Catalog:
    """What the build needs to know of a catalog before loading it."""

    path: Path
    digest: str
    reviewed: int
    total: int

    @property
    def percent(self) -> float:
        return 100.0 * self.reviewed / self.total if self.total else 100.0


@dataclass(frozen=True)
class _Page:
    """One page to make: a language version of an article, and the catalogs it is made from."""

    version: Version
    catalogs: tuple[_Catalog, ...]
    fingerprint: str


@dataclass(frozen=True)
class _Made:
    """A page written by a worker: where, its digest, whether its bytes changed, what it says."""

    path: str
    digest: str
    changed: bool
    listing: Listing
    outcome: Outcome | None


def build(project: Project, locales: list[TargetLocale], include_fuzzy: bool = False,
          progress: Progress = no_progress, jobs: int = 1) -> BuildReport:
    """Refresh the catalogs, then write the site: every article in English and in each locale,
    an index per language and a language chooser.

    Pages whose inputs did not change since the last build are not redone; the others are made
    in `jobs` processes. Pages of removed articles, and of articles now below the publishing
    threshold, are removed. Traditional Chinese without catalogs of its own is derived from the
    Simplified catalogs.
    """
    config = project.config
    derived = _derived(project, locales)
    refreshed = update(project, [loc for loc in locales if loc.code not in derived or project.catalog_domains(loc.code)],
                       progress=progress, jobs=jobs)
    report = BuildReport(written=refreshed.written, removed=refreshed.removed, notes=refreshed.notes)
    manifest = State(config.root / CACHE_FOLDER / f"build-{digest(str(config.output))[:12]}.json")
    pages = manifest.entries("pages")
    english = Version(config.source_language, parse_locale(config.source_locale), "", config.source_language)
    targets = {loc.code: loc for loc in locales}
    listings: dict[str, list[Listing]] = {english.folder: [], **{code: [] for code in targets}}
    produced: set[str] = set()
    todo: list[tuple[Article, list[Version], list[_Page]]] = []
    sizes: list[int] = []
    for article in project.articles():
        rel = article.path.with_suffix(".html").as_posix()
        versions = [Version(english.folder, english.locale, f"{english.folder}/{rel}", english.folder)]
        sources = {english.folder: ()}
        for code, loc in targets.items():
            sources[code] = tuple(_sources(project, code, derived.get(code), article, manifest))
            percent = sources[code][-1].percent
            if percent < config.min_complete:
                report.skipped.append(f"{code}/{rel}: {percent:.0f}% reviewed (minimum {config.min_complete:g}%)")
                continue
            versions.append(Version(code, loc, f"{code}/{rel}", loc.html_lang))
        source = project.source_bytes(article)
        stale = []
        for version in versions:
            infos = sources[version.folder]
            fingerprint = digest(source, *(i.digest for i in infos), str(include_fuzzy), config.base_url or "",
                                 config.segmentation, *(v.path for v in versions))
            produced.add(version.path)
            out = config.output / version.path
            if manifest.is_current("pages", version.path, fingerprint, [out]):
                report.unchanged.append(out)
                listings[version.folder].append(Listing(**pages[version.path]["listing"]))
            else:
                stale.append(_Page(version, infos, fingerprint))
        if stale:
            todo.append((article, versions, stale))
            sizes.append(len(source))
    made = Results(partial(_make_pages, project, derived, include_fuzzy), todo, jobs, sizes)
    for (article, _, stale), results in zip(todo, progress(made, "Building")):
        for page, result in zip(stale, results):
            out = config.output / result.path
            report.record(out, result.changed)
            manifest.record("pages", result.path, page.fingerprint, [out], known={out: result.digest},
                            listing=result.listing.as_dict())
            listings[page.version.folder].append(result.listing)
            if result.outcome is not None:
                report.outcomes[(page.version.folder, article)] = result.outcome
    _write_indexes(report, config, english, targets, listings)
    produced |= _copy_assets(project, list(listings), manifest, report)
    for stale_page in sorted(set(pages) - produced):
        if stale_page.split("/")[0] in listings:
            (config.output / stale_page).unlink(missing_ok=True)
            report.removed.append(config.output / stale_page)
            del pages[stale_page]
    manifest.save()
    return report


def _make_pages(project: Project, derived: dict[str, str], include_fuzzy: bool,
                job: tuple[Article, list[Version], list[_Page]]) -> list[_Made]:
    """The pages of one article that need making: parsed, localised, decorated, serialised."""
    config = project.config
    article, versions, pages = job
    path = project.source_path(article)
    source = project.source_bytes(article)
    parsed = read_html(path, source)
    made = []
    for i, page in enumerate(pages):
        version = page.version
        html = parsed if i == len(pages) - 1 else parsed.copy()
        outcome = None
        if page.catalogs:
            found = _translations(list(page.catalogs), version.locale, derived.get(version.folder), include_fuzzy)
            document = segcache.load(config.root / CACHE_FOLDER / "segments", article.domain, path, source, html,
                                     config.segmentation)
            outcome = localise(document, found, version.locale, config.source_language,
                               config.relative(page.catalogs[-1].path))
        elif not html.root.get("lang"):
            html.root.set("lang", config.source_language)
        decorate(html.root, version, versions, config.base_url, bool(outcome and outcome.machine))
        data = serialize(html)
        changed = write_if_changed(config.output / version.path, data)  # here: writing is spread over the workers
        made.append(_Made(version.path, digest(data), changed, listing(html.root, version.path), outcome))
    return made


def _derived(project: Project, locales: list[TargetLocale]) -> dict[str, str]:
    """Traditional Chinese locales to derive, and the Simplified catalog folder each comes from."""
    simplified = next((code for code in ("zh", "zh_Hans", "zh_CN") if project.catalog_domains(code)), None)
    return {loc.code: simplified for loc in locales if simplified and is_traditional(loc)}


def _sources(project: Project, code: str, base: str | None, article: Article, manifest: State) -> list[_Catalog]:
    """The catalogs a locale's page is made from: its own, after the one it is derived from."""
    own = project.catalog_path(code, article)
    found = [_catalog_info(project.catalog_path(base, article), manifest)] if base else []
    if own.exists() or not base:
        found.append(_catalog_info(own, manifest))
    if base and len(found) == 2:  # the page is as complete as both together make it
        found[-1] = _Catalog(own, found[-1].digest, max(found[0].reviewed, found[-1].reviewed), found[-1].total)
    return found


def _translations(infos: list[_Catalog], locale: TargetLocale, base: str | None,
                  include_fuzzy: bool) -> dict[Key, Entry]:
    """Translations by unit; a locale's own catalog wins over the one it is derived from."""
    found: dict[Key, Entry] = {}
    for i, info in enumerate(infos):
        layer = translations(pofile.read_entries(info.path), include_fuzzy)
        if base and i == 0:
            convert = converter(locale)
            layer = {k: t._replace(msgstr=convert(t.msgstr)) for k, t in layer.items()}
        found.update(layer)
    return found


def _copy_assets(project: Project, folders: list[str], manifest: State, report: BuildReport) -> set[str]:
    """Copy stylesheets, images and other files from the source folder into each language folder."""
    config = project.config
    copied: set[str] = set()
    for asset in project.assets():
        source = config.source / asset
        info = source.stat()
        fingerprint = digest(str(info.st_size), str(info.st_mtime_ns))
        for folder in folders:
            rel = f"{folder}/{asset}"
            copied.add(rel)
            out = config.output / rel
            if manifest.is_current("pages", rel, fingerprint, [out]):
                report.unchanged.append(out)
                continue
            _write(report, out, source.read_bytes())
            manifest.record("pages", rel, fingerprint, [out])
    return copied


def _catalog_info(path: Path, manifest: State) -> _Catalog:
    """Reviewed and total units of a catalog, remembered by content digest."""
    key = str(path)
    known = manifest.entries("catalogs").get(key)
    current = manifest.file_digest(path) or ""
    if isinstance(known, dict) and known.get("digest") == current:
        return _Catalog(path, current, known["reviewed"], known["total"])
    entries = pofile.read_entries(path)
    info = _Catalog(path, current, sum(1 for e in entries if e.msgstr and not e.fuzzy), len(entries))
    manifest.entries("catalogs")[key] = {"digest": current, "reviewed": info.reviewed, "total": info.total}
    return info


def _write_indexes(report: BuildReport, config: Config, english: Version, targets: dict[str, TargetLocale],
                   listings: dict[str, list[Listing]]) -> None:
    """An index per language and the language chooser at the top of the output folder."""
    indexes = [Version(english.folder, english.locale, f"{english.folder}/index.html", english.hreflang)]
    indexes += [Version(code, loc, f"{code}/index.html", loc.html_lang) for code, loc in targets.items()
                if listings[code]]
    for version in indexes:
        date_locale = config.source_locale if version is indexes[0] else version.locale.code
        _write(report, config.output / version.path, index_page(version, indexes, listings[version.folder], date_locale))
    _write(report, config.output / "index.html", chooser_page(indexes))


def _write(report: Report, path: Path, data: bytes) -> None:
    report.record(path, write_if_changed(path, data))
