"""Compare l10n.sentences with pySBD on the news test set: accuracy and speed.

Run from anywhere: `python benchmarks/sentences.py [--repeats N]`.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n.segment.sentences import split_sentences  # noqa: E402

DATA = ROOT / "tests" / "data" / "sentences.txt"
Splitter = Callable[[str], list[str]]


def load_paragraphs() -> list[list[str]]:
    """The expected sentences of each paragraph of the test set (format: see the file)."""
    paragraphs: list[list[str]] = [[]]
    for line in DATA.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def ours(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


def pysbd_splitter() -> Splitter | None:
    """pySBD's English segmenter, with its output stripped, or None if pysbd is missing."""
    try:
        import pysbd
    except ImportError:
        return None
    segmenter = pysbd.Segmenter(language="en", clean=False, char_span=False)
    return lambda text: [s.strip() for s in segmenter.segment(text) if s.strip()]


def measure(split: Splitter, paragraphs: list[list[str]], repeats: int) -> tuple[int, float]:
    """Paragraphs split exactly right, and sentences per second (median over repeats).

    Each repeat splits the whole set as many times as fill about 0.2 s.
    """
    texts = [" ".join(p) for p in paragraphs]
    start = time.perf_counter()
    right = sum(split(text) == expected for text, expected in zip(texts, paragraphs))
    rounds = max(1, round(0.2 / (time.perf_counter() - start)))
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(rounds):
            for text in texts:
                split(text)
        timings.append((time.perf_counter() - start) / rounds)
    return right, sum(len(p) for p in paragraphs) / statistics.median(timings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7, help="timing repeats (default 7)")
    args = parser.parse_args()

    paragraphs = load_paragraphs()
    total = len(paragraphs)
    print(f"{total} paragraphs, {sum(len(p) for p in paragraphs)} sentences, median of {args.repeats} repeats\n")

    results = {"l10n.sentences": measure(ours, paragraphs, args.repeats)}
    other = pysbd_splitter()
    if other is None:
        print("pysbd is not installed: comparing with it is skipped (pip install pysbd)\n")
    else:
        results["pysbd"] = measure(other, paragraphs, args.repeats)

    ours_rate = results["l10n.sentences"][1]
    print(f"{'splitter':<16}{'right':>7}{'right %':>9}{'sentences/s':>14}{'our speed-up':>14}")
    for name, (right, rate) in results.items():
        print(f"{name:<16}{right:>7}{100 * right / total:>8.1f}%{rate:>14,.0f}{ours_rate / rate:>13.1f}x")


if __name__ == "__main__":
    main()
