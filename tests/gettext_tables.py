"""GNU gettext's character tables as its library, libunistring, has them: to check ours against.

gettext wraps PO strings with libunistring's `ulc_width_linebreaks`: character widths from
`uc_width` and break opportunities from libunistring's Unicode line-breaking table (UAX #14).
`l10n/formats/linebreak.py` holds a copy of both (`GETTEXT_CHARS`) and `l10n/formats/powrap.py`
the pair table; this module reads the originals from the installed libunistring with ctypes.

Run `python tests/gettext_tables.py` to print `GETTEXT_CHARS` afresh (libunistring 1.0, the
one Debian 12's gettext 0.21 uses: the table layout below is that version's).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import cache
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from l10n.formats.linebreak import GETTEXT_CLASSES  # noqa: E402

# libunistring 1.0's classes in its own order; values from 33 on are resolved at run time.
NATIVE = (
    "WJ GL B2 BA BB HY CL CP CQ EX IN NS OP OQ QU IS NU PO PR SY AL H2 H3 ID IE JL JV JT HL RI ZJ EB EM "
    "BK CR LF CM ZW SP CB AI SA XX"
).split()
# How UTF-8 text resolves them (u8_possible_linebreaks): ambiguous, complex-context and unknown
# characters as alphabetic, contingent breaks as ideographic.
RESOLVED = {"CB": "ID", "AI": "AL", "SA": "AL", "XX": "AL"}


@cache
def library() -> ctypes.CDLL | None:
    name = ctypes.util.find_library("unistring") or "libunistring.so.2"
    try:
        lib = ctypes.CDLL(name)
    except OSError:
        return None
    lib.uc_width.argtypes = [ctypes.c_uint32, ctypes.c_char_p]
    lib.ulc_width_linebreaks_v2.argtypes = [
        ctypes.c_char_p,
        ctypes.c_size_t,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_char_p,
        ctypes.c_char_p,
        ctypes.c_char_p,
    ]
    lib.u8_possible_linebreaks_v2.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p]
    return lib


def version() -> int | None:
    """libunistring's version as 0xMMmmss (0x010000 for 1.0.0), or None without it."""
    lib = library()
    return ctypes.c_int.in_dll(lib, "_libunistring_version").value if lib else None


def line_break_class(lib: ctypes.CDLL) -> list[str]:
    """Every code point's line-break class, resolved as for UTF-8 (libunistring 1.0's table)."""
    base = ctypes.addressof(ctypes.c_char.in_dll(lib, "libunistring_unilbrkprop"))
    level1 = (ctypes.c_int * 15).from_address(base)
    level2 = (ctypes.c_int * (4 << 9)).from_address(base + 15 * 4)
    level3 = base + 15 * 4 + (4 << 9) * 4
    classes = []
    for code in range(0x110000):
        prop = NATIVE.index("XX")
        if code >> 16 < 15 and level1[code >> 16] >= 0:
            index = level2[level1[code >> 16] + ((code >> 7) & 511)]
            if index >= 0:
                prop = ctypes.c_ubyte.from_address(level3 + index + (code & 127)).value
        name = NATIVE[prop]
        classes.append(RESOLVED.get(name, name))
    return classes


def pair_table(lib: ctypes.CDLL) -> list[str]:
    """libunistring's pair table, a row of D (break), I (break after spaces) or P (none) per class."""
    data = (ctypes.c_ubyte * (33 * 33)).from_address(
        ctypes.addressof(ctypes.c_char.in_dll(lib, "libunistring_unilbrk_table"))
    )
    return ["".join(" DIP"[data[33 * row + col]] for col in range(33)) for row in range(33)]


def widths(lib: ctypes.CDLL) -> list[int]:
    """Every code point's width in columns, as gettext counts it in UTF-8 (controls: 0)."""
    return [max(0, lib.uc_width(code, b"UTF-8")) for code in range(0x110000)]


def _by_character(text: str, data: bytes) -> list[int]:
    """Per character, the value libunistring gave the first byte of its UTF-8 form."""
    out, position = [], 0
    for char in text:
        out.append(data[position])
        position += len(char.encode())
    return out


def possible_breaks(lib: ctypes.CDLL, text: str) -> list[int]:
    """Before each character: libunistring's UC_BREAK_* (1 prohibited, 2 possible, 3 mandatory, 5 CR before LF)."""
    data = text.encode()
    out = ctypes.create_string_buffer(len(data))
    lib.u8_possible_linebreaks_v2(data, len(data), b"UTF-8", out)
    return _by_character(text, out.raw)


def width_breaks(lib: ctypes.CDLL, text: str, width: int, start: int) -> list[int]:
    """Where gettext's call of ulc_width_linebreaks breaks `text` (no escapes in it) into lines of `width` columns."""
    data = text.encode()
    out = ctypes.create_string_buffer(len(data))
    lib.ulc_width_linebreaks_v2(data, len(data), width, start, 0, None, b"UTF-8", out)
    return [i for i, kind in enumerate(_by_character(text, out.raw)) if kind == 2]


def encode(classes: list[str], columns: list[int]) -> str:
    """The compact form of GETTEXT_CHARS: runs of `<hex distance from the last run><class><width>`.

    Hangul syllables alternate LV and LVT; they are one run of class HG.
    """
    runs = []
    last_key, last_start = None, 0
    for code in range(0x110000):
        name = "HG" if 0xAC00 <= code <= 0xD7A3 else classes[code]
        key = (name, columns[code])
        if key != last_key:
            runs.append(f"{code - last_start:x}{name}{columns[code]}")
            last_key, last_start = key, code
    return "".join(runs)


def main() -> None:
    lib = library()
    if lib is None or version() != 0x010000:
        sys.exit("needs libunistring 1.0 (Debian 12's libunistring2)")
    assert NATIVE[:33] == list(GETTEXT_CLASSES[:33])
    text = encode(line_break_class(lib), widths(lib))
    print("GETTEXT_CHARS = (")
    for start in range(0, len(text), 100):
        print(f'    "{text[start : start + 100]}"')
    print(")")
    print("PAIRS = (")
    for row in pair_table(lib):
        print(f'    "{row}"')
    print(")")


if __name__ == "__main__":
    main()
