"""Fast paths give what the simple ones give: same catalogs, same pages."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import DATA, SEED, SEED_PROJECT, l10n, snapshot, translate_all


def test_parallel_build_equals_serial_build(tmp_path: Path, monkeypatch):
    """Pages made in workers are those made in one process; what a worker sends back crosses
    between processes whatever the page holds (a video the locale's media make a player)."""
    projects = []
    for jobs in ("1", "2"):
        project = tmp_path / f"j{jobs}"
        (project / "source" / "more").mkdir(parents=True)
        (project / "pyproject.toml").write_text("[tool.l10n]\n")
        shutil.copytree(SEED_PROJECT / "locales", project / "locales")
        (project / "locales/zh/media.toml").write_text(
            '"/assets/china-visit.mp4" = "https://player.bilibili.com/player.html?bvid=BV1Gx4y1L7sN"\n'
        )
        shutil.copy(SEED, project / "source")
        for page in sorted((DATA / "pages").glob("*.html")):
            shutil.copy(page, project / "source" / "more" / page.name)
            shutil.copy(page, project / "source" / page.name)
        monkeypatch.chdir(project)
        l10n("build", "zh", "--jobs", jobs, "--min-complete", "0")
        projects.append(project)
    serial, parallel = (snapshot(p / "dist") for p in projects)
    assert serial == parallel and len(serial) > 20
    assert b'src="https://player.bilibili.com/' in parallel[f"zh/{SEED.name}"]  # the video, a player

    def catalogs(project: Path) -> dict[str, list[bytes]]:  # without the creation and revision dates
        return {
            name: [line for line in data.split(b"\n") if not line.startswith((b'"POT-Creation', b'"PO-Revision'))]
            for name, data in snapshot(project / "locales").items()
        }

    assert catalogs(projects[0]) == catalogs(projects[1])


def _paragraphs() -> list[str]:
    text = (DATA / "sentences.txt").read_text(encoding="utf-8")
    lines = [line for line in text.split("\n") if not line.startswith("#")]
    return [" ".join(p.split("\n")) for p in "\n".join(lines).split("\n\n") if p.strip()]


@pytest.mark.parametrize("mode", ["sentence", "paragraph"])
def test_plain_text_runs_are_cut_as_the_general_path_cuts_them(mode: str):
    from l10n.segment.document import _pieces, _text_pieces

    texts = _paragraphs() + [
        "",
        " ",
        "\n\t",
        "One.",
        "  One. Two.  ",
        "\nLead and trail \n",
        "One.\n\nTwo!  Three?\u00a0",
        "\ufffc",
        " \ufffc. Next one. ",
        "A. \ufffc. B.",
        "Tabs\tinside.\tAnd\fform feeds.\r\n",
        "\u00a0No-break start. End\u00a0",
        "Ends with objects \ufffc\ufffc",
    ]
    assert len(texts) > 100
    for text in texts:
        assert _text_pieces(text, mode) == _pieces([text], [text], frozenset(), mode), repr(text)


def test_build_from_cached_skeletons_equals_a_fresh_one(project: Path):
    shutil.copy(SEED, project / "source")
    for page in sorted((DATA / "pages").glob("*.html")):
        shutil.copy(page, project / "source" / page.name)
    l10n("init", "zh")
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
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    page.write_text("<html><head><title>New title</title></head><body><p>New text. And more.</p></body></html>")
    l10n("build", "zh", "--min-complete", "0")
    built = (project / "dist" / "zh" / "a.html").read_text()
    assert "New text." in built and "And more." in built and "Old" not in built


def test_state_reads_a_file_again_only_when_its_stamp_changes(tmp_path: Path):
    import os
    import time

    from l10n.fingerprints import State

    state = State(tmp_path / "state.sqlite3")
    old = time.time_ns() - 10**10
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
    assert State(tmp_path / "state.sqlite3").file_digest(po) == state.file_digest(po)
    # Stamped in the same moment it was written, a file is read every time until it is older.
    racy = tmp_path / "b.po"
    racy.write_text("one")
    seen = state.file_digest(racy)
    info = racy.stat()
    racy.write_text("two")
    os.utime(racy, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert state.file_digest(racy) != seen
    assert state.file_digest(tmp_path / "missing.po") is None


def test_a_record_is_a_transaction_kept_only_when_saved(tmp_path: Path):
    """Issue 30: records in SQLite, a row per record: a command that fails leaves no new file and
    no change; a damaged file is started afresh."""
    from l10n.fingerprints import State

    path = tmp_path / "build.sqlite3"
    with State(path) as state:
        state.entries("pages").update({f"en/{n}.html": {"n": n} for n in range(100)})
    assert not path.exists() and list(tmp_path.iterdir()) == []  # never saved: nothing left
    with State(path) as state:
        state.entries("pages").update({f"en/{n}.html": {"n": n} for n in range(100)})
        state.save()
    before = path.read_bytes()
    with State(path) as state:
        pages = state.entries("pages")
        assert pages["en/7.html"] == {"n": 7} and len(pages) == 100 and "en/100.html" not in pages
        pages["en/7.html"] = {"n": 7}  # the same record: nothing written
        state.save()
        assert path.read_bytes() == before
        del pages["en/8.html"]
        pages.pop("en/9.html")
    with State(path) as state:  # not saved: rolled back
        assert len(state.entries("pages")) == 100
    assert sorted(p.name for p in tmp_path.iterdir()) == ["build.sqlite3"]
    path.write_bytes(b"not a database" * 100)
    with State(path) as state:
        assert len(state.entries("pages")) == 0
        state.entries("pages")["a"] = 1
        state.save()
    with State(path) as state:
        assert dict(state.entries("pages")) == {"a": 1}


def test_large_items_are_handed_out_first_and_results_come_back_in_order():
    from l10n.parallel import Results, _large_first

    sizes = [5, 100, 5, 5, 60, 5, 5, 5, 5, 5]  # mean 20: 100 and 60 are over twice the mean
    assert _large_first(sizes) == [1, 4, 0, 2, 3, 5, 6, 7, 8, 9]
    items = list(range(len(sizes)))
    assert list(Results(str, items, jobs=2, sizes=sizes)) == [str(i) for i in items]
    assert list(Results(str, items, jobs=2)) == list(Results(str, items, jobs=1)) == [str(i) for i in items]


def test_work_done_by_other_code_is_redone(tmp_path: Path, monkeypatch):
    from l10n import fingerprints as state_module
    from l10n.fingerprints import State

    out = tmp_path / "a.pot"
    out.write_text("template")
    state = State(tmp_path / "state.sqlite3")
    state.record("articles", "a", "fingerprint", [out])
    state.save()
    assert State(tmp_path / "state.sqlite3").is_current("articles", "a", "fingerprint", [out])
    monkeypatch.setattr(state_module, "CODE", "another l10n")  # an upgrade, even at the same version
    assert not State(tmp_path / "state.sqlite3").is_current("articles", "a", "fingerprint", [out])


def test_one_segmentation_makes_every_language_as_segmenting_each_does(tmp_path: Path, monkeypatch):
    """Issue 30: the English copy and each language's page come from one reading and one
    segmentation of the source (copies of its tree and units), and are the pages that reading
    and segmenting the source for each language makes."""
    from l10n.segment import document as segmenting
    from l10n.segment.htmlio import read_html
    from l10n.site import build

    segmented = []
    original = segmenting.Document.from_page.__func__

    def counted(cls, *args, **kwargs):
        segmented.append(args[0])
        return original(cls, *args, **kwargs)

    def segmented_again(document):  # what each language did before: read and segment the source
        again = original(segmenting.Document, document.path, read_html(document.path))
        return again.page, again

    monkeypatch.setattr(segmenting.Document, "from_page", classmethod(counted))
    built = []
    for again in (False, True):
        project = tmp_path / f"again-{again}"
        (project / "source").mkdir(parents=True)
        (project / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["zh", "zh_Hant", "fr"]\n')
        shutil.copy(SEED, project / "source")
        for page in sorted((DATA / "pages").glob("*.html"))[:6]:
            shutil.copy(page, project / "source" / page.name)
        monkeypatch.chdir(project)
        for locale in ("zh", "zh_Hant", "fr"):
            l10n("init", locale)
            for po in (project / "locales" / locale / "LC_MESSAGES").glob("*.po"):
                translate_all(po, lambda msgid, locale=locale: f"{locale}:{msgid}")
        if again:
            monkeypatch.setattr(build, "_copied", segmented_again)
        segmented.clear()
        l10n("build", "--jobs", "1", "--min-complete", "0")
        assert len(segmented) == len(set(segmented)) == 7  # once a page, whatever the number of languages
        built.append(snapshot(project / "dist"))
    assert built[0] == built[1] and len(built[0]) > 28


def test_a_copied_page_is_written_as_the_page_is():
    """The English copy is made from a copy of the source's tree: lxml copies the comments after
    the root element in reverse order, which the copy puts back (as WordPress caches write them)."""
    from l10n.segment.htmlio import parse_html, serialize_text

    page = parse_html(
        "<!DOCTYPE html><!-- a --><html><body><p>x</p></body></html><!-- made in 0.6 s --><!-- by --><!-- cached -->",
        "x",
    )
    assert serialize_text(page.copy()) == serialize_text(page)
    assert serialize_text(page).endswith("<!-- made in 0.6 s --><!-- by --><!-- cached -->\n")
