"""Links in the published pages: they must work on the partner site, served from anywhere.

A link to a page or file that the build publishes in the page's language folder points to it,
relative; any other link into the original site (root-relative, or relative to the article)
becomes an absolute link to it when its address (`source_url`) is known. Fragment links and
absolute links stay as they are. A page's `<base href>` stays as it is: links the build writes
resolve from it (when it leads elsewhere, they are absolute, with `base_url`).

On a page in another language than the source's: the locale's media (its media map's, and an
asset's variant `name.<locale>.ext` beside it) take the place of the English page's; and a link
to a page not published in the page's language (the original site's, an article below the
threshold, a document without a variant) says so, with `hreflang` and a marker.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from contextlib import suppress
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit

from lxml import etree

from ..digests import digest
from ..formats.media import MediaEntry, MediaMap

# Attributes that hold one address, and those that hold a list of them (`srcset`).
_URL_ATTRIBUTES = ("href", "src", "poster", "action", "formaction", "cite", "data", "background", "longdesc")
_SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
# A candidate of a srcset: space and commas before it, its address, then commas ending it or its descriptors.
_CANDIDATE = re.compile(r"([\s,]*)(\S+?)(?:(,+)(?=\s|$)|(?=\s|$)([^,]*))")
_SPACE = " \t\n\r\f"
# Stands for the original site's address when it is not known: links inside it are still found.
UNKNOWN_SITE = "http://source.invalid/"
# Files that are documents in a language (a link to one published as it is leads to English).
_DOCUMENTS = frozenset(
    {".pdf", ".doc", ".docx", ".odt", ".rtf", ".txt", ".xls", ".xlsx", ".ods", ".ppt", ".pptx", ".odp", ".epub"}
)
# Addresses of media files (a video's or audio's own source), not of players.
_MEDIA_FILE = re.compile(r"\.(?:mp4|m4v|webm|ogv|ogg|mov|mp3|m4a|aac|oga|opus|wav|flac|m3u8|mpd)$", re.I)
# Attributes of a video or audio that a player frame in its place has no use for.
_PLAYER_ONLY = ("src", "controls", "preload", "poster", "autoplay", "muted", "loop", "playsinline", "crossorigin")


@dataclass(frozen=True)
class Site:
    """What a build publishes: the articles of each language folder (by their paths in the source
    folder), the files published beside them in every folder, and the original site's address."""

    articles: dict[str, frozenset[str]]
    assets: frozenset[str]
    source_url: str | None
    media: Mapping[str, MediaMap] = field(default_factory=dict)  # by language folder: those of target locales
    base_url: str | None = None

    def target(self, folder: str, path: str) -> str | None:
        """Where the page or file at `path` of the original site (relative to its address) is
        published in `folder`: its path in the output folder (a file's variant for the folder's
        locale, when there is one), or None."""
        if not path or path.endswith("/"):
            candidates = [path + "index.html", path + "index.htm"]
        else:
            candidates = [path, path + ".html", path + ".htm", path + "/index.html", path + "/index.htm"]
        articles = self.articles.get(folder, frozenset())
        for candidate in candidates:
            if candidate in articles:
                return f"{folder}/{posixpath.splitext(candidate)[0]}.html"
            if candidate in self.assets:
                return f"{folder}/{self.variant(folder, candidate) or candidate}"
        return None

    def variant(self, folder: str, asset: str) -> str | None:
        """The variant of an asset for a target locale's folder (`assets/logo.zh.svg` for
        `assets/logo.svg` in `zh`), if the source folder has one."""
        if folder not in self.media:
            return None
        stem, suffix = posixpath.splitext(asset)
        found = f"{stem}.{folder}{suffix}"
        return found if found in self.assets else None

    def folders(self, asset: str, folders: list[str]) -> list[str]:
        """The folders an asset is published in: a variant (`logo.zh.svg` beside `logo.svg`) in
        its locale's only, any other file in all."""
        stem, suffix = posixpath.splitext(asset)
        base, dot, code = stem.rpartition(".")
        if dot and code in self.media and f"{base}{suffix}" in self.assets:
            return [folder for folder in folders if folder == code]
        return folders

    def fingerprint(self, folder: str) -> str:
        """A digest of all that decides where the links of a page in `folder` lead."""
        media = self.media.get(folder)
        return digest(
            folder,
            self.source_url or "",
            self.base_url or "",
            media.fingerprint if media is not None else "",
            str(folder in self.media),
            *sorted(self.articles.get(folder, ())),
            "",
            *sorted(self.assets),
        )

    def leads_as_recorded(self, folder: str, record: dict[str, str]) -> bool:
        """True when the links of a page in `folder` lead where they did when it was written
        (`record`: `Rewritten.record()` of its links)."""
        paths = record["links"].split("\n") if record["links"] else []
        return _targets_digest({path: self.target(folder, path) for path in paths}) == record["targets"]


def _targets_digest(targets: dict[str, str | None]) -> str:
    return digest(*(f"{path}\0{target or ''}" for path, target in sorted(targets.items())))


@dataclass
class Rewritten:
    """What rewriting a page's links found: each path of the original site looked up, with where
    it is published (None: nowhere), how many root-relative links were left as they were, where
    the links the build adds resolve from (see `surround.decorate`), what the locale's media took
    the place of (with its `file` under the source folder, when it is one), links marked as
    leading to the source language, and elements that are players now (a video whose media is a
    player's address)."""

    targets: dict[str, str | None] = field(default_factory=dict)
    root_relative: int = 0
    link_from: str | None = ""
    media: list[dict[str, str | int]] = field(default_factory=list)
    marked: int = 0
    players: list[etree._Element] = field(default_factory=list)

    def record(self) -> dict[str, str]:
        """The paths looked up, one per line, and a digest of where they led: compact, for the
        build's record of a page."""
        return {"links": "\n".join(sorted(self.targets)), "targets": _targets_digest(self.targets)}


def in_site(parts: SplitResult, home: SplitResult) -> str | None:
    """The path under the original site (`home`, its address) of an absolute address, or None
    when the address is elsewhere."""
    if (parts.scheme, parts.netloc) == (home.scheme, home.netloc) and parts.path.startswith(home.path):
        return unquote(parts.path[len(home.path) :])
    return None


def rewrite_links(
    root: etree._Element,
    site: Site,
    folder: str,
    article: str,
    here: str,
    mark: str | None = None,
    visible: bool = True,
) -> Rewritten:
    """Rewrite the links of the page of `article` (its path in the source folder) published at
    `here` (its path in the output folder, under `folder`). With `mark` (the source language), a
    link to a page not published in the folder's language gets `hreflang` (and, `visible`, the
    attribute `data-l10n-marker` a style shows a marker for)."""
    found = Rewritten()
    base = site.source_url or UNKNOWN_SITE
    page_url = urljoin(base, quote(article))
    same_page: tuple[str, ...] = ("#", "?")  # links that lead to the page itself (while no <base> says otherwise)
    media = site.media.get(folder)
    media = media if media is not None and media.entries else None
    for element in root.iter("base"):
        given = (element.get("href") or "").strip(_SPACE)
        if given:  # it stays: links are resolved from it, and the ones the build writes are made for it
            with suppress(ValueError):  # an address Python cannot read: links resolve from the page
                page_url = urljoin(page_url, given)
            found.link_from = _base_in_output(here, given)
            same_page = ("#",)
            break
    home = urlsplit(base)

    def published(target: str) -> str | None:
        """A link to a path under the output folder, as the page resolves links; None: none can."""
        if found.link_from is None:
            return site.base_url + quote(target) if site.base_url else None
        return quote(posixpath.relpath(target, posixpath.dirname(found.link_from or here) or "."))

    def rewrite(value: str, element: etree._Element, name: str) -> str:
        try:
            new, english = rewrite_link(value, element)
        except ValueError:  # not an address (`http://[menu]`): left as the page has it
            return value
        if english and mark and element.tag == "a" and name == "href" and element.get("hreflang") is None:
            element.set("hreflang", mark)
            found.marked += 1
            if visible and "".join(element.itertext()).strip(_SPACE):
                element.set("data-l10n-marker", "")
        return new

    def swap(value: str, element: etree._Element, entry: MediaEntry) -> str:
        """The locale's own in place of `value`, as its map says (`media`)."""
        assert media is not None
        target = entry.target if entry.address else published(f"{folder}/{entry.path}")
        found.media.append(
            {
                "address": value.strip(_SPACE),
                "by": entry.target,
                "where": media.where(entry),
                "line": element.sourceline or 0,
                **({} if entry.address else {"file": entry.path}),
            }
        )
        if target is None:
            return value
        player = element.getparent() if element.tag == "source" else element
        if entry.address and player is not None and player.tag in ("video", "audio"):
            if not _MEDIA_FILE.search(urlsplit(target).path):
                _as_player(player, target)
                found.players.append(player)
        return target

    def rewrite_link(value: str, element: etree._Element) -> tuple[str, bool]:
        """The new address, and whether it leads to a page in the source language only."""
        link = value.strip(_SPACE)
        if not link or link.startswith(same_page):
            return value, False
        absolute = link.startswith("//") or bool(urlsplit(link).scheme)
        if absolute:  # left as it is, but for the locale's media, and said to be English if the original site's
            if media is not None and (entry := media.for_address(link)) is not None:
                return swap(value, element, entry), False
            if not site.source_url or (media is None and not (mark and element.tag == "a")):
                return value, False
        address = urljoin(page_url, link)
        parts = urlsplit(address)
        if (path := in_site(parts, home)) is None:
            if absolute:
                return value, False
            if site.source_url:
                return address, False
            found.root_relative += link.startswith("/")
            return value, False
        if media is not None and (entry := media.for_path(path)) is not None:
            return swap(value, element, entry), False
        if absolute:
            return value, True  # the original site's page, written in full: left as it is, in English
        if path not in found.targets:
            found.targets[path] = site.target(folder, path)
        target = found.targets[path]
        if target is not None and (new := published(target)) is not None:
            variant = site.variant(folder, path)
            if variant is not None:
                found.media.append(
                    {
                        "address": link,
                        "by": variant,
                        "where": "variant",
                        "line": element.sourceline or 0,
                        "file": variant,
                    }
                )
            document = posixpath.splitext(target)[1].lower() in _DOCUMENTS and variant is None
            query = (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")
            return new + query, document
        if site.source_url:
            return address, True
        found.root_relative += link.startswith("/")
        return value, False

    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag == "base":
            continue
        for name in _URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None and (new := rewrite(value, element, name)) != value:
                element.set(name, new)
        for name in _SRCSET_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                new = _CANDIDATE.sub(partial(_candidate, rewrite, element, name), value)
                if new != value:
                    element.set(name, new)
    return found


def _candidate(
    rewrite: Callable[[str, etree._Element, str], str], element: etree._Element, name: str, match: re.Match[str]
) -> str:
    """A srcset candidate (a `_CANDIDATE` match) with its address rewritten."""
    return match.group(1) + rewrite(match.group(2), element, name) + (match.group(3) or match.group(4) or "")


def _base_in_output(here: str, base: str) -> str | None:
    """Where a `<base href>` leads in the output folder (a path relative links resolve from), or
    None when it leads out of it (an address, or a path from the server's root)."""
    try:
        parts = urlsplit(base)
    except ValueError:
        return None
    if parts.scheme or parts.netloc or base.startswith("/"):
        return None
    resolved = urlsplit(urljoin("http://output.invalid/" + quote(here), base)).path
    return unquote(resolved).lstrip("/")


def _as_player(media: etree._Element, address: str) -> None:
    """Make a video or audio element a frame of the player at `address` (its size and title kept)."""
    for child in list(media):
        media.remove(child)
    media.text = None
    for name in _PLAYER_ONLY:
        media.attrib.pop(name, None)
    media.tag = "iframe"
    media.set("src", address)
    media.set("allowfullscreen", "")
    width = media.get("width") or ""
    if width.isdigit() and media.get("height") is None:
        media.set("height", str(int(width) * 9 // 16))
