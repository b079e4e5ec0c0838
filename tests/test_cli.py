"""Small things a person trips on: where -v goes, pipes closed early, outside a project, counts."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from conftest import ROOT, SEED, catalog, l10n


def test_verbose_goes_before_or_after_the_command(seeded: Path):
    before = l10n("-v", "build", "zh", "--min-complete", "0").stdout
    shutil.rmtree(seeded / "dist")
    after = l10n("build", "zh", "--min-complete", "0", "-v").stdout
    assert after == before and "wrote dist/zh/china-visit-boosts-business-links.html" in after
    shutil.rmtree(seeded / "dist")
    assert "wrote" in l10n("build", "--verbose", "zh").stdout
    shutil.rmtree(seeded / "dist")
    assert "wrote" not in l10n("build", "zh").stdout
    assert "-v, --verbose" in l10n("translate", "--help").output


def test_outside_a_project_the_message_says_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(tmp_path)
    for command in (["stats"], ["update"], ["build", "zh"], ["translate", "zh"], ["check", "zh"], ["init", "zh"]):
        result = l10n(*command, code=2)
        assert (
            result.output == "l10n: error: no [tool.l10n] found in a pyproject.toml here or in any folder "
            "above: not an l10n project\n"
        )
    assert l10n("segment", SEED).output  # a page can be segmented anywhere
    assert list(tmp_path.iterdir()) == []


def test_a_pyproject_without_l10n_settings_is_no_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "tool"\n')
    monkeypatch.chdir(tmp_path)
    assert "not an l10n project" in l10n("stats", code=2).output
    (tmp_path / "source").mkdir()  # a source folder here is enough to work on, with the default settings
    l10n("init", "zh")


@pytest.mark.slow
def test_stats_into_a_pipe_closed_early_ends_quietly(seeded: Path):
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the first line is written, as `| head` soon is
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-m", "l10n.cli", "stats", "--json"],
        cwd=seeded,
        env=env,
        stdout=write,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )
    os.close(write)
    assert done.stderr == "" and done.returncode == 1
    shell = subprocess.run(
        f"'{sys.executable}' -m l10n.cli stats --json | head -n 1",
        shell=True,
        cwd=seeded,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shell.stderr == "" and json.loads(shell.stdout)["locale"] == "zh"


def test_check_prints_its_count_when_all_is_well(seeded: Path):
    result = l10n("check", "zh")
    # Nothing reviewed: it says it checked nothing, and why.
    expected = "l10n: 0 errors, 0 warnings; 0 entries checked; not checked: 49 untranslated, 14 fuzzy (--include-fuzzy checks them)\n"
    assert result.stdout == "" and result.stderr == expected
    po = catalog(seeded, "china-visit-boosts-business-links")
    for entry in po[:10]:
        entry.msgstr, entry.flags = entry.msgid, ["fuzzy"]
    po.save()
    result = l10n("check", "zh", "source")
    expected = "0 entries checked; not checked: 14 untranslated, 10 fuzzy (--include-fuzzy checks them)\n"
    assert result.stderr.endswith(expected)


def review(project: Path, domain: str, count: int) -> None:
    """Translate the first `count` units of a catalog, reviewed."""
    po = catalog(project, domain)
    for entry in [e for e in po if not e.obsolete][:count]:
        entry.msgstr = "译文"
    po.save()


def test_stats_and_build_agree_on_the_percent_reviewed(seeded: Path):
    domain = SEED.stem
    units = len([e for e in catalog(seeded, domain) if not e.obsolete])
    review(seeded, domain, units * 2 // 3)
    rows = [json.loads(line) for line in l10n("stats", "--json").stdout.splitlines()]
    percent = next(r for r in rows if r["article"] == domain)["percent"]
    assert percent != int(percent)  # a fraction: rounding would show any disagreement
    result = l10n("build", "zh", "--min-complete", str(percent + 0.05))
    skipped = re.search(rf"1 not published \(below [\d.]+%\): {domain}\.html ([\d.]+)%", result.output)
    assert skipped and float(skipped.group(1)) == percent
    result = l10n("build", "zh", "--min-complete", str(percent))
    assert "0 not published" in result.output and (seeded / "dist" / "zh" / f"{domain}.html").exists()


def test_stats_and_build_count_only_active_entries(seeded: Path):
    domain = SEED.stem
    po = catalog(seeded, domain)
    for entry in po:
        entry.msgstr = "译文"
    po.append(polib.POEntry(msgid="Gone", msgstr="", obsolete=True))  # obsolete: counted by neither
    po.save()
    rows = [json.loads(line) for line in l10n("stats", "--json").stdout.splitlines()]
    assert next(r for r in rows if r["article"] == domain)["percent"] == 100.0
    assert "0 not published" in l10n("build", "zh", "--min-complete", "100").output


def test_the_command_line_imports_a_command_only_when_it_runs():
    """`l10n --help` and a command's start pay for no other command (issue 30: small sites)."""
    from l10n import cli
    from l10n.commands import exchange

    assert cli.EXCHANGE_FORMATS == exchange.FORMATS
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, l10n.cli; print(' '.join(sorted(sys.modules)))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    heavy = ["l10n.site.build", "l10n.segment.document", "l10n.commands.catalogs", "l10n.check.checks"]
    heavy += ["l10n.translate.prefill", "concurrent.futures.process", "rapidfuzz", "lxml.cssselect"]
    assert [name for name in heavy if name in loaded] == []


def test_a_build_with_nothing_to_do_imports_no_page_making_code(seeded: Path):
    """A no-op build is a stat of every file (issue 30): it pays for importing no page reader,
    no segmenting and none of the code that makes pages; the build that makes them does."""
    script = (
        "import sys\nfrom l10n.cli import main\ntry:\n    main(['build', 'zh'])\nexcept SystemExit:\n    pass\n"
        "print(' '.join(sorted(sys.modules)))"
    )

    def build() -> list[str]:
        done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
        assert "published" in done.stdout
        return done.stdout.split()

    heavy = ["lxml.html", "l10n.segment.htmlio", "l10n.segment.document", "l10n.site.skeleton", "l10n.site.links"]
    first, again = build(), build()
    assert [name for name in heavy if name not in first] == []  # the first build makes the pages
    assert [name for name in heavy if name in again] == []
