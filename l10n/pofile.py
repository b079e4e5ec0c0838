"""Reading and writing .po/.pot files: clear errors, atomic and minimal writes."""

from __future__ import annotations

import re
from pathlib import Path

import polib

from .catalog import WRAP_WIDTH, key
from .errors import CatalogError
from .fsutil import write_atomic

_SYNTAX_LINE = re.compile(r"\(line (\d+)\)")


def load(path: Path) -> polib.POFile:
    """Parse a catalog; a corrupt one raises CatalogError naming the file and line."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CatalogError(f"cannot read: {e.strerror}", path) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise CatalogError("not valid UTF-8 (catalogs must be UTF-8)", path, line) from None
    try:
        po = polib.pofile(text, wrapwidth=WRAP_WIDTH)
    except (OSError, ValueError) as e:
        match = _SYNTAX_LINE.search(str(e))
        raise CatalogError("syntax error", path, int(match.group(1)) if match else None) from None
    seen: dict[tuple[str | None, str], int] = {}
    for entry in po:
        if entry.obsolete:
            continue
        if key(entry) in seen:
            raise CatalogError(f"duplicate message definition (first at line {seen[key(entry)]})", path, entry.linenum)
        seen[key(entry)] = entry.linenum
    return po


def dump(po: polib.POFile) -> bytes:
    """The catalog as UTF-8 PO text, ending with a newline."""
    text = str(po)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def save(po: polib.POFile, path: Path, stamp: str = "POT-Creation-Date") -> bool:
    """Write a catalog atomically, only if its content changed apart from the `stamp` header.

    When unchanged, the file keeps its bytes (and its old stamp); True when written.
    """
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        old = None
    if old is not None:
        fresh = po.metadata.get(stamp)
        match = re.search(rb'^"' + re.escape(stamp.encode()) + rb': ([^"\\]*)\\n"$', old, re.M)
        if match:
            po.metadata[stamp] = match.group(1).decode("utf-8")
            if dump(po) == old:
                return False
        if fresh is not None:
            po.metadata[stamp] = fresh
    write_atomic(path, dump(po))
    return True
