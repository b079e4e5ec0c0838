"""Bad input: one line naming the file (and line), exit status 2, no traceback, no file changed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import SEED, l10n, snapshot


@pytest.fixture
def built(project: Path) -> Path:
    shutil.copy(SEED, project / "source")
    l10n("init", "zh")
    l10n("build", "zh")
    return project


def assert_one_line_error(output: str, expected: str) -> None:
    lines = output.strip().splitlines()
    assert len(lines) == 1, output
    assert lines[0] == f"l10n: error: {expected}"


def test_corrupt_catalog(built: Path):
    po = built / "locales" / "zh" / "LC_MESSAGES" / "china-visit-boosts-business-links.po"
    text = po.read_text().splitlines()
    at = next(i for i, line in enumerate(text) if i > 2 and line.startswith("msgstr")) + 1  # the first entry's
    text.insert(at, 'msgstr "a dangling second msgstr"')
    po.write_text("\n".join(text) + "\n")
    before = snapshot(built)
    for command in (["build", "zh"], ["update"], ["compile", "zh"]):
        result = l10n(*command, code=2)
        assert_one_line_error(
            result.output,
            f"locales/zh/LC_MESSAGES/china-visit-boosts-business-links.po:{at + 1}: "
            "syntax error: msgstr must follow msgid",
        )
    assert snapshot(built) == before


def test_catalog_that_is_not_utf8(built: Path):
    po = built / "locales" / "zh" / "LC_MESSAGES" / "china-visit-boosts-business-links.po"
    po.write_bytes(po.read_bytes().replace(b'msgid "Watch', b'msgid "W\xffatch', 1))
    before = snapshot(built)
    result = l10n("build", "zh", code=2)
    assert "china-visit-boosts-business-links.po:" in result.output and "not valid UTF-8" in result.output
    assert snapshot(built) == before


def test_duplicate_entry_in_catalog(built: Path):
    po = built / "locales" / "zh" / "LC_MESSAGES" / "china-visit-boosts-business-links.po"
    po.write_text(po.read_text() + '\nmsgid "Watch a video of the visit below:"\nmsgstr "视频"\n')
    result = l10n("update", code=2)
    assert "duplicate message definition" in result.output


def test_unknown_locale(built: Path):
    before = snapshot(built)
    for command in (["build", "klingon"], ["init", "xx"], ["compile", "zz"], ["update", "zh", "qq"]):
        result = l10n(*command, code=2)
        assert "unknown locale" in result.output
    assert snapshot(built) == before


def test_unknown_locale_in_settings(project: Path):
    (project / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["zh", "xx"]\n')
    result = l10n("build", code=2)
    assert_one_line_error(
        result.output, "pyproject.toml: setting 'languages': unknown locale 'xx' (Babel knows no such locale)"
    )


def test_bad_setting(project: Path):
    (project / "pyproject.toml").write_text('[tool.l10n]\nsegmentation = "words"\n')
    result = l10n("update", code=2)
    assert "pyproject.toml: setting 'segmentation' must be one of sentence, paragraph" in result.output


def test_missing_source_folder(project: Path):
    shutil.rmtree(project / "source")
    result = l10n("build", "zh", code=2)
    assert_one_line_error(result.output, "source: source folder does not exist")
    result = l10n("--source", "elsewhere", "update", code=2)
    assert_one_line_error(result.output, "elsewhere: source folder does not exist")


def test_undecodable_source(built: Path):
    bad = built / "source" / "bad.html"
    bad.write_bytes(b"<html><body>\n<p>Fine line</p>\n<p>Caf\xe9 with no charset declared</p></body></html>")
    result = l10n("build", "zh", code=1)  # one page never stops a build: named, the rest built
    assert result.output.splitlines()[0] == "l10n: error: source/bad.html:3: cannot decode byte 0xe9 as utf-8"
    assert not (built / "dist" / "en" / "bad.html").exists() and (built / "dist" / "en" / "index.html").exists()
    l10n("segment", bad, code=2)


def test_empty_source(built: Path):
    (built / "source" / "empty.html").write_text("  \n")
    result = l10n("update", code=1)
    assert_one_line_error(result.output, "source/empty.html: the page is empty")


def test_bad_usage_exits_2(project: Path):
    assert l10n("build", "--no-such-option", code=2).output.startswith("Usage:")
    assert l10n("segment", "missing.html", code=2).output.startswith("Usage:")
    assert l10n("init", code=2).output.startswith("Usage:")


@pytest.mark.parametrize("command", ["segment", "extract", "init", "update", "compile", "build"])
def test_every_command_has_help(command: str):
    assert "Usage: l10n " + command in l10n(command, "--help").output
