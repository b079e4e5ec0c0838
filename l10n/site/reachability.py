"""Pages for readers who cannot reach some hosts (mainland China): what a page loads from them is
dropped, and each embed becomes a placeholder in the page's language that says what it is (its
title), that it is on a site that may not open, and links to it (`region.resources` says which
is which). A locale's media map comes first (see `links`): an embed it maps is the locale's own.

The page is changed before it becomes a skeleton: an element inside a run of text (an avatar in
a byline) is changed in place, so that the run's pieces are the new element; what was inside a
dropped or replaced element is no longer the page's (its runs and attributes are forgotten).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from ..region import resources
from ..region.hosts import HostList
from ..region.resources import ATTRIBUTE, PLACEHOLDER, Resource
from ..segment.document import Document
from . import texts as own
from .skeleton import Marks

_NOTES = {"video": own.VIDEO_NOTE, "map": own.MAP_NOTE}
_TITLES = {"video": own.VIDEO, "map": own.MAP}
_TITLE_ATTRIBUTES = ("title", "aria-label")


def make_reachable(document: Document, hosts: HostList, marks: Marks) -> list[dict[str, Any]]:
    """Drop what the page loads from `hosts` and put placeholders in place of its embeds (their
    texts as `marks`); what was done, one record per resource (see `record`)."""
    root = document.page.root
    found = resources.find(root, hosts)
    if not found:
        return []
    records = [record(r) for r in found]  # before the elements change
    held = _held(document)
    gone: list[etree._Element] = []
    done: set[etree._Element] = set()
    for resource in found:
        el = resource.element
        if resource.action == ATTRIBUTE:
            el.attrib.pop(resource.attribute or "", None)
        elif resource.action == PLACEHOLDER:
            _placeholder(el, resource, document, marks)
            marks.placeholders += 1
            gone.append(el)
        elif el.tag == "style":
            if el not in done:
                el.text = resources.without_imports(el.text or "", hosts)[0]
        elif el.tag == "img":
            _image_text(el, document, marks, held)
            gone.append(el)
        else:
            _drop(el, held)
            gone.append(el)
        done.add(el)
    forget(document, gone)
    return records


def record(resource: Resource) -> dict[str, Any]:
    """What a report says of a resource: its line in the source, what it is, its address, what
    was done, and its host's entry (with the evidence)."""
    return {
        "line": resource.line,
        "element": resource.describe(),
        "address": resource.address,
        "action": resource.action,
        "host": resource.entry.as_dict(),
    }


def forget(document: Document, gone: list[etree._Element], own: bool = True) -> None:
    """Forget the runs, attribute slots and units inside elements the page no longer has as they
    were; an element's own attributes too unless not `own` (a video that became a player's frame
    keeps its title)."""
    if not gone:
        return
    whole = {el for top in gone for el in top.iter()}
    inside = whole if own else {el for top in gone for el in top.iterdescendants()}
    document.runs = [run for run in document.runs if run.parent not in whole]
    document.slots = [slot for slot in document.slots if slot.element not in inside]
    document.units = [unit for unit in document.units if unit.parent not in inside]


def original(address: str) -> str:
    """The address to open an embed where it is: a YouTube or Vimeo player's video page, else the
    embed's own address (with https: when it has no scheme).

    >>> original("//www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0")
    'https://www.youtube.com/watch?v=dQw4w9WgXcQ'
    >>> original("https://player.vimeo.com/video/76979871?h=8272103f6e")
    'https://vimeo.com/76979871'
    """
    address = address.strip()
    if address.startswith("//"):
        address = "https:" + address
    try:
        parts = urlsplit(address)
    except ValueError:
        return address
    host = (parts.hostname or "").removeprefix("www.")
    path = parts.path.rstrip("/").split("/")
    if host in ("youtube.com", "youtube-nocookie.com", "m.youtube.com") and len(path) >= 3 and path[1] == "embed":
        if path[2] == "videoseries" and "list" in parse_qs(parts.query):
            return "https://www.youtube.com/playlist?list=" + parse_qs(parts.query)["list"][0]
        return f"https://www.youtube.com/watch?v={path[2]}"
    if host == "player.vimeo.com" and len(path) >= 3 and path[1] == "video":
        return f"https://vimeo.com/{path[2]}"
    return address


def _held(document: Document) -> set[etree._Element]:
    """Elements a run holds (inside its pieces, or opening it): changed in place, never removed."""
    held: set[etree._Element] = set()
    for run in document.runs:
        if run.lead is not None:
            held.add(run.lead)
        for items in (*run.gaps, *(segment.items for segment in run.segments)):
            for item in items:
                if not isinstance(item, str):
                    held.update(item.iter())
    return held


def _drop(el: etree._Element, held: set[etree._Element]) -> None:
    """Remove an element (a run's own becomes an empty, inert `<template>`)."""
    if el in held:
        _become(el, "template", {"data-l10n": "dropped"})
        return
    parent = el.getparent()
    if parent is None:
        return
    tail = el.tail if el.tail and el.tail.strip(" \t\n\r\f") else None
    previous = el.getprevious()
    if tail is not None:
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)


def _become(el: etree._Element, tag: str, attrs: dict[str, str]) -> None:
    """Make an element another, empty one in place (its tail kept)."""
    el.clear(keep_tail=True)
    el.tag = tag
    for name, value in attrs.items():
        el.set(name, value)


def _title(el: etree._Element, document: Document, marks: Marks) -> str | None:
    """The marker of an element's title (or aria-label): translated as the attribute is, or as
    the page has it when it is no unit; None when it has none."""
    for name in _TITLE_ATTRIBUTES:
        slot = next((s for s in document.slots if s.element is el and s.name == name), None)
        if slot is not None:
            return marks.units([unit.key for unit in slot.units], slot.gaps, el.get(name) or "")
        value = " ".join((el.get(name) or "").split())
        if value:
            return marks.units([], [value], value)
    return None


def _placeholder(el: etree._Element, resource: Resource, document: Document, marks: Marks) -> None:
    """Make an embed a placeholder: its title, a note that it is on a site that may not open, a
    link to it there."""
    kind, service = resource.entry.kind, resource.entry.service
    if _is_google_map(resource.address):  # a map embedded from www.google.com/maps
        kind, service = "map", "Google Maps"
    title = _title(el, document, marks) or marks.message(_TITLES.get(kind, own.EMBED))
    width = (el.get("width") or "").strip()
    site = {"site1": service}
    note = marks.message(_NOTES.get(kind, own.EMBED_NOTE), site)
    follow = marks.message(own.WATCH if kind == "video" else own.OPEN, site)
    _become(el, "span", {"class": "l10n-embed", "role": "note", "data-l10n": "placeholder"})
    if width.isdigit():
        el.set("style", f"width:{width}px")
    etree.SubElement(el, "span", {"class": "l10n-embed-title"}).text = title
    etree.SubElement(el, "span").text = note
    etree.SubElement(etree.SubElement(el, "span"), "a", {"href": original(resource.address)}).text = follow


def _is_google_map(address: str) -> bool:
    try:
        parts = urlsplit(address.strip() if not address.strip().startswith("//") else "https:" + address.strip())
    except ValueError:
        return False
    host = parts.hostname or ""
    return (host == "google.com" or host.endswith(".google.com")) and parts.path.startswith("/maps")


def _image_text(el: etree._Element, document: Document, marks: Marks, held: set[etree._Element]) -> None:
    """An image readers cannot load: its text alternative in its place, or nothing."""
    slot = next((s for s in document.slots if s.element is el and s.name == "alt"), None)
    alt = " ".join((el.get("alt") or "").split())
    if slot is None and not alt:
        _drop(el, held)
        return
    text = (
        marks.units([u.key for u in slot.units], slot.gaps, el.get("alt") or "")
        if slot
        else marks.units([], [alt], alt)
    )
    _become(el, "span", {"class": "l10n-image", "data-l10n": "image"})
    el.text = text
