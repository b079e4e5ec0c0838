"""Which files of the source folder a build publishes beside the pages: nothing by accident.

A file that is not a page is published when a published page uses it, or when it matches one of
the project's `assets` patterns. A page uses what its HTML loads or links to (`src`, `href`,
`srcset`, `poster`, `data` and lazy-loading `data-src`-style attributes, `og:image`, CSS in
`style` attributes and `<style>`), resolved as the build resolves links (`links`), and what
those stylesheets load in turn (`url()`, `@import`), however deep. Office documents, text,
catalogs, exchange files and editors' leftovers are never published unless a pattern names them,
even when a page links to them: a draft release dropped into the folder stays a draft.

Patterns are globs of paths under the source folder: `*` and `?` stay inside a folder, `**`
crosses folders, `[…]` is a class, a pattern ending in `/` means all under that folder, and one
without `/` matches a file name in any folder (as in `.gitignore`).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable
from functools import cache, lru_cache
from urllib.parse import quote, urljoin, urlsplit

from lxml import etree

from .links import UNKNOWN_SITE, in_site

# Files that are never published unless a pattern names them: Office documents, text, gettext
# catalogs, CAT exchange files, editors' backups.
NEVER = frozenset(
    {
        *(".doc", ".docx", ".docm", ".dot", ".dotx", ".dotm", ".odt", ".ott", ".rtf", ".pages", ".wpd"),
        *(".xls", ".xlsx", ".xlsm", ".ods", ".numbers", ".ppt", ".pptx", ".pptm", ".odp", ".key", ".pub"),
        *(".msg", ".eml"),
        *(".txt", ".text", ".md", ".markdown", ".rst", ".log"),
        *(".po", ".pot", ".mo"),
        *(".xlf", ".xliff", ".sdlxliff", ".mqxliff", ".tmx", ".tbx"),
        *(".bak", ".tmp", ".swp"),
    }
)
# Attributes holding one address, and those holding a list of them (`srcset`).
_ADDRESS = frozenset(
    {"href", "src", "poster", "data", "background", "xlink:href", "data-src", "data-lazy-src", "data-original"}
    | {"data-bg", "data-background", "data-background-image", "data-poster", "data-href", "data-image"}
)
_ADDRESSES = frozenset({"srcset", "imagesrcset", "data-srcset", "data-lazy-srcset"})
_METAS = frozenset({"og:image", "og:image:url", "og:image:secure_url", "og:video", "og:audio", "twitter:image"})
_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')""", re.I)
_SPACE = " \t\n\r\f"


def never(path: str) -> bool:
    """Whether a file is of a kind never published unless a pattern names it."""
    name = posixpath.basename(path).lower()
    return name.startswith("~$") or name.endswith("~") or posixpath.splitext(name)[1] in NEVER


def page_references(root: etree._Element) -> list[str]:
    """Every address a page loads or links to, as written (stylesheets' inside `<style>` and
    `style` attributes too)."""
    found: list[str] = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "style":
            found += css_references(el.text or "")
        elif el.tag == "meta" and (el.get("property") or el.get("name") or "").lower() in _METAS:
            found.append(el.get("content") or "")
        for name, value in el.attrib.items():
            name = name.lower()
            if name in _ADDRESS:
                found.append(value)
            elif name in _ADDRESSES:
                found += [candidate.split()[0] for candidate in value.split(",") if candidate.split()]
            elif name == "style":
                found += css_references(value)
    return [value.strip(_SPACE) for value in found if value.strip(_SPACE)]


def css_references(text: str) -> list[str]:
    """The addresses a stylesheet loads: `url()` and `@import`."""
    return [next(g for g in m.groups() if g is not None) for m in _CSS_URL.finditer(_COMMENT.sub("", text))]


def page_address(root: etree._Element, source_url: str | None, path: str) -> str:
    """The address links of the page at `path` (under the source folder) are read from: the
    page's on the original site, or its `<base href>`."""
    address = urljoin(source_url or UNKNOWN_SITE, quote(path))
    for base in root.iter("base"):
        if base.get("href"):
            try:
                return urljoin(address, base.get("href").strip(_SPACE))
            except ValueError:
                return address
    return address


def uses(references: Iterable[str], address: str, source_url: str | None) -> list[str]:
    """The paths under the source folder that `references`, read at `address`, lead to."""
    folder = address.rsplit("/", 1)[0] + "/"  # what a reference is read from (but `?query`: the page)
    found = {
        path
        for reference in references
        if not reference.startswith(("#", "?"))
        and (path := _resolved(folder, reference, source_url or UNKNOWN_SITE)) is not None
    }
    return sorted(found)


@lru_cache(maxsize=4096)
def _resolved(folder: str, reference: str, site: str) -> str | None:
    """The path under `site` a reference read in `folder` leads to (None: elsewhere, or nothing)."""
    try:
        return in_site(urlsplit(urljoin(folder, reference)), urlsplit(site)) or None
    except ValueError:  # not an address (`http://[menu]`)
        return None


def publishable(files: Iterable[str], patterns: tuple[str, ...]) -> list[str]:
    """The files a page may lead to as published ones: all but kinds never published that no
    pattern names (a page that uses a file publishes it)."""
    matchers = [_matcher(pattern) for pattern in patterns]
    return [path for path in files if not never(path) or any(m(path) for m in matchers)]


def select(
    files: Iterable[str],
    used: Iterable[str],
    patterns: tuple[str, ...],
    source_url: str | None,
    stylesheet: Callable[[str], str | None],
) -> tuple[list[str], list[str]]:
    """The files to publish and those left out, each in path order: those the pages use (`used`,
    paths under the source folder) and what their stylesheets load (`stylesheet` gives a file's
    text, None when unreadable), but for kinds never published; and those matching `patterns`."""
    files = list(files)
    present = set(files)
    chosen: set[str] = set()
    pending = [path for path in used if path in present and not never(path)]
    while pending:
        path = pending.pop()
        if path in chosen:
            continue
        chosen.add(path)
        if path.lower().endswith(".css") and (text := stylesheet(path)) is not None:
            address = urljoin(source_url or UNKNOWN_SITE, quote(path))
            pending += [p for p in uses(css_references(text), address, source_url) if p in present and not never(p)]
    matchers = [_matcher(pattern) for pattern in patterns]
    chosen |= {path for path in files if any(m(path) for m in matchers)}
    return [p for p in files if p in chosen], [p for p in files if p not in chosen]


@cache
def _matcher(pattern: str) -> Callable[[str], re.Match[str] | None]:
    """A glob of paths as a regular expression's fullmatch (see the module's doc)."""
    glob = pattern.strip()
    glob = glob[2:] if glob.startswith("./") else glob
    if glob.endswith("/"):
        glob += "**"
    anywhere = "/" not in glob
    out = []
    i = 0
    while i < len(glob):
        c = glob[i]
        if glob.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if glob.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and (end := glob.find("]", i + 2)) != -1:
            body = glob[i + 1 : end]
            negate = body.startswith(("!", "^"))
            body = body[1:] if negate else body
            out.append(f"[{'^' if negate else ''}{re.escape(body).replace(chr(92) + '-', '-')}]")
            i = end + 1
            continue
        else:
            out.append(re.escape(c))
        i += 1
    regex = ("(?:.*/)?" if anywhere else "") + "".join(out)
    return re.compile(regex, re.S).fullmatch
