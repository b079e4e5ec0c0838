"""The catalog steps over a whole project: extract, update, init, compile.

Each step reads and checks everything first and writes only then, so bad input changes no file.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from pathlib import Path

from . import catalog
from . import pofile
from .mofile import dump_mo
from .pofile import Catalog
from ..segment.document import Document
from ..errors import ConfigError
from ..atomic import write_atomic
from ..locales import TargetLocale
from ..parallel import Results
from ..project import CACHE_FOLDER, Article, Project
from ..report import Progress, Report, no_progress
from ..fingerprints import State, digest



def article_template(project: Project, article: Article) -> Catalog:
    """Segment one article and make its template."""
    config = project.config
    path = project.source_path(article)
    document = Document.load(path, config.segmentation)
    ref = config.relative(path)
    return catalog.template(article.domain, ((ref, unit) for unit in document.units))


def extract(project: Project, only: tuple[Path, ...] = (), progress: Progress = no_progress,
            jobs: int = 1) -> Report:
    """Write the template of every article (or those named); remove templates of removed articles."""
    return update(project, [], only, progress, jobs)


def update(project: Project, locales: Iterable[TargetLocale], only: tuple[Path, ...] = (),
           progress: Progress = no_progress, jobs: int = 1) -> Report:
    """Re-extract and merge into each locale's catalogs; new articles get new catalogs.

    Articles whose source, template and catalogs are as this step last left them are skipped;
    the others are done in `jobs` processes. Everything is read and checked before the first
    file is written.
    """
    report = Report()
    locales = list(locales)
    config = project.config
    state = State(config.root / CACHE_FOLDER / "catalogs.json")
    articles = project.articles(only)
    todo = []
    for article in articles:
        source, size = project.source_digest(article, state)
        fingerprint = digest(source, config.segmentation, config.relative(project.source_path(article)))
        outputs = [project.template_path(article), *(project.catalog_path(loc.code, article) for loc in locales)]
        if state.is_current("articles", article.domain, fingerprint, outputs):
            report.unchanged += outputs
        else:
            todo.append((article, fingerprint, outputs, size))
    # Every article is done before the first file is written: bad input changes nothing.
    refreshed = Results(partial(_refresh, project, locales), [article for article, *_ in todo], jobs,
                        [size for *_, size in todo])
    writes = list(progress(refreshed, "Updating"))
    for (article, fingerprint, outputs, _), files in zip(todo, writes):
        for path, data in files:
            if data is not None:
                write_atomic(path, data)
            report.record(path, data is not None)
        state.record("articles", article.domain, fingerprint, outputs)
    if not only:
        _tidy(project, {a.domain for a in articles}, locales, report)
    state.save()
    return report


def _refresh(project: Project, locales: list[TargetLocale], article: Article) -> list[tuple[Path, bytes | None]]:
    """An article's new template and catalogs, as bytes to write (None: unchanged)."""
    pot = article_template(project, article)
    path = project.template_path(article)
    width = project.config.wrap
    files = [(path, pofile.render(pot, path, width=width))]  # settles the template's creation date first
    for locale in locales:
        path = project.catalog_path(locale.code, article)
        old = _load_if_exists(path)
        po = catalog.merge(old, pot, locale) if old is not None else catalog.new_catalog(pot, locale)
        # A catalog takes its template's creation date, as msgmerge gives it: msgmerge leaves it alone.
        files.append((path, pofile.render(po, path, stamp=None, width=width)))
    return files


def _tidy(project: Project, current: set[str], locales: list[TargetLocale], report: Report) -> None:
    """Remove templates of removed articles; point out their catalogs, which are kept."""
    config = project.config
    for domain in project.template_domains():
        if domain not in current:
            stale = config.locales / "templates" / f"{domain}.pot"
            stale.unlink()
            report.removed.append(stale)
    for locale in locales:
        for domain in project.catalog_domains(locale.code):
            if domain not in current:
                path = config.locales / locale.code / "LC_MESSAGES" / f"{domain}.po"
                report.notes.append(f"{config.relative(path)}: its article is gone from the source folder; catalog kept")


def init(project: Project, locale: TargetLocale, progress: Progress = no_progress) -> Report:
    """Start catalogs for a new locale, one per article."""
    if project.catalog_domains(locale.code):
        folder = project.config.relative(project.config.locales / locale.code)
        raise ConfigError(f"{folder} already has catalogs; run `l10n update {locale.code}` instead")
    return update(project, [locale], progress=progress)


def load_catalogs(project: Project, locale: TargetLocale, progress: Progress = no_progress) -> dict[str, Catalog]:
    """Every catalog of a locale by domain; a locale without catalogs is a user error."""
    domains = project.catalog_domains(locale.code)
    if not domains:
        raise ConfigError(f"no catalogs for {locale.code}; run `l10n init {locale.code}` first",
                          project.config.relative(project.config.locales / locale.code))
    return {d: pofile.load(project.catalog_file(locale.code, d)) for d in progress(domains, "Reading")}


def compile_catalogs(project: Project, locale: TargetLocale) -> Report:
    """Write a .mo beside each .po of the locale (reviewed translations only, as msgfmt does)."""
    report = Report()
    for domain, po in load_catalogs(project, locale).items():
        path = project.catalog_file(locale.code, domain).with_suffix(".mo")
        write_atomic(path, dump_mo(po))
        report.written.append(path)
    return report


def _load_if_exists(path: Path) -> Catalog | None:
    return pofile.load(path) if path.exists() else None

