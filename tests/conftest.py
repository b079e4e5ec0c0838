"""Shared fixtures: throwaway projects, the CLI, GNU gettext's msgfmt, page comparison."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner, Result

from l10n.cli import main
from l10n.segment.htmlio import read_html

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# A copy of the sample project as shipped when these tests were written (the seed article, its
# assets, catalogs and glossary): the tests do not depend on what the project's own source/ and
# locales/ hold now. tests/test_shipped.py checks those.
SEED_PROJECT = DATA / "seed"
SEED = SEED_PROJECT / "source" / "china-visit-boosts-business-links.html"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty project (pyproject.toml and source/) that is the current folder."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "site"\n\n[tool.l10n]\nlanguages = ["zh"]\n')
    (tmp_path / "source").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def seeded(project: Path) -> Path:
    """The seed article with its catalogs (`l10n init zh`)."""
    shutil.copy(SEED, project / "source")
    l10n("init", "zh")
    return project


def l10n(*args: str, code: int = 0) -> Result:
    """Run the CLI in-process and check its exit status."""
    result = CliRunner().invoke(main, [str(a) for a in args], prog_name="l10n")
    assert result.exit_code == code, (result.output, result.exception)
    assert "Traceback" not in result.output
    return result


def msgfmt_check(path: Path) -> None:
    """GNU msgfmt --check accepts the catalog; a .po must not even draw a warning."""
    assert shutil.which("msgfmt"), "GNU gettext's msgfmt is needed (apt-get install gettext)"
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    if path.suffix == ".po":
        assert done.stderr == "", done.stderr


def catalog(project: Path, domain: str, locale: str = "zh") -> polib.POFile:
    return polib.pofile(str(project / "locales" / locale / "LC_MESSAGES" / f"{domain}.po"))


def translate_all(path: Path, translate=lambda msgid: msgid) -> None:
    """Fill every msgstr of a catalog (identity by default), as a translator would."""
    po = polib.pofile(str(path))
    for entry in po:
        if not entry.obsolete:
            entry.msgstr = translate(entry.msgid)
            if entry.fuzzy:
                entry.flags.remove("fuzzy")
    po.save()


def without_chrome(page):
    """A built page without the switcher and notices the build adds around the content."""
    for el in page.xpath("//*[@data-l10n='switcher' or @data-l10n='machine-notice' or @data-l10n='english-notice']"):
        el.drop_tree()
    return page


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder and its bytes, but the locks in the cache (l10n's own: a
    command that may write catalogs or pages makes its lock first, and it stays)."""
    return {
        name: p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not ((name := str(p.relative_to(folder))).startswith(".l10n-cache/") and p.suffix == ".lock")
    }


def tree_signature(path: Path) -> list[tuple]:
    """A page as (tag, attributes, text, tail) in document order, without what the build adds.

    Elements marked data-l10n (added by the build) are left out with their tails; lang and dir
    on <html> and a charset declaration's value are ignored.
    """
    root = read_html(path).root
    for added in list(root.iter()):
        if isinstance(added.tag, str) and added.get("data-l10n") is not None:
            added.getparent().remove(added)
    out = []
    for el in root.iter():
        attrs = dict(el.attrib) if isinstance(el.tag, str) else {}
        if el.tag == "html":
            attrs.pop("lang", None)
            attrs.pop("dir", None)
        if "charset" in attrs:
            attrs["charset"] = "*"
        out.append((el.tag if isinstance(el.tag, str) else "#comment", attrs, el.text, el.tail))
    return out
