"""Links in the published pages: they must work on the partner site, served from anywhere.

A link to a page or file that the build publishes in the page's language folder points to it,
relative; any other link into the original site (root-relative, or relative to the article)
becomes an absolute link to it when its address (`source_url`) is known. Fragment links and
absolute links stay as they are.
"""

from __future__ import annotations

import posixpath
import re
from contextlib import suppress
from dataclasses import dataclass, field
from urllib.parse import SplitResult, quote, unquote, urljoin, urlsplit

from lxml import etree

from ..digests import digest

# Attributes that hold one address, and those that hold a list of them (`srcset`).
_URL_ATTRIBUTES = ("href", "src", "poster", "action", "formaction", "cite", "data", "background", "longdesc")
_SRCSET_ATTRIBUTES = ("srcset", "imagesrcset")
# A candidate of a srcset: space and commas before it, its address, then commas ending it or its descriptors.
_CANDIDATE = re.compile(r"([\s,]*)(\S+?)(?:(,+)(?=\s|$)|(?=\s|$)([^,]*))")
_SPACE = " \t\n\r\f"
# Stands for the original site's address when it is not known: links inside it are still found.
UNKNOWN_SITE = "http://source.invalid/"


@dataclass(frozen=True)
class Site:
    """What a build publishes: the articles of each language folder (by their paths in the source
    folder), the files published beside them in every folder, and the original site's address."""

    articles: dict[str, frozenset[str]]
    assets: frozenset[str]
    source_url: str | None

    def target(self, folder: str, path: str) -> str | None:
        """Where the page or file at `path` of the original site (relative to its address) is
        published in `folder`: its path in the output folder, or None."""
        if not path or path.endswith("/"):
            candidates = [path + "index.html", path + "index.htm"]
        else:
            candidates = [path, path + ".html", path + ".htm", path + "/index.html", path + "/index.htm"]
        articles = self.articles.get(folder, frozenset())
        for candidate in candidates:
            if candidate in articles:
                return f"{folder}/{posixpath.splitext(candidate)[0]}.html"
            if candidate in self.assets:
                return f"{folder}/{candidate}"
        return None

    def fingerprint(self, folder: str) -> str:
        """A digest of all that decides where the links of a page in `folder` lead."""
        return digest(folder, self.source_url or "", *sorted(self.articles.get(folder, ())), "", *sorted(self.assets))

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
    it is published (None: nowhere), and how many root-relative links were left as they were."""

    targets: dict[str, str | None] = field(default_factory=dict)
    root_relative: int = 0

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


def rewrite_links(root: etree._Element, site: Site, folder: str, article: str, here: str) -> Rewritten:
    """Rewrite the links of the page of `article` (its path in the source folder) published at
    `here` (its path in the output folder, under `folder`)."""
    found = Rewritten()
    base = site.source_url or UNKNOWN_SITE
    page_url = urljoin(base, quote(article))
    same_page: tuple[str, ...] = ("#", "?")  # links that lead to the page itself (while no <base> says otherwise)
    for element in root.iter("base"):
        if element.get("href"):  # links are resolved from it, and their new forms from the page
            with suppress(ValueError):  # an address Python cannot read: links resolve from the page
                page_url = urljoin(page_url, element.get("href").strip(_SPACE))
            element.set("href", posixpath.basename(here))
            same_page = ("#",)
            break
    home = urlsplit(base)

    def rewrite(value: str) -> str:
        try:
            return rewrite_link(value)
        except ValueError:  # not an address (`http://[menu]`): left as the page has it
            return value

    def rewrite_link(value: str) -> str:
        link = value.strip(_SPACE)
        if not link or link.startswith((*same_page, "//")) or urlsplit(link).scheme:
            return value
        address = urljoin(page_url, link)
        parts = urlsplit(address)
        if (path := in_site(parts, home)) is not None:
            if path not in found.targets:
                found.targets[path] = site.target(folder, path)
            target = found.targets[path]
            if target is not None:
                relative = quote(posixpath.relpath(target, posixpath.dirname(here) or "."))
                return (
                    relative
                    + (f"?{parts.query}" if parts.query else "")
                    + (f"#{parts.fragment}" if parts.fragment else "")
                )
        if site.source_url:
            return address
        found.root_relative += link.startswith("/")
        return value

    for element in root.iter():
        if not isinstance(element.tag, str) or element.tag == "base":
            continue
        for name in _URL_ATTRIBUTES:
            value = element.get(name)
            if value is not None and (new := rewrite(value)) != value:
                element.set(name, new)
        for name in _SRCSET_ATTRIBUTES:
            value = element.get(name)
            if value is not None:
                new = _CANDIDATE.sub(
                    lambda m: m.group(1) + rewrite(m.group(2)) + (m.group(3) or m.group(4) or ""), value
                )
                if new != value:
                    element.set(name, new)
    return found
