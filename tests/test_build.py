"""`l10n build`: localised pages that keep the source's structure and trust no translation."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import lxml.html
import polib
import pytest
from conftest import (
    DATA,
    SEED,
    SEED_PROJECT,
    l10n,
    msgfmt_check,
    snapshot,
    translate_all,
    tree_signature,
    without_chrome,
)

PAGES = sorted((DATA / "pages").glob("*.html")) + [SEED]


def built(project: Path, name: str, lang: str = "zh") -> lxml.html.HtmlElement:
    return without_chrome(lxml.html.fromstring((project / "dist" / lang / name).read_bytes()))


def segment_keys(path: Path) -> list[tuple]:
    result = l10n("segment", "--json", path)
    return [(u["msgctxt"], u["msgid"]) for u in map(json.loads, result.output.splitlines())]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_identity_translation_gives_back_the_source(project: Path, page: Path):
    shutil.copy(page, project / "source")
    l10n("init", "zh")
    for po in (project / "locales" / "zh" / "LC_MESSAGES").glob("*.po"):  # the article's and the site's
        translate_all(po)
    l10n("build", "zh")
    out = project / "dist" / "zh" / page.name
    # Dates apart: the build writes them in the page's language.
    assert [(tag, attrs, text, tail) for tag, attrs, text, tail in tree_signature(out) if tag != "time"] == [
        (tag, attrs, text, tail) for tag, attrs, text, tail in tree_signature(page) if tag != "time"
    ]
    assert [text for tag, _, text, _ in tree_signature(out) if tag == "time"] == (
        ["2017年11月8日"] if page == SEED else []
    )
    assert tree_signature(project / "dist" / "en" / page.name) == tree_signature(page)
    # Round trip: re-extracting the built page gives the same units (its dates, in Chinese now, are text).
    assert [(c, re.sub(r"<(time\d+)>[^<]*</\1>", r"<\1/>", i)) for c, i in segment_keys(out)] == segment_keys(page)


def test_entities_keep_their_spelling(project: Path):
    shutil.copy(DATA / "pages" / "entities.html", project / "source")
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    html = (project / "dist" / "zh" / "entities.html").read_text()
    assert "£2.50&nbsp;per hour" in html and "&copy;&nbsp;Leicestershire" in html
    assert "caf&eacute;" in html and "&ndash;" in html and "&lt;3" in html


def test_translated_page_is_chinese_joined_and_marked(project: Path):
    shutil.copy(DATA / "pages" / "nodoctype.html", project / "source")
    l10n("init", "zh")
    chinese = {
        "Short notice": "简短通知",
        "Road closed": "道路封闭",
        "The A47 is closed tonight.": "A47公路今晚封闭。",
        "Use the B581 instead.": "请改走B581公路。",
    }
    translate_all(project / "locales" / "zh" / "LC_MESSAGES" / "nodoctype.po", chinese.__getitem__)
    l10n("build", "zh")
    page = built(project, "nodoctype.html")
    assert page.get("lang") == "zh-Hans"
    assert page.find(".//p").text == "A47公路今晚封闭。请改走B581公路。"
    links = {link.get("hreflang"): link.get("href") for link in page.iter("link")}
    assert links == {"en": "../en/nodoctype.html", "zh-Hans": "nodoctype.html", "x-default": "../en/nodoctype.html"}
    assert all(link.get("data-l10n") == "alternate" for link in page.iter("link"))
    english = built(project, "nodoctype.html", "en")
    assert (
        english.get("lang") == "en" and english.find(".//p").text == "The A47 is closed tonight. Use the B581 instead."
    )
    assert not (project / "dist" / "zh" / "nodoctype.html").read_text().startswith("<!DOCTYPE")


def test_untranslated_and_fuzzy_units_fall_back_to_english(project: Path):
    shutil.copy(DATA / "pages" / "nodoctype.html", project / "source")
    l10n("init", "zh")
    po_path = project / "locales" / "zh" / "LC_MESSAGES" / "nodoctype.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid == "The A47 is closed tonight.":
            entry.msgstr = "A47公路今晚封闭。"
        if entry.msgid == "Use the B581 instead.":
            entry.msgstr = "请改走B581公路。"
            entry.flags.append("fuzzy")
    po.save()
    l10n("build", "zh", "--min-complete", "0")
    page = built(project, "nodoctype.html")
    p = page.find(".//p")
    assert p.text == "A47公路今晚封闭。"
    span = p.find("span")
    assert span.get("lang") == "en" and span.get("data-l10n") == "fallback" and span.text == "Use the B581 instead."
    h2 = page.find(".//h2")
    assert h2.get("lang") == "en" and h2.text == "Road closed" and len(h2) == 0
    assert page.find(".//title").text == "Short notice"
    raw = (project / "dist" / "zh" / "nodoctype.html").read_text()
    assert 'data-l10n="machine-notice"' not in raw
    l10n("build", "zh", "--include-fuzzy", "--min-complete", "0")
    raw = (project / "dist" / "zh" / "nodoctype.html").read_text()
    assert raw.count('data-l10n="machine-notice"') == 1 and "本页部分内容为机器翻译" in raw
    p = built(project, "nodoctype.html").find(".//p")
    assert p.text_content() == "A47公路今晚封闭。请改走B581公路。"
    assert [(s.get("data-l10n"), s.text) for s in p] == [("machine", "请改走B581公路。")]


def test_build_adds_only_lang_dir_and_data_attributes(project: Path):
    shutil.copy(DATA / "pages" / "inline.html", project / "source")
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")  # nothing translated: every unit falls back
    source = lxml.html.fromstring((DATA / "pages" / "inline.html").read_bytes())
    page = built(project, "inline.html")
    source_attrs = {(el.tag, k) for el in source.iter() if isinstance(el.tag, str) for k in el.attrib}
    for el in page.iter():
        if not isinstance(el.tag, str):
            continue
        if el.get("data-l10n") is not None:
            continue  # added by the build
        for name in el.attrib:
            assert (el.tag, name) in source_attrs or name in ("lang", "dir") or name.startswith("data-l10n-"), (
                el.tag,
                name,
            )


def test_placeholders_move_and_keep_source_attributes(project: Path):
    shutil.copy(DATA / "pages" / "inline.html", project / "source")
    l10n("init", "zh")
    po_path = project / "locales" / "zh" / "LC_MESSAGES" / "inline.po"
    po = polib.pofile(str(po_path))
    for entry in po:
        if entry.msgid.startswith("Our <a1>"):
            entry.msgstr = "从周一起，我们的<a1><strong2>图书馆</strong2><em3>重新开放</em3></a1>。"
        if entry.msgid.startswith("Run <code1/>"):
            entry.msgstr = "先按<kbd2/>+<kbd3/>，再运行<code1/>试用。"
    po.save()
    l10n("build", "zh", "--min-complete", "0")
    page = built(project, "inline.html")
    link = page.find(".//a[@href='/libraries']")
    assert link.get("title") == "Find your nearest library"
    assert link.text_content() == "图书馆重新开放" and link.find("strong").text == "图书馆"
    p = link.getparent()
    assert p.text.startswith("从周一起")
    code_p = next(el for el in page.iter("p") if el.find("code") is not None)
    assert code_p.find("code").text == "pip install l10n" and [k.text for k in code_p.iter("kbd")] == ["Ctrl", "C"]
    assert code_p.text_content() == "先按Ctrl+C，再运行pip install l10n试用。"


VALID = "<a1><strong2>图书馆</strong2><em3>开放</em3></a1>"
INJECTIONS = [  # (msgstr, shown as text) — or None: the unit falls back to English with a warning
    (VALID + "<script>alert(1)</script>", "<script>alert(1)</script>"),
    (VALID + '<img src=x onerror="alert(1)">', '<img src=x onerror="alert(1)">'),
    ('<a href="javascript:alert(1)">点击</a>' + VALID, '<a href="javascript:alert(1)">点击</a>'),
    (VALID.replace("<a1>", '<a1 onclick="alert(1)">'), None),  # not a token, so </a1> closes nothing
    ("<a1><strong2>图书馆</strong2></a1>", None),  # placeholder missing
    (VALID + "<a1>再来</a1>", None),  # used twice
    ("<a1><strong2>图书馆</a1></strong2><em3>开放</em3>", None),  # badly nested
    (VALID + "<b9>新</b9>", None),  # unknown placeholder
    ("<a1/><strong2>图书馆</strong2><em3>开放</em3>", None),  # paired written as standalone
]


@pytest.mark.parametrize(("msgstr", "text"), INJECTIONS)
def test_injected_markup_never_becomes_an_element(project: Path, msgstr: str, text: str | None):
    shutil.copy(DATA / "pages" / "inline.html", project / "source")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'source_url = "https://www.example.org/"\n')
    l10n("init", "zh")
    po_path = project / "locales" / "zh" / "LC_MESSAGES" / "inline.po"
    po = polib.pofile(str(po_path))
    entry = next(e for e in po if e.msgid.startswith("Our <a1>"))
    entry.msgstr = msgstr
    po.save()
    line = polib.pofile(str(po_path)).find(entry.msgid).linenum
    result = l10n("build", "zh", "--min-complete", "0")
    page = built(project, "inline.html")
    source = lxml.html.fromstring((DATA / "pages" / "inline.html").read_bytes())
    for tag in ("script", "img", "a", "strong", "em", "b"):
        assert len(page.findall(f".//{tag}")) == len(source.findall(f".//{tag}")), tag
    for el in page.iter():
        if isinstance(el.tag, str):
            assert not any(k.startswith("on") for k in el.attrib)
            assert "javascript:" not in (el.get("href") or "")
    if text is None:
        assert f"l10n: warning: locales/zh/LC_MESSAGES/inline.po:{line}:" in result.output
        assert "shown in English" in result.output
        assert "Our libraries are open again from Monday." in page.text_content()
    else:
        assert result.stderr == ""
        assert text in page.text_content() and "图书馆开放" in page.text_content()


def test_latin1_page_is_decoded_and_written_as_utf8(project: Path):
    shutil.copy(DATA / "pages" / "latin1.html", project / "source")
    l10n("init", "zh")
    translate_all(
        project / "locales" / "zh" / "LC_MESSAGES" / "latin1.po",
        {
            "Café opening": "咖啡馆开业",
            "The café costs £3.50 a day.": "咖啡馆每天收费3.50英镑。",
            "It opens naïvely early.": "开门早得有些天真。",
        }.__getitem__,
    )
    l10n("build", "zh")
    html = (project / "dist" / "zh" / "latin1.html").read_bytes().decode("utf-8")
    assert '<meta charset="utf-8">' in html and "咖啡馆每天收费3.50英镑。开门早得有些天真。" in html
    english = (project / "dist" / "en" / "latin1.html").read_bytes().decode("utf-8")
    assert "The café costs £3.50 a day." in english


def test_nested_folders_are_mirrored(project: Path):
    (project / "source" / "news" / "2025").mkdir(parents=True)
    shutil.copy(DATA / "pages" / "nodoctype.html", project / "source" / "news" / "2025" / "closure.html")
    l10n("init", "zh")
    assert (project / "locales" / "zh" / "LC_MESSAGES" / "news" / "2025" / "closure.po").exists()
    l10n("build", "zh", "--out", "site", "--min-complete", "0")
    page = lxml.html.fromstring((project / "site" / "zh" / "news" / "2025" / "closure.html").read_bytes())
    links = {link.get("hreflang"): link.get("href") for link in page.iter("link")}
    assert links["en"] == "../../../en/news/2025/closure.html"


def test_build_says_what_it_published_in_one_line_per_locale(project: Path):
    shutil.copy(SEED, project / "source")
    l10n("init", "zh")
    result = l10n("build", "zh")
    assert result.stdout == (
        "zh: 0 published (0 complete, 0 partly English), 1 not published (below 80%): "
        "china-visit-boosts-business-links.html 0%\n"
    )
    # Without source_url, the English copy's root-relative links (/news…) cannot work on the partner site.
    assert result.stderr == (
        "l10n: warning: 19 links in the pages start with / and lead nowhere on the partner "
        "site: set source_url (the address of the site the articles come from) in [tool.l10n]\n"
    )
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'source_url = "https://www.leicestershire.gov.uk/"\n')
    assert l10n("build", "zh").stderr == ""


def test_text_shaped_like_a_placeholder_is_escaped_and_stays_text(project: Path):
    (project / "source" / "tags.html").write_text(
        "<html><head><title>The &lt;h1&gt; element</title></head><body>"
        "<p>Use &lt;h1&gt; once, then <code>x</code> and &lt;source2&gt; or &amp;lt;h2&gt;.</p></body></html>"
    )
    l10n("init", "zh")
    path = project / "locales" / "zh" / "LC_MESSAGES" / "tags.po"
    chinese = {
        "The &lt;h1> element": "&lt;h1> 元素",
        "Use &lt;h1> once, then <code1/> and &lt;source2> or &amp;lt;h2>.": "&lt;h1> 只用一次，然后用 <code1/> 和 &lt;source2> 或 &amp;lt;h2>。",
    }
    translate_all(path, chinese.__getitem__)  # KeyError if a msgid is not escaped as expected
    msgfmt_check(path)
    l10n("check", "zh")  # no placeholder problems: the escaped text is not a token
    l10n("build", "zh")
    page = built(project, "tags.html")
    assert page.find(".//title").text == "<h1> 元素"
    p = page.find(".//p")
    assert [el.tag for el in p] == ["code"] and p.text == "<h1> 只用一次，然后用 "
    assert p[0].tail == " 和 <source2> 或 &lt;h2>。"
    # Written as a token, the same text is an unknown placeholder: shown in English, never markup.
    po = polib.pofile(str(path))
    po.find("The &lt;h1> element").msgstr = "<h1>元素</h1>"
    po.save()
    result = l10n("build", "zh")
    assert "unknown placeholder <h1>" in result.output
    assert built(project, "tags.html").find(".//title").text == "The <h1> element"


def test_build_never_writes_a_catalog_and_shows_newer_english_in_english(project: Path):
    shutil.copy(SEED, project / "source")
    shutil.copytree(SEED_PROJECT / "locales", project / "locales")
    l10n("build", "zh", "--min-complete", "0")
    locales = snapshot(project / "locales")
    source = project / "source" / SEED.name
    source.write_text(
        source.read_text(encoding="utf-8").replace(
            "This visit is about finding new opportunities for growth.", "This visit is about growth."
        ),
        encoding="utf-8",
    )
    (project / "source" / "new.html").write_text("<h1>A new article</h1><p>Nobody has translated it.</p>")
    result = l10n("build", "zh", "--min-complete", "0")
    assert snapshot(project / "locales") == locales  # not a byte of any catalog or template changed
    assert "2 articles changed since their catalogs: run l10n update" in result.stderr
    page = lxml.html.fromstring((project / "dist" / "zh" / SEED.name).read_bytes())
    [english] = [el for el in page.iter() if el.text == "This visit is about growth."]
    assert english.get("lang") == "en"
    l10n("update")
    assert "changed since" not in l10n("build", "zh", "--min-complete", "0").stderr
