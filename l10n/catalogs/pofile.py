"""The PO format: the one reader and writer of .po/.pot files, and the `Entry` and `Catalog` types.

The reader accepts what GNU msgfmt accepts and refuses the rest with a `CatalogError` naming the
file and line (an unterminated string, a missing quote, an unknown keyword or escape, a duplicate
message). Lines end only at `\\n`: text may hold any other character, line and paragraph
separators included. The writer lays entries out as GNU gettext does; files are written
atomically and only when their content changed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import write_atomic
from ..errors import CatalogError
from ..segment.chinese import GETTEXT_WIDE

Key = tuple[str | None, str]  # (msgctxt, msgid): what identifies an entry in a catalog


@dataclass(eq=False)
class Entry:
    """One message of a catalog: the English, its translation and the comments around them."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    comment: str = ""  # extracted comments (`#.`), one per line
    tcomment: str = ""  # translator comments (`# `), one per line
    occurrences: list[tuple[str, str]] = field(default_factory=list)  # `#:` references: (file, line)
    previous_msgctxt: str | None = None  # `#|`: the English a fuzzy translation was made for
    previous_msgid: str | None = None
    previous_msgid_plural: str | None = None
    obsolete: bool = False  # `#~`: English no longer in the source, kept for its translation
    line: int = 0  # where the entry starts in its file (its first comment), from 1

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def translated(self) -> bool:
        """Has a translation, reviewed or not."""
        return bool(self.msgstr) or any(self.msgstr_plural.values())

    @property
    def reviewed(self) -> bool:
        """Translated and not fuzzy: a translation a person accepted (whether its English is obsolete or not)."""
        return not self.fuzzy and self.translated


@dataclass(eq=False)
class Catalog:
    """A .po or .pot file: its header and its entries (obsolete ones last when written)."""

    entries: list[Entry] = field(default_factory=list)
    header: str = ""  # the comment above the header entry
    metadata: dict[str, str] = field(default_factory=dict)  # the header entry's fields, in order
    header_flags: list[str] = field(default_factory=list)  # e.g. fuzzy, on a catalog just made

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def active(self) -> list[Entry]:
        return [e for e in self.entries if not e.obsolete]

    def obsolete(self) -> list[Entry]:
        return [e for e in self.entries if e.obsolete]


# ---- reading ----

_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\r\f\v]*')
_ESCAPE = re.compile(r"\\(?:([ntrbfva\"\\?])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|$))")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "b": "\b", "f": "\f", "v": "\v", "a": "\a", '"': '"',
                   "\\": "\\", "?": "?"}
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t\"])[ \t]*")
_KEYWORD_START = re.compile(r"msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?|\w+")
_UNTERMINATED = re.compile(r'"(?:[^"\\]|\\.)*\\?')
# Previous English as pybabel rewrites msgmerge's `#| msgid` lines: `# | msgid`.
_PYBABEL_PREVIOUS = re.compile(r'# \|[ \t]*(?:msgctxt|msgid|msgid_plural)?[ \t]*"')


class _Reader:
    """Reads PO text line by line into a Catalog; see `parse`."""

    def __init__(self, text: str, path: Path | str):
        self.path = path
        self.lines = text.split("\n")
        self.catalog = Catalog()
        self.entry: Entry | None = None  # the entry being read
        self.field: str | None = None  # the attribute the next string continues
        self.comments: list[str] = []  # the entry's `#.` lines
        self.tcomments: list[str] = []  # its translator comment lines
        self.number = 0

    def fail(self, message: str, line: int | None = None) -> CatalogError:
        return CatalogError(f"syntax error: {message}", self.path, line or self.number)

    def read(self) -> Catalog:
        for self.number, raw in enumerate(self.lines, 1):
            line = raw.strip(" \t\r\f\v")
            if not line:
                continue
            if line[0] == "#":
                self.comment(line)
            else:
                self.keyword_or_string(line, obsolete=False)
        self.close()
        return self.catalog

    def start(self) -> Entry:
        """The entry the next comment or keyword belongs to (a new one after a msgstr)."""
        if self.field is not None and self.field.startswith("msgstr"):
            self.close()
        if self.entry is None:
            self.entry = Entry("", line=self.number)
            self.field = None
        return self.entry

    def comment(self, line: str) -> None:
        kind = line[1:2]
        if kind == "~":
            rest = line[2:].lstrip(" \t")
            if rest.startswith("|"):
                self.previous(rest[1:].lstrip(" \t"))
            elif rest:
                self.keyword_or_string(rest, obsolete=True)
            return
        if kind == "|" or _PYBABEL_PREVIOUS.match(line):
            self.previous(line[line.index("|") + 1:].lstrip(" \t"))
            return
        if self.field in ("msgctxt", "msgid", "msgid_plural"):
            raise self.fail(f"comment inside an entry (after its {self.field})")
        entry = self.start()
        text = line[2:] if kind in (".", ":", ",") else line[1:]
        if text.startswith(" "):
            text = text[1:]
        if kind == ",":
            entry.flags += [f.strip() for f in text.split(",") if f.strip()]
        elif kind == ".":
            if text:
                self.comments.append(text)
        elif kind == ":":
            for reference in text.split():
                name, _, number = reference.rpartition(":")
                entry.occurrences.append((name, number) if name and number.isdigit() else (reference, ""))
        else:
            self.tcomments.append(text)

    def previous(self, rest: str) -> None:
        """The rest of a `#|` line: a previous msgctxt, msgid or msgid_plural, or a string continuing one."""
        entry = self.start()
        if rest.startswith('"'):
            if self.field is None or not self.field.startswith("previous"):
                raise self.fail("a string with no keyword before it")
            setattr(entry, self.field, getattr(entry, self.field) + self.string(rest))
            return
        if self.field is not None and not self.field.startswith("previous"):
            raise self.fail("previous msgid (#|) after the entry's msgid")
        match = _KEYWORD.match(rest)
        if match is None or match.group(1).startswith("msgstr"):
            raise self.fail("unknown keyword after #|")
        self.field = "previous_" + match.group(1)
        setattr(entry, self.field, self.string(rest[match.end():]))

    def keyword_or_string(self, line: str, obsolete: bool) -> None:
        if line[0] == '"':
            if self.entry is None or self.field is None or self.field.startswith("previous"):
                raise self.fail("a string with no keyword before it")
            if self.entry.obsolete != obsolete:
                raise self.fail("inconsistent use of #~ within an entry")
            self.append(self.string(line))
            return
        match = _KEYWORD.match(line)
        if match is None:
            word = line.split()[0]
            if word.startswith(("msgid", "msgstr", "msgctxt")):
                known = _KEYWORD_START.match(word)
                raise self.fail(f"missing opening quote after {known.group(0) if known else word}")
            raise self.fail(f"unknown keyword {word[:40]!r}")
        keyword, index = match.group(1), match.group(2)
        value = self.string(line[match.end():])
        if keyword in ("msgctxt", "msgid"):
            entry = self.start()
            opens = self.field is None or self.field.startswith("previous")
            if not opens and not (keyword == "msgid" and self.field == "msgctxt"):
                raise self.fail(f"{keyword} after {self.field} (missing msgstr?)")
            if opens:
                entry.obsolete = obsolete
            elif entry.obsolete != obsolete:
                raise self.fail("inconsistent use of #~ within an entry")
            setattr(entry, keyword, value)
            self.field = keyword
            return
        current = self.entry
        if current is None or self.field is None or self.field.startswith("previous"):
            raise self.fail(f"{keyword} with no msgid before it")
        entry = current
        if entry.obsolete != obsolete:
            raise self.fail("inconsistent use of #~ within an entry")
        if keyword == "msgid_plural":
            if self.field != "msgid":
                raise self.fail("msgid_plural must follow msgid")
            entry.msgid_plural = value
            self.field = keyword
        elif index is None:
            if entry.msgid_plural is not None:
                raise self.fail("a plural entry's translations are msgstr[0], msgstr[1]…")
            if self.field != "msgid":
                raise self.fail("msgstr must follow msgid")
            entry.msgstr = value
            self.field = "msgstr"
        else:
            number = int(index)
            if entry.msgid_plural is None:
                raise self.fail(f"msgstr[{index}] in an entry without msgid_plural")
            if number != len(entry.msgstr_plural):
                raise self.fail(f"msgstr[{index}] out of order")
            entry.msgstr_plural[number] = value
            self.field = f"msgstr[{number}]"

    def append(self, text: str) -> None:
        entry, name = self.entry, self.field
        assert entry is not None and name is not None
        if name.startswith("msgstr["):
            index = int(name[7:-1])
            entry.msgstr_plural[index] += text
        else:
            setattr(entry, name, getattr(entry, name) + text)

    def string(self, rest: str) -> str:
        """The value of a quoted string (the rest of a line after its keyword)."""
        inner = rest[1:-1]
        if rest[-1:] == '"' and rest[:1] == '"' and len(rest) > 1 and '"' not in inner and "\\" not in inner:
            return inner  # most strings: nothing escaped
        match = _STRING.fullmatch(rest)
        if match is None:
            if not rest.startswith('"'):
                raise self.fail("missing opening quote")
            if _UNTERMINATED.fullmatch(rest):
                raise self.fail("end of line within a string (missing closing quote)")
            raise self.fail("unescaped double quote inside a string")
        text = match.group(1)
        if "\\" not in text:
            return text
        try:
            return _ESCAPE.sub(_unescape, text)
        except ValueError as e:
            raise self.fail(str(e)) from None

    def close(self) -> None:
        """Finish the entry being read: it must have its msgstr."""
        entry, name = self.entry, self.field
        comments, tcomments = self.comments, self.tcomments
        self.entry, self.field, self.comments, self.tcomments = None, None, [], []
        if entry is None or name is None or name.startswith("previous"):
            return  # comments at the end of the file belong to no entry
        if not name.startswith("msgstr"):
            raise self.fail("missing msgstr", entry.line)
        entry.comment, entry.tcomment = "\n".join(comments), "\n".join(tcomments)
        catalog = self.catalog
        if entry.msgid == "" and entry.msgctxt is None and not entry.obsolete:
            if catalog.entries or catalog.metadata or catalog.header or catalog.header_flags:
                raise self.fail("empty msgid (only the header may have one)", entry.line)
            self.header(entry)
            return
        catalog.entries.append(entry)

    def header(self, entry: Entry) -> None:
        catalog = self.catalog
        catalog.header = entry.tcomment
        catalog.header_flags = entry.flags
        name = None
        for line in entry.msgstr.split("\n"):
            if not line:
                continue
            key, colon, value = line.partition(":")
            if colon:
                name = key
                catalog.metadata[name] = value.strip()
            elif name is not None:
                catalog.metadata[name] += "\n" + line.strip()


def _unescape(match: re.Match[str]) -> str:
    simple, octal, hexa, other = match.groups()
    if other is not None:
        raise ValueError(f"invalid escape sequence {match.group(0)!r}")
    if simple is not None:
        return _SIMPLE_ESCAPES[simple]
    return chr(int(octal, 8)) if octal is not None else chr(int(hexa, 16))


def parse(text: str, path: Path | str = "<string>") -> Catalog:
    """A catalog from PO text; anything msgfmt would refuse raises CatalogError(path, line).

    >>> catalog = parse('msgid ""\\nmsgstr "Language: zh_Hans\\\\n"\\n\\n#, fuzzy\\nmsgid "Hello"\\nmsgstr "你好"\\n')
    >>> catalog.metadata["Language"], [(e.msgid, e.msgstr, e.fuzzy, e.line) for e in catalog]
    ('zh_Hans', [('Hello', '你好', True, 4)])
    """
    catalog = _Reader(text, path).read()
    seen: dict[Key, int] = {}
    for entry in catalog.entries:
        if entry.obsolete:
            continue
        first = seen.setdefault(entry.key, entry.line)
        if first != entry.line:
            raise CatalogError(f"duplicate message definition (first at line {first})", path, entry.line)
    return catalog


def load_text(path: Path) -> str:
    """A catalog's text; unreadable or not UTF-8 is a CatalogError."""
    try:
        data = path.read_bytes()
    except OSError as e:
        raise CatalogError(f"cannot read: {e.strerror}", path) from None
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        raise CatalogError("not valid UTF-8 (catalogs must be UTF-8)", path, line) from None


def load(path: Path) -> Catalog:
    """Read a catalog file; see `parse`."""
    return parse(load_text(path), path)


# ---- writing ----

_WIDTH = 79  # gettext's page width
_ORDER = ("Project-Id-Version", "Report-Msgid-Bugs-To", "POT-Creation-Date", "PO-Revision-Date", "Last-Translator",
          "Language-Team", "Language", "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "Plural-Forms")
_ESCAPE_TABLE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\r": "\\r", "\n": "\\n", "\v": "\\v", "\b": "\\b",
                               "\f": "\\f", '"': '\\"'})
_NEEDS_ESCAPE = re.compile(r'[\\\t\r\n\v\b\f"]')
# Break opportunities: after a run of spaces, and between Chinese or Japanese characters (not
# before their closing punctuation).
_LINE_END = re.compile(r"(?<=\n)")
_WIDE_CHAR = re.compile(f"[{GETTEXT_WIDE}]")
_CHUNK = re.compile(f"[{GETTEXT_WIDE}][，。、；：？！）」』》”’]* *|[^ {GETTEXT_WIDE}]+ *| +")


def dump(catalog: Catalog) -> bytes:
    """The catalog as UTF-8 PO text, wrapped at 79 columns as GNU gettext does."""
    lines = [("# " + line).rstrip() if line else "#" for line in catalog.header.split("\n")] if catalog.header else []
    header = "".join(f"{name}: {value}\n" for name, value in _metadata(catalog.metadata))
    if catalog.header_flags:
        lines.append("#, " + ", ".join(catalog.header_flags))
    lines += _field("", "msgid", "") + _field("", "msgstr", header)
    out = ["\n".join(lines)]
    entries = catalog.active() + catalog.obsolete()
    out += ("\n".join(_entry(e)) for e in entries)
    return ("\n\n".join(out) + "\n").encode("utf-8")


def _metadata(metadata: dict[str, str]) -> list[tuple[str, str]]:
    known = [(name, metadata[name]) for name in _ORDER if name in metadata]
    return known + sorted((k, v) for k, v in metadata.items() if k not in _ORDER)


def _entry(entry: Entry) -> list[str]:
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
    if entry.msgid_plural is not None:
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
    if _WIDE_CHAR.search(text):
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


def render(catalog: Catalog, path: Path, stamp: str = "POT-Creation-Date") -> bytes | None:
    """The bytes to write at `path`, or None when the file already holds this catalog.

    A catalog that differs only in its `stamp` header counts as unchanged: it keeps its bytes and
    `catalog` takes the old stamp.
    """
    data = dump(catalog)
    try:
        old = path.read_bytes()
    except FileNotFoundError:
        return data
    fresh = catalog.metadata.get(stamp)
    match = re.search(rb'^"' + re.escape(stamp.encode()) + rb': ([^"\\]*)\\n"$', old, re.M)
    if fresh is None or match is None:
        return None if data == old else data
    line = f'"{stamp}: {fresh}\\n"'.encode()
    if data.replace(line, match.group(0), 1) == old:
        catalog.metadata[stamp] = match.group(1).decode("utf-8")
        return None
    return data


def save(catalog: Catalog, path: Path, stamp: str = "POT-Creation-Date") -> bool:
    """Write a catalog atomically, only if its content changed apart from the `stamp` header."""
    data = render(catalog, path, stamp)
    if data is not None:
        write_atomic(path, data)
    return data is not None
