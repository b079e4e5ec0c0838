"""The shipped content: the seed article and its reviewed Simplified Chinese catalog, as the
project holds them now (the other test modules use a frozen copy, tests/data/seed). Other
articles added to the project do not change what these tests look at."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import lxml.html
import polib
from conftest import ROOT, SEED, l10n, msgfmt_check, without_chrome

CATALOG = Path("locales/zh/LC_MESSAGES/china-visit-boosts-business-links.po")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
# Latin text a Chinese reader expects to see as it is: road and postcode names, acronyms.
ALLOWED_LATIN = {
    "LE",
    "RA",
    "Cookie",
    "Leicestershire",
    "County",
    "Council",
    "Hall",
    "Glenfield",
    "Leicester",
    "United",
    "Kingdom",
}


def test_shipped_catalog_is_complete_reviewed_and_valid():
    msgfmt_check(ROOT / CATALOG)
    po = polib.pofile(str(ROOT / CATALOG))
    active = [e for e in po if not e.obsolete]
    assert active and all(e.msgstr and not e.fuzzy for e in active)
    assert po.metadata["Language"] == "zh_Hans"
    by_id = {e.msgid: e.msgstr for e in active}
    assert (
        "310亿英镑"
        in by_id["Sichuan is the size of Spain, with 90 million residents and an economy worth £31\u00a0billion."]
    )
    assert (
        "9000万"
        in by_id["Sichuan is the size of Spain, with 90 million residents and an economy worth £31\u00a0billion."]
    )
    text = "".join(by_id.values())
    for term in (
        "四川省",
        "莱斯特郡",
        "英格兰中部引擎",
        "“一带一路”倡议",
        "朱鹤新",
        "莱斯特郡议会领袖尼克·拉什顿",
        "友好省市",
    ):
        assert term in text, term


def test_shipped_catalog_is_current_with_the_source(project: Path):
    shutil.copy(ROOT / "source" / SEED.name, project / "source")
    (project / "locales" / "zh" / "LC_MESSAGES").mkdir(parents=True)
    shutil.copy(ROOT / CATALOG, project / "locales" / "zh" / "LC_MESSAGES")
    l10n("update")
    po = polib.pofile(str(project / "locales" / "zh" / "LC_MESSAGES" / CATALOG.name))
    assert not po.obsolete_entries() and not po.untranslated_entries() and not po.fuzzy_entries()


def seed_only(project: Path) -> None:
    """The shipped seed article with its assets, catalogs and glossary, and the project's settings."""
    shutil.rmtree(project / "source")
    shutil.copytree(ROOT / "source" / "assets", project / "source" / "assets")
    shutil.copy(ROOT / "source" / SEED.name, project / "source")
    for relative in (CATALOG, CATALOG.with_name("_site.po"), Path("locales/zh/glossary.tbx")):
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / relative, project / relative)
    shutil.copy(ROOT / "pyproject.toml", project)


def test_check_finds_no_problem_in_the_shipped_catalogs(project: Path):
    for folder in ("source", "locales"):
        shutil.rmtree(project / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, project / folder)
    shutil.copy(ROOT / "pyproject.toml", project)
    assert re.fullmatch(r"l10n: 0 errors, 0 warnings; [0-9]+ entries checked\n", l10n("check", "zh").output)


def test_build_zh_on_the_shipped_content_is_chinese_throughout(project: Path):
    seed_only(project)
    assert l10n("build", "zh").output == "zh: 1 published (1 complete, 0 partly English), 0 not published\n"
    html = (project / "dist" / "zh" / SEED.name).read_text(encoding="utf-8")
    page = without_chrome(lxml.html.fromstring(html))
    assert page.get("lang") == "zh-Hans"
    assert 'data-l10n="fallback"' not in html and not page.xpath("//body//*[@lang]")
    body = page.find("body")
    for script in body.iter("script", "style"):
        script.drop_tree()
    visible = body.text_content() + "".join(page.xpath("//@alt | //@title | //@placeholder | //@aria-label"))
    leftovers = set(LATIN_WORD.findall(visible)) - ALLOWED_LATIN
    assert not leftovers, leftovers
    assert "四川面积与西班牙相当，拥有9000万人口，经济总量达310亿英镑。四川与莱斯特郡" in html
    assert page.find(".//title").text == "四川省代表团访问莱斯特郡，助推双方经贸往来 | 莱斯特郡议会"
    assert page.find(".//h1").text == "四川省代表团访问莱斯特郡，助推双方经贸往来"
    assert page.find(".//p[@class='standfirst']").text == "地方政府、商界和高校负责人签署贸易协议"
    assert page.find(".//footer/p").text == (
        "莱斯特郡议会，地址：英国莱斯特郡格伦菲尔德郡议会大楼，邮编：LE3 8RA（英文地址："
        "Leicestershire County Council, County Hall, Glenfield, Leicester LE3 8RA, "
        "United Kingdom）"
    )
    assert "过去几年，莱斯特市和莱斯特郡迅速走上了国际舞台。" in html
    for name in ("description", "og:title", "og:description"):
        content = page.xpath(f"//meta[@name='{name}' or @property='{name}']/@content")[0]
        assert not LATIN_WORD.search(content), name
