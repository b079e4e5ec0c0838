"""Numbers in English and Chinese text as values: "£31 billion" and "310亿英镑" are one figure.

English figures are the numbers written with digits, with their scale (million, billion, £3.5m,
bn, k) and unit (£, $, €, per cent); times (2pm, 10.30am) stand for their hour and minutes.
Chinese numbers are digits with 十/百/千/万/亿 scales, Chinese numerals (三十, 九千万, 二〇一七)
and their units (英镑, 美元, %, 百分之…). Digits glued to Latin letters are codes, not figures
(A5, LE3 8RA). Placeholder tokens are ignored.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from ..segment.placeholders import TOKEN

PERCENT = "%"
# Chinese words for units, and the symbol each stands for.
CHINESE_UNITS = {"英镑": "£", "镑": "£", "美元": "$", "欧元": "€", "人民币": "¥", "元": "¥", "%": PERCENT}

_FULL_WIDTH = str.maketrans({
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
    **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
    "％": "%", "￡": "£", "￥": "¥", "＄": "$",
})
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_SUFFIXES = {"k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}
# Letters that may follow a figure without making it a code: ordinals, decades, scales, units.
_FIGURE_SUFFIXES = frozenset({
    "st", "nd", "rd", "th", "s", *_SCALE_SUFFIXES,
    "km", "cm", "mm", "kg", "g", "mg", "ml", "l", "ha", "mph", "ft", "mi", "lb", "sq",
})
_TIME = re.compile(r"(?<![\d.])(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))?\s?(?P<half>[ap])\.?m\b\.?", re.IGNORECASE)
_ENGLISH_FIGURE = re.compile(
    rf"(?<![A-Za-z0-9.])(?P<currency>[£$€¥])?\s?(?P<digits>{_NUMBER})"
    r"(?:\s?(?P<word>thousand|million|billion|trillion)\b)?"
    r"(?P<percent>\s?(?:%|per\s?cent\b|percent\b))?(?P<letters>[A-Za-z]*)"
)
_MONTHS = "january february march april may june july august september october november december"
_WORD_VALUES = {
    **{w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen".split())},
    **{w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)},
    **{w: i for i, w in enumerate(
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), 1)},
    **{w: i for i, w in enumerate(_MONTHS.split(), 1)},
    "hundred": 100, "dozen": 12, **_SCALE_WORDS,
}
_ENGLISH_WORD = re.compile(r"[A-Za-z]+")

_CHINESE_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
                   "八": 8, "九": 9}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_UNIT = "|".join(sorted(map(re.escape, CHINESE_UNITS), key=len, reverse=True))
_CHINESE_PERCENT = re.compile(rf"百分之(?P<number>\d+(?:\.\d+)?|[{_NUMERAL}]+)")
_CHINESE_FIGURE = re.compile(
    rf"(?<![A-Za-z0-9.])(?P<currency>[£$€¥])?(?P<digits>{_NUMBER})"
    rf"(?P<scale>[十百千万亿]*)\s?(?P<unit>{_UNIT})?(?P<letters>[A-Za-z]*)"
)
_CHINESE_NUMERAL = re.compile(rf"(?P<number>[{_NUMERAL}]+|(?<=[点點])半)\s?(?P<unit>{_UNIT})?")


@dataclass(frozen=True)
class Number:
    """A number as written, and the values it may stand for (`3.5m`: 3.5 million, or 3.5 metres)."""

    text: str
    values: tuple[Decimal, ...]
    unit: str | None = None  # "%" or a currency symbol
    digits: bool = True  # written with Arabic digits, not Chinese numerals

    @property
    def value(self) -> Decimal:
        return self.values[0]

    def shows(self) -> str:
        """`£31 billion (31,000,000,000)`: the text, and its value when the text does not show it."""
        plain = plain_value(self.value)
        return self.text if plain.replace(",", "") in self.text.replace(",", "") else f"{self.text} ({plain})"


def plain_value(value: Decimal) -> str:
    """31000000000 → `31,000,000,000`; 3.50 → `3.5`."""
    text = f"{value.normalize():,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def _clean(text: str) -> str:
    """Tokens removed; full-width digits, letters and signs made ASCII."""
    return TOKEN.sub("", text).translate(_FULL_WIDTH)


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """The text with the pattern's matches made spaces, so offsets stay the same."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def english_figures(text: str) -> list[Number]:
    """The figures of English text written with digits, with their scale and unit."""
    text = _clean(text)
    found: list[tuple[int, Number]] = []
    for match in _TIME.finditer(text):
        hour = Decimal(match.group("hour"))
        pm, am = match.group("half").lower() == "p", match.group("half").lower() == "a"
        hours = (hour, hour + 12) if pm and hour < 12 else (hour, Decimal(0)) if am and hour == 12 else (hour,)
        found.append((match.start(), Number(match.group(0).strip(), hours)))
        if match.group("minute"):
            found.append((match.start("minute"), Number(match.group("minute"), (Decimal(match.group("minute")),))))
    for match in _ENGLISH_FIGURE.finditer(_blank(_TIME, text)):
        letters = match.group("letters").lower()
        if letters and letters not in _FIGURE_SUFFIXES:
            continue  # a code such as 8RA or 4x4
        value = Decimal(match.group("digits").replace(",", ""))
        currency = match.group("currency")
        values: tuple[Decimal, ...] = (value,)
        if match.group("word"):
            values = (value * _SCALE_WORDS[match.group("word")],)
        elif letters in _SCALE_SUFFIXES and not match.group("percent"):
            scaled = value * _SCALE_SUFFIXES[letters]
            values = (scaled,) if currency else (scaled, value)  # £3.5m; 3.5m people or a 3.5m wall
        unit = PERCENT if match.group("percent") else currency
        found.append((match.start("digits"), Number(" ".join(match.group(0).split()), values, unit)))
    return [number for _, number in sorted(found, key=lambda f: f[0])]


def english_values(text: str) -> set[Decimal]:
    """Every value English text mentions: figures, number words, ordinals, months (and zero)."""
    values = {v for n in english_figures(text) for v in n.values}
    words = [w.lower() for w in _ENGLISH_WORD.findall(_clean(text))]
    values |= {Decimal(_WORD_VALUES[w]) for w in words if w in _WORD_VALUES}
    for a, b in zip(words, words[1:]):  # "two hundred", "thirty-five"
        if a in _WORD_VALUES and b in _WORD_VALUES:
            x, y = _WORD_VALUES[a], _WORD_VALUES[b]
            values.add(Decimal(x * y if y >= 100 else x + y))
    return values | {Decimal(0)}


def chinese_numbers(text: str) -> list[Number]:
    """The numbers of Chinese text: percentages, digits with scales, Chinese numerals; with units."""
    text = _clean(text)
    found: list[tuple[int, Number]] = []
    for match in _CHINESE_PERCENT.finditer(text):
        number = match.group("number")
        found.append((match.start(), Number(match.group(0), (_value(number),), PERCENT, number[0].isdigit())))
    text = _blank(_CHINESE_PERCENT, text)
    for match in _CHINESE_FIGURE.finditer(text):
        if match.group("letters").lower() not in _FIGURE_SUFFIXES | {""}:
            continue
        value = Decimal(match.group("digits").replace(",", ""))
        for ch in match.group("scale"):
            value *= _SMALL_UNITS.get(ch) or _BIG_UNITS[ch]
        unit = CHINESE_UNITS.get(match.group("unit") or "") or match.group("currency")
        found.append((match.start("digits"), Number(match.group(0).strip(), (value,), unit)))
    for match in _CHINESE_NUMERAL.finditer(_blank(_CHINESE_FIGURE, text)):
        unit = CHINESE_UNITS.get(match.group("unit") or "")
        found.append((match.start(), Number(match.group(0), (_value(match.group("number")),), unit, digits=False)))
    return [number for _, number in sorted(found, key=lambda f: f[0])]


def _value(number: str) -> Decimal:
    """`90`, `九十`, `九千万`, `二〇一七`, `半` (half past) as a value."""
    if number[0].isdigit():
        return Decimal(number)
    if number == "半":
        return Decimal(30)
    if not any(ch in _SMALL_UNITS or ch in _BIG_UNITS for ch in number):
        return Decimal("".join(str(_CHINESE_DIGITS[ch]) for ch in number))  # 二〇一七
    total, section, digit = 0, 0, 0
    for ch in number:
        if ch in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[ch]
        elif ch in _SMALL_UNITS:
            section += (digit or 1) * _SMALL_UNITS[ch]
            digit = 0
        elif ch == "万":
            total += (section + digit or 1) * 10**4
            section = digit = 0
        else:  # 亿
            total = (total + section + digit or 1) * 10**8
            section = digit = 0
    return Decimal(total + section + digit)
