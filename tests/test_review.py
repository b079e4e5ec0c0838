"""`l10n review`: bilingual pages, checked as HTML and in headless Chromium."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import lxml.html
import polib
import pytest
from browser import Chromium, covering_families, fontconfig_without, glyph_check
from conftest import SEED, SEED_PROJECT, l10n

from l10n.check.review import POLICY, SEVERITY_COLOURS, STATES
from l10n.segment.document import Document

CATALOG = "locales/zh/LC_MESSAGES/china-visit-boosts-business-links.po"
PAGE = Path("review/zh/china-visit-boosts-business-links.html")
COUNCILLOR = (
    "Councillor Rushton and Sir John Peace, Chair of the <a1>Midlands Engine</a1>, hosted the visitors, "
    "led by Vice Governor Zhu Hexin of the Sichuan Provincial People’s Government."
)
THIRTY = (
    "Thirty years is a significant and remarkable achievement, and I look forward to driving further growth "
    "for Leicestershire through strengthened links with China."
)
SPAIN = "Sichuan is the size of Spain, with 90 million residents and an economy worth £31\u00a0billion."
VIDEO = "Watch a video of the visit below:"
GROWING = "We’re one of the fastest growing regions in the world."
HOSTILE = "拉什顿议员接待了<a1>代表团</a1><script>alert(1)</script><img src=x onerror=alert(2)>\x07。"


@pytest.fixture
def reviewed(project: Path) -> Path:
    """The shipped content with one unit in each state and some problems; review pages written."""
    for folder in ("source", "locales"):
        shutil.rmtree(project / folder, ignore_errors=True)
        shutil.copytree(SEED_PROJECT / folder, project / folder)
    po = polib.pofile(str(project / CATALOG))
    for entry in po:
        if entry.msgid == COUNCILLOR:  # a machine suggestion with markup of its own
            entry.msgstr, entry.tcomment = HOSTILE, "suggestion: libre, 2026-11-28"
            entry.flags.append("fuzzy")
        elif entry.msgid == THIRTY:  # English changed since it was translated
            entry.flags.append("fuzzy")
            entry.previous_msgid = "Thirty years is a remarkable achievement."
        elif entry.msgid == GROWING:
            entry.msgstr = ""
        elif entry.msgid == SPAIN:
            entry.msgstr = "四川面积与西班牙相当，拥有9000万人口，经济总量达31亿英镑。"
        elif entry.msgid == VIDEO:
            entry.msgstr = "请观看以下访问视频,"
    po.save()
    assert l10n("review", "zh").output == ""
    return project


def rows(project: Path) -> dict[str, lxml.html.HtmlElement]:
    """The page's rows by their English."""
    page = lxml.html.parse(str(project / PAGE)).getroot()
    return {row.find(".//td[@class='en']/p").text_content(): row for row in page.xpath("//tr[@data-state]")}


def lines(project: Path) -> dict[str, int]:
    return {e.msgid: e.linenum for e in polib.pofile(str(project / CATALOG))}


def test_rows_follow_the_page_with_catalog_file_and_line(reviewed: Path):
    english = list(dict.fromkeys(unit.msgid for unit in Document.load(SEED).units if unit.scope == "article"))
    found = rows(reviewed)
    assert list(found) == english
    for msgid, row in found.items():
        ref = row.find(".//span[@class='ref']")
        assert (ref.get("data-file"), int(ref.get("data-line"))) == (CATALOG, lines(reviewed)[msgid])
        assert ref.text == f"china-visit-boosts-business-links.po:{lines(reviewed)[msgid]}"
    assert [
        s.text
        for s in found["Civic, business and university leaders have signed a trade agreement"].find_class("source")
    ] == ["meta@content · line 7", "meta@content · line 9", "p.standfirst · line 39"]


def test_states_notes_and_problems_inline(reviewed: Path):
    found = rows(reviewed)
    assert {msgid: row.get("data-state") for msgid, row in found.items() if row.get("data-state") != "translated"} == {
        COUNCILLOR: "machine",
        THIRTY: "fuzzy",
        GROWING: "untranslated",
    }
    assert found[GROWING].find_class("empty")[0].text == "not translated"
    assert "suggestion: libre, 2026-11-28" in found[COUNCILLOR].text_content()
    assert found[THIRTY].find_class("note")[0].text == "English before the change:"
    problems = {
        msgid: [(li.get("class"), li.get("data-check"), li.text_content()) for li in row.find_class("problem")]
        for msgid, row in found.items()
        if row.find_class("problem")
    }
    assert problems[SPAIN] == [
        (
            "problem error",
            "numbers",
            "error numbers: £31 billion (31,000,000,000) is not in the "
            "translation; the translation has 31亿英镑 (3,100,000,000)",
        )
    ]
    assert problems[VIDEO][0] == (
        "problem warning",
        "punctuation",
        "warning punctuation: half-width , in Chinese text (use ，)",
    )
    assert (
        "problem error",
        "untranslated",
        "error untranslated: English left in the translation: script, alert, img, src, onerror",
    ) in problems[COUNCILLOR]
    assert set(problems) == {SPAIN, VIDEO, COUNCILLOR}


def test_untrusted_translation_is_shown_as_text(reviewed: Path):
    html = (reviewed / PAGE).read_text(encoding="utf-8")
    page = lxml.html.fromstring(html)
    assert page.xpath("//script") == [] and page.xpath("//img") == [] and page.xpath("//@onerror") == []
    cell = rows(reviewed)[COUNCILLOR].find(".//td[@class='tr']/p")
    assert cell.text_content() == HOSTILE.replace("\x07", "\ufffd")
    assert [ph.text for ph in cell.find_class("ph")] == ["<a1>", "</a1>"]  # the only tokens of the English
    assert page.xpath("//meta[@http-equiv='Content-Security-Policy']/@content") == [POLICY]
    assert not page.xpath("//@src | //link") and page.xpath("//@href") == ["index.html"]


def test_index_lists_every_article(reviewed: Path):
    (reviewed / "source" / "news").mkdir()
    shutil.copy(SEED, reviewed / "source" / "news" / "again.html")
    l10n("update")
    result = l10n("-v", "review", "zh", "--out", "elsewhere")
    assert result.output.splitlines() == [
        "wrote elsewhere/_site.html",  # the site around the articles
        "wrote elsewhere/china-visit-boosts-business-links.html",
        "wrote elsewhere/news/again.html",
        "wrote elsewhere/index.html",
    ]
    index = lxml.html.parse(str(reviewed / "elsewhere" / "index.html")).getroot()
    assert index.xpath("//td/a/@href") == ["_site.html", "china-visit-boosts-business-links.html", "news/again.html"]
    cells = [[td.text_content() for td in tr.findall("td")][2:] for tr in index.xpath("//tbody/tr")]
    assert cells == [
        ["39", "39", "0", "0", "0", "100.0%", "0", "0"],  # the build's own texts too
        ["24", "21", "1", "1", "1", "87.5%", "8", "4"],  # the suggestion's BEL: characters
        ["24", "0", "0", "0", "24", "0.0%", "0", "0"],
        ["87", "60", "1", "1", "25", "68.9%", "8", "4"],
    ]
    again = lxml.html.parse(str(reviewed / "elsewhere" / "news" / "again.html")).getroot()
    assert again.xpath("//a/@href")[0] == "../index.html"


def test_units_missing_from_a_stale_catalog_are_shown(reviewed: Path):
    source = reviewed / "source" / SEED.name
    html = source.read_text(encoding="utf-8").replace("<p>Watch a video", "<p>A new sentence.</p>\n<p>Watch a video")
    source.write_text(html.replace("Next year’s 30-year", "Next year’s thirtieth"), encoding="utf-8")
    l10n("review", "zh")
    found = rows(reviewed)
    milestone = "Next year’s 30-year milestone is a momentous occasion."
    assert found["A new sentence."].get("data-state") == "untranslated"
    assert found["A new sentence."].find_class("ref")[0].text == "not in the catalog: run l10n update"
    assert list(found)[-1] == milestone
    assert found[milestone].find_class("source")[0].text == "no longer on the page"


def rgb(colour: str) -> str:
    return "rgb({}, {}, {})".format(*(int(colour[i : i + 2], 16) for i in (1, 3, 5)))


@pytest.mark.browser
def test_review_page_in_chromium(reviewed: Path, tmp_path: Path):
    with Chromium() as browser:
        page = browser.open(reviewed / PAGE)
        shown = page.evaluate("""[...document.querySelectorAll('tr.unit')].map(row => ({
            state: row.dataset.state, text: row.innerText,
            background: getComputedStyle(row).backgroundColor,
            accent: getComputedStyle(row.querySelector('td.where')).borderLeftColor,
            problems: [...row.querySelectorAll('li.problem')].map(li => ({
                text: li.innerText, colour: getComputedStyle(li).color, visible: li.offsetHeight > 0}))}))""")
        assert len(shown) == len(rows(reviewed))
        title = shown[0]["text"]
        assert "China visit boosts business links | Leicestershire County Council" in title
        assert "中国代表团来访促进商贸往来 | 莱斯特郡议会" in title and "reviewed" in title
        for row in shown:
            label, background, accent = STATES[row["state"]]
            assert (row["background"], row["accent"]) == (rgb(background), rgb(accent)), row["text"]
            assert label in row["text"]
            for problem in row["problems"]:
                severity = problem["text"].split()[0]
                assert problem["visible"] and problem["colour"] == rgb(SEVERITY_COLOURS[severity])
        assert {row["state"] for row in shown} == set(STATES)
        notes = [p["text"] for row in shown for p in row["problems"]]
        assert (
            "error numbers: £31 billion (31,000,000,000) is not in the translation; the translation has "
            "31亿英镑 (3,100,000,000)" in notes
        )
        councillor = next(row["text"] for row in shown if row["state"] == "machine")
        assert "<script>alert(1)</script>" in councillor

        assert any("CJK" in family for family in page.fonts("td.tr p.text"))
        glyphs = glyph_check(browser, page, tmp_path / "review.png")
    assert glyphs.real_glyphs, glyphs
    assert glyphs.used & set(glyphs.covering), glyphs  # drawn by a font that has them
    assert (
        glyphs.characters > 500 and glyphs.distinct > 200
    )  # the article's own units (the site's have a page of their own)
    assert (tmp_path / "review.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.browser
def test_glyph_check_sees_missing_glyph_boxes_when_chinese_fonts_are_hidden(reviewed: Path, tmp_path: Path):
    text = (reviewed / PAGE).read_text(encoding="utf-8")
    ideographs = "".join(set(re.findall("[\u4e00-\u9fff]", text)))
    chinese = covering_families(ideographs, dict(os.environ))
    assert chinese, "a font with Chinese glyphs is needed (apt-get install fonts-noto-cjk)"
    with Chromium(env=fontconfig_without(tmp_path, chinese)) as browser:
        page = browser.open(reviewed / PAGE)
        assert not set(page.fonts("td.tr p.text")) & set(chinese)
        glyphs = glyph_check(browser, page, tmp_path / "boxes.png")
    assert not glyphs.real_glyphs and not glyphs.covering
    assert sum(count for count, _ in glyphs.short) == glyphs.characters > 500  # every one a box
