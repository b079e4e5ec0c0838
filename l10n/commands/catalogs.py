"""The catalog commands over a whole project: extract, update, init, compile.

Each takes the catalogs' lock once (`waiting` is told when another command holds it), reads and
checks everything first and puts its files in place only then, so bad input changes no file.
`update` stages each new file beside its target as it goes (the workers write them; nothing is
held in memory) and renames them all into place at the end.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache, partial
from pathlib import Path

from ..atomic import commit, discard_staged, stage, write_atomic
from ..catalogs import merge, template
from ..catalogs.catalog import Catalog, Entry, Key
from ..catalogs.origin import Origin, add_origin
from ..catalogs.template import Occurrence, SiteUnit
from ..digests import digest
from ..errors import ConfigError, page_failure
from ..fingerprints import State
from ..formats import pofile
from ..formats.mofile import dump_mo
from ..locales import TargetLocale
from ..lock import Waiting, quietly
from ..parallel import Results, give_back_memory
from ..report import Progress, Report, no_progress
from ..segment.document import Document
from ..segment.scope import ARTICLE
from ..site import texts
from ..store import SITE_DOMAIN, Article, Project, load_catalog, render_catalog
from ..version import __version__

GENERATOR = f"l10n {__version__}"  # the templates' Generated-By


@dataclass
class _Refreshed:
    """An article's refresh: its files, each with its new content staged (None when unchanged),
    its units of the site around it (and their group's name), and notes for the user."""

    files: list[tuple[Path, Path | None]]
    group: str
    site: str  # the units as JSON text; "" when the same process gave this group's units before
    notes: list[str]
    failed: str = ""  # why the page could not be read or segmented (then nothing else is set)


# The site groups each process has given to the parent in a run (by run): a site's units cross
# between processes once per worker, not once per page (10,000 pages of one site: 10,000 copies).
_SENT: dict[str, set[str]] = {}


def _site_group(units: list[SiteUnit]) -> tuple[str, str]:
    """A page's site units as JSON text (kept as text: thousands of pages' units are held at
    once), and its digest: the group's name, which the pages of one site share."""
    text = json.dumps(units, ensure_ascii=False)
    return digest(text), text


def article_units(project: Project, article: Article) -> tuple[list[Occurrence], list[SiteUnit], list[str]]:
    """Segment an article: its own units, the units of the site around it (none unless the
    project has a site catalog), and warnings naming the page."""
    config = project.config
    path = project.source_path(article)
    document = Document.load(path, config.segmentation, config.content_for(path))
    ref = config.relative(path)
    own: list[Occurrence] = []
    site: list[SiteUnit] = []
    for unit in document.units:
        if unit.scope == ARTICLE or config.site_text == "article":
            own.append(Occurrence.of(unit, ref))
        elif config.site_text == "catalog":
            site.append((unit.msgctxt, unit.msgid, unit.line, tuple(unit.comment_lines())))
    if config.site_text == "catalog":  # the site's name, which the build shows with the indexes' titles
        given = texts.site_name(document.page.root)
        name = config.site_name or (given[0] if given else None)
        if name:
            site.insert(0, (None, name, given[1] if given else 1, (texts.SITE_NAME_COMMENT,)))
    return own, site, [f"{ref}: {warning}" for warning in document.warnings]


def extract(
    project: Project,
    only: tuple[Path, ...] = (),
    progress: Progress = no_progress,
    jobs: int = 1,
    waiting: Waiting = quietly,
) -> Report:
    """Write the template of every article (or those named), and of the site around them;
    remove templates of removed articles."""
    return update(project, [], only, progress, jobs, waiting=waiting)


def update(
    project: Project,
    locales: Iterable[TargetLocale],
    only: tuple[Path, ...] = (),
    progress: Progress = no_progress,
    jobs: int = 1,
    keep_obsolete: bool = True,
    waiting: Waiting = quietly,
) -> Report:
    """Re-extract and merge into each locale's catalogs; new articles get new catalogs; the
    units of the site around the articles go to one site catalog per locale. A locale without
    catalogs is refused (`init` starts one).

    Articles whose source, template and catalogs are as this step last left them are skipped;
    the others are done in `jobs` processes. Everything is read and checked before the first
    file is written, and no other command writes catalogs meanwhile. Without `keep_obsolete`,
    every catalog loses its obsolete entries.
    """
    with project.catalogs_locked(waiting):
        return _update(project, list(locales), only, progress, jobs, keep_obsolete)


def _update(
    project: Project,
    locales: list[TargetLocale],
    only: tuple[Path, ...],
    progress: Progress,
    jobs: int,
    keep_obsolete: bool,
    new: bool = False,
) -> Report:
    """`update` as the lock is held; `new`: the locales' catalogs are being started (`init`)."""
    report = Report()
    config = project.config
    with State(project.cache_folder / "catalogs.sqlite3") as state:
        articles = project.articles(only)
        for locale in locales if not new else ():
            project.require_catalogs(locale)
        settings = digest(
            config.segmentation,
            repr((config.content, config.content_folders)),
            config.site_text,
            config.site_name or "",
        )
        fingerprints: dict[Article, str] = {}
        sizes: dict[Article, int] = {}
        todo = []
        for article in project.articles() if only and config.site_text == "catalog" else articles:
            source, sizes[article] = project.source_digest(article, state)
            fingerprints[article] = digest(source, settings, config.relative(project.source_path(article)))
        for article in articles:
            outputs = [project.template_path(article), *(project.catalog_path(loc.code, article) for loc in locales)]
            if keep_obsolete and state.is_current("articles", article.domain, fingerprints[article], outputs):
                report.unchanged += outputs
            else:
                todo.append((article, outputs, sizes[article]))
        # Every article is done before the first file is put in place: bad input changes nothing.
        run = f"{os.getpid()}-{secrets.token_hex(4)}"  # names this run's staged files
        refreshed = Results(
            partial(_refresh, project, locales, keep_obsolete, run),
            [article for article, *_ in todo],
            jobs,
            [size for *_, size in todo],
        )
        try:
            results: dict[Article, _Refreshed] = {}
            shared: dict[str, str] = {}  # one copy of each site's units, not one per page
            for (article, *_), result in zip(todo, progress(refreshed, "Updating")):
                if result.failed:  # left as it was: its catalogs stay, the rest of the site goes on
                    report.failed.append(result.failed)
                    fingerprints.pop(article)
                    continue
                if result.site:  # the first page of its site this worker saw: the others name it only
                    shared.setdefault(result.group, result.site)
                result.site = ""
                results[article] = result
            files = [file for result in results.values() for file in result.files]
            if config.site_text == "catalog":
                site_files, site, site_fingerprint = _refresh_site(
                    project, locales, fingerprints, results, shared, state, report, keep_obsolete, run
                )
                shared.clear()
                _catalog_at.cache_clear()  # the articles' catalogs read for units that moved
                give_back_memory()
                where = {file: i for i, (file, _) in enumerate(files)}
                for locale in locales if site else ():
                    for article in results:
                        path = project.catalog_path(locale.code, article)
                        _drop_moved(files, where[path], path, site[locale.code], config.wrap, run)
                files += site_files
        except BaseException:
            discard_staged(config.locales, run)
            raise
        for result in results.values():
            report.notes += result.notes
        for path, staged in files:
            if staged is not None:
                commit(staged, path)
            report.record(path, staged is not None)
        for article, outputs, _ in todo:
            if article in results:
                state.record("articles", article.domain, fingerprints[article], outputs)
        if config.site_text == "catalog" and site:
            state.record("site-step", SITE_DOMAIN, site_fingerprint, [path for path, _ in site_files])
        if not only:
            _tidy(project, {a.domain for a in articles}, locales, report)
        state.save()
        return report


def _refresh(
    project: Project, locales: list[TargetLocale], keep_obsolete: bool, run: str, article: Article
) -> _Refreshed:
    """An article's new template and catalogs (staged for `run`), and its site units; or why its
    page could not be read or segmented."""
    try:
        own, site, notes = article_units(project, article)
    except Exception as e:
        failed = page_failure(e, project.config.relative(project.source_path(article)))
        if failed is None:
            raise
        return _Refreshed([], "", "", [], failed)
    pot = template.template(article.domain, own, generator=GENERATOR)
    path = project.template_path(article)
    width = project.config.wrap
    files = [(path, render_catalog(pot, path, width=width))]  # settles the template's creation date first
    for locale in locales:
        path = project.catalog_path(locale.code, article)
        old = _load_if_exists(path)
        if old is None:
            po = template.new_catalog(pot, locale)
        else:  # units that moved here from the site catalog bring their translations
            site_catalog = _cached_catalog(project.catalog_file(locale.code, SITE_DOMAIN))
            po = merge.merge(old, pot, locale, site_catalog.get, keep_obsolete)
        _poedit_headers(project, po, path)
        # A catalog takes its template's creation date, as msgmerge gives it: msgmerge leaves it alone.
        files.append((path, render_catalog(po, path, date_header=None, width=width)))
    group, text = _site_group(site)
    sent = _SENT.setdefault(run, set())
    if group in sent:
        text = ""  # this process gave the site's units already: the page names them by digest
    sent.add(group)
    for other in [r for r in _SENT if r != run]:  # only this run's are of use (runs share a process in tests)
        del _SENT[other]
    refreshed = _Refreshed([(path, _stage(path, data, run)) for path, data in files], group, text, notes)
    give_back_memory()
    return refreshed


def _stage(path: Path, data: bytes | None, run: str) -> Path | None:
    return stage(path, data, run) if data is not None else None


def _refresh_site(
    project: Project,
    locales: list[TargetLocale],
    fingerprints: dict[Article, str],
    results: dict[Article, _Refreshed],
    shared: dict[str, str],
    state: State,
    report: Report,
    keep_obsolete: bool,
    run: str,
) -> tuple[list[tuple[Path, Path | None]], dict[str, dict[Key, str]], str]:
    """The site template and catalogs, each staged for `run` as soon as it is made (their paths
    with the staged files, None when unchanged), the translations of each locale's site catalog
    by key, and the fingerprint of what they are made from (the files are made only when it
    changed); from the site units of every article (those not segmented this time as they were
    last time), unless nothing they are made from changed; translations of units that moved here
    from an article's catalog come along. Pages that share their site units (a site's header and
    footer) share one record of them, and the site's occurrences are made one by one as the
    template takes them: a large site's catalogs are held one at a time."""
    config = project.config
    known, groups = state.entries("site"), state.entries("site-groups")
    pages: list[tuple[str, str]] = []
    for article, fingerprint in fingerprints.items():
        refreshed = results.get(article)
        group, units = (refreshed.group, shared[refreshed.group]) if refreshed is not None else ("", None)
        record = known.get(article.domain)
        if units is None and not (
            isinstance(record, dict) and record.get("fingerprint") == fingerprint and record.get("group") in groups
        ):
            try:
                found, notes = article_units(project, article)[1:]
            except Exception as e:
                failed = page_failure(e, config.relative(project.source_path(article)))
                if failed is None:
                    raise
                report.failed.append(failed)
                continue
            group, units = _site_group(found)
            report.notes += notes
        if units is not None:
            groups.setdefault(group, units)
            known[article.domain] = {"fingerprint": fingerprint, "group": group}
        pages.append((config.relative(project.source_path(article)), known[article.domain]["group"]))
    for gone in set(known) - {a.domain for a in fingerprints}:
        del known[gone]
    for unused in set(groups) - {group for _, group in pages}:
        del groups[unused]
    path = project.template_file(SITE_DOMAIN)
    outputs = [path, *(project.catalog_file(locale.code, SITE_DOMAIN) for locale in locales)]
    fingerprint = digest(
        *(repr(message) for message in texts.MESSAGES),
        *(group for _, group in pages),
        *(ref for ref, _ in pages),
        *(loc.code for loc in locales),
        str(keep_obsolete),
        str(config.wrap),
    )
    if keep_obsolete and state.is_current("site-step", SITE_DOMAIN, fingerprint, outputs):
        report.unchanged += outputs
        return [], {}, fingerprint
    units_of = {g: [(c, i, n, tuple(m)) for c, i, n, m in json.loads(groups[g])] for g in {g for _, g in pages}}
    occurrences, counts = template.site_occurrences(pages, units_of)
    own = [(message.key, message.comment) for message in texts.MESSAGES]
    pot = template.template(SITE_DOMAIN, occurrences, generator=GENERATOR, counts=counts, site=True, own=own)
    del units_of, counts
    width = config.wrap
    files = [(path, _stage(path, render_catalog(pot, path, width=width), run))]
    translated: dict[str, dict[Key, str]] = {}
    articles = {config.relative(project.source_path(a)): a for a in fingerprints}
    # The pages the template lists each unit on (the first few of the site's pages that have it).
    listed = {entry.key: list(dict.fromkeys(ref for ref, _ in entry.occurrences)) for entry in pot}
    for locale in locales:
        path = project.catalog_file(locale.code, SITE_DOMAIN)
        old = _load_if_exists(path)

        def moved(key: Key, code: str = locale.code) -> Entry | None:
            """The unit's translation in the catalog of an article that had it before."""
            for ref in listed.get(key, ()):
                found = _cached_catalog(project.catalog_path(code, articles[ref])).get(key)
                if found is not None and found.msgstr:
                    return found
            return None

        po = merge.merge(old if old is not None else Catalog(), pot, locale, moved, keep_obsolete)
        if old is None:
            po.header, po.metadata = _fresh_header(pot, locale)
        del old
        _suggest_own_wording(po, locale)
        _poedit_headers(project, po, path)
        translated[locale.code] = {entry.key: entry.msgstr for entry in po.active() if entry.msgstr}
        files.append((path, _stage(path, render_catalog(po, path, date_header=None, width=width), run)))
        del po
    return files, translated, fingerprint


def _suggest_own_wording(po: Catalog, locale: TargetLocale) -> None:
    """Give the build's own texts that have no translation l10n's wording for the locale, as a
    suggestion (fuzzy, `suggestion: l10n`): the translator sees what pages show and accepts it or
    writes another."""
    for entry in po.active():
        message = texts.BY_KEY.get(entry.key)
        wording = message.default(locale) if message is not None else None
        if wording is not None and not entry.msgstr:
            entry.msgstr = wording
            entry.flags = [*entry.flags, "fuzzy"] if "fuzzy" not in entry.flags else entry.flags
            add_origin(entry, Origin("l10n", date.today()))


def _poedit_headers(project: Project, po: Catalog, path: Path) -> None:
    """Poedit's way from a catalog at `path` to the sources its references name."""
    root = project.config.root
    template.set_poedit_headers(
        po,
        Path(os.path.relpath(root, path.parent)).as_posix(),
        Path(os.path.relpath(project.config.source, root)).as_posix(),
    )


def _drop_moved(
    files: list[tuple[Path, Path | None]], at: int, path: Path, moved: dict[Key, str], width: int | None, run: str
) -> None:
    """Drop from an article's catalog (`files[at]`: as staged, or as it is) the obsolete entries
    that moved to the site catalog with their translation (`moved`): it lives on there."""
    staged = files[at][1]
    text = (staged or path).read_bytes()
    if b"#~ msgid" not in text and b"#~ msgctxt" not in text:
        return
    po = pofile.parse(text.decode("utf-8"), path)
    kept = [e for e in po.entries if not (e.obsolete and moved.get(e.key) == e.msgstr)]
    if len(kept) < len(po.entries):
        po.entries = kept
        files[at] = (path, _stage(path, render_catalog(po, path, date_header=None, width=width), run))
        if staged is not None:
            staged.unlink()


def _fresh_header(pot: Catalog, locale: TargetLocale) -> tuple[str, dict[str, str]]:
    """The header of a new catalog, as msginit makes it."""
    fresh = template.new_catalog(Catalog(header=pot.header, metadata=dict(pot.metadata)), locale)
    return fresh.header, fresh.metadata


@lru_cache(maxsize=64)
def _catalog_at(path: Path, stamp: tuple[int, int]) -> dict[Key, Entry]:
    entries: dict[Key, Entry] = {}
    for entry in load_catalog(path):  # active entries win over obsolete ones
        if not entry.obsolete or entry.key not in entries:
            entries[entry.key] = entry
    return entries


def _cached_catalog(path: Path) -> dict[Key, Entry]:
    """A catalog's entries by key (as on disk now; read once per process while unchanged)."""
    try:
        info = path.stat()
    except FileNotFoundError:
        return {}
    return _catalog_at(path, (info.st_mtime_ns, info.st_size))


def _tidy(project: Project, current: set[str], locales: list[TargetLocale], report: Report) -> None:
    """Remove templates of removed articles (and the site template, when the site has no catalog);
    point out their catalogs, which are kept."""
    config = project.config
    templates = current | ({SITE_DOMAIN} if config.site_text == "catalog" else set())  # made once, looked up
    catalogs = current | {SITE_DOMAIN}
    for domain in project.template_domains():
        if domain not in templates:
            stale = project.template_file(domain)
            stale.unlink()
            report.removed.append(stale)
    for locale in locales:
        for domain in project.catalog_domains(locale.code):
            if domain not in catalogs:
                path = project.catalog_file(locale.code, domain)
                report.notes.append(
                    f"{config.relative(path)}: its article is gone from the source folder; catalog kept"
                )


def init(
    project: Project, locale: TargetLocale, progress: Progress = no_progress, jobs: int = 1, waiting: Waiting = quietly
) -> Report:
    """Start catalogs for a new locale, one per article."""
    with project.catalogs_locked(waiting):
        if project.catalog_domains(locale.code):
            folder = project.config.relative(project.config.locales / locale.code)
            raise ConfigError(f"{folder} already has catalogs; run `l10n update {locale.code}` instead")
        return _update(project, [locale], (), progress, jobs, True, new=True)


def compile_catalogs(project: Project, locale: TargetLocale, waiting: Waiting = quietly) -> Report:
    """Write a .mo beside each .po of the locale (reviewed translations only, as msgfmt does)."""
    report = Report()
    with project.catalogs_locked(waiting):  # the .po files as no other command is writing them
        for domain, po in project.load_catalogs(locale).items():
            path = project.catalog_file(locale.code, domain).with_suffix(".mo")
            write_atomic(path, dump_mo(po))
            report.written.append(path)
    return report


def _load_if_exists(path: Path) -> Catalog | None:
    return load_catalog(path) if path.exists() else None
