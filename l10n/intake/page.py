"""The page of a new article: the site's own page, with the article poured in.

The page comes from, in this order:

1. `templates/article.html` in the project (beside pyproject.toml, not in the source folder): a
   page of the site whose elements marked `data-l10n-slot` are filled in. `title`: its text
   becomes the headline (the `<h1>`); `date`: a `<time>` that gets the article's date
   (`datetime` and the date written out); `standfirst`: its text becomes the standfirst (it is
   removed when the article has none); `body`: its content is replaced by the article's blocks.
   In `<title>`, `{title}` stands for the headline (`<title>{title} | County Council</title>`).
   Its relative links are written as from the top of the source folder.
2. Otherwise the newest article's page (its `<time datetime>`; the newest in the folder the
   article goes to, else anywhere; none under embargo): the article in it is found with the
   segmenter's scope rules, its headline, standfirst and date replaced, and every other block of
   the article removed; the furniture inside the article (breadcrumbs, share buttons) stays.
3. Otherwise a plain page with those four slots.

So the new page has the site's head, header, navigation, footer and stylesheet, whose text is
in the site catalog (`_site.po`) already: a translator sees only the article's own sentences.
`<title>`, `<meta name="description">` and the `og:` title and description are the article's;
what described the template's article (its `og:image`, canonical link, keywords, structured
data naming its headline) is removed. Relative links of the site's page are rewritten for the
folder the new page is in.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from babel.dates import format_date
from lxml import etree

from .. import embargo as embargoes
from ..errors import SourceError
from ..segment.htmlio import Page, parse_html, read_html, serialize_text
from ..segment.scope import Scope
from ..store import Article, Project
from .draft import IMAGE, STANDFIRST_CLASSES, Draft, drop, text_of

TEMPLATE = Path("templates") / "article.html"
SLOT = "data-l10n-slot"
_BUILT_IN = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
</head>
<body>
<main>
<article>
<h1 data-l10n-slot="title"></h1>
<p class="standfirst" data-l10n-slot="standfirst"></p>
<p class="meta">Published <time data-l10n-slot="date"></time></p>
<div data-l10n-slot="body"></div>
</article>
</main>
</body>
</html>
"""
_DATE = re.compile(rb"""(?:datetime|content)\s*=\s*["']?(\d{4}-\d{2}-\d{2})""")
_LINKS = ("href", "src", "poster", "action", "formaction", "cite", "data", "background")
_SRCSETS = ("srcset", "imagesrcset")
_PATH = re.compile(r"([^?#]*)(.*)", re.S)
_STALE_METAS = ("og:image", "og:url", "twitter:image", "og:video", "og:audio", "article:modified_time", "keywords")
_ARTICLE_METAS = {
    "description": "standfirst",
    "og:title": "title",
    "og:description": "standfirst",
    "twitter:title": "title",
    "twitter:description": "standfirst",
}
_CANDIDATES = 5  # newest articles tried as the template before the plain page


@dataclass
class Template:
    """A page to pour an article into, and where each part of the article goes."""

    page: Page
    shown: str  # where it came from, as shown to users
    folder: PurePosixPath  # the folder under the source folder its relative links are written from
    title: etree._Element | None = None
    date: etree._Element | None = None
    standfirst: etree._Element | None = None
    body: etree._Element | None = None  # whose content the blocks replace
    insert: tuple[etree._Element, int] | None = None  # or: where in which element they go
    closing: str = "\n"  # the white space after the last block
    old_title: str = ""  # the template article's headline, replaced wherever the page repeats it


def find(project: Project, path: PurePosixPath) -> Template:
    """The template for a new article at `path` (under the source folder; an article there now,
    to be replaced, is not one): see the module's doc."""
    config = project.config
    template = config.root / TEMPLATE
    if template.exists():
        return slotted(read_html(template), config.relative(template), PurePosixPath("."))
    for article in _newest(project, path):
        source = project.source_path(article)
        page = read_html(source, project.source_bytes(article))
        moment = embargoes.find(page.root, config.relative(source))
        if moment is not None and moment > embargoes.now():
            continue  # its page may say what is not out yet
        found = derived(page, config.relative(source), article.path.parent, config.content)
        if found is not None:
            return found
    return slotted(
        parse_html(_BUILT_IN, "the plain page"),
        "a plain page (no templates/article.html, no article)",
        PurePosixPath("."),
    )


def slotted(page: Page, shown: str, folder: PurePosixPath) -> Template:
    """A page with `data-l10n-slot` elements as a template; without title and body slots it is refused."""
    slots: dict[str, etree._Element] = {}
    for el in page.root.iter():
        if isinstance(el.tag, str) and el.get(SLOT):
            name = el.get(SLOT).strip().lower()
            if name not in ("title", "date", "standfirst", "body"):
                raise SourceError(f"unknown slot {name!r} (slots: title, date, standfirst, body)", shown, el.sourceline)
            if name in slots:
                raise SourceError(f"a second {name} slot", shown, el.sourceline)
            slots[name] = el
    for name in ("title", "body"):
        if name not in slots:
            raise SourceError(f'no element marked data-l10n-slot="{name}": the template needs one', shown)
    return Template(page, shown, folder, slots["title"], slots.get("date"), slots.get("standfirst"), slots["body"])


def derived(page: Page, shown: str, folder: PurePosixPath, content: tuple[str, ...]) -> Template | None:
    """An article's page as a template (None when no article with a headline is found in it)."""
    root = page.root
    scope = Scope(root, content)
    if scope.whole:
        return None
    roots = scope.roots
    inside = {el for r in roots for el in r.iter()}
    h1 = next((h for h in root.iter("h1") if h in inside and text_of(h)), None)
    if h1 is None:
        return None
    description = next((m.get("content") for m in root.iter("meta") if m.get("name") == "description"), None)
    standfirst = next(
        (
            el
            for el in root.iter()
            if el in inside
            and isinstance(el.tag, str)
            and (
                STANDFIRST_CLASSES & set((el.get("class") or "").lower().split())
                or (description and el.tag == "p" and text_of(el) == " ".join(description.split()))
            )
        ),
        None,
    )
    time = next((t for t in root.iter("time") if t in inside and t.get("datetime")), None)
    heads = [el for el in (h1, standfirst, time) if el is not None]
    template = Template(page, shown, folder, h1, time, standfirst, old_title=text_of(h1))
    for r in roots:
        removed = []
        for child in list(r):
            if not isinstance(child.tag, str):
                continue
            holds_head = any(child is h or child in h.iterancestors() for h in heads)
            if holds_head or child in scope.furniture:
                continue
            removed.append(child)
        if template.insert is None and template.body is None and removed:
            if len(removed) == 1 and removed[0].tag in ("div", "section"):
                template.body = removed[0]  # the article's body wrapper: kept, emptied
                removed = []
            else:
                template.insert = (r, r.index(removed[0]))
                after = removed[-1].getnext()
                template.closing = removed[-1].tail or "\n" if after is None else _line_start(removed[0].tail)
        for child in removed:
            drop(child)
    if template.insert is None and template.body is None:
        order = {el: i for i, el in enumerate(root.iter())}
        last = max(heads, key=order.__getitem__)
        holder = next((a for a in [last, *last.iterancestors()] if a.getparent() in roots), None)
        if holder is None:
            return None
        template.insert = (holder.getparent(), holder.getparent().index(holder) + 1)
        template.closing = holder.tail or "\n"
    return template


def pour(
    template: Template, draft: Draft, path: PurePosixPath, source_locale: str, embargo: dt.datetime | None
) -> bytes:
    """The new page at `path` (under the source folder): the template with the article in it."""
    root = template.page.root
    _rebase(root, template.folder, path.parent)  # the site's links; the article's own are as the source has them
    if template.old_title:
        for el in root.iter():
            if isinstance(el.tag, str) and len(el) == 0 and text_of(el) == template.old_title:
                el.text = draft.title  # the headline, or a breadcrumb or heading that repeats it
    for el in draft.body.iter("img", "video"):
        name = "src" if el.tag == "img" else "poster"
        src = el.get(name) or ""
        if src.startswith(IMAGE):
            el.set(name, f"assets/{path.stem}/{src[len(IMAGE) :]}")
    description = draft.standfirst or next((text_of(p) for p in draft.body.iter("p") if text_of(p)), "")
    _place_blocks(template, list(draft.body))
    date = draft.date
    if template.title is not None:
        _set_text(template.title, draft.title)
    if template.standfirst is not None:
        if draft.standfirst:
            _set_text(template.standfirst, draft.standfirst)
        else:
            drop(template.standfirst)
    if template.date is not None and date is not None:
        time = template.date if template.date.tag == "time" else etree.SubElement(template.date, "time")
        time.set("datetime", date.isoformat())
        _set_text(time, format_date(date, "long", locale=source_locale))
    _head(root, draft, template, description, date, embargo)
    for el in root.iter():
        if isinstance(el.tag, str) and SLOT in el.attrib:
            del el.attrib[SLOT]
    return serialize_text(template.page).encode("utf-8")


def _place_blocks(template: Template, blocks: list[etree._Element]) -> None:
    """The article's blocks into the template's body slot, or where its article's blocks were."""
    if template.body is not None:
        slot = template.body
        indent = _line_start(slot.text if len(slot) else None)
        closing = slot[-1].tail if len(slot) and not (slot[-1].tail or "").strip() else "\n"
        for child in list(slot):
            slot.remove(child)
        slot.text = indent
        _place(slot, 0, blocks, indent, closing or "\n")
    elif template.insert is not None:
        parent, index = template.insert
        before = parent[index - 1] if index > 0 else None
        indent = _line_start(before.tail if before is not None else parent.text)
        if before is not None:
            before.tail = indent
        else:
            parent.text = indent
        _place(parent, index, blocks, indent, template.closing)


def slug(text: str) -> str:
    """A readable file name from a headline, at most 80 characters: `China visit boosts business
    links` → `china-visit-boosts-business-links`."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    words = re.sub(r"[^a-z0-9]+", " ", ascii_text.replace("’", "").replace("'", "").lower()).split()
    name = ""
    for word in words:
        if len(name) + len(word) + 1 > 80 and name:
            break
        name = f"{name}-{word}" if name else word
    return name


def _newest(project: Project, path: PurePosixPath) -> list[Article]:
    """Up to `_CANDIDATES` articles but the one at `path`, newest first by their date (`<time
    datetime>`), those in its folder first."""
    dated = []
    folder = path.parent
    for article in project.articles():
        if article.path.with_suffix("") == path.with_suffix(""):
            continue
        file = project.source_path(article)
        try:
            head = file.read_bytes()[:200_000]
            stamp = file.stat().st_mtime
        except OSError:
            continue
        match = _DATE.search(head)
        dated.append((article.path.parent == folder, match.group(1).decode() if match else "", stamp, article))
    dated.sort(key=lambda row: row[:3], reverse=True)
    return [row[3] for row in dated[:_CANDIDATES]]


def _set_text(el: etree._Element, text: str) -> None:
    for child in list(el):
        el.remove(child)
    el.text = text


def _line_start(space: str | None) -> str:
    """A line break and the indentation of the last line of some white space (a line break alone
    when it is no white space)."""
    if not space or space.strip():
        return "\n"
    return "\n" + space.rsplit("\n", 1)[-1]


def _place(parent: etree._Element, index: int, blocks: list[etree._Element], indent: str, closing: str) -> None:
    """Put the blocks into `parent` at `index`, each on a line of its own, `closing` after the last."""
    for offset, block in enumerate(blocks):
        block.tail = indent
        parent.insert(index + offset, block)
    if blocks:
        blocks[-1].tail = closing


def _rebase(root: etree._Element, origin: PurePosixPath, target: PurePosixPath) -> None:
    """Relative links written from `origin` (a folder under the source folder), rewritten from `target`."""
    if origin == target:
        return

    def moved(value: str) -> str:
        link = value.strip()
        if not link or link.startswith(("#", "/", "?")) or re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", link):
            return value
        path, rest = _PATH.match(link).groups()  # type: ignore[union-attr] # it matches any text
        if not path:
            return value
        new = posixpath.relpath(posixpath.normpath(posixpath.join(origin.as_posix(), path)), target.as_posix())
        return new + "/" * (path.endswith("/") and not new.endswith("/")) + rest

    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        for name in _LINKS:
            if el.get(name) is not None:
                el.set(name, moved(el.get(name)))
        for name in _SRCSETS:
            if el.get(name):
                el.set(
                    name,
                    ", ".join(
                        " ".join([moved(c.split()[0]), *c.split()[1:]]) for c in el.get(name).split(",") if c.split()
                    ),
                )


def _head(
    root: etree._Element,
    draft: Draft,
    template: Template,
    description: str,
    date: dt.date | None,
    embargo: dt.datetime | None,
) -> None:
    """`<title>`, description (the standfirst, else the first paragraph when short) and `og:`
    metadata of the new article; none of the template article's."""
    head = root.find("head")
    if head is None:
        head = etree.Element("head")
        root.insert(0, head)
    texts = {"title": draft.title, "standfirst": description if len(description) <= 300 else ""}
    title = head.find("title")
    if title is None:
        title = etree.SubElement(head, "title")
    old = text_of(title)
    if "{title}" in old:
        title.text = old.replace("{title}", draft.title)
    elif template.old_title and template.old_title in old:
        title.text = old.replace(template.old_title, draft.title)
    else:
        title.text = draft.title
    for child in list(title):
        title.remove(child)
    seen = set()
    for meta in list(head.iter("meta")):
        key = (meta.get("property") or meta.get("name") or "").strip().lower()
        if key in _ARTICLE_METAS:
            value = texts[_ARTICLE_METAS[key]]
            if value:
                meta.set("content", value)
                seen.add(key)
            else:
                drop(meta)
        elif key.startswith(_STALE_METAS) or key == embargoes.META:
            drop(meta)
        elif key == "article:published_time":
            if date is not None:
                meta.set("content", date.isoformat())
            else:
                drop(meta)
    for link in list(head.iter("link")):
        if (link.get("rel") or "").lower() in ("canonical", "shortlink") or link.get("hreflang"):
            drop(link)
    for script in list(root.iter("script")):
        if (
            (script.get("type") or "").lower() == "application/ld+json"
            and template.old_title
            and (template.old_title in (script.text or ""))
        ):
            drop(script)
    tail = title.tail or "\n"
    at = head.index(title) + 1
    added = [
        ("name", "description", texts["standfirst"]),
        ("property", "og:title", draft.title),
        ("property", "og:description", texts["standfirst"]),
        ("property", "og:type", "article"),
    ]
    if embargo is not None:
        added.append(("name", embargoes.META, embargo.isoformat()))
    present = {(m.get("property") or m.get("name") or "").strip().lower() for m in head.iter("meta")}
    for attribute, key, value in added:
        if value and key not in present:
            meta = etree.Element("meta", {attribute: key, "content": value})
            meta.tail = tail
            head.insert(at, meta)
            at += 1
