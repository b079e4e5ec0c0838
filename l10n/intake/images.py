"""The images of a new article: files under its assets, never `data:` addresses.

Readers hand over each image's bytes; its `src` becomes `IMAGE` + its file name until the
article has a name (`page` then writes the address under the article's assets). Images of a
local source (Markdown, an HTML file) are read from beside it; `data:` images are decoded into
files; images at a web address are fetched by the caller (see `webpage`) or left where they are.
"""

from __future__ import annotations

import base64
import binascii
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from .draft import IMAGE

EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/jpg": ".jpg",
    "image/pjpeg": ".jpg",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "image/avif": ".avif",
    "image/svg+xml": ".svg",
    "image/bmp": ".bmp",
    "image/tiff": ".tif",
    "image/x-emf": ".emf",
    "image/x-wmf": ".wmf",
}
# What browsers cannot show: Word's vector drawings (charts, SmartArt), TIFF.
UNSHOWABLE = frozenset({".emf", ".wmf", ".tif", ".tiff"})
_DATA = re.compile(r"^data:([\w.+-]+/[\w.+-]+)?((?:;[^,;]*)*?)(;base64)?,(.*)$", re.I | re.S)
_NAME = re.compile(r"[^a-z0-9._-]+")
_LAZY = ("data-src", "data-lazy-src", "data-original")


class Images:
    """The images of one article: file name → bytes, with what was found wrong."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}
        self.warnings: list[str] = []

    def add(self, data: bytes, extension: str, hint: str = "") -> str:
        """Keep an image; its `src` until the article has a name."""
        stem = _NAME.sub("-", posixpath.splitext(posixpath.basename(hint))[0].lower()).strip("-.") if hint else ""
        stem = stem[:60] or "image"
        name = f"{stem}{extension}"
        number = 1
        while name in self.files and self.files[name] != data:
            number += 1
            name = f"{stem}-{number}{extension}"
        self.files[name] = data
        if extension in UNSHOWABLE:
            self.warnings.append(
                f"image {name} is a {extension[1:].upper()} file, which browsers cannot show: save it as PNG or JPEG"
            )
        return IMAGE + name


def extension(content_type: str | None, address: str = "") -> str:
    """An image's file extension, from its media type or else its address (`.img` if neither says)."""
    found = EXTENSIONS.get((content_type or "").split(";")[0].strip().lower())
    if found:
        return found
    suffix = posixpath.splitext(urlsplit(address).path)[1].lower()
    return ".jpg" if suffix == ".jpeg" else suffix if suffix in EXTENSIONS.values() else ".img"


def decode_data(address: str) -> tuple[bytes, str] | None:
    """A `data:` address's bytes and media type (None when it is not one that can be read)."""
    match = _DATA.match(address.strip())
    if not match:
        return None
    kind, _, b64, payload = match.groups()
    try:
        data = base64.b64decode(payload, validate=False) if b64 else unquote(payload).encode("latin-1", "replace")
    except (binascii.Error, ValueError):
        return None
    return data, kind or "text/plain"


def take_local(body: etree._Element, folder: Path, images: Images, shown: str) -> None:
    """Images beside a local source (`folder`), and `data:` images, into `images`; images at a web
    address stay where they are; one that cannot be read is left as written, with a warning."""
    for img in body.iter("img"):
        src = (img.get("src") or "").strip()
        if not src or src.startswith(IMAGE):
            continue
        if src.lower().startswith("data:"):
            decoded = decode_data(src)
            if decoded is None:
                images.warnings.append(f"{shown}: an image's data: address cannot be read; left out")
                img.getparent().remove(img)
                continue
            img.set("src", images.add(decoded[0], extension(decoded[1])))
            continue
        parts = urlsplit(src)
        if parts.scheme or src.startswith("//"):
            continue
        path = folder / unquote(parts.path)
        try:
            data = path.read_bytes()
        except OSError as e:
            images.warnings.append(f"{shown}: image {src}: {e.strerror}; left as written")
            continue
        img.set("src", images.add(data, extension(None, parts.path), parts.path))
        for name in ("srcset", "sizes"):
            img.attrib.pop(name, None)


def take_remote(
    body: etree._Element, address: str, images: Images, fetch: Callable[[str], tuple[bytes, str | None]]
) -> None:
    """Images of a page at `address` fetched into `images` (`fetch` gives an address's bytes and
    media type, or raises OSError); one that cannot be fetched stays linked at its address, with
    a warning. `<picture>` sources and `srcset` go: the fetched `src` serves every screen. Video
    posters are fetched too; videos and other media stay at their address."""
    for source in list(body.iter("source")):
        if source.getparent() is not None and source.getparent().tag == "picture":
            source.getparent().remove(source)
    for img in body.iter("img"):
        src = next((img.get(n) for n in (*_LAZY, "src") if (img.get(n) or "").strip()), None)
        if src is None and img.get("srcset"):
            src = img.get("srcset").split(",")[-1].split()[0]
        if not src:
            continue
        for name in ("srcset", "sizes", *_LAZY, "loading", "decoding"):
            img.attrib.pop(name, None)
        if src.strip().lower().startswith("data:"):
            decoded = decode_data(src)
            if decoded is not None:
                img.set("src", images.add(decoded[0], extension(decoded[1])))
            continue
        target = urljoin(address, src.strip())
        try:
            data, kind = fetch(target)
        except OSError as e:
            images.warnings.append(f"image {target}: {e}; linked at its address")
            img.set("src", target)
            continue
        img.set("src", images.add(data, extension(kind, target), urlsplit(target).path))
    for video in body.iter("video"):
        poster = (video.get("poster") or "").strip()
        if poster and not poster.lower().startswith("data:"):
            target = urljoin(address, poster)
            try:
                data, kind = fetch(target)
            except OSError as e:
                images.warnings.append(f"image {target}: {e}; linked at its address")
                continue
            video.set("poster", images.add(data, extension(kind, target), urlsplit(target).path))
