"""Reading and writing .po/.pot files: clear errors, atomic and minimal writes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import polib

from .catalog import WRAP_WIDTH, key
from .errors import CatalogError
from .fsutil import write_atomic

_SYNTAX_LINE = re.compile(r"\(line (\d+)\)")


def load_text(path: Path) -> str:
    """A catalog's text; unreadable or not UTF-8 is a CatalogError."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CatalogError(f"cannot read: {e.strerror}", path) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise CatalogError("not valid UTF-8 (catalogs must be UTF-8)", path, line) from None


def load(path: Path) -> polib.POFile:
    """Parse a catalog; a corrupt one raises CatalogError naming the file and line."""
    text = load_text(path)
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


@dataclass(frozen=True)
class Entry:
    """What a build reads of a catalog entry."""

    msgctxt: str | None
    msgid: str
    msgstr: str
    fuzzy: bool
    line: int  # where the entry starts (its first comment), as polib counts


_ESCAPE = re.compile(r"\\(.)")
_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def read_entries(path: Path) -> list[Entry]:
    """The active entries of a catalog, read fast.

    Catalogs written by l10n, msgmerge or a PO editor keep one entry per blank-line-separated
    block; a file that does not is read through polib instead.
    """
    text = load_text(path)
    entries: list[Entry] = []
    line = 1
    for block in text.split("\n\n"):
        entry = _block_entry(block, line)
        line += block.count("\n") + 2
        if entry is None:
            continue
        if entry is _IRREGULAR:
            return [Entry(e.msgctxt, e.msgid, e.msgstr, e.fuzzy, e.linenum) for e in load(path) if not e.obsolete]
        entries.append(entry)
    return entries


_IRREGULAR = Entry(None, "", "", False, 0)


def _block_entry(block: str, first_line: int) -> Entry | None:
    fields: dict[str, list[str]] = {}
    current: list[str] | None = None
    fuzzy = False
    start = 0
    for offset, raw in enumerate(block.split("\n")):
        line = raw.strip()
        if not line:
            continue
        start = start or first_line + offset
        if line.startswith("#"):
            if line.startswith("#~") and not fields:
                return None  # obsolete
            if line.startswith("#,") and "fuzzy" in (f.strip() for f in line[2:].split(",")):
                fuzzy = True
            continue
        if line.startswith('"'):
            if current is None:
                return _IRREGULAR
            current.append(line[1:-1])
            continue
        keyword, _, rest = line.partition(" ")
        if keyword in fields or not rest.startswith('"'):
            return _IRREGULAR
        current = fields[keyword] = [rest.strip()[1:-1]]
    if "msgid" not in fields:
        return None if not fields else _IRREGULAR
    msgid = _text(fields["msgid"])
    if not msgid:
        return None  # the header
    msgstr = _text(fields.get("msgstr", fields.get("msgstr[0]", [])))
    context = _text(fields["msgctxt"]) if "msgctxt" in fields else None
    return Entry(context, msgid, msgstr, fuzzy, start)


def _text(parts: list[str]) -> str:
    joined = "".join(parts)
    return _ESCAPE.sub(lambda m: _ESCAPES.get(m.group(1), m.group(1)), joined) if "\\" in joined else joined


def dump(po: polib.POFile) -> bytes:
    """The catalog as UTF-8 PO text, ending with a newline."""
    text = str(po)
    return (text if text.endswith("\n") else text + "\n").encode("utf-8")


def render(po: polib.POFile, path: Path, stamp: str = "POT-Creation-Date") -> bytes | None:
    """The bytes to write at `path`, or None when the file already holds this catalog.

    A catalog that differs only in its `stamp` header counts as unchanged: it keeps its bytes and
    `po` takes the old stamp.
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
                return None
        if fresh is not None:
            po.metadata[stamp] = fresh
    return dump(po)


def save(po: polib.POFile, path: Path, stamp: str = "POT-Creation-Date") -> bool:
    """Write a catalog atomically, only if its content changed apart from the `stamp` header."""
    data = render(po, path, stamp)
    if data is not None:
        write_atomic(path, data)
    return data is not None
