"""Localised pages: the source document with every unit replaced by its translation.

Translations are untrusted: a msgstr becomes HTML only through `placeholders.to_items`, which
re-creates the source's own inline elements and nothing else. A unit without a usable
translation stays English, marked `lang="en"`.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

import polib

from . import pofile
from .catalog import Key
from .document import TEXT_ONLY_TAGS, Document, Run
from .fsutil import write_if_changed
from .htmlio import read_html, serialize
from .locales import TargetLocale, parse_locale
from .pipeline import Progress, Report, no_progress, update
from .placeholders import Item, PlaceholderError, fill, flat_text, to_items
from .project import Article, Project

# Characters after or before which Chinese and Japanese need no space.
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\U00020000-\U0002fa1f]")


@dataclass(frozen=True)
class Translation:
    msgstr: str
    line: int


@dataclass
class Outcome:
    """How one page came out: units translated, shown in English, and warnings."""

    translated: int = 0
    fallback: int = 0
    warnings: list[str] = field(default_factory=list)


def translations(po: polib.POFile, include_fuzzy: bool = False) -> dict[Key, Translation]:
    """Usable translations of a catalog by (msgctxt, msgid): non-empty, reviewed unless fuzzy is allowed."""
    return {
        (e.msgctxt, e.msgid): Translation(e.msgstr, e.linenum)
        for e in po
        if not e.obsolete and e.msgstr and (include_fuzzy or not e.fuzzy)
    }


def localise(document: Document, found: dict[Key, Translation], locale: TargetLocale,
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
    for run in document.runs:
        _localise_run(run, found, locale, source_language, catalog_name, outcome)
    root = document.page.root
    root.set("lang", locale.html_lang)
    if locale.direction == "rtl" or root.get("dir"):
        root.set("dir", locale.direction)
    return outcome


def _localise_run(run: Run, found: dict[Key, Translation], locale: TargetLocale, source_language: str,
                  catalog_name: str, outcome: Outcome) -> None:
    outputs: list[list[Item] | None] = []  # None: the source's own items (identity or fallback)
    english: list[bool] = []
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
        outputs.append(items)
        if translation is None:
            outcome.fallback += 1
        else:
            outcome.translated += 1
    if all(items is None for items in outputs) and not any(english):
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
        if outputs[i] is not None:
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
    text = "".join(flat_text(i) for i in items).strip(" \t\n\r\f")
    return bool(text) and bool(_CJK.match(text[end]))


def add_alternates(document: Document, here: str, versions: dict[str, str]) -> None:
    """Add `<link rel="alternate" hreflang>` to every language version of the page.

    `here` and the `versions` values are page paths relative to the output folder.
    """
    head = document.page.root.find("head")
    if head is None:
        return
    folder = posixpath.dirname(here)
    for hreflang, target in versions.items():
        link = head.makeelement("link", {
            "rel": "alternate", "hreflang": hreflang,
            "href": posixpath.relpath(target, folder or "."), "data-l10n": "alternate",
        })
        link.tail = "\n"
        head.append(link)


@dataclass
class BuildReport(Report):
    outcomes: dict[tuple[str, Article], Outcome] = field(default_factory=dict)

    @property
    def warnings(self) -> list[str]:
        return [w for o in self.outcomes.values() for w in o.warnings]


def build(project: Project, locales: list[TargetLocale], include_fuzzy: bool = False,
          progress: Progress = no_progress) -> BuildReport:
    """Refresh the catalogs, then write every article in English and in each locale."""
    config = project.config
    refreshed = update(project, locales, progress=progress)
    report = BuildReport(notes=refreshed.notes)
    articles = project.articles()
    catalogs = {(loc.code, a): pofile.load(project.catalog_path(loc.code, a)) for loc in locales for a in articles}
    source = parse_locale(config.source_language)
    for article in progress(articles, "Building"):
        rel = article.path.with_suffix(".html")
        versions = {source.html_lang: f"{config.source_language}/{rel}"}
        for loc in locales:
            versions[loc.html_lang] = f"{loc.code}/{rel}"
        path = project.source_path(article)
        english = Document.load(path, config.segmentation)
        if not english.page.root.get("lang"):
            english.page.root.set("lang", source.html_lang)
        add_alternates(english, versions[source.html_lang], versions)
        _write(report, project.page_path(config.source_language, article), serialize(english.page))
        for loc in locales:
            catalog_path = project.catalog_path(loc.code, article)
            document = Document.from_page(path, read_html(path), config.segmentation)
            found = translations(catalogs[(loc.code, article)], include_fuzzy)
            outcome = localise(document, found, loc, config.source_language, config.relative(catalog_path))
            add_alternates(document, versions[loc.html_lang], versions)
            report.outcomes[(loc.code, article)] = outcome
            _write(report, project.page_path(loc.code, article), serialize(document.page))
    return report


def _write(report: Report, path: Path, data: bytes) -> None:
    report.record(path, write_if_changed(path, data))
