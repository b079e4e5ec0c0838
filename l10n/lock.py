"""One writer of a project's catalogs at a time: an advisory lock on `.l10n-cache/catalogs.lock`.

`update`, `init`, `extract`, `import` and `compile` hold it while they run, and `translate` while
it saves; a second command waits until the first is done. The lock belongs to the open file, so
it ends with the process that held it, however that process ends.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from .project import CACHE_FOLDER, Project

LOCK_FILE = "catalogs.lock"
_held: set[Path] = set()  # locks this process holds (the outermost taking of each)


@contextmanager
def catalogs_locked(project: Project, waiting: Callable[[int | None], None] = lambda pid: None) -> Iterator[None]:
    """Hold the lock on a project's catalogs (again, if this process holds it already); `waiting`
    is told the holder's process id when another process has it, and the lock is then waited for."""
    cache = project.config.root / CACHE_FOLDER
    path = cache / LOCK_FILE
    if path in _held:
        yield
        return
    cache.mkdir(parents=True, exist_ok=True)
    with open(path, "a+", encoding="ascii") as f:
        try:
            fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting(_holder(f))
            fcntl.flock(f, fcntl.LOCK_EX)
        f.truncate(0)
        f.write(f"{os.getpid()}\n")
        f.flush()
        _held.add(path)
        try:
            yield
        finally:
            _held.discard(path)  # the lock goes with the file's closing


def _holder(f: TextIO) -> int | None:
    """The process id the holder wrote in the lock file (None while it has not yet)."""
    f.seek(0)
    text = f.read().strip()
    return int(text) if text.isdigit() else None
