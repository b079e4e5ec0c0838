"""Real pages: the article and the site around it, text that is not for translation, structured data."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import lxml.html
import polib
import pytest
from conftest import SEED, SEED_PROJECT, l10n, translate_all

from l10n import segment_html

NEWS = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Roads reopen | County News</title>
<meta name="description" content="The A6 reopens today. Work finished early.">
<meta property="og:locale" content="en_GB"><meta property="og:title" content="Roads reopen">
<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Roads reopen", "description": "The A6 reopens today. Work finished early.",
 "articleBody": "The A6 reopens today. Read the plan online.",
 "image": {"@type": "ImageObject", "url": "a.jpg", "caption": "The new road surface"},
 "publisher": {"@type": "Organization", "name": "County News"}, "datePublished": "2026-11-20"}</script>
</head><body>
<header><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/jobs">Jobs</a></nav></header>
<main><article><h1>Roads reopen</h1>
<figure><img src="a.jpg" alt="IMG_2041.jpg"><figcaption>The new road surface</figcaption></figure>
<p>The A6 reopens today. Read <a href="/plan">the plan</a> online.</p>
<p>45</p><p>{{isCollapsed ? 'Expand' : 'Collapse'}}</p><p><i class="material-icons">arrow_forward_ios</i></p>
<p>Call 0116 305 0000 or write to <a href="mailto:roads@example.org">roads@example.org</a>.</p>
<div class="share">Share this article</div>
</article>
<aside class="related"><h2>Related</h2><a href="/b">Buses change</a></aside></main>
<footer><p>Opening hours<br>Monday to Friday<br>9am to 5pm</p><p>© County Council 2026</p></footer>
</body></html>"""


def units(html: str) -> dict[str, str]:
    return {u.msgid: u.scope for u in segment_html(html)}


def test_the_article_and_the_site_around_it():
    found = units(NEWS)
    article = {msgid for msgid, scope in found.items() if scope == "article"}
    assert article == {
        "Roads reopen | County News",
        "The A6 reopens today.",
        "Work finished early.",
        "Roads reopen",
        "The new road surface",
        "Read <a1>the plan</a1> online.",
        "Call 0116 305 0000 or write to <a1>roads@example.org</a1>.",
    }
    assert {msgid for msgid, scope in found.items() if scope == "site"} == {
        "Home",
        "News",
        "Jobs",
        "Share this article",
        "Related",
        "Buses change",
        "Opening hours",
        "Monday to Friday",
        "9am to 5pm",
        "© County Council 2026",
    }


def test_the_sites_own_blocks_inside_the_article_go_to_the_site():
    """As real pages have them: a byline's category, a paywall box, an advertiser disclosure, a
    call to get the app, an affiliate-links notice, a comments section headed by an <h1>."""
    body = "The county's roads reopen today after two years of work on the bridges and junctions. " * 4
    found = units(f"""<html><head><title>Roads</title></head><body><main>
    <h1>Roads reopen</h1><p>{body}</p>
    <p>News date : 04/21/2022 &nbsp;Category : <a href="/c/10">Press Releases</a></p>
    <div class="buybox__info"><p>Instant access to the full article PDF.</p></div>
    <p class="text-block">We recommend the best products. Read our advertiser disclosure.</p>
    <p><b>Get the latest news straight to your phone with the County News app.</b></p>
    <p><i>This post may contain affiliate links.</i></p>
    <div class="divider-title comments"><h1 class="more-heading">Comments</h1></div>
    </main></body></html>""")
    assert {msgid for msgid, scope in found.items() if scope == "article"} == {
        "Roads",
        "Roads reopen",
        "The county's roads reopen today after two years of work on the bridges and junctions.",
    }
    assert {
        "News date : 04/21/2022 \xa0Category : <a1>Press Releases</a1>",
        "Instant access to the full article PDF.",
        "We recommend the best products.",
        "Get the latest news straight to your phone with the County News app.",
        "This post may contain affiliate links.",
        "Comments",
    } <= {msgid for msgid, scope in found.items() if scope == "site"}


@pytest.mark.parametrize(
    "html, expected",
    [
        (
            '<p>Tags: <a href="/a">Roads</a>, <a href="/b">Buses</a> · <a href="/c">Trains</a></p>',
            ["Tags:", "Roads", "Buses", "Trains"],
        ),  # a link list: one unit per link
        ("<p>County Hall<br>Glenfield<br>Leicester LE3 8RA</p>", ["County Hall", "Glenfield", "Leicester LE3 8RA"]),
        ("<p><span>One sentence here. Another one here.</span></p>", ["One sentence here.", "Another one here."]),
        ("<p>Before. <b>Bold one. Bold two.</b> After it.</p>", ["Before.", "Bold one.", "Bold two.", "After it."]),
        (
            '<p>Read the <a href="/r">report. It is long</a> and detailed.</p>',  # inside a sentence: one unit
            ["Read the <a1>report. It is long</a1> and detailed."],
        ),
        (
            "<p>Enabled (with <code>ALTER TABLE ... ENABLE ROW LEVEL SECURITY</code>), all access is denied.</p>",
            ["Enabled (with <code1/>), all access is denied."],
        ),
        (
            "<p>Ask a <hl-trusted-source href='/x'>health expert</hl-trusted-source> first.</p>",
            ["Ask a <hl-trusted-source1>health expert</hl-trusted-source1> first."],
        ),  # a custom element is inline
        (
            '<p>Read <a href="/a">this</a> and <a href="/b">that</a> today.</p>',
            ["Read <a1>this</a1> and <a2>that</a2> today."],
        ),  # words between links: a sentence, not a list
        ("<p>£3,000.00</p><p>✕</p><p>12/05/2024</p><p>nav-toggle-button</p><p>www.example.org</p>", []),
    ],
)
def test_reviewable_units(html: str, expected: list[str]):
    assert [u.msgid for u in segment_html(f"<html><body><main>{html}</main></body></html>")] == expected


def test_meta_descriptions_are_split_into_sentences():
    html = '<html><head><meta name="description" content="One. Two. Three."></head><body></body></html>'
    assert [u.msgid for u in segment_html(html)] == ["One.", "Two.", "Three."]


@pytest.fixture
def news(project: Path) -> Path:
    (project / "source" / "roads.html").write_text(NEWS, encoding="utf-8")
    l10n("init", "zh")
    for po in (project / "locales" / "zh" / "LC_MESSAGES").glob("*.po"):
        translate_all(po, lambda msgid: f"【{msgid}】")
    l10n("build", "zh")
    return project


def test_structured_data_is_translated_from_the_page_and_stays_valid(news: Path):
    page = lxml.html.fromstring((news / "dist" / "zh" / "roads.html").read_bytes())
    data = json.loads(page.xpath("//script[@type='application/ld+json']")[0].text)
    assert (
        data["headline"] == "【Roads reopen】"
        and data["description"] == "【The A6 reopens today.】【Work finished early.】"
    )
    # "Read the plan online." is the page's "Read <a1>the plan</a1> online.": its translation, as text.
    assert data["articleBody"] == "【The A6 reopens today.】【Read the plan online.】"
    assert data["image"]["caption"] == "【The new road surface】" and data["inLanguage"] == "zh-Hans"
    assert data["publisher"] == {"@type": "Organization", "name": "County News"}  # not the article's text
    catalog = {e.msgid for e in polib.pofile(str(news / "locales/zh/LC_MESSAGES/roads.po"))}
    assert "Read the plan online." not in catalog  # a translator sees each text once
    english = lxml.html.fromstring((news / "dist" / "en" / "roads.html").read_bytes())
    assert (
        english.xpath("//script[@type='application/ld+json']")[0].text
        == lxml.html.fromstring(NEWS.encode()).xpath("//script[@type='application/ld+json']")[0].text
    )


def test_open_graph_locale_says_each_version(news: Path):
    page = lxml.html.fromstring((news / "dist" / "zh" / "roads.html").read_bytes())
    assert page.xpath("//meta[@property='og:locale']/@content") == ["zh_CN"]
    assert page.xpath("//meta[@property='og:locale:alternate']/@content") == ["en_GB"]
    english = lxml.html.fromstring((news / "dist" / "en" / "roads.html").read_bytes())
    assert english.xpath("//meta[@property='og:locale']/@content") == ["en_GB"]
    assert english.xpath("//meta[@property='og:locale:alternate']/@content") == ["zh_CN"]


def test_structured_data_nested_deeper_than_python_reads_is_left_alone():
    script = '<script type="application/ld+json">' + "[" * 100_000 + "</script>"
    assert [u.msgid for u in segment_html(f"<html><head>{script}</head><body><p>Hi there.</p></body></html>")] == [
        "Hi there."
    ]


def test_hostile_translations_cannot_break_out_of_structured_data(project: Path):
    (project / "source" / "roads.html").write_text(NEWS, encoding="utf-8")
    l10n("init", "zh")
    translate_all(project / "locales/zh/LC_MESSAGES/roads.po", lambda m: '</script><script>alert(1)</script>"}' + m)
    l10n("build", "zh")
    page = lxml.html.fromstring((project / "dist" / "zh" / "roads.html").read_bytes())
    scripts = page.xpath("//script")
    assert len(scripts) == 1 and "alert" not in (scripts[0].get("src") or "")
    assert json.loads(scripts[0].text)["headline"].startswith("</script><script>alert(1)</script>")


def council_article(n: int) -> str:
    """The seed page with an article body of its own (as a council's CMS gives every article the
    same header, navigation, related list and footer)."""
    html = SEED.read_text(encoding="utf-8")
    start, end = html.index('<article class="news-article">'), html.index("</article>")
    body = (
        f'<article class="news-article"><h1>Council news item {n}</h1>'
        f'<p class="standfirst">What happened in week {n}</p>'
        f"<p>Roadworks on route {n} finish on Friday. Residents in ward {n} were consulted.</p>"
    )
    return html[:start] + body + html[end:]


def test_a_council_site_translates_its_furniture_once(project: Path):
    shutil.copytree(SEED_PROJECT / "locales", project / "locales")
    shutil.copy(SEED, project / "source")
    for n in range(1, 30):
        (project / "source" / f"news-{n:02}.html").write_text(council_article(n), encoding="utf-8")
    l10n("update")
    site = polib.pofile(str(project / "locales/zh/LC_MESSAGES/_site.po"))
    assert site.percent_translated() == 100  # the shipped seed's header, nav and footer, translated once
    assert all(len({path for path, _ in e.occurrences}) <= 10 for e in site)  # the first pages; a comment counts them
    assert any(e.comment.endswith("on 30 pages") for e in site)
    new = polib.pofile(str(project / "locales/zh/LC_MESSAGES/news-07.po"))
    assert sorted(e.msgid for e in new) == sorted(
        [  # the page's <title> and metas (the seed's) are the article's
            "China visit boosts business links | Leicestershire County Council",
            "China visit boosts business links",
            "Civic, business and university leaders have signed a trade agreement",
            "Council news item 7",
            "What happened in week 7",
            "Roadworks on route 7 finish on Friday.",
            "Residents in ward 7 were consulted.",
        ]
    )
    l10n("build", "zh", "--min-complete", "0")
    page = lxml.html.fromstring((project / "dist/zh/news-07.html").read_bytes())
    nav = [a.text for a in page.xpath("//nav[@aria-label='主导航']//a")]
    assert nav[:3] == ["首页", "议会与民主", "商业与经济"] and page.xpath("//footer//p/@lang") == []
    assert page.xpath("//h1")[0].get("lang") == "en"  # the article's own text waits for its translator


def test_content_selectors_choose_the_article(project: Path):
    (project / "pyproject.toml").write_text('[tool.l10n]\ncontent = ["div.story", "main"]\n')
    (project / "source" / "a.html").write_text(
        "<html><body><nav><a href='/'>Home</a> <a href='/b'>Blog</a></nav><div class='story'><p>Our story.</p></div>"
        "<p>Elsewhere.</p></body></html>"
    )
    (project / "source" / "b.html").write_text(
        "<html><body><p>No story here at all, but a long enough page.</p></body></html>"
    )
    found = {
        u["msgid"]: u["scope"] for u in map(json.loads, l10n("segment", "--json", "source/a.html").stdout.splitlines())
    }
    assert found == {"Home": "site", "Blog": "site", "Our story.": "article", "Elsewhere.": "site"}
    result = l10n("segment", "source/b.html")
    assert result.stderr == (
        "l10n: warning: source/b.html: no content selector matches this page; the article was found automatically\n"
    )


@pytest.mark.parametrize(
    "setting, message",
    [
        ('content = ["div..story"]', "pyproject.toml: setting 'content': bad CSS selector 'div..story'"),
        ("content = [1]", "pyproject.toml: setting 'content' must be a list of CSS selectors"),
        (
            'site_text = "nowhere"',
            "pyproject.toml: setting 'site_text' must be one of catalog, article, keep, not 'nowhere'",
        ),
    ],
)
def test_scope_settings_mistakes_are_one_line(project: Path, setting: str, message: str):
    (project / "pyproject.toml").write_text(f"[tool.l10n]\n{setting}\n")
    (project / "source" / "a.html").write_text("<p>Hello.</p>")
    output = l10n("update", code=2).output
    assert output.startswith(f"l10n: error: {message}") and len(output.splitlines()) == 1


def test_an_article_named_like_the_site_catalog_is_refused(project: Path):
    (project / "source" / "_site.html").write_text("<p>Hello.</p>")
    assert l10n("update", code=2).output == (
        "l10n: error: source/_site.html: an article may not be named _site.html: "
        "_site is the name of the site catalog; rename the file\n"
    )


@pytest.mark.parametrize(
    "site_text, site_catalog, in_article, english",
    [
        ("catalog", True, False, False),
        ("article", False, True, False),
        ("keep", False, False, True),
    ],
)
def test_site_text_settings(project: Path, site_text: str, site_catalog: bool, in_article: bool, english: bool):
    (project / "pyproject.toml").write_text(f'[tool.l10n]\nsite_text = "{site_text}"\n')
    (project / "source" / "roads.html").write_text(NEWS, encoding="utf-8")
    l10n("init", "zh")
    folder = project / "locales" / "zh" / "LC_MESSAGES"
    assert (folder / "_site.po").exists() == site_catalog
    assert ("Jobs" in {e.msgid for e in polib.pofile(str(folder / "roads.po"))}) == in_article
    for po in folder.glob("*.po"):
        translate_all(po, lambda msgid: f"【{msgid}】")
    built = l10n("build", "zh", "--min-complete", "0")
    # Site text kept English on purpose is neither missing from the catalogs nor "partly English".
    assert "zh: 1 published (1 complete, 0 partly English)" in built.stdout and "changed" not in built.stderr
    page = lxml.html.fromstring((project / "dist" / "zh" / "roads.html").read_bytes())
    assert not page.xpath("//*[@data-l10n='english-notice']")
    jobs = page.xpath("//nav//a[@href='/jobs']")[0]
    assert (jobs.text == "Jobs" and jobs.get("lang") == "en") if english else jobs.text == "【Jobs】"


def test_a_bad_translation_in_the_site_catalog_is_reported_once_not_once_a_page(project: Path):
    for name in ("a.html", "b.html", "c.html"):
        (project / "source" / name).write_text(NEWS, encoding="utf-8")
    l10n("init", "zh")
    site = project / "locales" / "zh" / "LC_MESSAGES" / "_site.po"
    translate_all(site, lambda msgid: "<a9>首页</a9>" if msgid == "Home" else msgid)
    warnings = [line for line in l10n("build", "zh", "--min-complete", "0").stderr.splitlines() if "_site.po" in line]
    assert len(warnings) == 1 and "shown in English" in warnings[0]


TABLE_LAYOUT = """<html><head><title>Council news</title></head><body>
<table><tr><td class="menu"><a href="/">Home</a><br><a href="/news">News</a><br><a href="/jobs">Jobs</a></td>
<td><h1>Library hours change</h1>
<font size="2">The county's libraries open later on Saturdays from next month, the council said today.
The change follows a survey of readers.</font>
<p>Opening hours will be 10am to 4pm.</p>
<div><p>Staff will run extra reading groups for children, with sessions on Saturday mornings.</p>
<p>The mobile library keeps its usual route, stopping at every village on the list, every fortnight.</p>
<p>Readers can renew books online or by phone, and fines stay as they are for now.</p></div></td>
<td class="sidebar"><p>Subscribe to our newsletter.</p><a href="/a">Bins collected on Monday</a></td></tr></table>
<p>Copyright County Council 2008</p></body></html>"""


SPLIT = """<html><body><div class="top"><a href="/">Home</a></div>
<p>The county's new bridge opened this morning, two weeks early.</p>
<div class="content"><p>Work began in March, and the crews worked through the summer, in all weathers.</p>
<p>The old bridge, built in 1890, will be kept as a footpath, and its railings will be repaired.</p>
<p>Buses return to their usual route from Monday, the operator said, with a stop on the bridge.</p></div>
<div class="promo"><p>Sign up to our newsletter for more news like this, every week, free.</p></div>
</body></html>"""


def test_prose_outside_the_densest_block_is_the_articles():
    """Recall first: on a table layout the automatic scope is unsure, and a block of running prose
    is the article's wherever it sits; menus, link lists and the site talking stay site text."""
    found = units(TABLE_LAYOUT)
    assert found["Library hours change"] == "article"
    assert found["The county's libraries open later on Saturdays from next month, the council said today."] == (
        "article"
    )
    assert found["Opening hours will be 10am to 4pm."] == "article"
    assert found["Readers can renew books online or by phone, and fines stay as they are for now."] == "article"
    assert found["Home"] == found["Jobs"] == found["Bins collected on Monday"] == "site"
    assert found["Subscribe to our newsletter."] == found["Copyright County Council 2008"] == "site"
    split = units(SPLIT)
    assert split["The county's new bridge opened this morning, two weeks early."] == "article"  # a standfirst
    assert split["Home"] == split["Sign up to our newsletter for more news like this, every week, free."] == "site"


SIDEBAR_OF_TEASERS = """<html><body><div id="content">
<h1>Library hours change</h1>
<p>The county's libraries open later on Saturdays from next month, the council said today.</p>
<p>Opening hours will be 10am to 4pm, and readers can renew books online or by phone.</p>
<div id="sidebar_right"><div class="title">More stories</div>
<div class="card"><a href="/news/1"><h3>Bus routes change in the north of the county</h3></a>
<p>Three bus routes change from Monday. The council says journeys will be shorter for most riders.</p></div>
<div class="card"><a href="/news/2"><h3>New playground opens at the country park</h3></a>
<p>Children tried out the new playground on Saturday. It has swings, a zip wire and a sand pit.</p></div>
</div></div></body></html>"""
SIDEBAR_OF_PROSE = SIDEBAR_OF_TEASERS.replace(
    '<a href="/news/1"><h3>Bus routes change in the north of the county</h3></a>', ""
).replace('<a href="/news/2"><h3>New playground opens at the country park</h3></a>', "")


def test_a_sidebar_of_teasers_inside_the_article_is_the_sites():
    """A block named like furniture holding much of the chosen block's text is the site's when its
    prose is summaries of other pages (each beside its headline link), not when it is prose."""
    teasers = units(SIDEBAR_OF_TEASERS)
    assert teasers["The county's libraries open later on Saturdays from next month, the council said today."] == (
        "article"
    )
    assert teasers["Three bus routes change from Monday."] == teasers["Bus routes change in the north of the county"]
    assert teasers["Three bus routes change from Monday."] == "site"
    assert teasers["It has swings, a zip wire and a sand pit."] == "site"
    prose = units(SIDEBAR_OF_PROSE)
    assert prose["Three bus routes change from Monday."] == prose["It has swings, a zip wire and a sand pit."]
    assert prose["Three bus routes change from Monday."] == "article"


def test_segment_scope_says_what_was_chosen_and_why(project: Path):
    (project / "source" / "news.html").write_text(NEWS)
    (project / "source" / "old.html").write_text(TABLE_LAYOUT)
    lines = l10n("segment", "--scope", "source/news.html").output.splitlines()
    assert lines[0] == "article: main (line 12) (<main>)"
    assert "site: div.share (line 17): named like furniture" in lines
    assert "site: aside.related (line 19): a <aside>" in lines
    assert any(line.endswith("(site) Home") for line in lines)
    old = l10n("segment", "--scope", "source/old.html").output.splitlines()
    assert old[0].startswith("article: tr (line 2) (text density: the block with most running text (")
    assert "site: td.menu (line 2): named like furniture" in old
    (project / "source" / "split.html").write_text(SPLIT)
    split = l10n("segment", "--scope", "source/split.html").output.splitlines()
    assert split[0].startswith("article: div.content (line 3) (text density:")
    assert "article: p (line 2): running prose outside the article" in split
    scope = [json.loads(line) for line in l10n("segment", "--scope", "--json", "source/old.html").output.splitlines()]
    assert scope[0] == {"file": "source/old.html", "scope": old[0]}


def test_content_selectors_by_folder(project: Path):
    (project / "pyproject.toml").write_text(
        '[tool.l10n]\n[tool.l10n.content]\nnews = "div.story"\n"news/archive" = ["td.body"]\nblog = ".entry"\n'
        '"*" = "main"\n'
    )
    page = (
        "<html><body><div class='story'><p>Story text.</p></div><table><tr><td class='body'><p>Cell text.</p>"
        "</td></tr></table><div class='entry'><p>Entry text.</p></div><main><p>Main text.</p></main></body></html>"
    )
    for folder in ("news", "news/archive", "blog", "other"):
        (project / "source" / folder).mkdir(parents=True)
        (project / "source" / folder / "a.html").write_text(page)
    chosen = {}
    for folder in ("news", "news/archive", "blog", "other"):
        found = map(json.loads, l10n("segment", "--json", f"source/{folder}/a.html").output.splitlines())
        chosen[folder] = [u["msgid"] for u in found if u["scope"] == "article"]
    assert chosen == {
        "news": ["Story text."],
        "news/archive": ["Cell text."],
        "blog": ["Entry text."],
        "other": ["Main text."],
    }
    l10n("init", "zh")
    assert "Cell text." in (project / "locales/zh/LC_MESSAGES/news/archive/a.po").read_text()
    assert "Cell text." not in (project / "locales/zh/LC_MESSAGES/news/a.po").read_text()


@pytest.mark.parametrize(
    "table, message",
    [
        ('"../x" = "main"', "pyproject.toml: setting 'content': '../x' is not a folder of the source"),
        ('news = "div..story"', "pyproject.toml: setting 'content.news': bad CSS selector 'div..story'"),
        ("news = 3", "pyproject.toml: setting 'content.news' must be a list of CSS selectors"),
    ],
)
def test_content_by_folder_mistakes_are_one_line(project: Path, table: str, message: str):
    (project / "pyproject.toml").write_text(f"[tool.l10n]\n[tool.l10n.content]\n{table}\n")
    (project / "source" / "a.html").write_text("<p>Hello.</p>")
    output = l10n("update", code=2).output
    assert output.startswith(f"l10n: error: {message}") and len(output.splitlines()) == 1
