"""The `l10n` command: parses options, calls the library, prints results."""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Iterable, Sized
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from .config import SEGMENTATION_MODES, Config, load_config, with_options
from .errors import ConfigError, L10nError, page_failure
from .parallel import default_jobs

# Each command imports what it works with when it runs: a command, or --help, does not pay for
# importing every other one (the whole library takes about as long to import as a small build).
from .report import Report
from .version import __version__

if TYPE_CHECKING:
    from .site.build import BuildReport
    from .store import Project

EXCHANGE_FORMATS = ("xliff2", "xliff1", "tmx")  # commands.exchange.FORMATS (a test checks they agree)

T = TypeVar("T")


def _verbose(ctx: click.Context, param: click.Parameter, value: bool) -> None:
    if value:
        ctx.ensure_object(dict)["verbose"] = True


_VERBOSE_HELP = "List the files written."


class _Command(click.Command):
    """A command that takes -v/--verbose after its name too (`l10n build zh -v`)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.params.append(
            click.Option(["-v", "--verbose"], is_flag=True, expose_value=False, callback=_verbose, help=_VERBOSE_HELP)
        )


class _Group(click.Group):
    """Turns user mistakes into one line on stderr and an exit status, never a traceback."""

    command_class = _Command

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # The reader stopped reading (`l10n stats --json | head`): stop quietly, as click does.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(1)
        except L10nError as e:
            if e.path is not None and "://" not in str(e.path):  # a web address stays as it is
                e.path = _show(Path(e.path), Path.cwd())
            click.echo(f"l10n: error: {e}", err=True)
            sys.exit(e.exit_code)
        except OSError as e:
            where = f"{_show(Path(e.filename), Path.cwd())}: " if e.filename else ""
            click.echo(f"l10n: error: {where}{e.strerror or e}", err=True)
            sys.exit(2)


def _progress(items: Iterable[T], label: str) -> Iterable[T]:
    """A progress bar on a terminal for long work; nothing otherwise."""
    length = len(items) if isinstance(items, Sized) else None
    if length is None or length < 20 or not sys.stderr.isatty():
        yield from items
        return
    with click.progressbar(items, length=length, label=label, file=sys.stderr) as bar:
        yield from bar


_JOBS = click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1),
    default=default_jobs,
    show_default="all cores",
    help="Articles worked on at once, in separate processes.",
)


def _config(ctx: click.Context) -> Config:
    return ctx.obj["config"]


def _sources(config: Config) -> Project:
    """The project whose sources a command reads; a warning for each link out of its source folder (left out)."""
    from .store import Project

    project = Project(config)
    for link in project.links_out():
        click.echo(f"l10n: warning: {link}: skipped: a symbolic link that leads out of the source folder", err=True)
    return project


def _waiting(pid: int | None) -> None:
    """Say that another command holds the catalogs' lock (the command waits for it)."""
    click.echo(f"l10n: waiting for another l10n command{f' (pid {pid})' if pid else ''} to finish…", err=True)


def _failures(report: Report) -> None:
    for failed in report.failed:
        click.echo(f"l10n: error: {failed}", err=True)


def _done(report: Report, verbose: bool, failures: bool = True) -> None:
    if failures:
        _failures(report)
    for note in report.notes:
        click.echo(f"l10n: note: {note}", err=True)
    if verbose:
        config_root = Path.cwd()
        for path in report.written:
            click.echo(f"wrote {_show(path, config_root)}")
        for path in report.removed:
            click.echo(f"removed {_show(path, config_root)}")


def _finish(report: Report) -> None:
    """Exit status 1 when some pages were left out (each named by `_done`)."""
    if report.failed:
        sys.exit(1)


def _show(path: Path, root: Path) -> str:
    """A path relative to `root` when it is inside it."""
    try:
        return str(path.resolve().relative_to(root))
    except ValueError:
        return str(path)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="l10n")
@click.option(
    "--source",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of English articles [config: source; default: source/].",
)
@click.option(
    "--locales",
    "locales_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of catalogs [config: locales; default: locales/].",
)
@click.option("-v", "--verbose", is_flag=True, help=_VERBOSE_HELP)
@click.pass_context
def main(ctx: click.Context, source: Path | None, locales_dir: Path | None, verbose: bool) -> None:
    """Localise English HTML articles into Chinese through gettext catalogs.

    Settings come from [tool.l10n] in the nearest pyproject.toml; options override them.
    """
    # Segmenting makes many short-lived objects and few cycles: collecting less often saves ~5%.
    gc.set_threshold(20_000, 20, 20)
    ctx.ensure_object(dict)
    ctx.obj["config"] = load_config(
        source=str(source.resolve()) if source else None, locales=str(locales_dir.resolve()) if locales_dir else None
    )
    ctx.obj["verbose"] = verbose


@main.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per unit per line.")
@click.option(
    "--mode",
    type=click.Choice(SEGMENTATION_MODES),
    help="Split blocks into sentences or keep whole paragraphs [config: segmentation].",
)
@click.option(
    "--scope",
    "show_scope",
    is_flag=True,
    help="First say which element was taken as the article and why, and which blocks went to the site catalog.",
)
@click.pass_context
def segment(ctx: click.Context, file: Path, as_json: bool, mode: str | None, show_scope: bool) -> None:
    """Show the translatable units of an HTML FILE, in page order; `(site)` marks those of the
    site catalog (menus, footers)."""
    from .segment.document import Document

    config = _config(ctx)
    shown = config.relative(file.resolve())
    try:
        document = Document.load(file, mode or config.segmentation, config.content_for(file.resolve()))
    except Exception as e:  # the one page asked for: bad input (exit 2), as a SourceError is
        if isinstance(e, L10nError) or (failed := page_failure(e, shown)) is None:
            raise
        click.echo(f"l10n: error: {failed}", err=True)
        sys.exit(2)
    for warning in document.warnings:
        click.echo(f"l10n: warning: {shown}: {warning}", err=True)
    if show_scope:
        for line in document.explain_scope():
            click.echo(json.dumps({"file": shown, "scope": line}, ensure_ascii=False) if as_json else line)
    for unit in document.units:
        if as_json:
            click.echo(
                json.dumps(
                    {
                        "file": shown,
                        "line": unit.line,
                        "element": unit.element,
                        "context": unit.context,
                        "msgctxt": unit.msgctxt,
                        "msgid": unit.msgid,
                        "scope": unit.scope,
                        "placeholders": {name: ph.describe() for name, ph in unit.placeholders.items()},
                    },
                    ensure_ascii=False,
                )
            )
        else:
            context = f"[{unit.msgctxt}] " if unit.msgctxt else ""
            scope = "" if unit.scope == "article" else "(site) "
            click.echo(f"{unit.line:>5}  {unit.element:<22} {scope}{context}{unit.msgid}")


class _Moment(click.ParamType):
    """A date and time with its offset from UTC (ISO 8601), as an embargo needs."""

    name = "DATETIME"

    def convert(self, value, param, ctx):  # noqa: ANN001, ANN201 - click's signature
        from . import embargo as embargoes

        try:
            return embargoes.parse(value)
        except L10nError as e:
            self.fail(e.message, param, ctx)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--to", "folder", metavar="FOLDER", help="Folder under the source folder for the articles [default: its top]."
)
@click.option("--name", metavar="NAME", help="The article's file name (one source) [default: from its headline].")
@click.option(
    "--date",
    type=click.DateTime(["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The article's date [default: the embargo's, else the document's own, else today].",
)
@click.option(
    "--embargo",
    type=_Moment(),
    help="Publish no version of the article before this moment, e.g. 2026-12-10T09:00:00+00:00.",
)
@click.option("--force", is_flag=True, help="Replace an article of the same name.")
@click.option(
    "--all-text",
    "keep_all",
    is_flag=True,
    help="Keep every block after the headline: what follows ENDS or Notes to editors, and a text's "
    "trailing related-stories lines.",
)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article instead of the summary lines.")
@click.pass_context
def add(
    ctx: click.Context,
    sources: tuple[str, ...],
    folder: str | None,
    name: str | None,
    date,  # noqa: ANN001 - a datetime from click
    embargo,  # noqa: ANN001
    force: bool,
    keep_all: bool,
    as_json: bool,
) -> None:
    """Make each SOURCE an article of the site: a Word (.docx), Markdown (.md), text (.txt) or HTML
    file, or the http(s) address of the live English page.

    The article is poured into the site's own page (templates/article.html, else the newest
    article's page), so only its own sentences are new to translators. Its images are written as
    files under its assets. Nothing is written when a source cannot be read; an article that
    exists is replaced only with --force. Run `l10n update` next.
    """
    from . import embargo as embargoes
    from .intake.add import add as add_articles  # here: mammoth and markdown-it load only for `add`

    config = _config(ctx)
    project = _sources(config)
    added = add_articles(
        project,
        list(sources),
        folder,
        name,
        date.date() if date else None,
        embargo,
        force,
        keep_all,
    )
    for item in added:
        for note in item.draft.notes:
            click.echo(f"l10n: note: {item.source}: {note}", err=True)
        for warning in item.draft.warnings:
            click.echo(f"l10n: warning: {warning}", err=True)
        if item.embargo is not None and item.embargo <= embargoes.now():
            click.echo(
                f"l10n: warning: {item.source}: the embargo ({embargoes.shown(item.embargo)}) has passed: "
                "the next build publishes it",
                err=True,
            )
    _done(Report(written=[path for item in added for path in (*item.images, item.article)]), ctx.obj["verbose"])
    for item in added:
        shown = config.relative(item.article)
        click.echo(json.dumps(item.as_dict(shown), ensure_ascii=False) if as_json else item.line(shown))


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@_JOBS
@click.pass_context
def extract(ctx: click.Context, paths: tuple[Path, ...], jobs: int) -> None:
    """Write the translation templates (locales/templates/*.pot) of all articles, or of PATHS."""
    from .commands import catalogs

    report = catalogs.extract(_sources(_config(ctx)), paths, _progress, jobs, waiting=_waiting)
    _done(report, ctx.obj["verbose"])
    _finish(report)


@main.command()
@click.argument("locale")
@_JOBS
@click.pass_context
def init(ctx: click.Context, locale: str, jobs: int) -> None:
    """Start catalogs for a new LOCALE (e.g. zh, zh_Hant), one per article."""
    from .commands import catalogs

    project = _sources(_config(ctx))
    report = catalogs.init(project, project.locale(locale), _progress, jobs, waiting=_waiting)
    _done(report, ctx.obj["verbose"])
    _finish(report)


@main.command()
@click.argument("locales", nargs=-1)
@click.option(
    "--no-obsolete",
    is_flag=True,
    help="Drop the obsolete entries (#~) of every catalog, as msgattrib --no-obsolete does.",
)
@_JOBS
@click.pass_context
def update(ctx: click.Context, locales: tuple[str, ...], no_obsolete: bool, jobs: int) -> None:
    """Re-extract and merge into the catalogs of LOCALES (default: the configured languages).

    Kept translations stay; changed English becomes fuzzy with the old translation; removed
    English becomes obsolete (#~) and comes back if the English does. Units of the site around
    the articles (menus, footers) go to the site catalog, _site.po.
    """
    from .commands import catalogs

    project = _sources(_config(ctx))
    report = catalogs.update(
        project,
        project.locales(locales),
        progress=_progress,
        jobs=jobs,
        keep_obsolete=not no_obsolete,
        waiting=_waiting,
    )
    _done(report, ctx.obj["verbose"])
    _finish(report)


@main.command(name="compile")
@click.argument("locale")
@click.pass_context
def compile_(ctx: click.Context, locale: str) -> None:
    """Write binary .mo files beside the LOCALE's catalogs (reviewed translations only)."""
    from .commands import catalogs
    from .store import Project

    project = Project(_config(ctx))
    report = catalogs.compile_catalogs(project, project.locale(locale), waiting=_waiting)
    _done(report, ctx.obj["verbose"])


@main.command()
@click.argument("locales", nargs=-1)
@click.option(
    "--all",
    "all_languages",
    is_flag=True,
    help="Build every locale that has catalogs in the locales folder, configured or not.",
)
@click.option(
    "--out", type=click.Path(path_type=Path, file_okay=False), help="Output folder [config: output; default: dist/]."
)
@click.option("--include-fuzzy", is_flag=True, help="Publish fuzzy and machine-suggested translations, marked as such.")
@click.option(
    "--min-complete",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    help="Publish a language version of an article only if at least PCT% of its units are reviewed "
    "(0: publish all) [config: min_complete; default: 80].",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="One JSON object per locale instead of the summary line: pages published and not, what each "
    "loads from hosts its readers cannot reach and what became of it, the locale's own media used.",
)
@_JOBS
@click.pass_context
def build(
    ctx: click.Context,
    locales: tuple[str, ...],
    all_languages: bool,
    out: Path | None,
    include_fuzzy: bool,
    min_complete: float | None,
    as_json: bool,
    jobs: int,
) -> None:
    """Write the site for LOCALES (default: every configured language) from the catalogs as they are.

    Pages go to OUT/<locale>/<article>.html with an English copy in OUT/en/, an index per
    language and a language chooser at OUT/index.html. Units without a reviewed translation
    are shown in English, as is English newer than the catalogs (run `l10n update`). A build
    never writes a catalog. Only pages whose inputs changed are rewritten.

    For a locale whose readers are in mainland China (reader_region, the default for zh), what
    pages load from hosts blocked there is dropped, and their embeds become placeholders.
    """
    from .site.build import build as build_site

    if all_languages and locales:
        raise click.UsageError("give LOCALES or --all, not both")
    configured = _config(ctx)
    project = _sources(with_options(configured, out, min_complete))
    targets = project.started_locales() if all_languages else project.locales(locales)
    if all_languages:  # every locale that is published: the pseudo locale never is
        targets = [target for target in targets if not target.pseudo]
    preview = project.config.output != configured.output  # --out elsewhere: not the published site
    report = build_site(project, targets, include_fuzzy, _progress, jobs, preview=preview, waiting=_waiting)
    _failures(report)
    for warning in report.warnings:
        click.echo(f"l10n: warning: {warning}", err=True)
    if report.changed:
        count = len(report.changed)
        click.echo(
            f"l10n: note: {count} article{'s' * (count != 1)} changed since {'their' if count != 1 else 'its'} "
            "catalogs: run l10n update",
            err=True,
        )
    _done(report, ctx.obj["verbose"], failures=False)
    if ctx.obj["verbose"]:
        for (code, article), outcome in report.outcomes.items():
            click.echo(f"{code}/{article.path}: {outcome.translated} translated, {outcome.fallback} in English")
    if as_json:
        for published in report.published.values():
            click.echo(json.dumps(published.as_json(), ensure_ascii=False))
        for line in _build_lines(report):
            click.echo(f"l10n: note: {line}", err=True)
    else:
        for line in [published.line() for published in report.published.values()] + _build_lines(report):
            click.echo(line)
    _finish(report)


def _build_lines(report: BuildReport) -> list[str]:
    """The build's summary lines after those of the locales: articles under embargo, files left out."""
    return [line for line in (report.embargo_line(), report.left_out_line()) if line]


@main.command()
@click.argument("locales", nargs=-1)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--out", type=click.Path(path_type=Path, file_okay=False), help="Preview folder [default: .l10n-cache/preview/]."
)
@click.option("--include-fuzzy", is_flag=True, help="Preview fuzzy and machine-suggested translations too.")
@click.option(
    "--min-complete",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    help="Show a language version only if at least PCT% of its units are reviewed [config: min_complete].",
)
@click.pass_context
def serve(
    ctx: click.Context,
    locales: tuple[str, ...],
    port: int,
    out: Path | None,
    include_fuzzy: bool,
    min_complete: float | None,
) -> None:
    """Build the site into a preview folder (never the published output), serve it on 127.0.0.1
    and rebuild when sources or catalogs change.

    Stop with Ctrl-C.
    """
    from .site.build import build as build_site
    from .site.serve import Preview
    from .store import Project

    project = Project(_config(ctx))
    config = with_options(project.config, out or project.cache_folder / "preview", min_complete, "preview")
    preview_only = config.output != project.config.output
    project = _sources(config)
    targets = project.locales(locales)

    def rebuild() -> float | None:
        """Build the preview and say so; when the next embargo lifts (a rebuild is due then)."""
        report = build_site(project, targets, include_fuzzy, preview=preview_only, waiting=_waiting)
        for warning in report.warnings:
            click.echo(f"l10n: warning: {warning}", err=True)
        for line in [published.line() for published in report.published.values()] + _build_lines(report):
            click.echo(f"l10n: {line}", err=True)
        return min(report.embargoed.values()).timestamp() if report.embargoed else None

    due = rebuild()
    try:
        preview = Preview(
            config.output,
            [config.source, config.locales],
            rebuild,
            lambda message: click.echo(f"l10n: {message}", err=True),
            port,
        )
    except OSError as e:
        raise ConfigError(f"cannot listen on 127.0.0.1:{port}: {e.strerror}") from None
    preview.due = due
    click.echo(f"Serving the preview {config.relative(config.output)}/ at {preview.url} (Ctrl-C to stop)", err=True)
    try:
        preview.run()
    except KeyboardInterrupt:
        pass


@main.command()
@click.argument("locale")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--provider",
    metavar="NAME",
    help="memory, pseudo, google, mymemory, libre, deepl, microsoft or "
    "baidu [config: translate.provider; default: memory].",
)
@click.option(
    "--url", metavar="URL", help="Address of a LibreTranslate server; means --provider libre [config: translate.url]."
)
@click.option(
    "--workers", type=click.IntRange(min=1), metavar="N", help="Requests at a time [config: translate.workers]."
)
@click.option("--limit", type=click.IntRange(min=1), metavar="N", help="Fill at most N distinct English texts.")
@click.option(
    "--accept-exact",
    is_flag=True,
    help="Fill entries whose English and context have a reviewed translation elsewhere in the locale "
    "with it, reviewed (not fuzzy).",
)
@click.option("--dry-run", is_flag=True, help="Show what would be sent and filled; send nothing, write nothing.")
@click.pass_context
def translate(
    ctx: click.Context,
    locale: str,
    paths: tuple[Path, ...],
    provider: str | None,
    url: str | None,
    workers: int | None,
    limit: int | None,
    accept_exact: bool,
    dry_run: bool,
) -> None:
    """Prefill the empty translations of LOCALE's catalogs (or of the articles under PATHS).

    Suggestions are written fuzzy, with their origin in a translator comment: a reviewer accepts
    one by clearing the fuzzy flag. They state the figures and dates of their own English:
    a remembered translation's are rewritten, or it is not suggested. Existing translations are
    never touched. Exit status 1 when some texts failed or their suggestion was rejected.
    """
    from .store import Project
    from .translate.prefill import (
        prefill,
    )  # here: deep-translator and requests load slowly, and only this command needs them
    from .translate.providers import load_settings

    config = _config(ctx)
    project = Project(config)
    target = project.locale(locale)
    if target.pseudo and provider is None and url is None:
        provider = "pseudo"  # the pseudo locale is filled by pseudo-localisation alone
    settings = load_settings(
        config.extra.get("translate", {}), config.root / "pyproject.toml", provider=provider, url=url, workers=workers
    )
    summary = prefill(project, target, settings, paths, limit, dry_run, _progress, accept_exact=accept_exact)
    if summary.fills:
        click.echo("Would fill:")
        for fill in summary.fills:
            click.echo(f"  {fill}")
    if summary.planned:
        click.echo(f"Would send to {summary.service}:")
        for text in summary.planned:
            click.echo(f"  {text}")
    for problem in summary.problems:
        click.echo(f"l10n: warning: {problem}", err=True)
    _done(Report(written=summary.written), ctx.obj["verbose"])
    click.echo(f"{locale}: {'dry run: ' if dry_run else ''}{summary.line()}")
    if not summary.ok:
        ctx.exit(1)


@main.command(name="export")
@click.argument("locale")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(EXCHANGE_FORMATS),
    default="xliff2",
    show_default=True,
    help="XLIFF 2.0, XLIFF 1.2, or a TMX memory of the reviewed translations.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the files [default: export/LOCALE/ in the project].",
)
@click.pass_context
def export_(ctx: click.Context, locale: str, paths: tuple[Path, ...], fmt: str, out: Path | None) -> None:
    """Write LOCALE's catalogs (or those of the articles under PATHS) for CAT tools.

    XLIFF: OUT/<article>.xlf, one unit per catalog entry, placeholders as inline codes holding
    the page's markup. TMX: OUT/<LOCALE>.tmx, the reviewed translations.
    """
    from .commands import exchange
    from .store import Project

    project = Project(_config(ctx))
    target = project.locale(locale)
    folder = out.resolve() if out else project.config.root / "export" / target.code
    report = exchange.export(project, target, fmt, folder, paths, _progress)
    _done(report, ctx.obj["verbose"])


@main.command(name="import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per locale instead of the summary line.")
@click.pass_context
def import_(ctx: click.Context, files: tuple[Path, ...], as_json: bool) -> None:
    """Take the translations of XLIFF 2.0 or 1.2 FILES (from `l10n export`) into the catalogs.

    Final (1.2: approved) units become reviewed translations, others fuzzy. Units whose English
    changed since the export (stale) or whose inline codes are not their own placeholders
    (refused) are listed and left out: exit status 1. Bad files change nothing: exit status 2.
    """
    from .commands import exchange
    from .store import Project

    config = _config(ctx)
    project = Project(config)
    results = exchange.import_files(project, list(files), waiting=_waiting)
    for result in results:
        for line in (*result.problems, *result.warnings):
            click.echo(f"l10n: warning: {line}", err=True)
    _done(Report(written=[path for result in results for path in result.written]), ctx.obj["verbose"])
    for result in results:
        click.echo(json.dumps(result.as_dict(config.relative), ensure_ascii=False) if as_json else result.line())
    ctx.exit(0 if all(result.ok for result in results) else 1)


@main.command(name="check")
@click.argument("locale")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="One JSON object per problem per line.")
@click.option("--include-fuzzy", is_flag=True, help="Check fuzzy (unreviewed) translations too.")
@click.pass_context
def check_(ctx: click.Context, locale: str, paths: tuple[Path, ...], as_json: bool, include_fuzzy: bool) -> None:
    """Check the LOCALE's translations, of every article or of PATHS (articles or catalogs).

    Prints one `catalog:line: severity: check: message` line per problem. Exit status 1 when
    any problem is an error; warnings alone exit 0.
    """
    from .check import checks
    from .store import Project

    project = Project(_config(ctx))
    coverage = checks.Coverage()
    problems = checks.check_locale(project, project.locale(locale), paths, include_fuzzy, _progress, coverage)
    for problem in problems:
        click.echo(json.dumps(problem.as_dict(), ensure_ascii=False) if as_json else str(problem))
    errors = sum(p.severity == checks.ERROR for p in problems)
    if not as_json:
        warnings = len(problems) - errors
        counts = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
        click.echo(f"l10n: {counts}; {coverage.line()}", err=True)
    ctx.exit(1 if errors else 0)


@main.command(name="stats")
@click.argument("locales", nargs=-1)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per article (and per locale total) per line.")
@click.pass_context
def stats_(ctx: click.Context, locales: tuple[str, ...], as_json: bool) -> None:
    """Show how far each article is translated, for LOCALES (default: the configured languages).

    Units are counted by state: translated (reviewed), machine suggestions, other fuzzy, untranslated.
    """
    from .check import stats
    from .store import Project

    project = Project(_config(ctx))
    rows = [row for locale in project.locales(locales) for row in stats.locale_rows(project, locale, _progress)]
    if as_json:
        for row in rows:
            click.echo(json.dumps(row.as_dict(), ensure_ascii=False))
    else:
        click.echo(stats.table(rows))


@main.command(name="review")
@click.argument("locale")
@click.option(
    "--out",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder for the pages [default: review/LOCALE/ in the project].",
)
@click.pass_context
def review_(ctx: click.Context, locale: str, out: Path | None) -> None:
    """Write review pages for LOCALE: English and translation side by side, with their problems.

    One page per article and an index.html, to open in any browser (no network needed).
    """
    from .check import review
    from .store import Project

    project = Project(_config(ctx))
    target = project.locale(locale)
    folder = out.resolve() if out else project.config.root / "review" / target.code
    report = review.write_review(project, target, folder, _progress)
    _done(report, ctx.obj["verbose"])
    _finish(report)


if __name__ == "__main__":
    main()
