"""Project settings: defaults, `[tool.l10n]` in pyproject.toml, then command-line options."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from .errors import ConfigError
from .locales import TargetLocale, parse_locale
from .region.hosts import CHINA, REGIONS, HostEntry, HostList, host_list, parse_entry, unmatched

SEGMENTATION_MODES = ("sentence", "paragraph")
# Where the units of the page around the article go: the site catalog, the article's, or nowhere.
SITE_TEXT_MODES = ("catalog", "article", "keep")


@dataclass(frozen=True)
class Config:
    """Where things live and what to produce. Paths are absolute."""

    root: Path
    source: Path
    locales: Path
    output: Path
    languages: tuple[str, ...] = ("zh",)
    segmentation: str = "sentence"
    source_language: str = "en"
    source_locale: str = "en_GB"
    base_url: str | None = None
    source_url: str | None = None  # the site the English articles come from (links to it are made absolute)
    min_complete: float = 80.0
    content: tuple[str, ...] = ()  # CSS selectors of the article; empty: found automatically
    # Selectors for the pages of a folder of the source (its sub-folders too; the deepest wins), deepest first.
    content_folders: tuple[tuple[str, tuple[str, ...]], ...] = ()
    site_text: str = "catalog"
    assets: tuple[str, ...] = ()  # glob patterns of files under source/ published whether or not a page uses them
    wrap: int | None = None  # catalogs' page width; 0: unwrapped; None: each file as it is (new ones at 79)
    # Where each locale's readers are ("cn": mainland China; "none"): one region for every locale, or
    # (locale, region) pairs; None: the default (see `region`).
    reader_region: str | tuple[tuple[str, str], ...] | None = None
    blocked_hosts: tuple[HostEntry, ...] = ()  # entries added to the region's list of hosts
    reachable_hosts: tuple[str, ...] = ()  # hosts of the list readers can reach after all
    link_markers: bool = True  # a visible marker after links to pages in another language
    site_name: str | None = None  # the site's name in the source language; None: found in the pages
    settings_file: Path | None = None  # the pyproject.toml whose [tool.l10n] was read; None: no project found
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def region(self, locale: TargetLocale) -> str:
        """Where a locale's readers are: as set, else mainland China ("cn") for Simplified Chinese
        of mainland China (`zh`, `zh_Hans`, `zh_CN`; not `zh_SG`), else "none"."""
        if isinstance(self.reader_region, tuple):
            set_for = dict(self.reader_region)
            if locale.code in set_for:
                return set_for[locale.code]
        elif self.reader_region is not None:
            return self.reader_region
        territory = locale.territory or locale.locale.territory
        mainland = locale.locale.language == "zh" and locale.script == "Hans" and territory in (None, "CN")
        return CHINA if mainland else "none"

    def hosts(self, locale: TargetLocale) -> HostList | None:
        """The hosts a locale's readers cannot reach (None: readers reach the whole web)."""
        region = self.region(locale)
        return None if region == "none" else host_list(region, self.blocked_hosts, self.reachable_hosts)

    def content_for(self, path: Path) -> tuple[str, ...]:
        """The `content` selectors of a source page: its folder's, else the project's."""
        if self.content_folders:
            try:
                where = path.relative_to(self.source).as_posix()
            except ValueError:
                return self.content
            for folder, selectors in self.content_folders:
                if where.startswith(folder + "/"):
                    return selectors
        return self.content

    def relative(self, path: Path) -> str:
        """`path` as shown to users and in references: relative to the project root."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


_KEYS = {
    "source",
    "locales",
    "output",
    "languages",
    "segmentation",
    "source_language",
    "source_locale",
    "base_url",
    "source_url",
    "min_complete",
    "content",
    "site_text",
    "wrap",
    "assets",
    "reader_region",
    "blocked_hosts",
    "reachable_hosts",
    "link_markers",
    "site_name",
}


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml in `start` or its parents."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None, **overrides: Any) -> Config:
    """Read `[tool.l10n]` from the nearest pyproject.toml, then apply non-None overrides."""
    start = (start or Path.cwd()).resolve()
    pyproject = find_pyproject(start)
    root = pyproject.parent if pyproject else start
    table: dict[str, Any] = {}
    settings_file = None
    if pyproject:
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"cannot read settings: {e}", pyproject) from None
        table = data.get("tool", {}).get("l10n", {})
        if not isinstance(table, dict):
            raise ConfigError("[tool.l10n] must be a table", pyproject)
        settings_file = pyproject if "l10n" in data.get("tool", {}) else None
    settings = {k: v for k, v in table.items() if k in _KEYS}
    extra = {k: v for k, v in table.items() if k not in _KEYS}
    settings.update({k: v for k, v in overrides.items() if v is not None})

    def folder(key: str, default: str) -> Path:
        value = settings.get(key, default)
        if not isinstance(value, (str, Path)):
            raise ConfigError(f"setting {key!r} must be a folder path", pyproject)
        return (root / Path(value)).resolve()

    languages = settings.get("languages", ["zh"])
    if isinstance(languages, str) or not all(isinstance(x, str) for x in languages):
        raise ConfigError("setting 'languages' must be a list of locale codes", pyproject)
    source_language = settings.get("source_language", "en")
    if not isinstance(source_language, str):
        raise ConfigError("setting 'source_language' must be a locale code", pyproject)
    _setting_locale("source_language", source_language, pyproject)
    languages = tuple(_setting_locale("languages", code, pyproject) for code in languages)
    check_targets(languages, source_language, pyproject)
    segmentation = settings.get("segmentation", "sentence")
    if segmentation not in SEGMENTATION_MODES:
        raise ConfigError(
            f"setting 'segmentation' must be one of {', '.join(SEGMENTATION_MODES)}, not {segmentation!r}",
            pyproject,
        )
    min_complete = settings.get("min_complete", 80)
    if isinstance(min_complete, bool) or not isinstance(min_complete, (int, float)) or not 0 <= min_complete <= 100:
        raise ConfigError("setting 'min_complete' must be a percentage from 0 to 100", pyproject)
    base_url, source_url = (_address(settings, key, pyproject) for key in ("base_url", "source_url"))
    wrap = settings.get("wrap")
    if wrap == "no":
        wrap = 0
    elif wrap is not None and (isinstance(wrap, bool) or not isinstance(wrap, int) or wrap < 20):
        raise ConfigError(
            "setting 'wrap' must be a page width (79, as gettext wraps) or \"no\", not " + repr(wrap), pyproject
        )
    source_locale = _setting_locale("source_locale", str(settings.get("source_locale", "en_GB")), pyproject)
    content = settings.get("content", [])
    folders: dict[str, tuple[str, ...]] = {}
    if isinstance(content, dict):  # [tool.l10n.content]: selectors by folder, "*" for the other pages
        for name, selectors in content.items():
            where = name.strip().strip("/")
            if not where or ".." in where.split("/"):
                raise ConfigError(f"setting 'content': {name!r} is not a folder of the source", pyproject)
            folders[where] = _selectors(selectors, f"content.{name}", pyproject)
        content = folders.pop("*", ())
    content = _selectors(content, "content", pyproject)
    site_text = settings.get("site_text", "catalog")
    if site_text not in SITE_TEXT_MODES:
        raise ConfigError(
            f"setting 'site_text' must be one of {', '.join(SITE_TEXT_MODES)}, not {site_text!r}", pyproject
        )
    assets = settings.get("assets", [])
    if isinstance(assets, str):
        assets = [assets]
    if not isinstance(assets, list) or not all(isinstance(a, str) and a.strip() for a in assets):
        raise ConfigError(
            "setting 'assets' must be a list of file patterns (globs such as \"downloads/*.pdf\")", pyproject
        )
    for pattern in assets:
        if pattern.startswith("/") or ".." in pattern.split("/") or "\\" in pattern:
            raise ConfigError(
                f"setting 'assets': {pattern!r} must be a pattern of paths inside the source folder "
                "(relative, with /, no ..)",
                pyproject,
            )
    reader_region, blocked, reachable = _reachability(settings, pyproject)
    link_markers = settings.get("link_markers", True)
    if not isinstance(link_markers, bool):
        raise ConfigError("setting 'link_markers' must be true or false", pyproject)
    site_name = settings.get("site_name")
    if site_name is not None and (not isinstance(site_name, str) or not site_name.strip()):
        raise ConfigError("setting 'site_name' must be the site's name (text)", pyproject)
    config = Config(
        root=root,
        source=folder("source", "source"),
        locales=folder("locales", "locales"),
        output=folder("output", "dist"),
        languages=languages,
        segmentation=segmentation,
        source_language=source_language,
        source_locale=source_locale,
        base_url=base_url,
        source_url=source_url,
        min_complete=float(min_complete),
        content=content,
        content_folders=tuple(sorted(folders.items(), key=lambda item: -item[0].count("/"))),
        site_text=site_text,
        wrap=wrap,
        assets=tuple(assets),
        reader_region=reader_region,
        blocked_hosts=blocked,
        reachable_hosts=reachable,
        link_markers=link_markers,
        site_name=site_name.strip() if site_name else None,
        settings_file=settings_file,
        extra=extra,
    )
    check_output(config, where=pyproject)
    return config


def _reachability(
    settings: dict[str, Any], pyproject: Path | None
) -> tuple[str | tuple[tuple[str, str], ...] | None, tuple[HostEntry, ...], tuple[str, ...]]:
    """`reader_region` (one region, or a table of regions by locale), `blocked_hosts` (entries
    added to the list) and `reachable_hosts` (hosts taken off it), checked."""
    value = settings.get("reader_region")
    region: str | tuple[tuple[str, str], ...] | None = None
    choices = ", ".join(f'"{r}"' for r in REGIONS)
    if isinstance(value, str):
        if value not in REGIONS:
            raise ConfigError(f"setting 'reader_region' must be one of {choices}, not {value!r}", pyproject)
        region = value
    elif isinstance(value, dict):
        pairs = []
        for code, where in value.items():
            if where not in REGIONS:
                raise ConfigError(f"setting 'reader_region': {code} must be one of {choices}, not {where!r}", pyproject)
            pairs.append((_setting_locale("reader_region", code, pyproject), where))
        region = tuple(pairs)
    elif value is not None:
        raise ConfigError(
            f"setting 'reader_region' must be a region ({choices}) or a table of them by locale", pyproject
        )
    tables = settings.get("blocked_hosts", [])
    if not isinstance(tables, list):
        raise ConfigError("setting 'blocked_hosts' must be a list of tables ([[tool.l10n.blocked_hosts]])", pyproject)
    blocked = []
    for table in tables:
        try:
            blocked.append(parse_entry(table))
        except ValueError as e:
            raise ConfigError(f"setting 'blocked_hosts': {e}", pyproject) from None
    reachable = settings.get("reachable_hosts", [])
    if not isinstance(reachable, list) or not all(isinstance(h, str) and h.strip() for h in reachable):
        raise ConfigError("setting 'reachable_hosts' must be a list of host names", pyproject)
    reachable = [h.strip().lower().rstrip(".") for h in reachable]
    for listed in unmatched(CHINA, blocked, reachable):
        raise ConfigError(
            f"setting 'reachable_hosts': {listed} is on no list of blocked hosts (a typo?); remove it", pyproject
        )
    return region, tuple(blocked), tuple(reachable)


def _selectors(value: object, name: str, pyproject: Path | None) -> tuple[str, ...]:
    """CSS selectors of a `content` setting (a string is one), each checked."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, (list, tuple)) or not all(isinstance(c, str) and c.strip() for c in value):
        raise ConfigError(f"setting '{name}' must be a list of CSS selectors", pyproject)
    if not value:
        return ()
    from lxml.cssselect import CSSSelector, SelectorError  # few projects set selectors: imported then

    for selector in value:
        try:
            CSSSelector(selector)
        except SelectorError as e:
            raise ConfigError(f"setting '{name}': bad CSS selector {selector!r} ({e})", pyproject) from None
    return tuple(value)


def _setting_locale(name: str, code: str, pyproject: Path | None) -> str:
    """A locale code of a setting, normalised (`pt-BR` → `pt_BR`); one Babel does not know is a ConfigError."""
    try:
        return parse_locale(code).code
    except ConfigError as e:
        raise ConfigError(f"setting {name!r}: {e.message}", pyproject) from None


def check_targets(codes: tuple[str, ...], source_language: str, where: Path | None = None) -> None:
    """Target locales each need a folder of their own: none is given twice, or is the source language."""
    seen = {source_language.replace("-", "_").lower(): "is the source language"}
    for code in codes:
        if code.lower() in seen:
            raise ConfigError(f"locale {code!r} {seen[code.lower()]}: each language needs a folder of its own", where)
        seen[code.lower()] = "is given twice"


def _address(settings: dict[str, Any], key: str, pyproject: Path | None) -> str | None:
    """A web address setting, ending in `/` (None when not set)."""
    value = settings.get(key)
    if value is None:
        return None
    parts = urlsplit(value) if isinstance(value, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise ConfigError(f"setting {key!r} must be an http:// or https:// address", pyproject)
    return value.rstrip("/") + "/"


def with_options(
    config: Config, output: Path | None = None, min_complete: float | None = None, work: str = "build"
) -> Config:
    """The same settings with build options from the command line (when given); a `work` other
    than the build (a preview) writes to `output` and must keep apart from the published folder."""
    if output is not None:
        check_output(config, output.resolve(), work=work)
        config = replace(config, output=output.resolve())
    if min_complete is not None:
        config = replace(config, min_complete=min_complete)
    return config


def check_output(config: Config, folder: Path | None = None, where: Path | None = None, work: str = "build") -> None:
    """The one rule for every folder l10n writes into (the build's output, or `folder`: a
    preview's, review pages', an export's): apart from the articles and the catalogs, not one of
    them, nor inside one, nor holding one (`work` would write over them, and read its own files
    back); and, but for the build itself, apart from the published output folder."""
    out = config.output if folder is None else folder
    apart = [("source", config.source), ("locales", config.locales)]
    if work != "build":
        apart.append(("published output", config.output))
    for name, other in apart:
        if out == other or other in out.parents or out in other.parents:
            raise ConfigError(
                f"the {'output' if work == 'build' else work} folder {config.relative(out)}/ and the {name} folder "
                f"{config.relative(other)}/ overlap: the {work} would write over it; choose another "
                f"{'output' if work == 'build' else work} folder",
                where,
            )
