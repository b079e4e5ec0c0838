"""The text the build adds to pages itself: notices, the switcher's and chooser's labels, index
titles, placeholders for embeds readers cannot reach, the marker after links to English pages.

Translators own it: `l10n update` puts every message in the site template (`_site.pot`, context
`l10n`, with a comment saying where it shows), and the build takes a message's reviewed
translation from the locale's `_site.po`. Without one, a page shows l10n's own wording for its
language (the Chinese below), else the English. Placeholders of the house's form (`<site1/>`)
stand for what the build fills in: a translation that loses one, or adds another, is not used.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree

from ..catalogs.catalog import Key
from ..errors import PlaceholderError
from ..locales import TargetLocale
from ..segment.placeholders import EMPTY, scan, unescape_literals

CONTEXT = "l10n"
_TOKEN = re.compile(r"<([a-z]+[0-9]+)/>")


@dataclass(frozen=True)
class Message:
    """One text of the build's own: its English (the msgid), where it shows (the comment), and
    l10n's wording for languages it knows (by `language_Script`: `zh_Hans`, `zh_Hant`)."""

    msgid: str
    comment: str
    wording: Mapping[str, str] = field(default_factory=dict)

    @property
    def key(self) -> Key:
        return (CONTEXT, self.msgid)

    def default(self, locale: TargetLocale | None) -> str | None:
        """l10n's wording for the locale, or None when it has none (the English is shown)."""
        if locale is None:
            return None
        return self.wording.get(f"{locale.locale.language}_{locale.script}") or self.wording.get(locale.locale.language)


LANGUAGE = Message(
    "Language",
    "The name of the language switcher at the top of every page (read out by screen readers).",
    {"zh_Hans": "语言", "zh_Hant": "語言"},
)
CHOOSE = Message(
    "Choose your language",
    "The heading of the language chooser (the site's front page, index.html), in each language.",
    {"zh_Hans": "选择语言", "zh_Hant": "選擇語言"},
)
NEWS = Message(
    "News",
    "The heading of the list of articles (each language's index.html); its title is this and the "
    "site's name: 新闻 | <site name>.",
    {"zh_Hans": "新闻", "zh_Hant": "新聞"},
)
MACHINE = Message(
    "Parts of this page are machine translated and not yet reviewed.",
    "The notice at the top of a page that shows machine translations (built with --include-fuzzy).",
    {"zh_Hans": "本页部分内容为机器翻译，尚未经过人工审校。", "zh_Hant": "本頁部分內容為機器翻譯，尚未經過人工審校。"},
)
ENGLISH = Message(
    "Parts of this page are not yet translated and are shown in English.",
    "The notice at the top of a page that shows some English.",
    {"zh_Hans": "本页部分内容尚未翻译，暂以英文显示。", "zh_Hant": "本頁部分內容尚未翻譯，暫以英文顯示。"},
)
LINK_MARKER = Message(
    "(in English)",
    "After a link to a page in English only: the council's own pages, and articles not yet "
    "published in this language (setting link_markers = false shows none).",
    {"zh_Hans": "（英文）", "zh_Hant": "（英文）"},
)
VIDEO = Message(
    "Video", "The title of a placeholder for a video that has none of its own.", {"zh_Hans": "视频", "zh_Hant": "影片"}
)
MAP = Message(
    "Map", "The title of a placeholder for a map that has none of its own.", {"zh_Hans": "地图", "zh_Hant": "地圖"}
)
EMBED = Message(
    "Embedded content",
    "The title of a placeholder for embedded content (a post, a document, audio) that has none of its own.",
    {"zh_Hans": "嵌入内容", "zh_Hant": "嵌入內容"},
)
_SITE = "<site1/> is the name of the site it is on (YouTube)."
VIDEO_NOTE = Message(
    "This video is on <site1/>, which may not open in mainland China.",
    "In place of a video embedded from a site readers in mainland China cannot reach. " + _SITE,
    {
        "zh_Hans": "此视频托管于 <site1/>，在中国大陆可能无法播放。",
        "zh_Hant": "此影片託管於 <site1/>，在中國大陸可能無法播放。",
    },
)
MAP_NOTE = Message(
    "This map is on <site1/>, which may not open in mainland China.",
    "In place of a map embedded from a site readers in mainland China cannot reach. " + _SITE,
    {
        "zh_Hans": "此地图托管于 <site1/>，在中国大陆可能无法打开。",
        "zh_Hant": "此地圖託管於 <site1/>，在中國大陸可能無法開啟。",
    },
)
EMBED_NOTE = Message(
    "This content is on <site1/>, which may not open in mainland China.",
    "In place of content embedded from a site readers in mainland China cannot reach. " + _SITE,
    {
        "zh_Hans": "此内容托管于 <site1/>，在中国大陆可能无法打开。",
        "zh_Hant": "此內容託管於 <site1/>，在中國大陸可能無法開啟。",
    },
)
WATCH = Message(
    "Watch it on <site1/>",
    "The link from a video's placeholder to the video where it is. " + _SITE,
    {"zh_Hans": "前往 <site1/> 观看", "zh_Hant": "前往 <site1/> 觀看"},
)
OPEN = Message(
    "Open it on <site1/>",
    "The link from a placeholder to the map or content where it is. " + _SITE,
    {"zh_Hans": "前往 <site1/> 查看", "zh_Hant": "前往 <site1/> 檢視"},
)
MESSAGES = (
    LANGUAGE,
    CHOOSE,
    NEWS,
    MACHINE,
    ENGLISH,
    LINK_MARKER,
    VIDEO,
    MAP,
    EMBED,
    VIDEO_NOTE,
    MAP_NOTE,
    EMBED_NOTE,
    WATCH,
    OPEN,
)
BY_KEY = {message.key: message for message in MESSAGES}
SITE_NAME_COMMENT = "The site's name: shown with the title of the list of articles (News | <site name>)."


def fill_text(msgid: str, translation: str | None, values: Mapping[str, str] | None = None) -> str:
    """A message as text: its translation (untrusted: its placeholders must be the msgid's own,
    each once; else PlaceholderError), or its English, with each placeholder's value.

    >>> fill_text("Watch it on <site1/>", "前往 <site1/> 观看", {"site1": "YouTube"})
    '前往 YouTube 观看'
    """
    text = msgid if translation is None else translation
    values = values or {}
    out = []
    for piece in scan(text, {name: False for name in _TOKEN.findall(msgid)}):
        if isinstance(piece, str):
            out.append(unescape_literals(piece))
        elif piece.kind == EMPTY:
            out.append(values.get(piece.name, ""))
    return "".join(out)


@dataclass
class Texts:
    """The build's own texts for one page language: reviewed translations from its site catalog
    (`found`, by key), else l10n's wording, else the English (then `lang` says so)."""

    locale: TargetLocale | None  # None: the source language
    found: Mapping[Key, str] = field(default_factory=dict)
    source_language: str = "en"
    where: str = "_site.po"  # the catalog, for warnings
    warnings: list[str] = field(default_factory=list)

    def get(self, message: Message, values: Mapping[str, str] | None = None) -> tuple[str, str | None]:
        """The text, and the source language when it is the English on a page in another language."""
        translation = self.found.get(message.key)
        if translation is not None:
            try:
                return fill_text(message.msgid, translation, values), None
            except PlaceholderError as e:
                self.warnings.append(f"{self.where}: {message.msgid!r}: {e}; l10n's own wording shown")
        default = message.default(self.locale)
        if default is not None or self.locale is None:
            return fill_text(message.msgid, default, values), None
        return fill_text(message.msgid, None, values), self.source_language

    def text(self, message: Message, values: Mapping[str, str] | None = None) -> str:
        return self.get(message, values)[0]

    def site_name(self, name: str | None) -> tuple[str, str | None]:
        """The site's name (its English, `name`) in the page's language, and the source language
        when it stays English; ("", None) without a name."""
        if not name:
            return "", None
        translated = self.found.get((None, name))
        if translated:
            return translated, None
        return name, self.source_language if self.locale is not None else None


def site_name(root: etree._Element) -> tuple[str, int] | None:
    """The site's name a page gives, and its line: its `og:site_name`, else what its `<title>`
    says after its last ` | ` (`China visit boosts business links | Leicestershire County Council`).

    >>> import lxml.html
    >>> site_name(lxml.html.fromstring("<html><head><title>A | B | Council</title></head></html>"))
    ('Council', 1)
    """
    for meta in root.iter("meta"):
        if meta.get("property") == "og:site_name" and (meta.get("content") or "").strip():
            return " ".join(meta.get("content").split()), meta.sourceline or 0
    title = root.find("head/title")
    if title is not None and title.text and " | " in title.text:
        name = " ".join(title.text.rsplit(" | ", 1)[1].split())
        if name:
            return name, title.sourceline or 0
    return None
