"""Where a project's files are: articles in source/, catalogs in locales/, pages in dist/."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .config import Config, load_config
from .errors import ConfigError, SourceError
from .fingerprints import State

ARTICLE_SUFFIXES = (".html", ".htm")
SITE_DOMAIN = "_site"  # the catalog of the site around the articles (menus, footers…)
CACHE_FOLDER = ".l10n-cache"  # fingerprints, skeletons and answers; always safe to delete
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
            raise ConfigError("no [tool.l10n] found in a pyproject.toml here or in any folder above: "
                              "not an l10n project")

    @classmethod
    def find(cls, start: Path | None = None) -> "Project":
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
        for path in only:
            path = path.resolve()
            if not path.exists():
                raise ConfigError("no such file or folder", path)
            if path != source and source not in path.parents:
                raise ConfigError(f"not inside the source folder {self.config.relative(source)}/", path)
            found += self._under(path) if path.is_dir() else [Article(PurePosixPath(path.relative_to(source).as_posix()))]
        return self._named(sorted(set(found)))

    def _under(self, folder: Path) -> list[Article]:
        return [Article(PurePosixPath(rel)) for rel in _files(self.config.source, folder)
                if rel.lower().endswith(ARTICLE_SUFFIXES)]

    def _named(self, articles: list[Article]) -> list[Article]:
        """The articles, if each has a name of its own that catalogs and pages can use; else a SourceError."""
        seen: dict[str, Article] = {}
        for article in articles:
            shown = _printable(self.config.relative(self.source_path(article)))
            if _UNNAMEABLE.search(str(article.path)):
                raise SourceError("a file name may not hold a line break, tab or other control character, nor "
                                  "bytes that are not UTF-8 (a catalog names its article on one line); rename the file",
                                  shown)
            if article.domain == SITE_DOMAIN:
                raise SourceError(f"an article may not be named {article.path}: {SITE_DOMAIN} is the name of the "
                                  "site catalog; rename the file", shown)
            if article.domain.lower() == "index":
                raise SourceError(f"an article may not be named {article.path}: each language's list of articles is "
                                  "published as index.html; rename the file", shown)
            other = seen.setdefault(article.domain, article)
            if other is not article:
                raise SourceError(f"{other.path} and {article.path} would share one catalog ({article.domain}.po) "
                                  f"and one page ({article.domain}.html); rename one", shown)
        return articles

    def links_out(self) -> list[str]:
        """Symbolic links under the source folder that lead out of it, as shown to users: l10n
        reads nothing they point to (an article or asset linked from elsewhere is not published)."""
        return [self.config.relative(self.config.source / rel) for rel in _links_out(self.config.source)]

    def assets(self) -> list[PurePosixPath]:
        """Other files under the source folder (stylesheets, images…), published beside the pages."""
        return [PurePosixPath(rel) for rel in _files(self.config.source, self.config.source)
                if not rel.lower().endswith(ARTICLE_SUFFIXES)]

    def source_path(self, article: Article) -> Path:
        return self.config.source / article.path

    def source_bytes(self, article: Article) -> bytes:
        """An article's source file, or a SourceError naming it."""
        path = self.source_path(article)
        try:
            return path.read_bytes()
        except OSError as e:
            raise SourceError(f"cannot read: {e.strerror}", self.config.relative(path)) from None

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

    def template_path(self, article: Article) -> Path:
        return self.config.locales / "templates" / f"{article.domain}.pot"

    def catalog_path(self, locale: str, article: Article) -> Path:
        return self.catalog_file(locale, article.domain)

    def catalog_file(self, locale: str, domain: str) -> Path:
        return self.config.locales / locale / "LC_MESSAGES" / f"{domain}.po"

    def catalog_domains(self, locale: str) -> list[str]:
        """Domains that have a catalog for `locale`, whether or not their article still exists."""
        return _domains(self.config.locales / locale / "LC_MESSAGES", ".po")

    def template_domains(self) -> list[str]:
        return _domains(self.config.locales / "templates", ".pot")


def _printable(path: str) -> str:
    """A path as one line: characters that are not printable written as Python escapes."""
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in path)


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
