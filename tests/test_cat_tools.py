"""Translators' trust across CAT tools: exports valid against the OASIS schemas, states both ways,
notes and waivers both ways, origins out and back, XLIFF 1.2 inline elements, TMX with every
translation.

The files a CAT tool writes back are made here from l10n's own export, changed the way the tools
change them (the unit ids must be the export's). Their shapes follow the XLIFF 1.2 and 2.0
specifications' inline elements and states, and what tools are documented to write: a segmented
1.2 file with `<seg-source>` and `<mrk mtype="seg">` and `<bpt>`/`<ept>` holding the native
markup (Trados Studio and Okapi-based tools such as OmegaT's Okapi filters), `<bx/>`/`<ex/>`
paired by `rid` and `<ph>` (memoQ and Okapi for codes split across segments), `<it>` (an
isolated code), 1.2 `state="signed-off"`, `state="translated"` with `state-qualifier`, notes
with a `from` of the tool's choosing, 2.0 `state="reviewed"` and notes without a category. They
were not produced by those tools here (none runs on this machine).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import polib
import pytest
from conftest import SEED, SEED_PROJECT, catalog, l10n, msgfmt_check
from lxml import etree

from l10n.formats.transunits import unit_id
from l10n.formats.xliff import XLIFF1, XLIFF2
from l10n.store import load_catalog

DOMAIN = SEED.stem
CATALOG = f"locales/zh/LC_MESSAGES/{DOMAIN}.po"
NS = {"xliff2": {"x": XLIFF2}, "xliff1": {"x": XLIFF1}}
# The OASIS schemas, as Debian's php-symfony-translation ships them (XLIFF 2.0 core and 1.2
# strict, with the W3C xml.xsd they import).
SCHEMAS = Path("/usr/share/php/Symfony/Component/Translation/Resources/schemas")
SCHEMA_FILES = {"xliff2": "xliff-core-2.0.xsd", "xliff1": "xliff-core-1.2-strict.xsd"}
GROWTH = "This visit is about finding new opportunities for growth."
VIDEO = "Watch a video of the visit below:"
FASTEST = "We’re one of the fastest growing regions in the world."
MILESTONE = "Next year’s 30-year milestone is a momentous occasion."
CHAIR = (
    "Councillor Rushton and Sir John Peace, Chair of the <a1>Midlands Engine</a1>, hosted the visitors, "
    "led by Vice Governor Zhu Hexin of the Sichuan Provincial People’s Government."
)


class _LocalXmlXsd(etree.Resolver):
    """The schemas import the W3C's xml.xsd by its web address: read the local copy instead."""

    def resolve(self, url, pubid, context):  # type: ignore[no-untyped-def]
        if url and url.endswith("xml.xsd"):
            return self.resolve_filename(str(SCHEMAS / "xml.xsd"), context)
        return None


def schema(fmt: str) -> etree.XMLSchema:
    path = SCHEMAS / SCHEMA_FILES[fmt]
    assert path.is_file(), f"the OASIS XLIFF schemas are needed: apt-get install php-symfony-translation ({path})"
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalXmlXsd())
    return etree.XMLSchema(etree.parse(str(path), parser))


def valid(fmt: str, path: Path) -> None:
    checker = schema(fmt)
    assert checker.validate(etree.parse(str(path))), [str(e) for e in checker.error_log][:5]


@pytest.fixture
def seed(project: Path) -> Path:
    """The seed article with its reviewed catalogs, and entries of every kind: a machine
    suggestion, a memory match from a TMX file, an exact match accepted, a reviewed entry with a
    translator's comment and a waiver, an untranslated one."""
    shutil.copytree(SEED_PROJECT / "source", project / "source", dirs_exist_ok=True)
    shutil.copytree(SEED_PROJECT / "locales", project / "locales")
    po = catalog(project, DOMAIN)
    by = {e.msgid: e for e in po}
    headline = by["China visit boosts business links"]
    headline.flags, headline.tcomment = ["fuzzy"], "suggestion: libre, 2026-11-28"
    growth = by[GROWTH]
    growth.flags, growth.tcomment = ["fuzzy"], "suggestion: memory, 2026-11-29, 92% match, agency.tmx"
    by[FASTEST].tcomment = "suggestion: memory, exact, accepted"
    published = by["Published <time1/>"]
    published.tcomment = "The colon is meant: a label before the date."
    published.flags = ["ignore-punctuation"]
    by[VIDEO].msgstr = ""
    po.save()
    msgfmt_check(project / CATALOG)
    return project


def exported(project: Path, fmt: str) -> Path:
    l10n("export", "zh", "--format", fmt, "--out", fmt)
    return project / fmt / f"{DOMAIN}.xlf"


def unit(tree: etree._ElementTree, fmt: str, msgid: str, project: Path) -> etree._Element:
    entry = next(e for e in load_catalog(project / CATALOG) if e.msgid == msgid and not e.obsolete)
    tag = "unit" if fmt == "xliff2" else "trans-unit"
    found = tree.find(f".//x:{tag}[@id='{unit_id(entry)}']", NS[fmt])
    assert found is not None, msgid
    return found


def entry(project: Path, msgid: str) -> polib.POEntry:
    return next(e for e in catalog(project, DOMAIN) if e.msgid == msgid and not e.obsolete)


def write(tree: etree._ElementTree, path: Path) -> None:
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


def set_target(fmt: str, element: etree._Element, content: str, **states: str) -> None:
    """Give a unit a target (XML content) and states: `state` (and for 1.2 `approved`,
    `qualifier`)."""
    ns = NS[fmt]["x"]
    holder = element.find(f"{{{ns}}}segment") if fmt == "xliff2" else element
    old = holder.find(f"{{{ns}}}target")
    fresh = etree.fromstring(f'<target xmlns="{ns}" xml:space="preserve">{content}</target>')
    if old is None:
        holder.append(fresh)
    else:
        holder.replace(old, fresh)
    if fmt == "xliff2":
        if "state" in states:
            holder.set("state", states["state"])
        else:
            holder.attrib.pop("state", None)
        return
    element.attrib.pop("approved", None)
    if states.get("approved"):
        element.set("approved", states["approved"])
    if "state" in states:
        fresh.set("state", states["state"])
    if states.get("qualifier"):
        fresh.set("state-qualifier", states["qualifier"])


# -- exports: the OASIS schemas, and what they say --------------------------------------------------


@pytest.mark.parametrize("fmt", ["xliff2", "xliff1"])
def test_exports_are_valid_against_the_oasis_schemas_and_carry_origins_notes_and_waivers(seed: Path, fmt: str):
    path = exported(seed, fmt)
    valid(fmt, path)
    valid(fmt, seed / fmt / "_site.xlf")
    tree = etree.parse(str(path))
    ns = NS[fmt]
    machine = unit(tree, fmt, "China visit boosts business links", seed)
    tm = unit(tree, fmt, GROWTH, seed)
    waived = unit(tree, fmt, "Published <time1/>", seed)
    if fmt == "xliff2":
        assert machine.find("x:segment", ns).get("state") == "translated"
        origin_note = machine.findtext("x:notes/x:note[@category='origin']", namespaces=ns)
        assert (
            origin_note == "suggestion: libre, 2026-11-28\n" + entry(seed, "China visit boosts business links").msgstr
        )
        assert waived.findtext("x:notes/x:note[@category='waiver']", namespaces=ns) == "ignore-punctuation"
        assert waived.findtext("x:notes/x:note[@category='translator']", namespaces=ns).startswith("The colon")
        assert waived.find("x:segment", ns).get("state") == "final"
        return
    target = machine.find("x:target", ns)
    assert (target.get("state"), target.get("state-qualifier")) == ("needs-review-translation", "mt-suggestion")
    assert machine.find("x:alt-trans", ns).get("origin") == "libre"
    target = tm.find("x:target", ns)
    assert target.get("state-qualifier") == "fuzzy-match"
    alt = tm.find("x:alt-trans", ns)
    assert (alt.get("origin"), alt.get("match-quality")) == ("agency.tmx", "92")
    accepted = unit(tree, fmt, FASTEST, seed)
    assert accepted.get("approved") == "yes" and accepted.find("x:target", ns).get("state-qualifier") == "exact-match"
    assert waived.findtext("x:note[@from='l10n']", namespaces=ns) == "ignore-punctuation"
    assert waived.findtext("x:note[@from='translator']", namespaces=ns).startswith("The colon")
    untranslated = unit(tree, fmt, VIDEO, seed).find("x:target", ns)
    assert untranslated.get("state") == "needs-translation" and not untranslated.text


# -- states, both ways ------------------------------------------------------------------------------

STATES = [
    # format, the file's states, the catalog's state after import ("kept": the entry unchanged)
    ("xliff2", {"state": "initial"}, "kept"),
    ("xliff2", {"state": "translated"}, "fuzzy"),
    ("xliff2", {"state": "reviewed"}, "reviewed"),
    ("xliff2", {"state": "final"}, "reviewed"),
    ("xliff2", {}, "fuzzy"),  # no state: initial by the specification, but a target is someone's work, kept
    ("xliff1", {"state": "new"}, "fuzzy"),
    ("xliff1", {"state": "translated"}, "fuzzy"),
    ("xliff1", {"state": "needs-review-translation"}, "fuzzy"),
    ("xliff1", {"state": "needs-translation"}, "kept"),
    ("xliff1", {"state": "final"}, "reviewed"),
    ("xliff1", {"state": "signed-off"}, "reviewed"),
    ("xliff1", {"state": "translated", "approved": "yes"}, "reviewed"),
    ("xliff1", {}, "fuzzy"),
]


@pytest.mark.parametrize(("fmt", "states", "expected"), STATES, ids=[f"{f}-{s}" for f, s, _ in STATES])
def test_states_come_back_as_the_table_says(seed: Path, fmt: str, states: dict[str, str], expected: str):
    path = exported(seed, fmt)
    tree = etree.parse(str(path))
    set_target(fmt, unit(tree, fmt, VIDEO, seed), "请观看以下访问视频：", **states)
    write(tree, path)
    result = json.loads(l10n("import", "--json", str(path)).stdout)
    after = entry(seed, VIDEO)
    if expected == "kept":
        assert after.msgstr == "" and result["imported"] == 0 and result["empty"] == 1
        return
    assert after.msgstr == "请观看以下访问视频：" and after.fuzzy == (expected == "fuzzy")
    assert result["imported"] == 1 and result[expected] == 1 and result["unchanged"] == 23


def test_the_summary_counts_what_changed_and_a_round_trip_changes_nothing(seed: Path):
    before = (seed / CATALOG).read_bytes()
    for fmt in ("xliff2", "xliff1"):
        result = l10n("import", str(exported(seed, fmt)), str(seed / fmt / "_site.xlf"))
        assert result.output == "zh: 0 imported (0 reviewed, 0 fuzzy), 62 unchanged, 0 stale, 0 refused\n"
        assert (seed / CATALOG).read_bytes() == before


# -- notes and waivers, both ways -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xliff2", "xliff1"])
def test_notes_become_translator_comments_and_a_waiver_note_the_po_flag(seed: Path, fmt: str):
    path = exported(seed, fmt)
    tree = etree.parse(str(path))
    ns = NS[fmt]["x"]
    element = unit(tree, fmt, FASTEST, seed)
    notes = element.find(f"{{{ns}}}notes") if fmt == "xliff2" else element
    attrs = {} if fmt == "xliff2" else {"from": "Reviewer"}  # as a CAT tool writes a comment
    etree.SubElement(notes, f"{{{ns}}}note", attrs).text = "Check the claim with the council."
    etree.SubElement(notes, f"{{{ns}}}note", attrs).text = "ignore-length: Chinese says it briefly"
    etree.SubElement(notes, f"{{{ns}}}note", attrs).text = "ignore-glossary"
    write(tree, path)
    result = l10n("import", str(path))
    assert result.output == (
        "zh: 0 imported (0 reviewed, 0 fuzzy), 23 unchanged, 1 with new notes or waivers, 0 stale, 0 refused\n"
    )
    after = entry(seed, FASTEST)
    assert {"ignore-length", "ignore-glossary"} <= set(after.flags) and not after.fuzzy
    assert after.tcomment.splitlines() == [
        "suggestion: memory, exact, accepted",
        "Check the claim with the council.",
        "ignore-length: Chinese says it briefly",
    ]
    msgfmt_check(seed / CATALOG)
    # Out again as notes, and back: nothing changes.
    path = exported(seed, fmt)
    valid(fmt, path)
    again = l10n("import", str(path)).output
    assert again == "zh: 0 imported (0 reviewed, 0 fuzzy), 23 unchanged, 0 stale, 0 refused\n"
    # A waiver of no check is refused, with its unit.
    tree = etree.parse(str(path))
    element = unit(tree, fmt, MILESTONE, seed)
    notes = element.find(f"{{{ns}}}notes") if fmt == "xliff2" else element
    etree.SubElement(notes, f"{{{ns}}}note").text = "ignore-grammar"
    write(tree, path)
    result = l10n("import", str(path), code=1)
    assert "refused: a note waives ignore-grammar, which is no check" in result.output


# -- origins, out and back ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["xliff2", "xliff1"])
def test_a_suggestions_origin_comes_back_with_it(seed: Path, fmt: str):
    path = exported(seed, fmt)
    po = catalog(seed, DOMAIN)
    headline = po.find("China visit boosts business links")
    suggestion = headline.msgstr
    headline.msgstr, headline.tcomment, headline.flags = "", "", []  # another copy of the catalogs
    po.save()
    l10n("import", str(path))
    after = entry(seed, "China visit boosts business links")
    assert (after.msgstr, after.fuzzy, after.tcomment) == (suggestion, True, "suggestion: libre, 2026-11-28")
    # Edited by the translator, it is theirs: the origin note (of the suggestion) no longer applies.
    tree = etree.parse(str(path))
    set_target(
        fmt, unit(tree, fmt, "China visit boosts business links", seed), "四川省代表团访问莱斯特郡", state="translated"
    )
    write(tree, path)
    l10n("import", str(path))
    after = entry(seed, "China visit boosts business links")
    assert (after.msgstr, after.fuzzy, after.tcomment) == ("四川省代表团访问莱斯特郡", True, "")


def test_a_cat_tools_machine_translation_is_recorded_as_such(seed: Path):
    path = exported(seed, "xliff1")
    tree = etree.parse(str(path))
    element = unit(tree, "xliff1", VIDEO, seed)
    set_target("xliff1", element, "请观看以下访问视频：", state="translated", qualifier="mt-suggestion")
    write(tree, path)
    l10n("import", str(path))
    after = entry(seed, VIDEO)
    assert after.fuzzy and after.tcomment.startswith("suggestion: mt, ") and after.tcomment.endswith(f", {path.name}")
    l10n("stats")  # a machine suggestion to stats and review pages
    rows = [json.loads(line) for line in l10n("stats", "--json").stdout.splitlines()]
    assert next(r for r in rows if r["article"] == DOMAIN)["machine"] == 3


def test_pseudo_text_is_refused_for_a_real_locale(seed: Path):
    path = exported(seed, "xliff2")
    tree = etree.parse(str(path))
    element = unit(tree, "xliff2", VIDEO, seed)
    pseudo = "【Ŵåţçĥ å ṽîđéö öƒ ţĥé ṽîšîţ ƀéĺöŵ: 文文文】"
    set_target("xliff2", element, pseudo, state="translated")
    notes = element.find(f"{{{XLIFF2}}}notes")
    etree.SubElement(notes, f"{{{XLIFF2}}}note", category="origin").text = f"suggestion: pseudo, 2026-12-01\n{pseudo}"
    write(tree, path)
    result = l10n("import", str(path), code=1)
    assert "refused: its target is pseudo-localised text, for the pseudo locale only, not zh" in result.output
    assert entry(seed, VIDEO).msgstr == ""


# -- XLIFF 1.2 inline elements as CAT tools write them -----------------------------------------------


def _chair(seed: Path) -> tuple[str, str, str]:
    """The Chinese of the sentence with a link: before, inside and after the link."""
    before, rest = entry(seed, CHAIR).msgstr.split("<a1>")
    inside, after = rest.split("</a1>")
    return before, inside, after


def test_xliff12_segmented_units_with_native_codes_are_read(seed: Path):
    path = exported(seed, "xliff1")
    tree = etree.parse(str(path))
    before, inside, after = _chair(seed)
    # Segmented, as Trados Studio and Okapi write it: <seg-source>, a <mrk mtype="seg"> per
    # segment, the link as <bpt>/<ept> holding the page's markup.
    chair = unit(tree, "xliff1", CHAIR, seed)
    start, end = '&lt;a href="https://www.midlandsengine.org"&gt;', "&lt;/a&gt;"
    english = CHAIR.replace("<a1>", f'<bpt id="a1">{start}</bpt>').replace("</a1>", f'<ept id="a1">{end}</ept>')
    chair.find(f"{{{XLIFF1}}}source").addnext(
        etree.fromstring(f'<seg-source xmlns="{XLIFF1}"><mrk mtype="seg" mid="1">{english}</mrk></seg-source>')
    )
    inner = f'{before}<bpt id="a1">{start}</bpt>{inside}<ept id="a1">{end}</ept>{after}'
    set_target("xliff1", chair, f'<mrk mtype="seg" mid="1">{inner.replace("主席", "的主席")}</mrk>', state="signed-off")
    # A standalone code with its markup, as memoQ writes it: <ph>.
    published = unit(tree, "xliff1", "Published <time1/>", seed)
    markup = '&lt;time datetime="2017-11-08"&gt;8 November 2017&lt;/time&gt;'
    set_target("xliff1", published, f'发布日期：<ph id="time1">{markup}</ph>', state="translated")
    write(tree, path)
    summary = json.loads(l10n("import", "--json", str(path)).stdout)
    assert (summary["refused"], summary["stale"], summary["reviewed"], summary["fuzzy"]) == (0, 0, 1, 1), summary
    chair_after = entry(seed, CHAIR)
    assert chair_after.msgstr == f"{before}<a1>{inside}</a1>{after}".replace("主席", "的主席")
    assert not chair_after.fuzzy
    assert entry(seed, "Published <time1/>").msgstr == "发布日期：<time1/>"
    msgfmt_check(seed / CATALOG)


def test_xliff12_split_and_isolated_codes_are_read(seed: Path):
    before, inside, after = _chair(seed)
    for content, expected in (
        # A code split across segments, as memoQ and Okapi write it: <bx/> and <ex/> paired by rid.
        (f'{before}<bx id="a1" rid="r7"/>{inside}<ex id="e9" rid="r7"/>{after}', "bx"),
        # An isolated code: <it pos="open"> … <it pos="close">, holding the markup.
        (
            f'{before}<it id="a1" pos="open">&lt;a href="…"&gt;</it>{inside}'
            f'<it id="a1" pos="close">&lt;/a&gt;</it>{after}',
            "it",
        ),
    ):
        path = exported(seed, "xliff1")
        tree = etree.parse(str(path))
        set_target("xliff1", unit(tree, "xliff1", CHAIR, seed), content.replace("主席", f"主席（{expected}）"))
        write(tree, path)
        l10n("import", str(path))
        assert entry(seed, CHAIR).msgstr == f"{before}<a1>{inside}</a1>{after}".replace("主席", f"主席（{expected}）")


# -- what is refused, unit by unit --------------------------------------------------------------------


def test_a_link_moved_inside_another_link_is_refused(project: Path):
    (project / "source" / "a.html").write_text(
        '<p>Read <a href="/plan">the plan</a> and <a href="/map">the map</a>.</p>', encoding="utf-8"
    )
    l10n("init", "zh")
    l10n("export", "zh", "--out", "cat")
    path = project / "cat" / "a.xlf"
    tree = etree.parse(str(path))
    element = tree.find(".//x:unit", NS["xliff2"])
    nested = (
        '请阅读<pc id="a2" dataRefStart="a2-start" dataRefEnd="a2-end">地图和'
        '<pc id="a1" dataRefStart="a1-start" dataRefEnd="a1-end">计划</pc></pc>。'
    )
    set_target("xliff2", element, nested, state="final")
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    result = l10n("import", str(path), code=1)
    assert "refused: <a1> is inside <a2>, which it is not in the English" in result.output
    # Reordered, not nested: taken.
    reordered = (
        '请阅读<pc id="a2" dataRefStart="a2-start" dataRefEnd="a2-end">地图</pc>和'
        '<pc id="a1" dataRefStart="a1-start" dataRefEnd="a1-end">计划</pc>。'
    )
    set_target("xliff2", element, reordered, state="final")
    path.write_bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8"))
    l10n("import", str(path))
    assert catalog(project, "a")[0].msgstr == "请阅读<a2>地图</a2>和<a1>计划</a1>。"
    # Poedit users get the same rule from check.
    po = catalog(project, "a")
    po[0].msgstr = "请阅读<a2>地图和<a1>计划</a1></a2>。"
    po.save()
    problems = [json.loads(line) for line in l10n("check", "zh", "--json", code=1).stdout.splitlines()]
    assert problems[0]["message"] == "<a1> is inside <a2>, which it is not in the English"


def test_a_stale_unit_says_what_changed(seed: Path):
    path = exported(seed, "xliff2")
    tree = etree.parse(str(path))
    element = unit(tree, "xliff2", GROWTH, seed)
    edited = GROWTH.replace("growth", "trade")
    element.find(f"{{{XLIFF2}}}segment/{{{XLIFF2}}}source").text = edited  # by the translator
    write(tree, path)
    result = l10n("import", str(path), code=1)
    assert (
        f"stale: its source text was edited in the file (“{edited}” is not the English “{GROWTH}” "
        "it was exported with): translate the English as exported"
    ) in result.output


# -- TMX ------------------------------------------------------------------------------------------------


def test_tmx_keeps_every_translation_of_an_english_text_with_its_context(project: Path):
    page = (
        '<html><body><header><nav><a href="/">Home</a> <a href="/news">News</a></nav></header>'
        "<main><article><h1>New homes</h1><table><tr><td>Home</td><td>120</td></tr></table>"
        "</article></main></body></html>"
    )
    (project / "source" / "homes.html").write_text(page, encoding="utf-8")
    l10n("init", "zh")
    for domain, translations in (
        ("_site", {"Home": "首页", "News": "新闻"}),
        ("homes", {"Home": "住宅", "New homes": "新住房"}),
    ):
        po = catalog(project, domain)
        for e in po:
            e.msgstr = translations.get(e.msgid, e.msgstr)  # l10n's own texts keep their suggestions
        po.find("Home").tcomment = "suggestion: libre, 2026-11-28" if domain == "homes" else ""
        po.save()
    l10n("export", "zh", "--format", "tmx", "--out", "tm")
    root = etree.parse(str(project / "tm" / "zh.tmx")).getroot()
    homes = [tu for tu in root.iter("tu") if tu.findtext("tuv[1]/seg") == "Home"]
    assert [tu.findtext("tuv[2]/seg") for tu in homes] == ["首页", "住宅"]
    props = [{p.get("type"): p.text for p in tu.iter("prop")} for tu in homes]
    assert props == [
        {"x-element": "a", "x-catalog": "_site"},
        {"x-element": "td", "x-catalog": "homes", "x-origin": "libre, 2026-11-28"},
    ]
    assert len({tu.get("tuid") for tu in root.iter("tu")}) == len(list(root.iter("tu")))


def test_a_tmx_unit_of_pseudo_text_is_never_memory():
    from l10n.formats import tmx
    from l10n.locales import parse_locale

    def tu(english: str, chinese: str, origin: str | None) -> str:
        prop = f'<prop type="x-origin">{origin}</prop>' if origin else ""
        return (
            f'<tu>{prop}<tuv xml:lang="en"><seg>{english}</seg></tuv>'
            f'<tuv xml:lang="zh-Hans"><seg>{chinese}</seg></tuv></tu>'
        )

    data = (
        '<tmx version="1.4"><header srclang="en"/><body>'
        + tu("Home", "首页", "libre, 2026-11-28")
        + tu("News", "【Ñéŵš 文】", "pseudo, 2026-11-28")
        + tu("Jobs", "就业", None)
        + "</body></tmx>"
    ).encode()
    assert tmx.read(data, "agency.tmx", "en", parse_locale("zh")) == [("Home", "首页"), ("Jobs", "就业")]
