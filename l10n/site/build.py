"""The site: every article in English and in each locale, made from skeletons (see `skeleton`).

Translations are untrusted: a msgstr becomes HTML only through `skeleton.fill`, which writes
its text escaped and its tokens as the source's own inline tags, and nothing else. A unit
without a usable translation stays English, marked `lang="en"`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Callable
from contextlib import suppress
from dataclasses import asdict, dataclass, field
from functools import cache, lru_cache, partial
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Any

from .. import embargo
from ..atomic import discard_leftovers, read_file, write_atomic, write_if_changed
from ..catalogs.catalog import Entry, Key, percent
from ..catalogs.origin import is_pseudo
from ..digests import digest
from ..errors import ConfigError, SourceError, page_failure
from ..fingerprints import CODE, State
from ..locales import TargetLocale, parse_locale
from ..lock import Waiting, quietly
from ..parallel import Results, give_back_memory
from ..region.hosts import CHINA, HostEntry, HostList
from ..report import Progress, Report, no_progress
from ..store import SITE_DOMAIN, Article, Project, check_output_links, load_catalog
from .traditional import converter, is_traditional
from .uptodate import Record

# What makes pages (lxml, segmenting, skeletons, links, the pages around the articles) is imported
# by the functions that make them, once a build has pages to make: a build with nothing to do (see
# `uptodate`) pays only for finding that out.
if TYPE_CHECKING:
    from ..formats.media import MediaMap
    from ..segment.document import Document
    from ..segment.htmlio import Page
    from .links import Rewritten, Site
    from .skeleton import Marks, Outcome, Skeleton, Translation
    from .surround import Listing, Version
    from .texts import Texts


def translations(
    entries: list[Entry],
    where: str,
    include_fuzzy: bool = False,
    convert: Callable[[str], str] | None = None,
    pseudo: bool = False,
) -> dict[Key, Translation | None]:
    """The entries of a catalog (`where` names it) by (msgctxt, msgid), with their usable
    translation: reviewed, or fuzzy too when allowed (else None); `convert` turns Simplified
    Chinese into Traditional. Pseudo-localised text is used only by the pseudo locale (`pseudo`):
    a real locale's page never shows it, reviewed or not."""
    from .skeleton import Translation

    return {
        e.key: Translation(convert(e.msgstr) if convert else e.msgstr, e.fuzzy, f"{where}:{e.line}")
        if e.msgid_plural is None and (e.reviewed or include_fuzzy and e.translated) and (pseudo or not is_pseudo(e))
        else None
        for e in entries
        if not e.obsolete
    }


# The manifest's record of every file a build wrote into the output folder: what clean-up may remove.
_WRITTEN = "written"


# How a published page came out: every unit translated and reviewed, some shown in English, or
# none in English but some machine translated (with --include-fuzzy).
COMPLETE, PARTLY_ENGLISH, MACHINE = "complete", "partly English", "machine translated"


def page_state(english: int, machine: int) -> str:
    """A page's state from its units shown in English and machine translated."""
    return PARTLY_ENGLISH if english else MACHINE if machine else COMPLETE


@dataclass
class Published:
    """What a build published in one locale: its pages, each with its state (`page_state`), and
    the articles below the threshold, each with the percent of its units reviewed; for readers
    who cannot reach some hosts (`region`), what each page loads from them that was dropped or
    replaced by a placeholder (`resources`), and on every page the locale's own media in place of
    the English page's (`media`) and links marked as leading to English (`marked`)."""

    locale: str
    minimum: float
    pages: dict[str, str] = field(default_factory=dict)  # by article path (`news/a.html`)
    below: dict[str, float] = field(default_factory=dict)
    region: str = "none"
    resources: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # by article path
    media: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    marked: dict[str, int] = field(default_factory=dict)
    assets: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # `@import`s dropped from stylesheets

    SHOWN = 10  # articles named in the line; the others are counted

    def line(self) -> str:
        """`zh: 12 published (10 complete, 2 partly English), 3 not published (below 80%): a.html 42%, …`
        (and `, 1 machine translated` in the brackets when some are), then what was done for
        readers who cannot reach some hosts, and the locale's own media used:
        `; unreachable from mainland China: 5 removed, 1 embed as a placeholder; 2 media of zh's own`."""
        states = list(self.pages.values())
        counts = [f"{states.count(COMPLETE)} {COMPLETE}", f"{states.count(PARTLY_ENGLISH)} {PARTLY_ENGLISH}"]
        counts += [f"{states.count(MACHINE)} {MACHINE}"] if MACHINE in states else []
        line = f"{self.locale}: {len(states)} published ({', '.join(counts)}), {len(self.below)} not published"
        if self.below:
            named = [f"{path} {percent:g}%" for path, percent in sorted(self.below.items())]
            more = len(named) - self.SHOWN
            line += (
                f" (below {self.minimum:g}%): "
                + ", ".join(named[: self.SHOWN])
                + (f", and {more} more" if more > 0 else "")
            )
        return line + self.changes()

    def changes(self) -> str:
        """What the summary line says of hosts readers cannot reach and of the locale's media ("" for nothing)."""
        from ..region.resources import ATTRIBUTE, DROPPED, PLACEHOLDER

        actions = [r["action"] for path in self.pages for r in self.resources.get(path, [])]
        actions += [r["action"] for dropped in self.assets.values() for r in dropped]
        removed = sum(action in (DROPPED, ATTRIBUTE) for action in actions)
        replaced = actions.count(PLACEHOLDER)
        media = sum(len(self.media.get(path, [])) for path in self.pages)
        said = ""
        if removed or replaced:
            where = "mainland China" if self.region == CHINA else self.region
            parts = [f"{removed} removed"] if removed else []
            if replaced:
                parts.append(f"{replaced} embed{'s' * (replaced != 1)} as placeholder{'s' * (replaced != 1)}")
            said += f"; unreachable from {where}: {', '.join(parts)}"
        if media:
            said += f"; {media} media of {self.locale}'s own"
        return said

    def as_json(self) -> dict[str, Any]:
        """The build's account of the locale for scripts (`build --json`)."""
        return {
            "locale": self.locale,
            "published": dict(sorted(self.pages.items())),
            "not_published": dict(sorted(self.below.items())),
            "min_complete": self.minimum,
            "reader_region": self.region,
            "resources": [
                {"page": f"{self.locale}/{p}", **r} for p in sorted(self.pages) for r in self.resources.get(p, [])
            ]
            + [{"page": f"{self.locale}/{a}", **r} for a in sorted(self.assets) for r in self.assets[a]],
            "media": [{"page": f"{self.locale}/{p}", **m} for p in sorted(self.pages) for m in self.media.get(p, [])],
            "links_marked": sum(self.marked.get(p, 0) for p in self.pages),
        }


@dataclass
class BuildReport(Report):
    outcomes: dict[tuple[str, Article], Outcome] = field(default_factory=dict)
    published: dict[str, Published] = field(default_factory=dict)  # by locale
    changed: set[Article] = field(default_factory=set)  # English newer than its catalogs: run l10n update
    site_warnings: list[str] = field(default_factory=list)
    embargoed: dict[str, dt.datetime] = field(default_factory=dict)  # by article path, until when
    left_out: list[str] = field(default_factory=list)  # files of the source folder not published
    source_folder: str = "source"  # as shown to users

    SHOWN = 10  # files named in the line of those left out; the others are counted

    def embargo_line(self) -> str | None:
        """`1 article embargoed, not published: news/budget.html until 2026-12-10 09:00 +00:00 (…)`."""
        if not self.embargoed:
            return None
        count = len(self.embargoed)
        named = ", ".join(f"{path} until {embargo.shown(moment)}" for path, moment in sorted(self.embargoed.items()))
        return (
            f"{count} article{'s' * (count != 1)} embargoed, not published: {named} "
            "(each goes out with the first build after its moment)"
        )

    def left_out_line(self) -> str | None:
        """`2 files in source/ not published: news/draft-release.docx, notes.txt`."""
        if not self.left_out:
            return None
        count = len(self.left_out)
        more = count - self.SHOWN
        return (
            f"{count} file{'s' * (count != 1)} in {self.source_folder}/ not published: "
            + ", ".join(self.left_out[: self.SHOWN])
            + (f", and {more} more" if more > 0 else "")
        )

    @property
    def warnings(self) -> list[str]:
        """Each once: a bad translation in the site catalog is met on every page."""
        return list(dict.fromkeys([w for o in self.outcomes.values() for w in o.warnings] + self.site_warnings))


@dataclass(frozen=True)
class _Catalog:
    """What the build needs to know of a catalog before loading it."""

    path: Path
    digest: str
    reviewed: int
    translated: int  # reviewed or fuzzy
    total: int
    derived: bool = False  # Simplified Chinese, converted for a Traditional Chinese page


@dataclass(frozen=True)
class _Source:
    """What the build needs to know of an article's source before making its pages: its digest,
    size and embargo."""

    digest: str
    size: int
    embargo: dt.datetime | None


@dataclass(frozen=True)
class _Page:
    """One page to make: a language version of an article, and the catalogs it is made from."""

    version: Version
    catalogs: tuple[_Catalog, ...]
    fingerprint: str


@dataclass(frozen=True)
class _Made:
    """A page written by a worker: where, its digest, whether its bytes changed, what it says.
    Only plain data: it crosses from a worker to the build, where the page's elements (a video
    made a player, kept by `Rewritten`) cannot go."""

    path: str
    digest: str
    changed: bool
    listing: Listing
    outcome: Outcome | None
    links: dict[str, str]  # where its links lead, as the build's record keeps it (`Rewritten.record`)
    root_relative: int  # links left starting with /
    uses: list[str]  # the files of the source folder the page uses
    changes: dict[str, Any]  # for readers: what was dropped or replaced, the locale's media, links marked


@dataclass
class _Plan:
    """What a build will do: the pages to make, those left as they are, and what the indexes list."""

    english: Version
    targets: dict[str, TargetLocale]
    articles: list[Article]
    listings: dict[str, list[Listing]]  # by language folder, of pages already up to date
    site: Site  # what the build publishes, where links lead
    site_fingerprints: dict[str, str]  # of `site`, by language folder
    sources: dict[Article, _Source]
    files: list[str]  # of the source folder, not pages
    inputs: dict[str, str]  # by language folder: a digest of the settings its pages are made with, beyond the site's
    root_relative: int = 0  # links left root-relative in the pages
    produced: set[str] = field(default_factory=set)  # every page of this build, made or not
    todo: list[tuple[Article, str, list[Version], list[_Page]]] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)  # of the sources of `todo`, for the workers


def build(
    project: Project,
    locales: list[TargetLocale],
    include_fuzzy: bool = False,
    progress: Progress = no_progress,
    jobs: int = 1,
    now: dt.datetime | None = None,
    preview: bool = False,
    waiting: Waiting = quietly,
) -> BuildReport:
    """See `_build`: one build into an output folder at a time (`waiting` is told when another
    holds it), as two would record each other's pages as their own."""
    with project.output_locked(project.config.output, waiting):
        return _build(project, locales, include_fuzzy, progress, jobs, now, preview)


def _build(
    project: Project,
    locales: list[TargetLocale],
    include_fuzzy: bool = False,
    progress: Progress = no_progress,
    jobs: int = 1,
    now: dt.datetime | None = None,
    preview: bool = False,
) -> BuildReport:
    """Write the site from the catalogs as they are (a build never writes a catalog): every
    article in English and in each locale, an index per language and a language chooser. The
    pseudo locale is built only for a `preview` (`l10n serve`, or `build --out` into another
    folder than the configured output): it is never published.

    English newer than the catalogs stays English (`l10n update` brings it in). Pages whose
    inputs did not change since the last build are not redone; the others are made in `jobs`
    processes. Language versions are published when at least `min_complete` percent of their
    units are reviewed. Pages of removed articles, of articles now below that threshold and of
    locales not in this build are removed. A locale needs catalogs of its own, but for Traditional
    Chinese, derived from the Simplified catalogs until it has some.

    An article under embargo (see `embargo`) is neither published nor listed before its moment
    (`now`: the clock's by default), and its pages from earlier builds are removed. Files of the
    source folder that are not pages are published only when a published page uses them or the
    `assets` patterns name them (see `assets`).
    """
    config = project.config
    if not preview and (pseudo := next((loc for loc in locales if loc.pseudo), None)):
        raise ConfigError(
            f"{pseudo.code} is the pseudo locale, for testing layouts, and is never published: preview it "
            f"with `l10n serve {pseudo.code}`, or build it with --out into a folder of its own"
        )
    articles = project.articles()  # first: a name no page can have is the first thing to hear of
    derived = _derived(project, locales)
    for locale in locales:
        if locale.code not in derived:
            project.require_catalogs(locale)
    name = project.output_name(config.output)
    record = Record(
        project.cache_folder / f"{name}.last.json",
        repr((config, locales, include_fuzzy)),
        [config.source, config.locales],
        config.output,
    )
    moment = now or embargo.now()
    if (last := record.replay(moment.timestamp())) is not None:
        return _replayed(last, config.relative(config.source))
    from .assets import select

    check_output_links(config.output, config.relative)
    discard_leftovers(config.output)  # staged by a build killed half-way: never published
    report = BuildReport(
        published={loc.code: Published(loc.code, config.min_complete, region=config.region(loc)) for loc in locales},
        source_folder=config.relative(config.source),
    )
    with State(project.cache_folder / f"{name}.sqlite3", (_WRITTEN,)) as manifest:
        plan = _plan(project, articles, locales, derived, include_fuzzy, manifest, report, moment)
        _make(project, plan, include_fuzzy, manifest, report, progress, jobs)
        plan.produced |= _write_indexes(project, report, plan, manifest)
        records = manifest.entries("pages")
        files, report.left_out = select(
            plan.files,
            {path for page in plan.produced if page in records for path in records[page].get("uses", ())},
            config.assets,
            config.source_url,
            partial(_stylesheet, config.source),
        )
        plan.produced |= _copy_assets(
            project,
            files,
            plan.site,
            [folder for folder, listed in plan.listings.items() if listed],
            {loc.code: hosts for loc in locales if (hosts := config.hosts(loc)) is not None},
            manifest,
            report,
        )
        if plan.root_relative and not config.source_url:
            count = plan.root_relative
            report.site_warnings.append(
                f"{count} link{'s' * (count != 1)} in the pages start with / and lead nowhere on "
                "the partner site: set source_url (the address of the site the articles come "
                "from) in [tool.l10n]"
            )
        _clean_up(project, plan, manifest, report)
        manifest.entries("sites").replace(plan.site_fingerprints)  # every page recorded now leads where this site says
        manifest.save()
        if report.failed:
            return report  # not a build to replay: the pages that failed are tried again next time
        record.save(
            {
                "published": {code: asdict(p) for code, p in report.published.items()},
                "changed": sorted(article.path.as_posix() for article in report.changed),
                "site_warnings": report.site_warnings,
                "embargoed": {path: moment.isoformat() for path, moment in report.embargoed.items()},
                "left_out": report.left_out,
            },
            expires=min(report.embargoed.values()).timestamp() if report.embargoed else None,
        )
        return report


def _replayed(last: dict[str, Any], source_folder: str) -> BuildReport:
    """The report of a build that had nothing to do: the last one's, but for what it wrote."""
    return BuildReport(
        published={code: Published(**p) for code, p in last["published"].items()},
        changed={Article(PurePosixPath(path)) for path in last["changed"]},
        site_warnings=last["site_warnings"],
        embargoed={path: dt.datetime.fromisoformat(moment) for path, moment in last["embargoed"].items()},
        left_out=last["left_out"],
        source_folder=source_folder,
    )


def _plan(
    project: Project,
    articles: list[Article],
    locales: list[TargetLocale],
    derived: dict[str, str],
    include_fuzzy: bool,
    manifest: State,
    report: BuildReport,
    now: dt.datetime,
) -> _Plan:
    """Which language versions each article has, and which of their pages are out of date
    (articles under embargo at `now` have none)."""
    from .assets import publishable
    from .links import Site
    from .surround import Version

    config = project.config
    english = Version(config.source_language, parse_locale(config.source_locale), "", config.source_language)
    targets = {loc.code: loc for loc in locales}
    pages = {article: _source(project, article, manifest) for article in articles}
    files = [asset.as_posix() for asset in project.assets()]
    known = manifest.entries("sources")
    for gone in set(known) - {article.path.as_posix() for article in articles}:
        del known[gone]
    for article, source in pages.items():
        if source.embargo is not None and source.embargo > now:
            report.embargoed[article.path.as_posix()] = source.embargo
    articles = [article for article in articles if article.path.as_posix() not in report.embargoed]

    @cache
    def site_catalog(folder: str, derived: bool) -> _Catalog | None:
        path = project.catalog_file(folder, SITE_DOMAIN)
        return _catalog_info(path, manifest, derived, counted=False) if path.exists() else None

    chosen: list[tuple[Article, list[Version], dict[str, tuple[_Catalog, ...]]]] = []
    for article in articles:
        rel = article.path.with_suffix(".html").as_posix()
        versions = [Version(english.folder, english.locale, f"{english.folder}/{rel}", english.folder)]
        sources: dict[str, tuple[_Catalog, ...]] = {english.folder: ()}
        for code, loc in targets.items():
            sources[code], percent = _sources(
                project, code, derived.get(code), article, manifest, include_fuzzy, site_catalog
            )
            if not sources[code][-1].digest:
                report.changed.add(article)  # no catalog yet
            if percent < config.min_complete:
                report.published[code].below[rel] = percent
                continue
            versions.append(Version(code, loc, f"{code}/{rel}", loc.html_lang))
        chosen.append((article, versions, sources))
    published: dict[str, set[str]] = {english.folder: set(), **{code: set() for code in targets}}
    for article, versions, _ in chosen:
        for version in versions:
            published[version.folder].add(article.path.as_posix())
    media: dict[str, MediaMap] = {code: project.media(loc) for code, loc in targets.items()}
    site = Site(  # a page links to a file it uses, so the file is published: but for kinds never published
        {folder: frozenset(paths) for folder, paths in published.items()},
        frozenset(publishable(files, config.assets)),
        config.source_url,
        media,
        config.base_url,
    )
    inputs = {english.folder: ""}
    for code, loc in targets.items():
        hosts = config.hosts(loc)
        inputs[code] = digest(hosts.fingerprint if hosts else "", media[code].fingerprint, str(config.link_markers))
    plan = _Plan(
        english,
        targets,
        articles,
        {folder: [] for folder in published},
        site,
        {folder: site.fingerprint(folder) for folder in published},
        pages,
        files,
        inputs,
    )
    for article, versions, sources in chosen:
        _plan_pages(plan, project, article, versions, sources, include_fuzzy, manifest, report)
    return plan


def _plan_pages(
    plan: _Plan,
    project: Project,
    article: Article,
    versions: list[Version],
    sources: dict[str, tuple[_Catalog, ...]],
    include_fuzzy: bool,
    manifest: State,
    report: BuildReport,
) -> None:
    """Which pages of an article are out of date: their inputs changed, or where their links lead."""
    from .surround import Listing

    config = project.config
    pages = manifest.entries("pages")
    sites = manifest.entries("sites")  # the fingerprint of each folder's Site at the last build
    rel = article.path.with_suffix(".html").as_posix()
    source, size = plan.sources[article].digest, plan.sources[article].size
    stale = []
    for version in versions:
        infos = sources[version.folder]
        fingerprint = digest(
            source,
            *(i.digest for i in infos),
            str(include_fuzzy),
            config.base_url or "",
            config.source_url or "",
            config.segmentation,
            plan.inputs[version.folder],
            *(v.path for v in versions),
        )
        plan.produced.add(version.path)
        out = config.output / version.path
        if manifest.is_current("pages", version.path, fingerprint, [out]) and (
            sites.get(version.folder) == plan.site_fingerprints[version.folder]
            or plan.site.leads_as_recorded(version.folder, pages[version.path])
        ):
            record = pages[version.path]
            report.unchanged.append(out)
            plan.listings[version.folder].append(Listing(**record["listing"]))
            plan.root_relative += record["root_relative"]
            if version.folder in report.published:
                report.published[version.folder].pages[rel] = page_state(record["english"], record["machine"])
                _account(report.published[version.folder], rel, record.get("changes", {}))
            if record["missing"]:
                report.changed.add(article)
        else:
            stale.append(_Page(version, infos, fingerprint))
    if stale:
        plan.todo.append((article, source, versions, stale))
        plan.sizes.append(size)


def _make(
    project: Project,
    plan: _Plan,
    include_fuzzy: bool,
    manifest: State,
    report: BuildReport,
    progress: Progress,
    jobs: int,
) -> None:
    """Make the out-of-date pages (in `jobs` processes) and record what each says."""
    config = project.config
    if len(plan.todo) > 1:  # the site catalogs serve every page: read here once, the workers share them
        sites = {
            (info, page.version.locale)
            for *_, stale in plan.todo
            for page in stale
            for info in page.catalogs
            if info.digest and info.path.stem == SITE_DOMAIN
        }
        for info, locale in sites:
            _layer(info, config.relative(info.path), include_fuzzy, locale)
    made = Results(partial(_make_pages, project, include_fuzzy, plan.site), plan.todo, jobs, plan.sizes)
    for (article, _, _, stale), results in zip(plan.todo, progress(made, "Building")):
        if isinstance(results, str):
            report.failed.append(results)
            continue
        for page, result in zip(stale, results):
            out = config.output / result.path
            report.record(out, result.changed)
            missing = result.outcome.missing if result.outcome is not None else 0
            english = result.outcome.fallback if result.outcome is not None else 0
            machine = result.outcome.machine if result.outcome is not None else 0
            if page.version.folder in report.published:
                rel = article.path.with_suffix(".html").as_posix()
                report.published[page.version.folder].pages[rel] = page_state(english, machine)
                _account(report.published[page.version.folder], rel, result.changes)
            manifest.record(
                "pages",
                result.path,
                page.fingerprint,
                [out],
                known={out: result.digest},
                listing=result.listing.as_dict(),
                missing=missing,
                english=english,
                machine=machine,
                root_relative=result.root_relative,
                uses=result.uses,
                changes=result.changes,
                **result.links,
            )
            plan.root_relative += result.root_relative
            if missing:
                report.changed.add(article)
            plan.listings[page.version.folder].append(result.listing)
            if result.outcome is not None:
                report.outcomes[(page.version.folder, article)] = result.outcome


def _account(published: Published, rel: str, changes: dict[str, Any]) -> None:
    """Note in a locale's account what a page's making changed for its readers (see `_Made.changes`)."""
    for name in ("resources", "media"):
        if changes.get(name):
            getattr(published, name)[rel] = changes[name]
    if changes.get("marked"):
        published.marked[rel] = changes["marked"]


def _clean_up(project: Project, plan: _Plan, manifest: State, report: BuildReport) -> None:
    """Remove what earlier builds wrote into the output folder and this one did not: pages of
    removed articles and of articles now below the threshold, and every page of a locale not built
    this time (its folder goes once empty); and the skeletons of pages that are gone for good.
    Nothing l10n did not write is touched."""
    config = project.config
    pages = manifest.entries("pages")
    written = manifest.entries(_WRITTEN)
    domains = {article.domain for article in plan.articles}
    dropped = set()
    for stale_page in sorted((set(written) | set(pages)) - plan.produced):
        out = config.output / stale_page
        if out.is_file():
            out.unlink()
            report.removed.append(out)
            _prune(out.parent, config.output)
        pages.pop(stale_page, None)
        written.pop(stale_page, None)
        folder, slash, rel = stale_page.partition("/")
        if slash and folder not in plan.listings:
            dropped.add(folder)
        if rel.endswith(".html") and (folder not in plan.listings or rel[:-5] not in domains):
            _skeleton_file(project, folder, rel[:-5]).unlink(missing_ok=True)
    written.update(dict.fromkeys(plan.produced, True))
    for folder in sorted(dropped):
        report.notes.append(f"{config.relative(config.output / folder)}/ removed: {folder} is not in this build")


def _prune(folder: Path, top: Path) -> None:
    """Remove `folder` and its parents below `top` while they are empty."""
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


def _make_pages(
    project: Project, include_fuzzy: bool, site: Site, job: tuple[Article, str, list[Version], list[_Page]]
) -> list[_Made] | str:
    """The pages of one article that need making, each filled in once from its skeleton; or why
    they cannot be made (`file: reason`: the page is left out, the rest of the site goes on).
    Skeletons not kept from an earlier build are made from one reading and one segmentation of
    the source, whatever the number of languages."""
    from .skeleton import fill

    config = project.config
    article, source, versions, pages = job
    made: list[_Made] = []
    try:
        skeletons = _skeletons(project, site, article, source, versions, pages)
    except Exception as e:
        failed = page_failure(e, config.relative(project.source_path(article)))
        if failed is None:
            raise
        return failed
    for page, (skeleton, links, used, changes) in zip(pages, skeletons):
        version = page.version
        found, site_found = _translations(project, page.catalogs, version.locale, include_fuzzy)
        try:
            html, entry, outcome = fill(skeleton, found, version.locale, config.source_language, site_found)
        except Exception as e:
            failed = page_failure(e, config.relative(project.source_path(article)))
            if failed is None:
                raise
            return failed
        data = html.encode("utf-8")
        changed = write_if_changed(config.output / version.path, data)  # here: writing is spread over the workers
        outcome_ = outcome if page.catalogs else None
        made.append(
            _Made(
                version.path, digest(data), changed, entry, outcome_, links.record(), links.root_relative, used, changes
            )
        )
    give_back_memory()
    return made


def _skeletons(
    project: Project, site: Site, article: Article, source: str, versions: list[Version], pages: list[_Page]
) -> list[tuple[Skeleton, Rewritten, list[str], dict[str, Any]]]:
    """Each page's skeleton (see `_new_skeleton`): from `.l10n-cache/skeletons/`, else made and kept
    there. The source is read and segmented once for all the pages to make (the English copy takes
    a copy of the tree; each language after the first, a copy of the tree and its units), and only
    when some page needs making.

    `source` is the digest of the source the pages are made from. A skeleton is made again when
    a page it links to is published or withdrawn."""
    from ..segment.document import Document
    from ..segment.htmlio import read_html

    config = project.config
    path = project.source_path(article)
    keys = [
        _skeleton_key(project, site, article, source, page.version, versions, bool(page.catalogs)) for page in pages
    ]
    found = [_saved_skeleton(project, site, article, page.version, key) for page, key in zip(pages, keys)]
    todo = [i for i, saved in enumerate(found) if saved is None]
    if not todo:
        return [saved for saved in found if saved is not None]
    tree = read_html(path, project.source_bytes(article))
    document = None
    for n, i in enumerate(todo):
        # The last page takes the tree as read (and segmented); the others, each a copy, made and
        # dropped in turn: a large page's tree is held at most twice.
        last = n == len(todo) - 1
        page: Page
        units: Document | None = None
        if not pages[i].catalogs:
            page = tree if last else tree.copy()
        else:
            if document is None:
                document = Document.from_page(path, tree, config.segmentation, config.content_for(path))
            page, units = (document.page, document) if last else _copied(document)
        found[i] = _new_skeleton(project, site, article, pages[i].version, versions, keys[i], page, units)
        del page, units
    return [saved for saved in found if saved is not None]


def _copied(document: Document) -> tuple[Page, Document]:
    """A copy of a segmented page: its tree, and its units on that tree."""
    copy = document.copy()
    return copy.page, copy


def _skeleton_key(
    project: Project,
    site: Site,
    article: Article,
    source: str,
    version: Version,
    versions: list[Version],
    localised: bool,
) -> str:
    config = project.config
    hosts = config.hosts(version.locale) if localised else None
    media = site.media.get(version.folder)
    return digest(
        source,
        config.segmentation,
        "\0".join(config.content_for(project.source_path(article))),
        config.site_text,
        CODE,
        version.path,
        version.hreflang,
        version.locale.code,
        *(v.path for v in versions),
        config.base_url or "",
        config.source_url or "",
        config.source_language,
        hosts.fingerprint if hosts is not None else "",
        media.fingerprint if media is not None else "",
        str(config.link_markers),
    )


def _saved_skeleton(
    project: Project, site: Site, article: Article, version: Version, key: str
) -> tuple[Skeleton, Rewritten, list[str], dict[str, Any]] | None:
    """A page's skeleton kept by an earlier build, if made from the same inputs and its links
    still lead where they did."""
    from .links import Rewritten
    from .skeleton import Skeleton

    file = _skeleton_file(project, version.folder, article.domain)
    try:
        saved = json.loads(file.read_bytes())
        links = Rewritten(saved["links"], saved["root_relative"])
        if saved["key"] == key and all(site.target(version.folder, p) == t for p, t in links.targets.items()):
            return Skeleton.from_data(saved["skeleton"]), links, list(saved["uses"]), saved["changes"]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass  # missing, stale or damaged: make it again
    return None


def _new_skeleton(
    project: Project,
    site: Site,
    article: Article,
    version: Version,
    versions: list[Version],
    key: str,
    page: Page,
    document: Document | None,
) -> tuple[Skeleton, Rewritten, list[str], dict[str, Any]]:
    """A page's skeleton made from the source's tree (`page`, changed on the way) and its units
    (`document`; None for the English copy), kept in `.l10n-cache/skeletons/`; what its links
    lead to; the files of the source folder it uses (the locale's own in place of the English
    page's); and what its making changed for its readers: what it loads from hosts they cannot
    reach, dropped or replaced (`resources`), the locale's own media (`media`), links marked as
    leading to English (`marked`)."""
    from .assets import page_address, page_references, uses
    from .links import rewrite_links
    from .reachability import forget, make_reachable
    from .skeleton import Marks, SkeletonError, make
    from .surround import decorate, notices

    config = project.config
    localised = document is not None
    hosts = config.hosts(version.locale) if localised else None
    path = project.source_path(article)
    rel = article.path.as_posix()
    used = uses(page_references(page.root), page_address(page.root, config.source_url, rel), config.source_url)
    links = rewrite_links(
        page.root,
        site,
        version.folder,
        article.path.as_posix(),
        version.path,
        mark=config.source_language if localised else None,
        visible=config.link_markers,
    )
    used = sorted({*used, *(str(m["file"]) for m in links.media if m.get("file"))})  # the locale's own files
    try:
        marks = Marks(page, version.locale) if localised else None
    except SkeletonError as e:
        raise SourceError(str(e), config.relative(path)) from None
    resources: list[dict[str, Any]] = []
    if document is not None and marks is not None:
        forget(document, links.players, own=False)  # a video that is a player's frame keeps its title
        if hosts is not None:
            resources = make_reachable(document, hosts, marks)
        marks.notices = notices(marks)

    def finish(page: Page, marks: Marks) -> None:
        root = page.root
        if localised:
            root.set("lang", version.locale.html_lang)
            if version.locale.direction == "rtl" or root.get("dir"):
                root.set("dir", version.locale.direction)
        elif not root.get("lang"):
            root.set("lang", config.source_language)
        decorate(
            root,
            version,
            versions,
            config.base_url,
            marks if localised else None,
            config.link_markers and localised,
            links.link_from,
        )

    try:
        skeleton = make(
            page,
            version.path,
            document,
            finish,
            version.locale,
            marks,
            config.source_language,
            keep_site=config.site_text == "keep",
            dates=localised,
        )
    except SkeletonError as e:
        raise SourceError(str(e), config.relative(path)) from None
    changes = {"resources": resources, "media": links.media, "marked": links.marked}
    saved = {
        "key": key,
        "links": links.targets,
        "root_relative": links.root_relative,
        "uses": used,
        "changes": changes,
        "skeleton": skeleton.as_data(),
    }
    write_atomic(
        _skeleton_file(project, version.folder, article.domain), json.dumps(saved, ensure_ascii=False).encode("utf-8")
    )
    return skeleton, links, used, changes


def _source(project: Project, article: Article, manifest: State) -> _Source:
    """An article's `_Source`; its embargo is remembered by the source's digest (the page is
    read only when it changed, and parsed only when it names an embargo); a malformed embargo
    is a SourceError naming the page."""
    from ..segment.htmlio import read_html

    config = project.config
    digest_, size = project.source_digest(article, manifest)
    rel = article.path.as_posix()
    known = manifest.entries("sources").get(rel)
    try:
        if isinstance(known, dict) and known["digest"] == digest_:
            moment = dt.datetime.fromisoformat(known["embargo"]) if known["embargo"] else None
            return _Source(digest_, size, moment)
    except (KeyError, TypeError, ValueError):
        pass  # not known, or damaged: read the page
    path = project.source_path(article)
    data = project.source_bytes(article)
    moment = None
    if embargo.META.encode() in data.lower():
        moment = embargo.find(read_html(path, data).root, config.relative(path))
    manifest.entries("sources")[rel] = {"digest": digest_, "embargo": moment and moment.isoformat()}
    return _Source(digest_, size, moment)


def _stylesheet(source: Path, path: str) -> str | None:
    """A stylesheet's text (None when it cannot be read: it is published, and loads nothing more)."""
    try:
        return (source / path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _skeleton_file(project: Project, folder: str, domain: str) -> Path:
    """Where the skeleton of an article's page in `folder` is kept."""
    return project.cache_folder / "skeletons" / folder / f"{domain}.json"


def _derived(project: Project, locales: list[TargetLocale]) -> dict[str, str]:
    """Traditional Chinese locales to derive, and the Simplified catalog folder each comes from."""
    simplified = next((code for code in ("zh", "zh_Hans", "zh_CN") if project.catalog_domains(code)), None)
    return {loc.code: simplified for loc in locales if simplified and is_traditional(loc)}


def _sources(
    project: Project,
    code: str,
    base: str | None,
    article: Article,
    manifest: State,
    include_fuzzy: bool,
    site_catalog: Callable[[str, bool], _Catalog | None],
) -> tuple[tuple[_Catalog, ...], float]:
    """The catalogs a locale's page is made from, later ones winning: the site's before the
    article's, a derived locale's own after the Simplified ones it is derived from; and the
    percent of the article's own units that are reviewed, as `l10n stats` counts them
    (with `include_fuzzy`: translated). `site_catalog` gives a folder's site catalog (looked at once)."""
    layers = [(base, True)] if base else []
    own = project.catalog_path(code, article)
    if own.exists() or not base:
        layers.append((code, False))
    found: list[_Catalog] = []
    reviewed = 0
    for folder, derived in layers:
        if project.config.site_text == "catalog" and (site := site_catalog(folder, derived)) is not None:
            found.append(site)
        found.append(_catalog_info(project.catalog_path(folder, article), manifest, derived))
        done = found[-1].translated if include_fuzzy else found[-1].reviewed
        reviewed = max(reviewed, done)  # a derived page is as complete as both together make it
    total = found[-1].total
    if not found[-1].digest:
        return tuple(found), 0.0  # the article has no catalog yet
    return tuple(found), percent(reviewed, total)


def _translations(
    project: Project, infos: tuple[_Catalog, ...], locale: TargetLocale, include_fuzzy: bool
) -> tuple[dict[Key, Translation | None], dict[Key, Translation | None] | None]:
    """Translations by unit of the article's catalogs and of the site catalogs (None when the
    site's text is in the article's catalog), later catalogs winning (a usable translation over
    none); Simplified ones converted for a Traditional locale. The two are never mixed: a
    page's text takes its own catalog's translation (see `skeleton.fill`)."""
    apart = project.config.site_text != "article"
    found: list[dict[Key, Translation | None]] = []
    site: list[dict[Key, Translation | None]] = []
    for info in infos:
        if not info.digest:
            continue  # no such catalog (yet): the article is newer than the catalogs
        layer = _layer(info, project.config.relative(info.path), include_fuzzy, locale)
        (site if apart and info.path.name == f"{SITE_DOMAIN}.po" else found).append(layer)
    return _layered(found), _layered(site) if apart else None


def _layered(layers: list[dict[Key, Translation | None]]) -> dict[Key, Translation | None]:
    """Translations of catalogs by unit, later ones winning (a usable translation over none). One
    catalog's are its `_layer` as it is, shared and never changed: the site catalog's thousands of
    units are not copied for every page."""
    if len(layers) == 1:
        return layers[0]
    merged: dict[Key, Translation | None] = {}
    for layer in layers:
        if not merged:
            merged.update(layer)
        else:
            merged.update((k, t) for k, t in layer.items() if t is not None or k not in merged)
    return merged


@lru_cache(maxsize=16)
def _layer(info: _Catalog, where: str, include_fuzzy: bool, locale: TargetLocale) -> dict[Key, Translation | None]:
    """A catalog's translations, read once per process while its digest stays (the site catalog
    serves every page)."""

    return translations(
        load_catalog(info.path).entries,
        where,
        include_fuzzy,
        converter(locale) if info.derived else None,
        locale.pseudo,
    )


def _copy_assets(
    project: Project,
    assets: list[str],
    site: Site,
    folders: list[str],
    hosts: dict[str, HostList],
    manifest: State,
    report: BuildReport,
) -> set[str]:
    """Copy stylesheets, images and other files (`assets`, paths in the source folder) into each
    language folder (a locale's variant of a file into its own only); in the folder of a locale
    whose readers cannot reach some hosts (`hosts`), stylesheets without their `@import` rules of
    those hosts."""
    from ..region.resources import without_imports

    config = project.config
    copied: set[str] = set()
    for asset in assets:
        source = config.source / asset
        info = source.stat()
        stamp = digest(str(info.st_size), str(info.st_mtime_ns))
        for folder in site.folders(asset, folders):
            rel = f"{folder}/{asset}"
            copied.add(rel)
            out = config.output / rel
            filtered = folder in hosts and asset.lower().endswith(".css")
            fingerprint = digest(stamp, hosts[folder].fingerprint) if filtered else stamp
            if manifest.is_current("pages", rel, fingerprint, [out]):
                report.unchanged.append(out)
                dropped = manifest.entries("pages")[rel].get("dropped", [])
            else:
                data = read_file(source)
                dropped = []
                if filtered:
                    with suppress(UnicodeDecodeError):  # not UTF-8: copied as it is
                        css, imports = without_imports(data.decode("utf-8"), hosts[folder])
                        data = css.encode("utf-8")
                        dropped = [_import_record(address, entry, line) for address, entry, line in imports]
                _write(report, out, data)
                manifest.record("pages", rel, fingerprint, [out], dropped=dropped)
            if dropped and folder in report.published:
                report.published[folder].assets[asset] = dropped
    return copied


def _import_record(address: str, entry: HostEntry, line: int) -> dict[str, Any]:
    """What a report says of an `@import` dropped from a stylesheet (as `reachability.record` of a page's)."""
    from ..region.resources import DROPPED

    return {"line": line, "element": "@import", "address": address, "action": DROPPED, "host": entry.as_dict()}


def _catalog_info(path: Path, manifest: State, derived: bool = False, counted: bool = True) -> _Catalog:
    """Reviewed, translated and total units of a catalog, remembered by content digest (a catalog
    not made yet: none of any, and no digest); not `counted`: its digest only."""
    key = str(path)
    current = manifest.file_digest(path) or ""
    if not current or not counted:
        return _Catalog(path, current, 0, 0, 0, derived)
    known = manifest.entries("catalogs").get(key)
    if isinstance(known, dict) and known.get("digest") == current:
        return _Catalog(path, current, known["reviewed"], known["translated"], known["total"], derived)
    counts = load_catalog(path).counts()
    info = _Catalog(path, current, counts.translated, counts.units - counts.untranslated, counts.units, derived)
    manifest.entries("catalogs")[key] = {
        "digest": current,
        "reviewed": info.reviewed,
        "translated": info.translated,
        "total": info.total,
    }
    return info


def _write_indexes(project: Project, report: BuildReport, plan: _Plan, manifest: State) -> set[str]:
    """An index per language with pages and the language chooser at the top of the output
    folder, listing exactly those languages, titled with the site's name; the paths written."""
    from .surround import Version, chooser_page, index_page
    from .texts import Texts

    config = project.config
    english, listings = plan.english, plan.listings
    indexes = [Version(english.folder, english.locale, f"{english.folder}/index.html", english.hreflang)]
    indexes += [
        Version(code, loc, f"{code}/index.html", loc.html_lang) for code, loc in plan.targets.items() if listings[code]
    ]
    site = config.site_name or _site_name(listings[english.folder])
    texts = [Texts(None, source_language=config.source_language)]
    texts += [_texts(project, manifest, version.locale) for version in indexes[1:]]
    for version, text in zip(indexes, texts):
        date_locale = config.source_locale if version is indexes[0] else str(version.locale.locale)
        page = index_page(version, indexes, listings[version.folder], date_locale, text, site)
        _write(report, config.output / version.path, page)
    _write(report, config.output / "index.html", chooser_page(indexes, texts, site))
    report.site_warnings += [w for text in texts for w in text.warnings]
    return {"index.html", *(version.path for version in indexes)}


def _site_name(listings: list[Listing]) -> str | None:
    """The site's name most pages give (see `texts.site_name`), if at least half of them do."""
    names = Counter(listing.site for listing in listings if listing.site)
    if not names:
        return None
    name, count = names.most_common(1)[0]
    return name if 2 * count >= len(listings) else None


def _texts(project: Project, manifest: State, locale: TargetLocale) -> Texts:
    """The build's own texts for pages in `locale`: reviewed translations of its site catalog
    (for Traditional Chinese without one of its own, the Simplified one's, converted)."""
    from .texts import Texts

    path = project.catalog_file(locale.code, SITE_DOMAIN)
    layers = [(path, False)]
    if is_traditional(locale) and (base := _derived(project, [locale]).get(locale.code)):
        layers.insert(0, (project.catalog_file(base, SITE_DOMAIN), True))
    found: dict[Key, str] = {}
    for catalog, derived in layers:
        info = _catalog_info(catalog, manifest, derived, counted=False)
        if info.digest:  # the pages read it already: the same translations, read once
            layer = _layer(info, project.config.relative(catalog), False, locale)
            found.update((key, t.msgstr) for key, t in layer.items() if t is not None)
    return Texts(locale, found, project.config.source_language, project.config.relative(path))


def _write(report: Report, path: Path, data: bytes) -> None:
    report.record(path, write_if_changed(path, data))
