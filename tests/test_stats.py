"""`l10n stats`: units, words and translation states per article and locale."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
from conftest import SEED_PROJECT, l10n

from l10n.catalogs.catalog import Counts, words


def write_catalog(path: Path, entries: list[polib.POEntry]) -> None:
    po = polib.POFile()
    po.metadata = {"Content-Type": "text/plain; charset=UTF-8", "Language": "zh_Hans"}
    po.extend(entries)
    path.parent.mkdir(parents=True, exist_ok=True)
    po.save(str(path))


def entry(msgid: str, msgstr: str = "", fuzzy: bool = False, suggestion: str = "", obsolete: bool = False):
    return polib.POEntry(
        msgid=msgid, msgstr=msgstr, flags=["fuzzy"] if fuzzy else [], tcomment=suggestion, obsolete=obsolete
    )


MACHINE = "suggestion: libre, 2026-11-28"

# 9 units, 20 English words: 3 translated, 2 machine suggestions, 2 other fuzzy, 2 untranslated.
KNOWN = [
    entry("One two three", "一二三"),
    entry("Four <a1>five</a1>", "四<a1>五</a1>"),  # placeholders are not words
    entry("Six.", "六。"),
    entry("Seven eight", "七八", fuzzy=True, suggestion=MACHINE),
    entry(
        "An economy worth £31\u00a0billion – almost",
        "经济",
        fuzzy=True,
        suggestion="suggestion: memory, 2026-11-28, 92% match",
    ),
    entry("Nine ten", "九十", fuzzy=True),  # changed English, no suggestion: other fuzzy
    entry("Eleven", "十一", fuzzy=True, suggestion="reviewer: check the name"),
    entry("Twelve thirteen", "", fuzzy=True),  # fuzzy without a translation is untranslated
    entry("Fourteen"),
    entry("Gone away", "走了", obsolete=True),  # obsolete entries do not count
]


def test_words_leave_out_placeholders_and_symbols():
    assert words("Four <a1>five</a1> – £31 billion <br2/>") == 4


def test_counts_of_a_catalog_with_known_states(project: Path):
    write_catalog(project / "locales/zh/LC_MESSAGES/known.po", KNOWN)
    [row, total] = [json.loads(line) for line in l10n("stats", "--json").stdout.splitlines()]
    assert row == {
        "locale": "zh",
        "article": "known",
        "catalog": "locales/zh/LC_MESSAGES/known.po",
        "units": 9,
        "words": 20,
        "translated": 3,
        "machine": 2,
        "fuzzy": 2,
        "untranslated": 2,
        "percent": 33.3,
    }
    assert total == {**row, "article": None, "catalog": None}


def test_table_per_article_with_locale_totals(project: Path):
    write_catalog(project / "locales/zh/LC_MESSAGES/known.po", KNOWN)
    write_catalog(project / "locales/zh/LC_MESSAGES/news/done.po", [entry("Hello world", "你好世界")])
    write_catalog(project / "locales/zh_Hant/LC_MESSAGES/known.po", [entry("Hello", "")])
    assert l10n("stats", "zh", "zh_Hant").stdout.splitlines() == [
        "locale   article    units  words  translated  machine  fuzzy  untranslated  complete",
        "zh       known          9     20           3        2      2             2     33.3%",
        "zh       news/done      1      2           1        0      0             0    100.0%",
        "zh       (total)       10     22           4        2      2             2     40.0%",
        "zh_Hant  known          1      1           0        0      0             1      0.0%",
        "zh_Hant  (total)        1      1           0        0      0             1      0.0%",
    ]


def test_percent_is_rounded_down_so_100_means_done():
    assert Counts(units=1000, translated=999).percent == 99.9
    assert Counts(units=3, translated=2).percent == 66.6
    assert Counts(units=7, translated=7).percent == 100.0


def test_stats_of_the_shipped_catalog(project: Path):
    shutil.copytree(SEED_PROJECT / "locales", project / "locales")
    *rows, total = [json.loads(line) for line in l10n("stats", "zh", "--json").stdout.splitlines()]
    assert [row["article"] for row in rows] == [
        "_site",
        "china-visit-boosts-business-links",
    ]  # the site: a row of its own
    for row in rows:
        po = polib.pofile(str(project / row["catalog"]))
        assert row["units"] == row["translated"] == len(po) and row["percent"] == 100.0
    assert total["units"] == sum(row["units"] for row in rows) and total["article"] is None


def test_a_locale_without_catalogs_is_bad_input(project: Path):
    assert "no catalogs for zh" in l10n("stats", code=2).output
