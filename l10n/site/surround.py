"""The site around the pages: language switcher, alternate links, notices, index pages.

Everything added to an article page carries `data-l10n`; all links are relative, so the output
folder can be served from anywhere or opened from disk.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass

import lxml.html
from babel.dates import format_date
from lxml import etree

from ..locales import TargetLocale
from ..segment import jsonld

# Interface text of the pages l10n adds, by language (script for Chinese).
_TEXT = {
    "en": {
        "name": "English",
        "news": "News",
        "choose": "Choose your language",
        "switch": "Language",
        "machine": "Parts of this page are machine translated and not yet reviewed.",
        "english": "Parts of this page are not yet translated and are shown in English.",
    },
    "zh_Hans": {
        "name": "中文",
        "news": "新闻",
        "choose": "选择语言",
        "switch": "语言",
        "machine": "本页部分内容为机器翻译，尚未经过人工审校。",
        "english": "本页部分内容尚未翻译，暂以英文显示。",
    },
    "zh_Hant": {
        "name": "中文（繁體）",
        "news": "新聞",
        "choose": "選擇語言",
        "switch": "語言",
        "machine": "本頁部分內容為機器翻譯，尚未經過人工審校。",
        "english": "本頁部分內容尚未翻譯，暫以英文顯示。",
    },
}
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
# Elements that hold text and to which sites give a font: the Chinese stack must win there.
_TEXT_HOLDERS = (
    "[lang],body,h1,h2,h3,h4,h5,h6,p,li,dt,dd,th,td,caption,figcaption,blockquote,label,legend,summary,"
    "button,input,select,textarea,option"
)


def text(locale: TargetLocale) -> dict[str, str]:
    """The interface text for a locale, English where l10n has none."""
    key = f"{locale.locale.language}_{locale.script}" if locale.script else locale.locale.language
    return _TEXT.get(key, _TEXT.get(locale.locale.language, _TEXT["en"]))


@dataclass(frozen=True)
class Version:
    """One language version of a page: its folder, locale and path under the output folder."""

    folder: str
    locale: TargetLocale
    path: str
    hreflang: str

    @property
    def label(self) -> str:
        return text(self.locale)["name"]


def href(here: str, target: str, base_url: str | None = None) -> str:
    """A link from page `here` to page `target` (both relative to the output folder)."""
    if base_url:
        return base_url + target
    return posixpath.relpath(target, posixpath.dirname(here) or ".")


def decorate(
    root: etree._Element, here: Version, versions: list[Version], base_url: str | None, notice: str = ""
) -> None:
    """Add alternate and canonical links, the font stack and the switcher (and to a fragment, the
    head a page needs: charset and viewport); `notice` (a skeleton's marker) goes where the
    notices would be."""
    head = root.find("head")
    body = root.find("body")
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
        added = [
            ("link", {"rel": "alternate", "hreflang": v.hreflang, "href": href(here.path, v.path, base_url)})
            for v in versions
        ]
        added.append(
            ("link", {"rel": "alternate", "hreflang": "x-default", "href": href(here.path, versions[0].path, base_url)})
        )
        if base_url:
            added.append(("link", {"rel": "canonical", "href": base_url + here.path}))
        for tag, attrs in added:
            _append(head, tag, {**attrs, "data-l10n": attrs["rel"]})
        style = _append(head, "style", {"data-l10n": "style"})
        style.text = _STYLE + _font_rules(here.locale, versions)
        _open_graph_locales(head, here, versions)
    if body is None:
        return
    if len(versions) > 1:
        nav = switcher(body, here, versions)
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


def notices(locale: TargetLocale) -> list[str]:
    """The notices that open a page (as HTML, a line each), in the order of `NOTICES`: one that
    parts are machine translated, one that parts are shown in English."""
    found = []
    for kind in NOTICES:
        notice = etree.Element(
            "p", {"class": f"l10n-notice l10n-{kind}-notice", "role": "note", "data-l10n": f"{kind}-notice"}
        )
        notice.text = text(locale)[kind]
        found.append(etree.tostring(notice, encoding="unicode", method="html") + "\n")
    return found


def switcher(parent: etree._Element, here: Version, versions: list[Version]) -> etree._Element:
    """A `<nav>` linking to the other language versions of the page."""
    nav = parent.makeelement(
        "nav",
        {
            "class": "l10n-switcher",
            "aria-label": text(here.locale)["switch"],
            "translate": "no",
            "data-l10n": "switcher",
        },
    )
    for v in versions:
        if v is here:
            link = etree.SubElement(nav, "span", {"aria-current": "true", "data-l10n": "switcher"})
        else:
            link = etree.SubElement(
                nav, "a", {"href": href(here.path, v.path), "hreflang": v.hreflang, "data-l10n": "switcher"}
            )
        link.set("lang", v.hreflang)
        link.text = v.label
    nav.tail = "\n"
    return nav


def _font_rules(here: TargetLocale, versions: list[Version]) -> str:
    """The Chinese font stack for text in Chinese (on a Chinese page, or a switcher's label),
    winning over the site's fonts (`body{font:…}`); on a Chinese page, Latin fonts for what is in
    the source language (`versions[0]`'s) and no italics."""
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
            f"\n:lang({lang}) em,:lang({lang}) i{{font-style:normal;font-weight:bold}}"
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

    def as_dict(self) -> dict[str, str | None]:
        return {
            "path": self.path,
            "title": self.title,
            "standfirst": self.standfirst,
            "date": self.date,
            "title_lang": self.title_lang,
            "standfirst_lang": self.standfirst_lang,
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
    )


def text_of(texts: Iterable[str]) -> str:
    """Texts joined, whitespace-normalised (as an index shows a title or standfirst)."""
    return " ".join("".join(texts).split())


def index_page(here: Version, versions: list[Version], listings: list[Listing], date_locale: str) -> bytes:
    """The list of a language's articles, newest first."""
    ui = text(here.locale)
    root = _page(here.locale.html_lang, ui["news"])
    head, body = root.find("head"), root.find("body")
    for v in versions:
        _append(head, "link", {"rel": "alternate", "hreflang": v.hreflang, "href": href(here.path, v.path)})
    style = _append(head, "style", {})
    style.text = (
        _STYLE
        + _font_rules(here.locale, versions)
        + "\nbody{margin:0;font:17px/1.6 system-ui,sans-serif}main{max-width:46em;margin:auto;padding:1em}"
        "\n.articles{list-style:none;padding:0}.articles li{margin:1.5em 0}"
        ".articles h2{margin:0 0 .2em;font-size:1.25em}"
    )
    if len(versions) > 1:
        body.append(switcher(body, here, versions))
    main = etree.SubElement(body, "main")
    etree.SubElement(main, "h1").text = ui["news"]
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


def chooser_page(versions: list[Version]) -> bytes:
    """The site's front door: a language chooser that follows the browser's language when it can."""
    title = " · ".join(text(v.locale)["news"] for v in versions)
    root = _page(versions[0].locale.html_lang, title)
    head, body = root.find("head"), root.find("body")
    targets = {v.hreflang.lower(): v.path for v in versions}
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
    etree.SubElement(main, "h1").text = " · ".join(text(v.locale)["choose"] for v in versions)
    items = etree.SubElement(main, "ul")
    for v in versions:
        etree.SubElement(
            etree.SubElement(items, "li"), "a", {"href": v.path, "hreflang": v.hreflang, "lang": v.hreflang}
        ).text = v.label
    return _serialize(root)


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
