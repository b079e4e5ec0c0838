"""Each text keeps its own translation: the site's "Home" (首页) and an article's table cell "Home"
(住宅) are different texts, on the page, for `translate --accept-exact` and for `check`."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html
import polib
from conftest import catalog, l10n

HOMES = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>New homes for the county</title>
</head><body>
<header><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/jobs">Jobs</a></nav></header>
<main><article><h1>New homes for the county</h1>
<p>The council will build new homes next year. Each one has a garden.</p>
<table><tr><th>Type</th><th>Number</th></tr><tr><td>Home</td><td>120</td></tr><tr><td>Flat</td><td>80</td></tr></table>
</article></main><footer><p>© County Council 2026</p></footer></body></html>"""

ARTICLE = {
    "New homes for the county": "郡内新建住房",
    "The council will build new homes next year.": "郡议会明年将新建住房。",
    "Each one has a garden.": "每套住房都带花园。",
    "Type": "类型",
    "Number": "数量",
    "Home": "住宅",
    "Flat": "公寓",
}
SITE = {"Home": "首页", "News": "新闻", "Jobs": "就业", "© County Council 2026": "© 2026 郡议会 版权所有"}


def _fill(path: Path, translations: dict[str, str], fuzzy: bool = False) -> None:
    po = polib.pofile(str(path))
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if fuzzy:
                entry.flags.append("fuzzy")
    po.save()


def _homes(project: Path) -> Path:
    (project / "source" / "homes.html").write_text(HOMES)
    l10n("init", "zh")
    return project / "locales" / "zh" / "LC_MESSAGES"


def test_the_site_text_and_the_article_text_each_show_their_own_translation(project: Path):
    folder = _homes(project)
    _fill(folder / "homes.po", ARTICLE)
    _fill(folder / "_site.po", SITE)
    l10n("build", "zh")
    page = lxml.html.parse(str(project / "dist" / "zh" / "homes.html")).getroot()
    assert [a.text_content() for a in page.xpath("//header/nav/a")] == ["首页", "新闻", "就业"]
    assert page.xpath("//td")[0].text_content() == "住宅"
    # With the site's "Home" not yet translated, the navigation stays English: never the article's 住宅.
    _fill(folder / "_site.po", {"Home": ""})
    l10n("build", "zh")
    page = lxml.html.parse(str(project / "dist" / "zh" / "homes.html")).getroot()
    assert page.xpath("//header/nav/a")[0].text_content() == "Home"
    assert page.xpath("//header/nav/a")[0].xpath("ancestor-or-self::*[@lang='en']")
    assert page.xpath("//td")[0].text_content() == "住宅"
    # And the other way round: the article's cell untranslated stays English, not the site's 首页.
    _fill(folder / "_site.po", SITE)
    _fill(folder / "homes.po", {"Home": ""})
    l10n("build", "zh", "--min-complete", "0")
    page = lxml.html.parse(str(project / "dist" / "zh" / "homes.html")).getroot()
    assert page.xpath("//td")[0].text_content() == "Home"
    assert page.xpath("//header/nav/a")[0].text_content() == "首页"


def test_accept_exact_takes_a_match_only_from_the_same_kind_of_text(project: Path):
    folder = _homes(project)
    (project / "source" / "flats.html").write_text(HOMES.replace("New homes", "New flats").replace("120", "95"))
    l10n("update")
    _fill(folder / "_site.po", SITE)
    result = l10n("translate", "zh", "--accept-exact", "source/homes.html")
    home = catalog(project, "homes").find("Home")
    # The site's navigation "Home" is no table cell: suggested (fuzzy), never accepted as reviewed.
    assert home.fuzzy and home.msgstr == "首页" and "100% match" in home.tcomment
    assert "0 accepted" in result.output
    # An article's table cell "Home", reviewed, is accepted for another article's table cell.
    _fill(folder / "homes.po", {"Home": "住宅"})
    po = polib.pofile(str(folder / "homes.po"))
    po.find("Home").flags.remove("fuzzy")
    po.save()
    result = l10n("translate", "zh", "--accept-exact", "source/flats.html")
    home = catalog(project, "flats").find("Home")
    assert not home.fuzzy and home.msgstr == "住宅" and "exact, accepted" in home.tcomment
    assert "1 accepted" in result.output


def test_consistency_compares_the_same_role_and_names_the_sites_entry(project: Path):
    folder = _homes(project)
    (project / "source" / "more.html").write_text(
        HOMES.replace("<td>Home</td>", "<td><a href='/'>Home</a></td>").replace("New homes", "More homes")
    )
    l10n("update")
    _fill(folder / "homes.po", ARTICLE)
    _fill(folder / "_site.po", SITE)
    _fill(folder / "more.po", {**ARTICLE, "Home": "主页"})
    result = l10n("check", "zh", "--json", code=0)
    found = [json.loads(line) for line in result.output.splitlines()]
    consistency = [p for p in found if p["check"] == "consistency"]
    # homes.po's table cell 住宅 and the navigation's 首页 are different texts: no warning.
    # more.po's link "Home" is a link like the navigation's: told which entry is the site's.
    assert [(p["file"], p["msgid"]) for p in consistency] == [("locales/zh/LC_MESSAGES/more.po", "Home")]
    assert "_site.po" in consistency[0]["message"] and "the site's text" in consistency[0]["message"]
    assert "“首页”" in consistency[0]["message"]
