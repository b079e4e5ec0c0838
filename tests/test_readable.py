"""Readable everywhere, in Chromium: highlights keep their contrast, the Chinese font stack
applies, a fragment page is a whole page, and no `lang` contradicts the page's language."""

from __future__ import annotations

import shutil
from pathlib import Path

import lxml.html
import polib
import pytest
from browser import Chromium
from conftest import SEED, SEED_PROJECT, l10n

pytestmark = pytest.mark.browser  # every test here looks at pages in Chromium

# Per element holding text of its own (`selector` and what it matches, descendants too): its text
# colour and the colour behind it (backgrounds of it and its ancestors composited over white, as
# drawn), and their WCAG contrast ratio.
CONTRAST_JS = r"""
((selector) => {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 1;
  const g = canvas.getContext("2d", {willReadFrequently: true});
  const rgba = (css) => {  // any CSS colour (rgb(), color(srgb …), color-mix…) as sRGB 0–255 and alpha 0–1
    g.clearRect(0, 0, 1, 1);
    g.fillStyle = "#000"; g.fillStyle = css; g.fillRect(0, 0, 1, 1);
    const [r, gr, b, a] = g.getImageData(0, 0, 1, 1).data;
    return [r, gr, b, a / 255];
  };
  const over = (top, bottom) => top.slice(0, 3).map((c, i) => top[3] * c + (1 - top[3]) * bottom[i]);
  const luminance = (c) => {
    const [r, gr, b] = c.map(v => { v /= 255; return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * gr + 0.0722 * b;
  };
  const behind = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) layers.push(rgba(getComputedStyle(e).backgroundColor));
    return layers.reverse().reduce((under, layer) => over(layer, under), [255, 255, 255]);
  };
  const found = [];
  const roots = document.querySelectorAll(selector);
  for (const root of roots) {
    for (const el of [root, ...root.querySelectorAll("*")]) {
      const own = [...el.childNodes].some(n => n.nodeType === 3 && n.data.trim());
      const box = el.getBoundingClientRect();
      if (!own || !box.width || getComputedStyle(el).visibility === "hidden" || box.right < 0) continue;
      const back = behind(el);
      const text = over(rgba(getComputedStyle(el).color), back);
      const [l1, l2] = [luminance(text), luminance(back)].sort((a, b) => b - a);
      found.push({text: el.textContent.trim().slice(0, 40), ratio: (l1 + 0.05) / (l2 + 0.05),
                  color: text.map(Math.round), background: back.map(Math.round)});
    }
  }
  return found;
})
"""

# Elements with Chinese text of their own and the computed font-family of each.
FONTS_JS = r"""
[...document.body.querySelectorAll("*")]
  .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && /[\u4e00-\u9fff]/.test(n.data)))
  .map(el => ({tag: el.tagName, text: el.textContent.trim().slice(0, 20), font: getComputedStyle(el).fontFamily}))
"""
STACK_START = '"PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC"'


def shipped(project: Path) -> None:
    for folder in ("source", "locales"):
        shutil.rmtree(project / folder, ignore_errors=True)
        shutil.copytree(SEED_PROJECT / folder, project / folder)
    shutil.copy(SEED_PROJECT / "pyproject.toml", project)


def catalogs(project: Path) -> list[Path]:
    return sorted((project / "locales" / "zh" / "LC_MESSAGES").glob("*.po"))


def test_machine_and_english_highlights_keep_aa_contrast_on_every_background(project: Path, tmp_path: Path):
    shipped(project)
    for path in catalogs(project):  # the whole page machine translated
        po = polib.pofile(str(path))
        for entry in po:
            entry.flags.append("fuzzy")
            entry.tcomment = "suggestion: libre, 2026-11-28"
        po.save()
    l10n("build", "zh", "--include-fuzzy")
    page = project / "dist" / "zh" / SEED.name
    with Chromium(width=1000, height=900) as browser:
        tab = browser.open(page)
        machine = tab.evaluate(f"{CONTRAST_JS}('[data-l10n=machine]')")
        tab.screenshot(tmp_path / "machine.png")
        assert len(machine) > 40 and any(r["background"] != [255, 255, 255] for r in machine)  # the dark header too
        assert [r for r in machine if r["ratio"] < 4.5] == []
        notices = tab.evaluate(f"{CONTRAST_JS}('[data-l10n$=notice], [data-l10n=switcher]')")
        assert len(notices) >= 2 and [r for r in notices if r["ratio"] < 4.5] == []
        assert tab.errors() == []
    for path in catalogs(project):  # every other unit left untranslated: English on a Chinese page
        po = polib.pofile(str(path))
        for i, entry in enumerate(po):
            entry.flags = []
            entry.msgstr = entry.msgstr if i % 2 else ""
        po.save()
    l10n("build", "zh", "--min-complete", "0")
    with Chromium(width=1000, height=900) as browser:
        tab = browser.open(page)
        english = tab.evaluate(
            f"{CONTRAST_JS}('[data-l10n=fallback], [data-l10n-fallback], [data-l10n=english-notice]')"
        )
        tab.screenshot(tmp_path / "english.png")
        assert len(english) > 10 and [r for r in english if r["ratio"] < 4.5] == []
        for marked in ("[data-l10n=fallback]", "[data-l10n-fallback]"):  # marked, their colours untouched
            assert (
                tab.evaluate(f"getComputedStyle(document.querySelector('{marked}')).textDecorationLine") == "underline"
            )


def test_the_chinese_font_stack_wins_over_the_sites_body_font(project: Path):
    shipped(project)
    assert (
        "body { margin: 0; color: var(--text); background: #fff; font: 17px/1.6 Arial"
        in (project / "source" / "assets" / "site.css").read_text()
    )
    l10n("build", "zh")
    with Chromium() as browser:
        tab = browser.open(project / "dist" / "zh" / SEED.name)
        fonts = tab.evaluate(FONTS_JS)
        assert len(fonts) > 30
        assert [f for f in fonts if not f["font"].startswith(STACK_START)] == []
        assert tab.fonts(".standfirst") == ["Noto Sans CJK SC"]  # drawn with it, on this Linux
        assert (
            tab.evaluate("getComputedStyle(document.querySelector('.standfirst')).fontSize") == "21.25px"
        )  # the site's
        english = browser.open(project / "dist" / "en" / SEED.name)
        assert (
            english.evaluate("getComputedStyle(document.querySelector('p')).fontFamily")
            == "Arial, Helvetica, sans-serif"
        )


WORD = """<html xmlns:o="urn:schemas-microsoft-com:office:office">
<body lang=EN-GB style='tab-interval:36.0pt'>
<div class=WordSection1>
<h1><span lang=EN-GB>Roads reopen</span></h1>
<p class=MsoNormal><span lang=EN-GB>The road is open again.</span></p>
<p class=MsoNormal lang=EN-GB>Drive with care.</p>
<p class=MsoNormal><span lang=CY>Croeso</span> means welcome.</p>
</div>
</body>
</html>
"""


def test_a_fragment_and_a_word_export_become_whole_pages_in_the_readers_language(project: Path):
    (project / "source" / "word.html").write_text(WORD, encoding="utf-8")
    (project / "source" / "fragment.html").write_text(
        "<h1>Roads reopen</h1>\n<p>The road is open again.</p>\n", encoding="utf-8"
    )
    l10n("init", "zh")
    chinese = {"Roads reopen": "道路重新开放", "The road is open again.": "道路再次开放。"}
    for path in catalogs(project):
        po = polib.pofile(str(path))
        for entry in po:
            entry.msgstr = chinese.get(entry.msgid, "")
        po.save()
    l10n("build", "zh", "--min-complete", "0")
    word = lxml.html.fromstring((project / "dist" / "zh" / "word.html").read_bytes())
    assert word.get("lang") == "zh-Hans" and word.find("body").get("lang") == "zh-Hans"
    assert [(el.text_content(), el.get("lang")) for el in word.xpath("//div//*")] == [
        ("道路重新开放", None),
        ("道路重新开放", "zh-Hans"),
        ("道路再次开放。", None),
        ("道路再次开放。", "zh-Hans"),
        ("Drive with care.", "en"),
        ("Croeso means welcome.", "en"),
        ("Croeso", "CY"),
    ]  # Welsh stays Welsh
    with Chromium() as browser:
        for name in ("fragment.html", "word.html"):
            tab = browser.open(project / "dist" / "zh" / name)
            assert tab.evaluate("document.characterSet") == "UTF-8"
            assert tab.evaluate("document.querySelector('h1').textContent") == "道路重新开放"
            assert tab.evaluate("document.querySelector('h1').closest('[lang]').lang") == "zh-Hans"
            assert tab.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily").startswith(STACK_START)
            assert (
                tab.evaluate("document.querySelector('meta[name=viewport]').content")
                == "width=device-width, initial-scale=1"
            )
            switcher = "getComputedStyle(document.querySelector('[data-l10n=switcher]'))"
            assert tab.evaluate(f"{switcher}.backgroundColor") == "rgb(242, 242, 242)"  # styled
            assert tab.errors() == []
