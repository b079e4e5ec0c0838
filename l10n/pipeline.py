"""The catalog steps over a whole project: extract, update, init, compile.

Each step reads and checks everything first and writes only then, so bad input changes no file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import polib

from . import catalog, pofile
from .document import Document
from .errors import ConfigError
from .fsutil import write_atomic
from .locales import TargetLocale
from .project import Article, Project

T = TypeVar("T")
Progress = Callable[[Iterable[T], str], Iterable[T]]


def no_progress(items: Iterable[T], label: str) -> Iterable[T]:
    return items


@dataclass
class Report:
    """What a step did: files written, files left as they were, and notes for the user."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def record(self, path: Path, changed: bool) -> None:
        (self.written if changed else self.unchanged).append(path)


def article_template(project: Project, article: Article) -> polib.POFile:
    """Segment one article and make its template."""
    config = project.config
    path = project.source_path(article)
    document = Document.load(path, config.segmentation)
    ref = config.relative(path)
    return catalog.template(article.domain, ((ref, unit) for unit in document.units))


def extract(project: Project, only: tuple[Path, ...] = (), progress: Progress = no_progress,
            report: Report | None = None) -> dict[Article, polib.POFile]:
    """Write the template of every article (or those named); remove templates of removed articles."""
    report = report if report is not None else Report()
    articles = project.articles(only)
    templates = {a: article_template(project, a) for a in progress(articles, "Segmenting")}
    for article, pot in templates.items():
        path = project.template_path(article)
        report.record(path, pofile.save(pot, path))
    if not only:
        current = {a.domain for a in articles}
        for domain in project.template_domains():
            if domain not in current:
                stale = project.config.locales / "templates" / f"{domain}.pot"
                stale.unlink()
                report.removed.append(stale)
    return templates


def update(project: Project, locales: Iterable[TargetLocale], only: tuple[Path, ...] = (),
           progress: Progress = no_progress) -> Report:
    """Re-extract and merge into each locale's catalogs; new articles get new catalogs."""
    report = Report()
    locales = list(locales)
    articles = project.articles(only)
    existing = {(loc.code, a): _load_if_exists(project.catalog_path(loc.code, a)) for loc in locales for a in articles}
    templates = extract(project, only, progress, report)
    for (code, article), old in progress(existing.items(), "Merging"):
        locale = next(loc for loc in locales if loc.code == code)
        pot = templates[article]
        po = catalog.merge(old, pot, locale) if old is not None else catalog.new_catalog(pot, locale)
        path = project.catalog_path(code, article)
        report.record(path, pofile.save(po, path))
    if not only:
        current = {a.domain for a in articles}
        for locale in locales:
            for domain in project.catalog_domains(locale.code):
                if domain not in current:
                    report.notes.append(
                        f"{project.config.relative(project.config.locales / locale.code / 'LC_MESSAGES' / domain)}.po: "
                        "its article is gone from the source folder; catalog kept")
    return report


def init(project: Project, locale: TargetLocale, progress: Progress = no_progress) -> Report:
    """Start catalogs for a new locale, one per article."""
    if project.catalog_domains(locale.code):
        folder = project.config.relative(project.config.locales / locale.code)
        raise ConfigError(f"{folder} already has catalogs; run `l10n update {locale.code}` instead")
    return update(project, [locale], progress=progress)


def compile_catalogs(project: Project, locale: TargetLocale) -> Report:
    """Write a .mo beside each .po of the locale (reviewed translations only, as msgfmt does)."""
    report = Report()
    folder = project.config.locales / locale.code / "LC_MESSAGES"
    domains = project.catalog_domains(locale.code)
    if not domains:
        raise ConfigError(f"no catalogs for {locale.code}; run `l10n init {locale.code}` first",
                          project.config.relative(folder))
    catalogs = {d: pofile.load(folder / f"{d}.po") for d in domains}
    for domain, po in catalogs.items():
        path = folder / f"{domain}.mo"
        write_atomic(path, po.to_binary())
        report.written.append(path)
    return report


def _load_if_exists(path: Path) -> polib.POFile | None:
    return pofile.load(path) if path.exists() else None

