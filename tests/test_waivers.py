"""No false alarms, no false comfort: terms kept in English, addresses, Chinese labels, and what
`check` did not check. (Waivers set from a CAT tool: tests/test_cat_tools.py.)"""

from __future__ import annotations

import json
from pathlib import Path

import polib
from conftest import l10n

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Farm grants</title></head><body>
<main><article><h1>Farm grants</h1>
<p>Defra has opened a new round of farm grants.</p>
<p>The NHS and Defra will work together.</p>
<p>Details are on <a href="https://www.leicestershire.gov.uk/farming">leicestershire.gov.uk/farming</a>.</p>
<p>Write to farming@leics.gov.uk for a form.</p>
<p>Send forms to County Hall, Glenfield, Leicester LE3 8RA</p>
<p>Published <time datetime="2026-03-14">14 March 2026</time></p>
</article></main></body></html>"""

TRANSLATIONS = {
    "Farm grants": "农场补助",
    "Defra has opened a new round of farm grants.": "Defra已启动新一轮农场补助。",
    "The NHS and Defra will work together.": "NHS与Defra将开展合作。",
    "Details are on <a1>leicestershire.gov.uk/farming</a1>.": "详情见<a1>leicestershire.gov.uk/farming</a1>。",
    "Write to farming@leics.gov.uk for a form.": "索取表格请发邮件至farming@leics.gov.uk。",
    "Send forms to County Hall, Glenfield, Leicester LE3 8RA": (
        "表格请寄至：英国莱斯特郡格伦菲尔德郡议会大楼，邮编：LE3 8RA"
        "（英文地址：County Hall, Glenfield, Leicester LE3 8RA, United Kingdom）"
    ),
    "Published <time1/>": "发布时间：<time1/>",
}

GLOSSARY = """<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en"><text><body>
<termEntry><langSet xml:lang="en"><tig><term>Defra</term></tig></langSet>
<langSet xml:lang="zh-Hans"><tig><term>Defra</term></tig></langSet></termEntry>
<termEntry><langSet xml:lang="en"><tig><term>NHS</term></tig></langSet>
<langSet xml:lang="zh-Hans"><tig><term>NHS</term></tig></langSet></termEntry>
</body></text></martif>"""


def _project(project: Path) -> Path:
    (project / "source" / "farm.html").write_text(PAGE)
    l10n("init", "zh")
    path = project / "locales" / "zh" / "LC_MESSAGES" / "farm.po"
    po = polib.pofile(str(path))
    for entry in po:
        entry.msgstr = TRANSLATIONS[entry.msgid]
    po.save()
    return path


def _problems(*args: str, code: int = 0) -> list[dict]:
    result = l10n("check", "zh", "--json", *args, code=code)
    return [json.loads(line) for line in result.output.splitlines()]


def test_terms_kept_in_english_addresses_and_labels_raise_no_alarm(project: Path):
    _project(project)
    (project / "locales" / "zh" / "glossary.tbx").write_text(GLOSSARY)
    assert _problems() == []


def test_without_the_glossary_an_english_name_is_still_english_left(project: Path):
    _project(project)
    found = _problems(code=1)
    assert {(p["check"], p["message"]) for p in found} == {
        ("untranslated", "English left in the translation: Defra"),
    }
    # The NHS is an acronym: never English left. Only the sentences with "Defra" are reported.
    assert len(found) == 2


def test_an_address_is_not_measured_and_a_colon_before_a_value_is_a_label(project: Path):
    path = _project(project)
    (project / "locales" / "zh" / "glossary.tbx").write_text(GLOSSARY)
    po = polib.pofile(str(path))
    po.find("Published <time1/>").msgstr = "发布时间：<time1/>。"  # no longer a label: a full stop the English lacks
    po.save()
    found = _problems()
    assert [(p["check"], p["message"]) for p in found] == [
        ("punctuation", "the English ends with no punctuation, the translation with a full stop")
    ]
