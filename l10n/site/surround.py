"""The site around the pages: language switcher, alternate links, notices, index pages.

Everything added to an article page carries `data-l10n`; all links are relative, so the output
folder can be served from anywhere or opened from disk.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

import lxml.html
from babel.dates import format_date
from lxml import etree

from ..locales import TargetLocale
from ..segment import jsonld
from . import texts as own
from .texts import Texts

if TYPE_CHECKING:
    from .skeleton import Marks

# Each language's name in itself, for the switcher and the chooser (else Babel's).
_NAMES = {"en": "English", "zh_Hans": "中文", "zh_Hant": "中文（繁體）"}
# System fonts that render Chinese well: macOS/iOS, Windows, Android/Linux (Noto/Source Han), older Linux.
_FONTS = {
    "Hans": '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", '
    '"Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif',
    "Hant": '"PingFang TC", "Hiragino Sans CNS", "Microsoft JhengHei", "Noto Sans CJK TC", "Noto Sans TC", '
    '"Source Han Sans TC", sans-serif',
}
# For English left on a Chinese page: Chinese fonts draw Latin punctuation full width (China’ s).
_LATIN = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif'
# What l10n adds sets its own colours, dark on light; the family it inherits (the page's, or the
# Chinese stack). Machine text and English left on a translated page are underlined (dashed,
# dotted), in the colour of the text: its contrast with whatever is behind it stays the page's own.
_STYLE = """.l10n-switcher,.l10n-notice{font-size:14px;font-style:normal;font-weight:normal;line-height:1.5;
color:#1d1d1b}
.l10n-switcher{padding:.4em 1em;background:#f2f2f2;text-align:right}
.l10n-switcher a,.l10n-switcher span{margin-left:1em;color:#1d1d1b}
.l10n-switcher [aria-current]{font-weight:bold}
.l10n-notice{margin:0;padding:.6em 1em;background:#fff4ce;border-bottom:1px solid #e0c050}
[data-l10n=machine]{text-decoration:underline dashed 1px!important;text-underline-offset:.25em}
[data-l10n=fallback],[data-l10n-fallback]{text-decoration:underline dotted 1px!important;text-underline-offset:.25em}"""
# Placeholders of embeds readers cannot reach: a box of text where the embed was, within the page's width.
_PLACEHOLDER_STYLE = """
.l10n-embed{display:block;box-sizing:border-box;max-width:100%;margin:1em 0;padding:1em 1.2em;border:1px solid #c8c8c4;
background:#f4f4f2;color:#1d1d1b;font-size:1rem;font-style:normal;line-height:1.6}
.l10n-embed>span{display:block}.l10n-embed-title{font-weight:bold}
.l10n-embed a{color:#00594f}"""
# Elements that hold text and to which sites give a font: the Chinese stack must win there.
_TEXT_HOLDERS = (
    "[lang],body,h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,label,legend,summary,"
    "button,input,select,textarea,option"
)


def language_name(locale: TargetLocale) -> str:
    """A language's name in itself (中文, English)."""
    language = locale.locale.language
    return _NAMES.get(f"{language}_{locale.script}") or _NAMES.get(language) or locale.locale.display_name or language


@dataclass(frozen=True)
class Version:
    """One language version of a page: its folder, locale and path under the output folder."""

    folder: str
    locale: TargetLocale
    path: str
    hreflang: str

    @property
    def label(self) -> str:
        return language_name(self.locale)


def href(here: str, target: str, base_url: str | None = None) -> str:
    """A link from page `here` to page `target` (both paths relative to the output folder, as
    files are named): an address, so `?`, `#`, `%` and other characters in names escaped."""
    if base_url:
        return base_url + quote(target)
    return quote(posixpath.relpath(target, posixpath.dirname(here) or "."))


def decorate(
    root: etree._Element,
    here: Version,
    versions: list[Version],
    base_url: str | None,
    marks: Marks | None = None,
    link_markers: bool = False,
    link_from: str | None = "",
) -> None:
    """Add alternate and canonical links, the font stack and the switcher (and to a fragment, the
    head a page needs: charset and viewport); the notices (`marks.notice`) go below the switcher.

    A page in a language of its own (`marks` given) names its switcher in its language, and with
    `link_markers` a marker shows after links to pages in the source language (`links`). Links
    the build adds resolve from `link_from` (a path under the output folder: the page's own when
    "", its `<base href>`'s when that is relative); None: a `<base href>` leads elsewhere, and
    they are absolute (with `base_url`)."""
    head = root.find("head")
    body = root.find("body")

    def link(target: str) -> str:
        if link_from is None and base_url:
            return href(here.path, target, base_url)
        return href(link_from or here.path, target)

    if head is None and body is not None:  # a fragment: the head a page needs
        head = root.makeelement("head", {"data-l10n": "head"})
        head.text = "\n"
        head.tail = "\n"
        root.insert(0, head)
        _append(head, "meta", {"charset": "utf-8", "data-l10n": "charset"})
        _append(
            head,
            "meta",
            {"name": "viewport", "content": "width=device-width, initial-scale=1", "data-l10n": "viewport"},
        )
    if head is not None:
        alternate = (lambda target: href(here.path, target, base_url)) if base_url else link
        added = [("link", {"rel": "alternate", "hreflang": v.hreflang, "href": alternate(v.path)}) for v in versions]
        added.append(("link", {"rel": "alternate", "hreflang": "x-default", "href": alternate(versions[0].path)}))
        if base_url:
            added.append(("link", {"rel": "canonical", "href": href(here.path, here.path, base_url)}))
        for tag, attrs in added:
            _append(head, tag, {**attrs, "data-l10n": attrs["rel"]})
        style = _append(head, "style", {"data-l10n": "style"})
        style.text = _STYLE + _font_rules(here.locale, versions) + _own_rules(here.locale, marks, link_markers)
        _open_graph_locales(head, here, versions)
    if body is None:
        return
    notice = marks.notice if marks is not None else ""
    if len(versions) > 1:
        label = marks.message(own.LANGUAGE, form="attribute") if marks is not None else own.LANGUAGE.msgid
        nav = switcher(body, here, versions, label, link)
        body.insert(0, nav)
        nav.tail += notice
    else:
        body.text = (body.text or "") + notice


def _open_graph_locales(head: etree._Element, here: Version, versions: list[Version]) -> None:
    """A page with `og:locale` says its language in it (a translation's, `zh_CN`; the English page
    keeps its own) and lists the other versions' as `og:locale:alternate`."""
    meta = next((m for m in head.iter("meta") if m.get("property") == "og:locale"), None)
    if meta is None:
        return
    if here.path != versions[0].path:
        meta.set("content", here.locale.og_locale)
    at = meta.getparent().index(meta)
    for offset, version in enumerate(v for v in versions if v.path != here.path):
        alternate = meta.makeelement(
            "meta", {"property": "og:locale:alternate", "content": version.locale.og_locale, "data-l10n": "og-locale"}
        )
        alternate.tail = meta.tail
        meta.getparent().insert(at + 1 + offset, alternate)


NOTICES = ("machine", "english")


def notices(marks: Marks) -> list[str]:
    """The notices that open a page (as HTML, a line each, their text the build's own messages),
    in the order of `NOTICES`: one that parts are machine translated, one that parts are shown in
    English."""
    found = []
    for kind, message in zip(NOTICES, (own.MACHINE, own.ENGLISH)):
        notice = etree.Element(
            "p", {"class": f"l10n-notice l10n-{kind}-notice", "role": "note", "data-l10n": f"{kind}-notice"}
        )
        notice.text = marks.message(message)
        found.append(etree.tostring(notice, encoding="unicode", method="html") + "\n")
    return found


def switcher(
    parent: etree._Element,
    here: Version,
    versions: list[Version],
    label: str,
    link: Callable[[str], str] | None = None,
    label_lang: str | None = None,
) -> etree._Element:
    """A `<nav>` named `label` linking to the other language versions of the page (`link` makes
    an address from a path under the output folder; default: relative to the page)."""
    link = link or (lambda target: href(here.path, target))
    nav = parent.makeelement(
        "nav",
        {"class": "l10n-switcher", "aria-label": label, "translate": "no", "data-l10n": "switcher"},
    )
    if label_lang:
        nav.set("lang", label_lang)
    for v in versions:
        if v is here:
            item = etree.SubElement(nav, "span", {"aria-current": "true", "data-l10n": "switcher"})
        else:
            item = etree.SubElement(nav, "a", {"href": link(v.path), "hreflang": v.hreflang, "data-l10n": "switcher"})
        item.set("lang", v.hreflang)
        item.text = v.label
    nav.tail = "\n"
    return nav


def _font_rules(here: TargetLocale, versions: list[Version]) -> str:
    """The Chinese font stack for text in Chinese (on a Chinese page, or a switcher's label),
    winning over the site's fonts (`body{font:…}`); on a Chinese page, Latin fonts for what is in
    the source language (`versions[0]`'s), and emphasis as Chinese has it (clreq): dots under the
    characters, not italics (a title in book title marks has none: its marks are its style);
    italic elements that are not emphasis (`i`, `cite`…) upright."""
    rules = []
    for locale in dict.fromkeys([here, *(v.locale for v in versions)]):
        if locale.locale.language == "zh":
            lang = locale.html_lang
            stack = _FONTS.get(locale.script or "Hans", _FONTS["Hans"])
            rules.append(f"\n:lang({lang}):is({_TEXT_HOLDERS}){{font-family:{stack}!important}}")
    if here.locale.language == "zh":
        lang = here.html_lang
        rules.append(
            f"\nhtml:lang({lang}) :lang({versions[0].hreflang}){{font-family:{_LATIN}!important}}"
            f"\nem:lang({lang}){{font-style:normal;-webkit-text-emphasis:filled dot;text-emphasis:filled dot;"
            "-webkit-text-emphasis-position:under right;text-emphasis-position:under right}"
            f"\nem[data-l10n-title]:lang({lang}){{-webkit-text-emphasis:none;text-emphasis:none}}"
            f"\n:is(i,cite,dfn,var,address):lang({lang}){{font-style:normal}}"
        )
    return "".join(rules)


def _own_rules(here: TargetLocale, marks: Marks | None, link_markers: bool) -> str:
    """Rules for what the build adds to a page in a language of its own: the marker after links
    to pages in the source language, and placeholders of embeds."""
    if marks is None:
        return ""
    rules = [_PLACEHOLDER_STYLE] if marks.placeholders else []
    if link_markers:
        lang = here.html_lang
        rules.append(
            f'\na[data-l10n-marker]:lang({lang})::after{{content:"{marks.message(own.LINK_MARKER, form="css")}"}}'
        )
    return "".join(rules)


def _append(parent: etree._Element, tag: str, attrs: dict[str, str]) -> etree._Element:
    el = etree.SubElement(parent, tag, attrs)
    el.tail = "\n"
    return el


@dataclass(frozen=True)
class Listing:
    """What an index shows of an article: title, standfirst and date, in the page's language."""

    path: str
    title: str
    standfirst: str
    date: str | None  # ISO date
    title_lang: str | None = None  # the source language when the title is shown untranslated
    standfirst_lang: str | None = None  # likewise for the standfirst
    site: str | None = None  # the site's name the source page gives (`texts.site_name`), in the source language

    def as_dict(self) -> dict[str, str | None]:
        return {
            "path": self.path,
            "title": self.title,
            "standfirst": self.standfirst,
            "date": self.date,
            "title_lang": self.title_lang,
            "standfirst_lang": self.standfirst_lang,
            "site": self.site,
        }


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def listing_sources(root: etree._Element) -> tuple[list[etree._Element], etree._Element | None, str | None, str | None]:
    """Where a page's listing comes from: the elements that may hold its title (the first with
    text wins), its standfirst, its meta description and its ISO date."""
    h1 = main_h1 = standfirst = title = description = published = main_time = any_time = None
    in_main = {el for main in root.iter("main") for el in main.iter("h1", "time")}  # holds the proxies alive
    for el in root.iter("h1", "title", "meta", "time", "p", "div"):
        tag = el.tag
        if tag == "h1":
            h1 = h1 if h1 is not None else el
            if main_h1 is None and el in in_main:
                main_h1 = el
        elif tag == "title":
            title = title if title is not None else el
        elif tag == "meta":
            if description is None and el.get("name") == "description":
                description = el.get("content")
            if published is None and el.get("property") == "article:published_time":
                published = el.get("content")
        elif tag == "time":
            if el.get("datetime"):
                any_time = any_time or el.get("datetime")
                if main_time is None and el in in_main:
                    main_time = el.get("datetime")
        elif standfirst is None and "standfirst" in (el.get("class") or "").split():
            standfirst = el
    match = _DATE.match(published or main_time or any_time or "")
    titles = [el for el in (main_h1, h1, title) if el is not None]
    return titles, standfirst, description, match.group(0) if match else None


def make_listing(
    path: str,
    titles: list[tuple[str, bool]],
    standfirst: tuple[str, bool],
    description: tuple[str | None, bool],
    date: str | None,
    source_language: str,
    site: str | None = None,
) -> Listing:
    """A listing from the texts `listing_sources` points at (titles whitespace-normalised), each
    with whether it was left in the source language."""
    title, title_english = next(((t, english) for t, english in titles if t), ("", False))
    if not standfirst[0]:
        standfirst = (" ".join((description[0] or "").split()), description[1])
    return Listing(
        path,
        title,
        standfirst[0],
        date,
        source_language if title and title_english else None,
        source_language if standfirst[0] and standfirst[1] else None,
        site,
    )


def text_of(texts: Iterable[str]) -> str:
    """Texts joined, whitespace-normalised (as an index shows a title or standfirst)."""
    return " ".join("".join(texts).split())


def index_page(
    here: Version, versions: list[Version], listings: list[Listing], date_locale: str, texts: Texts, site: str | None
) -> bytes:
    """The list of a language's articles, newest first, titled with the site's name (`site`, in
    the source language; `texts` gives it and the page's other texts in the page's language)."""
    news, news_lang = texts.get(own.NEWS)
    name, name_lang = texts.site_name(site)
    root = _page(here.locale.html_lang, f"{news} | {name}" if name else news)
    head, body = root.find("head"), root.find("body")
    for v in versions:
        _append(head, "link", {"rel": "alternate", "hreflang": v.hreflang, "href": href(here.path, v.path)})
    style = _append(head, "style", {})
    style.text = (
        _STYLE
        + _font_rules(here.locale, versions)
        + "\nbody{margin:0;font:17px/1.6 system-ui,sans-serif}main{max-width:46em;margin:auto;padding:1em}"
        + ("\n.l10n-site{margin:1em 0 0;color:#5a5a58}.l10n-site+h1{margin-top:.1em}" if name else "")
        + "\n.articles{list-style:none;padding:0}.articles li{margin:1.5em 0}"
        ".articles h2{margin:0 0 .2em;font-size:1.25em}"
    )
    if len(versions) > 1:
        label, label_lang = texts.get(own.LANGUAGE)
        body.append(switcher(body, here, versions, label, label_lang=label_lang))
    main = etree.SubElement(body, "main")
    if name:
        _lang(etree.SubElement(main, "p", {"class": "l10n-site"}), name, name_lang)
    _lang(etree.SubElement(main, "h1"), news, news_lang)
    items = etree.SubElement(main, "ul", {"class": "articles"})
    for item in sorted(listings, key=lambda i: (i.date or "", i.title), reverse=True):
        li = etree.SubElement(items, "li")
        heading = etree.SubElement(li, "h2")
        link = etree.SubElement(heading, "a", {"href": href(here.path, item.path)})
        link.text = item.title
        if item.title_lang:
            link.set("lang", item.title_lang)
        if item.date:
            day = dt.date.fromisoformat(item.date)
            etree.SubElement(li, "time", {"datetime": item.date}).text = format_date(day, "long", locale=date_locale)
        if item.standfirst:
            etree.SubElement(
                li, "p", {"lang": item.standfirst_lang} if item.standfirst_lang else {}
            ).text = item.standfirst
    return _serialize(root)


def chooser_page(versions: list[Version], texts: list[Texts], site: str | None) -> bytes:
    """The site's front door: a language chooser that follows the browser's language when it can;
    its texts in every language (`texts`, one per version), each marked with its language."""
    names = [t.site_name(site)[0] if site else t.text(own.NEWS) for t in texts]
    root = _page(versions[0].locale.html_lang, " · ".join(dict.fromkeys(names)))
    head, body = root.find("head"), root.find("body")
    targets = {v.hreflang.lower(): quote(v.path) for v in versions}
    script = etree.SubElement(head, "script")
    script.text = (
        "(function(){var t=" + jsonld.encode(targets) + ";"
        "if(location.hash==='#choose')return;"
        "var l=navigator.languages||[navigator.language||''];"
        "for(var i=0;i<l.length;i++){var c=(l[i]||'').toLowerCase();"
        "for(var k in t){if(c===k||c.split('-')[0]===k.split('-')[0]){location.replace(t[k]);return;}}}})();"
    )
    style = _append(head, "style", {})
    style.text = (
        "body{font:18px/1.6 system-ui,sans-serif;text-align:center;padding:3em 1em}"
        "ul{list-style:none;padding:0}li{margin:1em}" + _font_rules(versions[0].locale, versions)
    )
    main = etree.SubElement(body, "main")
    heading = etree.SubElement(main, "h1")
    for i, (version, text) in enumerate(zip(versions, texts)):
        words, english = text.get(own.CHOOSE)
        lang = english or version.hreflang
        if i == 0:
            heading.text = words
            continue
        if len(heading):
            heading[-1].tail = " · "
        else:
            heading.text = (heading.text or "") + " · "
        _lang(etree.SubElement(heading, "span"), words, lang)
    items = etree.SubElement(main, "ul")
    for v in versions:
        etree.SubElement(
            etree.SubElement(items, "li"), "a", {"href": quote(v.path), "hreflang": v.hreflang, "lang": v.hreflang}
        ).text = v.label
    return _serialize(root)


def _lang(el: etree._Element, text: str, lang: str | None) -> None:
    el.text = text
    if lang:
        el.set("lang", lang)


def _page(lang: str, title: str) -> etree._Element:
    root = lxml.html.document_fromstring(
        "<html><head><meta charset='utf-8'><meta name='viewport' content='width=device-width, initial-scale=1'>"
        "<title></title></head><body></body></html>"
    )
    root.set("lang", lang)
    root.find("head/title").text = title
    return root


def _serialize(root: etree._Element) -> bytes:
    return b"<!DOCTYPE html>\n" + etree.tostring(root, encoding="utf-8", method="html") + b"\n"
