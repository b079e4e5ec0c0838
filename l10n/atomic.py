"""Atomic file writes: a reader sees the old file or the new one, never half of one."""

from __future__ import annotations

import errno
import itertools
import os
import re
import stat
from pathlib import Path

_NEW_FILE_MODE = 0o644
_numbers = itertools.count()
# A temporary file `stage` makes: `.name.<run>-<n>.tmp`, a run being a process id (and a token).
STAGED = re.compile(r"\..+\.\d+(?:-[0-9a-f]+)?-\d+\.tmp")
NOT_REGULAR = "not a regular file (a FIFO, device or socket): refused"


def read_file(path: Path) -> bytes:
    """A regular file's bytes. Anything else (a FIFO, a device, a socket) is refused without
    being opened, as reading one may never end: an OSError naming the file."""
    info = os.stat(path)
    if stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
    if not stat.S_ISREG(info.st_mode):
        raise OSError(errno.EINVAL, NOT_REGULAR, str(path))
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):  # replaced since the stat
            raise OSError(errno.EINVAL, NOT_REGULAR, str(path))
        return f.read()


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


def discard_leftovers(folder: Path) -> list[Path]:
    """Remove every file staged under `folder` and never committed (by a process killed half-way);
    only while no other process writes there. The files removed."""
    removed = []
    for top, _, names in os.walk(folder):
        for name in names:
            if name.startswith(".") and STAGED.fullmatch(name):
                path = Path(top, name)
                path.unlink(missing_ok=True)
                removed.append(path)
    return removed


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
        if read_file(path) == data:
            return False
    except FileNotFoundError:
        pass
    except OSError as e:
        if e.strerror != NOT_REGULAR:
            raise
    write_atomic(path, data)  # in place of a FIFO too: it is replaced, never opened
    return True
