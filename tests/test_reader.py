"""The reader in Sichuan: pages that load in mainland China and read as Chinese pages should.

The project in tests/data/reader is the seed article with what real council pages carry: Google
Fonts (a stylesheet, preconnects, an @import in the site's stylesheet), Google Tag Manager (its
snippet and its <noscript> frame), two YouTube embeds (one mapped to a Bilibili upload in
locales/zh/media.toml), a Twitter widget, a Gravatar image in the byline, and a Chinese variant
of the logo (assets/logo.zh.svg).
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

import lxml.html
import polib
import pytest
from browser import BlackHole, Chromium
from conftest import DATA, SEED, SEED_PROJECT, l10n, msgfmt_check

from l10n.check import checks
from l10n.config import load_config
from l10n.locales import parse_locale
from l10n.region import resources
from l10n.region.hosts import host_list, shipped, shipped_list

READER = DATA / "reader"
PAGE = "china-visit-boosts-business-links.html"
SUMMARY = (
    "zh: 1 published (1 complete, 0 partly English), 0 not published; "
    "unreachable from mainland China: 8 removed, 1 embed as placeholder; 2 media of zh's own"
)


@pytest.fixture
def reader(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The reader project, the current folder."""
    project = tmp_path / "reader"
    shutil.copytree(READER, project)
    monkeypatch.chdir(project)
    return project


def page(project: Path, language: str = "zh", name: str = PAGE) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((project / "dist" / language / name).read_bytes())


def text(el: lxml.html.HtmlElement) -> str:
    return " ".join(el.text_content().split())


# -- the list of hosts ---------------------------------------------------------------------------------


def test_every_shipped_host_names_its_evidence_and_the_date_it_was_checked():
    entries = shipped("cn")
    assert len(entries) == 83 and len({e.host for e in entries}) == 83
    for entry in entries:
        assert "http" in entry.source and len(entry.checked) == 10 and entry.status in ("blocked", "unreliable")
    hosts = shipped_list("cn")
    assert hosts.match("www.gstatic.com").status == "unreliable"  # the longest suffix wins
    assert hosts.match("maps.gstatic.com").host == "gstatic.com"
    assert hosts.match("i.ytimg.com").service == "YouTube" and hosts.match("WWW.YOUTUBE.COM.").host == "youtube.com"
    assert hosts.match("notyoutube.com") is None and hosts.match("player.bilibili.com") is None
    assert hosts.match_address("//fonts.googleapis.com/css") is not None
    assert hosts.match_address("assets/youtube.com.png") is None  # a path, not a host
    reachable = host_list("cn", reachable=["www.gstatic.com", "youtube.com"])
    assert reachable.match("www.gstatic.com") is None and reachable.match("ssl.gstatic.com") is not None
    assert reachable.match("www.youtube.com") is None and reachable.match("youtu.be") is not None


def test_readers_of_simplified_chinese_are_in_mainland_china_unless_the_settings_say_otherwise(project: Path):
    config = load_config()
    regions = {code: config.region(parse_locale(code)) for code in ("zh", "zh_Hans", "zh_CN", "zh_Hant", "zh_TW")}
    assert regions == {"zh": "cn", "zh_Hans": "cn", "zh_CN": "cn", "zh_Hant": "none", "zh_TW": "none"}
    assert config.region(parse_locale("zh_HK")) == "none" and config.region(parse_locale("fr")) == "none"
    assert config.hosts(parse_locale("zh_Hant")) is None
    (project / "pyproject.toml").write_text('[tool.l10n]\nreader_region = {zh = "none", zh_Hant = "cn"}\n')
    config = load_config()
    assert config.region(parse_locale("zh")) == "none" and config.region(parse_locale("zh_Hant")) == "cn"
    (project / "pyproject.toml").write_text('[tool.l10n]\nreader_region = "none"\n')
    assert load_config().hosts(parse_locale("zh")) is None


@pytest.mark.parametrize(
    "setting, message",
    [
        ('reader_region = "china"', "setting 'reader_region' must be one of \"cn\", \"none\", not 'china'"),
        ('reader_region = {zh = "mars"}', "setting 'reader_region': zh must be one of \"cn\", \"none\", not 'mars'"),
        (
            '[[tool.l10n.blocked_hosts]]\nhost = "cdn.example.net"\nkind = "cdn"\nstatus = "blocked"\nchecked = 2026-11-30',
            "setting 'blocked_hosts': cdn.example.net: source must say where the evidence is (a list, a report, a "
            "measurement)",
        ),
        (
            '[[tool.l10n.blocked_hosts]]\nhost = "cdn.example.net"\nkind = "cdn"\nstatus = "slow"\n'
            'source = "x"\nchecked = 2026-11-30',
            "setting 'blocked_hosts': cdn.example.net: status must be one of blocked, unreliable, not 'slow'",
        ),
        (
            'reachable_hosts = ["fonts.googleapi.com"]',
            "setting 'reachable_hosts': fonts.googleapi.com is on no list of blocked hosts (a typo?); remove it",
        ),
        ("link_markers = 1", "setting 'link_markers' must be true or false"),
    ],
)
def test_bad_reachability_settings_are_one_line_naming_pyproject(project: Path, setting: str, message: str):
    (project / "pyproject.toml").write_text(f"[tool.l10n]\n{setting}\n")
    assert l10n("build", code=2).output == f"l10n: error: pyproject.toml: {message}\n"


# -- the Chinese page loads in mainland China ---------------------------------------------------------


def test_the_chinese_page_loads_nothing_from_a_listed_host_and_says_what_its_embeds_are(reader: Path):
    assert l10n("build", "zh").output == SUMMARY + "\n"
    zh = page(reader)
    assert resources.find(zh, shipped_list("cn")) == []
    assert not any(h in (reader / "dist/zh" / PAGE).read_text() for h in ("googletagmanager", "gravatar", "widgets.js"))
    [placeholder] = zh.find_class("l10n-embed")
    assert [text(part) for part in placeholder] == [
        "签约仪式精彩片段",  # the embed's own title, translated
        "此视频托管于 YouTube，在中国大陆可能无法播放。",
        "前往 YouTube 观看",
    ]
    assert placeholder.find(".//a").get("href") == "https://www.youtube.com/watch?v=k7Xq2LcDm4E"  # the original
    [frame] = zh.iter("iframe")  # the mapped one: the locale's own
    assert frame.get("src") == "https://player.bilibili.com/player.html?bvid=BV1Gx4y1L7sN&autoplay=0"
    assert frame.get("title") == "尼克·拉什顿议员谈与四川的合作伙伴关系"
    assert zh.find(".//a[@class='logo']/img").get("src") == "assets/logo.zh.svg"
    assert "莱斯特郡议会" in (reader / "dist/zh/assets/logo.zh.svg").read_text(encoding="utf-8")
    assert not (reader / "dist/en/assets/logo.zh.svg").exists()  # a variant is its locale's only
    assert text(zh.find_class("byline")[0]) == "撰稿：新闻传播团队"  # the avatar (alt="") is gone
    assert text(zh.find_class("twitter-tweet")[0]).startswith("今天，莱斯特郡与四川省")  # the tweet, as text
    assert "fonts.googleapis.com" not in (reader / "dist/zh/assets/site.css").read_text(encoding="utf-8")
    english = reader / "dist/en/assets/site.css"
    assert english.read_bytes() == (reader / "source/assets/site.css").read_bytes()


def test_the_english_page_is_the_same_whatever_the_chinese_readers_cannot_reach(reader: Path):
    l10n("build", "zh")
    built = (reader / "dist/en" / PAGE).read_bytes()
    for hosts in (shipped_list("cn"),):
        assert len(resources.find(lxml.html.fromstring(built), hosts)) == 9  # all still there
    settings = reader / "pyproject.toml"
    settings.write_text(settings.read_text() + 'reader_region = "none"\n')
    (reader / "locales/zh/media.toml").unlink()
    assert l10n("build", "zh").output == (
        "zh: 1 published (1 complete, 0 partly English), 0 not published; 1 media of zh's own\n"  # the logo
    )
    assert (reader / "dist/en" / PAGE).read_bytes() == built
    zh = page(reader)
    assert len(resources.find(zh, shipped_list("cn"))) == 9 and not zh.find_class("l10n-embed")


def test_build_json_and_check_list_each_resource_with_its_page(reader: Path):
    [line] = l10n("build", "zh", "--json").output.splitlines()
    found = json.loads(line)
    assert found["published"] == {PAGE: "complete"} and found["reader_region"] == "cn"
    done = [(r["page"], r["line"], r["element"], r["action"], r["host"]["host"]) for r in found["resources"]]
    assert done == [
        (f"zh/{PAGE}", 12, '<link rel="preconnect">', "dropped", "fonts.googleapis.com"),
        (f"zh/{PAGE}", 13, '<link rel="preconnect">', "dropped", "fonts.gstatic.com"),
        (f"zh/{PAGE}", 14, '<link rel="stylesheet">', "dropped", "fonts.googleapis.com"),
        (f"zh/{PAGE}", 17, "inline <script>", "dropped", "googletagmanager.com"),
        (f"zh/{PAGE}", 26, "<iframe>", "dropped", "googletagmanager.com"),
        (f"zh/{PAGE}", 53, "<img>", "dropped", "secure.gravatar.com"),
        (f"zh/{PAGE}", 86, "<iframe>", "placeholder", "youtube.com"),
        (f"zh/{PAGE}", 92, "<script>", "dropped", "platform.twitter.com"),
        ("zh/assets/site.css", 2, "@import", "dropped", "fonts.googleapis.com"),
    ]
    assert (
        found["resources"][0]["host"]["checked"] == "2025-10-15"
        and "gfwlist" in found["resources"][0]["host"]["source"]
    )
    assert [(m["address"], m["by"], m["where"]) for m in found["media"]] == [
        ("assets/logo.svg", "assets/logo.zh.svg", "variant"),
        (
            "https://www.youtube-nocookie.com/embed/R3uSht0nPq8",
            "https://player.bilibili.com/player.html?bvid=BV1Gx4y1L7sN&autoplay=0",
            "locales/zh/media.toml:3",
        ),
    ]
    assert found["links_marked"] == 18
    assert l10n("build", "zh").output == SUMMARY + "\n"  # nothing to do: the same account
    result = l10n("check", "zh")
    *lines, count = result.output.splitlines()
    assert count.startswith("l10n: 0 errors, 10 warnings; ") and all(
        ": warning: unreachable: " in line for line in lines
    )
    assert lines[0] == (
        "source/assets/site.css:2: warning: unreachable: @import loads from fonts.googleapis.com, unreliable from "
        "mainland China (font; checked 2025-10-15): dropped from the zh copy"
    )
    assert lines[8] == (
        f"source/{PAGE}:89: warning: unreachable: <iframe> loads from youtube-nocookie.com, blocked from mainland "
        "China (video; checked 2025-05-26): the zh pages have their own, "
        "https://player.bilibili.com/player.html?bvid=BV1Gx4y1L7sN&autoplay=0 (locales/zh/media.toml:3)"
    )
    problems = [json.loads(line) for line in l10n("check", "zh", "--json").output.splitlines()]
    assert [p["action"] for p in problems].count("placeholder") == 1 and problems[1]["host"]["kind"] == "font"


def test_hosts_a_project_adds_or_takes_off_the_list(reader: Path):
    settings = reader / "pyproject.toml"
    settings.write_text(
        settings.read_text() + 'reachable_hosts = ["youtube.com", "fonts.googleapis.com", "fonts.gstatic.com"]\n\n'
        "[[tool.l10n.blocked_hosts]]\n"
        'host = "midlandsengine.org"\nkind = "other"\nstatus = "unreliable"\n'
        'source = "our partners in Chengdu, by telephone"\nchecked = 2026-11-30\n'
    )
    l10n("build", "zh")
    zh = page(reader)
    assert zh.find_class("l10n-embed") == []  # youtube.com is reachable now
    assert any("youtube.com/embed" in (f.get("src") or "") for f in zh.iter("iframe"))
    assert "fonts.googleapis.com" in (reader / "dist/zh" / PAGE).read_text()
    # A link to a listed host is no resource: it stays (only what pages load is dropped).
    assert zh.xpath("//a[@href='https://www.midlandsengine.org']")


# -- per-locale media ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "mapping, message",
    [
        (
            '# the logo\n\n"assets/logo.svg" = "assets/logo-zh.svg"\n',
            "locales/zh/media.toml:3: assets/logo-zh.svg: no such file in source/",
        ),
        ('"assets/logo.svg" = ["a", "b"]\n', "locales/zh/media.toml:1: assets/logo.svg: each line maps"),
        ('"assets/logo.svg" = "assets/logo.svg\n', "locales/zh/media.toml:1: not a media map:"),
        ('"x.png" = "../../etc/passwd"\n', "locales/zh/media.toml:1: ../../etc/passwd: no such file in source/"),
        ('"x.png" = "mailto:x@example.org"\n', "locales/zh/media.toml:1: mailto:x@example.org: not an http(s) address"),
    ],
)
def test_a_bad_media_map_names_its_line_and_changes_nothing(reader: Path, mapping: str, message: str):
    l10n("build", "zh")
    before = {p: p.read_bytes() for p in (reader / "dist").rglob("*") if p.is_file()}
    (reader / "locales/zh/media.toml").write_text(mapping)
    for command in (("build", "zh"), ("check", "zh")):
        result = l10n(*command, code=2)
        assert result.output.startswith(f"l10n: error: {message}") and len(result.output.splitlines()) == 1
    assert {p: p.read_bytes() for p in (reader / "dist").rglob("*") if p.is_file()} == before


def test_a_locale_shows_its_own_image_document_and_video(project: Path):
    shutil.copytree(SEED_PROJECT / "locales", project / "locales")
    shutil.copytree(SEED_PROJECT / "source", project / "source", dirs_exist_ok=True)
    source = project / "source" / SEED.name
    html = source.read_text(encoding="utf-8").replace(
        "<p>Watch a video of the visit below:</p>",
        '<p>Watch a video of the visit below:</p><p><a href="assets/strategy.pdf">China Strategy (PDF)</a></p>',
    )
    source.write_text(html, encoding="utf-8")
    (project / "source/assets/strategy.pdf").write_bytes(b"%PDF-1.4 English")
    (project / "source/assets/china-visit-zh.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (project / "locales/zh/media.toml").write_text(
        '"assets/china-visit.svg" = "assets/china-visit-zh.svg"\n'
        '"/assets/china-visit.mp4" = "https://player.bilibili.com/player.html?bvid=BV1Gx4y1L7sN&autoplay=0"\n'
    )
    l10n("update")
    l10n("build", "zh", "--min-complete", "0")
    zh = page(project)
    assert zh.find(".//figure/img").get("src") == "assets/china-visit-zh.svg"
    assert (project / "dist/zh/assets/china-visit-zh.svg").is_file()  # published: a zh page uses it
    [frame] = zh.iter("iframe")  # the video file mapped to a player: the <video> is its frame now
    assert frame.get("src").startswith("https://player.bilibili.com/") and frame.get("height") == "450"
    assert frame.get("title") == "四川代表团访问莱斯特郡的视频" and not list(zh.iter("video", "source"))
    pdf = zh.xpath("//a[contains(@href, 'strategy')]")[0]
    assert pdf.get("href") == "assets/strategy.pdf" and pdf.get("hreflang") == "en"  # a document in English
    en = page(project, "en")
    assert en.find(".//figure/img").get("src") == "assets/china-visit.svg" and list(en.iter("video"))
    (project / "source/assets/strategy.zh.pdf").write_bytes(b"%PDF-1.4 Chinese")
    l10n("build", "zh", "--min-complete", "0")
    pdf = page(project).xpath("//a[contains(@href, 'strategy')]")[0]
    assert pdf.get("href") == "assets/strategy.zh.pdf" and pdf.get("hreflang") is None  # its variant: Chinese
    assert (project / "dist/zh/assets/strategy.zh.pdf").is_file() and not (
        project / "dist/en/assets/strategy.zh.pdf"
    ).exists()


# -- the page reads as Chinese ------------------------------------------------------------------------


def test_the_builds_own_texts_are_in_the_site_catalog_for_translators(project: Path):
    shutil.copy(SEED, project / "source")
    l10n("init", "zh")
    pot = polib.pofile(str(project / "locales/templates/_site.pot"))
    own = {e.msgid: e for e in pot if e.msgctxt == "l10n"}
    assert "Parts of this page are not yet translated and are shown in English." in own
    assert own["(in English)"].comment.startswith("After a link to a page in English only")
    assert own["This video is on <site1/>, which may not open in mainland China."].msgstr == ""
    name = pot.find("Leicestershire County Council")
    assert name.comment.splitlines()[0].startswith("The site's name")
    site = project / "locales/zh/LC_MESSAGES/_site.po"
    msgfmt_check(site)
    suggested = polib.pofile(str(site)).find("(in English)", msgctxt="l10n")
    assert suggested.msgstr == "（英文）" and suggested.fuzzy and suggested.tcomment.startswith("suggestion: l10n, ")


def test_translators_own_the_builds_texts(reader: Path):
    site = reader / "locales/zh/LC_MESSAGES/_site.po"
    po = polib.pofile(str(site))
    po.find("(in English)", msgctxt="l10n").msgstr = "（英语页面）"
    po.find("News", msgctxt="l10n").msgstr = "新闻动态"
    po.find("Watch it on <site1/>", msgctxt="l10n").msgstr = "去看看"  # loses its placeholder: not used
    po.find("Language", msgctxt="l10n").msgstr = ""  # untranslated: l10n's wording
    po.save()
    result = l10n("build", "zh")
    assert "_site.po:" in result.output and "missing placeholder <site1>; l10n's own wording shown" in result.output
    html = (reader / "dist/zh" / PAGE).read_text(encoding="utf-8")
    assert 'a[data-l10n-marker]:lang(zh-Hans)::after{content:"（英语页面）"}' in html
    assert 'aria-label="语言"' in html and "前往 YouTube 观看" in html
    index = page(reader, "zh", "index.html")
    assert index.findtext(".//title") == "新闻动态 | 莱斯特郡议会" and index.findtext(".//h1") == "新闻动态"
    assert index.find_class("l10n-site")[0].text == "莱斯特郡议会"
    english = page(reader, "en", "index.html")
    assert english.findtext(".//title") == "News | Leicestershire County Council"
    chooser = lxml.html.fromstring((reader / "dist/index.html").read_bytes())
    assert chooser.findtext(".//title") == "Leicestershire County Council · 莱斯特郡议会"
    [chinese] = chooser.xpath("//h1/span")
    assert chinese.get("lang") == "zh-Hans" and chinese.text == "选择语言"  # Chinese on an English page, marked


def test_links_say_where_they_lead(project: Path):
    for name in ("a", "b", "c"):
        (project / "source" / f"{name}.html").write_text(
            f"<html><head><title>{name} | Council</title></head><body><main><h1>Page {name}</h1>"
            '<p>See <a href="b.html">the roads page</a>, <a href="c.html">the parks page</a> and '
            '<a href="/contact-us">our contact page</a>.</p><p><a href="/"><img src="logo.png" alt=""></a></p>'
            "</main></body></html>"
        )
    settings = project / "pyproject.toml"
    settings.write_text(settings.read_text() + 'source_url = "https://council.example/"\n')
    l10n("init", "zh")
    for name in ("a", "b"):  # c stays English: below the threshold
        po = polib.pofile(str(project / f"locales/zh/LC_MESSAGES/{name}.po"))
        for entry in po:
            entry.msgstr = {
                "See <a1>the roads page</a1>, <a2>the parks page</a2> and <a3>our contact page</a3>.": (
                    "见<a1>道路页面</a1>、<a2>公园页面</a2>和<a3>联系页面</a3>。"
                )
            }.get(entry.msgid, f"第{name}页")
        po.save()
    l10n("build", "zh")
    links = {
        a.text: (a.get("href"), a.get("hreflang"), a.get("data-l10n-marker"))
        for a in page(project, "zh", "a.html").iter("a")
    }
    assert links["道路页面"] == ("b.html", None, None)  # published in Chinese: no marker
    assert links["公园页面"] == ("https://council.example/c.html", "en", "")  # below the threshold
    assert links["联系页面"] == ("https://council.example/contact-us", "en", "")  # the council's, in English
    [logo] = [a for a in page(project, "zh", "a.html").iter("a") if a.text is None]
    assert logo.get("hreflang") == "en" and logo.get("data-l10n-marker") is None  # no text: no marker shown
    assert not page(project, "en", "a.html").xpath("//a[@hreflang and not(@data-l10n)]")  # English pages: unchanged
    settings.write_text(settings.read_text() + "link_markers = false\n")
    l10n("build", "zh")
    html = (project / "dist/zh/a.html").read_text(encoding="utf-8")
    assert 'hreflang="en"' in html and "data-l10n-marker" not in html and "（英文）" not in html


def test_emphasis_is_chinese_and_a_book_title_has_none(seeded: Path):
    po_path = seeded / f"locales/zh/LC_MESSAGES/{SEED.stem}.po"
    html = SEED.read_text(encoding="utf-8").replace(
        "aspirations for growing trade", "<em>aspirations</em> for growing trade"
    )
    (seeded / "source" / SEED.name).write_text(html, encoding="utf-8")
    l10n("update")
    po = polib.pofile(str(po_path))
    [entry] = [e for e in po if "<em1>" in e.msgid]
    entry.msgstr = "莱斯特市和莱斯特郡正在制定“中国战略”，以契合<em1>《英格兰中部引擎增长愿景》</em1>中扩大对华贸易的<em2>愿景</em2>。"
    entry.flags = []
    entry.previous_msgid = None
    po.save()
    l10n("build", "zh", "--min-complete", "0")
    zh = page(seeded)
    title, stress = [em for em in zh.iter("em")]
    assert title.text == "《英格兰中部引擎增长愿景》" and title.get("data-l10n-title") == ""
    assert stress.text == "愿景" and stress.get("data-l10n-title") is None
    style = zh.find(".//style[@data-l10n='style']").text
    assert "em:lang(zh-Hans){font-style:normal;-webkit-text-emphasis:filled dot;text-emphasis:filled dot;" in style
    assert "text-emphasis-position:under right" in style and "font-weight:bold" not in style.split("em:lang")[1]


def test_english_left_on_a_chinese_page_keeps_its_space_and_its_dates(seeded: Path):
    po_path = seeded / f"locales/zh/LC_MESSAGES/{SEED.stem}.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid.startswith("Plus, our reputation") or entry.msgid == "Published <time1/>":
            entry.msgstr = ""
        elif entry.msgid.startswith("Over the last few years"):
            entry.msgstr = "过去几年，莱斯特市和莱斯特郡迅速走上了国际舞台。"
        elif entry.msgid.startswith("This visit is about"):
            entry.msgstr = "此次访问旨在寻找新的发展机遇。"
    po.save()
    l10n("build", "zh", "--min-complete", "0")
    zh = page(seeded)
    [quote] = [p for p in zh.iter("p") if "国际舞台" in text(p)]
    assert text(quote) == (
        "过去几年，莱斯特市和莱斯特郡迅速走上了国际舞台。Plus, our reputation for world class education, research "
        "and innovation in business makes us an attractive place to do business. 此次访问旨在寻找新的发展机遇。"
    )  # none after 。(it has its own space), one between English and Chinese
    [meta] = zh.find_class("meta")
    assert text(meta) == "Published 8 November 2017"  # English, date and all
    assert meta.get("lang") == "en"
    assert zh.find_class("l10n-english-notice")[0].text == "本页部分内容尚未翻译，暂以英文显示。"


def test_a_base_href_is_never_rewritten(project: Path):
    (project / "source" / "a.html").write_text(
        '<html><head><base href="."><title>A</title></head><body><h1>Roads</h1>'
        '<p><a href="#top">Top</a> <a href="b.html">B</a></p></body></html>'
    )
    (project / "source" / "b.html").write_text("<html><body><h1>B</h1></body></html>")
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    for language in ("en", "zh"):
        built = page(project, language, "a.html")
        assert built.find(".//base").get("href") == "."
        assert [a.get("href") for a in built.iter("a") if a.get("data-l10n") is None] == ["#top", "b.html"]


def test_traditional_chinese_readers_are_not_in_mainland_china_by_default(reader: Path):
    settings = reader / "pyproject.toml"
    settings.write_text(settings.read_text().replace('languages = ["zh"]', 'languages = ["zh", "zh_Hant"]'))
    output = l10n("build").output
    assert "zh_Hant: 1 published" in output and output.count("unreachable from mainland China") == 1
    hant = page(reader, "zh_Hant")
    assert hant.find_class("l10n-embed") == [] and len(list(hant.iter("iframe"))) == 3
    assert page(reader, "zh_Hant", "index.html").findtext(".//h1") == "新聞"


# -- in a browser, with the listed hosts black-holed ---------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_in_mainland_china_the_chinese_page_shows_at_once_and_the_english_one_waits(reader: Path):
    """Every listed host leads to a port that accepts and never answers (as dropped packets do: an
    unroutable address fails at once on this machine), every other host to none."""
    l10n("build", "zh")
    hosts = shipped_list("cn")
    with (
        BlackHole() as hole,
        Chromium(width=390, height=844, flags=(hole.resolver_rules(sorted(hosts.entries)),)) as browser,
    ):
        start = time.monotonic()
        zh = browser.open(reader / "dist/zh" / PAGE, wait=False, network=True)
        while (painted := zh.first_contentful_paint()) is None and time.monotonic() - start < 10:
            time.sleep(0.05)
        assert painted is not None and painted < 3000, painted
        assert "中国代表团来访促进商贸往来" in zh.evaluate("document.body.innerText")
        assert (
            zh.evaluate("getComputedStyle(document.querySelector('em[data-l10n-title]')).textEmphasisStyle") == "none"
        )
        marker = zh.evaluate("getComputedStyle(document.querySelector('a[data-l10n-marker]'), '::after').content")
        assert marker == '"（英文）"'
        time.sleep(1)
        asked = zh.requests()
        assert asked and not [url for url in asked if hosts.match_address(url)]
        assert any(url.startswith("https://player.bilibili.com/") for url in asked)
        start = time.monotonic()
        en = browser.open(reader / "dist/en" / PAGE, wait=False, network=True)
        time.sleep(4)
        assert en.first_contentful_paint() is None  # nothing drawn: it waits on fonts.googleapis.com
        assert en.evaluate("document.body === null")  # the Tag Manager script waits for the stylesheet
        assert any(url.startswith("https://fonts.googleapis.com/") for url in en.requests())


def test_a_map_a_post_and_a_frame_without_title_get_placeholders_of_their_kind(project: Path):
    (project / "source" / "a.html").write_text(
        "<html><body><main><h1>Where we are</h1><p>Come and see us.</p>"
        '<iframe src="https://www.google.com/maps/embed?pb=!1m18" width="600" height="450"></iframe>'
        '<iframe src="//www.facebook.com/plugins/post.php?href=x" title="Our post"></iframe>'
        '<p>By <img src="https://0.gravatar.com/avatar/1" alt="Jane Smith"> today.</p>'
        "</main></body></html>"
    )
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    zh = page(project, "zh", "a.html")
    places = [[text(part) for part in el] for el in zh.find_class("l10n-embed")]
    assert places[0] == ["地图", "此地图托管于 Google Maps，在中国大陆可能无法打开。", "前往 Google Maps 查看"]
    assert places[1] == ["Our post", "此内容托管于 Facebook，在中国大陆可能无法打开。", "前往 Facebook 查看"]
    assert zh.find_class("l10n-embed")[1].find("span/span").get("lang") == "en"  # its title, untranslated
    assert zh.find_class("l10n-embed")[1].find(".//a").get("href") == "https://www.facebook.com/plugins/post.php?href=x"
    [image] = zh.find_class("l10n-image")  # an image readers cannot load: its text in its place
    assert text(image) == "Jane Smith" and not list(zh.iter("img"))


def test_translations_of_the_builds_texts_are_text(reader: Path):
    po = polib.pofile(str(reader / "locales/zh/LC_MESSAGES/_site.po"))
    po.find("(in English)", msgctxt="l10n").msgstr = '"}</style><script>alert(1)</script>\\'
    po.find("Language", msgctxt="l10n").msgstr = '语言" onmouseover="alert(1)'
    po.find(
        "This video is on <site1/>, which may not open in mainland China.", msgctxt="l10n"
    ).msgstr = "<img src=x onerror=alert(1)> <site1/>"
    po.save()
    l10n("build", "zh")
    html = (reader / "dist/zh" / PAGE).read_text(encoding="utf-8")
    zh = lxml.html.fromstring(html)
    assert not zh.xpath("//script") and not zh.xpath("//@onerror | //@onmouseover")
    assert 'content:"\\22 }\\3c /style\\3e \\3c script\\3e alert(1)\\3c /script\\3e \\5c "' in html
    assert zh.find(".//nav[@data-l10n='switcher']").get("aria-label") == '语言" onmouseover="alert(1)'
    assert text(zh.find_class("l10n-embed")[0][1]) == "<img src=x onerror=alert(1)> YouTube"


def test_only_what_loads_from_a_listed_host_is_a_resource():
    snippet = (
        "(function(){var s=document.createElement('script');s.src='https://www.googletagmanager.com/gtm.js?id=X';})();"
    )
    bundle = "var shareTo = 'https://www.facebook.com/sharer.php?u=';" + "x();" * 600
    long_loader = "/* app */ var u = '//connect.facebook.net/en_US/fbevents.js';" + "y();" * 600
    html = f"""<html><head>
    <link rel="canonical" href="https://www.youtube.com/x"><link rel="stylesheet" href="//use.typekit.net/abc.css">
    <script>{snippet}</script><script>{bundle}</script><script>{long_loader}</script>
    <script type="application/ld+json">{{"embedUrl": "https://www.youtube.com/embed/x"}}</script>
    <script>var scope = "https://www.googleapis.com/auth/plus.login";</script>
    <style>@import url(https://fonts.googleapis.com/css?family=A); @import "local.css"; body{{color:red}}</style>
    </head><body><a href="https://twitter.com/council">Follow us</a>
    <img src="a.png" srcset="a.png 1x, https://i0.wp.com/x/a.png 2x" alt="">
    <picture><source srcset="https://i0.wp.com/x/b.webp"><img src="b.png" alt=""></picture>
    <video poster="https://i.ytimg.com/vi/x/0.jpg" src="clip.mp4"></video>
    <audio><source src="https://w.soundcloud.com/x.mp3"></audio>
    </body></html>"""
    found = resources.find(lxml.html.fromstring(html), shipped_list("cn"))
    assert [(r.describe(), r.action, r.entry.host) for r in found] == [
        ('<link rel="stylesheet">', "dropped", "use.typekit.net"),
        ("inline <script>", "dropped", "googletagmanager.com"),  # a snippet that loads a tag manager
        ("@import in <style>", "dropped", "fonts.googleapis.com"),
        ("srcset of <img>", "attribute", "wp.com"),
        ("<source>", "dropped", "wp.com"),
        ("poster of <video>", "attribute", "ytimg.com"),
        ("<audio>", "placeholder", "soundcloud.com"),
    ]  # not: a canonical link, links, structured data, the page's own long scripts, an auth scope


def test_check_reads_a_page_again_only_when_it_changed(reader: Path, monkeypatch: pytest.MonkeyPatch):
    first = l10n("check", "zh").output

    def unread(*args: object) -> None:
        raise AssertionError("a page read again")

    with monkeypatch.context() as patched:
        patched.setattr(checks, "read_html", unread)
        assert l10n("check", "zh").output == first
    source = reader / "source" / PAGE
    source.write_text(
        source.read_text(encoding="utf-8").replace("secure.gravatar.com", "example.org"), encoding="utf-8"
    )
    assert l10n("check", "zh").output.count("unreachable") == first.count("unreachable") - 1
