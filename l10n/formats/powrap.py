"""How GNU gettext lays out a PO string: escapes, and lines wrapped as msgcat wraps them.

gettext (write-po.c) writes `keyword "text"` on one line when it fits the page (79 columns) or
cannot be broken; otherwise `keyword ""` and then the text in lines of at most 79 columns,
a new line after each `\\n` of the text. It breaks lines greedily at the break opportunities
of libunistring's Unicode line breaking (UAX #14) over the escaped text: after spaces, after
`-` or `/` before a letter, between Chinese characters but not before closing punctuation such
as `，` `。` `”`, before `<` after `.`, and so on; never inside an escape such as `\\"` or before
the final `\\n`. Widths are libunistring's: Chinese characters take two columns. The
character classes and widths are `linebreak.GETTEXT_CHARS`; this module holds the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Container
from functools import cache
from itertools import accumulate, chain
from typing import overload

from .linebreak import GETTEXT_CLASSES, gettext_chars

WIDTH = 79  # gettext's page width
NO_WRAP = 0  # a width that means: never wrap (msgcat --no-wrap)

_ESCAPE_TABLE = str.maketrans(
    {
        "\\": "\\\\",
        "\a": "\\a",
        "\b": "\\b",
        "\f": "\\f",
        "\n": "\\n",
        "\r": "\\r",
        "\t": "\\t",
        "\v": "\\v",
        '"': '\\"',
    }
)
_NEEDS_ESCAPE = re.compile(r'[\\\a\b\f\n\r\t\v"]')
_ESCAPED = re.compile(r"\\.")
_PORTION = re.compile(r"[^\n]*\n|[^\n]+")

# libunistring's pair table (table 7.3 of UAX #14 as libunistring 1.0 has it), by the class of
# the last character before the spaces (row) and the class of the next one (column): D a break,
# I a break only after spaces, P none.
PAIRS = (
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII"
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII"
    "PIPIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD"
    "PDDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD"
    "PIIIIIPPPPIIIIIPIIIPIIIIIIIIIIIII"
    "PDDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIPDDIPDIIPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIDDIPIIIPIDDDDDDDIDIDD"
    "PIDIDIPPPPIIDDIPDIIPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD"
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP"
    "PPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPPP"
    "PIIIIIPPPPIIPPIPIIIPIIIIIIIIIIIII"
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD"
    "PIDIDIPPPPIIIIIPIDDPIDDDDDDDIDIDD"
    "PIDIDIPPPPIIIIIPIDDPIIIIIIIIIDIII"
    "PIDIDIPPPPIIDDIPIDDPDDDDDDDDIDDDD"
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI"
    "PIDIDIPPPPIIDDIPDIDPDIIDDIIDDDDDD"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDIIDDDDD"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDIDDDDD"
    "PIDIDIPPPPIIIDIPIIIPIDDDDDDDIDIDD"
    "PIDIDIPPPPIIDDIPDDDPDDDDDDDDDDDDD"
    "PIDIDIPPPPIIIDIPIIIPIDDIIDDDIDIII"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDI"
    "PIDIDIPPPPIIDDIPDIDPDDDDDDDDDDDDD"
)
_TABLED = 33  # the classes the pair table covers
_CLASS = {name: index for index, name in enumerate(GETTEXT_CLASSES)}
AL, BK, CR, LF, CM, ZW, SP, ZJ, RI, HL, HY, BA = (
    _CLASS[name] for name in "AL BK CR LF CM ZW SP ZJ RI HL HY BA".split()
)
# Classes whose rules look further than the last character (mandatory breaks, combining marks and
# joiners, zero-width space, flags, Hebrew + hyphen): strings with them take the exact slow path.
_RARE_CLASSES = (BK, CR, LF, CM, ZW, ZJ, RI, HL)


def c_escape(text: str) -> str:
    """A string as gettext writes it between quotes: C escapes for `\\ " \\a \\b \\f \\n \\r \\t \\v`.

    >>> print(c_escape('Say "hi"\\n'))
    Say \\"hi\\"\\n
    """
    return text.translate(_ESCAPE_TABLE) if _NEEDS_ESCAPE.search(text) else text


def string_lines(prefix: str, keyword: str, text: str, width: int = WIDTH) -> list[str]:
    """`keyword "text"` as gettext writes it, each line starting with `prefix` (`#~ `, `#| `…).

    `width` is the page width, or NO_WRAP: then only the text's newlines start new lines.

    >>> string_lines("", "msgid", "One\\nTwo")
    ['msgid ""', '"One\\\\n"', '"Two"']
    >>> string_lines("#~ ", "msgstr", "很长的中文句子，" * 6)[1:]
    ['#~ "很长的中文句子，很长的中文句子，很长的中文句子，很长的中文句子，很长的中文"', '#~ "句子，很长的中文句子，"']
    """
    if text.find("\n", 0, len(text) - 1) >= 0:
        portions = [c_escape(p) for p in _PORTION.findall(text)]
        if not width:
            return [f'{prefix}{keyword} ""'] + [f'{prefix}"{p}"' for p in portions]
        line_width = width - 2 - len(prefix)  # the text of a line: the width less the quotes
        lines = [f'{prefix}{keyword} ""']
        for portion in portions:
            lines += _lines(prefix, portion, _cuts(portion, line_width))
        return lines
    escaped = c_escape(text)
    if not width or len(prefix) + len(keyword) + 3 + 2 * len(text) <= width:  # fits, even were all wide
        return [f'{prefix}{keyword} "{escaped}"']
    cuts = _cuts(escaped, width - 2 - len(prefix), len(keyword) + 1)
    if cuts is None:
        return [f'{prefix}{keyword} "{escaped}"']
    return [f'{prefix}{keyword} ""', *_lines(prefix, escaped, cuts)]


def _lines(prefix: str, text: str, cuts: list[int]) -> list[str]:
    if not cuts:
        return [f'{prefix}"{text}"']
    return [f'{prefix}"{text[i:j]}"' for i, j in zip([0, *cuts], [*cuts, len(text)])]


@overload
def _cuts(text: str, width: int) -> list[int]: ...
@overload
def _cuts(text: str, width: int, first: int) -> list[int] | None: ...


def _cuts(text: str, width: int, first: int | None = None) -> list[int] | None:
    """Where gettext breaks an escaped portion of a string into lines of `width` columns.

    With `first`, the column the text starts at on the keyword's line: None when it stays there,
    else the breaks of the text on lines of its own.
    """
    ascii = text.isascii()
    if ascii and (first or 0) + len(text) <= width:
        return None if first is not None else []
    codes = text.encode().translate(_ascii_codes()) if ascii else text.translate(_CODES).encode("latin-1")
    classes = codes.translate(_CLASS_OF_CODE)
    if _RARE.search(classes):
        if first is not None and not _exact(text, codes, first, width):
            return None
        return _exact(text, codes, 0, width)
    never = _inside_escapes(text) if "\\" in text else ()
    columns = None if ascii else [0, *accumulate(codes.translate(_WIDTH_OF_CODE))]
    total = len(text) if columns is None else columns[-1]
    if first is not None and first + total <= width:
        return None  # it fits on the keyword's line
    cuts: list[int] = []
    line = 0  # where the current line starts
    while total - (line if columns is None else columns[line]) > width:
        cut = _break_before(classes, never, line, width, columns)
        if cut is None:
            break  # no break opportunity left: the rest is one overlong line
        cuts.append(cut)
        line = cut
    if first is None or cuts:
        return cuts
    # One line of its own holds it (or nothing can break it): it leaves the keyword's line if it can break there.
    return [] if _break_before(classes, never, 0, width - first, columns) is not None else None


def _break_before(
    classes: bytes, never: Container[int], line: int, width: int, columns: list[int] | None
) -> int | None:
    """The last break opportunity that keeps the line from `line` within `width` columns, else the
    first one after it (None: no more). `classes` holds each character's class.

    In text without the rare classes only the last non-space character before a position, and
    whether spaces follow it, tell whether a line may break there.
    """
    if columns is None:
        fits = line + width
    else:
        fits = bisect_right(columns, columns[line] + width) - 1
    end = len(classes)
    for i in chain(range(min(fits, end - 1), line, -1), range(max(fits, line) + 1, end)):
        here = classes[i]
        if here == SP:
            continue
        k = i - 1
        while k >= 0 and classes[k] == SP:
            k -= 1
        if k < 0:
            continue  # only spaces before: the start of the text
        pair = _PAIR[classes[k] * _TABLED + here]
        if (pair == 1 or (pair == 2 and k < i - 1)) and i not in never:
            return i
    return None


class _CodeMap(dict[int, int]):
    """str.translate's table: a character to the code point `class * 3 + width` (see gettext_chars)."""

    def __missing__(self, code: int) -> int:
        value = self[code] = gettext_chars()[code]
        return value


_CODES = _CodeMap()
_CODE_COUNT = len(GETTEXT_CLASSES) * 3
# bytes.translate tables over codes: a code's class, its width; and ASCII characters' codes.
_CLASS_OF_CODE = bytes(code // 3 if code < _CODE_COUNT else 0 for code in range(256))
_WIDTH_OF_CODE = bytes(code % 3 if code < _CODE_COUNT else 0 for code in range(256))
_PAIR = bytes("PDI".index(pair) for pair in PAIRS)  # 0 no break, 1 a break, 2 a break after spaces
_RARE = re.compile(b"[" + b"".join(re.escape(bytes([c])) for c in _RARE_CLASSES) + b"]")


@cache
def _ascii_codes() -> bytes:
    return bytes([*(_CODES[code] for code in range(128)), *range(128, 256)])


def _inside_escapes(text: str) -> set[int]:
    """Positions gettext never breaks before: the second character of an escape, and the final `\\n`."""
    inside = {m.start() + 1 for m in _ESCAPED.finditer(text)}
    if text.endswith("\\n"):
        inside.add(len(text) - 2)
    return inside


def _exact(text: str, codes: bytes, start: int, width: int) -> list[int]:
    """Where gettext breaks `text`: libunistring's u8_possible_linebreaks and u8_width_linebreaks, step by step."""
    classes = [c // 3 for c in codes]
    widths = [c % 3 for c in codes]
    never = _inside_escapes(text) if "\\" in text else set()
    possible = _possible(classes)
    cuts: list[int] = []
    last_cut: int | None = None  # the start of the current piece, where a break may go
    column, piece = start, 0
    for i, (kind, w) in enumerate(zip(possible, widths)):
        if i in never:
            kind = "P"
        if kind in "DM" and last_cut is not None and column + piece > width:
            cuts.append(last_cut)
            column = 0
        if kind == "M":  # a mandatory break (U+2028 and the like): a new piece at column 0
            last_cut, column, piece = None, 0, 0
        else:
            if kind == "D":
                last_cut, column, piece = i, column + piece, 0
            piece += w
    if last_cut is not None and column + piece > width:
        cuts.append(last_cut)
    return cuts


def _possible(classes: list[int]) -> list[str]:
    """Before each character: D a break opportunity, M a mandatory break, P none (libunistring 1.0's rules)."""
    out = ["P"] * len(classes)
    last = BK  # the class of the last character that was not a space (BK: the start of a line)
    spaces = False  # spaces since then
    preceding = BK  # the class of the character just before
    before_preceding = BK
    flags = 0  # regional indicators just before
    for i, kind in enumerate(classes):
        if kind in (BK, CR, LF):
            out[i] = "M"
            last, spaces, flags = BK, False, 0
            preceding = before_preceding = BK
            continue
        if kind == SP:
            spaces = True
        elif kind == ZW:
            last, spaces = ZW, False
        elif kind in (CM, ZJ):  # combining marks and joiners: part of the character before
            if last == BK:
                last, spaces = AL, False
            elif last == ZW or spaces:
                out[i] = "D"
                last, spaces = AL, False
        else:
            if last == BK:
                brk = False
            elif last == ZW:
                brk = True
            elif preceding == ZJ:
                brk = False
            elif last in (HY, BA) and preceding == last and before_preceding == HL and not spaces:
                brk = False  # Hebrew letter + hyphen stays with what follows
            elif last == RI and kind == RI:
                brk = spaces or flags % 2 == 0
            else:
                pair = PAIRS[last * _TABLED + kind]
                brk = pair == "D" or (pair == "I" and spaces)
            if brk:
                out[i] = "D"
            last, spaces = kind, False
        before_preceding, preceding = preceding, kind
        flags = flags + 1 if kind == RI else 0
    return out
