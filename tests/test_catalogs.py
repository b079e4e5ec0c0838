"""`l10n extract / init / update / compile`: gettext catalogs that keep translators' work."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import polib
from conftest import ROOT, SEED, SEED_PROJECT, catalog, l10n, msgfmt_check, translate_all

from l10n.segment.placeholders import TOKEN

ARTICLE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Roadworks on the A6</title></head>
<body>
<h1>Roadworks on the A6</h1>
<p>Work starts on Monday. It will last two weeks.</p>
<p>Diversions will be signed. Buses will run as normal.</p>
<p>For details call 0116 232 3232.</p>
</body></html>
"""


def write(project: Path, name: str, html: str) -> Path:
    path = project / "source" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return path


def entries(po: polib.POFile) -> dict[str, polib.POEntry]:
    return {e.msgid: e for e in po}


def test_extract_writes_a_template_per_article_with_references_and_comments(project: Path):
    shutil.copy(SEED, project / "source")
    write(project, "news/2025/roadworks.html", ARTICLE)
    l10n("extract")
    pot_path = project / "locales" / "templates" / "news" / "2025" / "roadworks.pot"
    msgfmt_check(pot_path)
    pot = polib.pofile(str(pot_path))
    assert [e.msgid for e in pot][:3] == ["Roadworks on the A6", "Work starts on Monday.", "It will last two weeks."]
    title = pot[0]
    assert title.occurrences == [("source/news/2025/roadworks.html", "2"), ("source/news/2025/roadworks.html", "4")]
    assert title.comment == "title\nh1" and title.msgctxt is None
    seed = polib.pofile(str(project / "locales" / "templates" / "china-visit-boosts-business-links.pot"))
    link = next(e for e in seed if "<a1>Midlands Engine</a1>" in e.msgid)
    assert link.comment == 'p\n<a1> is <a href="https://www.midlandsengine.org">'
    assert pot.metadata["Content-Type"] == "text/plain; charset=UTF-8"


def test_extract_is_quiet_and_does_not_rewrite_unchanged_templates(project: Path):
    write(project, "a.html", ARTICLE)
    assert l10n("extract").output == ""
    pot = project / "locales" / "templates" / "a.pot"
    before = pot.read_bytes()
    pot_mtime = pot.stat().st_mtime_ns
    l10n("extract")
    assert pot.read_bytes() == before and pot.stat().st_mtime_ns == pot_mtime
    assert "wrote" not in l10n("-v", "extract").output


def test_init_makes_catalogs_with_babel_headers(project: Path):
    write(project, "a.html", ARTICLE)
    l10n("init", "zh")
    po = catalog(project, "a")
    assert po.metadata["Language"] == "zh_Hans"
    assert po.metadata["Plural-Forms"] == "nplurals=1; plural=0;"
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert all(e.msgstr == "" for e in po)
    msgfmt_check(project / "locales" / "zh" / "LC_MESSAGES" / "a.po")
    l10n("init", "zh_Hant")
    assert catalog(project, "a", "zh_Hant").metadata["Language"] == "zh_Hant"
    result = l10n("init", "zh", code=2)
    assert "already has catalogs" in result.output


def test_update_keeps_marks_fuzzy_obsoletes_and_restores(project: Path):
    page = write(project, "a.html", ARTICLE)
    l10n("init", "zh")
    po_path = project / "locales" / "zh" / "LC_MESSAGES" / "a.po"
    chinese = {
        "Roadworks on the A6": "A6公路道路施工",
        "Work starts on Monday.": "工程将于周一开工。",
        "It will last two weeks.": "工期为两周。",
        "Diversions will be signed.": "绕行路线将设有指示标志。",
        "Buses will run as normal.": "公交车照常运行。",
        "For details call 0116 232 3232.": "详情请致电0116 232 3232。",
    }
    translate_all(po_path, chinese.__getitem__)

    # Edit one sentence, delete another.
    page.write_text(
        ARTICLE.replace("It will last two weeks.", "It will last three weeks.").replace(
            " Buses will run as normal.", ""
        )
    )
    l10n("update")
    msgfmt_check(po_path)
    found = entries(catalog(project, "a"))
    assert found["Work starts on Monday."].msgstr == "工程将于周一开工。" and not found["Work starts on Monday."].fuzzy
    edited = found["It will last three weeks."]
    assert edited.fuzzy and edited.msgstr == "工期为两周。" and edited.previous_msgid == "It will last two weeks."
    assert (
        found["Buses will run as normal."].obsolete and found["Buses will run as normal."].msgstr == "公交车照常运行。"
    )
    assert '#~ msgid "Buses will run as normal."' in po_path.read_text()
    assert '#| msgid "It will last two weeks."' in po_path.read_text()

    # The deleted sentence comes back: its translation comes back, reviewed.
    page.write_text(ARTICLE.replace("It will last two weeks.", "It will last three weeks."))
    l10n("update")
    msgfmt_check(po_path)
    found = entries(catalog(project, "a"))
    assert not found["Buses will run as normal."].obsolete and not found["Buses will run as normal."].fuzzy
    assert found["Buses will run as normal."].msgstr == "公交车照常运行。"
    # Editing one paragraph does not disturb the identity of the others.
    assert all(e.msgctxt is None for e in catalog(project, "a"))


def test_update_creates_catalogs_for_new_articles_and_keeps_orphans(project: Path):
    write(project, "a.html", ARTICLE)
    l10n("init", "zh")
    write(project, "b/c.html", ARTICLE.replace("A6", "A47"))
    l10n("update", "zh")
    assert "Roadworks on the A47" in entries(catalog(project, "b/c"))
    (project / "source" / "a.html").unlink()
    result = l10n("update")
    assert "a.po: its article is gone" in result.output
    assert (project / "locales" / "zh" / "LC_MESSAGES" / "a.po").exists()
    assert not (project / "locales" / "templates" / "a.pot").exists()


def test_update_leaves_unchanged_catalogs_untouched(project: Path):
    write(project, "a.html", ARTICLE)
    l10n("init", "zh")
    po = project / "locales" / "zh" / "LC_MESSAGES" / "a.po"
    before, mtime = po.read_bytes(), po.stat().st_mtime_ns
    l10n("update")
    assert po.read_bytes() == before and po.stat().st_mtime_ns == mtime


def test_compile_writes_mo_files_gettext_reads(project: Path):
    write(project, "a.html", ARTICLE)
    l10n("init", "zh")
    po_path = project / "locales" / "zh" / "LC_MESSAGES" / "a.po"
    translate_all(po_path, lambda m: "译" + m)
    po = polib.pofile(str(po_path))
    po[1].flags.append("fuzzy")
    po.save()
    l10n("compile", "zh")
    mo = project / "locales" / "zh" / "LC_MESSAGES" / "a.mo"
    text = subprocess.run(["msgunfmt", str(mo)], capture_output=True, text=True, check=True).stdout
    assert "译Roadworks on the A6" in text and "译Work starts on Monday." not in text  # fuzzy left out


def msgcat(path: Path) -> bytes:
    """What GNU msgcat makes of a catalog (in the C locale, as CI runs it)."""
    return subprocess.run(["msgcat", str(path)], capture_output=True, check=True, env={"PATH": "/usr/bin:/bin"}).stdout


def poedit_paths(path: Path) -> tuple[str, str]:
    po = polib.pofile(str(path))
    return po.metadata["X-Poedit-Basepath"], po.metadata["X-Poedit-SearchPath-0"]


def test_poedit_finds_the_source_of_every_reference_from_the_catalogs_folder(project: Path):
    shutil.copy(SEED, project / "source")
    write(project, "news/2025/roadworks.html", ARTICLE)
    (project / "pyproject.toml").write_text('[tool.l10n]\nsource = "articles"\nlocales = "translations/l10n"\n')
    (project / "source").rename(project / "articles")
    l10n("init", "zh")
    folder = project / "translations" / "l10n" / "zh" / "LC_MESSAGES"
    catalogs = {path.relative_to(folder).as_posix(): path for path in folder.rglob("*.po")}
    assert {name: poedit_paths(path) for name, path in catalogs.items()} == {
        "_site.po": ("../../../..", "articles"),
        "china-visit-boosts-business-links.po": ("../../../..", "articles"),
        "news/2025/roadworks.po": ("../../../../../..", "articles"),
    }
    for path in catalogs.values():
        basepath, search = poedit_paths(path)
        root = (path.parent / basepath).resolve()
        assert root == project.resolve() and (root / search).is_dir()
        for entry in polib.pofile(str(path)):  # as Poedit opens a reference: from the base path
            assert all((root / file).is_file() for file, _ in entry.occurrences)
        assert msgcat(path) == path.read_bytes()
    assert "X-Poedit" not in (
        project / "translations" / "l10n" / "templates" / "news" / "2025" / "roadworks.pot"
    ).read_text(encoding="utf-8")


def test_poedit_headers_come_to_older_catalogs_on_update_after_their_own_fields(project: Path):
    write(project, "roadworks.html", ARTICLE)
    l10n("init", "zh")
    path = project / "locales" / "zh" / "LC_MESSAGES" / "roadworks.po"
    po = polib.pofile(str(path))
    for name in ("X-Poedit-Basepath", "X-Poedit-SearchPath-0"):
        del po.metadata[name]
    po.metadata["X-Generator"] = "Poedit 3.4"
    po.save()
    l10n("update")
    fields = list(polib.pofile(str(path)).metadata)
    assert fields[-3:] == ["X-Generator", "X-Poedit-Basepath", "X-Poedit-SearchPath-0"]
    assert poedit_paths(path) == ("../../..", "source")
    assert msgcat(path) == path.read_bytes()
    before = path.read_bytes()
    l10n("update")
    assert path.read_bytes() == before


def test_the_weblate_placeholder_flag_in_the_readme_finds_exactly_the_placeholders():
    flag = re.search(r'`placeholders:r"([^"`]+)"`', (ROOT / "README.md").read_text(encoding="utf-8"))
    assert flag, "README gives Weblate's placeholders flag"
    weblate = re.compile(flag.group(1))
    seed = polib.pofile(str(SEED_PROJECT / "locales" / "zh" / "LC_MESSAGES" / f"{SEED.stem}.po"))
    texts = [e.msgid for e in seed] + ["See <a1>this</a1>,<br2/> <em-x3>x</em-x3> and &lt;h1> or <h1> or <a>."]
    for text in texts:
        assert weblate.findall(text) == [m.group(0) for m in TOKEN.finditer(text)]
    assert any(TOKEN.search(text) for text in texts[:-1])


def test_an_update_that_meets_a_bad_page_half_way_leaves_its_catalogs_and_does_the_rest(project: Path):
    """One page never stops an update (issue 29): it is named, its catalogs stay as they were, the
    other articles are updated, nothing staged is left, and the exit status is 1."""
    for n in range(12):
        write(project, f"a{n:02}.html", ARTICLE.replace("Buses", f"Buses {n}"))
    l10n("init", "zh")
    for n in range(12):  # every article changes; the workers stage their new catalogs
        write(project, f"a{n:02}.html", ARTICLE.replace("Buses", f"Coaches {n}"))
    catalog = project / "locales" / "zh" / "LC_MESSAGES" / "a07.po"
    before = catalog.read_bytes()
    (project / "source" / "a07.html").write_bytes(b'<meta charset="utf-7"><p>+ADw-b+AD4-</p>')
    result = l10n("update", "--jobs", "2", code=1)
    assert result.output.startswith("l10n: error: source/a07.html: charset 'utf-7'")
    assert catalog.read_bytes() == before
    assert "Coaches 3 will" in (project / "locales" / "zh" / "LC_MESSAGES" / "a03.po").read_text(encoding="utf-8")
    assert not list((project / "locales").rglob("*.tmp"))
    (project / "source" / "a07.html").write_text(ARTICLE.replace("Buses", "Coaches 7"), encoding="utf-8")
    l10n("update", "--jobs", "2")
    assert "Coaches 7 will" in catalog.read_text(encoding="utf-8")
    assert not list((project / "locales").rglob("*.tmp"))


def test_a_removed_entry_stays_obsolete_though_another_shares_its_translation():
    """Only an entry whose translation lives on in a fuzzy entry (its edited English) is dropped;
    "Correct" → 是 stays obsolete although "Yes" → 是 is still in use."""
    from l10n.catalogs import merge as merging
    from l10n.formats.pofile import parse
    from l10n.locales import parse_locale

    header = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
    po = parse(
        header + '\n#: a.html:3\nmsgid "Yes"\nmsgstr "是"\n\n#: a.html:4\nmsgid "Correct"\nmsgstr "是"\n\n'
        '#: a.html:5\nmsgid "The road opens on Monday."\nmsgstr "道路周一开放。"\n'
    )
    pot = parse(
        header + '\n#: a.html:3\nmsgid "Yes"\nmsgstr ""\n\n#: a.html:5\nmsgid "The road opens on Tuesday."\nmsgstr ""\n'
    )
    merged = merging.merge(po, pot, parse_locale("zh"))
    assert [(e.msgid, e.msgstr) for e in merged.entries if e.obsolete] == [("Correct", "是")]
    [edited] = [e for e in merged.entries if e.msgid == "The road opens on Tuesday."]
    assert edited.fuzzy and edited.msgstr == "道路周一开放。" and edited.previous_msgid == "The road opens on Monday."
