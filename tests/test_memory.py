"""The translation memory: exact and fuzzy lookups, as a brute-force rapidfuzz scan would find them."""

from __future__ import annotations

import itertools
import random
import re

import pytest
from conftest import DATA
from rapidfuzz import fuzz, process

from l10n.catalogs import memory
from l10n.catalogs.memory import Match, TranslationMemory

PAIRS = [
    ("Work starts on Monday.", "周一开工。"),
    ("Work starts on Tuesday.", "周二开工。"),
    ("Buses will run as normal.", "公交照常运行。"),
    ("Work starts on Monday.", "另一个译文"),
    ("", "空"),
    ("Untranslated.", ""),
]


def test_exact_matches_score_100_and_the_first_translation_wins():
    tm = TranslationMemory(PAIRS)
    assert len(tm) == 3
    assert tm.lookup("Work starts on Monday.") == Match("Work starts on Monday.", "周一开工。", 100.0)
    assert tm.lookup("Work starts on Monday.", threshold=100) is not None
    assert tm.lookup("Untranslated.") is None and tm.lookup("") is None


def test_fuzzy_matches_are_the_best_above_the_threshold_earliest_among_equals():
    tm = TranslationMemory(PAIRS)
    match = tm.lookup("Work starts on Sunday.", threshold=75)
    assert match is not None and match.source == "Work starts on Monday." and 75 <= match.score < 100
    assert match.score == fuzz.ratio("Work starts on Sunday.", "Work starts on Monday.")
    assert tm.lookup("Work starts on Sunday.", threshold=99) is None
    assert tm.lookup("Work starts on Sunday.", threshold=100) is None
    assert tm.lookup("Something else entirely, and much longer than anything remembered.", 50) is None
    assert TranslationMemory([]).lookup("Work starts on Monday.") is None


def corpus(rng: random.Random, count: int) -> list[str]:
    """News-like sentences: common words and a long tail, 6 to 30 words each."""
    words = sorted(set(re.findall(r"[A-Za-z][a-z']+", (DATA / "sentences.txt").read_text(encoding="utf-8"))))
    rng.shuffle(words)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(words))))

    def sentence() -> str:
        text = " ".join(rng.choices(words, cum_weights=weights, k=rng.randint(6, 30)))
        return text[0].upper() + text[1:] + rng.choice(".?!")

    return list(dict.fromkeys(sentence() for _ in range(count)))


def one_word_changed(rng: random.Random, sentence: str, vocabulary: list[str]) -> str:
    words = sentence.split(" ")
    words[rng.randrange(len(words))] = rng.choice(vocabulary)
    return " ".join(words)


@pytest.mark.slow
def test_lookups_agree_with_a_brute_force_scan_while_scoring_a_few_sentences(monkeypatch: pytest.MonkeyPatch):
    rng = random.Random(7)
    sources = corpus(rng, 20000)
    tm = TranslationMemory((s, f"译{n}") for n, s in enumerate(sources))
    vocabulary = [w for s in sources[:500] for w in s.split(" ")]
    queries = [one_word_changed(rng, rng.choice(sources), vocabulary) for _ in range(100)]
    queries += corpus(random.Random(8), 100)  # mostly not remembered

    scored: list[int] = []
    extract_one = process.extractOne

    def counting(text, choices, **kwargs):
        scored.append(len(choices))
        return extract_one(text, choices, **kwargs)

    monkeypatch.setattr(memory.process, "extractOne", counting)
    ours = [tm.lookup(q, 75) for q in queries]
    monkeypatch.undo()
    brute = [process.extractOne(q, sources, scorer=fuzz.ratio, score_cutoff=75) for q in queries]
    same = [
        (b is None and o is None) or (b is not None and o is not None and (b[0] == o.source or b[1] == o.score))
        for b, o in zip(brute, ours)
    ]
    assert sum(same) >= 0.99 * len(queries)
    assert sum(b is not None for b in brute) >= 100
    assert sum(scored) / len(scored) < len(sources) / 50


def test_parts_of_identifiers_count_as_words_when_picking_candidates():
    # Thousands of sentences of a plausible length share only "c" and "function" with the
    # query; the remembered one differs from it inside the identifier `PyRun_String…`.
    others = [f"Xq{n:05d}zz (C function)" for n in range(2500)]
    tm = TranslationMemory(
        [(s, "译") for s in others] + [("PyRun_StringFlags (C function)", "PyRun_StringFlags（C 函数）")]
    )
    found = tm.lookup("PyRun_String (C function)", 75)
    assert found is not None and found.source == "PyRun_StringFlags (C function)"
    assert found.score == pytest.approx(fuzz.ratio("PyRun_String (C function)", found.source))
