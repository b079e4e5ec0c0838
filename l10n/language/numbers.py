"""Numbers in English and Chinese text as values: "£31 billion" and "310亿英镑" are one figure.

English figures are the numbers written with digits, with their scale (million, billion, £3.5m,
bn, k) and unit (£, $, €, per cent); times (2pm, 10.30am) stand for their hour and minutes.
Chinese numbers are digits with 十/百/千/万/亿 scales, Chinese numerals (三十, 九千万, 二〇一七)
and their units (英镑, 美元, %, 百分之…). Digits glued to Latin letters are codes, not figures
(A5, LE3 8RA). Placeholder tokens are ignored. Dates are a month and a day (14 March, March 14,
3月14日) or a month of a year (March 2025, 2025年3月); the year is a figure of its own (2025年).
Each number and date knows where it is in the text (`span`), so it can be rewritten, and values
can be written the Chinese way (`chinese_figure`, `Date.chinese`): 420万, 3月14日.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right, insort
from dataclasses import dataclass, field
from decimal import Decimal
from typing import NamedTuple

from ..segment.placeholders import TOKEN

PERCENT = "%"
# Chinese words for units, and the symbol each stands for.
CHINESE_UNITS = {"英镑": "£", "镑": "£", "美元": "$", "欧元": "€", "人民币": "¥", "元": "¥", "%": PERCENT}

_FULL_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
        **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
        "％": "%",
        "￡": "£",
        "￥": "¥",
        "＄": "$",
    }
)
_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_SCALE_SUFFIXES = {"k": 10**3, "m": 10**6, "mn": 10**6, "bn": 10**9, "tn": 10**12}
# Letters that may follow a figure without making it a code: ordinals, decades, scales, units.
_FIGURE_SUFFIXES = frozenset(
    {
        "st",
        "nd",
        "rd",
        "th",
        "s",
        *_SCALE_SUFFIXES,
        "km",
        "cm",
        "mm",
        "kg",
        "g",
        "mg",
        "ml",
        "l",
        "ha",
        "mph",
        "ft",
        "mi",
        "lb",
        "sq",
    }
)
_TIME = re.compile(r"(?<![\d.])(?P<hour>\d{1,2})(?:[:.](?P<minute>\d\d))?\s?(?P<half>[ap])\.?m\b\.?", re.IGNORECASE)
_ENGLISH_FIGURE = re.compile(
    rf"(?<![A-Za-z0-9.])(?P<currency>[£$€¥])?\s?(?P<digits>{_NUMBER})"
    r"(?:\s?(?P<word>thousand|million|billion|trillion)\b)?"
    r"(?P<percent>\s?(?:%|per\s?cent\b|percent\b))?(?P<letters>[A-Za-z]*)"
)
_MONTHS = "january february march april may june july august september october november december"
_MONTH_NUMBERS = {
    **{m.capitalize(): i for i, m in enumerate(_MONTHS.split(), 1)},
    **{m.capitalize()[:3]: i for i, m in enumerate(_MONTHS.split(), 1)},
    "Sept": 9,
}
_MONTH = "(?P<month>" + "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True)) + r")\b\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_ENGLISH_DATES = (  # month names are capitalised: "14 March", "March 14th", "March 2025" (the year is a figure)
    re.compile(rf"(?<![\w.,])(?P<day>\d{{1,2}}){_ORDINAL}\s(?:of\s)?{_MONTH}"),
    re.compile(rf"\b{_MONTH}\s(?P<day>\d{{1,2}}){_ORDINAL}\b(?![.,]\d)"),
    re.compile(rf"\b{_MONTH}(?=,?\s\d{{4}}\b)"),
)
_WORD_VALUES = {
    **{
        w: i
        for i, w in enumerate(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
            "sixteen seventeen eighteen nineteen".split()
        )
    },
    **{w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)},
    **{
        w: i
        for i, w in enumerate(
            "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split(), 1
        )
    },
    **{w: i for i, w in enumerate(_MONTHS.split(), 1)},
    "hundred": 100,
    "dozen": 12,
    **_SCALE_WORDS,
}
_ENGLISH_WORD = re.compile(r"[A-Za-z]+")

_CHINESE_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10**4, "亿": 10**8}
_NUMERAL = "零〇一二两三四五六七八九十百千万亿"
_UNIT = "|".join(sorted(map(re.escape, CHINESE_UNITS), key=len, reverse=True))
_CHINESE_PERCENT = re.compile(rf"百分之(?P<number>\d+(?:\.\d+)?|[{_NUMERAL}]+)")
# Letters glued to the figure make a code (8RA) or a unit (3km); a Latin word after a space is
# a name kept in English (2026 Midlands Engine峰会), not part of the figure.
_CHINESE_FIGURE = re.compile(
    rf"(?<![A-Za-z0-9.])(?P<currency>[£$€¥])?(?P<number>(?P<digits>{_NUMBER})(?:\s?(?P<scale>[十百千万亿]+))?)"
    rf"(?:(?P<letters>[A-Za-z]+)|\s?(?P<unit>{_UNIT}))?"
)
# A full-width comma or point between digits, as machine translation writes them (１，２００, ３．５).
_DIGIT_MARKS = re.compile(r"(?<=\d)[，．](?=\d)")
_CHINESE_NUMERAL = re.compile(rf"(?P<number>[{_NUMERAL}]+|(?<=[点點])半)\s?(?P<unit>{_UNIT})?")
_DAY_NUMBER = r"\d{1,2}|[一二三]?十[一二三四五六七八九]?|[一二三四五六七八九]"
_CHINESE_DATE = re.compile(
    rf"(?P<month>(?<![\d.])\d{{1,2}}|十[一二]?|[一二三四五六七八九])\s?月"
    rf"(?:\s?(?P<day>{_DAY_NUMBER})\s?(?P<marker>[日号]))?"
)
_CHINESE_DAY = re.compile(rf"(?<![\d{_NUMERAL}月])(?P<day>{_DAY_NUMBER})\s?日")  # 至9日 after 11月8日
_RANGE = re.compile(r"\s?(?:至|到|-|–|—|~|、|和|及|与|或)\s?")
_SCALES = ((Decimal(10**8), "亿"), (Decimal(10**4), "万"))


@dataclass(frozen=True)
class Number:
    """A number as written, and the values it may stand for (`3.5m`: 3.5 million, or 3.5 metres)."""

    text: str
    values: tuple[Decimal, ...]
    unit: str | None = None  # "%" or a currency symbol
    digits: bool = True  # written with Arabic digits, not Chinese numerals
    span: tuple[int, int] = field(default=(0, 0), compare=False)  # the number itself (Chinese: not its unit)

    @property
    def value(self) -> Decimal:
        return self.values[0]

    def shows(self) -> str:
        """`£31 billion (31,000,000,000)`: the text, and its value when the text does not show it."""
        plain = plain_value(self.value)
        return self.text if plain.replace(",", "") in self.text.replace(",", "") else f"{self.text} ({plain})"


@dataclass(frozen=True)
class Date:
    """A day of a month (14 March, 3月14日), or a month (March 2025, 2025年3月: day None)."""

    text: str
    month: int
    day: int | None
    span: tuple[int, int] = field(default=(0, 0), compare=False)

    def same(self, other: Date) -> bool:
        return (self.month, self.day) == (other.month, other.day)

    def chinese(self, like: Date | None = None) -> str:
        """`3月14日`, written as `like` is (numerals, 号; a day alone, as after 11月8日至); digits by default."""

        def write(n: int) -> str:
            return str(n) if like is None or like.text[:1].isdigit() else _numeral(n)

        marker = "号" if like is not None and like.text.endswith("号") else "日"
        day = f"{write(self.day)}{marker}" if self.day is not None else ""
        return day if like is not None and "月" not in like.text else f"{write(self.month)}月{day}"


def plain_value(value: Decimal) -> str:
    """31000000000 → `31,000,000,000`; 3.50 → `3.5`."""
    text = f"{value.normalize():,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


class _Clean:
    """Text with its tokens removed and full-width digits, letters and signs made ASCII, and
    where each of its characters is in the text as given."""

    def __init__(self, text: str):
        parts: list[str] = []
        self.where: list[int] = []
        last = 0
        for match in [*TOKEN.finditer(text), None]:
            end = match.start() if match else len(text)
            parts.append(text[last:end])
            self.where += range(last, end)
            last = match.end() if match else last
        self.where.append(len(text))
        self.text = _DIGIT_MARKS.sub(
            lambda m: "," if m.group(0) == "，" else ".", "".join(parts).translate(_FULL_WIDTH)
        )

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Where the characters start..end of the clean text are in the text as given."""
        return self.where[start], self.where[end - 1] + 1 if end > start else self.where[start]


def _blank(pattern: re.Pattern[str], text: str) -> str:
    """The text with the pattern's matches made spaces, so offsets stay the same."""
    return pattern.sub(lambda m: " " * len(m.group(0)), text)


def english_figures(text: str) -> list[Number]:
    """The figures of English text written with digits, with their scale and unit."""
    clean = _Clean(text)
    text = clean.text
    found: list[tuple[int, Number]] = []
    for match in _TIME.finditer(text):
        hour = Decimal(match.group("hour"))
        pm, am = match.group("half").lower() == "p", match.group("half").lower() == "a"
        hours = (hour, hour + 12) if pm and hour < 12 else (hour, Decimal(0)) if am and hour == 12 else (hour,)
        found.append((match.start(), Number(match.group(0).strip(), hours, span=clean.span(*match.span("hour")))))
        if match.group("minute"):
            found.append(
                (
                    match.start("minute"),
                    Number(
                        match.group("minute"), (Decimal(match.group("minute")),), span=clean.span(*match.span("minute"))
                    ),
                )
            )
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
        found.append(
            (
                match.start("digits"),
                Number(" ".join(match.group(0).split()), values, unit, span=clean.span(*match.span("digits"))),
            )
        )
    return [number for _, number in sorted(found, key=lambda f: f[0])]


def english_dates(text: str) -> list[Date]:
    """The dates of English text: a day and a month name (14 March, March 14th), or a month
    and a year (March 2025; the year is a figure)."""
    clean = _Clean(text)
    found: list[tuple[int, int, Date]] = []
    taken: list[tuple[int, int]] = []  # the spans found, in order: an overlap is looked up, not searched for
    for pattern in _ENGLISH_DATES:
        for match in pattern.finditer(clean.text):
            day = int(match.group("day")) if "day" in pattern.groupindex else None
            start, end = match.span()
            if (day is None or 1 <= day <= 31) and not _overlaps(taken, start, end):
                insort(taken, (start, end))
                found.append(
                    (
                        start,
                        end,
                        Date(
                            " ".join(match.group(0).split()),
                            _MONTH_NUMBERS[match.group("month")],
                            day,
                            clean.span(start, end),
                        ),
                    )
                )
    return [date for *_, date in sorted(found, key=lambda f: f[0])]


def english_facts(text: str) -> list[Number | Date]:
    """The figures and dates of English text in order; the day of a date is part of the date."""
    dates = english_dates(text)
    figures = _outside(english_figures(text), dates)
    return sorted([*figures, *dates], key=lambda fact: fact.span)


def _overlaps(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether start..end overlaps one of the spans `taken` (sorted, none overlapping another)."""
    at = bisect_left(taken, (start, end))
    return any(s < end and start < e for s, e in taken[max(at - 1, 0) : at + 1])


def _outside(numbers: list[Number], dates: list[Date]) -> list[Number]:
    """The numbers not inside the span of one of `dates` (in order, none overlapping another)."""
    starts = [date.span[0] for date in dates]
    kept = []
    for number in numbers:
        at = bisect_right(starts, number.span[0]) - 1
        if not (at >= 0 and number.span[1] <= dates[at].span[1]):
            kept.append(number)
    return kept


def english_values(text: str) -> set[Decimal]:
    """Every value English text mentions: figures, number words, ordinals, months (and zero)."""
    values = {v for n in english_figures(text) for v in n.values}
    words = [w.lower() for w in _ENGLISH_WORD.findall(_Clean(text).text)]
    values |= {Decimal(_WORD_VALUES[w]) for w in words if w in _WORD_VALUES}
    for a, b in zip(words, words[1:]):  # "two hundred", "thirty-five"
        if a in _WORD_VALUES and b in _WORD_VALUES:
            x, y = _WORD_VALUES[a], _WORD_VALUES[b]
            values.add(Decimal(x * y if y >= 100 else x + y))
    return values | {Decimal(0)}


def chinese_numbers(text: str) -> list[Number]:
    """The numbers of Chinese text: percentages, digits with scales, Chinese numerals; with units."""
    clean = _Clean(text)
    text = clean.text
    found: list[tuple[int, Number]] = []
    for match in _CHINESE_PERCENT.finditer(text):
        number = match.group("number")
        found.append(
            (
                match.start(),
                Number(
                    match.group(0), (_value(number),), PERCENT, number[0].isdigit(), clean.span(*match.span("number"))
                ),
            )
        )
    text = _blank(_CHINESE_PERCENT, text)
    for match in _CHINESE_FIGURE.finditer(text):
        if (match.group("letters") or "").lower() not in _FIGURE_SUFFIXES | {""}:
            continue
        value = Decimal(match.group("digits").replace(",", ""))
        for ch in match.group("scale") or "":
            value *= _SMALL_UNITS.get(ch) or _BIG_UNITS[ch]
        unit = CHINESE_UNITS.get(match.group("unit") or "") or match.group("currency")
        found.append(
            (
                match.start("digits"),
                Number(match.group(0).strip(), (value,), unit, span=clean.span(*match.span("number"))),
            )
        )
    for match in _CHINESE_NUMERAL.finditer(_blank(_CHINESE_FIGURE, text)):
        unit = CHINESE_UNITS.get(match.group("unit") or "")
        found.append(
            (
                match.start(),
                Number(
                    match.group(0),
                    (_value(match.group("number")),),
                    unit,
                    digits=False,
                    span=clean.span(*match.span("number")),
                ),
            )
        )
    return [number for _, number in sorted(found, key=lambda f: f[0])]


def chinese_dates(text: str) -> list[Date]:
    """The dates of Chinese text (3月14日, 三月十四日, 2025年3月); a day alone just after a date and
    a word of range or list is of that date's month (11月8日至9日, 3月14日和15日)."""
    clean = _Clean(text)
    found: list[tuple[int, int, Date]] = []
    for match in _CHINESE_DATE.finditer(clean.text):
        day = match.group("day")
        found.append(
            (
                *match.span(),
                Date(
                    match.group(0),
                    int(_value(match.group("month"))),
                    int(_value(day)) if day else None,
                    clean.span(*match.span()),
                ),
            )
        )
    dated = list(found)  # in order: the date a day follows is the last to end before it
    last, end, date = 0, 0, None
    for match in _CHINESE_DAY.finditer(_blank(_CHINESE_DATE, clean.text)):
        while last < len(dated) and dated[last][1] <= match.start():
            end, date = dated[last][1], dated[last][2]
            last += 1
        if date is not None and _RANGE.fullmatch(clean.text[end : match.start()]):
            found.append(
                (
                    *match.span(),
                    Date(match.group(0), date.month, int(_value(match.group("day"))), clean.span(*match.span())),
                )
            )
    return [date for *_, date in sorted(found, key=lambda f: f[0]) if 1 <= date.month <= 12 and (date.day or 1) <= 31]


def chinese_facts(text: str) -> list[Number | Date]:
    """The numbers and dates of Chinese text in order; a date's month and day are part of the date."""
    dates = chinese_dates(text)
    numbers = _outside(chinese_numbers(text), dates)
    return sorted([*numbers, *dates], key=lambda fact: fact.span)


def chinese_figure(value: Decimal, like: Number | None = None) -> str:
    """A value written as Chinese writes figures: 2025, 420万, 3.5亿, 12.5 (万 and 亿 for round
    values of ten thousand and more); as `like` is written when given: in Chinese numerals
    (四百二十万, 两, 二〇二五), or in digits only for a figure the translator wrote so (12,000)."""
    if like is not None and not like.digits and value == value.to_integral_value():
        if len(like.text) > 1 and not any(ch in _SMALL_UNITS or ch in _BIG_UNITS for ch in like.text):
            return "".join("〇一二三四五六七八九"[int(d)] for d in str(int(value)))  # 二〇二五
        return "两" if value == 2 else _numeral(int(value))
    plain = plain_value(value) if like is not None and "," in like.text else plain_value(value).replace(",", "")
    if like is not None and like.value >= 10**4 and not any(ch in _BIG_UNITS for ch in like.text):
        return plain
    for scale, name in _SCALES:
        scaled = value / scale
        if scaled >= 1 and scaled == scaled.quantize(Decimal("0.01")):
            return plain_value(scaled).replace(",", "") + name
    return plain


def _numeral(n: int) -> str:
    """A whole number in Chinese numerals: 14 → 十四, 105 → 一百零五, 4200000 → 四百二十万."""
    if n == 0:
        return "零"
    for scale, name in ((10**8, "亿"), (10**4, "万")):
        if n >= scale:
            high, low = divmod(n, scale)
            rest = "" if not low else ("零" if low < scale // 10 else "") + _numeral(low)
            return _numeral(high) + name + rest
    digits = "零一二三四五六七八九"
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, unit)
        if d:
            out += ("零" if zero and out else "") + ("" if unit == 10 and d == 1 and not out else digits[d]) + name
            zero = False
        else:
            zero = zero or bool(out)
    return out


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


class Mismatch(NamedTuple):
    """A figure or date a translation does not state as its English does."""

    error: bool  # a figure or date of the English missing or changed (else: one the English lacks)
    message: str


def mismatches(msgid: str, msgstr: str) -> list[Mismatch]:
    """Every figure and date of the English in the translation, with its unit (14 March as 3月14日),
    and no figure of its own: what differs. Errors first; warnings only when there is no error.

    >>> mismatches("£31 billion", "310亿英镑"), mismatches("14 March", "3月15日")[0].message
    ([], '14 March (3月14日) is not in the translation')
    """
    chinese = chinese_numbers(msgstr)
    allowed = english_values(msgid)
    extra = [n for n in chinese if n.digits and not allowed.intersection(n.values)]
    dates = {(date.month, date.day) for date in chinese_dates(msgstr)}
    by_value: dict[Decimal, list[Number]] = {}  # the translation's numbers by value: looked up, not searched
    for n in chinese:
        for value in dict.fromkeys(n.values):
            by_value.setdefault(value, []).append(n)
    findings: list[Mismatch] = []
    for figure in english_facts(msgid):
        if isinstance(figure, Date):
            if (figure.month, figure.day) not in dates:
                findings.append(Mismatch(True, f"{figure.text} ({figure.chinese()}) is not in the translation"))
            continue
        same = sorted({id(n): n for v in figure.values for n in by_value.get(v, ())}.values(), key=lambda n: n.span)
        if not same:
            has = "; the translation has " + ", ".join(n.shows() for n in extra) if extra else ""
            findings.append(Mismatch(True, f"{figure.shows()} is not in the translation{has}"))
        elif figure.unit and not any(n.unit == figure.unit for n in same) and not _currency_named(figure.unit, msgstr):
            unit = "%" if figure.unit == PERCENT else _currency_word(figure.unit)
            findings.append(Mismatch(True, f"{figure.shows()} is in the translation as {same[0].text}, without {unit}"))
    if not findings:
        findings = [Mismatch(False, f"{n.shows()} is in the translation but not in the English") for n in extra]
    return findings


def _currency_word(symbol: str) -> str:
    return next(word for word, s in CHINESE_UNITS.items() if s == symbol)


def _currency_named(symbol: str, msgstr: str) -> bool:
    """A currency written once for several amounts (350万和200万英镑)."""
    return symbol != PERCENT and (symbol in msgstr or _currency_word(symbol) in msgstr)
