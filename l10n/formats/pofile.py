"""The PO format: the one reader and writer of PO text (`.po` and `.pot`), as Babel's `read_po`/`write_po`.

`parse` reads text into a `Catalog` and accepts what GNU msgfmt accepts; the rest is a
`CatalogError` naming the file and line (an unterminated string, a missing quote, an unknown
keyword or escape, a duplicate message, an EOT character in a string), and so is a NUL
character, which msgfmt silently cuts a string at. Lines end only at `\\n`: text may hold any
other character, line and paragraph separators included. `dump` lays entries out byte for byte
as GNU msgcat does (see powrap); `render` rewrites a file's text keeping the lines of the
entries that did not change and their style (wrapped at 79 columns, or not at all). Text in,
text out: where files are and how they are saved is the store's business.
"""

from __future__ import annotations

import hashlib
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import lru_cache
from itertools import chain
from pathlib import Path

from ..catalogs.catalog import Catalog, Entry, Key
from ..errors import CatalogError
from .powrap import NO_WRAP, WIDTH, string_lines

# ---- reading ----

_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"[ \t\r\f\v]*')
_ESCAPE = re.compile(r"\\(?:([ntrbfva\"\\?])|([0-7]{1,3})|x([0-9A-Fa-f]+)|(.|$))")
_SIMPLE_ESCAPES = {
    "n": "\n",
    "t": "\t",
    "r": "\r",
    "b": "\b",
    "f": "\f",
    "v": "\v",
    "a": "\a",
    '"': '"',
    "\\": "\\",
    "?": "?",
}
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)(?=[ \t\"])[ \t]*")
_KEYWORD_START = re.compile(r"msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?|\w+")
_UNTERMINATED = re.compile(r'"(?:[^"\\]|\\.)*\\?')
# Previous English as pybabel rewrites msgmerge's `#| msgid` lines: `# | msgid`.
_PYBABEL_PREVIOUS = re.compile(r'# \|[ \t]*(?:msgctxt|msgid|msgid_plural)?[ \t]*"')
_NUL = "a NUL character (msgfmt would cut the string there)"
# Where an entry starts: a msgid at the start of a line, as any convention ends lines (CR too).
_MSGID_LINE = re.compile(r"(?:^|\r)[ \t\f\v]*(?:#~[ \t\f\v]*)?msgid[ \t]*\"", re.M)
_BARE_CR = re.compile(r"\r(?!\n)")
_OLD_MAC = (
    "a carriage return that does not end a line (old Mac line endings): msgfmt reads the rest of the line "
    "as a comment; save the file with LF (or CRLF) line endings"
)


def _lines(text: str, chunk: int = 1 << 20) -> Iterator[str]:
    """The lines of a text, a megabyte of them at a time (a large catalog's are not all held at once)."""
    start = 0
    while len(text) - start > chunk:
        end = text.find("\n", start + chunk)
        if end < 0:
            break
        yield from text[start:end].split("\n")
        start = end + 1
    yield from text[start:].split("\n")


class _Reader:
    """Reads PO text line by line into a Catalog; see `parse`. Given `each`, the entries are
    handed to it as they are read instead (the catalog gets the header only)."""

    def __init__(self, text: str, path: Path | str, each: Callable[[Entry], None] | None = None):
        self.path = path
        self.text = text
        self.catalog = Catalog()
        self.each = each
        self.count = 0  # entries read, the header apart
        self.entry: Entry | None = None  # the entry being read
        self.field: str | None = None  # the attribute the next string continues
        self.comments: list[str] = []  # the entry's `#.` lines
        self.tcomments: list[str] = []  # its translator comment lines
        self.number = 0
        self.msgstr_line = 0  # where the entry's (first) msgstr is
        self.has_header = False

    def fail(self, message: str, line: int | None = None) -> CatalogError:
        return CatalogError(f"syntax error: {message}", self.path, line or self.number)

    def read(self) -> Catalog:
        if "\0" in self.text:
            raise self.fail(_NUL, self.text.count("\n", 0, self.text.index("\0")) + 1)
        for number, raw in enumerate(_lines(self.text), 1):
            self.number = number
            line = raw.strip(" \t\r\f\v")
            if not line:
                continue
            if line[0] == "#":
                self.comment(line)
            else:
                self.keyword_or_string(line, obsolete=False)
        self.close()
        self.check_count()
        return self.catalog

    def check_count(self) -> None:
        """A catalog is never read as less than it holds: as many entries as the text has msgid
        lines (a line ending msgfmt does not take, such as a bare CR, hides entries in a comment)."""
        read = self.count + self.has_header
        if len(_MSGID_LINE.findall(self.text)) > read:
            bare = _BARE_CR.search(self.text)
            if bare is not None:
                raise self.fail(_OLD_MAC, self.text.count("\n", 0, bare.start()) + 1)
            raise self.fail(f"{read} entries read where the text has more msgid lines", 1)

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
            self.previous(line[line.index("|") + 1 :].lstrip(" \t"))
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
                name, _, number = reference.rpartition(":")  # a file's name held once (sys.intern)
                entry.occurrences.append((sys.intern(name), number) if name and number.isdigit() else (reference, ""))
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
        setattr(entry, self.field, self.string(rest[match.end() :]))

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
        value = self.string(line[match.end() :])
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
            self.msgstr_line = self.number
        else:
            number = int(index)
            if entry.msgid_plural is None:
                raise self.fail(f"msgstr[{index}] in an entry without msgid_plural")
            if number != len(entry.msgstr_plural):
                raise self.fail(f"msgstr[{index}] out of order")
            entry.msgstr_plural[number] = value
            self.field = f"msgstr[{number}]"
            self.msgstr_line = self.msgstr_line if number else self.number

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
        if (
            rest[-1:] == '"'
            and rest[:1] == '"'
            and len(rest) > 1
            and '"' not in inner
            and "\\" not in inner
            and "\x04" not in inner
        ):
            return inner  # most strings: nothing escaped
        match = _STRING.fullmatch(rest)
        if match is None:
            if not rest.startswith('"'):
                raise self.fail("missing opening quote")
            if _UNTERMINATED.fullmatch(rest):
                raise self.fail("end of line within a string (missing closing quote)")
            raise self.fail("unescaped double quote inside a string")
        text = match.group(1)
        if "\\" in text:
            try:
                text = _ESCAPE.sub(_unescape, text)
            except ValueError as e:
                raise self.fail(str(e)) from None
        if "\x04" in text:
            raise self.fail("context separator <EOT> within string")
        return text

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
            if self.count or catalog.metadata or catalog.header or catalog.header_flags:
                raise self.fail("empty msgid (only the header may have one)", entry.line)
            self.header(entry)
            self.has_header = True
            return
        if not entry.obsolete and not entry.fuzzy:  # as msgfmt: it leaves fuzzy entries out
            problem = newline_problem(entry.msgid, _translations(entry))
            if problem:
                raise self.fail(problem, self.msgstr_line)
        self.count += 1
        if self.each is None:
            catalog.entries.append(entry)
        else:
            self.each(entry)

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
        if "fuzzy" in entry.flags:
            return  # msgfmt does not read a fuzzy header
        problem = charset_problem(catalog.metadata.get("Content-Type", ""))
        problem = problem or plural_problem(catalog.metadata.get("Plural-Forms"))
        if problem:
            raise self.fail(problem, self.msgstr_line)


_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.IGNORECASE)


def charset_problem(content_type: str) -> str | None:
    """What is wrong with a catalog's declared charset for l10n, which reads and writes UTF-8
    only: any other (msgfmt would read the file in it, and `compile` copy it), or None.
    A template's placeholder `CHARSET` and no declaration at all are UTF-8."""
    found = _CHARSET.search(content_type)
    charset = found.group(1) if found else "UTF-8"
    if charset.upper().replace("_", "-") in ("UTF-8", "UTF8", "CHARSET"):
        return None
    return (
        f"the catalog declares charset {charset}: l10n reads catalogs as UTF-8 "
        "(convert it with msgconv --to-code=UTF-8)"
    )


_PLURAL_TOKEN = re.compile(r"\s*(?:(\d+)|(n)|(\|\||&&|==|!=|<=|>=|[-+*/%<>!?:()]))")
_BINARY = [("||",), ("&&",), ("==", "!="), ("<", ">", "<=", ">="), ("+", "-"), ("*", "/", "%")]


@lru_cache(maxsize=64)  # catalogs of a locale share their header: checked once
def plural_problem(value: str | None) -> str | None:
    """What msgfmt refuses in a Plural-Forms header (`nplurals=2; plural=n != 1;`): an nplurals
    that is not a positive number, a plural expression that is not gettext's C expression, or one
    giving a form nplurals does not have (for n up to 1,000); None when there is none."""
    if value is None:
        return None
    fields = dict(part.strip().partition("=")[::2] for part in value.split(";") if "=" in part)
    count = fields.get("nplurals")
    if count is not None and not count.strip().isdigit():
        return "invalid nplurals value"
    expression = fields.get("plural")
    if expression is None:
        return None
    try:
        evaluate = _plural_expression(expression)
    except ValueError:
        return "invalid plural expression"
    if count is None:
        return None
    try:
        largest = max(evaluate(n) for n in range(1001))
    except ZeroDivisionError:
        return "plural expression can produce division by zero"
    if largest >= int(count):
        return f"nplurals = {int(count)} but plural expression can produce values as large as {largest}"
    return None


def _plural_expression(text: str) -> Callable[[int], int]:
    """gettext's plural expression as a function of n (C semantics: unsigned, integer division);
    ValueError when it is not one."""
    tokens: list[str] = []
    position = 0
    text = text.strip()
    while position < len(text):
        found = _PLURAL_TOKEN.match(text, position)
        if found is None or found.end() == position:
            raise ValueError(text)
        tokens.append(found.group(0).strip())
        position = found.end()
    at = 0

    def peek() -> str | None:
        return tokens[at] if at < len(tokens) else None

    def take(expected: str | None = None) -> str:
        nonlocal at
        token = peek()
        if token is None or (expected is not None and token != expected):
            raise ValueError(text)
        at += 1
        return token

    def conditional() -> Callable[[int], int]:
        test = binary(0)
        if peek() != "?":
            return test
        take("?")
        yes = conditional()
        take(":")
        no = conditional()
        return lambda n: yes(n) if test(n) else no(n)

    def binary(level: int) -> Callable[[int], int]:
        if level == len(_BINARY):
            return unary()
        left = binary(level + 1)
        while peek() in _BINARY[level]:
            left = _operation(take(), left, binary(level + 1))
        return left

    def unary() -> Callable[[int], int]:
        token = take()
        if token == "!":
            inner = unary()
            return lambda n: int(not inner(n))
        if token == "(":
            inner = conditional()
            take(")")
            return inner
        if token == "n":
            return lambda n: n
        if token.isdigit():
            number = int(token)
            return lambda n: number
        raise ValueError(text)

    result = conditional()
    if at != len(tokens):
        raise ValueError(text)
    return result


def _operation(op: str, a: Callable[[int], int], b: Callable[[int], int]) -> Callable[[int], int]:
    operations: dict[str, Callable[[int, int], int]] = {
        "||": lambda x, y: int(bool(x or y)),
        "&&": lambda x, y: int(bool(x and y)),
        "==": lambda x, y: int(x == y),
        "!=": lambda x, y: int(x != y),
        "<": lambda x, y: int(x < y),
        ">": lambda x, y: int(x > y),
        "<=": lambda x, y: int(x <= y),
        ">=": lambda x, y: int(x >= y),
        "+": lambda x, y: x + y,
        "-": lambda x, y: (x - y) % (1 << 64),  # unsigned, as gettext computes
        "*": lambda x, y: x * y,
        "/": lambda x, y: x // y,
        "%": lambda x, y: x % y,
    }
    function = operations[op]
    return lambda n: function(a(n), b(n))


def newline_problem(msgid: str, others: list[tuple[str, str]]) -> str | None:
    """msgfmt's rule that the strings of an entry begin and end with a line break where its msgid
    does: what breaks it among `others` ((keyword, text); empty ones are untranslated), or None.

    >>> newline_problem("Hello", [("msgstr", "你好\\n")])
    "'msgid' and 'msgstr' entries do not both end with '\\\\n'"
    """
    for keyword, text in others:
        if text and msgid.startswith("\n") != text.startswith("\n"):
            return f"'msgid' and '{keyword}' entries do not both begin with '\\n'"
        if text and msgid.endswith("\n") != text.endswith("\n"):
            return f"'msgid' and '{keyword}' entries do not both end with '\\n'"
    return None


def _translations(entry: Entry) -> list[tuple[str, str]]:
    """An entry's strings that msgfmt compares with its msgid."""
    if entry.msgid_plural is None:
        return [("msgstr", entry.msgstr)]
    plural = [("msgid_plural", entry.msgid_plural)] if entry.translated else []
    return plural + [(f"msgstr[{n}]", text) for n, text in sorted(entry.msgstr_plural.items())]


def _unescape(match: re.Match[str]) -> str:
    simple, octal, hexa, other = match.groups()
    if other is not None:
        raise ValueError(f"invalid escape sequence {match.group(0)!r}")
    if simple is not None:
        return _SIMPLE_ESCAPES[simple]
    code = int(octal, 8) if octal is not None else int(hexa, 16)
    if code == 0:
        raise ValueError(_NUL)
    return chr(code)


def parse(text: str, path: Path | str = "<string>") -> Catalog:
    """A catalog from PO text; anything msgfmt would refuse raises CatalogError(path, line).

    >>> catalog = parse('msgid ""\\nmsgstr "Language: zh_Hans\\\\n"\\n\\n#, fuzzy\\nmsgid "Hello"\\nmsgstr "你好"\\n')
    >>> catalog.metadata["Language"], [(e.msgid, e.msgstr, e.fuzzy, e.line) for e in catalog]
    ('zh_Hans', [('Hello', '你好', True, 4)])
    """
    catalog = _Reader(text, path).read()
    seen: dict[Key, int] = {}
    for entry in catalog.entries:  # obsolete ones too, as msgfmt
        _check_unique(entry, seen, path)
    return catalog


def _check_unique(entry: Entry, seen: dict[Key, int], path: Path | str) -> None:
    """An entry's key is not one an earlier entry (`seen`, with its line) has, as msgfmt requires."""
    first = seen.setdefault(entry.key, entry.line)
    if first != entry.line:
        raise CatalogError(f"duplicate message definition (first at line {first})", path, entry.line)


class _Read:
    """What rewriting a file needs of the catalog it holds, gathered as it is read without holding
    its entries (see `render`): its header, and each entry's line and the digest of its unwrapped
    lines, in the order of the file and in the order gettext writes them (see `_written`)."""

    def __init__(self, text: str, path: Path | str):
        self.entries: list[tuple[int, bytes]] = []  # (line, digest) of every entry
        self.active: list[bytes] = []
        self.obsolete: list[bytes] = []  # those with a translation: written
        seen: dict[Key, int] = {}

        def each(entry: Entry) -> None:
            _check_unique(entry, seen, path)
            digest = _digest(_entry_lines(entry, NO_WRAP))
            self.entries.append((entry.line, digest))
            if not entry.obsolete:
                self.active.append(digest)
            elif entry.translated:
                self.obsolete.append(digest)

        self.header = _Reader(text, path, each).read()

    def signature(self) -> tuple[bytes | None, list[bytes]]:
        """As `_signature` of the catalog read."""
        header = self.header
        return _digest(_header_lines(header, NO_WRAP)) if _has_header(header) else None, self.active + self.obsolete


# ---- writing ----
#
# Entries are laid out as GNU gettext (msgcat, msgmerge 0.21) writes them, byte for byte: its
# wrapping (powrap), its order of comments, its normal form of flags and references. Flags
# gettext does not know (l10n's `ignore-CHECK`) are kept, after gettext's; msgcat drops them.

# gettext's format flags, in the order it writes them.
_FORMATS = (
    "c objc python python-brace java java-printf csharp javascript scheme lisp elisp librep ruby sh awk lua "
    "object-pascal smalltalk qt qt-plural kde kde-kuit boost tcl perl perl-brace php gcc-internal "
    "gfc-internal ycp"
).split()
_FORMAT_FLAG = re.compile(r"(no-|possible-|impossible-|undecided-)?(" + "|".join(map(re.escape, _FORMATS)) + ")-format")
_RANGE_FLAG = re.compile(r"range: *(-?\d+) *\.\. *(-?\d+)")


def dump(catalog: Catalog, width: int = WIDTH) -> bytes:
    """The catalog as UTF-8 PO text, exactly as GNU msgcat writes it (`width` NO_WRAP: as `msgcat --no-wrap`).

    >>> print(dump(parse('msgid "Hello"\\nmsgstr "你好"\\n'), width=20).decode(), end="")
    msgid "Hello"
    msgstr "你好"
    """
    header = ["\n".join(_header_lines(catalog, width))] if _has_header(catalog) else []
    return _join(chain(header, ("\n".join(_entry_lines(e, width)) for e in _written(catalog))))


def _join(blocks: Iterable[str]) -> bytes:
    """The blocks as a file's UTF-8 bytes, a blank line between them. Each block is encoded as it
    comes: a large catalog's text is never held whole as a Python string (four bytes a character
    once one is beyond the Basic Multilingual Plane, as an emoji is)."""
    encoded = [block.encode("utf-8") for block in blocks]
    if encoded:
        encoded[-1] += b"\n"
    return b"\n\n".join(encoded)


def _has_header(catalog: Catalog) -> bool:
    return bool(catalog.metadata or catalog.header or catalog.header_flags)


def _written(catalog: Catalog) -> list[Entry]:
    """The entries gettext writes, in its order: active ones, then obsolete ones that keep a
    translation (gettext looks only at a plural entry's first: l10n keeps any)."""
    return catalog.active() + [e for e in catalog.obsolete() if e.translated]


def _first_msgstr(entry: Entry) -> str:
    return entry.msgstr_plural.get(0, "") if entry.msgid_plural is not None else entry.msgstr


def _comment_lines(mark: str, text: str) -> list[str]:
    """`# text` / `#. text` lines, one per line of `text`; an empty line is the bare mark."""
    return [f"{mark} {line}".rstrip() if line else mark for line in text.split("\n")] if text else []


def _header_lines(catalog: Catalog, width: int) -> list[str]:
    text = "".join(f"{name}: {value}\n" for name, value in catalog.metadata.items())
    lines = _comment_lines("#", catalog.header)
    flags = _flags(catalog.header_flags, translated=bool(text))
    if flags:
        lines.append("#, " + ", ".join(flags))
    return lines + string_lines("", "msgid", "", width) + string_lines("", "msgstr", text, width)


def _entry_lines(entry: Entry, width: int) -> list[str]:
    lines = _comment_lines("#", entry.tcomment) if entry.tcomment else []
    if entry.comment:
        lines += _comment_lines("#.", entry.comment)
    if entry.occurrences:
        lines += _references(entry.occurrences)
    if entry.flags:
        flags = _flags(entry.flags, translated=bool(_first_msgstr(entry)))
        if entry.obsolete:
            flags = [f for f in flags if not _RANGE_FLAG.fullmatch(f)]  # msgcat drops only the range here
        if "no-wrap" in flags:
            width = NO_WRAP
        if flags:
            lines.append("#, " + ", ".join(flags))
    prefix = "#~ " if entry.obsolete else ""
    if (
        entry.previous_msgctxt is not None
        or entry.previous_msgid is not None
        or entry.previous_msgid_plural is not None
    ):
        previous = "#~| " if entry.obsolete else "#| "
        for keyword, text in (
            ("msgctxt", entry.previous_msgctxt),
            ("msgid", entry.previous_msgid),
            ("msgid_plural", entry.previous_msgid_plural),
        ):
            if text is not None:
                lines += string_lines(previous, keyword, text, width)
    if entry.msgctxt is not None:
        lines += string_lines(prefix, "msgctxt", entry.msgctxt, width)
    lines += string_lines(prefix, "msgid", entry.msgid, width)
    if entry.msgid_plural is None:
        return lines + string_lines(prefix, "msgstr", entry.msgstr, width)
    lines += string_lines(prefix, "msgid_plural", entry.msgid_plural, width)
    for index, text in sorted(entry.msgstr_plural.items()):
        lines += string_lines(prefix, f"msgstr[{index}]", text, width)
    return lines


def _flags(flags: list[str], translated: bool) -> list[str]:
    """Flags as gettext writes them: fuzzy (only on a translation), format flags in its order
    (the last word on each language wins), range, no-wrap; then the flags gettext does not know.
    """
    if not flags or flags == ["fuzzy"]:
        return flags if translated else []
    fuzzy = False
    formats: dict[str, str] = {}
    span: str | None = None
    wrap = True
    others: list[str] = []
    for flag in flags:
        if flag == "fuzzy":
            fuzzy = True
        elif flag in ("wrap", "no-wrap"):
            wrap = flag == "wrap"
        elif match := _FORMAT_FLAG.fullmatch(flag):
            formats[match.group(2)] = match.group(1) or ""
        elif match := _RANGE_FLAG.fullmatch(flag):
            low, high = int(match.group(1)), int(match.group(2))
            span = f"range: {low}..{high}" if 0 <= low < high else None
        elif flag not in others:
            others.append(flag)
    out = ["fuzzy"] if fuzzy and translated else []
    for language in _FORMATS if formats else ():
        kind = formats.get(language)
        if kind in ("", "possible-"):
            out.append(f"{language}-format")
        elif kind == "no-":
            out.append(f"no-{language}-format")
    if span:
        out.append(span)
    if not wrap:
        out.append("no-wrap")
    return out + others


def _references(occurrences: list[tuple[str, str]]) -> list[str]:
    """`#:` lines as gettext writes them: each reference once, no leading `./`, filled to 79 columns."""
    lines: list[str] = []
    line, column = "#:", 2
    seen: set[tuple[str, str]] = set()
    for name, number in occurrences:
        if (name, number) in seen:
            continue
        seen.add((name, number))
        while name.startswith("./"):
            name = name[2:]
        reference = f"{name}:{number}" if number else name
        if column > 2 and column + len(reference) + 1 > WIDTH:
            lines.append(line)
            line, column = "#:", 2
        line += " " + reference
        column += len(reference) + 1
    return lines + [line] if column > 2 else lines


# ---- rewriting a file ----
#
# A translator's file keeps its layout: a catalog whose content is what the file holds already is
# not written at all (whatever tool laid the file out), and a rewrite keeps the lines of every
# entry that did not change and lays out the others in the file's style (wrapped or not).

_STRING_LINE = re.compile(r'((?:#~\|? |#\| )?)((?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) )?"(.*)"')
_SOFT_WRAP = re.compile(r'^(?:#~\|? |#\| )?"(?:[^"\\]|\\.)*(?<!\\n)"\n(?:#~\|? |#\| )?"', re.M)


def style(text: str) -> int:
    """The wrapping a PO file was written with: NO_WRAP when its long strings are on one line
    (`msgcat --no-wrap`, most editors), else WIDTH (a file with no string long enough to tell too).

    >>> style('msgid ""\\n"A long string "\\n"wrapped."\\nmsgstr ""\\n'), style('msgid "' + 'word ' * 20 + '"\\n')
    (79, 0)
    """
    if _SOFT_WRAP.search(text):
        return WIDTH  # a string continued on the next line not after a newline: wrapped
    for line in text.split("\n"):
        if len(line) > WIDTH // 2 and (match := _STRING_LINE.fullmatch(line)):
            prefix, keyword, string = match.groups()
            lines = string_lines(prefix, (keyword or " ")[:-1], _unescape_all(string), WIDTH)
            if len(lines) > 2 or (keyword and len(lines) > 1):
                return NO_WRAP  # gettext would have wrapped this line
    return WIDTH


def _unescape_all(text: str) -> str:
    try:
        return _ESCAPE.sub(_unescape, text) if "\\" in text else text
    except ValueError:
        return text


def _signature(catalog: Catalog) -> tuple[bytes | None, list[bytes]]:
    """What a catalog writes, whatever the layout: digests of its header's and entries' lines
    unwrapped (digests: a large catalog's text is not held twice more)."""
    header = _digest(_header_lines(catalog, NO_WRAP)) if _has_header(catalog) else None
    return header, [_digest(_entry_lines(e, NO_WRAP)) for e in _written(catalog)]


def _digest(lines: list[str]) -> bytes:
    return hashlib.blake2b("\n".join(lines).encode("utf-8", "surrogatepass"), digest_size=16).digest()


_PYBABEL_BLOCK = re.compile(r"^# \|", re.M)


def _blocks(text: str, read: _Read) -> tuple[str, dict[bytes, tuple[int, int]]]:
    """The text of a file's header, and where in it is the text of each entry it holds (by the
    digest of the entry's unwrapped lines) that l10n would write with the same meaning: start
    and end, not a copy (a large catalog's text is not held twice)."""
    starts = _line_starts(text, [line - 1 for line, _ in read.entries])
    header = text[: starts[0] if starts else len(text)].strip("\n")
    blocks: dict[bytes, tuple[int, int]] = {}
    for (_, digest), start, end in zip(read.entries, starts, [*starts[1:], len(text)]):
        while start < end and text[start] == "\n":
            start += 1
        while end > start and text[end - 1] == "\n":
            end -= 1
        # gettext reads pybabel's `# | msgid` as a comment: written anew
        if start < end and not _PYBABEL_BLOCK.search(text, start, end):
            blocks.setdefault(digest, (start, end))
    return header, blocks


def _line_starts(text: str, lines: list[int]) -> list[int]:
    """Where in `text` each of the lines (counted from 0, in order) starts."""
    starts = []
    line = position = 0
    for wanted in lines:
        while line < wanted:
            end = text.find("\n", position)
            position = len(text) if end < 0 else end + 1
            line += 1
        starts.append(position)
    return starts


def render(
    catalog: Catalog,
    old_text: str | None,
    name: Path | str = "<string>",
    date_header: str | None = "POT-Creation-Date",
    width: int | None = None,
) -> bytes | None:
    """The bytes to write in place of a file holding `old_text` (None: no such file), or None when
    the file already holds this catalog (`name` names the file in errors).

    The file holds it when the catalog it reads as writes the same entries and header, however
    it is laid out; a catalog that differs only in its `date_header` counts as unchanged too:
    `catalog` takes the old date. Otherwise the entries the file holds keep their lines and
    the others are laid out in the file's style (see `style`). A `width` (NO_WRAP: unwrapped)
    is the style of new files (else 79) and of rewritten ones: a file in another style is then
    laid out afresh. A file that does not parse is written afresh.

    >>> render(parse('msgid "a"\\nmsgstr "b"\\n'), 'msgid "a"\\nmsgstr "b"\\n') is None
    True
    """
    if old_text is None:
        return dump(catalog, WIDTH if width is None else width)
    if old_text.endswith("\r\n", 0, old_text.find("\n") + 1):  # a file with CRLF line endings keeps them
        data = render(catalog, old_text.replace("\r\n", "\n"), name, date_header, width)
        return None if data is None else data.replace(b"\n", b"\r\n")
    try:
        old = _Read(old_text, name)  # its entries are not held: a large catalog is then held once
    except CatalogError:
        return dump(catalog, WIDTH if width is None else width)
    before = old.signature()
    fresh, kept = (
        (catalog.metadata.get(date_header), old.header.metadata.get(date_header)) if date_header else (None, None)
    )
    if date_header and fresh is not None and kept is not None and fresh != kept:
        catalog.metadata[date_header] = kept
        if _signature(catalog) == before:
            return None
        catalog.metadata[date_header] = fresh
    header, entries = after = _signature(catalog)
    if after == before:
        return None
    found = style(old_text)
    if width is not None and width != found:
        return dump(catalog, width)  # a style the settings ask for: the whole file in it
    old_header, old_blocks = _blocks(old_text, old)
    del old
    out = []
    if header is not None:
        out.append(old_header if header == before[0] and old_header else "\n".join(_header_lines(catalog, found)))

    def written() -> Iterator[str]:
        for entry, key in zip(_written(catalog), entries, strict=True):
            block = old_blocks.get(key)
            yield old_text[block[0] : block[1]] if block is not None else "\n".join(_entry_lines(entry, found))

    return _join(chain(out, written()))
