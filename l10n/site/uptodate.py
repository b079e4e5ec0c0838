"""Whether a build has anything to do, told by a stat of every file it reads and writes.

After a build, a record keeps the size and modification time of every file under the source,
locales and output folders (those of the inputs as they were when the build began), with what
the build reported. A build that finds every file, its settings and l10n's code as recorded
repeats that report and does nothing else: a no-op build of 10,000 articles costs a few hundred
milliseconds. Anything else, even a file touched but not changed, takes the usual page-by-page
way, which decides what to redo by content. A record describes the whole state it was made in,
so one left by a build that later failed half-way is never replayed wrongly: the files differ.
A record may also expire at a moment (the first embargo that lifts): after it, the build is
done again though no file changed.

An input changed within a moment of the scan could change again unseen in the same clock tick
(git's "racy clean" problem): its content digest is recorded instead of its stamp.
"""

from __future__ import annotations

import json
import os
import stat
import time
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..digests import digest
from ..fingerprints import CODE, RACY_NS, file_digest

Files = dict[str, list[Any]]  # path → [size, mtime_ns] or [digest]


def scan(folder: Path, racy: bool) -> Files:
    """Every file under `folder` by its path, with its size and modification time (a link's
    target's; links to folders are not entered, as the build does not enter them); with `racy`,
    a file modified a moment ago with its content digest instead."""
    found: Files = {}
    now = time.time_ns()
    pending = [folder]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except (FileNotFoundError, NotADirectoryError):
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    pending.append(Path(entry.path))
                    continue
                info = entry.stat()
            except OSError:  # a broken link
                found[entry.path] = [-1, -1]
                continue
            if racy and now - info.st_mtime_ns < RACY_NS and stat.S_ISREG(info.st_mode):
                found[entry.path] = [file_digest(Path(entry.path))]
            else:
                found[entry.path] = [info.st_size, info.st_mtime_ns]
    return found


def _same(recorded: Files, now: Files) -> bool:
    if recorded.keys() != now.keys():
        return False
    for path, stamp in now.items():
        known = recorded[path]
        if known != stamp and not (len(known) == 1 and known[0] == file_digest(Path(path))):
            return False
    return True


def _expired(expires: object, now: float) -> bool:
    """Whether a record's moment has come (a record without one never expires; a damaged one has)."""
    if expires is None:
        return False
    return not isinstance(expires, (int, float)) or isinstance(expires, bool) or now >= expires


class Record:
    """The record of the last build into one output folder."""

    def __init__(self, path: Path, settings: str, inputs: list[Path], output: Path):
        self.path = path
        self.key = digest(CODE, settings)
        self.inputs = inputs
        self.output = output
        self.scanned: Files = {}

    def replay(self, now: float | None = None) -> dict[str, Any] | None:
        """What the last build reported, when it would do nothing now (`now`: a POSIX time, by
        default the clock's); None otherwise. Scans the inputs as they are now, for `save`."""
        for folder in self.inputs:
            self.scanned.update(scan(folder, racy=True))
        try:
            data = json.loads(self.path.read_bytes())
        except (OSError, ValueError):
            return None
        if (
            isinstance(data, dict)
            and data.get("key") == self.key
            and isinstance(data.get("report"), dict)
            and not _expired(data.get("expires"), time.time() if now is None else now)
            and _same(data.get("inputs", {}), self.scanned)
            and _same(data.get("outputs", {}), scan(self.output, False))
        ):
            return data["report"]
        return None

    def save(self, report: dict[str, Any], expires: float | None = None) -> None:
        """Record a finished build: the inputs as `replay` found them, the output as it is now;
        `expires`: the POSIX time after which the record is not replayed (an embargo lifts)."""
        data = {
            "key": self.key,
            "report": report,
            "inputs": self.scanned,
            "outputs": scan(self.output, False),
            "expires": expires,
        }
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
