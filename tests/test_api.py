"""The public face: what `import l10n` offers, and `python cli.py` from a checkout."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

import l10n


def test_the_public_names_are_exported_and_documented():
    assert sorted(l10n.__all__) == sorted(set(l10n.__all__))
    for name in l10n.__all__:
        assert getattr(l10n, name).__doc__, name
    assert (ROOT / "l10n" / "py.typed").exists()


@pytest.mark.slow
def test_cli_py_runs_the_command_from_a_checkout_without_installing(tmp_path: Path):
    checkout = tmp_path / "checkout"
    shutil.copytree(ROOT / "l10n", checkout / "l10n", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "cli.py", checkout / "cli.py")
    init = checkout / "l10n" / "version.py"
    init.write_text(init.read_text().replace(f'__version__ = "{l10n.__version__}"', '__version__ = "0-checkout"'))
    version = subprocess.run([sys.executable, "cli.py", "--version"], cwd=checkout, capture_output=True, text=True)
    assert version.stdout == "l10n, version 0-checkout\n", version.stderr  # the checkout's code, not an installed one
    usage = subprocess.run([sys.executable, "cli.py", "--help"], cwd=checkout, capture_output=True, text=True)
    assert usage.returncode == 0 and usage.stdout.startswith("Usage: l10n [OPTIONS] COMMAND")
