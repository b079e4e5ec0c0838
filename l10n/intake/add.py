"""`l10n add`: each source made an article of the site, with its images, or nothing written.

Every source is read, shaped and poured into its page before anything is written: a source that
cannot be read (a `.doc`, a password-protected `.docx`, a page that does not answer) stops the
command with one line naming it, and no file is written. An article that exists is replaced only
when asked (`force`). A release that says it is embargoed ("EMBARGOED until …") is added only
with its moment given (`embargo`): l10n does not guess a moment from words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from .. import embargo as embargoes
from ..atomic import write_atomic
from ..errors import ConfigError, SourceError
from ..store import ARTICLE_SUFFIXES, SITE_DOMAIN, Project
from . import fetch, markdown, text, webpage, word
from .draft import Draft, shape
from .images import Images, take_local, take_remote
from .page import find, pour, slug

WORD, MARKDOWN, TEXT, HTML = (
    (".docx", ".docm", ".doc"),
    (".md", ".markdown"),
    (".txt", ".text"),
    (".html", ".htm", ".xhtml"),
)
_OTHER = {
    ".odt": "save it as .docx (Word) first",
    ".rtf": "save it as .docx (Word) first",
    ".pages": "export it as .docx (Word) first",
    ".pdf": "a PDF holds no structure to read: use the Word file it was made from, or the live page",
}


@dataclass
class Added:
    """One source made an article: where it is, what it holds, what was left out."""

    source: str
    article: Path
    draft: Draft
    template: str
    embargo: dt.datetime | None
    images: list[Path] = field(default_factory=list)  # the files its images are written to
    page: bytes = b""
    counts: dict[str, int] = field(default_factory=dict)  # paragraphs, images and tables of its body

    def line(self, shown: str) -> str:
        """`added source/x.html from release.docx: 12 paragraphs, 2 images, 1 table (page of …)`."""
        parts = [f"{n} {kind[:-1] if n == 1 else kind}" for kind, n in self.counts.items()]
        line = f"added {shown} from {self.source}: {', '.join(parts)}"
        if self.embargo is not None:
            line += f"; embargoed until {embargoes.shown(self.embargo)}"
        return line + f" (in the page of {self.template})"

    def as_dict(self, shown: str) -> dict[str, object]:
        return {
            "source": self.source,
            "article": shown,
            **self.counts,
            "title": self.draft.title,
            "standfirst": self.draft.standfirst,
            "date": self.draft.date.isoformat() if self.draft.date else None,
            "embargo": self.embargo.isoformat() if self.embargo else None,
            "template": self.template,
            "images_written": [str(p) for p in self.images],
            "left_out": self.draft.notes,
        }


def add(
    project: Project,
    sources: list[str],
    folder: str | None = None,
    name: str | None = None,
    date: dt.date | None = None,
    embargo: dt.datetime | None = None,
    force: bool = False,
    keep_all: bool = False,
) -> list[Added]:
    """Make each source an article under `folder` of the source folder (see the module's doc)."""
    config = project.config
    if name is not None and len(sources) > 1:
        raise ConfigError("--name names one article: give one source with it")
    target = _folder(project, folder)
    drafts = [_read(project, source, keep_all) for source in sources]
    planned: dict[PurePosixPath, Draft] = {}
    for draft in drafts:
        moment = embargo or draft.embargo
        if draft.embargo_line and moment is None:
            raise SourceError(
                f"the release says “{draft.embargo_line}”: give that moment with --embargo, such as "
                f"--embargo {embargoes.EXAMPLE} (a moment passed publishes it with the next build)",
                draft.source,
            )
        stem = _name(name, draft)
        rel = target / f"{stem}.html"
        if rel in planned:
            raise SourceError(
                f"{planned[rel].source} and {draft.source} would both be {rel}: add them apart with --name",
                draft.source,
            )
        planned[rel] = draft
        existing = [
            config.source / rel.with_suffix(s)
            for s in ARTICLE_SUFFIXES
            if (config.source / rel.with_suffix(s)).exists()
        ]
        if existing and not force:
            raise SourceError(
                f"{config.relative(existing[0])} exists: --force replaces it, --name gives the new article "
                "another name",
                draft.source,
            )
        draft.date = date or (moment.date() if moment else None) or draft.date or embargoes.now().date()
    added = []
    for rel, draft in planned.items():
        moment = embargo or draft.embargo
        template = find(project, rel)
        counts = draft.counts()
        page = pour(template, draft, rel, config.source_locale, moment)
        images = [config.source / rel.parent / "assets" / rel.stem / file for file in draft.images]
        added.append(Added(draft.source, config.source / rel, draft, template.shown, moment, images, page, counts))
    for item in added:
        for path, data in zip(item.images, item.draft.images.values()):
            write_atomic(path, data)
        write_atomic(item.article, item.page)
        for suffix in ARTICLE_SUFFIXES:  # --force: the article is one file, with one name
            other = item.article.with_suffix(suffix)
            if other != item.article and other.exists():
                other.unlink()
    return added


def kind(source: str) -> str:
    """What a source is: `address`, `word`, `markdown`, `text` or `html`; any other is refused."""
    if source.lower().startswith(("http://", "https://")):
        return "address"
    suffix = Path(source).suffix.lower()
    for name, suffixes in (("word", WORD), ("markdown", MARKDOWN), ("text", TEXT), ("html", HTML)):
        if suffix in suffixes:
            return name
    advice = _OTHER.get(
        suffix, "l10n add takes Word (.docx), Markdown (.md), text (.txt) and HTML files, and http(s) addresses"
    )
    raise SourceError(f"cannot add a {suffix or 'file without a suffix'} file: {advice}", source)


def _read(project: Project, source: str, keep_all: bool) -> Draft:
    """A source read and shaped into a draft."""
    config = project.config
    what = kind(source)
    images = Images()
    if what == "address":
        answer = fetch.page(source)
        body, found = webpage.read(answer.data, source, config.content, answer.charset)
        webpage.absolute_links(body, answer.address, config.source_url)
        take_remote(body, answer.address, images, fetch.image)
        return _shaped(body, source, images, keep_all, found)
    path = Path(source)
    shown = config.relative(path.resolve())
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise SourceError("is a folder, not a file", shown) from None
    except OSError as e:
        raise SourceError(f"cannot read: {e.strerror}", shown) from None
    if what == "word":
        word.check(data, path.suffix.lower(), shown)
        body, properties = word.blocks(data, images, shown)
        return shape(
            body,
            shown,
            title=properties.title,
            date=properties.date,
            images=images.files,
            warnings=images.warnings,
            keep_all=keep_all,
        )
    if what == "markdown":
        front, rest, _ = markdown.front_matter(text.decode(data, shown), shown)
        body = markdown.blocks(rest)
        take_local(body, path.parent, images, shown)
        return shape(
            body,
            shown,
            headline=front.values.get("title", ""),
            standfirst=front.values.get("standfirst", ""),
            date=front.date,
            embargo=front.embargo,
            images=images.files,
            warnings=images.warnings,
            keep_all=keep_all,
        )
    if what == "text":
        body = text.blocks(text.decode(data, shown))
        return shape(body, shown, trailing_site=True, first_line=True, short_standfirst=True, keep_all=keep_all)
    body, found = webpage.read(data, shown, config.content)
    take_local(body, path.parent, images, shown)
    return _shaped(body, shown, images, keep_all, found)


def _shaped(body, source: str, images: Images, keep_all: bool, found: webpage.Found) -> Draft:  # noqa: ANN001
    return shape(
        body,
        source,
        headline=found.title,
        standfirst=found.standfirst,
        date=found.date,
        embargo=found.embargo,
        images=images.files,
        warnings=images.warnings,
        keep_all=keep_all,
    )


def _folder(project: Project, folder: str | None) -> PurePosixPath:
    """The folder under the source folder the articles go to (`--to`): a path inside the source
    folder, or one relative to it."""
    source = project.config.source
    if not folder:
        return PurePosixPath()
    given = Path(folder)
    inside = given.resolve()
    if inside != source and source not in inside.parents:
        inside = (source / folder).resolve()
    if inside != source and source not in inside.parents:
        raise ConfigError(f"--to {folder}: not a folder inside the source folder {project.config.relative(source)}/")
    if inside.exists() and not inside.is_dir():
        raise ConfigError(f"--to {folder}: {project.config.relative(inside)} is a file")
    rel = PurePosixPath(inside.relative_to(source).as_posix())
    if any(part.startswith(".") for part in rel.parts):
        raise ConfigError(f"--to {folder}: hidden folders are not published")
    return rel


def _name(name: str | None, draft: Draft) -> str:
    """The article's file name without its suffix: `name`, else a slug of the headline."""
    if name is not None:
        stem = name.removesuffix(".html").removesuffix(".htm")
        if not stem or "/" in stem or "\\" in stem or stem.startswith(".") or not stem.isprintable():
            raise ConfigError(f"--name {name!r}: give a file name, without folders (--to says where)")
    else:
        stem = slug(draft.title)
        if not stem:
            raise SourceError(f"the headline “{draft.title}” gives no file name: give one with --name", draft.source)
    if stem.lower() in ("index", SITE_DOMAIN):
        raise ConfigError(f"an article may not be named {stem}.html: give another name with --name")
    return stem
