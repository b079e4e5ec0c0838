"""Fast paths give what the simple ones give: same catalogs, same pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import polib
import pytest

from conftest import DATA, ROOT, SEED, l10n, snapshot, translate_all
from l10n.catalogs import pofile

CATALOG = ROOT / "locales" / "zh" / "LC_MESSAGES" / "china-visit-boosts-business-links.po"


def polib_entries(path: Path) -> list[pofile.Entry]:
    return [pofile.Entry(e.msgctxt, e.msgid, e.msgstr, e.fuzzy, e.linenum) for e in polib.pofile(str(path)) if not e.obsolete]


def test_fast_catalog_reader_matches_polib(tmp_path: Path):
    po = polib.pofile(str(CATALOG))
    po.append(polib.POEntry(msgctxt="verb", msgid='Say "hi"\tnow\\', msgstr="说“嗨”\n现在", flags=["fuzzy"],
                            previous_msgid="Old", occurrences=[("a.html", "1")]))
    po.append(polib.POEntry(msgid="Gone", msgstr="走了", obsolete=True, flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="A long sentence " * 12, msgstr="很长的句子" * 30))
    po.append(polib.POEntry(msgid="Empty", msgstr=""))
    path = tmp_path / "x.po"
    po.save(str(path))
    assert pofile.read_entries(path) == polib_entries(path)
    assert pofile.read_entries(CATALOG) == polib_entries(CATALOG)
    # Blocks in the usual shape take a regex; every block reads the same through the line-by-line way.
    blocks = path.read_text().split("\n\n")
    regular = [pofile._REGULAR.fullmatch(b) for b in blocks]
    assert sum(m is not None for m in regular) == len(blocks) - 1  # all but the obsolete entry
    assert [pofile._regular_entry(m, 1) for m in regular if m] == [pofile._block_entry(m.group(0), 1) for m in regular if m]


def test_fast_catalog_reader_falls_back_on_irregular_files(tmp_path: Path):
    path = tmp_path / "x.po"
    path.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                    'msgid "One"\nmsgstr "一"\nmsgid "Two"\nmsgstr "二"\n')
    assert [(e.msgid, e.msgstr) for e in pofile.read_entries(path)] == [("One", "一"), ("Two", "二")]


def test_parallel_build_equals_serial_build(tmp_path: Path, monkeypatch):
    projects = []
    for jobs in ("1", "2"):
        project = tmp_path / f"j{jobs}"
        (project / "source" / "more").mkdir(parents=True)
        (project / "pyproject.toml").write_text("[tool.l10n]\n")
        shutil.copytree(ROOT / "locales", project / "locales")
        shutil.copy(SEED, project / "source")
        for page in sorted((DATA / "pages").glob("*.html")):
            shutil.copy(page, project / "source" / "more" / page.name)
            shutil.copy(page, project / "source" / page.name)
        monkeypatch.chdir(project)
        l10n("build", "zh", "--jobs", jobs)
        projects.append(project)
    serial, parallel = (snapshot(p / "dist") for p in projects)
    assert serial == parallel and len(serial) > 20

    def catalogs(project: Path) -> dict[str, list[bytes]]:  # without the creation and revision dates
        return {name: [line for line in data.split(b"\n") if not line.startswith((b'"POT-Creation', b'"PO-Revision'))]
                for name, data in snapshot(project / "locales").items()}

    assert catalogs(projects[0]) == catalogs(projects[1])


def test_catalog_writer_round_trips_through_polib_and_msgfmt(tmp_path: Path):
    from conftest import msgfmt_check

    po = polib.pofile(str(CATALOG))
    po.append(polib.POEntry(msgctxt="verb", msgid='Say "hi"\tnow\\ ' + "and then some more words " * 6,
                            msgstr="说“嗨”\n现在" + "很长的中文句子，" * 20, flags=["fuzzy"], tcomment="checked\nby Li",
                            previous_msgid="Old " * 30, occurrences=[("a.html", "1")] * 5, comment="p\n<a1> is x"))
    po.append(polib.POEntry(msgid="Gone", msgstr="走了", obsolete=True, flags=["fuzzy"]))
    po.append(polib.POEntry(msgid="Plural", msgid_plural="Plurals", msgstr_plural={0: "复数"}))
    data = pofile.dump(po)
    path = tmp_path / "x.po"
    path.write_bytes(data)
    msgfmt_check(path)
    back = polib.pofile(str(path))

    def fields(catalog: polib.POFile) -> list[tuple]:  # obsolete entries are written last
        return [(e.msgctxt, e.msgid, e.msgstr, e.msgid_plural, e.msgstr_plural, e.flags, e.comment, e.tcomment,
                 e.occurrences, e.previous_msgid, bool(e.obsolete)) for e in sorted(catalog, key=lambda e: e.obsolete)]

    assert fields(back) == fields(po) and back.metadata == po.metadata
    assert pofile.dump(back) == data  # stable
    lines = data.decode().split("\n")
    assert all(len(line) <= 79 for line in lines if line.startswith(('"', "msg", "#|", "#:")) and " " in line)
    assert '"很长的中文句子，' in data.decode()  # Chinese wraps between characters


def _paragraphs() -> list[str]:
    text = (DATA / "sentences.txt").read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.startswith("#")]
    return [" ".join(p.split("\n")) for p in "\n".join(lines).split("\n\n") if p.strip()]


@pytest.mark.parametrize("mode", ["sentence", "paragraph"])
def test_plain_text_runs_are_cut_as_the_general_path_cuts_them(mode: str):
    from l10n.segment.document import _pieces, _text_pieces

    texts = _paragraphs() + [
        "", " ", "\n\t", "One.", "  One. Two.  ", "\nLead and trail \n", "One.\n\nTwo!  Three?\u00a0",
        "\ufffc", " \ufffc. Next one. ", "A. \ufffc. B.", "Tabs\tinside.\tAnd\fform feeds.\r\n",
        "\u00a0No-break start. End\u00a0", "Ends with objects \ufffc\ufffc",
    ]
    assert len(texts) > 100
    for text in texts:
        assert _text_pieces(text, mode) == _pieces([text], [text], frozenset(), mode), repr(text)


def test_build_from_cached_skeletons_equals_a_fresh_one(project: Path):
    shutil.copy(SEED, project / "source")
    for page in sorted((DATA / "pages").glob("*.html")):
        shutil.copy(page, project / "source" / page.name)
    l10n("update")
    for po in (project / "locales" / "zh" / "LC_MESSAGES").glob("*.po"):
        translate_all(po, lambda msgid: "译：" + msgid)
    l10n("build", "zh")
    fresh = snapshot(project / "dist")
    cache = project / ".l10n-cache" / "skeletons"
    assert len(list(cache.rglob("*.json"))) == 14  # English and Chinese
    shutil.rmtree(project / "dist")
    l10n("build", "zh")  # every page made again, from the cache
    assert snapshot(project / "dist") == fresh
    for file in cache.rglob("*.json"):
        file.write_text(file.read_text()[:-40])  # damaged: made again
    shutil.rmtree(project / "dist")
    l10n("build", "zh")
    assert snapshot(project / "dist") == fresh


def test_cached_skeleton_is_not_used_once_the_source_changes(project: Path):
    page = project / "source" / "a.html"
    page.write_text("<html><head><title>Old title</title></head><body><p>Old text.</p></body></html>")
    l10n("update")
    l10n("build", "zh")
    page.write_text("<html><head><title>New title</title></head><body><p>New text. And more.</p></body></html>")
    l10n("build", "zh")
    built = (project / "dist" / "zh" / "a.html").read_text()
    assert "New text." in built and "And more." in built and "Old" not in built


def test_state_reads_a_file_again_only_when_its_stamp_changes(tmp_path: Path):
    import os
    import time

    from l10n.fingerprints import State

    state = State(tmp_path / "state.json")
    old = time.time_ns() - 10 ** 10
    po = tmp_path / "a.po"
    po.write_text("one")
    os.utime(po, ns=(old, old))
    first = state.file_digest(po)
    po.write_text("two")
    os.utime(po, ns=(old, old))  # same size and time: trusted, not read (as make and git do)
    assert state.file_digest(po) == first
    po.write_text("six")  # a new modification time: read again
    assert state.file_digest(po) != first
    state.save()
    assert State(tmp_path / "state.json").file_digest(po) == state.file_digest(po)
    # Stamped in the same moment it was written, a file is read every time until it is older.
    racy = tmp_path / "b.po"
    racy.write_text("one")
    seen = state.file_digest(racy)
    info = racy.stat()
    racy.write_text("two")
    os.utime(racy, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert state.file_digest(racy) != seen
    assert state.file_digest(tmp_path / "missing.po") is None


def test_large_items_are_handed_out_first_and_results_come_back_in_order():
    from l10n.parallel import Results, _large_first

    sizes = [5, 100, 5, 5, 60, 5, 5, 5, 5, 5]  # mean 20: 100 and 60 are over twice the mean
    assert _large_first(sizes) == [1, 4, 0, 2, 3, 5, 6, 7, 8, 9]
    items = list(range(len(sizes)))
    assert list(Results(str, items, jobs=2, sizes=sizes)) == [str(i) for i in items]
    assert list(Results(str, items, jobs=2)) == list(Results(str, items, jobs=1)) == [str(i) for i in items]


@pytest.mark.parametrize("block", [
    'msgid ""\n""\nmsgstr ""\n"Language: zh\\n"',  # a header whose msgid runs over two lines
    '#, fuzzy\n#| msgid "Old"\nmsgid "New"\nmsgstr "新"',
    '#,fuzzy,python-format\nmsgid "A"\nmsgstr "甲"',
    '#, python-format\nmsgid "fuzzy"\nmsgstr "模糊"',
    'msgctxt ""\nmsgid "B"\nmsgstr "乙"',
    'msgid "Say \\"hi\\"\\n"\n"and\\\\go"\nmsgstr ""\n"说\\t"',
    '#\n#. c\nmsgid "C"\nmsgstr ""',
    'msgid "E"\nmsgstr "戊"\n',
])
def test_regular_po_blocks_read_as_the_line_by_line_reader_reads_them(block: str):
    match = pofile._REGULAR.fullmatch(block)
    assert match is not None
    assert pofile._regular_entry(match, 7) == pofile._block_entry(block, 7)


def test_work_done_by_other_code_is_redone(tmp_path: Path, monkeypatch):
    from l10n import fingerprints as state_module
    from l10n.fingerprints import State

    out = tmp_path / "a.pot"
    out.write_text("template")
    state = State(tmp_path / "state.json")
    state.record("articles", "a", "fingerprint", [out])
    state.save()
    assert State(tmp_path / "state.json").is_current("articles", "a", "fingerprint", [out])
    monkeypatch.setattr(state_module, "CODE", "another l10n")  # an upgrade, even at the same version
    assert not State(tmp_path / "state.json").is_current("articles", "a", "fingerprint", [out])
