"""A locale's media map (`locales/<locale>/media.toml`), read: the media of the English pages
that the locale's pages show in their own version.

Each line maps an address or asset path of the English pages to the locale's own:

    "https://www.youtube.com/embed/dQw4w9WgXcQ" = "https://player.bilibili.com/player.html?bvid=BV1GJ411x7h7&autoplay=0"
    "assets/infographic.png" = "assets/infographic-zh.png"

A key is an absolute address (matched with or without its scheme: `//host/path` as well) or a
path under the source folder (`assets/logo.svg`, or `/assets/logo.svg` from the site's root); a
target is an absolute address or a path under the source folder. Mistakes name the line.
"""

from __future__ import annotations

import posixpath
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from ..digests import digest
from ..errors import MediaError

_TOML_LINE = re.compile(r"at line ([0-9]+)")


@dataclass(frozen=True)
class MediaEntry:
    """One line of the map: what the English pages have, what the locale's have, and where it is."""

    key: str  # as written
    target: str  # as written
    line: int

    @property
    def address(self) -> bool:
        """Whether the target is an address (else a path under the source folder)."""
        return is_address(self.target)

    @property
    def path(self) -> str:
        """The target as a path under the source folder (for a target that is one)."""
        return as_path(self.target)


@dataclass(frozen=True)
class MediaMap:
    """A locale's media map: entries by normalised key (see `normal_address`, `as_path`)."""

    file: str = ""  # as shown to users
    entries: tuple[MediaEntry, ...] = ()
    _by_key: dict[str, MediaEntry] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for entry in self.entries:
            key = normal_address(entry.key) if is_address(entry.key) else as_path(entry.key)
            self._by_key[key] = entry

    def for_address(self, address: str) -> MediaEntry | None:
        """The entry for an absolute (or scheme-relative) address, if any."""
        if not is_address(address):
            return None
        return self._by_key.get(normal_address(address))

    def for_path(self, path: str) -> MediaEntry | None:
        """The entry for a path under the source folder, if any."""
        return self._by_key.get(as_path(path))

    @property
    def fingerprint(self) -> str:
        return digest(*(f"{e.key}\0{e.target}" for e in self.entries))

    def where(self, entry: MediaEntry) -> str:
        """`locales/zh/media.toml:3`, for messages."""
        return f"{self.file}:{entry.line}"


def is_address(text: str) -> bool:
    """An absolute http(s) address, or a scheme-relative one (`//host/path`)."""
    text = text.strip()
    if text.startswith("//"):
        return True
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)


def normal_address(address: str) -> str:
    """An address without its scheme and with its host in lower case: `//www.youtube.com/embed/x`.

    >>> normal_address("HTTPS://WWW.YouTube.com/embed/x?a=1")
    '//www.youtube.com/embed/x?a=1'
    """
    parts = urlsplit(address.strip())
    return urlunsplit(("", parts.netloc.lower(), parts.path or "/", parts.query, "")).replace("///", "//", 1)


def as_path(text: str) -> str:
    """A path under the source folder, normalised (`/assets/./a.png` → `assets/a.png`)."""
    return posixpath.normpath("/" + text.strip().split("#")[0].split("?")[0]).lstrip("/")


def parse(text: str, path: Path | str) -> MediaMap:
    """A media map from its text; a mistake is a MediaError naming the file and line."""
    shown = str(path)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        found = _TOML_LINE.search(str(e))
        raise MediaError(f"not a media map: {e}", shown, int(found.group(1)) if found else None) from None
    lines = _key_lines(text)
    entries = []
    for key, target in data.items():
        line = lines.get(key, 0)
        if not isinstance(target, str):
            raise MediaError(
                f'{key}: each line maps an address or asset path to one of the locale\'s own ("{key}" = "…"),'
                " not a table or list",
                shown,
                line or None,
            )
        for name, value in (("the English page's", key), ("the locale's own", target)):
            if not value.strip():
                raise MediaError(f"{name} address or asset path is empty", shown, line or None)
            if not is_address(value) and (urlsplit(value).scheme or ".." in as_path(value).split("/")):
                raise MediaError(
                    f"{value}: not an http(s) address or a path under the source folder", shown, line or None
                )
        entries.append(MediaEntry(key, target.strip(), line))
    return MediaMap(shown, tuple(entries))


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key (read a line at a time; keys on lines of their own)."""
    found: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith(("#", "[")) or "=" not in stripped:
            continue
        try:
            data = tomllib.loads(stripped)
        except tomllib.TOMLDecodeError:
            continue
        for key in data:
            found.setdefault(key, number)
    return found
