"""What translation services answered, kept in an SQLite file (`.l10n-cache/translations.sqlite3`).

Keyed on provider, language pair and the text as sent (placeholders protected), so asking again
for a sentence, in a re-run or in another article, costs no request. Each answer is committed as
it arrives: a run that is killed keeps every answer it received. Safe for the worker threads of
one run (one connection behind a lock) and for runs in parallel (SQLite's own locking).
"""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

from ..errors import CacheError

_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    provider TEXT NOT NULL,
    pair TEXT NOT NULL,
    text TEXT NOT NULL,
    answer TEXT NOT NULL,
    saved TEXT NOT NULL,
    PRIMARY KEY (provider, pair, text)
) WITHOUT ROWID
"""


class TranslationCache:
    """Answers by (provider, language pair such as `en>zh-CN`, text sent). Read-only: never writes."""

    def __init__(self, path: Path, read_only: bool = False):
        self.path = path
        self._read_only = read_only
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        try:
            if read_only:
                if path.exists():
                    self._db = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, check_same_thread=False)
                return
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, timeout=30, check_same_thread=False, isolation_level=None)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute(_SCHEMA)
        except sqlite3.DatabaseError as e:
            raise CacheError(f"cannot use the translation cache ({e}); delete it to start a new one", path) from None

    def get(self, provider: str, pair: str, text: str) -> str | None:
        """The answer kept for a text, if any (a cache that cannot be read has none)."""
        with self._lock:
            if self._db is None:
                return None
            try:
                row = self._db.execute(
                    "SELECT answer FROM answers WHERE provider = ? AND pair = ? AND text = ?", (provider, pair, text)
                ).fetchone()
            except sqlite3.Error:
                return None
        return row[0] if row else None

    def put(self, provider: str, pair: str, text: str, answer: str) -> None:
        """Keep an answer (a cache that cannot be written costs requests later, never this run)."""
        saved = datetime.now(UTC).isoformat(timespec="seconds")
        with self._lock:
            if self._db is None or self._read_only:
                return
            try:
                self._db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?)", (provider, pair, text, answer, saved)
                )
            except sqlite3.Error:
                pass

    def close(self) -> None:
        """Close the file; later calls find nothing and keep nothing."""
        with self._lock:
            if self._db is not None:
                self._db.close()
                self._db = None
