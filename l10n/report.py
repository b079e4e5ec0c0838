"""What a step did (files written, left as they were, removed; notes) and progress on long work."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
# Wraps long work in a progress bar: given the items (sized when it can be) and a label.
Progress = Callable[[Iterable[T], str], Iterable[T]]


def no_progress(items: Iterable[T], label: str) -> Iterable[T]:
    return items


def printable(text: str) -> str:
    """Text as one line a terminal shows as it is: characters that are not printable (line
    breaks, controls, bidi overrides) written as Python escapes."""
    return text if text.isprintable() else "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


@dataclass
class Report:
    """What a step did: files written, files left as they were, and notes for the user."""

    written: list[Path] = field(default_factory=list)
    unchanged: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)  # pages left out, each `file: reason` (exit status 1)

    def record(self, path: Path, changed: bool) -> None:
        (self.written if changed else self.unchanged).append(path)
