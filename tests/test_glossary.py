"""The TBX glossary: reading it, untranslatable terms, finding terms in English, bad files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEED_PROJECT, l10n

from l10n.catalogs.glossary import Term
from l10n.check.checks import Context, check_entry
from l10n.errors import GlossaryError
from l10n.locales import parse_locale
from l10n.store import load_glossary

SHIPPED = SEED_PROJECT / "locales" / "zh" / "glossary.tbx"


def tbx(path: Path, *entries: str) -> Path:
    path.write_text(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<martif type="TBX" xml:lang="en">
  <text>
    <body>
{chr(10).join(entries)}
    </body>
  </text>
</martif>
""",
        encoding="utf-8",
    )
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
    assert by_source["Midlands Engine"] == Term(
        "Midlands Engine", "英格兰中部引擎", True, "The partnership for growth in the Midlands."
    )
    assert by_source["One Belt One Road"].target == by_source["Belt and Road Initiative"].target == "“一带一路”倡议"
    assert by_source["Zhu Hexin"].target == "朱鹤新"
    assert by_source["twinning"].accepted == ("友好城市", "友好省市", "友好省郡")
    assert by_source["Councillor Rushton"].accepted == ("尼克·拉什顿议员", "拉什顿议员")
    assert by_source["Leicestershire Matters"].accepted == ("《莱斯特郡要闻》", "莱斯特郡要闻")
    assert by_source["Leicester"].exceptions == ("postal address",)
    assert {t.source for t in glossary.untranslatable} == {"A5", "LE3 8RA", "Cookie"}
    assert all(t.target == t.source for t in glossary.untranslatable)


def test_every_shipped_term_is_used_by_the_shipped_article():
    text = (SEED_PROJECT / "source" / "china-visit-boosts-business-links.html").read_text(encoding="utf-8")
    glossary = load_glossary(SHIPPED)
    # The official English name of One Belt One Road; the full name of Councillor Rushton, which
    # the translation gives at the first mention.
    unused = {"Belt and Road Initiative", "Nick Rushton"}
    assert {t.source for t in glossary.terms if t.source not in text} == unused


def test_matches_longest_first_without_overlaps():
    glossary = load_glossary(SHIPPED)
    found = glossary.matches(
        "Chair of the <a1>Midlands Engine</a1> and the <em2>Midlands Engine Vision for Growth</em2> for the Midlands"
    )
    assert [t.source for t in found] == ["Midlands Engine", "Midlands Engine Vision for Growth", "Midlands"]
    assert [t.source for t in glossary.matches("Leaders from Sichuan province visited Leicester")] == [
        "Sichuan province",
        "Leicester",
    ]


def test_matching_rules(tmp_path: Path):
    glossary = load_glossary(
        tbx(tmp_path / "g.tbx", term("Sichuan", "四川"), term("twinning", "友好省郡"), term("A5", None, needed="No"))
    )
    assert [t.source for t in glossary.matches("Twinning and twinning")] == ["twinning"]  # lower case: any case
    assert glossary.matches("sichuan") == []  # names only as written
    assert glossary.matches("Sichuan-Leicestershire and twinned, A50") == []  # whole words only
    assert [t.source for t in glossary.matches("the A5, near <a1>Sichuan</a1>")] == ["A5", "Sichuan"]
    assert glossary.matches("<a5>link</a5>") == []  # placeholder tokens are not text


def test_untranslatable_marker_and_tbx3_entries(tmp_path: Path):
    glossary = load_glossary(
        tbx(
            tmp_path / "g.tbx",
            term("NHS", None, needed="no"),
            term("BBC", "BBC", needed="false", tag="conceptEntry"),
            term("County Hall", "郡议会大楼", needed="Yes"),
        )
    )
    assert [(t.source, t.target, t.translatable) for t in glossary.terms] == [
        ("County Hall", "郡议会大楼", True),
        ("BBC", "BBC", False),
        ("NHS", "NHS", False),
    ]


def test_missing_glossary_is_empty(tmp_path: Path):
    glossary = load_glossary(tmp_path / "none.tbx")
    assert len(glossary) == 0 and glossary.matches("Sichuan") == []


@pytest.mark.parametrize(
    "content, message, line",
    [
        ("<martif><text><body><termEntry></body></text></martif>", "not valid TBX", 1),
        (None, "term entry without an English term", 6),
        ("untranslated", "term 'Glenfield' has no translation and is not marked untranslatable", 6),
    ],
)
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
        shutil.copytree(SEED_PROJECT / folder, project / folder)
    tbx(project / "locales" / "zh" / "glossary.tbx", term("Sichuan", "四川"), term("Glenfield", None))
    result = l10n("check", "zh", code=2)
    assert result.output == (
        "l10n: error: locales/zh/glossary.tbx:6: term 'Glenfield' has no translation and is not marked untranslatable\n"
    )


def tbx_entry(english: str, chinese: str, extra: str = "") -> str:
    return (
        f'      <termEntry>{extra}<langSet xml:lang="en">{english}</langSet>'
        f'<langSet xml:lang="zh-Hans">{chinese}</langSet></termEntry>'
    )


def tig(term: str, status: str | None = None) -> str:
    note = f'<termNote type="administrativeStatus">{status}</termNote>' if status else ""
    return f"<tig><term>{term}</term>{note}</tig>"


def zh_context(glossary_file: Path) -> Context:
    return Context(parse_locale("zh"), load_glossary(glossary_file))


def glossary_problems(msgid: str, msgstr: str, context: Context) -> list[str]:
    return [message for check, (_, message) in check_entry(msgid, msgstr, context) if check == "glossary"]


def test_admitted_translations_are_accepted_and_deprecated_ones_refused(tmp_path: Path):
    context = zh_context(
        tbx(
            tmp_path / "g.tbx",
            tbx_entry(
                tig("twinning"),
                tig("友好省郡", "admittedTerm-admn-sts")
                + tig("友好城市", "preferredTerm-admn-sts")
                + '<ntig><termGrp><term>友好省市</term><termNote type="administrativeStatus">admitted</termNote></termGrp></ntig>'
                + tig("姐妹城市", "deprecatedTerm-admn-sts")
                + tig("结对城市", "forbidden"),
            ),
        )
    )
    [term] = context.glossary.terms
    assert (term.target, term.admitted, term.deprecated) == (
        "友好城市",
        ("友好省郡", "友好省市"),
        ("姐妹城市", "结对城市"),
    )
    english = "One of the longest UK-China twinning relationships."
    for chinese in (
        "中英之间历史最悠久的友好城市关系之一。",
        "中英之间历史最悠久的友好省市关系之一。",
        "中英之间历史最悠久的友好省郡关系之一。",
    ):
        assert glossary_problems(english, chinese, context) == [], chinese
    assert glossary_problems(english, "中英之间历史最悠久的结好关系之一。", context) == [
        "“twinning” should be “友好城市”, “友好省郡” or “友好省市”"
    ]
    assert glossary_problems(english, "中英之间历史最悠久的姐妹城市关系之一。", context) == [
        "“twinning” should be “友好城市”, “友好省郡” or “友好省市”, not “姐妹城市”"
    ]
    assert glossary_problems(english, "中英之间历史最悠久的友好城市（结对城市）关系之一。", context) == [
        "“twinning” should be “友好城市”, “友好省郡” or “友好省市”, not “结对城市”"
    ]


def test_the_shipped_twinning_accepts_the_general_term():
    context = Context(parse_locale("zh"), load_glossary(SHIPPED))
    english = "The Sichuan-Leicestershire partnership is one of the longest UK-China twinning relationships."
    assert check_entry(english, "四川与莱斯特郡的友好关系是中英之间历史最悠久的友好省市关系之一。", context) == []


def test_without_a_preferred_status_the_first_accepted_translation_is_preferred(tmp_path: Path):
    glossary = load_glossary(
        tbx(
            tmp_path / "g.tbx",
            tbx_entry(
                tig("Leicestershire Matters"),
                tig("莱郡要闻", "deprecatedTerm-admn-sts") + tig("《莱斯特郡要闻》") + tig("莱斯特郡要闻"),
            ),
        )
    )
    assert glossary.terms[0].accepted == ("《莱斯特郡要闻》", "莱斯特郡要闻")


def test_every_english_variant_asks_for_the_entrys_translation(tmp_path: Path):
    context = zh_context(
        tbx(
            tmp_path / "g.tbx",
            tbx_entry(tig("One Belt One Road") + tig("Belt and Road Initiative"), tig("“一带一路”倡议")),
        )
    )
    assert [t.source for t in context.glossary.matches("The Belt and Road Initiative, once One Belt One Road.")] == [
        "Belt and Road Initiative",
        "One Belt One Road",
    ]
    assert {t.target for t in context.glossary.terms} == {"“一带一路”倡议"}
    assert glossary_problems("China’s Belt and Road Initiative.", "中国的一带一路战略。", context) == [
        "“Belt and Road Initiative” should be ““一带一路”倡议”"
    ]
    assert glossary_problems("China’s Belt and Road Initiative.", "中国的“一带一路”倡议。", context) == []
    shipped = load_glossary(SHIPPED)
    assert [t.target for t in shipped.matches("its ‘One Belt One Road’ strategy, the Belt and Road Initiative")] == [
        "“一带一路”倡议",
        "“一带一路”倡议",
    ]


EXCEPTED = '<descrip type="Exception">postal address</descrip>'


def test_a_terms_exception_is_honoured(tmp_path: Path):
    glossary = load_glossary(
        tbx(tmp_path / "g.tbx", tbx_entry(tig("Leicester"), tig("莱斯特市"), EXCEPTED), term("Glenfield", "格伦菲尔德"))
    )
    sources = lambda text: [t.source for t in glossary.matches(text)]  # noqa: E731
    assert sources("Glenfield, Leicester LE3 8RA") == ["Glenfield"]  # the post town of an address
    assert sources("Glenfield, Leicester, LE3\u00a08RA") == ["Glenfield"]
    assert sources("Glenfield<br1/>Leicester<br2/>LE3 8RA") == ["Glenfield"]  # a line break is a space
    assert sources("Glenfield, <a1>Leicester</a1> LE3 8RA") == ["Glenfield"]
    assert sources("Leicester and Leicestershire") == ["Leicester"]
    assert sources("Leicester LE3 8RA is near Leicester") == ["Leicester"]  # once outside an address
    assert sources("Leicester LE3") == ["Leicester"]  # not a whole postcode


def test_the_shipped_footer_is_accepted_and_would_not_be_without_its_exception(tmp_path: Path):
    footer = "Leicestershire County Council, County Hall, Glenfield, Leicester LE3 8RA"
    chinese = "莱斯特郡议会，地址：英国莱斯特郡格伦菲尔德郡议会大楼，邮编：LE3 8RA"
    assert check_entry(footer, chinese, Context(parse_locale("zh"), load_glossary(SHIPPED))) == []
    text = SHIPPED.read_text(encoding="utf-8").replace(EXCEPTED, "")
    (tmp_path / "g.tbx").write_text(text, encoding="utf-8")
    assert glossary_problems(footer, chinese, zh_context(tmp_path / "g.tbx")) == ["“Leicester” should be “莱斯特市”"]


def test_an_exception_may_be_plural_and_applies_to_untranslatable_terms(tmp_path: Path):
    glossary = load_glossary(
        tbx(
            tmp_path / "g.tbx",
            tbx_entry(
                tig("Leicester"),
                "",
                '<descrip type="Translation needed">No</descrip><descrip type="Exception">Postal addresses</descrip>',
            ),
        )
    )
    assert glossary.terms == [Term("Leicester", "Leicester", False, exceptions=("postal address",))]
    assert glossary.matches("Glenfield, Leicester LE3 8RA") == []


@pytest.mark.parametrize(
    "entry, message",
    [
        (
            tbx_entry(tig("Leicester"), tig("莱斯特市"), '<descrip type="Exception">street names</descrip>'),
            "unknown exception 'street names' (known: postal address)",
        ),
        (tbx_entry(tig("Leicester"), tig("莱斯特市", "recommended")), "unknown administrative status 'recommended'"),
        (
            tbx_entry(tig("Leicester"), tig("莱斯特", "deprecatedTerm-admn-sts")),
            "term 'Leicester' has only deprecated translations and is not marked untranslatable",
        ),
    ],
)
def test_bad_statuses_and_exceptions_name_file_and_line(tmp_path: Path, entry: str, message: str):
    path = tbx(tmp_path / "g.tbx", term("Sichuan", "四川"), entry)
    with pytest.raises(GlossaryError) as raised:
        load_glossary(path)
    assert message in raised.value.message and raised.value.line == 6
