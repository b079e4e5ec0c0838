"""Reading and writing .po/.pot files: clear errors, atomic and minimal writes."""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import polib

from .catalog import key
from ..errors import CatalogError
from ..atomic import write_atomic

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
        po = polib.pofile(text)
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


class Entry(NamedTuple):
    """What a build reads of a catalog entry."""

    msgctxt: str | None
    msgid: str
    msgstr: str
    fuzzy: bool
    line: int  # where the entry starts (its first comment), as polib counts


_ESCAPE = re.compile(r"\\(.)")
_UNESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\", "a": "\a", "b": "\b", "f": "\f", "v": "\v"}


def read_entries(path: Path) -> list[Entry]:
    """The active entries of a catalog, read fast.

    Catalogs written by l10n, msgmerge or a PO editor keep one entry per blank-line-separated
    block; a file that does not is read through polib instead.
    """
    text = load_text(path)
    entries: list[Entry] = []
    line = 1
    for block in text.split("\n\n"):
        regular = _REGULAR.fullmatch(block)
        entry = _regular_entry(regular, line) if regular else _block_entry(block, line)
        line += block.count("\n") + 2
        if entry is None:
            continue
        if entry is _IRREGULAR:
            return [Entry(e.msgctxt, e.msgid, e.msgstr, e.fuzzy, e.linenum) for e in load(path) if not e.obsolete]
        entries.append(entry)
    return entries


_IRREGULAR = Entry(None, "", "", False, 0)
_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_STRINGS = rf"{_STRING}(?:\n{_STRING})*"
# A block as l10n, msgmerge and PO editors write it: comments, msgctxt, msgid, msgstr. Anything
# else (plurals, obsolete entries, odd spacing) goes through `_block_entry`.
_REGULAR = re.compile(rf"((?:#[^\n]*\n)*)(?:msgctxt ({_STRINGS})\n)?msgid ({_STRINGS})\nmsgstr ({_STRINGS})\n?")
_QUOTED = re.compile(r'"([^"\\\n]*(?:\\.[^"\\\n]*)*)"')


def _regular_entry(match: re.Match[str], line: int) -> Entry | None:
    """The entry of a block `_REGULAR` matched; None for the header."""
    comments, context, msgid, msgstr = match.groups()
    text = _text(_QUOTED.findall(msgid))
    if not text:
        return None  # the header
    fuzzy = "fuzzy" in comments and any(
        c.startswith("#,") and "fuzzy" in (f.strip() for f in c[2:].split(",")) for c in comments.split("\n"))
    return Entry(None if context is None else _text(_QUOTED.findall(context)), text,
                 _text(_QUOTED.findall(msgstr)), fuzzy, line)


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
    return _ESCAPE.sub(lambda m: _UNESCAPES.get(m.group(1), m.group(1)), joined) if "\\" in joined else joined


_WIDTH = 79  # gettext's page width
_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date", "Last-Translator",
          "Language-Team", "Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")
_ESCAPE_TABLE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\r": "\\r", "\n": "\\n", "\v": "\\v", "\b": "\\b",
                          "\f": "\\f", '"': '\\"'})
_NEEDS_ESCAPE = re.compile(r'[\\\t\r\n\v\b\f"]')
# Break opportunities: after a run of spaces, and between Chinese or Japanese characters (not
# before their closing punctuation).
_LINE_END = re.compile(r"(?<=\n)")
_CJK_CHAR = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]")
_CHUNK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef][，。、；：？！）」』》”’]* *|[^ \u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]+ *| +")


def dump(po: polib.POFile) -> bytes:
    """The catalog as UTF-8 PO text, wrapped at 79 columns as GNU gettext does."""
    lines = [("# " + line).rstrip() if line else "#" for line in (po.header or "").split("\n")] if po.header else []
    header = "".join(f"{name}: {value}\n" for name, value in _metadata(po.metadata))
    if po.metadata_is_fuzzy:
        lines.append("#, fuzzy")
    lines += _field("", "msgid", "") + _field("", "msgstr", header)
    out = ["\n".join(lines)]
    entries = [e for e in po if not e.obsolete] + [e for e in po if e.obsolete]
    out += ("\n".join(_entry(e)) for e in entries)
    return ("\n\n".join(out) + "\n").encode("utf-8")


def _metadata(metadata: dict[str, str]) -> list[tuple[str, str]]:
    known = [(name, metadata[name]) for name in _ORDER if name in metadata]
    return known + sorted((k, v) for k, v in metadata.items() if k not in _ORDER)


def _entry(entry: polib.POEntry) -> list[str]:
    lines = [f"# {line}".rstrip() for line in entry.tcomment.split("\n")] if entry.tcomment else []
    prefix = "#~ " if entry.obsolete else ""
    if not entry.obsolete:
        lines += [f"#. {line}".rstrip() for line in entry.comment.split("\n")] if entry.comment else []
        refs = [f"{path}:{line}" if line else path for path, line in entry.occurrences]
        lines += _wrapped_list("#: ", refs)
    if entry.flags:
        lines.append("#, " + ", ".join(entry.flags))
    previous = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        lines += _field(previous, "msgctxt", entry.previous_msgctxt)
    if entry.previous_msgid is not None:
        lines += _field(previous, "msgid", entry.previous_msgid)
    if entry.msgctxt is not None:
        lines += _field(prefix, "msgctxt", entry.msgctxt)
    lines += _field(prefix, "msgid", entry.msgid)
    if entry.msgid_plural:
        lines += _field(prefix, "msgid_plural", entry.msgid_plural)
        for index, text in sorted(entry.msgstr_plural.items()):
            lines += _field(prefix, f"msgstr[{index}]", text)
    else:
        lines += _field(prefix, "msgstr", entry.msgstr)
    return lines


def _field(prefix: str, keyword: str, text: str) -> list[str]:
    """`msgid "…"` lines: one line when it fits, else an empty first string and wrapped lines."""
    first = f'{prefix}{keyword} "{_escape(text)}"'
    if len(first) <= _WIDTH and "\n" not in text[:-1]:
        return [first]
    width = _WIDTH - len(prefix) - 2
    lines = [f'{prefix}{keyword} ""']
    for segment in _LINE_END.split(text):  # a new line after each newline, as gettext does
        if segment:
            lines += [f'{prefix}"{piece}"' for piece in _wrap(_escape(segment), width)]
    return lines


def _escape(text: str) -> str:
    """A string as written between the quotes of a PO file (translating only when needed: it is slow)."""
    return text.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(text) else text


def _wrap(text: str, width: int) -> list[str]:
    """Greedy lines of at most `width` characters, broken only at break opportunities."""
    if _CJK_CHAR.search(text):
        return _wrap_chunks(text, width)
    lines: list[str] = []
    while len(text) > width:
        cut = text.rfind(" ", 0, width) + 1
        while 0 < cut < len(text) and text[cut] == " ":
            cut += 1  # keep a run of spaces on the line it ends
        if cut == 0:
            cut = text.find(" ", width) + 1 or len(text)  # a word longer than the line
        lines.append(text[:cut])
        text = text[cut:]
    if text or not lines:
        lines.append(text)
    return lines


def _wrap_chunks(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for chunk in _CHUNK.findall(text):
        if line and len(line) + len(chunk.rstrip(" ")) > width:
            lines.append(line)
            line = ""
        line += chunk
    if line or not lines:
        lines.append(line)
    return lines


def _wrapped_list(prefix: str, items: list[str]) -> list[str]:
    lines: list[str] = []
    line = ""
    for item in items:
        if line and len(prefix) + len(line) + 1 + len(item) > _WIDTH:
            lines.append(prefix + line)
            line = item
        else:
            line = f"{line} {item}" if line else item
    if line:
        lines.append(prefix + line)
    return lines


def render(po: polib.POFile, path: Path, stamp: str = "POT-Creation-Date") -> bytes | None:
    """The bytes to write at `path`, or None when the file already holds this catalog.

    A catalog that differs only in its `stamp` header counts as unchanged: it keeps its bytes and
    `po` takes the old stamp.
    """
    data = dump(po)
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        return data
    fresh = po.metadata.get(stamp)
    match = re.search(rb'^"' + re.escape(stamp.encode()) + rb': ([^"\\]*)\\n"$', old, re.M)
    if fresh is None or match is None:
        return None if data == old else data
    line = f'"{stamp}: {fresh}\\n"'.encode()
    if data.replace(line, match.group(0), 1) == old:
        po.metadata[stamp] = match.group(1).decode("utf-8")
        return None
    return data


def save(po: polib.POFile, path: Path, stamp: str = "POT-Creation-Date") -> bool:
    """Write a catalog atomically, only if its content changed apart from the `stamp` header."""
    data = render(po, path, stamp)
    if data is not None:
        write_atomic(path, data)
    return data is not None
