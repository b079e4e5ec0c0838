"""`l10n check`: every check fires on a crafted bad entry and is quiet on the shipped translation."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from conftest import SEED_PROJECT, l10n

from l10n.check.checks import CHECK_NAMES, Context, check_entry
from l10n.locales import parse_locale
from l10n.store import load_glossary

CATALOG = "locales/zh/LC_MESSAGES/china-visit-boosts-business-links.po"
ZH = Context(parse_locale("zh"), load_glossary(SEED_PROJECT / "locales" / "zh" / "glossary.tbx"))

# check, English, bad translation, severity, message
BAD = [
    (
        "placeholders",
        "Chair of the <a1>Midlands Engine</a1>.",
        "英格兰中部引擎主席。",
        "error",
        "missing placeholder <a1>",
    ),
    (
        "placeholders",
        "Chair of the <a1>Midlands Engine</a1>.",
        "<a1>英格兰中部引擎</a1><a2>主席</a2>。",
        "error",
        "unknown placeholder <a2>",
    ),
    (
        "placeholders",
        "Chair of the <a1>Midlands Engine</a1>.",
        "<a1>英格兰中部引擎主席。",
        "error",
        "<a1> is not closed",
    ),
    ("placeholders", "First line<br1/>second line", "第一行<br1>第二行", "error", "<br1> should be written <br1/>"),
    (
        "characters",
        "Chair of the board.",
        "董事会\u202e主席。",
        "error",
        "a control, bidi-override, private-use or noncharacter the English does not have: U+202E",
    ),
    (
        "numbers",
        "An economy worth £31\u00a0billion.",
        "经济总量达31亿英镑。",
        "error",
        "£31 billion (31,000,000,000) is not in the translation; the translation has 31亿英镑 (3,100,000,000)",
    ),
    (
        "numbers",
        "Trees on 30 sites.",
        "在30个地点种植了50棵树。",
        "warning",
        "50 is in the translation but not in the English",
    ),
    ("untranslated", "Privacy notice", "Privacy notice", "error", "not translated: the translation is the English"),
    (
        "untranslated",
        "Jane Smith leads the work.",
        "Jane Smith领导这项工作。",
        "error",
        "English left in the translation: Jane, Smith",
    ),
    (
        "punctuation",
        "Is the museum open?",
        "博物馆开放了。",
        "error",
        "the English is a question; the translation ends with a full stop",
    ),
    ("punctuation", "Search the site", "站内,搜索", "warning", "half-width , in Chinese text (use ，)"),
    ("punctuation", "Watch it (now)!", "请观看(现在)!", "warning", "half-width ( ) ! in Chinese text (use （ ） ！)"),
    ("punctuation", 'He said "yes".', '他说"是"。', "warning", 'half-width " in Chinese text (use “…”)'),
    ("punctuation", "Watch the video.", "请观看 视频。", "warning", "space between Chinese characters"),
    (
        "punctuation",
        "Watch the video.",
        "请观看视频",
        "warning",
        "the English ends with a full stop, the translation with no punctuation",
    ),
    (
        "glossary",
        "The Midlands Engine met.",
        "中部动力会面了。",
        "error",
        "“Midlands Engine” should be “英格兰中部引擎”",
    ),
    ("glossary", "Upgrades at the A5.", "A五公路需要升级。", "error", "“A5” should stay as it is"),
    (
        "glossary",
        "One of the longest UK-China twinning relationships.",
        "中英之间历史最悠久的结好关系之一。",
        "error",
        "“twinning” should be “友好城市”, “友好省市” or “友好省郡”",
    ),
    ("whitespace", "Home", " 首页", "warning", "the translation has leading whitespace; the English does not"),
    ("whitespace", "Home ", "首页", "warning", "the English has trailing whitespace; the translation does not"),
    (
        "length",
        "Leaders from China visited to sign a three-year commitment.",
        "领导人。",
        "warning",
        "suspiciously short: 4 characters for 59 of English",
    ),
    (
        "length",
        "Watch a video of the visit below:",
        "请观看以下访问视频，" * 3 + "：",
        "warning",
        "suspiciously long: 31 characters for 33 of English",
    ),
]


@pytest.mark.parametrize("check, msgid, msgstr, severity, message", BAD, ids=[f"{b[0]}-{i}" for i, b in enumerate(BAD)])
def test_each_check_fires_on_a_bad_entry(check: str, msgid: str, msgstr: str, severity: str, message: str):
    found = [tuple(f) for name, f in check_entry(msgid, msgstr, ZH) if name == check]
    assert found == [(severity, message)]


def test_every_check_has_a_bad_entry():
    assert {b[0] for b in BAD} | {"consistency", "unreachable"} == set(CHECK_NAMES)  # not checks of an entry


@pytest.mark.parametrize(
    "msgid, msgstr",
    [
        ("Chair of the <a1>Midlands Engine</a1>.", "<a1>英格兰中部引擎</a1>主席。"),
        ("Is the museum open?", "博物馆开放了吗？"),
        ("A big surprise!", "大大的惊喜！"),
        ("He said: “We’re glad.”", "他说：“我们很高兴。”"),
        ("Wait for it...", "请稍候……"),
        ("Cookies", "Cookie政策"),  # an untranslatable glossary term
        ("One of the longest UK-China twinning relationships.", "中英之间历史最悠久的友好省市关系之一。"),  # admitted
        ("Its ‘Belt and Road Initiative’.", "其“一带一路”倡议。"),  # a second English term of an entry
        (
            "County Hall, Glenfield, Leicester LE3 8RA",
            "英国莱斯特郡格伦菲尔德郡议会大楼，邮编：LE3 8RA",
        ),  # an exception
        ("LE3 8RA", "LE3 8RA"),  # nothing to translate
        ("Visit www.leics.gov.uk or the UK site", "请访问www.leics.gov.uk或UK网站"),  # addresses and acronyms
    ],
)
def test_good_translations_are_quiet(msgid: str, msgstr: str):
    assert check_entry(msgid, msgstr, ZH) == []


def test_the_english_itself_is_reported_once():
    found = check_entry("Upgrades at the A5 in Leicestershire.", "Upgrades at the A5 in Leicestershire.", ZH)
    assert [name for name, _ in found] == ["untranslated"]


def test_shipped_translation_has_no_problem_at_all():
    found = {e.msgid: check_entry(e.msgid, e.msgstr, ZH) for e in polib.pofile(str(SEED_PROJECT / CATALOG))}
    assert {msgid: problems for msgid, problems in found.items() if problems} == {}


@pytest.fixture
def shipped(project: Path) -> Path:
    """The project with the repository's articles, catalogs and glossary."""
    for folder in ("source", "locales"):
        shutil.rmtree(project / folder, ignore_errors=True)
        shutil.copytree(SEED_PROJECT / folder, project / folder)
    return project


def test_check_finds_nothing_in_the_shipped_translation(shipped: Path):
    assert l10n("check", "zh").output == "l10n: 0 errors, 0 warnings; 63 entries checked\n"  # the count, on stderr
    assert l10n("check", "zh", "--include-fuzzy", "--json").output == ""


def retranslate(path: Path, changes: dict[str, str], flags: tuple[str, ...] = ()) -> dict[str, int]:
    """Give entries new translations (and flags); their line numbers by msgid."""
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in changes:
            entry.msgstr = changes[entry.msgid]
            entry.flags += [f for f in flags if f not in entry.flags]
    po.save()
    return {e.msgid: e.linenum for e in polib.pofile(str(path)) if e.msgid in changes}


SPAIN = "Sichuan is the size of Spain, with 90 million residents and an economy worth £31\u00a0billion."
VIDEO = "Watch a video of the visit below:"
GROWTH = "This visit is about finding new opportunities for growth."


def test_check_prints_catalog_line_severity_check_message_and_exits_1(shipped: Path):
    lines = retranslate(
        shipped / CATALOG,
        {
            VIDEO: "请观看以下访问视频,",
            SPAIN: "四川面积与西班牙相当，拥有9000万人口，经济总量达31亿英镑。",
            GROWTH: GROWTH,
        },
    )
    result = l10n("check", "zh", code=1)
    assert result.stdout.splitlines() == [
        f"{CATALOG}:{lines[GROWTH]}: error: untranslated: not translated: the translation is the English",
        f"{CATALOG}:{lines[SPAIN]}: error: numbers: £31 billion (31,000,000,000) is not in the translation; "
        "the translation has 31亿英镑 (3,100,000,000)",
        f"{CATALOG}:{lines[VIDEO]}: warning: punctuation: half-width , in Chinese text (use ，)",
        f"{CATALOG}:{lines[VIDEO]}: warning: punctuation: the English ends with a colon, the translation with a comma",
    ]
    assert result.stderr == "l10n: 2 errors, 2 warnings; 63 entries checked\n"

    objects = [json.loads(line) for line in l10n("check", "zh", "--json", code=1).stdout.splitlines()]
    assert [(o["line"], o["check"], o["severity"]) for o in objects] == [
        (lines[GROWTH], "untranslated", "error"),
        (lines[SPAIN], "numbers", "error"),
        (lines[VIDEO], "punctuation", "warning"),
        (lines[VIDEO], "punctuation", "warning"),
    ]
    assert objects[1] == {
        "file": CATALOG,
        "line": lines[SPAIN],
        "check": "numbers",
        "severity": "error",
        "msgctxt": None,
        "msgid": SPAIN,
        "message": objects[1]["message"],
    }


def test_warnings_alone_exit_0(shipped: Path):
    retranslate(shipped / CATALOG, {VIDEO: "请观看以下访问视频,"})
    result = l10n("check", "zh")
    assert len(result.stdout.splitlines()) == 2 and "warning" in result.stdout and "error" not in result.stdout


def test_fuzzy_translations_are_checked_only_on_request(shipped: Path):
    lines = retranslate(shipped / CATALOG, {GROWTH: GROWTH}, flags=("fuzzy",))
    assert l10n("check", "zh").stdout == ""
    result = l10n("check", "zh", "--include-fuzzy", code=1)
    assert result.stdout == (
        f"{CATALOG}:{lines[GROWTH]}: error: untranslated: not translated: the translation is the English\n"
    )


def test_an_ignore_flag_silences_one_check_on_one_entry(shipped: Path):
    retranslate(shipped / CATALOG, {SPAIN: "四川面积与西班牙相当，人口众多，经济发达。"}, flags=("ignore-numbers",))
    assert l10n("check", "zh").stdout == ""


@pytest.fixture
def two_articles(shipped: Path) -> Path:
    """A second article sharing English with the first, translated differently in places."""
    (shipped / "source" / "visits").mkdir()
    shutil.copy(
        SEED_PROJECT / "source" / "china-visit-boosts-business-links.html",
        shipped / "source" / "visits" / "second.html",
    )
    l10n("update")
    first = polib.pofile(str(shipped / CATALOG))
    retranslate(
        shipped / "locales/zh/LC_MESSAGES/visits/second.po",
        {e.msgid: ("这次访问旨在寻找新的增长机遇。" if e.msgid == GROWTH else e.msgstr) for e in first},
    )
    return shipped


def test_consistency_across_catalogs(two_articles: Path):
    second = "locales/zh/LC_MESSAGES/visits/second.po"
    line = {e.msgid: e.linenum for e in polib.pofile(str(two_articles / second))}[GROWTH]
    first_line = {e.msgid: e.linenum for e in polib.pofile(str(two_articles / CATALOG))}[GROWTH]
    assert l10n("check", "zh").stdout == (
        f"{second}:{line}: warning: consistency: translated differently in {CATALOG}:{first_line}: “此次访问旨在寻找新的发展机遇。”\n"
    )


def test_paths_choose_the_catalogs_checked(two_articles: Path):
    retranslate(two_articles / CATALOG, {GROWTH: GROWTH})
    assert f"{CATALOG}:" in l10n("check", "zh", code=1).stdout
    for path in ("source/visits/second.html", "source/visits", "locales/zh/LC_MESSAGES/visits/second.po"):
        out = l10n("check", "zh", path).stdout  # only the second article's consistency warning
        assert out.startswith("locales/zh/LC_MESSAGES/visits/second.po:") and len(out.splitlines()) == 1, path
    assert l10n("check", "zh", "source/china-visit-boosts-business-links.html", code=1).stdout.startswith(CATALOG)
    assert "not inside the source folder" in l10n("check", "zh", "pyproject.toml", code=2).output


def test_a_locale_without_catalogs_is_bad_input(shipped: Path):
    assert l10n("check", "fr", code=2).output == (
        "l10n: error: locales/fr: no catalogs for fr; run `l10n init fr` first\n"
    )


def test_the_locale_glossary_is_applied(shipped: Path):
    site = "locales/zh/LC_MESSAGES/_site.po"  # the heading and the footer are the site's, not the article's
    lines = retranslate(shipped / site, {"Leicestershire Matters": "莱郡要闻"})
    assert l10n("check", "zh", code=1).stdout == (
        f"{site}:{lines['Leicestershire Matters']}: error: glossary: “Leicestershire Matters” should be "
        "“《莱斯特郡要闻》” or “莱斯特郡要闻”\n"
    )
    (shipped / "locales" / "zh" / "glossary.tbx").unlink()  # without it, "Cookie" is English left behind
    cookies = {e.msgid: e.linenum for e in polib.pofile(str(shipped / site))}["Cookies"]
    assert l10n("check", "zh", code=1).stdout == (
        f"{site}:{cookies}: error: untranslated: English left in the translation: Cookie\n"
    )
