"""What a page loads from hosts its readers cannot reach, and what a build for them does with each.

A page for readers in mainland China must not wait on a blocked host: a stylesheet from
fonts.googleapis.com holds the whole page blank until it times out, a script from a tag manager
holds its `load`, an embedded YouTube player is an empty box. For each element that loads from a
listed host this says what becomes of it:

* `dropped`: stylesheets, fonts, preconnects, scripts, and snippets: inline scripts of a few
  lines that load a script or stylesheet from a listed host of analytics, tag managers, ads,
  script or CDN services (Google Tag Manager's, Analytics', the Facebook pixel's, the WebFont
  loader's); `@import` rules of inline styles, images and sources of pictures; hidden tracking
  frames (analytics, tag managers, ads). A longer inline script is the page's own and stays:
  what it loads from a listed host fails on its own, without holding the page (a script it
  adds is not render-blocking);
* `placeholder`: embeds (iframe, embed, object, video, audio) of other kinds, which a build
  replaces with a note in the page's language that links to the original;
* `attribute`: a `srcset` or `poster` that names a listed host, dropped from an element kept.

Only what loads is looked at: a link (`<a href>`) to a listed host is no resource.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urlsplit

from lxml import etree

from .hosts import HostEntry, HostList

DROPPED, PLACEHOLDER, ATTRIBUTE = "dropped", "placeholder", "attribute"
# <link rel> values that make a browser fetch something (or open a connection) as the page loads.
_LOADING_RELS = frozenset(
    {
        "stylesheet",
        "preconnect",
        "dns-prefetch",
        "preload",
        "prefetch",
        "modulepreload",
        "prerender",
        "icon",
        "apple-touch-icon",
        "apple-touch-icon-precomposed",
        "mask-icon",
        "manifest",
    }
)
# Kinds whose frames are never seen (a tag manager's <noscript><iframe>): dropped, not replaced.
_UNSEEN_KINDS = frozenset({"analytics", "tag-manager", "ads"})
# Kinds of hosts a snippet loads code from (a tag manager's snippet builds a <script> for it), the
# paths of what it loads, and how long a snippet is at most.
_LOADER_KINDS = frozenset({"analytics", "tag-manager", "ads", "script", "cdn"})
_LOADER_PATH = re.compile(r"\.(?:m?js|css)$|/gtag/js$", re.I)
_SNIPPET = 2000
_EMBEDS = {"iframe": ("src",), "embed": ("src",), "object": ("data",), "video": ("src",), "audio": ("src",)}
_SCRIPT_TYPES = frozenset(
    {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}
)
# Addresses in script or style text: scheme-relative or http(s), up to a quote, space or bracket.
_ADDRESS = re.compile(r"""(?:https?:)?//[A-Za-z0-9.-]+(?::[0-9]+)?[^\s"'`()<>\\]*""")
_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?(["']?)([^"')\s;]+)\1\s*\)?[^;]*;?""", re.I)
_CANDIDATE_URL = re.compile(r"(?:^|,)\s*(\S+)")


@dataclass(frozen=True)
class Resource:
    """Something a page loads from a listed host: the element, the attribute naming it (None: the
    element's text, an inline script or an `@import`), its address, its host's entry and what a
    build does with it."""

    element: etree._Element
    attribute: str | None
    address: str
    entry: HostEntry
    action: str

    @property
    def line(self) -> int:
        return self.element.sourceline or 0

    def describe(self) -> str:
        """`<link rel="stylesheet">`, `<iframe>`, `srcset of <img>`, `@import in <style>`, `inline <script>`."""
        tag = self.element.tag
        if self.action == ATTRIBUTE:
            return f"{self.attribute} of <{tag}>"
        if self.attribute is None:
            return "@import in <style>" if tag == "style" else f"inline <{tag}>"
        if tag == "link":
            return f'<link rel="{" ".join((self.element.get("rel") or "").split())}">'
        return f"<{tag}>"


def find(root: etree._Element, hosts: HostList) -> list[Resource]:
    """What the page loads from the listed hosts, in document order, each once (an element met
    inside an embed that is replaced is left to it)."""
    found: list[Resource] = []
    inside: set[etree._Element] = set()  # the elements inside one dropped or replaced
    for el in root.iter():
        tag = el.tag
        if not isinstance(tag, str) or el in inside:
            continue
        for resource in _element(el, tag, hosts):
            found.append(resource)
            if resource.action in (DROPPED, PLACEHOLDER) and resource.attribute is not None:
                inside.update(el.iterdescendants())
                break
    return found


def _element(el: etree._Element, tag: str, hosts: HostList) -> Iterator[Resource]:
    """The resources of one element."""
    if tag == "link":
        rels = set((el.get("rel") or "").lower().split())
        yield from _attribute(el, "href", hosts, DROPPED if rels & _LOADING_RELS else None)
    elif tag == "script":
        if el.get("src") is not None:
            yield from _attribute(el, "src", hosts, DROPPED)
        elif (el.get("type") or "").strip().lower() in _SCRIPT_TYPES and len((el.text or "").strip()) <= _SNIPPET:
            for address in _ADDRESS.findall(el.text or ""):
                entry = hosts.match_address(address)
                if entry is not None and entry.kind in _LOADER_KINDS and _loads_code(address):
                    yield Resource(el, None, address, entry, DROPPED)
                    return
    elif tag == "style":
        for match in _IMPORT.finditer(el.text or ""):
            entry = hosts.match_address(match.group(2))
            if entry is not None:
                yield Resource(el, None, match.group(2), entry, DROPPED)
    elif tag in _EMBEDS:
        yield from _embed(el, tag, hosts)
    elif tag == "img":
        dropped = list(_attribute(el, "src", hosts, DROPPED))
        yield from dropped
        if not dropped:
            yield from _srcset(el, hosts)
    elif tag == "source":
        parent = el.getparent()
        if parent is not None and parent.tag == "picture":
            yield from _attribute(el, "srcset", hosts, DROPPED, candidates=True)


def _loads_code(address: str) -> bool:
    """Whether an address in a script is of a script or stylesheet (`…/gtm.js?id=`, `…/gtag/js`)."""
    try:
        path = urlsplit(address if not address.startswith("//") else "https:" + address).path
    except ValueError:
        return False
    return bool(_LOADER_PATH.search(path))


def _embed(el: etree._Element, tag: str, hosts: HostList) -> Iterator[Resource]:
    """An embed that loads from a listed host (itself, or a `<source>` of a video or audio)."""
    named = [(el, name) for name in _EMBEDS[tag]]
    if tag in ("video", "audio"):
        named += [(source, "src") for source in el.iter("source")]
    for holder, name in named:
        address = holder.get(name)
        entry = hosts.match_address(address) if address else None
        if entry is not None:
            action = DROPPED if entry.kind in _UNSEEN_KINDS else PLACEHOLDER
            yield Resource(el, name, address.strip(), entry, action)
            return
    if tag == "video":
        yield from _attribute(el, "poster", hosts, ATTRIBUTE)


def _attribute(
    el: etree._Element, name: str, hosts: HostList, action: str | None, candidates: bool = False
) -> Iterator[Resource]:
    value = el.get(name)
    if value is None or action is None:
        return
    addresses = _CANDIDATE_URL.findall(value) if candidates else [value.strip()]
    for address in addresses:
        entry = hosts.match_address(address)
        if entry is not None:
            yield Resource(el, name, address, entry, action)
            return


def _srcset(el: etree._Element, hosts: HostList) -> Iterator[Resource]:
    value = el.get("srcset")
    if value is None:
        return
    for address in _CANDIDATE_URL.findall(value):
        entry = hosts.match_address(address)
        if entry is not None:
            yield Resource(el, "srcset", address, entry, ATTRIBUTE)
            return


def without_imports(css: str, hosts: HostList) -> tuple[str, list[tuple[str, HostEntry, int]]]:
    """A stylesheet's text without its `@import` rules of listed hosts, and what they imported
    (with their lines).

    >>> from l10n.region.hosts import shipped_list
    >>> without_imports('@import url("https://fonts.googleapis.com/css?family=A");\\nb{}', shipped_list("cn"))[0]
    '\\nb{}'
    """
    found: list[tuple[str, HostEntry, int]] = []

    def drop(match: re.Match[str]) -> str:
        entry = hosts.match_address(match.group(2))
        if entry is None:
            return match.group(0)
        found.append((match.group(2), entry, css.count("\n", 0, match.start()) + 1))
        return ""

    return _IMPORT.sub(drop, css), found
