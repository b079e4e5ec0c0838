"""l10n: localise English HTML articles into Chinese through gettext catalogs.

Data flows one way, each step a sub-package:

    source HTML → segment (units, placeholders) → catalogs (pot/po, merge, memory)
                → translate (suggestions) → check (QA) → site (skeletons, pages)

The few things a script may use are named here; each function is the command of the same name
and checks its locales as the command does (a Babel locale, not the source language; one
without catalogs is refused but by `init`). Each is imported when first used, so `import l10n`
costs little. Segment a page:

>>> from l10n import *
>>> units = segment_html('<p>Roads reopen today. Read <a href="/roads">the plan</a>.</p>')
>>> [unit.msgid for unit in units]
['Roads reopen today.', 'Read <a1>the plan</a1>.']
>>> units[1].comment_lines()
['p', '<a1> is <a href="/roads">']

Read and write catalogs (the reader and writer the commands use; errors name the file and line):

>>> catalog = parse_catalog('msgid "Roads reopen today."\\nmsgstr "道路今日重新开放。"\\n')
>>> [(entry.msgid, entry.msgstr, entry.reviewed) for entry in catalog]
[('Roads reopen today.', '道路今日重新开放。', True)]
>>> print(dump_catalog(catalog).decode(), end="")
msgid "Roads reopen today."
msgstr "道路今日重新开放。"

Work on a project as the commands do (`Project.find` reads `[tool.l10n]` of pyproject.toml):

>>> import pathlib, tempfile
>>> scratch = tempfile.TemporaryDirectory()
>>> folder = pathlib.Path(scratch.name)
>>> _ = (folder / "pyproject.toml").write_text("[tool.l10n]\\n")
>>> (folder / "source").mkdir()
>>> _ = (folder / "source" / "a.html").write_text("<h1>Roads reopen</h1><p>The A5 reopens on 14 March.</p>")
>>> project = Project.find(folder)
>>> _ = init(project, "zh")
>>> po = folder / "locales/zh/LC_MESSAGES/a.po"
>>> catalog = load_catalog(po)
>>> [entry.msgid for entry in catalog]
['Roads reopen', 'The A5 reopens on 14 March.']
>>> catalog.find("Roads reopen").msgstr = "道路重新开放"
>>> save_catalog(catalog, po)
True
>>> prefill(project, "zh").line()
'0 filled (0 from memory), 0 failed, 0 rejected, 1 skipped (no memory match)'
>>> _ = init(project, "qps")  # the pseudo locale, for testing layouts
>>> prefill(project, "qps").line()
'16 filled (0 from memory), 0 failed, 0 rejected, 0 skipped'
>>> [f"{p.check}: {p.message}" for p in check_translations(project, "zh")]
[]
>>> [(row.article, row.counts.translated, row.counts.machine, row.counts.untranslated) for row in stats(project, "zh")]
[('_site', 0, 14, 0), ('a', 1, 0, 1), (None, 1, 14, 1)]
>>> report = build(project, "zh", min_complete=50)
>>> report.published["zh"].line()
'zh: 1 published (0 complete, 1 partly English), 0 not published'
>>> "<h1>道路重新开放</h1>" in (folder / "dist/zh/a.html").read_text(encoding="utf-8")
True
>>> [path.name for path in export(project, "zh", folder / "export").written]
['_site.xlf', 'a.xlf']
>>> [result.line() for result in import_files(project, [folder / "export/a.xlf"])]
['zh: 0 imported (0 reviewed, 0 fuzzy), 1 unchanged, 0 stale, 0 refused']
>>> [path.name for path in compile_catalogs(project, "zh").written]
['_site.mo', 'a.mo']
>>> update(project, "en")
Traceback (most recent call last):
l10n.errors.ConfigError: locale 'en' is the source language: each language needs a folder of its own

Add a release from what comms staff have (Word, Markdown, text, HTML, a live page's address):
it is poured into the site's own page (here, with no article page to take, a plain one).

>>> _ = (folder / "release.txt").write_text("Libraries open on Sundays\\n\\nSix libraries open longer.\\n")
>>> (added,) = add(project, [folder / "release.txt"], date="2026-04-01")
>>> added.article.name, added.draft.standfirst, added.counts
('libraries-open-on-sundays.html', 'Six libraries open longer.', {'paragraphs': 0, 'images': 0, 'tables': 0})
>>> scratch.cleanup()
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import L10nError
from .version import __version__

if TYPE_CHECKING:
    import datetime as dt

    from .catalogs.catalog import Catalog, Entry
    from .check.checks import Problem
    from .check.stats import Row
    from .commands.exchange import Imported
    from .formats.pofile import dump as dump_catalog
    from .formats.pofile import parse as parse_catalog
    from .intake.add import Added
    from .report import Report
    from .segment.document import Unit
    from .site.build import BuildReport
    from .store import Project, load_catalog, save_catalog
    from .translate.prefill import Summary

# The API's names, each imported when first asked for: `import l10n` (and so every `l10n`
# command, which imports it first) stays quick. Name: (module, its name there).
_LAZY = {
    "Added": (".intake.add", "Added"),
    "BuildReport": (".site.build", "BuildReport"),
    "Catalog": (".catalogs.catalog", "Catalog"),
    "Entry": (".catalogs.catalog", "Entry"),
    "Imported": (".commands.exchange", "Imported"),
    "Problem": (".check.checks", "Problem"),
    "Project": (".store", "Project"),
    "Report": (".report", "Report"),
    "Row": (".check.stats", "Row"),
    "Summary": (".translate.prefill", "Summary"),
    "Unit": (".segment.document", "Unit"),
    "dump_catalog": (".formats.pofile", "dump"),
    "load_catalog": (".store", "load_catalog"),
    "parse_catalog": (".formats.pofile", "parse"),
    "save_catalog": (".store", "save_catalog"),
}

__all__ = [
    "Added",
    "BuildReport",
    "Catalog",
    "Entry",
    "Imported",
    "L10nError",
    "Problem",
    "Project",
    "Report",
    "Row",
    "Summary",
    "Unit",
    "__version__",
    "add",
    "build",
    "check_translations",
    "compile_catalogs",
    "dump_catalog",
    "export",
    "import_files",
    "init",
    "load_catalog",
    "parse_catalog",
    "save_catalog",
    "segment_html",
    "stats",
    "prefill",
    "update",
]

Locales = str | Iterable[str]  # one locale code, or several


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attribute = _LAZY[name]
        return getattr(importlib.import_module(module, __name__), attribute)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _codes(locales: Locales) -> list[str]:
    return [locales] if isinstance(locales, str) else list(locales)


def segment_html(html: str, mode: str = "sentence") -> list[Unit]:
    """The translatable units of an HTML page or fragment, in page order (`mode`: sentence or paragraph)."""
    from .segment.document import Document
    from .segment.htmlio import parse_html

    return Document.from_page(Path("<html>"), parse_html(html, "<html>"), mode).units


def add(
    project: Project,
    sources: Iterable[str | Path],
    folder: str | None = None,
    name: str | None = None,
    date: str | dt.date | None = None,
    embargo: str | dt.datetime | None = None,
    force: bool = False,
    keep_all: bool = False,
) -> list[Added]:
    """`l10n add`: make each source (a file path or an http(s) address) an article of the site;
    `date` as `2026-03-14`, `embargo` as `2026-12-10T09:00:00+00:00`. Nothing is written when
    one cannot be read."""
    import datetime as dt

    from .embargo import parse
    from .intake.add import add as add_articles

    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    moment = parse(embargo) if isinstance(embargo, str) else embargo
    return add_articles(project, [str(s) for s in sources], folder, name, day, moment, force, keep_all)


def init(project: Project, locale: str, jobs: int = 1) -> Report:
    """`l10n init`: start the catalogs of a new locale, one per article."""
    from .commands.catalogs import init as init_catalogs

    return init_catalogs(project, project.locale(locale), jobs=jobs)


def update(project: Project, locales: Locales = (), jobs: int = 1, keep_obsolete: bool = True) -> Report:
    """`l10n update`: extract the templates and merge them into the catalogs of `locales`
    (default: the project's languages; each must have been started with `init`)."""
    from .commands.catalogs import update as update_catalogs

    return update_catalogs(project, project.locales(_codes(locales)), jobs=jobs, keep_obsolete=keep_obsolete)


def prefill(
    project: Project,
    locale: str,
    provider: str | None = None,
    url: str | None = None,
    accept_exact: bool = False,
    dry_run: bool = False,
    limit: int | None = None,
) -> Summary:
    """`l10n translate`: fill the locale's empty translations with fuzzy suggestions (settings
    from `[tool.l10n.translate]`; `provider` and `url` override them)."""
    from .translate.prefill import prefill as prefill_catalogs
    from .translate.providers import load_settings

    config = project.config
    target = project.locale(locale)
    if target.pseudo and provider is None and url is None:
        provider = "pseudo"  # the pseudo locale is filled by pseudo-localisation alone
    settings = load_settings(
        config.extra.get("translate", {}), config.root / "pyproject.toml", provider=provider, url=url
    )
    return prefill_catalogs(project, target, settings, limit=limit, dry_run=dry_run, accept_exact=accept_exact)


def check_translations(project: Project, locale: str, include_fuzzy: bool = False) -> list[Problem]:
    """`l10n check`: the problems of the locale's translations, sorted by catalog and line."""
    from .check.checks import check_locale

    return check_locale(project, project.locale(locale), include_fuzzy=include_fuzzy)


def stats(project: Project, locales: Locales = ()) -> list[Row]:
    """`l10n stats`: a row per catalog of each locale (default: the project's languages), then its total."""
    from .check.stats import locale_rows

    return [row for locale in project.locales(_codes(locales)) for row in locale_rows(project, locale)]


def build(
    project: Project,
    locales: Locales = (),
    include_fuzzy: bool = False,
    jobs: int = 1,
    out: Path | None = None,
    min_complete: float | None = None,
) -> BuildReport:
    """`l10n build`: write the site for `locales` (default: the project's languages) into the
    output folder (or `out`), publishing versions at least `min_complete`% reviewed."""
    from .config import with_options
    from .site.build import build as build_site
    from .store import Project

    project = Project(with_options(project.config, out, min_complete))
    return build_site(project, project.locales(_codes(locales)), include_fuzzy, jobs=jobs)


def export(project: Project, locale: str, out: Path, fmt: str = "xliff2") -> Report:
    """`l10n export`: the locale's catalogs for CAT tools, into the folder `out` (`fmt`: xliff2,
    xliff1 or tmx)."""
    from .commands.exchange import export as export_catalogs

    return export_catalogs(project, project.locale(locale), fmt, out)


def import_files(project: Project, files: Iterable[Path]) -> list[Imported]:
    """`l10n import`: take the translations of XLIFF files back into the catalogs; one result per locale."""
    from .commands.exchange import import_files as import_xliff

    return import_xliff(project, list(files))


def compile_catalogs(project: Project, locale: str) -> Report:
    """`l10n compile`: a .mo file beside each catalog of the locale (reviewed translations only)."""
    from .commands.catalogs import compile_catalogs as compile_mo

    return compile_mo(project, project.locale(locale))
