"""Numbers in English and Chinese, and the numbers check built on them."""

from __future__ import annotations

from decimal import Decimal

import pytest

from l10n.catalogs.glossary import Glossary
from l10n.check.checks import Context, figures
from l10n.language.numbers import (
    Date,
    Number,
    chinese_dates,
    chinese_facts,
    chinese_figure,
    chinese_numbers,
    english_dates,
    english_facts,
    english_figures,
    english_values,
)
from l10n.locales import parse_locale

ZH = Context(parse_locale("zh"), Glossary([]))


def values(numbers) -> list[tuple[tuple[Decimal, ...], str | None]]:
    return [(n.values, n.unit) for n in numbers]


def d(*numbers: float | str) -> tuple[Decimal, ...]:
    return tuple(Decimal(str(n)) for n in numbers)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("with 90 million residents", [(d(90_000_000), None)]),
        ("an economy worth £31\u00a0billion.", [(d(31_000_000_000), "£")]),
        ("a £3.5m grant", [(d(3_500_000), "£")]),
        ("$2bn and €40k", [(d(2_000_000_000), "$"), (d(40_000), "€")]),
        ("3.5m people", [(d(3_500_000, 3.5), None)]),  # millions, or metres
        ("90 per cent agreed", [(d(90), "%")]),
        ("90 percent and 12.5%", [(d(90), "%"), (d("12.5"), "%")]),
        ("since 1988 and the 30-year anniversary", [(d(1988), None), (d(30), None)]),
        ("1,250 homes on the 8th", [(d(1250), None), (d(8), None)]),
        ("at 2pm, or 10.30am", [(d(2, 14), None), (d(10), None), (d(30), None)]),
        ("the A5, LE3 8RA and a 4x4", []),  # codes, not figures
        ("<a1>Published</a1> <br2/>", []),  # placeholder numbers are not figures
        ("Thirty years", []),  # words are not figures
    ],
)
def test_english_figures(text: str, expected):
    assert values(english_figures(text)) == expected


def test_english_values_include_words_months_and_ordinals():
    found = english_values("Published 8 November 2017: the third of thirty-five, two hundred")
    assert set(d(8, 11, 2017, 3, 35, 200, 0)) <= found


@pytest.mark.parametrize(
    "text, expected",
    [
        ("拥有9000万人口", [(d(90_000_000), None)]),
        ("经济总量达310亿英镑", [(d(31_000_000_000), "£")]),
        ("1.2万亿美元", [(d(1_200_000_000_000), "$")]),
        ("350万英镑和200万", [(d(3_500_000), "£"), (d(2_000_000), None)]),
        ("90%的人", [(d(90), "%")]),
        ("百分之九十的人", [(d(90), "%")]),
        ("自1988年起", [(d(1988), None)]),
        ("２０１７年１１月", [(d(2017), None), (d(11), None)]),  # full-width digits
        ("三十年", [(d(30), None)]),
        ("九千万人", [(d(90_000_000), None)]),
        ("一亿二千万", [(d(120_000_000), None)]),
        ("二〇一七年", [(d(2017), None)]),
        ("一百零五", [(d(105), None)]),
        ("十二", [(d(12), None)]),
        ("上午10点半", [(d(10), None), (d(30), None)]),
        ("A5公路，邮编LE3 8RA", []),
    ],
)
def test_chinese_numbers(text: str, expected):
    assert values(chinese_numbers(text)) == expected


def test_chinese_numerals_are_marked_as_not_digits():
    assert [n.digits for n in chinese_numbers("30年和三十年")] == [True, False]


@pytest.mark.parametrize(
    "msgid, msgstr",
    [
        (
            "Sichuan has 90 million residents and an economy worth £31\u00a0billion.",
            "四川拥有9000万人口，经济总量达310亿英镑。",
        ),
        ("Sichuan has 90 million residents.", "四川拥有九千万人口。"),
        ("A £3.5m grant.", "一笔350万英镑的拨款。"),
        ("A £3.5m and a £2m grant.", "350万和200万英镑的拨款。"),  # one currency word for both
        ("90 per cent of people agreed.", "90%的人同意。"),
        ("90 per cent of people agreed.", "百分之九十的人同意。"),
        ("Twinned since 1988.", "自1988年起结好。"),
        ("Published 8 November 2017", "发布于2017年11月8日"),
        ("A three-year deal.", "一项为期3年的协议。"),  # the English wrote the number as a word
        ("Open at 2pm.", "下午2点开放。"),
        ("Open at 2pm.", "14:00开放。"),
        ("Almost 280 trees on 30 sites", "在30个地点种植近280棵树"),
        ("Published 14 March 2025", "发布于2025年3月14日"),
        ("On March 14th, 2025 at 2pm", "2025年3月14日下午2点"),
        ("Open on 8-9 November", "11月8日至9日开放"),
        ("Open from 14 March", "三月十四日起开放"),
        ("Consultation closes in May 2025.", "咨询于2025年5月结束。"),
    ],
)
def test_numbers_check_accepts_chinese_notation(msgid: str, msgstr: str):
    assert figures(msgid, msgstr, ZH) == []


@pytest.mark.parametrize(
    "msgid, msgstr, severity, message",
    [
        (
            "An economy worth £31\u00a0billion.",
            "经济总量达31亿英镑。",
            "error",
            "£31 billion (31,000,000,000) is not in the translation; the translation has 31亿英镑 (3,100,000,000)",
        ),
        (
            "With 90 million residents.",
            "拥有900万人口。",
            "error",
            "90 million (90,000,000) is not in the translation; the translation has 900万 (9,000,000)",
        ),
        (
            "Twinned since 1988.",
            "自1998年起结好。",
            "error",
            "1988 is not in the translation; the translation has 1998",
        ),
        ("Twinned since 1988.", "结好已久。", "error", "1988 is not in the translation"),
        (
            "An economy worth £31\u00a0billion.",
            "经济总量达310亿。",
            "error",
            "£31 billion (31,000,000,000) is in the translation as 310亿, without 英镑",
        ),
        (
            "90 per cent of people agreed.",
            "90个人同意。",
            "error",
            "90 per cent is in the translation as 90, without %",
        ),
        (
            "Trees on 30 sites.",
            "在30个地点种植了50棵树。",
            "warning",
            "50 is in the translation but not in the English",
        ),
        ("Published 14 March 2025", "发布于2025年14月3日", "error", "14 March (3月14日) is not in the translation"),
        (
            "Published 14 March 2025",
            "发布于2025年3月15日，共14页",
            "error",
            "14 March (3月14日) is not in the translation",
        ),
    ],
)
def test_numbers_check_catches_changed_missing_and_extra_figures(msgid, msgstr, severity, message):
    assert [tuple(f) for f in figures(msgid, msgstr, ZH)] == [(severity, message)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Published 14 March 2025", [("14 March", 3, 14)]),
        ("On March 14th, 2025 and 1st of May", [("March 14th", 3, 14), ("1st of May", 5, 1)]),
        ("From Sept. 3 to 8-9 November", [("Sept. 3", 9, 3), ("9 November", 11, 9)]),
        ("Consultation closes in May 2025", [("May", 5, None)]),  # a month of a year; the year is a figure
        (
            "Thousands March Against Cuts, 12 march, May 14 people, 32 May",
            [("May 14", 5, 14)],
        ),  # capitalised names only
    ],
)
def test_english_dates(text: str, expected):
    assert [(d.text, d.month, d.day) for d in english_dates(text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("发布于2025年3月14日", [("3月14日", 3, 14)]),
        ("三月十四日和十二月三十一号", [("三月十四日", 3, 14), ("十二月三十一号", 12, 31)]),
        ("11月8日至9日", [("11月8日", 11, 8), ("9日", 11, 9)]),  # a day alone, after a date: that date's month
        ("3月14日、15日和4月1日、2日", [("3月14日", 3, 14), ("15日", 3, 15), ("4月1日", 4, 1), ("2日", 4, 2)]),
        ("2025年3月，3个月，9日", [("3月", 3, None)]),
    ],
)
def test_chinese_dates(text: str, expected):
    assert [(d.text, d.month, d.day) for d in chinese_dates(text)] == expected


def test_facts_know_where_they_are_and_a_dates_day_is_part_of_it():
    text = "Published <b1>14 March</b1> 2025 at 2pm"
    assert [(f.text, text[slice(*f.span)]) for f in english_facts(text)] == [
        ("14 March", "14 March"),
        ("2025", "2025"),
        ("2pm", "2"),
    ]
    text = "<a1>发布于</a1>2025年3月14日，共9000万英镑"
    assert [(type(f).__name__, text[slice(*f.span)]) for f in chinese_facts(text)] == [
        ("Number", "2025"),
        ("Date", "3月14日"),
        ("Number", "9000万"),
    ]


@pytest.mark.parametrize(
    "value, like, written",
    [
        ("2025", None, "2025"),
        ("4200000", None, "420万"),
        ("350000000", None, "3.5亿"),
        ("12.5", None, "12.5"),
        ("12345", None, "12345"),  # not a round number of 万
        ("4200000", Number("9000万", d(90_000_000)), "420万"),
        ("15000", Number("12,000", d(12_000)), "15,000"),  # the translator's digits
        ("2025", Number("二〇一七", d(2017), digits=False), "二〇二五"),
        ("4200000", Number("九千万", d(90_000_000), digits=False), "四百二十万"),
        ("2", Number("三", d(3), digits=False), "两"),
        ("105", Number("三十", d(30), digits=False), "一百零五"),
    ],
)
def test_values_written_the_chinese_way(value: str, like, written: str):
    assert chinese_figure(Decimal(value), like) == written
    assert chinese_numbers(written)[0].value == Decimal(value)


def test_dates_written_the_chinese_way():
    date = Date("14 March", 3, 14)
    assert date.chinese() == "3月14日"
    assert date.chinese(Date("十一月八日", 11, 8)) == "三月十四日"
    assert date.chinese(Date("11月8号", 11, 8)) == "3月14号"
    assert date.chinese(Date("9日", 11, 9)) == "14日"  # a day alone stays a day alone
    assert Date("March 2025", 3, None).chinese() == "3月"
