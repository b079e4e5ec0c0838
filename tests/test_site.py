"""The partner site around the pages: indexes, switcher, links, threshold, incremental builds."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import lxml.html
import polib
import pytest
from conftest import SEED, SEED_PROJECT, catalog, l10n, snapshot, translate_all

from l10n.site import build as build_module

ARTICLE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="description" content="{standfirst}"></head>
<body><main><h1>{title}</h1><p class="meta">Published <time datetime="{date}">{date}</time></p>
<p>{body}</p></main></body></html>
"""


def page(project: Path, rel: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((project / "dist" / rel).read_bytes())


def shipped(project: Path) -> None:
    for folder in ("source", "locales"):
        shutil.rmtree(project / folder, ignore_errors=True)
        shutil.copytree(SEED_PROJECT / folder, project / folder)


def add_article(project: Path, name: str, title: str, date: str, body: str = "The road is open.") -> Path:
    path = project / "source" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=title, standfirst=f"About {title.lower()}", date=date, body=body))
    return path


def test_site_structure_indexes_and_switcher(project: Path):
    shipped(project)
    add_article(project, "news/roads.html", "Roads reopen", "2026-11-20")
    l10n("build", "zh", "--min-complete", "0")
    chooser = page(project, "index.html")
    assert [(a.get("href"), a.text) for a in chooser.iter("a")] == [
        ("en/index.html", "English"),
        ("zh/index.html", "中文"),
    ]
    zh_index = page(project, "zh/index.html")
    assert zh_index.get("lang") == "zh-Hans"
    items = zh_index.xpath("//ul[@class='articles']/li")
    # Newest first; translated title, Babel date and standfirst; the untranslated article in English, marked so.
    assert items[0].xpath("h2/a/@href") == ["news/roads.html"] and items[0].findtext("h2/a") == "Roads reopen"
    assert items[0].xpath("h2/a/@lang") == ["en"] and items[0].xpath("p/@lang") == ["en"]
    assert items[1].findtext("h2/a") == "中国代表团来访促进商贸往来" and not items[1].xpath(".//@lang")
    assert items[1].findtext("time") == "2017年11月8日" and items[1].findtext("p") == "市政、商界和高校领导签署贸易协议"
    en_index = page(project, "en/index.html")
    assert en_index.xpath("//li/time/text()") == ["20 November 2026", "8 November 2017"]
    article = page(project, "zh/news/roads.html")
    switch = article.xpath("//nav[@data-l10n='switcher']")[0]
    assert switch.get("translate") == "no"
    source = lxml.html.fromstring((project / "source" / "news" / "roads.html").read_bytes())
    assert len(article.xpath("//*[not(@data-l10n)]")) == len(list(source.iter()))  # all it adds is marked
    assert [(a.get("href"), a.get("hreflang"), a.text) for a in switch.iter("a")] == [
        ("../../en/news/roads.html", "en", "English")
    ]
    back = page(project, "en/news/roads.html").xpath("//nav[@data-l10n='switcher']//a")[0]
    assert back.get("href") == "../../zh/news/roads.html" and back.text == "中文"
    alternates = {link.get("hreflang"): link.get("href") for link in article.xpath("//link[@rel='alternate']")}
    assert alternates == {
        "en": "../../en/news/roads.html",
        "zh-Hans": "roads.html",
        "x-default": "../../en/news/roads.html",
    }
    assert not article.xpath("//link[@rel='canonical']")
    style = article.xpath("//style[@data-l10n='style']")[0].text
    assert "Microsoft YaHei" in style and "PingFang SC" in style and "Noto Sans CJK SC" in style


def test_canonical_and_absolute_alternates_with_a_base_url(project: Path):
    (project / "pyproject.toml").write_text('[tool.l10n]\nbase_url = "https://partners.example.org/news"\n')
    add_article(project, "a.html", "Roads reopen", "2026-11-20")
    l10n("init", "zh")
    l10n("build", "--min-complete", "0")
    article = page(project, "zh/a.html")
    assert article.xpath("//link[@rel='canonical']/@href") == ["https://partners.example.org/news/zh/a.html"]
    assert "https://partners.example.org/news/en/a.html" in article.xpath("//link[@rel='alternate']/@href")


def test_a_locale_without_catalogs_is_refused_until_init_starts_it(project: Path):
    shipped(project)
    l10n("build", "zh")
    before = snapshot(project)
    for command in (
        ["build", "fr"],
        ["update", "fr"],
        ["translate", "fr"],
        ["build", "zh", "fr"],
        ["update", "zh", "fr"],
    ):
        result = l10n(*command, code=2)
        assert result.output == "l10n: error: locales/fr: no catalogs for fr; run `l10n init fr` first\n", command
    assert snapshot(project) == before  # nothing written: no catalog, no French site
    l10n("init", "fr")
    l10n("build", "zh", "fr", "--min-complete", "0")
    assert (project / "dist" / "fr" / SEED.name).exists()


def test_the_output_folder_holds_the_locales_of_this_build_and_nothing_is_left_behind(project: Path):
    shipped(project)
    l10n("build", "zh", "zh_Hant")
    mine = project / "dist" / "zh_Hant" / "notes.txt"
    mine.write_text("not l10n's")
    chooser = page(project, "index.html")
    assert [a.get("hreflang") for a in chooser.iter("a")] == ["en", "zh-Hans", "zh-Hant"]
    manifest = next((project / ".l10n-cache").glob("build-*.sqlite3"))
    with sqlite3.connect(manifest) as db:  # an upgrade forgets fingerprints, not what it wrote
        db.execute("UPDATE meta SET value = 'older l10n' WHERE key = 'code'")
    result = l10n("build", "zh")
    assert "l10n: note: dist/zh_Hant/ removed: zh_Hant is not in this build" in result.stderr
    assert sorted(p.name for p in (project / "dist" / "zh_Hant").rglob("*")) == [
        "notes.txt"
    ]  # every page l10n wrote is gone; the file it did not write stays
    assert [a.get("hreflang") for a in page(project, "index.html").iter("a")] == ["en", "zh-Hans"]
    for rel in ("zh/index.html", f"zh/{SEED.name}", f"en/{SEED.name}"):
        assert "zh-Hant" not in (project / "dist" / rel).read_text(), rel
    mine.unlink()
    l10n("build", "zh", "zh_Hant")
    l10n("build", "zh")
    assert not (project / "dist" / "zh_Hant").exists()


def test_a_new_untranslated_article_is_not_published_in_chinese_and_the_summary_names_it(project: Path):
    shipped(project)
    add_article(project, "roads.html", "Roads reopen", "2026-11-20")
    result = l10n("build", "zh")
    assert result.stdout == (
        "zh: 1 published (1 complete, 0 partly English), 1 not published (below 80%): roads.html 0%\n"
    )
    assert "l10n: note: 1 article changed since its catalogs: run l10n update\n" in result.stderr  # no catalog yet
    assert not (project / "dist" / "zh" / "roads.html").exists()
    assert (project / "dist" / "zh" / SEED.name).exists() and (project / "dist" / "en" / "roads.html").exists()
    html = "".join(p.read_text() for p in (project / "dist").rglob("*.html"))
    assert "zh/roads.html" not in html and "Roads reopen" not in (project / "dist" / "zh" / "index.html").read_text()
    assert not page(project, "en/roads.html").xpath("//nav[@data-l10n='switcher']")  # no Chinese to offer

    l10n("update")
    po = catalog(project, "roads")
    for entry in po:  # 3 of 4 units reviewed: still below the threshold
        entry.msgstr = {
            "Roads reopen": "道路重新开放",
            "About roads reopen": "关于道路重新开放",
            "The road is open.": "道路已开放。",
        }.get(entry.msgid, "")
    po.save()
    result = l10n("build", "zh")
    assert result.stdout.endswith("1 not published (below 80%): roads.html 75%\n")
    assert not (project / "dist" / "zh" / "roads.html").exists()
    result = l10n("build", "zh", "--min-complete", "75")  # published, with one unit in English
    assert result.stdout == "zh: 2 published (1 complete, 1 partly English), 0 not published\n"
    roads = page(project, "zh/roads.html")
    assert roads.xpath("//*[@data-l10n='english-notice']/text()") == ["本页部分内容尚未翻译，暂以英文显示。"]
    assert [el.get("lang") for el in roads.xpath("//p[@class='meta']")] == ["en"]
    assert not page(project, f"zh/{SEED.name}").xpath("//*[@data-l10n='english-notice']")
    listed = page(project, "zh/index.html").xpath("//ul[@class='articles']/li/h2/a")
    assert [(a.text, a.get("lang")) for a in listed] == [("道路重新开放", None), ("中国代表团来访促进商贸往来", None)]
    (project / "pyproject.toml").write_text("[tool.l10n]\nmin_complete = 100\n")
    assert l10n("build").stdout.endswith("1 not published (below 100%): roads.html 75%\n")
    assert not (project / "dist" / "zh" / "roads.html").exists()  # the page published before is removed


LINKS = {"href": "a link", "src": "a source", "srcset": "an image set", "poster": "a poster", "action": "a form"}
ORIGINAL = "https://www.leicestershire.gov.uk/"


def links(html: lxml.html.HtmlElement) -> list[tuple[str, str]]:
    """Every address of a page: (attribute, address), srcset candidates one by one."""
    found = []
    for el in html.iter():
        for name in LINKS:
            value = el.get(name) if isinstance(el.tag, str) else None
            if value is not None:
                found += [(name, c.split()[0]) for c in value.split(", ")] if name == "srcset" else [(name, value)]
    return found


def test_no_link_of_the_built_seed_site_is_broken(project: Path):
    shipped(project)
    shutil.copy(SEED_PROJECT / "pyproject.toml", project)  # source_url is the council's site
    for name, title in (("news/a5-pinch-points.html", "Pinch points"), ("news/summer-newsletter.html", "Newsletter")):
        add_article(project, name, title, "2025-06-01")
    l10n("update")
    translate_all(project / "locales" / "zh" / "LC_MESSAGES" / "news" / "a5-pinch-points.po", lambda m: "中文" + m)
    l10n("build", "zh")
    dist = project / "dist"
    checked = 0
    for path in dist.rglob("*.html"):
        html = lxml.html.fromstring(path.read_bytes())
        for name, address in links(html):
            parts = urllib.parse.urlsplit(address)
            if parts.scheme or address.startswith("//"):
                assert parts.scheme in ("https", "mailto"), address
                continue
            assert not address.startswith("/"), (path, address)
            target = (path.parent / urllib.parse.unquote(parts.path)).resolve() if parts.path else path
            assert target.is_file() and dist in target.parents, (path.relative_to(dist), name, address)
            if parts.fragment:
                assert parts.fragment in set(lxml.html.fromstring(target.read_bytes()).xpath("//@id")), address
            checked += 1
    assert checked > 40
    zh, en = ({a.get("href") for a in page(project, f"{lang}/{SEED.name}").iter("a")} for lang in ("zh", "en"))
    # A page published in the page's language: relative. Anything else of the council's site: absolute.
    assert {"news/a5-pinch-points.html", ORIGINAL + "news/summer-newsletter"} <= zh
    assert "news/summer-newsletter.html" not in zh  # not published in Chinese
    assert {
        "news/a5-pinch-points.html",
        "news/summer-newsletter.html",
        ORIGINAL + "council-and-democracy",
        ORIGINAL,
        "#main-content",
        "https://www.midlandsengine.org",
    } <= en
    seed = page(project, f"zh/{SEED.name}")
    assert seed.xpath("//form/@action") == [ORIGINAL + "search"] and seed.xpath("//link[@rel='stylesheet']/@href") == [
        "assets/site.css"
    ]
    assert seed.xpath("//video/source/@src") == [ORIGINAL + "assets/china-visit.mp4"]  # not in source/assets
    # Once the newsletter is published in Chinese, the Chinese seed page links to it (its own inputs unchanged).
    translate_all(project / "locales" / "zh" / "LC_MESSAGES" / "news" / "summer-newsletter.po", lambda m: "中文" + m)
    result = l10n("-v", "build", "zh")
    assert f"wrote dist/zh/{SEED.name}" in result.stdout and f"wrote dist/en/{SEED.name}" not in result.stdout
    assert "news/summer-newsletter.html" in {a.get("href") for a in page(project, f"zh/{SEED.name}").iter("a")}


def test_with_include_fuzzy_suggestions_count_towards_the_threshold_and_the_summary_says_so(project: Path):
    add_article(project, "a.html", "Roads reopen", "2026-11-20")
    l10n("init", "zh")
    po = catalog(project, "a")
    for entry in po:
        entry.msgstr, entry.tcomment = "中文" + entry.msgid, "suggestion: libre, 2026-11-28"
        entry.flags.append("fuzzy")
    po.save()
    assert (
        l10n("build", "zh").stdout
        == "zh: 0 published (0 complete, 0 partly English), 1 not published (below 80%): a.html 0%\n"
    )
    assert (
        l10n("build", "zh", "--include-fuzzy").stdout
        == "zh: 1 published (0 complete, 0 partly English, 1 machine translated), 0 not published\n"
    )
    assert page(project, "zh/a.html").xpath("//*[@data-l10n='machine-notice']")


def test_the_summary_line_names_ten_articles_below_the_threshold_and_counts_the_rest():
    from l10n.site.build import Published

    summary = Published(
        "zh",
        80,
        {"a.html": "complete", "b.html": "partly English"},
        {f"n{i:02}.html": (799 - 10 * i) / 10 for i in range(12)},
    )  # as stats rounds
    assert summary.line() == (
        "zh: 2 published (1 complete, 1 partly English), 12 not published (below 80%): "
        + ", ".join(f"n{i:02}.html {79 - i}.9%" for i in range(10))
        + ", and 2 more"
    )
    assert Published("zh_Hant", 0, {}).line() == "zh_Hant: 0 published (0 complete, 0 partly English), 0 not published"
    assert (
        Published("zh", 80, {"a.html": "machine translated"}).line()
        == "zh: 1 published (0 complete, 0 partly English, 1 machine translated), 0 not published"
    )


def test_source_url_must_be_a_web_address(project: Path):
    for value in ('"www.leicestershire.gov.uk"', '"https://"', "1", '"https://example.org/?page=1"'):
        (project / "pyproject.toml").write_text(f"[tool.l10n]\nsource_url = {value}\n")
        result = l10n("build", code=2)
        assert (
            result.output
            == "l10n: error: pyproject.toml: setting 'source_url' must be an http:// or https:// address\n"
        )


def test_links_lead_to_what_the_build_publishes_or_to_the_original_site():
    from l10n.site.links import Site, rewrite_links

    site = Site(
        {"zh": frozenset({"news/a.html", "news/b.htm", "guides/index.html"})},
        frozenset({"news/img/x.png"}),
        "https://council.example/",
    )
    html = """<html><body>
    <a href="/news/a">a</a> <a href="../news/b.htm?x=1#top">b</a> <a href="c.html">c</a> <a href="/guides/">g</a>
    <a href="#here">here</a> <a href="mailto:x@council.example">m</a> <a href="//cdn.example/y.js">cdn</a>
    <a href="https://other.example/z">z</a> <a href=" /news/a ">spaced</a> <a href="?page=2">page 2</a>
    <img src="img/x.png" srcset="img/x.png 1x, /img/x@2x.png 2x,img/x.png 3x,  img/x.png, /img/y.png 4x" alt="">
    </body></html>"""
    root = lxml.html.fromstring(html)
    found = rewrite_links(root, site, "zh", "news/a.html", "zh/news/a.html")
    assert [a.get("href") for a in root.iter("a")] == [
        "a.html",
        "b.html?x=1#top",
        "https://council.example/news/c.html",
        "../guides/index.html",
        "#here",
        "mailto:x@council.example",
        "//cdn.example/y.js",
        "https://other.example/z",
        "a.html",
        "?page=2",
    ]  # the page itself: as it was
    assert root.find(".//img").get("src") == "img/x.png"
    assert (
        root.find(".//img").get("srcset")
        == "img/x.png 1x, https://council.example/img/x@2x.png 2x,img/x.png 3x,  img/x.png, https://council.example/img/y.png 4x"
    )
    assert found.root_relative == 0 and found.targets["news/c.html"] is None
    root = lxml.html.fromstring('<p><a href="/news/a">a</a> <a href="/contact">c</a> <a href="d.html">d</a></p>')
    found = rewrite_links(
        root, Site(site.articles, site.assets, None), "zh", "guides/index.html", "zh/guides/index.html"
    )
    assert [a.get("href") for a in root.iter("a")] == ["../news/a.html", "/contact", "d.html"]
    assert found.root_relative == 1  # without source_url, /contact cannot be made to work: counted for the warning
    root = lxml.html.fromstring(
        '<html><head><base href="/news/"></head><body><a href="a.html">a</a><a href="?page=2">2</a></body></html>'
    )
    found = rewrite_links(root, site, "zh", "guides/index.html", "zh/guides/index.html")
    assert root.find(".//base").get("href") == "/news/"  # never rewritten: it leads out of the output folder,
    assert found.link_from is None  # so links that resolve from it lead to the original site
    assert [a.get("href") for a in root.iter("a")] == [
        "https://council.example/news/a.html",
        "https://council.example/news/?page=2",
    ]
    with_base_url = Site(site.articles, site.assets, site.source_url, base_url="https://partner.example/")
    root = lxml.html.fromstring('<html><head><base href="/news/"></head><body><a href="a.html">a</a></body></html>')
    rewrite_links(root, with_base_url, "zh", "guides/index.html", "zh/guides/index.html")
    assert root.find(".//a").get("href") == "https://partner.example/zh/news/a.html"  # or to the partner site's page
    # A relative <base> stays, and links the build writes are relative to it (a real page's `.`).
    root = lxml.html.fromstring(
        '<html><head><base href="."></head><body><a href="a.html">a</a><a href="#top">top</a>'
        '<a href="../guides/">g</a></body></html>'
    )
    found = rewrite_links(root, site, "zh", "news/b.html", "zh/news/b.html")
    assert root.find(".//base").get("href") == "." and found.link_from == "zh/news/"
    assert [a.get("href") for a in root.iter("a")] == ["a.html", "#top", "../guides/index.html"]
    root = lxml.html.fromstring('<html><head><base href="../"></head><body><a href="news/a.html">a</a></body></html>')
    found = rewrite_links(root, site, "zh", "news/b.html", "zh/news/b.html")
    assert root.find(".//base").get("href") == "../" and root.find(".//a").get("href") == "news/a.html"
    # What Python cannot read as an address (a real page's `http://[ccpa-preferences]`) is left as it is.
    odd = ["http://[ccpa-preferences]", "https://[::1", "/x]y[z"]
    root = lxml.html.fromstring('<p><base href="http://[b]/">' + "".join(f'<a href="{h}">x</a>' for h in odd) + "</p>")
    rewrite_links(root, site, "zh", "news/a.html", "zh/news/a.html")
    assert [a.get("href") for a in root.iter("a")] == [
        "http://[ccpa-preferences]",
        "https://[::1",
        "https://council.example/x]y[z",
    ]


def test_incremental_rebuild_rewrites_only_what_changed(project: Path):
    shipped(project)
    add_article(project, "roads.html", "Roads reopen", "2026-11-20")
    l10n("build", "zh", "--min-complete", "0")
    pages = sorted((project / "dist").rglob("*.html"))
    before = {p: p.stat().st_mtime_ns for p in pages}
    result = l10n("-v", "build", "zh", "--min-complete", "0")
    assert "wrote" not in result.output
    assert {p: p.stat().st_mtime_ns for p in pages} == before
    add_article(project, "roads.html", "Roads reopen", "2026-11-20", body="The road is open again.")
    result = l10n("-v", "build", "zh", "--min-complete", "0")
    written = {line.split()[-1] for line in result.output.splitlines() if line.startswith("wrote")}
    assert written == {"dist/en/roads.html", "dist/zh/roads.html"}  # a build writes no catalog
    assert "1 article changed since its catalogs: run l10n update" in result.stderr
    l10n("update")
    # A catalog edit rebuilds that article's Chinese page only.
    translate_all(project / "locales" / "zh" / "LC_MESSAGES" / "roads.po", lambda m: "中文" + m)
    result = l10n("-v", "build", "zh", "--min-complete", "0")
    written = {line.split()[-1] for line in result.output.splitlines() if line.startswith("wrote")}
    assert "dist/zh/roads.html" in written and "dist/en/roads.html" not in written
    assert not any(SEED.stem in w for w in written)


def test_a_build_with_nothing_to_do_repeats_its_summary_and_reads_no_page(
    project: Path, monkeypatch: pytest.MonkeyPatch
):
    shipped(project)
    roads = add_article(project, "roads.html", "Roads reopen", "2026-11-20")  # newer than its catalogs
    an_hour_ago = time.time() - 3600
    os.utime(roads, (an_hour_ago, an_hour_ago))
    first = l10n("build", "zh")
    site = snapshot(project / "dist")
    planned: list[bool] = []
    real_plan = build_module._plan
    monkeypatch.setattr(build_module, "_plan", lambda *a: planned.append(True) or real_plan(*a))

    def again(*options: str) -> bool:
        """Build again; whether the build looked at the pages."""
        planned.clear()
        result = l10n("build", "zh", *options)
        assert (result.stdout, result.stderr) == (first.stdout, first.stderr)
        assert snapshot(project / "dist") == site
        return bool(planned)

    assert "1 article changed since its catalogs" in first.stderr and "not published" in first.stdout
    assert not again()
    os.utime(roads)  # touched, not changed: the page-by-page way, which finds nothing to do
    assert again() and not again()  # a file changed a moment ago is recorded by its content
    assert not again("--min-complete", "80")  # the same settings, said another way
    planned.clear()
    assert "below 79%" in l10n("build", "zh", "--min-complete", "79").stdout and planned
    assert again() and not again()
    (project / "dist" / "zh" / "index.html").write_text("edited by hand")
    assert again() and not again()
    (project / "dist" / "CNAME").write_text("partners.example\n")  # the publisher's own, left alone
    site["CNAME"] = b"partners.example\n"
    assert again() and not again()
    # Changed in the clock tick its stamp was taken in: same size, same time, other text.
    stamp = roads.stat()
    roads.write_text(roads.read_text().replace("Roads reopen", "Roads reclose"))
    os.utime(roads, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    planned.clear()
    l10n("build", "zh")
    assert planned and "Roads reclose" in (project / "dist" / "en" / "roads.html").read_text()


def test_a_link_to_a_folder_above_it_in_the_source_does_not_stop_a_build(project: Path):
    add_article(project, "a.html", "Roads reopen", "2026-11-20")
    (project / "source" / "loop").symlink_to(project / "source")  # walked forever, if followed
    l10n("init", "zh")
    first = l10n("build", "zh", "--min-complete", "0")
    assert l10n("build", "zh", "--min-complete", "0").output == first.output


def test_stale_pages_of_removed_articles_are_removed(project: Path):
    add_article(project, "a.html", "Roads reopen", "2026-11-20")
    add_article(project, "old/b.html", "Old news", "2020-01-01")
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    assert (project / "dist" / "zh" / "old" / "b.html").exists()
    skeletons = project / ".l10n-cache" / "skeletons"
    assert (skeletons / "zh" / "old" / "b.json").exists() and (skeletons / "en" / "old" / "b.json").exists()
    (project / "source" / "old" / "b.html").unlink()
    l10n("build", "zh", "--min-complete", "0")
    assert not (project / "dist" / "zh" / "old" / "b.html").exists()
    assert sorted(p.name for p in skeletons.rglob("*.json")) == ["a.json", "a.json"]  # en and zh
    assert not (project / "dist" / "en" / "old" / "b.html").exists()
    assert "Old news" not in (project / "dist" / "en" / "index.html").read_text()
    assert (project / "dist" / "zh" / "a.html").exists()


def test_deleting_the_manifest_or_a_page_rebuilds(project: Path):
    add_article(project, "a.html", "Roads reopen", "2026-11-20")
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    site = snapshot(project / "dist")
    (project / "dist" / "zh" / "a.html").unlink()
    (project / "dist" / "en" / "index.html").write_text("edited by hand")
    l10n("build", "zh", "--min-complete", "0")
    assert snapshot(project / "dist") == site  # the lost page made again, the edited index put right
    shutil.rmtree(project / ".l10n-cache")
    (project / "dist" / "zh" / "a.html").write_text("stale")
    l10n("build", "zh", "--min-complete", "0")
    assert snapshot(project / "dist") == site


def test_traditional_chinese_is_derived_and_own_catalog_wins(project: Path):
    shipped(project)
    l10n("build", "zh", "zh_Hant")
    hant = page(project, f"zh_Hant/{SEED.name}")
    assert hant.get("lang") == "zh-Hant" and hant.findtext(".//h1") == "中國代表團來訪促進商貿往來"
    assert not (project / "locales" / "zh_Hant").exists()
    assert "中文（繁體）" in (project / "dist" / "index.html").read_text()
    l10n("init", "zh_Hant")
    po_path = project / "locales" / "zh_Hant" / "LC_MESSAGES" / SEED.with_suffix(".po").name
    po = polib.pofile(str(po_path))
    po.find("China visit boosts business links").msgstr = "中國訪問團促進商貿往來"
    po.save()
    l10n("build", "zh", "zh_Hant")
    hant = page(project, f"zh_Hant/{SEED.name}")
    assert hant.findtext(".//h1") == "中國訪問團促進商貿往來"
    assert hant.findtext(".//p[@class='standfirst']") == "市政、商界和高校領導簽署貿易協議"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_serve_previews_and_rebuilds_on_change(project: Path):
    add_article(project, "a.html", "Roads reopen", "2026-11-20")
    l10n("init", "zh")
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "l10n.cli", "serve", "--port", str(port)],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:

        def fetch(path: str) -> str:
            for _ in range(100):
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/{path}", timeout=2) as response:
                        return response.read().decode()
                except OSError:
                    time.sleep(0.1)
            raise AssertionError("the preview server did not answer")

        assert "Roads reopen" in fetch("en/index.html")
        add_article(project, "a.html", "Roads reopen early", "2026-11-20")
        for _ in range(100):
            if "Roads reopen early" in fetch("en/index.html"):
                break
            time.sleep(0.1)
        else:
            raise AssertionError("no rebuild after the source changed")
    finally:
        server.terminate()
        server.wait(timeout=10)
    assert not (project / "dist").exists()  # a preview is never published
    assert (project / ".l10n-cache" / "preview" / "en" / "a.html").exists()
    assert "Serving the preview .l10n-cache/preview/ at http://127.0.0.1:" in server.stderr.read()
    server.stderr.close()
    server.stdout.close()


def test_assets_are_published_beside_the_pages(project: Path):
    add_article(
        project, "a.html", "Roads reopen", "2026-11-20", body='The road is open.<img src="assets/old.png" alt="">'
    )
    (project / "source" / "assets").mkdir()
    (project / "source" / "assets" / "site.css").write_text("body { color: #111 }")
    (project / "source" / "assets" / "old.png").write_bytes(b"\x89PNG")
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    for lang in ("en", "zh"):
        assert (project / "dist" / lang / "assets" / "old.png").read_bytes() == b"\x89PNG"
        assert not (project / "dist" / lang / "assets" / "site.css").exists()  # no page uses it
    (project / "source" / "assets" / "old.png").unlink()
    l10n("build", "zh", "--min-complete", "0")
    assert not (project / "dist" / "zh" / "assets" / "old.png").exists()


@pytest.mark.browser
def test_the_site_in_chromium(project: Path, tmp_path: Path):
    from browser import Chromium, glyph_check

    shipped(project)
    add_article(project, "news/roads.html", "Roads reopen", "2026-11-20")
    l10n("build", "zh", "--min-complete", "50")
    dist = project / "dist"
    with Chromium(width=1000, height=900) as browser:
        page = browser.open(dist / "index.html", languages="en-GB,en")
        assert page.evaluate("location.href").endswith("/dist/en/index.html")
        titles = page.evaluate("[...document.querySelectorAll('.articles h2 a')].map(a => a.textContent)")
        assert titles == ["Roads reopen", "China visit boosts business links"]
        chinese = browser.open(dist / "index.html", languages="zh-CN,zh")
        assert chinese.evaluate("location.href").endswith("/dist/zh/index.html")
        titles = chinese.evaluate("[...document.querySelectorAll('.articles h2 a')].map(a => a.textContent)")
        assert titles == ["中国代表团来访促进商贸往来"]  # the incomplete article is not published in Chinese
        assert chinese.evaluate("document.querySelector('.articles time').textContent") == "2017年11月8日"

        chinese.click(".articles h2 a")
        assert chinese.evaluate("document.documentElement.lang") == "zh-Hans"
        assert chinese.evaluate("document.querySelector('h1').textContent") == "中国代表团来访促进商贸往来"
        assert chinese.evaluate("document.querySelector('[data-l10n=machine-notice]')") is None
        url = chinese.click("nav[data-l10n=switcher] a[hreflang=en]")
        assert url.endswith(f"/dist/en/{SEED.name}")
        assert chinese.evaluate("document.querySelector('h1').textContent") == "China visit boosts business links"
        url = chinese.click("nav[data-l10n=switcher] a[hreflang=zh-Hans]")
        assert url.endswith(f"/dist/zh/{SEED.name}")
        glyphs = glyph_check(browser, chinese, tmp_path / "zh.png")
        roads = browser.open(dist / "en" / "news" / "roads.html")
        assert roads.evaluate("document.querySelector('nav[data-l10n=switcher]')") is None  # no Chinese version
        for tab in (page, chinese, roads):
            assert tab.errors() == []
    assert glyphs.real_glyphs, glyphs
    assert glyphs.distinct > 200


@pytest.mark.browser
def test_machine_notice_in_chromium(project: Path):
    from browser import Chromium

    add_article(project, "a.html", "Roads reopen", "2026-11-20")
    l10n("init", "zh")
    po_path = project / "locales" / "zh" / "LC_MESSAGES" / "a.po"
    po = polib.pofile(str(po_path))
    entry = po.find("The road is open.")
    entry.msgstr, entry.flags, entry.tcomment = "道路已开放。", ["fuzzy"], "suggestion: libre, 2026-11-28"
    po.save()
    l10n("build", "zh", "--include-fuzzy", "--min-complete", "0")
    with Chromium() as browser:
        page = browser.open(project / "dist" / "zh" / "a.html")
        notice = page.evaluate("document.querySelector('[data-l10n=machine-notice]').innerText")
        assert notice == "本页部分内容为机器翻译，尚未经过人工审校。"
        assert page.evaluate("document.querySelector('[data-l10n=machine]').textContent") == "道路已开放。"
        assert page.errors() == []
    l10n("build", "zh", "--min-complete", "0")
    with Chromium() as browser:
        page = browser.open(project / "dist" / "zh" / "a.html")
        assert page.evaluate("document.querySelector('[data-l10n=machine-notice]')") is None
        assert page.evaluate("document.querySelector('main p:last-child').lang") == "en"


def test_articles_and_assets_leave_hidden_files_out_and_come_in_path_order(project: Path):
    from l10n.config import load_config
    from l10n.store import Project

    source = project / "source"
    for name in (
        "x.HTM",
        ".draft.html",
        ".git/y.html",
        "news/.old/z.html",
        "news/q.html",
        "a-b/m.html",
        "a/m.html",
        "style.css",
        "news/img.png",
    ):
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_text("<p>Text.</p>")
    (source / "folder.html").mkdir()  # a folder, not an article
    found = Project(load_config(project))
    assert [str(a.path) for a in found.articles()] == ["a/m.html", "a-b/m.html", "news/q.html", "x.HTM"]
    assert [str(a) for a in found.assets()] == ["news/img.png", "style.css"]
    assert [str(a.path) for a in found.articles((source / "news",))] == ["news/q.html"]


def test_serve_sees_an_edit_saved_while_it_rebuilds(tmp_path: Path):
    from l10n.site.serve import Preview

    watched = tmp_path / "source"
    watched.mkdir()
    (watched / "a.html").write_text("<h1>One</h1>")
    builds: list[str] = []

    def rebuild() -> None:
        builds.append((watched / "a.html").read_text())
        if len(builds) == 1:  # the author saves again while the first rebuild runs
            time.sleep(0.05)
            (watched / "a.html").write_text("<h1>Three</h1>")

    preview = Preview(tmp_path, [watched], rebuild, lambda message: None, port=0, interval=0.05)
    watcher = threading.Thread(target=preview._watch, daemon=True)
    watcher.start()
    try:
        time.sleep(0.2)
        (watched / "a.html").write_text("<h1>Two</h1>")
        for _ in range(100):
            if builds[-1:] == ["<h1>Three</h1>"]:
                break
            time.sleep(0.05)
    finally:
        preview.stopped.set()
        preview.server.server_close()
    assert builds[0] == "<h1>Two</h1>" and builds[-1] == "<h1>Three</h1>"


def test_build_all_builds_every_locale_with_catalogs_configured_or_not(project: Path):
    add_article(project, "a.html", "Roads reopen", "2026-11-20")
    l10n("init", "zh")
    l10n("init", "fr")  # started, but not in `languages`
    assert "fr:" not in l10n("build").stdout
    assert not (project / "dist" / "fr").exists()
    built = l10n("build", "--all", "--min-complete", "0").stdout
    assert built.startswith("fr: 1 published") and "\nzh: 1 published" in built
    assert (project / "dist" / "fr" / "a.html").exists()
    l10n("build", "--all", "zh", code=2)  # one or the other


def test_serve_rebuilds_when_an_embargo_lifts_though_no_file_changed(tmp_path: Path):
    from l10n.site.serve import Preview

    builds: list[float] = []

    def rebuild() -> float | None:
        builds.append(time.time())
        return None if len(builds) > 1 else time.time() + 0.3  # the first build: an embargo lifts soon

    preview = Preview(tmp_path, [tmp_path], rebuild, lambda message: None, port=0, interval=0.05)
    preview.due = rebuild()
    watcher = threading.Thread(target=preview._watch, daemon=True)
    watcher.start()
    try:
        for _ in range(60):
            if len(builds) > 1:
                break
            time.sleep(0.05)
        time.sleep(0.3)  # and no more after it: nothing else is due
    finally:
        preview.stopped.set()
        preview.server.server_close()
    assert len(builds) == 2 and builds[1] - builds[0] >= 0.3
