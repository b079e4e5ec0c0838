"""The public face: what `import l10n` offers, and `python cli.py` from a checkout."""

from __future__ import annotations

import inspect
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, snapshot

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


def test_the_surface_is_what_a_script_needs():
    functions = {name for name in l10n.__all__ if callable(getattr(l10n, name)) and name[0].islower()}
    assert functions == {
        "add", "build", "check_translations", "compile_catalogs", "dump_catalog", "export", "import_files", "init",
        "load_catalog", "parse_catalog", "prefill", "save_catalog", "segment_html", "stats", "update",
    }  # fmt: skip
    for name in functions:
        assert inspect.signature(getattr(l10n, name)).return_annotation is not inspect.Signature.empty, name
    assert l10n.build.__annotations__["return"] == "BuildReport" and l10n.BuildReport.__name__ == "BuildReport"


def test_importing_l10n_loads_no_command_and_no_translation_service():
    code = "import l10n, sys; print(sorted(m for m in sys.modules if m.startswith(('deep_translator', 'l10n.site', "
    code += "'l10n.commands', 'l10n.translate', 'l10n.check', 'l10n.intake', 'mammoth', 'markdown_it'))))"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "[]\n"


LOCALE_CALLS = {
    "init": lambda project, code: l10n.init(project, code),
    "update": lambda project, code: l10n.update(project, code),
    "prefill": lambda project, code: l10n.prefill(project, code, provider="pseudo"),
    "check_translations": lambda project, code: l10n.check_translations(project, code),
    "stats": lambda project, code: l10n.stats(project, code),
    "build": lambda project, code: l10n.build(project, code),
    "export": lambda project, code: l10n.export(project, code, project.config.root / "export"),
    "compile_catalogs": lambda project, code: l10n.compile_catalogs(project, code),
}


@pytest.mark.parametrize("name", sorted(LOCALE_CALLS))
@pytest.mark.parametrize(
    "code, message",
    [
        ("en", "locale 'en' is the source language"),
        ("xx", "unknown locale 'xx'"),
    ],
)
def test_every_function_checks_its_locale_as_the_command_does(seeded: Path, name: str, code: str, message: str):
    project = l10n.Project.find(seeded)
    before = snapshot(seeded)
    with pytest.raises(l10n.L10nError) as raised:
        LOCALE_CALLS[name](project, code)
    assert message in str(raised.value)
    assert snapshot(seeded) == before  # nothing written, `locales/en/` least of all


@pytest.mark.parametrize("name", sorted(set(LOCALE_CALLS) - {"init"}))
def test_every_function_but_init_refuses_a_locale_without_catalogs(seeded: Path, name: str):
    project = l10n.Project.find(seeded)
    with pytest.raises(l10n.L10nError) as raised:
        LOCALE_CALLS[name](project, "fr")
    assert "no catalogs for fr; run `l10n init fr` first" in str(raised.value)
