"""Fingerprints of finished work, so that unchanged sources and catalogs are not redone.

A small JSON file per job in `.l10n-cache/` (`catalogs.json` for extraction and merging,
`build-<output folder hash>.json` for pages). Work is skipped only when its inputs hash the
same, the files it wrote still hash as written *and* l10n's own code is the code that did it,
so a lost or corrupt state file, or an upgrade, only costs time.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from .atomic import read_file, write_atomic
from .digests import digest

RACY_NS = 2_000_000_000  # a file changed less than this ago may change again unseen


# What made the work: every module of l10n, so that a changed l10n (even at the same version
# number) redoes it.
CODE = digest(*(module.read_bytes() for module in sorted(Path(__file__).parent.rglob("*.py"))))


def file_digest(path: Path) -> str | None:
    try:
        return digest(read_file(path))
    except FileNotFoundError:
        return None


class State:
    """A JSON record of fingerprints, loaded leniently and saved atomically; sections named
    `lasting` are records that outlive a change of l10n's code.

    File digests are remembered with the file's size and modification time, so a file that was
    not touched since is not read again (as make, ninja and git trust timestamps).
    """

    def __init__(self, path: Path, lasting: tuple[str, ...] = ()):
        self.path = path
        try:
            saved = path.read_bytes()
            self._saved = digest(saved)  # what is on disk, to write only a change (not kept whole)
            data = json.loads(saved)
            del saved
        except (OSError, ValueError):
            self._saved, data = "", {}
        if not isinstance(data, dict):
            data = {}
        if data.get("code") != CODE:  # other code did the work: only the `lasting` sections still hold
            data = {"code": CODE, **{k: data[k] for k in lasting if isinstance(data.get(k), dict)}}
        self.data: dict[str, Any] = data
        self._stamped: set[str] = set()

    def entries(self, section: str) -> dict[str, Any]:
        return self.data.setdefault(section, {})

    def file_digest(self, path: Path) -> str | None:
        """The digest of a file's bytes (None: no such file), read only when its stamp changed."""
        try:
            info = path.stat()
        except FileNotFoundError:
            return None
        key, stamp = str(path), [info.st_size, info.st_mtime_ns]
        known = self.entries("stamps").get(key)
        self._stamped.add(key)
        if isinstance(known, list) and known[1:] == stamp:
            return known[0]
        value = file_digest(path)
        # A file changed within the clock's granularity of its stamp could change again unseen
        # (git's "racy clean" problem): its stamp is trusted only once it is a moment old.
        racy = time.time_ns() - info.st_mtime_ns < RACY_NS
        self.entries("stamps")[key] = [value] if racy else [value, *stamp]
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
        stamps = self.entries("stamps")
        self.data["stamps"] = {key: stamps[key] for key in self._stamped if key in stamps}
        # Compact: written by json's C encoder (an indented file takes its Python one, 3× slower).
        data = json.dumps(self.data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
        new = digest(data)
        if new != self._saved:  # a run that changed nothing writes nothing
            write_atomic(self.path, data)
            self._saved = new
