"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import itertools
import os
from pathlib import Path

_NEW_FILE_MODE = 0o644
_numbers = itertools.count()


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    The file keeps its permissions; a new one gets rw-r--r--. Few system calls, as a build
    writes thousands of files: the folder is made only when missing, the mode set only when
    the new file's differs. An OSError (a full disk, a read-only folder) names `path`, never
    the temporary file.
    """
    commit(stage(path, data), path)


def stage(path: Path, data: bytes, run: str = "") -> Path:
    """Write `data` to a new temporary file beside `path` (named after `run`, by default this
    process), with the permissions `path` has; `commit` puts it in place. Work that writes many
    files stages them all and commits them at the end: nothing is changed if it fails half-way."""
    try:
        mode = os.stat(path).st_mode & 0o777
    except FileNotFoundError:
        mode = _NEW_FILE_MODE
    fd, tmp = _create_temporary(path, run or str(os.getpid()))
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            if os.fstat(f.fileno()).st_mode & 0o777 != mode:
                os.fchmod(f.fileno(), mode)
    except BaseException as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise _naming(e, path) from None
        raise
    return tmp


def commit(staged: Path, path: Path) -> None:
    """Put a staged file in place of `path`, atomically."""
    try:
        os.replace(staged, path)
    except BaseException as e:
        staged.unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise _naming(e, path) from None
        raise


def discard_staged(folder: Path, run: str) -> None:
    """Remove the files staged under `folder` by `run` and not committed."""
    for staged in folder.rglob(f".*.{run}-*.tmp"):
        staged.unlink(missing_ok=True)


def _naming(error: OSError, path: Path) -> OSError:
    """The same error, naming the file being written."""
    return OSError(error.errno, error.strerror or str(error), str(path))


def _create_temporary(path: Path, run: str) -> tuple[int, Path]:
    """A new file beside `path` (`.name.<run>-<n>.tmp`), its folder made if missing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.with_name(f".{path.name}.{run}-{next(_numbers)}.tmp")
        try:
            return os.open(tmp, flags, _NEW_FILE_MODE), tmp
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            pass  # left by a process that stopped half-way: take the next name
        except OSError as e:
            raise _naming(e, path) from None


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write atomically unless the file already holds `data`; True when written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    write_atomic(path, data)
    return True
