"""`l10n serve`: a local preview of the built site that rebuilds when sources or catalogs change."""

from __future__ import annotations

import functools
import os
import threading
import time
from collections.abc import Callable
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import BinaryIO

from ..errors import L10nError
from .uptodate import scan

IDLE_SECONDS = 5  # a connection that sends nothing this long is closed (each holds a thread)


class _Handler(SimpleHTTPRequestHandler):
    """Serves the output folder quietly: a path no file can have is a 400, and one that leads out
    of the folder (through a symbolic link) a 404. It answers only requests addressed to this
    machine by name (`Host: 127.0.0.1[:port]` or `localhost[:port]`; else 421 or, with no Host,
    400): a web page that renames its own host to 127.0.0.1 (DNS rebinding) reads nothing."""

    timeout = IDLE_SECONDS

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the stdlib's name
        pass

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        host = self.headers.get("Host")
        if host is None:
            self.send_error(HTTPStatus.BAD_REQUEST, "No Host header")
            return False
        port = self.connection.getsockname()[1]  # the server's own port, as the request reached it
        if host.lower() not in _local_hosts(port):
            self.send_error(HTTPStatus.MISDIRECTED_REQUEST, "This server answers only to 127.0.0.1 and localhost")
            return False
        return True

    def send_head(self) -> BytesIO | BinaryIO | None:
        path = self.translate_path(self.path)
        if not _nameable(path):
            self.send_error(HTTPStatus.BAD_REQUEST, "No file can have this name")
            return None
        root = os.path.realpath(self.directory)
        if os.path.commonpath([root, os.path.realpath(path)]) != root:
            self.send_error(HTTPStatus.NOT_FOUND, "File not found")
            return None
        return super().send_head()


def _local_hosts(port: int) -> set[str]:
    """The Host headers of a request addressed to this server."""
    return {f"{name}{suffix}" for name in ("127.0.0.1", "localhost") for suffix in ("", f":{port}")}


def _nameable(path: str) -> bool:
    """Whether a file can have this path: no NUL, and a name the file system can take."""
    try:
        return b"\0" not in os.fsencode(path)
    except UnicodeError:
        return False


def snapshot(folders: list[Path]) -> tuple:
    """What changes when any file under the folders is added, removed or edited (hidden files,
    such as editors' swap files, aside)."""
    return tuple(
        sorted(
            (path, *info)
            for folder in folders
            for path, info in scan(folder, racy=False).items()
            if not os.path.basename(path).startswith(".")
        )
    )


class Preview:
    """Serve a folder on 127.0.0.1 and call `rebuild` whenever the watched folders change, and when
    the moment a rebuild last said it is due comes (an embargo lifting: `rebuild` returns it, as
    seconds since the epoch, or None)."""

    def __init__(
        self,
        folder: Path,
        watched: list[Path],
        rebuild: Callable[[], float | None],
        report: Callable[[str], None],
        port: int = 8000,
        interval: float = 1.0,
    ):
        self.watched = watched
        self.rebuild = rebuild
        self.report = report
        self.interval = interval
        self.due: float | None = None  # when the site changes with no file changing (an embargo lifts)
        self.stopped = threading.Event()
        handler = functools.partial(_Handler, directory=str(folder))
        self.server = ThreadingHTTPServer(("127.0.0.1", port), handler)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def run(self) -> None:
        """Serve until interrupted; rebuild failures, whatever they are, are reported and serving goes on."""
        watcher = threading.Thread(target=self._watch, daemon=True)
        watcher.start()
        try:
            self.server.serve_forever(poll_interval=0.2)
        finally:
            self.stopped.set()
            self.server.server_close()

    def _watch(self) -> None:
        """Rebuild when the watched folders differ from what the last rebuild started from. The
        state a rebuild starts from is taken before it: an edit saved while it runs is seen after
        it (a build never writes into the watched folders: catalogs are only read). An embargo that
        lifts is a change too."""
        seen = snapshot(self.watched)
        while not self.stopped.wait(self.interval):
            now = snapshot(self.watched)
            if now == seen and (self.due is None or time.time() < self.due):
                continue
            seen = now
            try:
                self.due = self.rebuild()
                self.report("rebuilt")
            except L10nError as e:
                self.report(f"error: {e}")
            except Exception as e:  # noqa: BLE001 - whatever it is, the next change is built again
                where = f"{e.filename}: " if isinstance(e, OSError) and e.filename else ""
                self.report(f"error: {where}{getattr(e, 'strerror', None) or e!r}")
