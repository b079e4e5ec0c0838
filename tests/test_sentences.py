"""Tests of l10n.sentences: the news test set and the API contract."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from l10n.segment.sentences import split_sentences

DATA = Path(__file__).parent / "data" / "sentences.txt"


def load_paragraphs(path: Path = DATA) -> list[list[str]]:
    """The expected sentences of each paragraph of the test set."""
    paragraphs: list[list[str]] = [[]]
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


PARAGRAPHS = load_paragraphs()


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def check_contract(text: str) -> None:
    """Spans are in order, hold no outer whitespace, and only whitespace lies outside them."""
    previous_end = 0
    for start, end in split_sentences(text):
        assert previous_end <= start < end <= len(text)
        assert text[start:end] == text[start:end].strip()
        assert not text[previous_end:start].strip()
        previous_end = end
    assert not text[previous_end:].strip()


def test_data_set_is_large() -> None:
    assert len(PARAGRAPHS) >= 70


@pytest.mark.parametrize("expected", PARAGRAPHS, ids=[" ".join(p[0].split()[:4]) for p in PARAGRAPHS])
def test_paragraph(expected: list[str]) -> None:
    text = " ".join(expected)
    assert sentences(text) == expected
    check_contract(text)


@pytest.mark.parametrize("text", ["", " ", "\n\t \u00a0 \n"])
def test_no_sentences_in_blank_text(text: str) -> None:
    assert split_sentences(text) == []


def test_leading_and_trailing_whitespace_is_excluded() -> None:
    text = "\n  The road is closed.  It reopens on Monday.\n\n"
    assert split_sentences(text) == [(3, 22), (24, 45)]
    check_contract(text)


def test_newlines_and_multiple_spaces_between_sentences() -> None:
    text = "The road is closed.\n\nIt reopens on Monday.   Buses\nare diverted.\t\tSee the map."
    assert sentences(text) == [
        "The road is closed.",
        "It reopens on Monday.",
        "Buses\nare diverted.",
        "See the map.",
    ]
    check_contract(text)


def test_no_break_spaces() -> None:
    nbsp = "\u00a0"
    first = f"Mr.{nbsp}Smith paid £31{nbsp}billion."
    second = f"The deal closed at 10{nbsp}a.m.{nbsp}on Friday."
    text = f"{first}{nbsp}{second}"
    assert sentences(text) == [first, second]
    check_contract(text)


def test_object_replacement_character_is_a_word() -> None:
    obj = "\ufffc"
    assert sentences(obj) == [obj]
    assert sentences(f"Press {obj}. Then wait.") == [f"Press {obj}.", "Then wait."]
    assert sentences(f"See {obj} Our team won.") == [f"See {obj} Our team won."]


def test_object_replacement_character_between_sentences() -> None:
    obj = "\ufffc"
    assert sentences(f"It opened.{obj} We cheered.") == [f"It opened.{obj}", "We cheered."]
    assert sentences(f"It opened. {obj} We cheered.") == ["It opened.", f"{obj} We cheered."]
    assert sentences(f"It opened. {obj}") == [f"It opened. {obj}"]


def test_single_sentence_without_final_punctuation() -> None:
    assert sentences("Road closures this week") == ["Road closures this week"]


def test_offsets_index_the_original_text() -> None:
    text = "“Why?” she asked. “Because.”"
    assert split_sentences(text) == [(0, 17), (18, 28)]
    check_contract(text)


def test_contract_holds_for_random_text() -> None:
    pieces = [*"aZ .?!…”“‘’\"'()\ufffc\u00a0\n1£-,"]
    pieces += ["Dr", "etc", "a.m", "U.K", " The", " said", "(b)"]
    rng = random.Random(20240601)
    for _ in range(3000):
        check_contract("".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))))
