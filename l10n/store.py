"""The store: where a project's files are and how they are read and written.

Articles are in source/, templates and catalogs in locales/ (with each locale's glossary), pages
in dist/, what can be remade in .l10n-cache/. Every command, the public API and the roles come
here for a path, a catalog or a locale: catalogs are read strictly and written atomically, only
when their content changed; a locale is a Babel locale other than the source language, and one
without catalogs is refused with the one "run l10n init" error.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from .atomic import NOT_REGULAR, read_file, write_atomic
from .catalogs.catalog import Catalog
from .config import Config, check_output, check_targets, load_config
from .digests import digest
from .errors import CatalogError, ConfigError, GlossaryError, InterchangeError, MediaError, SourceError
from .fingerprints import State
from .formats import media, pofile
from .formats.media import MediaMap
from .locales import TargetLocale, parse_locale
from .lock import Waiting, catalogs_locked, locked, quietly
from .report import Progress, no_progress, printable

if TYPE_CHECKING:  # the glossary and memories are read by few commands: imported when asked for
    from .catalogs.glossary import Glossary
    from .catalogs.memory import TranslationMemory

ARTICLE_SUFFIXES = (".html", ".htm")
SITE_DOMAIN = "_site"  # the catalog of the site around the articles (menus, footers…)
CACHE_FOLDER = ".l10n-cache"  # fingerprints, skeletons and answers; always safe to delete
GLOSSARY_FILE = "glossary.tbx"  # a locale's terminology, in its folder under locales/
MEDIA_FILE = "media.toml"  # a locale's own media in place of the English pages', in its folder under locales/
# What an article's path may not hold: controls, line separators, and bytes that are not UTF-8 (as surrogates).
_UNNAMEABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


@dataclass(frozen=True, order=True)
class Article:
    """An English page, named by its path under the source folder (`news/visit.html`)."""

    path: PurePosixPath

    @property
    def domain(self) -> str:
        """The gettext domain: the path without its suffix (`news/visit`)."""
        return self.path.with_suffix("").as_posix()


@dataclass(frozen=True)
class Project:
    """A project: its settings, and where its articles, catalogs and pages are."""

    config: Config

    def __post_init__(self) -> None:
        """Outside any project (no settings, no source folder), say so rather than what is missing."""
        if self.config.settings_file is None and not self.config.source.is_dir():
            raise ConfigError(
                "no [tool.l10n] found in a pyproject.toml here or in any folder above: not an l10n project"
            )

    @classmethod
    def find(cls, start: Path | None = None) -> Project:
        """The project whose pyproject.toml is in `start` (default: the current folder) or above it."""
        return cls(load_config(start))

    def articles(self, only: tuple[Path, ...] = ()) -> list[Article]:
        """Every article under the source folder, or those named (files or folders)."""
        source = self.config.source
        if not source.is_dir():
            raise ConfigError("source folder does not exist", self.config.relative(source))
        if not only:
            return self._named(self._under(source))
        found: list[Article] = []
        for given in only:
            path = given.resolve()
            if not path.exists():
                raise ConfigError("no such file or folder", given)  # named as the user wrote it
            if path != source and source not in path.parents:
                raise ConfigError(f"not inside the source folder {self.config.relative(source)}/", given)
            found += (
                self._under(path) if path.is_dir() else [Article(PurePosixPath(path.relative_to(source).as_posix()))]
            )
        return self._named(sorted(set(found)))

    def _under(self, folder: Path) -> list[Article]:
        return [
            Article(PurePosixPath(rel))
            for rel in _files(self.config.source, folder)
            if rel.lower().endswith(ARTICLE_SUFFIXES)
        ]

    def _named(self, articles: list[Article]) -> list[Article]:
        """The articles, if each has a name of its own that catalogs and pages can use; else a SourceError."""
        seen: dict[str, Article] = {}
        for article in articles:
            shown = printable(self.config.relative(self.source_path(article)))
            if _UNNAMEABLE.search(str(article.path)):
                raise SourceError(
                    "a file name may not hold a line break, tab or other control character, nor "
                    "bytes that are not UTF-8 (a catalog names its article on one line); rename the file",
                    shown,
                )
            if article.domain == SITE_DOMAIN:
                raise SourceError(
                    f"an article may not be named {article.path}: {SITE_DOMAIN} is the name of the "
                    "site catalog; rename the file",
                    shown,
                )
            if article.domain.lower() == "index":
                raise SourceError(
                    f"an article may not be named {article.path}: each language's list of articles is "
                    "published as index.html; rename the file",
                    shown,
                )
            other = seen.setdefault(article.domain, article)
            if other is not article:
                raise SourceError(
                    f"{other.path} and {article.path} would share one catalog ({article.domain}.po) "
                    f"and one page ({article.domain}.html); rename one",
                    shown,
                )
        return articles

    def links_out(self) -> list[str]:
        """Symbolic links under the source folder that lead out of it, as shown to users: l10n
        reads nothing they point to (an article or asset linked from elsewhere is not published)."""
        return [self.config.relative(self.config.source / rel) for rel in _links_out(self.config.source)]

    def assets(self) -> list[PurePosixPath]:
        """Other files under the source folder (stylesheets, images…), published beside the pages."""
        return [
            PurePosixPath(rel)
            for rel in _files(self.config.source, self.config.source)
            if not rel.lower().endswith(ARTICLE_SUFFIXES)
        ]

    def source_path(self, article: Article) -> Path:
        return self.config.source / article.path

    def source_bytes(self, article: Article) -> bytes:
        """An article's source file, or a SourceError naming it."""
        path = self.source_path(article)
        try:
            return read_file(path)
        except OSError as e:
            raise SourceError(_cannot_read(e), self.config.relative(path)) from None

    def source_digest(self, article: Article, state: State) -> tuple[str, int]:
        """An article's source digest (the file is read only when its stamp changed) and size."""
        path = self.source_path(article)
        try:
            found = state.file_digest(path)
            size = path.stat().st_size
        except OSError as e:
            raise SourceError(f"cannot read: {e.strerror}", self.config.relative(path)) from None
        if found is None:
            raise SourceError("cannot read: No such file or directory", self.config.relative(path))
        return found, size

    # ---- locales ----

    def locale(self, code: str) -> TargetLocale:
        """A target locale: one Babel knows, never the source language (which has no catalogs)."""
        return self.locales([code])[0]

    def locales(self, codes: Iterable[str] = ()) -> list[TargetLocale]:
        """Target locales (default: the configured languages), each once, none the source language."""
        targets = [parse_locale(code) for code in (list(codes) or self.config.languages)]
        check_targets(tuple(t.code for t in targets), self.config.source_language)
        return targets

    def started_locales(self) -> list[TargetLocale]:
        """The locales that have catalogs, in code order (folders of other names are left out)."""
        found = []
        folder = self.config.locales
        for child in sorted(folder.iterdir()) if folder.is_dir() else []:
            if child.name != "templates" and (child / "LC_MESSAGES").is_dir():
                try:
                    found.append(parse_locale(child.name))
                except ConfigError:
                    continue
        return found

    # ---- templates and catalogs ----

    def in_locales(self, path: Path) -> Path:
        """`path` (under the locales folder), if no symbolic link on its way leads out of that
        folder; else a CatalogError: catalogs, templates and glossaries are read and written
        only there, whatever links are committed to it."""
        return _within(path, self.config.locales, "locales", self.config.relative)

    def template_path(self, article: Article) -> Path:
        return self.template_file(article.domain)

    def template_file(self, domain: str) -> Path:
        return self.in_locales(self.config.locales / "templates" / f"{domain}.pot")

    def catalog_path(self, locale: str, article: Article) -> Path:
        return self.catalog_file(locale, article.domain)

    def catalog_file(self, locale: str, domain: str) -> Path:
        return self.in_locales(self.config.locales / locale / "LC_MESSAGES" / f"{domain}.po")

    def catalog_domains(self, locale: str) -> list[str]:
        """Domains that have a catalog for `locale`, whether or not their article still exists."""
        return _domains(self.config.locales / locale / "LC_MESSAGES", ".po")

    def template_domains(self) -> list[str]:
        return _domains(self.config.locales / "templates", ".pot")

    def require_catalogs(self, locale: TargetLocale) -> list[str]:
        """The locale's catalog domains; a locale without catalogs (a typo, or a locale not started
        with `l10n init`) is refused."""
        domains = self.catalog_domains(locale.code)
        if not domains:
            raise ConfigError(
                f"no catalogs for {locale.code}; run `l10n init {locale.code}` first",
                self.config.relative(self.config.locales / locale.code),
            )
        return domains

    def load_catalogs(self, locale: TargetLocale, progress: Progress = no_progress) -> dict[str, Catalog]:
        """Every catalog of a locale by domain; a locale without catalogs is refused."""
        domains = self.require_catalogs(locale)
        return {d: load_catalog(self.catalog_file(locale.code, d)) for d in progress(domains, "Reading")}

    def article_catalog(self, locale: TargetLocale, article: Article) -> Path:
        """An article's catalog, which must exist (`l10n update` makes it)."""
        path = self.catalog_path(locale.code, article)
        if not path.is_file():
            raise ConfigError(
                f"no {locale.code} catalog for this article; run `l10n update {locale.code}` first",
                self.config.relative(self.source_path(article)),
            )
        return path

    def glossary(self, locale: TargetLocale) -> Glossary:
        """The locale's glossary (`locales/<locale>/glossary.tbx`); none is an empty glossary."""
        return load_glossary(
            self.in_locales(self.config.locales / locale.code / GLOSSARY_FILE), self.config.source_language
        )

    def media(self, locale: TargetLocale) -> MediaMap:
        """The locale's media map (`locales/<locale>/media.toml`; none is an empty map). A target
        that is a path must be a file under the source folder: one that is not is a MediaError
        naming the map's line."""
        path = self.in_locales(self.config.locales / locale.code / MEDIA_FILE)
        shown = self.config.relative(path)
        try:
            data = read_file(path)
        except FileNotFoundError:
            return MediaMap(shown)
        except OSError as e:
            raise MediaError(_cannot_read(e), shown) from None
        try:
            text = data.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as e:
            raise MediaError("not valid UTF-8", shown, data.count(b"\n", 0, e.start) + 1) from None
        found = media.parse(text, shown)
        assets = {asset.as_posix() for asset in self.assets()}
        for entry in found.entries:
            if not entry.address and entry.path not in assets:
                source = self.config.relative(self.config.source)
                raise MediaError(f"{entry.target}: no such file in {source}/", shown, entry.line or None)
        return found

    def memories(self, files: object, locale: TargetLocale) -> list[TranslationMemory]:
        """TMX files (paths from the project root, as `[tool.l10n.translate.memory] tmx` lists
        them) as memories, in the order given."""
        from .catalogs.memory import TranslationMemory
        from .formats import tmx

        if not isinstance(files, Sequence) or isinstance(files, str) or not all(isinstance(f, str) for f in files):
            raise ConfigError(
                "setting translate.memory.tmx must be a list of file paths", self.config.root / "pyproject.toml"
            )
        found = []
        for name in files:
            path = (self.config.root / name).resolve()
            shown = self.config.relative(path) if path.is_relative_to(self.config.root) else name
            pairs = tmx.read(read_exchange_file(path, shown), shown, self.config.source_language, locale)
            found.append(TranslationMemory(pairs, where=shown))
        return found

    def output_folder(self, folder: Path, work: str) -> Path:
        """A folder that `work` (a preview, review pages, an export) writes into, if the one rule
        for output folders allows it (see `config.check_output`) and it holds no symbolic link
        that leads out of it; else a ConfigError."""
        folder = folder.resolve()
        check_output(self.config, folder, work=work)
        check_output_links(folder, self.config.relative)
        return folder

    # ---- the cache ----

    @property
    def cache_folder(self) -> Path:
        return self.config.root / CACHE_FOLDER

    def catalogs_locked(self, waiting: Waiting = quietly) -> AbstractContextManager[None]:
        """Hold the lock on the project's catalogs: one command writes them at a time (see `lock`)."""
        return catalogs_locked(self.cache_folder, waiting)

    def output_name(self, output: Path) -> str:
        """The name of what the cache keeps for builds into `output`: `build-<hash>`."""
        return f"build-{digest(str(output))[:12]}"

    def output_locked(self, output: Path, waiting: Waiting = quietly) -> AbstractContextManager[None]:
        """Hold the lock on an output folder: one build writes it at a time (see `lock`)."""
        return locked(self.cache_folder / f"{self.output_name(output)}.lock", waiting)


# ---- files ----


def load_catalog_text(path: Path) -> str:
    """A catalog's text; unreadable or not UTF-8 is a CatalogError."""
    try:
        data = read_file(path)
    except OSError as e:
        raise CatalogError(_cannot_read(e), path) from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise CatalogError("not valid UTF-8 (catalogs must be UTF-8)", path, line) from None


def load_catalog(path: Path) -> Catalog:
    """Read a .po or .pot file; anything msgfmt would refuse is a CatalogError naming the file and line."""
    return pofile.parse(load_catalog_text(path), path)


def render_catalog(
    catalog: Catalog, path: Path, date_header: str | None = "POT-Creation-Date", width: int | None = None
) -> bytes | None:
    """The bytes to write at `path` for `catalog`, or None when the file holds it already (see `pofile.render`)."""
    try:
        text = load_catalog_text(path)
    except CatalogError:
        if not path.exists():
            return pofile.render(catalog, None, path, date_header, width)
        raise
    return pofile.render(catalog, text, path, date_header, width)


def save_catalog(
    catalog: Catalog, path: Path, date_header: str | None = "POT-Creation-Date", width: int | None = None
) -> bool:
    """Write a catalog atomically, only if its content changed apart from its `date_header`
    (see `pofile.render`); True when written."""
    data = render_catalog(catalog, path, date_header, width)
    if data is not None:
        write_atomic(path, data)
    return data is not None


def load_glossary(path: Path, source_language: str = "en") -> Glossary:
    """Read a TBX glossary; a missing file is an empty glossary."""
    from .catalogs.glossary import Glossary
    from .formats import tbx

    if not path.exists():
        return Glossary([])
    try:
        data = read_file(path)
    except OSError as e:
        raise GlossaryError(_cannot_read(e), path) from None
    return tbx.parse(data, path, source_language)


def read_exchange_file(path: Path, shown: str) -> bytes:
    """An XLIFF or TMX file's bytes; an unreadable one is an InterchangeError naming it as `shown`."""
    try:
        return read_file(path)
    except OSError as e:
        raise InterchangeError(_cannot_read(e), shown) from None


def _cannot_read(error: OSError) -> str:
    return error.strerror if error.strerror == NOT_REGULAR else f"cannot read: {error.strerror}"


def _within(path: Path, folder: Path, name: str, shown: Callable[[Path], str]) -> Path:
    """`path`, if its real place is inside `folder`'s (no link on its way leads out); else a CatalogError."""
    if not Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder)):
        raise CatalogError(
            f"a symbolic link on the way leads out of the {name} folder {shown(folder)}/: refused "
            "(l10n reads and writes nothing outside it)",
            shown(path),
        )
    return path


def check_output_links(folder: Path, shown: Callable[[Path], str]) -> None:
    """An output folder holds no symbolic link that leads out of it (someone else's: l10n makes
    none), as writing through it would write elsewhere; else a ConfigError naming the first."""
    if folder.is_dir():
        for rel in _links_out(folder):
            raise ConfigError(
                f"a symbolic link that leads out of the output folder {shown(folder)}/: refused "
                "(l10n writes nothing outside it; remove the link)",
                shown(folder / rel),
            )


def _files(source: Path, folder: Path) -> list[str]:
    """Files under `folder` as POSIX paths relative to `source`, in path order; anything hidden
    (a name starting with a dot, under `source`) is left out, links to folders are not followed,
    and links to files outside `source` are left out (see `_links_out`)."""
    return _walk(source, folder)[0]


def _links_out(source: Path) -> list[str]:
    """Symbolic links under `source` (to files or folders) that lead out of it, relative to it."""
    return _walk(source, source)[1]


def _walk(source: Path, folder: Path) -> tuple[list[str], list[str]]:
    """`_files` of `folder`, and the links under it that lead out of `source`."""
    rel = folder.relative_to(source).parts
    if any(part.startswith(".") for part in rel):
        return [], []
    found: list[str] = []
    out: list[str] = []
    real = Path(os.path.realpath(source))
    for top, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if not name.startswith(".")]
        prefix = Path(top).relative_to(source).as_posix()
        prefix = "" if prefix == "." else prefix + "/"
        out += [prefix + name for name in folders if _leads_out(os.path.join(top, name), real)]
        for name in names:
            path = os.path.join(top, name)
            if name.startswith("."):
                continue
            if _leads_out(path, real):
                out.append(prefix + name)
            elif os.path.isfile(path):
                found.append(prefix + name)
    return sorted(found, key=lambda path: path.split("/")), sorted(out)


def _leads_out(path: str, real: Path) -> bool:
    """Whether a path is a symbolic link to somewhere outside `real` (a resolved folder)."""
    return os.path.islink(path) and not Path(os.path.realpath(path)).is_relative_to(real)


def _domains(folder: Path, suffix: str) -> list[str]:
    if not folder.is_dir():
        return []
    return sorted(p.relative_to(folder).with_suffix("").as_posix() for p in folder.rglob("*" + suffix))
