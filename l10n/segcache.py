"""Segmentations kept as data, so a page whose source did not change is not segmented again.

A build remakes every page of an article when its catalog changes, though the English did not:
it reads the article's units, runs and attribute slots back from `.l10n-cache/segments/`
instead of walking the tree. Elements are named by their position in document order
(`root.iter()`), the same each time the same bytes are parsed. An entry is used only when the
source bytes, the segmentation mode and the code that segments all hash as when it was saved.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lxml import etree

from . import document as _document, placeholders as _placeholders, sentences as _sentences
from .document import AttributeSlot, Document, Run, Segment, Unit
from .fsutil import write_atomic
from .htmlio import Page
from .placeholders import Item, Placeholder
from .state import digest

# Changes whenever the segmenting code does, so an upgrade never reuses an old segmentation.
_CODE = digest(*(Path(m.__file__).read_bytes() for m in (_document, _placeholders, _sentences)),
               Path(__file__).read_bytes())


def load(cache: Path, name: str, path: Path, source: bytes, page: Page, mode: str) -> Document:
    """The document of a page just parsed from `source`: from the cache, else segmented and cached."""
    file = cache / f"{name}.json"
    key = digest(source, mode, _CODE)
    try:
        saved = json.loads(file.read_bytes())
        if saved["key"] == key:
            return decode(saved["document"], path, page)
    except (OSError, ValueError, KeyError, IndexError, TypeError):
        pass  # missing, stale or damaged: segment again
    document = Document.from_page(path, page, mode)
    write_atomic(file, json.dumps({"key": key, "document": encode(document)}, ensure_ascii=False).encode("utf-8"))
    return document


def encode(document: Document) -> dict[str, Any]:
    """A document as JSON-ready data; elements become their document-order positions."""
    position = {el: i for i, el in enumerate(document.page.root.iter())}
    number = {id(unit): i for i, unit in enumerate(document.units)}
    paths: dict[tuple[etree._Element, ...], int] = {}  # units share paths: each is kept once

    def items(values: list[Item]) -> list[str | int]:
        return [v if isinstance(v, str) else position[v] for v in values]

    units = [[u.msgid, u.msgctxt, u.line, u.element, paths.setdefault(u.path, len(paths)),
              [[p.name, position[p.element], p.paired] for p in u.placeholders.values()]]
             for u in document.units]
    return {
        "paths": [[position[el] for el in path] for path in paths],
        "units": units,
        "runs": [[position[r.parent], None if r.lead is None else position[r.lead], items(r.nodes),
                  [items(gap) for gap in r.gaps], [[number[id(s.unit)], items(s.items)] for s in r.segments], r.whole]
                 for r in document.runs],
        "slots": [[position[s.element], s.name, number[id(s.unit)]] for s in document.slots],
    }


def decode(data: dict[str, Any], path: Path, page: Page) -> Document:
    """The document `encode` saved, tied to the elements of a fresh parse of the same source."""
    elements: list[etree._Element] = list(page.root.iter())
    at = elements.__getitem__
    paths = [tuple(map(at, p)) for p in data["paths"]]
    units = [Unit(msgid, msgctxt, line, element, paths[p],
                  {name: Placeholder(name, elements[i], paired) for name, i, paired in placeholders}
                  if placeholders else {})
             for msgid, msgctxt, line, element, p, placeholders in data["units"]]
    # Items are strings, or ints naming elements (written out here: this is the hot loop).
    runs = [Run(elements[parent], None if lead is None else elements[lead], [elements[i] for i in nodes],
                [[v if v.__class__ is str else elements[v] for v in gap] for gap in gaps],
                [Segment(units[u], [v if v.__class__ is str else elements[v] for v in items])
                 for u, items in segments], whole)
            for parent, lead, nodes, gaps, segments, whole in data["runs"]]
    slots = [AttributeSlot(elements[el], name, units[u]) for el, name, u in data["slots"]]
    return Document(path, page, runs, slots, units)
