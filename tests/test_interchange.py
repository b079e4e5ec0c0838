"""CAT-tool interchange: `l10n export` (XLIFF 2.0, XLIFF 1.2, TMX) and `l10n import`, read by
Translate Toolkit as an independent reader, round-tripped through a CAT-style edit to the built page."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SEED, SEED_PROJECT, l10n, msgfmt_check
from lxml import etree

from l10n.catalogs.origin import Origin, origin
from l10n.errors import PlaceholderError
from l10n.formats import pofile
from l10n.formats.transunits import catalog_text, codes, pieces, same_language, unit_id
from l10n.formats.xliff import XLIFF1, XLIFF2
from l10n.locales import parse_locale
from l10n.segment.placeholders import CLOSE, EMPTY, OPEN, Token, tokens
from l10n.store import load_catalog, save_catalog

DOMAIN = SEED.stem
MIDLANDS = (
    "Councillor Rushton and Sir John Peace, Chair of the <a1>Midlands Engine</a1>, hosted the visitors, "
    "led by Vice Governor Zhu Hexin of the Sichuan Provincial People’s Government."
)
CRUMBS = "<a1>Home</a1> and <a2>News</a2>"
PUBLISHED = "Published <time1/>"
NS2, NS1 = {"x": XLIFF2}, {"x": XLIFF1}


def catalog_path(project: Path) -> Path:
    return project / "locales" / "zh" / "LC_MESSAGES" / f"{DOMAIN}.po"


@pytest.fixture
def seeded(project: Path) -> Path:
    """The project with the shipped article and its reviewed catalog, and what import must leave
    alone: "Search" and "Jobs and volunteering" fuzzy with their old English (`#|`), a translator's
    note, "News" untranslated, an obsolete entry. The site's text is in the article's catalog
    (`site_text = "article"`), and the breadcrumbs read "Home and News": one unit, two links."""
    html = SEED.read_text(encoding="utf-8").replace("</a> &rsaquo; <a", "</a> and <a")
    (project / "source" / SEED.name).write_text(html, encoding="utf-8")
    shutil.copytree(SEED_PROJECT / "locales", project / "locales")
    (project / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["zh"]\nsite_text = "article"\n')
    l10n("update")
    (project / "locales" / "zh" / "LC_MESSAGES" / "_site.po").unlink()  # its translations moved to the article's
    path = catalog_path(project)
    po = load_catalog(path)
    by_msgid = {e.msgid: e for e in po}
    by_msgid[CRUMBS].msgstr = "<a1>首页</a1> › <a2>新闻</a2>"
    search = by_msgid["Search"]
    search.msgstr, search.flags, search.previous_msgid = "搜索一下", ["fuzzy"], "Search the site"
    search.tcomment = "A translator's note."
    by_msgid["News"].msgstr = ""
    jobs = by_msgid["Jobs and volunteering"]
    jobs.flags, jobs.previous_msgid = ["fuzzy"], "Jobs"
    po.entries.append(pofile.Entry("An old sentence.", "一个旧句子。", obsolete=True))
    save_catalog(po, path)
    msgfmt_check(path)
    return project


def entries(project: Path) -> dict[str, pofile.Entry]:
    return {e.msgid: e for e in load_catalog(catalog_path(project)) if not e.obsolete}


def blocks(path: Path) -> list[str]:
    """A catalog's header and entries, as written."""
    return path.read_text(encoding="utf-8").split("\n\n")


def xml(path: Path) -> etree._Element:
    return etree.parse(str(path)).getroot()


# -- XLIFF 2.0 -----------------------------------------------------------------------------------


def check_xliff2_core(root: etree._Element) -> None:
    """The XLIFF 2.0 core rules, as the OASIS specification states them (no package on PyPI ships
    xliff_core_2.0.xsd to validate against): element order, NMTOKEN ids unique where they must be,
    states, and every inline code pointing at original data of its own unit."""
    nmtoken = re.compile(r"[\w.:-]+")
    assert root.tag == f"{{{XLIFF2}}}xliff" and root.get("version") == "2.0"
    assert root.get("srcLang") and root.get("trgLang")
    for element in root.iter():
        assert isinstance(element.tag, str) and element.tag.startswith(f"{{{XLIFF2}}}"), element.tag
    files = root.findall("x:file", NS2)
    assert files and len({f.get("id") for f in files}) == len(files)
    for file in files:
        assert nmtoken.fullmatch(file.get("id")) and file.get("original")
        units = file.findall("x:unit", NS2)
        assert units and [etree.QName(c).localname for c in file] == ["unit"] * len(units)
        assert len({u.get("id") for u in units}) == len(units)
        for unit in units:
            assert nmtoken.fullmatch(unit.get("id"))
            names = [etree.QName(c).localname for c in unit]
            assert re.fullmatch(r"(notes )?(originalData )?(segment )+", "".join(n + " " for n in names)), names
            data = {d.get("id"): d.text for d in unit.iterfind("x:originalData/x:data", NS2)}
            assert len(data) == len(unit.findall("x:originalData/x:data", NS2))
            for segment in unit.iterfind("x:segment", NS2):
                assert [etree.QName(c).localname for c in segment] in (["source"], ["source", "target"])
                assert segment.get("state") in ("initial", "translated", "reviewed", "final")
                assert (segment.get("state") == "initial") == (segment.find("x:target", NS2) is None)
                codes = {}
                for part in segment:
                    found = [(c.get("id"), etree.QName(c).localname) for c in part.iter("{*}pc", "{*}ph")]
                    assert len({i for i, _ in found}) == len(found)  # each code once
                    codes[etree.QName(part).localname] = sorted(found)
                    for code in part.iter("{*}pc", "{*}ph"):
                        refs = [code.get(a) for a in ("dataRef", "dataRefStart", "dataRefEnd") if code.get(a)]
                        assert refs and all(ref in data for ref in refs)
                        assert code.get("canDelete") == "no" and code.get("canCopy") == "no"
                assert codes.get("target", codes["source"]) == codes["source"]


def test_xliff2_export_one_file_per_article_with_codes_notes_and_states(seeded: Path):
    (seeded / "source" / "news").mkdir()
    (seeded / "source" / "news" / "roads.html").write_text(
        "<p>Roads reopen <img src='r.png' alt=''> so read <a href='/plan'>the plan</a> &lt;h1&gt; now.</p>",
        encoding="utf-8",
    )
    l10n("update")
    assert l10n("-v", "export", "zh", "--out", "cat").stdout == f"wrote cat/{DOMAIN}.xlf\nwrote cat/news/roads.xlf\n"
    root = xml(seeded / "cat" / f"{DOMAIN}.xlf")
    check_xliff2_core(root)
    check_xliff2_core(xml(seeded / "cat" / "news" / "roads.xlf"))
    assert (root.get("srcLang"), root.get("trgLang")) == ("en", "zh-Hans")
    file = root.find("x:file", NS2)
    assert (file.get("id"), file.get("original")) == (DOMAIN, f"{DOMAIN}.po")
    po = entries(seeded)
    units = {u.get("id"): u for u in file.iterfind("x:unit", NS2)}
    assert set(units) == {unit_id(e) for e in po.values()}  # one unit per active entry, no obsolete one

    def state(msgid: str) -> str:
        return units[unit_id(po[msgid])].find("x:segment", NS2).get("state")

    assert (state(MIDLANDS), state("Search"), state("News")) == ("final", "translated", "initial")
    assert units[unit_id(po["News"])].find("x:segment/x:target", NS2) is None
    unit = units[unit_id(po[MIDLANDS])]
    data = {d.get("id"): d.text for d in unit.iterfind("x:originalData/x:data", NS2)}
    assert data == {"a1-start": '<a href="https://www.midlandsengine.org">', "a1-end": "</a>"}
    pc = unit.find("x:segment/x:source/x:pc", NS2)
    assert (pc.get("id"), pc.get("dataRefStart"), pc.get("dataRefEnd"), pc.text) == (
        "a1",
        "a1-start",
        "a1-end",
        "Midlands Engine",
    )
    assert unit.find("x:segment/x:target/x:pc", NS2).text == "英格兰中部引擎"
    notes = [(n.get("category"), n.text) for n in unit.iterfind("x:notes/x:note", NS2)]
    assert notes == [
        ("element", "Element: p"),
        ("placeholder", '<a1> is <a href="https://www.midlandsengine.org">'),
        ("location", f"Source: source/{SEED.name}:56"),
    ]
    search_notes = [n.text for n in units[unit_id(po["Search"])].iterfind("x:notes/x:note", NS2)]
    assert "Previous English: Search the site" in search_notes
    raw = (seeded / "cat" / f"{DOMAIN}.xlf").read_bytes()
    assert raw.startswith(b"<?xml version='1.0' encoding='UTF-8'?>") and b'xml:space="preserve"' in raw
    assert b'&lt;a href="https://www.midlandsengine.org"&gt;' in raw  # markup escaped, not live

    roads = xml(seeded / "cat" / "news" / "roads.xlf").find("x:file/x:unit/x:segment/x:source", NS2)
    assert etree.tostring(roads, encoding="unicode", with_tail=False).split(">", 1)[1] == (
        'Roads reopen <ph id="img1" dataRef="img1" canCopy="no" canDelete="no" type="image"/> so read '
        '<pc id="a2" dataRefStart="a2-start" dataRefEnd="a2-end" canCopy="no" canDelete="no" type="link">the plan</pc>'
        " &lt;h1&gt; now.</source>"
    )  # the page's "<h1>", which the msgid holds as &lt;h1>

    assert xml(seeded / "cat" / "news" / "roads.xlf").find("x:file", NS2).get("id") == "news_roads"

    shutil.rmtree(seeded / ".l10n-cache")
    assert l10n("-v", "export", "zh", "--out", "cat").stdout == ""  # stable: the same bytes, nothing rewritten
    assert (seeded / "cat" / f"{DOMAIN}.xlf").read_bytes() == raw
    assert l10n("-v", "export", "zh", "--out", "one", "source/news").stdout == "wrote one/news/roads.xlf\n"


READER = """
import json, sys
from translate.storage.tmx import tmxfile
from translate.storage.xliff2 import Xliff2File

kind = sys.argv[1]
store = (Xliff2File if kind == "xliff2" else tmxfile).parsefile(sys.argv[2])
units = [{"id": u.getid(), "source": u.source, "target": u.target or "", "translated": u.istranslated(),
          "approved": u.isapproved() if kind == "xliff2" else None} for u in store.units]
print(json.dumps({"languages": [store.sourcelanguage, store.targetlanguage], "units": units}))
"""


def translate_toolkit(kind: str, path: Path) -> dict:
    """What Translate Toolkit's reader of `kind` (xliff2, tmx) finds in a file. It runs in a process
    of its own: tests/test_benchmarks.py puts a module named `translate` first on sys.path."""
    done = subprocess.run(
        [sys.executable, "-c", READER, kind, str(path)], capture_output=True, text=True, cwd=path.parent
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_xliff2_reads_in_translate_toolkit(seeded: Path):
    l10n("export", "zh", "--out", "cat")
    store = translate_toolkit("xliff2", seeded / "cat" / f"{DOMAIN}.xlf")
    assert store["languages"] == ["en", "zh-Hans"]
    po = entries(seeded)
    by_id = {unit["id"]: unit for unit in store["units"]}
    assert set(by_id) == {unit_id(e) for e in po.values()}
    for entry in po.values():
        unit = by_id[unit_id(entry)]
        assert unit["source"] == plain_text(entry.msgid)
        assert unit["target"] == plain_text(entry.msgstr)
        assert unit["approved"] == entry.reviewed
        assert unit["translated"] == entry.translated


# -- XLIFF 1.2 -----------------------------------------------------------------------------------


def test_xliff1_reads_in_xliff2po(seeded: Path):
    l10n("export", "zh", "--format", "xliff1", "--out", "cat")
    exported = seeded / "cat" / f"{DOMAIN}.xlf"
    root = xml(exported)
    assert (root.tag, root.get("version")) == (f"{{{XLIFF1}}}xliff", "1.2")
    file = root.find("x:file", NS1)
    assert (file.get("source-language"), file.get("target-language"), file.get("original")) == (
        "en",
        "zh-Hans",
        f"{DOMAIN}.po",
    )
    po = entries(seeded)
    unit = root.find(f"x:file/x:body/x:trans-unit[@id='{unit_id(po[CRUMBS])}']", NS1)
    assert unit.get("approved") == "yes" and unit.find("x:target", NS1).get("state") == "final"
    assert [(g.get("id"), g.get("ctype"), g.text) for g in unit.iterfind("x:source/x:g", NS1)] == [
        ("a1", "link", "Home"),
        ("a2", "link", "News"),
    ]
    fuzzy = root.find(f"x:file/x:body/x:trans-unit[@id='{unit_id(po['Search'])}']", NS1)
    assert fuzzy.get("approved") is None and fuzzy.find("x:target", NS1).get("state") == "needs-review-translation"
    empty = root.find(f"x:file/x:body/x:trans-unit[@id='{unit_id(po['News'])}']", NS1)
    assert empty.find("x:target", NS1).get("state") == "needs-translation"

    converted = seeded / "tt.po"
    done = subprocess.run(
        [sys.executable, "-c", "from translate.convert.xliff2po import main; main()", str(exported), str(converted)],
        capture_output=True,
        text=True,
        cwd=seeded,
    )
    assert done.returncode == 0, done.stderr
    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(converted)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr  # (it warns of the header xliff2po leaves at its defaults)
    theirs = {e.msgid: e for e in load_catalog(converted) if not e.obsolete}
    plain = {plain_text(msgid): e for msgid, e in po.items()}
    assert set(theirs) == set(plain)
    for msgid, entry in plain.items():
        assert theirs[msgid].msgstr == plain_text(entry.msgstr)
        assert theirs[msgid].fuzzy == (entry.fuzzy and entry.translated)
    assert '<a1> is <a href="https://www.midlandsengine.org">' in theirs[plain_text(MIDLANDS)].comment


def plain_text(msgid: str) -> str:
    return re.sub(r"</?[a-z]+\d+/?>", "", msgid)


# -- round trip ----------------------------------------------------------------------------------


def code(fmt: str, name: str, text: str) -> str:
    if fmt == "xliff2":
        return f'<pc id="{name}" dataRefStart="{name}-start" dataRefEnd="{name}-end">{text}</pc>'
    return f'<g id="{name}">{text}</g>'


def edit(path: Path, fmt: str, targets: dict[str, tuple[str | None, str]]) -> None:
    """Edit units as a CAT tool would: unit id → (new target as XML, or None to keep it; new state:
    final or translated)."""
    tree = etree.parse(str(path))
    ns = NS2 if fmt == "xliff2" else NS1
    for uid, (content, state) in targets.items():
        unit = tree.find(f".//x:{'unit' if fmt == 'xliff2' else 'trans-unit'}[@id='{uid}']", ns)
        holder = unit.find("x:segment", ns) if fmt == "xliff2" else unit
        target = holder.find("x:target", ns)
        if content is not None:
            fresh = etree.fromstring(f'<target xmlns="{ns["x"]}" xml:space="preserve">{content}</target>')
            if target is None:
                holder.append(fresh)
            else:
                holder.replace(target, fresh)
            target = fresh
        if fmt == "xliff2":
            holder.set("state", state)
        else:
            unit.attrib.pop("approved", None)
            target.set("state", state)
            if state == "final":
                unit.set("approved", "yes")
    tree.write(str(path), xml_declaration=True, encoding="UTF-8")


@pytest.mark.parametrize("fmt", ["xliff2", "xliff1"])
def test_round_trip_a_cat_edit_reaches_the_built_page(seeded: Path, fmt: str):
    path = catalog_path(seeded)
    before = blocks(path)
    po = entries(seeded)
    l10n("export", "zh", "--format", fmt, "--out", "cat")
    exported = seeded / "cat" / f"{DOMAIN}.xlf"
    midlands = f"约翰·皮斯爵士与拉什顿议员接待了代表团；皮斯爵士是{code(fmt, 'a1', '英格兰中部引擎')}主席。"
    crumbs = f"{code(fmt, 'a2', '新闻')} ‹ {code(fmt, 'a1', '首页')}"  # reordered
    edit(
        exported,
        fmt,
        {
            unit_id(po[MIDLANDS]): (midlands, "final"),
            unit_id(po[CRUMBS]): (crumbs, "final"),
            unit_id(po["News"]): ("新闻", "translated"),
            unit_id(po["Search"]): (None, "final"),
        },
    )
    result = l10n("import", str(exported))
    # Imported: the units whose translation or state changed; the others are unchanged.
    assert result.stdout == "zh: 4 imported (3 reviewed, 1 fuzzy), 46 unchanged, 0 stale, 0 refused\n"
    assert result.stderr == ""
    msgfmt_check(path)
    after = entries(seeded)
    assert after[MIDLANDS].msgstr == "约翰·皮斯爵士与拉什顿议员接待了代表团；皮斯爵士是<a1>英格兰中部引擎</a1>主席。"
    assert after[CRUMBS].msgstr == "<a2>新闻</a2> ‹ <a1>首页</a1>" and after[CRUMBS].reviewed
    assert after["News"].msgstr == "新闻" and after["News"].fuzzy
    assert after["Search"].reviewed and after["Search"].previous_msgid is None
    assert after["Search"].tcomment == "A translator's note."
    assert after["Jobs and volunteering"].fuzzy and after["Jobs and volunteering"].previous_msgid == "Jobs"
    changed = [i for i, (old, new) in enumerate(zip(before, blocks(path))) if old != new]
    assert len(blocks(path)) == len(before) and len(changed) == 4  # header, obsolete, all others: byte-identical
    assert all(any(m in before[i] for m in ("Midlands", "› <a2>", '"News"', '"Search"')) for i in changed)

    l10n("build", "zh")
    page = (seeded / "dist" / "zh" / SEED.name).read_text(encoding="utf-8")
    assert '皮斯爵士是<a href="https://www.midlandsengine.org">英格兰中部引擎</a>主席。' in page
    assert '<a href="/news">新闻</a> ‹ <a href="/">首页</a>' in page

    imported = path.read_bytes()
    again = l10n("-v", "import", str(exported)).stdout  # again: nothing to write
    assert again == "zh: 0 imported (0 reviewed, 0 fuzzy), 50 unchanged, 0 stale, 0 refused\n"
    assert path.read_bytes() == imported


def test_text_that_reads_like_a_placeholder_goes_out_as_page_text_and_back_escaped(project: Path):
    (project / "source" / "a.html").write_text("<p>Use &lt;h1&gt; for <a href='/t'>titles</a>.</p>", encoding="utf-8")
    l10n("init", "zh")
    po = entries_of(project, "a")
    assert "Use &lt;h1> for <a1>titles</a1>." in po
    l10n("export", "zh", "--out", "cat")
    path = project / "cat" / "a.xlf"
    source = xml(path).find(".//x:source", NS2)
    assert source.text == "Use <h1> for "
    edit(
        path,
        "xliff2",
        {
            unit_id(po["Use &lt;h1> for <a1>titles</a1>."]): (
                '用 &lt;h1&gt; 写<pc id="a1" dataRefStart="a1-start" dataRefEnd="a1-end">标题</pc>，不是 &amp;lt;h1&gt;。',
                "final",
            )
        },
    )
    l10n("import", str(path))
    assert (
        entries_of(project, "a")["Use &lt;h1> for <a1>titles</a1>."].msgstr
        == "用 &lt;h1> 写<a1>标题</a1>，不是 &amp;lt;h1>。"
    )
    msgfmt_check(project / "locales" / "zh" / "LC_MESSAGES" / "a.po")
    l10n("build", "zh")
    assert '用 &lt;h1&gt; 写<a href="/t">标题</a>，不是 &amp;lt;h1&gt;。' in (
        project / "dist" / "zh" / "a.html"
    ).read_text(encoding="utf-8")


def entries_of(project: Path, domain: str) -> dict[str, pofile.Entry]:
    return {e.msgid: e for e in load_catalog(project / "locales" / "zh" / "LC_MESSAGES" / f"{domain}.po")}


# -- what import refuses -------------------------------------------------------------------------


def test_units_with_foreign_codes_are_refused_and_stale_units_reported(seeded: Path):
    po = entries(seeded)
    l10n("export", "zh", "--out", "cat")
    path = seeded / "cat" / f"{DOMAIN}.xlf"
    a1 = code("xliff2", "a1", "首页")
    edit(
        path,
        "xliff2",
        {
            unit_id(po[CRUMBS]): (f"{a1} › 新闻", "final"),  # <a2> missing
            unit_id(po[MIDLANDS]): (f'{code("xliff2", "a1", "引擎")}<ph id="br9" dataRef="br9"/>', "final"),  # invented
            unit_id(po[PUBLISHED]): (
                '发布于<ph id="time1" dataRef="time1"/><ph id="time1" dataRef="time1"/>',
                "final",
            ),  # twice
            unit_id(po["Skip to main content"]): ("跳到正文", "final"),
        },
    )
    (seeded / "source" / SEED.name).write_text(
        (seeded / "source" / SEED.name)
        .read_text(encoding="utf-8")
        .replace("Skip to main content", "Skip to the content"),
        encoding="utf-8",
    )
    l10n("update")
    before = catalog_path(seeded).read_bytes()
    result = l10n("import", str(path), code=1)
    assert result.stdout == "zh: 0 imported (0 reviewed, 0 fuzzy), 45 unchanged, 1 stale, 3 refused\n"
    lines = result.stderr.splitlines()
    assert len(lines) == 4 and all(line.startswith(f"l10n: warning: cat/{DOMAIN}.xlf:") for line in lines)
    by_unit = {re.search(r"unit (u\w+)", line).group(1): line for line in lines}
    assert by_unit[unit_id(po[CRUMBS])].endswith("refused: missing placeholder <a2>")
    assert by_unit[unit_id(po[MIDLANDS])].endswith("refused: unknown inline code id 'br9'")
    assert by_unit[unit_id(po[PUBLISHED])].endswith("refused: placeholder <time1> used twice")
    assert by_unit[unit_id(po["Skip to main content"])].endswith(
        "stale: the catalog's English changed since the export (or the text is gone): export again"
    )
    assert catalog_path(seeded).read_bytes() == before  # nothing else to change: not written


def test_a_reviewed_translation_is_made_worse_only_with_a_warning(seeded: Path):
    po = entries(seeded)
    l10n("export", "zh", "--out", "cat")
    path = seeded / "cat" / f"{DOMAIN}.xlf"
    edit(
        path,
        "xliff2",
        {
            unit_id(po["Home"]): ("主页", "translated"),  # changed, not final: fuzzy, said so
            unit_id(po["Main navigation"]): (None, "translated"),  # same text: stays reviewed
            unit_id(po["Council and democracy"]): ("", "final"),
        },
    )  # emptied: kept
    result = l10n("import", str(path))
    home = f"cat/{DOMAIN}.xlf:{line_of(path, po['Home'])}: unit {unit_id(po['Home'])}"
    assert result.stderr == (
        f"l10n: warning: {home}: a reviewed translation is replaced by an unreviewed one (now fuzzy)\n"
    )
    after = entries(seeded)
    assert after["Home"].msgstr == "主页" and after["Home"].fuzzy
    assert after["Main navigation"].reviewed and after["Council and democracy"].msgstr == "议会与民主"
    msgfmt_check(catalog_path(seeded))
    assert json.loads(l10n("import", "--json", str(path)).stdout) == {
        "locale": "zh",
        "imported": 0,
        "reviewed": 0,
        "fuzzy": 0,
        "unchanged": 48,
        "annotated": 0,
        "stale": 0,
        "refused": 0,
        "empty": 2,
        "changed": 0,
        "problems": [],
        "warnings": [],
        "written": [],
    }


def line_of(path: Path, entry: pofile.Entry) -> int:
    return xml(path).find(f".//x:unit[@id='{unit_id(entry)}']", NS2).sourceline


BAD = {
    "malformed": ("<xliff>\n<file>", "bad.xlf:2: not well-formed XML"),
    "other XML": (
        '<html xmlns="http://www.w3.org/1999/xhtml"/>',
        "bad.xlf:1: not XLIFF 2.0 or 1.2: the document is <html> in http://www.w3.org/1999/xhtml",
    ),
    "TMX": ('<tmx version="1.4"><header/><body/></tmx>', "bad.xlf:1: not XLIFF 2.0 or 1.2: the document is <tmx>"),
    "XLIFF 2.2": (
        '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.2" version="2.2"/>',
        "bad.xlf:1: not XLIFF 2.0 or 1.2: the document is <xliff> in urn:oasis:names:tc:xliff:document:2.2 "
        "version '2.2'",
    ),
    "wrong trgLang": (
        f'<xliff xmlns="{XLIFF2}" version="2.0" srcLang="en" trgLang="fr">'
        f'<file id="f" original="{DOMAIN}.po"/></xliff>',
        "bad.xlf:1: the target language fr is no locale of this project (its locales: zh (zh-Hans))",
    ),
    "wrong srcLang": (
        f'<xliff xmlns="{XLIFF2}" version="2.0" srcLang="de" trgLang="zh-Hans">'
        f'<file id="f" original="{DOMAIN}.po"/></xliff>',
        "bad.xlf:1: the source language is de, not the project's en",
    ),
    "no catalog": (
        f'<xliff xmlns="{XLIFF2}" version="2.0" srcLang="en" trgLang="zh-Hans">'
        '<file id="f" original="../../x.po"/></xliff>',
        "bad.xlf:1: <file original='../../x.po'> names no catalog of zh",
    ),
    "entities": (
        '<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
        f'<xliff xmlns="{XLIFF2}" version="2.0" srcLang="en" trgLang="zh-Hans">&b;</xliff>',
        "bad.xlf: the document declares entities (<!ENTITY>); l10n reads no entities",
    ),
    "external entity": (
        '<!DOCTYPE xliff [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        f'<xliff xmlns="{XLIFF2}" version="2.0" srcLang="en" trgLang="zh-Hans">&x;</xliff>',
        "bad.xlf: the document declares entities (<!ENTITY>); l10n reads no entities",
    ),
    "missing": (None, "bad.xlf: cannot read: No such file or directory"),
}


@pytest.mark.parametrize("kind", BAD)
def test_a_bad_file_is_one_line_exit_2_and_no_catalog_changes(seeded: Path, kind: str):
    po = entries(seeded)
    l10n("export", "zh", "--out", "cat")
    good = seeded / "cat" / f"{DOMAIN}.xlf"
    edit(good, "xliff2", {unit_id(po["Home"]): ("主页", "final")})
    content, message = BAD[kind]
    if content is not None:
        (seeded / "bad.xlf").write_text(content, encoding="utf-8")
    before = catalog_path(seeded).read_bytes()
    result = l10n("import", str(good), "bad.xlf", code=2)
    assert result.stderr.startswith("l10n: error: " + message) and result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""
    assert catalog_path(seeded).read_bytes() == before


def test_segments_markers_start_end_codes_and_code_points_from_other_tools_are_read(seeded: Path):
    path = catalog_path(seeded)
    po = load_catalog(path)
    next(e for e in po if e.msgid == "Home").msgstr = "首页\x07"  # a character XML cannot hold: <cp/> in XLIFF 2.0
    save_catalog(po, path)
    l10n("export", "zh", "--out", "cat")
    exported = seeded / "cat" / f"{DOMAIN}.xlf"
    assert '<target xml:space="preserve">首页<cp hex="0007"/></target>' in exported.read_text(encoding="utf-8")
    note = l10n("export", "zh", "--format", "xliff1", "--out", "one").stderr  # XLIFF 1.2 has no <cp/>: left out
    assert re.fullmatch(
        rf"l10n: note: locales/zh/LC_MESSAGES/{DOMAIN}.po:\d+: not exported: holds a control "
        "character XML cannot carry\n",
        note,
    )
    tree = etree.parse(str(exported))
    unit = tree.find(f".//x:unit[@id='{unit_id(entries(seeded)[CRUMBS])}']", NS2)
    for old in unit.findall("x:segment", NS2):
        unit.remove(old)
    unit.extend(
        etree.fromstring(
            f'<unit xmlns="{XLIFF2}"><segment state="final"><source><pc id="a1" dataRefStart="a1-start" '
            'dataRefEnd="a1-end">Home</pc></source><target><mrk id="m1" type="comment" value="ok"><pc id="a1" '
            'dataRefStart="a1-start" dataRefEnd="a1-end">首页</pc></mrk></target></segment><ignorable><source> and '
            '</source></ignorable><segment state="final"><source><sc id="a2" dataRef="a2-start"/>News<ec startRef="a2" '
            'dataRef="a2-end"/></source><target><sm id="m2"/><sc id="a2" dataRef="a2-start"/>新闻<em startRef="m2"/>'
            '<ec startRef="a2" dataRef="a2-end"/><cp hex="FF01"/></target></segment></unit>'
        )
    )
    tree.write(str(exported), xml_declaration=True, encoding="UTF-8")
    result = l10n("import", "--json", str(exported), code=1)
    summary = json.loads(result.stdout)
    assert (summary["changed"], summary["written"]) == (1, [f"locales/zh/LC_MESSAGES/{DOMAIN}.po"])
    after = entries(seeded)
    assert after[CRUMBS].msgstr == "<a1>首页</a1> and <a2>新闻</a2>！" and after[CRUMBS].reviewed
    # A control character from a <cp/> is refused, unit by unit: the catalog keeps what it had.
    assert after["Home"].msgstr == "首页\x07"
    assert summary["refused"] == 1 and summary["problems"][0].endswith(
        "refused: <cp hex='0007'> is a control character (U+0007)"
    )
    msgfmt_check(catalog_path(seeded))


# -- TMX -----------------------------------------------------------------------------------------


def test_tmx_export_holds_the_reviewed_translations_with_paired_codes(seeded: Path):
    assert l10n("-v", "export", "zh", "--format", "tmx", "--out", "tm").stdout == "wrote tm/zh.tmx\n"
    path = seeded / "tm" / "zh.tmx"
    root = xml(path)
    header = root.find("header")
    assert (root.get("version"), header.get("srclang"), header.get("segtype"), header.get("creationtool")) == (
        "1.4",
        "en",
        "sentence",
        "l10n",
    )
    po = entries(seeded)
    reviewed = [e for e in po.values() if e.reviewed]
    assert len(root.findall("body/tu")) == len(reviewed)  # fuzzy and empty ones left out
    tu = root.find(f"body/tu[@tuid='{unit_id(po[CRUMBS])}']")
    english, chinese = tu.findall("tuv")
    assert (
        english.get("{http://www.w3.org/XML/1998/namespace}lang"),
        chinese.get("{http://www.w3.org/XML/1998/namespace}lang"),
    ) == ("en", "zh-Hans")
    assert [(c.tag, c.get("i"), c.get("x"), c.text) for c in english.find("seg")] == [
        ("bpt", "1", "1", '<a href="/">'),
        ("ept", "1", None, "</a>"),
        ("bpt", "2", "2", '<a href="/news">'),
        ("ept", "2", None, "</a>"),
    ]
    store = translate_toolkit("tmx", path)
    assert store["languages"][0] == "en"
    by_id = {unit["id"]: unit for unit in store["units"]}
    assert len(store["units"]) == len(by_id) == len(reviewed) and set(by_id) == {unit_id(e) for e in reviewed}
    for entry in reviewed:  # Translate Toolkit puts each code's markup back in place
        assert by_id[unit_id(entry)]["source"] == with_markup(entry.msgid, entry)
        assert by_id[unit_id(entry)]["target"] == with_markup(entry.msgstr, entry)
    assert by_id[unit_id(po[CRUMBS])]["target"] == '<a href="/">首页</a> › <a href="/news">新闻</a>'


def with_markup(text: str, entry: pofile.Entry) -> str:
    """A msgid or msgstr with the page's markup for its placeholders."""
    found = codes(entry)
    return "".join(
        piece if isinstance(piece, str) else found[piece.name].end if piece.kind == CLOSE else found[piece.name].start
        for piece in pieces(text, tokens(entry.msgid))
    )


def test_tmx_files_are_memory_for_translate_and_say_where_a_suggestion_came_from(seeded: Path):
    l10n("export", "zh", "--format", "tmx", "--out", "tm")
    (seeded / "tm/zh.tmx").rename(seeded / "agency.tmx")
    (seeded / "pyproject.toml").write_text(
        '[tool.l10n]\nlanguages = ["zh"]\nsite_text = "article"\n\n'
        '[tool.l10n.translate.memory]\ntmx = ["agency.tmx"]\n',
        encoding="utf-8",
    )
    (seeded / "source" / "b.html").write_text(
        "<p>Councillor Rushton and Sir John Peace, Chair of the <a href='/me'>Midlands Engine</a>, hosted the "
        "visitors, led by Vice Governor Zhu Hexin of the Sichuan Government.</p>"
        "<p><a href='/'>Home</a> and <a href='/news'>News</a></p>",
        encoding="utf-8",
    )
    l10n("update")
    result = l10n("translate", "zh", "source/b.html")
    assert result.stdout == "zh: 2 filled (2 from memory), 0 failed, 0 rejected, 0 skipped\n"
    b = entries_of(seeded, "b")
    today = origin(b[CRUMBS]).day.isoformat()
    assert b[CRUMBS].msgstr == "<a1>首页</a1> › <a2>新闻</a2>"  # from the catalog and the TMX alike: the catalog wins
    assert b[CRUMBS].tcomment == f"suggestion: memory, {today}, 100% match"
    fuzzy = next(e for e in b.values() if e.msgid.startswith("Councillor"))
    assert fuzzy.msgstr.startswith("尼克·拉什顿议员与<a1>英格兰中部引擎</a1>")
    assert re.fullmatch(rf"suggestion: memory, {today}, 9\d% match", fuzzy.tcomment)

    (seeded / "locales" / "zh" / "LC_MESSAGES" / f"{DOMAIN}.po").unlink()  # the TMX is now the only memory
    (seeded / "locales" / "zh" / "LC_MESSAGES" / "b.po").unlink()
    l10n("init", "zh")
    l10n("translate", "zh", "source/b.html")
    b = entries_of(seeded, "b")
    assert b[CRUMBS].tcomment == f"suggestion: memory, {today}, 100% match, agency.tmx"
    assert origin(b[CRUMBS]) == Origin("memory", origin(b[CRUMBS]).day, 100, "agency.tmx")
    msgfmt_check(seeded / "locales" / "zh" / "LC_MESSAGES" / "b.po")


def test_a_tmx_from_elsewhere_matches_by_language_and_its_codes(project: Path):
    (project / "agency.tmx").write_text(
        '<?xml version="1.0"?><!DOCTYPE tmx SYSTEM "tmx14.dtd"><tmx version="1.4"><header srclang="en-GB"/><body>'
        '<tu><tuv xml:lang="en-GB"><seg>Read <bpt i="7">&lt;A HREF="x"&gt;</bpt>the plan<ept i="7">&lt;/A&gt;'
        '</ept><ph>&lt;img src="m.png"&gt;</ph> now.</seg></tuv><tuv xml:lang="zh-TW"><seg>請閱讀計劃</seg></tuv>'
        '<tuv xml:lang="zh-CN"><seg><ph>&lt;img src="m.png"&gt;</ph>现在阅读<bpt i="7">&lt;a&gt;</bpt>计划<ept i="7">&lt;/a&gt;'
        "</ept>。</seg></tuv></tu></body></tmx>",
        encoding="utf-8",
    )
    (project / "pyproject.toml").write_text('[tool.l10n]\n[tool.l10n.translate.memory]\ntmx = ["agency.tmx"]\n')
    (project / "source" / "a.html").write_text(
        "<p>Read <a href='/p'>the plan</a><img src='m.png'> now.</p>", encoding="utf-8"
    )
    l10n("init", "zh")
    l10n("translate", "zh")
    assert entries_of(project, "a")["Read <a1>the plan</a1><img2/> now."].msgstr == "<img2/>现在阅读<a1>计划</a1>。"


@pytest.mark.parametrize(
    "setting, message",
    [
        ('tmx = "agency.tmx"', "pyproject.toml: setting translate.memory.tmx has the wrong type"),
        ("tmx = [1]", "pyproject.toml: setting translate.memory.tmx must be a list of file paths"),
        ('tmx = ["missing.tmx"]', "missing.tmx: cannot read: No such file or directory"),
        ('tmx = ["pyproject.toml"]', "pyproject.toml:1: not well-formed XML"),
    ],
)
def test_tmx_setting_mistakes_are_one_line(project: Path, setting: str, message: str):
    (project / "pyproject.toml").write_text(f"[tool.l10n]\n[tool.l10n.translate.memory]\n{setting}\n")
    (project / "source" / "a.html").write_text("<p>Hello.</p>", encoding="utf-8")
    l10n("init", "zh")
    result = l10n("translate", "zh", code=2)
    assert result.stderr.startswith(f"l10n: error: {message}"), result.stderr


# -- pieces ---------------------------------------------------------------------------------------


def test_pieces_and_msgstr_are_inverse_and_check_codes():
    msgid = "Use &lt;h1> and &amp;lt;p1> in <a1>the <em2>guide</em2></a1><br3/>."
    expected = tokens(msgid)
    found = pieces(msgid, expected)
    assert found[:2] == ["Use <h1> and &lt;p1> in ", Token("a1", OPEN)]
    assert catalog_text(found, expected) == msgid
    assert catalog_text(["读", "<h", "1>"], {}) == "读&lt;h1>"  # text the tool split is joined before escaping
    with pytest.raises(PlaceholderError, match="unknown inline code id 'x9'"):
        catalog_text(["读", Token("x9", EMPTY)], {})
    with pytest.raises(PlaceholderError, match="missing placeholder <br3>"):
        catalog_text(found[:-2] + ["."], expected)


@pytest.mark.parametrize(
    "tag, code, same",
    [
        ("zh-Hans", "zh", True),
        ("zh-CN", "zh", True),
        ("zh", "zh", True),
        ("ZH-cn", "zh", True),
        ("zh-TW", "zh", False),
        ("zh-TW", "zh_Hant", True),
        ("zh-Hant-HK", "zh_Hant", True),
        ("en", "zh", False),
        ("not a tag", "zh", False),
    ],
)
def test_tmx_languages_match_by_language_and_script(tag: str, code: str, same: bool):
    assert same_language(tag, parse_locale(code)) is same


def test_origin_lines_old_and_new_read_back():
    old = pofile.Entry("x", "y", flags=["fuzzy"], tcomment="suggestion: memory, 2026-11-28, 92% match")
    assert origin(old) == Origin("memory", origin(old).day, 92)
    new = Origin("memory", origin(old).day, 92, "tm/agency, 2026.tmx")
    assert new.comment() == "suggestion: memory, 2026-11-28, 92% match, tm/agency, 2026.tmx"
    assert origin(pofile.Entry("x", "y", tcomment=new.comment())) == new
