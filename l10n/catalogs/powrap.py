"""How GNU gettext lays out a PO string: escapes, and lines wrapped as msgcat wraps them.

gettext (write-po.c) writes `keyword "text"` on one line when it fits the page (79 columns) or
cannot be broken; otherwise `keyword ""` and then the text in lines of at most 79 columns,
a new line after each `\\n` of the text. It breaks lines greedily at the break opportunities
of libunistring's Unicode line breaking (UAX #14) over the escaped text: after spaces, after
`-` or `/` before a letter, between Chinese characters but not before closing punctuation such
as `，` `。` `”`, before `<` after `.`, and so on; never inside an escape such as `\\"` or before
the final `\\n`. Widths are libunistring's: Chinese characters take two columns. The
character classes and widths are `segment.chinese.GETTEXT_CHARS`; this module holds the rules.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache
from itertools import accumulate

from ..segment.chinese import GETTEXT_CLASSES, gettext_chars

WIDTH = 79  # gettext's page width
NO_WRAP = 0  # a width that means: never wrap (msgcat --no-wrap)

_ESCAPE_TABLE = str.maketrans({"\\": "\\\\", "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
                               "\t": "\\t", "\v": "\\v", '"': '\\"'})
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
AL, BK, CR, LF, CM, ZW, SP, ZJ, RI, HL, HY, BA = (_CLASS[name] for name in
                                                  "AL BK CR LF CM ZW SP ZJ RI HL HY BA".split())
# Classes whose rules look further than the last character (mandatory breaks, combining marks and
# joiners, zero-width space, flags, Hebrew + hyphen): strings with them take the exact slow path.
_RARE = (BK, CR, LF, CM, ZW, ZJ, RI, HL)


def escape(text: str) -> str:
    """A string as gettext writes it between quotes: C escapes for `\\ " \\a \\b \\f \\n \\r \\t \\v`.

    >>> print(escape('Say "hi"\\n'))
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
    portions = _PORTION.findall(text) or [""]
    escaped = [escape(p) for p in portions]
    if not width:
        if len(portions) == 1:
            return [f'{prefix}{keyword} "{escaped[0]}"']
        return [f'{prefix}{keyword} ""'] + [f'{prefix}"{e}"' for e in escaped]
    line_width = width - 2 - len(prefix)  # columns for the text of a line: less the quotes
    if len(portions) == 1:
        first = escaped[0]
        start = len(keyword) + 1  # `keyword ` before the opening quote
        if not _breaks_at(first, start, line_width):
            return [f'{prefix}{keyword} "{first}"']
    lines = [f'{prefix}{keyword} ""']
    for piece in escaped:
        lines += [f'{prefix}"{line}"' for line in _wrap(piece, line_width)]
    return lines


def _breaks_at(text: str, start: int, width: int) -> bool:
    """Would gettext break `text` (escaped) into lines, its first line starting at column `start`?"""
    if text.isascii() and start + len(text) <= width:
        return False  # fits (escaped ASCII text holds no zero-width characters worth counting here)
    codes = _codes(text)
    if _has_rare(codes):
        return bool(_exact(text, codes, start, width))
    return start + _columns(codes)[-1] > width and bool(_opportunities(text, codes))


def _wrap(text: str, width: int) -> list[str]:
    """An escaped portion of a string in lines of at most `width` columns, as gettext breaks it."""
    if text.isascii() and len(text) <= width:
        return [text]
    codes = _codes(text)
    if _has_rare(codes):
        cuts = _exact(text, codes, 0, width)
    else:
        cuts = _greedy(_opportunities(text, codes), _columns(codes), width)
    return [text[i:j] for i, j in zip([0, *cuts], [*cuts, len(text)])]


def _greedy(breaks: list[int], columns: list[int], width: int) -> list[int]:
    """Where lines end: the last break that keeps the line within `width`, or the first after an overlong piece.

    `columns[i]` is the width of the text before position i.
    """
    cuts: list[int] = []
    start, end = 0, len(columns) - 1
    while columns[end] - columns[start] > width:
        fits = bisect_right(columns, columns[start] + width) - 1  # the furthest position that fits
        k = bisect_right(breaks, fits) - 1
        if k >= 0 and breaks[k] > start:
            cut = breaks[k]
        else:
            k = bisect_right(breaks, start)
            if k == len(breaks):
                break  # no break opportunity left: the rest is one overlong line
            cut = breaks[k]
        cuts.append(cut)
        start = cut
    return cuts


@cache
def _code_map() -> _CodeMap:
    return _CodeMap()


class _CodeMap(dict[int, int]):
    """str.translate's table: a character to the code point `class * 3 + width` (see gettext_chars)."""

    def __init__(self) -> None:
        super().__init__()
        self.table = gettext_chars()
        self.update((code, self.table[code]) for code in range(128))

    def __missing__(self, code: int) -> int:
        value = self[code] = self.table[code]
        return value


def _codes(text: str) -> str:
    return text.translate(_code_map())


_WIDTHS = {code: code % 3 for code in range(len(GETTEXT_CLASSES) * 3)}


def _columns(codes: str) -> list[int]:
    """The width of the text before each position (one more than the text's length)."""
    return [0, *accumulate(codes.translate(_WIDTHS).encode("latin-1"))]


@cache
def _rare_pattern() -> re.Pattern[str]:
    return re.compile("[" + "".join(f"\\x{c * 3:02x}-\\x{c * 3 + 2:02x}" for c in _RARE) + "]")


def _has_rare(codes: str) -> bool:
    return _rare_pattern().search(codes) is not None


@cache
def _opportunity_pattern() -> re.Pattern[str]:
    """Matches end where a line may break: the last character and spaces before a break opportunity."""
    def chars(classes: list[int]) -> str:
        return "".join(f"\\x{c * 3:02x}-\\x{c * 3 + 2:02x}" for c in classes)

    space = chars([SP])
    rows: dict[str, list[int]] = {}
    for row in range(_TABLED):
        rows.setdefault(PAIRS[row * _TABLED:(row + 1) * _TABLED], []).append(row)
    alternatives = []
    for pairs, before in rows.items():
        direct = [col for col in range(_TABLED) if pairs[col] == "D"]
        spaced = [col for col in range(_TABLED) if pairs[col] == "I"]
        options = []
        if direct:
            options.append(f"[{space}]*(?=[{chars(direct)}])")
        if spaced:
            options.append(f"[{space}]+(?=[{chars(spaced)}])")
        if options:
            alternatives.append(f"[{chars(before)}](?:{'|'.join(options)})")
    return re.compile("|".join(alternatives))


def _opportunities(text: str, codes: str) -> list[int]:
    """Positions before which gettext may break `text` (escaped; no rare classes), in order."""
    found = [m.end() for m in _opportunity_pattern().finditer(codes)]
    if "\\" in text and found:
        found = sorted(set(found) - _inside_escapes(text))
    return found


def _inside_escapes(text: str) -> set[int]:
    """Positions gettext never breaks before: the second character of an escape, and the final `\\n`."""
    inside = {m.start() + 1 for m in _ESCAPED.finditer(text)}
    if text.endswith("\\n"):
        inside.add(len(text) - 2)
    return inside


def _exact(text: str, codes: str, start: int, width: int) -> list[int]:
    """Where gettext breaks `text`: libunistring's u8_possible_linebreaks and u8_width_linebreaks, step by step."""
    classes = [ord(c) // 3 for c in codes]
    widths = [ord(c) % 3 for c in codes]
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
