"""The benchmarks' inputs and scoring work on tiny data (nothing timed, installed or fetched)."""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

import corpus  # noqa: E402
from corpus import (
    Edits,
    Score,
    Spec,
    edit_one_word,
    fake_translation,
    generate_site,
    load_merged,  # noqa: E402
    make_catalogs,
    news_sentence,
    prepare,
    sample,
    score,
)
from run import Run, same_match, summary  # noqa: E402

from l10n.catalogs.catalog import Catalog, Entry  # noqa: E402
from l10n.catalogs.merge import merge  # noqa: E402
from l10n.formats import pofile  # noqa: E402
from l10n.locales import parse_locale  # noqa: E402
from l10n.segment.document import Document  # noqa: E402


def pool(count: int = 200) -> list[str]:
    rng = random.Random("test")
    return list(dict.fromkeys(news_sentence(rng) for _ in range(count)))


def test_generated_pages_are_seeded_and_segmentable(tmp_path: Path) -> None:
    generate_site(tmp_path / "a", 3, 4000, seed="s")
    generate_site(tmp_path / "b", 3, 4000, seed="s")
    pages = sorted((tmp_path / "a").rglob("*.html"))
    assert len(pages) == 3
    for page in pages:
        twin = tmp_path / "b" / page.relative_to(tmp_path / "a")
        assert page.read_bytes() == twin.read_bytes()
        assert 4000 <= page.stat().st_size < 6000
        assert len(Document.load(page).units) > 10


def test_a_corpus_made_to_an_older_spec_is_made_again_with_its_derived_data(tmp_path: Path, monkeypatch) -> None:
    package = tmp_path / "pkg"
    generate_site(package / "docs", 6, 2000, seed="p")
    monkeypatch.setattr(corpus, "CORPUS", tmp_path / "corpus")
    monkeypatch.setattr(corpus, "unpack", lambda name, log=print: package)
    monkeypatch.setitem(corpus.SPECS, "c", Spec("c", ((("pkg", "docs"), 2, "a"),), 2, 1))
    first = prepare("c", log=lambda _: None)
    assert first.pages == 2 and prepare("c", log=lambda _: None) == first  # cached
    derived = [tmp_path / "corpus" / "catalogs-c-10", tmp_path / "corpus" / "tm-c-10.json"]
    derived[0].mkdir()
    derived[1].write_text("{}")
    kept = tmp_path / "corpus" / "tm-cc-10.json"  # another corpus's
    kept.write_text("{}")

    monkeypatch.setitem(corpus.SPECS, "c", Spec("c", ((("pkg", "docs"), 5, "a"),), 5, 1))
    again = prepare("c", log=lambda _: None)
    assert again.pages == 5 and len(list(again.source.rglob("*.html"))) == 5
    assert not any(path.exists() for path in derived) and kept.exists()


def test_sample_spreads_evenly() -> None:
    assert sample(list(range(10)), 5) == [0, 2, 4, 6, 8]
    assert sample([1, 2], None) == [1, 2]


def test_edit_changes_one_word_never_a_placeholder() -> None:
    text = "Read <a1>the report</a1> on roads today."
    edited = edit_one_word(text, random.Random(1), ["bridges"])
    assert edited != text and "<a1>" in edited and "</a1>" in edited
    assert len(set(edited.split()) ^ set(text.split())) == 2


def catalogs() -> tuple[Catalog, Catalog, Edits]:
    """A 50-entry catalog and its new template."""
    return make_catalogs(pool(), 50, seed="t")


def test_catalog_pair_has_the_edits_it_records() -> None:
    old, pot, edits = catalogs()
    old_ids, new_ids = {e.msgid for e in old}, {e.msgid for e in pot}
    assert len(old) == 50 and all(e.msgstr == fake_translation(e.msgid) for e in old)
    assert (len(edits.edited), len(edits.new), len(edits.removed)) == (5, 2, 2)
    assert set(edits.edited) <= new_ids - old_ids and set(edits.edited.values()) <= old_ids - new_ids
    assert set(edits.new) <= new_ids - old_ids and set(edits.removed) <= old_ids - new_ids
    assert len(pot) == 50 - 2 + 2
    assert make_catalogs(pool(), 50, seed="t")[2] == edits


def merged(pot: Catalog, translate: Callable[[str], str]) -> Catalog:
    return Catalog([Entry(entry.msgid, translate(entry.msgid)) for entry in pot])


def test_score_a_perfect_and_an_imperfect_merge() -> None:
    _, pot, edits = catalogs()

    def perfect(msgid: str) -> str:
        if msgid in edits.new:
            return ""
        return fake_translation(edits.edited.get(msgid, msgid))

    result = score(merged(pot, perfect), edits)
    assert (result.edited_right, result.edited, result.false_guesses, result.new) == (5, 5, 0, 2)
    assert result.percent_right == 100

    wrong_edit, guessed = next(iter(edits.edited)), edits.new[0]

    def imperfect(msgid: str) -> str:
        if msgid == wrong_edit:
            return fake_translation(edits.removed[0])
        return fake_translation(msgid) if msgid == guessed else perfect(msgid)

    result = score(merged(pot, imperfect), edits)
    assert (result.edited_right, result.false_guesses) == (4, 1)
    assert result.percent_right == 80


def test_score_of_l10n_merge_on_the_pair() -> None:
    old, pot, edits = catalogs()
    result = score(merge(old, pot, parse_locale("zh")), edits)
    # Each of the 5 edited sentences (one word changed) gets its own old translation back, and
    # neither of the 2 new ones is given a stranger's.
    assert (result.edited, result.edited_right, result.new, result.false_guesses) == (5, 5, 2, 0)


def test_merge_keeps_no_more_obsolete_entries_than_msgmerge(tmp_path: Path) -> None:
    """The merge benchmark's obsolete count at unit size: 500 entries, 50 edited, 25 removed, 25 new."""
    old, pot, edits = make_catalogs(pool(900), 500, seed="obsolete")
    assert (len(edits.edited), len(edits.removed), len(edits.new)) == (50, 25, 25)
    for name, data in (
        ("old.po", pofile.dump(old)),
        ("new.pot", pofile.dump(pot)),
        ("ours.po", pofile.dump(merge(old, pot, parse_locale("zh")))),
    ):
        (tmp_path / name).write_bytes(data)
    assert shutil.which("msgmerge"), "GNU gettext's msgmerge is needed (apt-get install gettext)"
    subprocess.run(
        [
            "msgmerge",
            "--quiet",
            "--previous",
            "-o",
            str(tmp_path / "theirs.po"),
            str(tmp_path / "old.po"),
            str(tmp_path / "new.pot"),
        ],
        check=True,
    )
    ours, theirs = (score(load_merged(tmp_path / name), edits) for name in ("ours.po", "theirs.po"))
    # Each removed sentence's translation is kept once: obsolete, or in the fuzzy entry of new
    # English like it (l10n then keeps no obsolete copy; msgmerge does).
    assert ours.obsolete + ours.false_guesses == len(edits.removed)
    assert 0 < ours.obsolete <= theirs.obsolete <= len(edits.removed)
    assert ours.edited_right == theirs.edited_right == 50


def test_summary_compares_the_obsolete_entries_kept() -> None:
    results = {
        "merge 500 entries": [
            Run("l10n merge", [0.1], score=Score(50, 50, 25, 6, 19)),
            Run("msgmerge", [2.0], score=Score(50, 50, 25, 25, 24)),
        ]
    }
    assert "  MET    merge 500 entries: no more obsolete entries kept than msgmerge: 19 vs 24" in summary(
        results, False
    )


def testsame_match_counts_ties_and_misses() -> None:
    assert same_match(None, None)
    assert same_match(["a", 80.0], ["a", 80.0])
    assert same_match(["a", 80.0], ["b", 80.0])
    assert not same_match(["a", 80.0], None)
    assert not same_match(["a", 90.0], ["b", 80.0])


def test_summary_judges_the_tasks_that_ran() -> None:
    results = {
        "build 300 pages": [
            Run("l10n build zh", [2.0], peak_kb=90_000, total_kb=200_000),
            Run("po2html", [30.0]),
            Run("l10n build zh, again", [0.5]),
        ]
    }
    lines = summary(results, quick=False)
    assert lines[1:] == [
        "  MET    build 300 pages: ≥10× faster than po2html: 15.0× (2.00 s vs 30.00 s)",
        "  MET    build 300 pages: peak memory under 300 MB: 195 MB, all processes together (largest 88 MB)",
    ]
    results["build 300 pages"][1].times = [19.0]
    assert summary(results, quick=False)[1].startswith("  MISSED build 300 pages: ≥10× faster than po2html: 9.5×")
