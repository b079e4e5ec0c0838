"""The TBX glossary: reading it, untranslatable terms, finding terms in English, bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import ROOT, l10n
from l10n.errors import GlossaryError
from l10n.catalogs.glossary import Term, glossary_path, load_glossary

SHIPPED = glossary_path(ROOT / "locales", "zh")


def tbx(path: Path, *entries: str) -> Path:
    path.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <text>
    <body>
{chr(10).join(entries)}
    </body>
  </text>
</martif>
""", encoding="utf-8")
    return path


def term(english: str, chinese: str | None, needed: str | None = None, tag: str = "termEntry") -> str:
    descrip = f'<descrip type="Translation needed">{needed}</descrip>' if needed else ""
    target = f'<langSet xml:lang="zh-Hans"><tig><term>{chinese}</term></tig></langSet>' if chinese else ""
    english_set = f'<langSet xml:lang="en-GB"><tig><term>{english}</term></tig></langSet>' if english else ""
    return f"      <{tag}>{descrip}{english_set}{target}</{tag}>"


def test_shipped_glossary_terms():
    glossary = load_glossary(SHIPPED)
    by_source = {t.source: t for t in glossary.terms}
    assert len(glossary) == len(by_source) >= 20
    assert by_source["Midlands Engine"] == Term("Midlands Engine", "英格兰中部引擎", True,
                                                "The partnership for growth in the Midlands.")
    assert by_source["One Belt One Road"].target == "一带一路"
    assert by_source["Zhu Hexin"].target == "朱鹤新"
    assert {t.source for t in glossary.untranslatable} == {"A5", "LE3 8RA", "Cookie"}
    assert all(t.target == t.source for t in glossary.untranslatable)


def test_every_shipped_term_is_used_by_the_shipped_article():
    text = (ROOT / "source" / "china-visit-boosts-business-links.html").read_text(encoding="utf-8")
    glossary = load_glossary(SHIPPED)
    assert [t.source for t in glossary.terms if t.source not in text and t.source != "Cookie"] == []


def test_matches_longest_first_without_overlaps():
    glossary = load_glossary(SHIPPED)
    found = glossary.matches("Chair of the <a1>Midlands Engine</a1> and the "
                             "<em2>Midlands Engine Vision for Growth</em2> for the Midlands")
    assert [t.source for t in found] == ["Midlands Engine", "Midlands Engine Vision for Growth", "Midlands"]
    assert [t.source for t in glossary.matches("Leaders from Sichuan province visited Leicester")] == [
        "Sichuan province", "Leicester"]


def test_matching_rules(tmp_path: Path):
    glossary = load_glossary(tbx(tmp_path / "g.tbx", term("Sichuan", "四川"), term("twinning", "友好省郡"),
                                 term("A5", None, needed="No")))
    assert [t.source for t in glossary.matches("Twinning and twinning")] == ["twinning"]  # lower case: any case
    assert glossary.matches("sichuan") == []  # names only as written
    assert glossary.matches("Sichuan-Leicestershire and twinned, A50") == []  # whole words only
    assert [t.source for t in glossary.matches("the A5, near <a1>Sichuan</a1>")] == ["A5", "Sichuan"]
    assert glossary.matches("<a5>link</a5>") == []  # placeholder tokens are not text


def test_untranslatable_marker_and_tbx3_entries(tmp_path: Path):
    glossary = load_glossary(tbx(tmp_path / "g.tbx", term("NHS", None, needed="no"),
                                 term("BBC", "BBC", needed="false", tag="conceptEntry"),
                                 term("County Hall", "郡议会大楼", needed="Yes")))
    assert [(t.source, t.target, t.translatable) for t in glossary.terms] == [
        ("County Hall", "郡议会大楼", True), ("BBC", "BBC", False), ("NHS", "NHS", False)]


def test_missing_glossary_is_empty(tmp_path: Path):
    glossary = load_glossary(tmp_path / "none.tbx")
    assert len(glossary) == 0 and glossary.matches("Sichuan") == []


@pytest.mark.parametrize("content, message, line", [
    ("<martif><text><body><termEntry></body></text></martif>", "not valid TBX", 1),
    (None, "term entry without an English term", 6),
    ("untranslated", "term 'Glenfield' has no translation and is not marked untranslatable", 6),
])
def test_bad_glossary_names_file_and_line(tmp_path: Path, content: str | None, message: str, line: int):
    path = tmp_path / "g.tbx"
    if content is None:
        tbx(path, term("Sichuan", "四川"), term("", "四川"))
    elif content == "untranslated":
        tbx(path, term("Sichuan", "四川"), term("Glenfield", None))
    else:
        path.write_text(content)
    with pytest.raises(GlossaryError) as raised:
        load_glossary(path)
    assert raised.value.path == path and message in raised.value.message
    assert raised.value.line == line


def test_a_bad_glossary_stops_check_with_one_line(project: Path):
    for folder in ("source", "locales"):
        shutil.rmtree(project / folder, ignore_errors=True)
        shutil.copytree(ROOT / folder, project / folder)
    tbx(project / "locales" / "zh" / "glossary.tbx", term("Sichuan", "四川"), term("Glenfield", None))
    result = l10n("check", "zh", code=2)
    assert result.output == ("l10n: error: locales/zh/glossary.tbx:6: term 'Glenfield' has no translation "
                             "and is not marked untranslatable\n")
