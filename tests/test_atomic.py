"""Atomic writes: whole files only, permissions kept, nothing left behind."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from l10n import atomic
from l10n.atomic import write_atomic, write_if_changed


def test_new_files_and_folders_are_made_with_the_usual_permissions(tmp_path: Path):
    old = os.umask(0o077)
    try:
        path = tmp_path / "a" / "b" / "page.html"
        write_atomic(path, b"one")
    finally:
        os.umask(old)
    assert path.read_bytes() == b"one"
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    assert sorted(p.name for p in path.parent.iterdir()) == ["page.html"]


def test_a_rewritten_file_keeps_its_permissions(tmp_path: Path):
    path = tmp_path / "page.html"
    path.write_bytes(b"one")
    path.chmod(0o600)
    write_atomic(path, b"two")
    assert path.read_bytes() == b"two" and stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "page.html"
    path.write_bytes(b"old")

    def broken(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", broken)
    with pytest.raises(OSError):
        write_atomic(path, b"new")
    assert path.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_a_temporary_left_by_a_stopped_process_is_stepped_over(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(atomic, "_numbers", iter([7, 8]))
    stale = tmp_path / f".page.html.{os.getpid()}-7.tmp"
    stale.write_bytes(b"half")
    write_atomic(tmp_path / "page.html", b"whole")
    assert (tmp_path / "page.html").read_bytes() == b"whole" and stale.read_bytes() == b"half"


def test_unchanged_content_is_not_written_again(tmp_path: Path):
    path = tmp_path / "page.html"
    assert write_if_changed(path, b"x") is True
    before = path.stat().st_mtime_ns
    assert write_if_changed(path, b"x") is False and path.stat().st_mtime_ns == before
    assert write_if_changed(path, b"y") is True and path.read_bytes() == b"y"
