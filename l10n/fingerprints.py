"""Fingerprints of finished work, so that unchanged sources and catalogs are not redone.

An SQLite database per job in `.l10n-cache/` (`catalogs.sqlite3` for extraction and merging,
`build-<output folder hash>.sqlite3` for pages), a row per record. Work is skipped only when its inputs hash the
same, the files it wrote still hash as written *and* l10n's own code is the code that did it,
so a lost or corrupt state file, or an upgrade, only costs time.
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator, MutableMapping
from pathlib import Path
from typing import Any

from .atomic import read_file
from .digests import digest
from .errors import CacheError

RACY_NS = 2_000_000_000  # a file changed less than this ago may change again unseen


# What made the work: every module of l10n, so that a changed l10n (even at the same version
# number) redoes it.
CODE = digest(*(module.read_bytes() for module in sorted(Path(__file__).parent.rglob("*.py"))))


def file_digest(path: Path) -> str | None:
    try:
        return digest(read_file(path))
    except FileNotFoundError:
        return None


class Section(MutableMapping[str, Any]):
    """One section of a `State`: its records by name, read from the database when asked for and
    written into the open transaction (so that a record of 10,000 pages is never held whole)."""

    def __init__(self, state: State, name: str):
        self._state = state
        self._name = name

    def __getitem__(self, key: str) -> Any:
        row = self._state.db.execute(_SELECT, (self._name, key)).fetchone()
        if row is None:
            raise KeyError(key)
        return json.loads(row[0])

    def __setitem__(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        row = self._state.db.execute(_SELECT, (self._name, key)).fetchone()
        if row is None or row[0] != text:  # an unchanged record is not written: nor is the file
            self._state.write(_UPSERT, (self._name, key, text))

    def __delitem__(self, key: str) -> None:
        if key not in self:
            raise KeyError(key)
        self._state.write("DELETE FROM entries WHERE section = ? AND name = ?", (self._name, key))

    def __contains__(self, key: object) -> bool:
        return self._state.db.execute(_EXISTS, (self._name, key)).fetchone() is not None

    def __iter__(self) -> Iterator[str]:
        names = "SELECT name FROM entries WHERE section = ? ORDER BY name"
        return iter([name for (name,) in self._state.db.execute(names, (self._name,))])

    def __len__(self) -> int:
        count = "SELECT count(*) FROM entries WHERE section = ?"
        return int(self._state.db.execute(count, (self._name,)).fetchone()[0])

    def replace(self, records: dict[str, Any]) -> None:
        """Make the section hold exactly `records`."""
        for gone in set(self) - set(records):
            del self[gone]
        for key, value in records.items():
            self[key] = value


_SELECT = "SELECT value FROM entries WHERE section = ? AND name = ?"
_EXISTS = "SELECT 1 FROM entries WHERE section = ? AND name = ?"
_UPSERT = "INSERT OR REPLACE INTO entries (section, name, value) VALUES (?, ?, ?)"
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS entries (section TEXT, name TEXT, value TEXT, PRIMARY KEY (section, name))"
    " WITHOUT ROWID",
    "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)",
)


class State:
    """A record of fingerprints in SQLite, a row per record (a page, an article, a file's stamp),
    read as needed; changes are one transaction, committed by `save` (a command that fails
    leaves the record as it was). Sections named `lasting` are records that outlive a change of
    l10n's code. A record that cannot be read is started afresh: it only costs time.

    File digests are remembered with the file's size and modification time, so a file that was
    not touched since is not read again (as make, ninja and git trust timestamps).

    Worker processes forked while a State is open must not use it (they do not: the parent
    records what they made).
    """

    def __init__(self, path: Path, lasting: tuple[str, ...] = ()):
        self.path = path
        self._writing = False
        self._closed = False
        self._stamped: set[str] = set()
        try:
            try:
                self._open(lasting)
            except sqlite3.OperationalError:
                raise
            except sqlite3.DatabaseError:  # damaged, or not a database: start afresh
                self.db.close()
                path.unlink(missing_ok=True)
                self._open(lasting)
        except sqlite3.OperationalError as e:  # cannot be written (a full disk, a file size limit)
            self.close()
            raise CacheError(f"cannot write: {e}", path) from None

    def __enter__(self) -> State:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self, lasting: tuple[str, ...]) -> None:
        # A new record is made beside its place and put there by `save`: a command that fails
        # leaves no file behind, as one that changes nothing writes none.
        self._fresh = None if self.path.exists() else self.path.with_name(f"{self.path.name}.{os.getpid()}.new")
        if self._fresh is not None:
            self._fresh.parent.mkdir(parents=True, exist_ok=True)
            self._fresh.unlink(missing_ok=True)
        self.db = sqlite3.connect(self._fresh or self.path, isolation_level=None, timeout=60)
        for statement in _SCHEMA:
            self.db.execute(statement)
        code = self.db.execute("SELECT value FROM meta WHERE key = 'code'").fetchone()
        if code is None or code[0] != CODE:  # other code did the work: only the `lasting` sections still hold
            marks = ", ".join("?" * len(lasting))
            self.write(f"DELETE FROM entries WHERE section NOT IN ({marks})", lasting)
            self.write("INSERT OR REPLACE INTO meta (key, value) VALUES ('code', ?)", (CODE,))

    def write(self, statement: str, values: Iterable[Any] = ()) -> None:
        """Run a statement that changes the record, in the transaction `save` commits."""
        try:
            if not self._writing:
                self.db.execute("BEGIN IMMEDIATE")
                self._writing = True
            self.db.execute(statement, tuple(values))
        except sqlite3.OperationalError as e:  # a full disk, a file size limit, a lock held too long
            raise CacheError(f"cannot write: {e}", self.path) from None

    def entries(self, section: str) -> Section:
        return Section(self, section)

    def file_digest(self, path: Path) -> str | None:
        """The digest of a file's bytes (None: no such file), read only when its stamp changed."""
        try:
            info = path.stat()
        except FileNotFoundError:
            return None
        key, stamp = str(path), [info.st_size, info.st_mtime_ns]
        stamps = self.entries("stamps")
        known = stamps.get(key)
        self._stamped.add(key)
        if isinstance(known, list) and known[1:] == stamp:
            return known[0]
        value = file_digest(path)
        # A file changed within the clock's granularity of its stamp could change again unseen
        # (git's "racy clean" problem): its stamp is trusted only once it is a moment old.
        racy = time.time_ns() - info.st_mtime_ns < RACY_NS
        stamps[key] = [value] if racy else [value, *stamp]
        return value

    def is_current(self, section: str, name: str, fingerprint: str, files: list[Path]) -> bool:
        """True when `name` was done with this fingerprint and wrote `files`, unchanged since."""
        record = self.entries(section).get(name)
        if not isinstance(record, dict) or record.get("fingerprint") != fingerprint:
            return False
        written = record.get("files", {})
        return all(str(f) in written and written[str(f)] == self.file_digest(f) for f in files)

    def record(
        self,
        section: str,
        name: str,
        fingerprint: str,
        files: list[Path],
        known: dict[Path, str] | None = None,
        **extra: Any,
    ) -> None:
        """Note that `name` was done with `fingerprint` and wrote `files` (`known`: digests of files
        just written, so they are not read back)."""
        known = known or {}
        self.entries(section)[name] = {
            "fingerprint": fingerprint,
            "files": {str(f): known.get(f) or self.file_digest(f) for f in files},
            **extra,
        }

    def save(self) -> None:
        """Commit the changes (stamps of files not looked at this time are dropped)."""
        stamps = self.entries("stamps")
        for key in set(stamps) - self._stamped:
            del stamps[key]
        if self._writing:
            try:
                self.db.execute("COMMIT")
            except sqlite3.OperationalError as e:
                raise CacheError(f"cannot write: {e}", self.path) from None
            self._writing = False
        if self._fresh is not None:
            self.db.close()
            os.replace(self._fresh, self.path)
            self._fresh = None
            self.db = sqlite3.connect(self.path, isolation_level=None, timeout=60)

    def close(self) -> None:
        """Forget the changes not saved, and close the record (again: nothing)."""
        if self._closed:
            return
        self._closed = True
        if self._writing:
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass  # the transaction is gone already (a failed write ends it)
            self._writing = False
        if hasattr(self, "db"):
            self.db.close()
        if self._fresh is not None:
            self._fresh.unlink(missing_ok=True)

    def __del__(self) -> None:  # a record not used in a `with` block is closed when dropped
        if hasattr(self, "_closed"):
            self.close()
