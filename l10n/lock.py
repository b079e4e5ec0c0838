"""One writer at a time: advisory locks in `.l10n-cache/`.

`catalogs.lock`: `update`, `init`, `extract`, `import` and `compile` hold it while they run, and
`translate` while it reads and while it saves. `build-<output folder hash>.lock`: a build (or a
preview's rebuild) holds it for the output folder it writes. A second command waits until the
first is done. A lock belongs to the open file, so it ends with the process that held it,
however that process ends. It is taken once per command (not re-entrant: a step that takes it
again would wait for itself).
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import TextIO

LOCK_FILE = "catalogs.lock"
Waiting = Callable[[int | None], None]  # told the process id of another command holding the lock


def quietly(pid: int | None) -> None:
    """Wait for another command's lock without a word."""


def catalogs_locked(cache: Path, waiting: Waiting = quietly) -> AbstractContextManager[None]:
    """Hold the catalogs' lock in the cache folder `cache` (see `locked`)."""
    return locked(cache / LOCK_FILE, waiting)


@contextmanager
def locked(path: Path, waiting: Waiting = quietly) -> Iterator[None]:
    """Hold the lock file `path`; `waiting` is told the holder's process id when another process
    has it, and the lock is then waited for."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="ascii") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(_holder(f))
            fcntl.flock(f, fcntl.LOCK_EX)
        f.truncate(0)
        f.write(f"{os.getpid()}\n")
        f.flush()
        yield


def _holder(f: TextIO) -> int | None:
    """The process id the holder wrote in the lock file (None while it has not yet)."""
    f.seek(0)
    text = f.read().strip()
    return int(text) if text.isdigit() else None
