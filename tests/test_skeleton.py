"""Skeletons: filled as strings, they give the pages lxml would serialise, and trust no translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import catalog, l10n, snapshot
from lxml import etree

from l10n.site.skeleton import escape_text, quoted_attribute

TRICKY = [
    "a & b < c > d",
    'say "hi"',
    "it's",
    "both \"double\" and 'single'",
    "&{x} & {y}",
    "&amp; &lt;b1>",
    "non\u00a0breaking",
    "中文，全角。",
    "line\nbreak\ttab\rreturn",
    "",
    "\ufffc",
    "{&{",
    "<>&\"'",
    "&{a&{b}",
    "x&{<b>}",
    "&{a} &{b",
    '&{"a\'"}',
]


@pytest.mark.parametrize("value", TRICKY)
def test_text_and_attributes_are_escaped_as_lxml_serialises_them(value: str):
    el = etree.fromstring("<html><body><p>x</p></body></html>", etree.HTMLParser()).find(".//p")
    el.text = value
    el.set("title", value)
    assert (
        etree.tostring(el, method="html", encoding="unicode", with_tail=False)
        == f"<p title={quoted_attribute(value)}>{escape_text(value)}</p>"
    )


ARTICLE = """<!DOCTYPE html><html lang="en"><head><title>Roads reopen</title></head>
<body><main><h1>Roads reopen</h1>
<p>The <a href="/roads">main road</a> is open. <img src="r.png" alt="A road"> Drive with care.</p>
</main></body></html>
"""


def _translate(project: Path, translations: dict[str, str], fuzzy: bool = False) -> None:
    po = catalog(project, "roads")
    for entry in po:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            if fuzzy and "fuzzy" not in entry.flags:
                entry.flags.append("fuzzy")
    po.save()


def test_marker_characters_in_a_translation_fall_back_to_english_with_a_warning(project: Path):
    (project / "source" / "roads.html").write_text(ARTICLE)
    l10n("init", "zh")
    markers = "".join(f"{chr(0xF0000 + 2 * i)}{kind}0{chr(0xF0001 + 2 * i)}" for i in range(8) for kind in "arsetn")
    _translate(
        project,
        {
            "The <a1>main road</a1> is open.": f"<a1>主路</a1>已开通{markers}",
            "A road": f"道路{markers}",
            "Drive with care.": "小心驾驶。",
        },
    )
    result = l10n("build", "zh", "--min-complete", "0")
    assert result.stderr.count("a private-use character l10n uses to mark pages; shown in English") == 2
    page = (project / "dist" / "zh" / "roads.html").read_text()
    assert "已开通" not in page and "小心驾驶。" in page
    assert not any(0xF0000 <= ord(c) <= 0xF000F for c in page)
    root = etree.fromstring(page.encode(), etree.HTMLParser())
    paragraph = root.find(".//main/p")
    assert [el.tag for el in paragraph.iter()] == ["p", "span", "a", "img"]  # English, marked: nothing injected
    assert paragraph.find("img").get("alt") == "A road" and root.findtext(".//h1") == "Roads reopen"


def test_machine_notice_follows_the_translations_published(project: Path):
    (project / "source" / "roads.html").write_text(ARTICLE)
    l10n("init", "zh")
    _translate(project, {"Drive with care.": "小心驾驶。"}, fuzzy=True)
    l10n("build", "zh", "--min-complete", "0")
    reviewed_only = snapshot(project / "dist")
    assert 'data-l10n="machine-notice"' not in (project / "dist" / "zh" / "roads.html").read_text()
    l10n("build", "zh", "--include-fuzzy", "--min-complete", "0")
    page = (project / "dist" / "zh" / "roads.html").read_text()
    assert 'data-l10n="machine-notice"' in page and '<span data-l10n="machine">小心驾驶。</span>' in page
    l10n("build", "zh", "--min-complete", "0")  # one skeleton, with the notice as a slot filled or left empty
    assert snapshot(project / "dist") == reviewed_only
    assert [p.name for p in (project / ".l10n-cache" / "skeletons" / "zh").glob("roads*")] == ["roads.json"]


def test_a_page_using_every_marker_character_is_a_clear_error(project: Path):
    used = "".join(chr(c) for c in range(0xF0000, 0xF0010))
    (project / "source" / "roads.html").write_text(ARTICLE.replace("Drive with care.", f"Drive with care {used}."))
    l10n("init", "zh")
    result = l10n("build", "zh", code=1)
    error = result.output.splitlines()[0]
    assert error.startswith("l10n: error: source/roads.html: ") and "U+F0000" in error


def test_right_to_left_pages_mark_english_left_to_right(project: Path):
    (project / "source" / "roads.html").write_text(
        ARTICLE.replace("<h1>Roads reopen</h1>", '<h1>Roads reopen</h1><h2 dir="auto">Road works</h2>')
    )
    l10n("init", "ar")
    po = catalog(project, "roads", "ar")
    for entry in po:
        if entry.msgid in ("Roads reopen", "Drive with care."):
            entry.msgstr = "طرق" if entry.msgid == "Roads reopen" else "قد بحذر."
    po.save()
    l10n("build", "ar", "--min-complete", "0")
    root = etree.fromstring((project / "dist" / "ar" / "roads.html").read_bytes(), etree.HTMLParser())
    assert root.get("lang") == "ar" and root.get("dir") == "rtl"
    assert root.findtext(".//h1") == "طرق" and root.find(".//h1").get("lang") is None
    h2 = root.find(".//h2")  # all English: marked so, its own dir replaced in place
    assert (
        h2.get("lang") == "en" and h2.get("dir") == "ltr" and list(h2.attrib) == ["dir", "lang", "data-l10n-fallback"]
    )
    spans = root.findall(".//main/p/span[@data-l10n='fallback']")
    assert [(s.get("lang"), s.get("dir")) for s in spans] == [("en", "ltr")]
    assert "قد بحذر." in etree.tostring(root.find(".//main/p"), encoding="unicode")
