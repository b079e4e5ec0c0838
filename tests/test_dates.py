"""`<time>` in the reader's language: the build writes English dates from `datetime` with Babel;
translators place the date (`Published <time1/>`) and never type it."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import polib
from conftest import catalog, l10n

import l10n as library

DATES = """<html lang="en"><head><title>Roads</title></head><body><main>
<h1>Roads reopen</h1>
<p class="meta">Published <time datetime="2017-11-08">8 November 2017</time></p>
<p>The road opened on <time datetime="2017-11-08T09:30:00Z">Wednesday 8th November 2017</time> and closes
on <time datetime="2017-12-01">1 Dec</time>, <a href="/works">after the <time datetime="2017-11-30">30/11/2017</time> works</a>.</p>
<p>Updated <time datetime="2017-11-08T10:00">10am</time> today, and <time datetime="2017-11-08">yesterday</time>.</p>
<p>Filed <time datetime="2017-11-08" translate="no">8 November 2017</time> as it is.</p>
<p><time datetime="2017-11-08">8 November 2017</time></p>
</main></body></html>
"""
CHINESE = {
    "Roads reopen": "道路重新开放",
    "Published <time1/>": "<time1/>发布",  # the date placed before the verb, as Chinese word order wants
    "The road opened on <time1/> and closes on <time2/>, <a3>after the <time4/> works</a3>.": "道路于<time1/>开放，将于<time2/><a3>在<time4/>的工程后</a3>关闭。",
    "Updated <time1>10am</time1> today, and <time2>yesterday</time2>.": "今天<time1>上午10点</time1>更新，还有<time2>昨天</time2>。",
    "Filed <time1/> as it is.": "按原样归档<time1/>。",
}


def test_english_dates_are_standalone_placeholders_and_other_times_are_translated():
    units = library.segment_html(DATES)
    assert [u.msgid for u in units] == ["Roads", *CHINESE]
    described = {name: ph.describe() for name, ph in units[2].placeholders.items()}
    assert described["time1"] == '<time1/> is <time datetime="2017-11-08">8 November 2017</time>'


def test_the_build_writes_dates_in_the_readers_language_from_datetime(project: Path):
    (project / "source" / "roads.html").write_text(DATES, encoding="utf-8")
    l10n("init", "zh")
    po = catalog(project, "roads")
    for entry in po:
        entry.msgstr = CHINESE.get(entry.msgid, "道路")
    po.save()
    l10n("build", "zh", "zh_Hant")
    for folder, full in (("zh", "2017年11月8日星期三"), ("zh_Hant", "2017年11月8日 星期三")):
        page = lxml.html.fromstring((project / "dist" / folder / "roads.html").read_bytes())
        times = [(t.get("datetime"), t.text) for t in page.iter("time")]
        assert times == [
            ("2017-11-08", "2017年11月8日"),
            ("2017-11-08T09:30:00Z", full),
            ("2017-12-01", "12月1日"),
            ("2017-11-30", "2017/11/30"),
            ("2017-11-08T10:00", "上午10點" if folder == "zh_Hant" else "上午10点"),
            ("2017-11-08", "昨天"),
            ("2017-11-08", "8 November 2017"),
            ("2017-11-08", "2017年11月8日"),
        ]
        assert page.xpath("//p[@class='meta']")[0].text_content() == "2017年11月8日" + (
            "发布" if folder == "zh" else "發佈"
        )
    english = lxml.html.fromstring((project / "dist" / "en" / "roads.html").read_bytes())
    assert [t.text for t in english.iter("time")][:4] == [
        "8 November 2017",
        "Wednesday 8th November 2017",
        "1 Dec",
        "30/11/2017",
    ]  # the English copy as written


def test_update_keeps_translations_of_dates_written_before_they_were_placeholders(project: Path):
    (project / "source" / "roads.html").write_text(DATES, encoding="utf-8")
    l10n("init", "zh")
    path = project / "locales" / "zh" / "LC_MESSAGES" / "roads.po"
    po = polib.pofile(str(path))
    po.find("Published <time1/>").msgid = "Published <time1>8 November 2017</time1>"  # as l10n 0.3 wrote it
    po.find("Published <time1>8 November 2017</time1>").msgstr = "发布于<time1>2017年11月8日</time1>"
    po.find("Filed <time1/> as it is.").msgid = "Filed <time1>8 November 2017</time1> as it is."
    po.find("Filed <time1>8 November 2017</time1> as it is.").msgstr = "归档。"  # its placeholder lost
    po.save()
    l10n("update")
    po = polib.pofile(str(path))
    published = po.find("Published <time1/>")
    assert published.msgstr == "发布于<time1/>" and not published.fuzzy  # still reviewed: only the date went
    filed = po.find("Filed <time1/> as it is.")
    assert (
        filed.msgstr == "归档。"
        and filed.fuzzy
        and filed.previous_msgid == "Filed <time1>8 November 2017</time1> as it is."
    )
    assert not po.obsolete_entries()


def test_a_date_shown_in_an_element_inside_time_is_written_there_and_the_element_kept(project: Path):
    (project / "source" / "a.html").write_text(  # as nytimes.com and nymag.com mark their dates
        '<html lang="en"><body><main><h1>Blackouts</h1><ul><li><time datetime="2020-08-16T19:40:47-04:00">\n'
        '  <span class="css-1sbuyqj">Aug. 16, 2020</span>\n</time></li></ul><p>The lights went out.</p>'
        "</main></body></html>",
        encoding="utf-8",
    )
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    page = lxml.html.fromstring((project / "dist" / "zh" / "a.html").read_bytes())
    [span] = page.xpath("//time/span[@class='css-1sbuyqj']")
    assert span.text == "2020年8月16日" and len(span) == 0
