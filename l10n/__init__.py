"""l10n: localise English HTML articles into Chinese through gettext catalogs.

Data flows one way, each step a sub-package:

    source HTML → segment (units, placeholders) → catalogs (pot/po, merge, memory)
                → translate (suggestions) → check (QA) → site (skeletons, pages)

The few things a script may use are named here. Segment a page:

>>> units = segment_html('<p>Roads reopen today. Read <a href="/roads">the plan</a>.</p>')
>>> [unit.msgid for unit in units]
['Roads reopen today.', 'Read <a1>the plan</a1>.']
>>> units[1].comment_lines()
['p', '<a1> is <a href="/roads">']

Read a catalog (the same reader the commands use; errors name the file and line):

>>> catalog = parse_catalog('msgid "Roads reopen today."\\nmsgstr "道路今日重新开放。"\\n')
>>> [(entry.msgid, entry.msgstr, entry.reviewed) for entry in catalog]
[('Roads reopen today.', '道路今日重新开放。', True)]

Work on a project as the commands do (`Project.find` reads `[tool.l10n]` of pyproject.toml):

>>> import pathlib, tempfile
>>> scratch = tempfile.TemporaryDirectory()
>>> folder = pathlib.Path(scratch.name)
>>> _ = (folder / "pyproject.toml").write_text("[tool.l10n]\\n")
>>> (folder / "source").mkdir()
>>> _ = (folder / "source" / "a.html").write_text("<h1>Roads reopen</h1>")
>>> project = Project.find(folder)
>>> _ = init(project, "zh")
>>> po = folder / "locales/zh/LC_MESSAGES/a.po"
>>> catalog = load_catalog(po)
>>> [entry.msgid for entry in catalog]
['Roads reopen']
>>> catalog.entries[0].msgstr = "道路重新开放"
>>> save_catalog(catalog, po)
True
>>> _ = build(project, ["zh"])
>>> "<h1>道路重新开放</h1>" in (folder / "dist/zh/a.html").read_text(encoding="utf-8")
True
>>> scratch.cleanup()
"""

from __future__ import annotations

__version__ = "0.3.0"

from collections.abc import Iterable
from pathlib import Path

from .catalogs.pofile import Catalog, Entry, load as load_catalog, parse as parse_catalog, save as save_catalog
from .errors import L10nError
from .locales import parse_locale
from .project import Project
from .report import Report
from .segment.document import Document, Unit
from .segment.htmlio import parse_html

__all__ = ["Catalog", "Entry", "L10nError", "Project", "Report", "Unit", "build", "init", "load_catalog",
           "parse_catalog", "save_catalog", "segment_html", "update"]


def segment_html(html: str, mode: str = "sentence") -> list[Unit]:
    """The translatable units of an HTML page or fragment, in page order (`mode`: sentence or paragraph)."""
    return Document.from_page(Path("<html>"), parse_html(html, "<html>"), mode).units


def init(project: Project, locale: str) -> Report:
    """`l10n init`: start the catalogs of a new locale, one per article."""
    from .catalogs.steps import init as init_catalogs

    return init_catalogs(project, parse_locale(locale))


def update(project: Project, locales: Iterable[str] = (), jobs: int = 1) -> Report:
    """`l10n update`: extract the templates and merge them into the catalogs of `locales`
    (default: the project's languages; each must have been started with `init`)."""
    from .catalogs.steps import update as update_catalogs

    codes = list(locales) or list(project.config.languages)
    return update_catalogs(project, [parse_locale(code) for code in codes], jobs=jobs)


def build(project: Project, locales: Iterable[str] = (), include_fuzzy: bool = False, jobs: int = 1) -> Report:
    """`l10n build`: write the site for `locales` (default: the project's languages)."""
    from .site.build import build as build_site

    codes = list(locales) or list(project.config.languages)
    return build_site(project, [parse_locale(code) for code in codes], include_fuzzy, jobs=jobs)
