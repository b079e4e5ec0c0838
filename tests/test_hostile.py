"""Hostile and odd input (issue 19): the threat model in one place.

l10n trusts the English sources and the project's settings to be the project's own, but not to be
well formed; it trusts nothing in translations, machine answers or catalogs edited by others.
Each section is one kind of attack, as a tester found it; every case goes through the real
command line (or the library) and real tools (msgfmt, polib, processes killed with SIGKILL).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import polib
import pytest

from conftest import ROOT, SEED, l10n, msgfmt_check, snapshot
from l10n.catalogs import pofile
from test_translate import Answer, LibreServer, libre, no_internet, online  # noqa: F401 - fixtures

SEED_DOMAIN = SEED.stem
CATALOG = Path("locales/zh/LC_MESSAGES") / f"{SEED_DOMAIN}.po"


def run_cli(project: Path, *args: str, limits: dict[int, int] | None = None) -> subprocess.CompletedProcess:
    """`python -m l10n.cli ARGS` in the project, in a process of its own (with resource limits)."""
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        for which, value in (limits or {}).items():
            resource.setrlimit(which, (value, value))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run([sys.executable, "-m", "l10n.cli", *args], cwd=project, env=env, capture_output=True,
                          text=True, preexec_fn=limit, timeout=120)


@pytest.fixture
def seeded(project: Path) -> Path:
    """The seed article with its catalogs."""
    shutil.copy(SEED, project / "source")
    l10n("update")
    return project


# -- row 15: errors name the file being written ----------------------------------------------------

def test_a_full_disk_names_the_file_being_written(seeded: Path):
    (seeded / "source" / "second.html").write_text("<html><body><p>A second article.</p></body></html>")
    before = snapshot(seeded / "locales")
    done = run_cli(seeded, "update", limits={resource.RLIMIT_FSIZE: 200})  # the kernel refuses bigger files
    assert done.returncode == 2, done.stderr
    assert done.stderr == "l10n: error: locales/templates/second.pot: File too large\n"
    assert snapshot(seeded / "locales") == before  # no temporary file left behind


def read_only(folder: Path) -> None:
    """Make a folder unwritable, for root too (which ignores permissions but not the immutable flag)."""
    if os.geteuid() != 0:
        folder.chmod(0o555)
    elif subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("running as root on a file system without the immutable flag")


def writable(folder: Path) -> None:
    if os.geteuid() != 0:
        folder.chmod(0o755)
    else:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_read_only_folder_names_the_file_not_its_temporary(seeded: Path):
    change_seed(seeded)
    folder = seeded / CATALOG.parent
    read_only(folder)
    try:
        result = l10n("update", code=2)
    finally:
        writable(folder)
    assert result.output.startswith(f"l10n: error: {CATALOG}: ")
    assert ".tmp" not in result.output and len(result.output.splitlines()) == 1


def change_seed(project: Path) -> None:
    """Edit the seed article's English, so that `update` rewrites its catalogs."""
    source = project / "source" / SEED.name
    source.write_text(source.read_text().replace("</h1>", " today</h1>", 1))


def test_update_keeps_a_fuzzy_flag_on_the_header(seeded: Path):
    po = seeded / CATALOG
    po.write_text(po.read_text().replace('msgid ""\nmsgstr ""\n"Project-Id', '#, fuzzy\nmsgid ""\nmsgstr ""\n"Project-Id', 1))
    assert polib.pofile(str(po)).metadata_is_fuzzy
    change_seed(seeded)
    l10n("update")
    assert polib.pofile(str(po)).metadata_is_fuzzy and "today" in po.read_text()


# -- row 7: entries l10n does not make ------------------------------------------------------------

FOREIGN = '''
#, fuzzy
msgid "One file"
msgid_plural "%d files"
msgstr[0] "%d 个文件"

# my own note
msgid "Translator entry"
msgstr "译者条目"

#~ msgid "Old file"
#~ msgid_plural "Old files"
#~ msgstr[0] ""
#~ msgstr[1] "旧文件"
'''


def test_plural_entries_and_a_translators_own_entries_are_kept_as_they_are(seeded: Path):
    po = seeded / CATALOG
    po.write_text(po.read_text() + FOREIGN)
    msgfmt_check(po)
    change_seed(seeded)
    l10n("update")
    text = po.read_text()
    assert "today" in text and FOREIGN.strip() in text
    entries = {e.msgid: e for e in polib.pofile(str(po))}
    assert entries["One file"].msgstr_plural == {0: "%d 个文件"} and not entries["One file"].obsolete
    assert entries["Translator entry"].msgstr == "译者条目" and not entries["Translator entry"].obsolete
    assert entries["Old file"].obsolete and entries["Old file"].msgstr_plural == {0: "", 1: "旧文件"}
    msgfmt_check(po)


# -- rows 1 and 4: catalogs l10n writes read back the same everywhere; broken ones are refused -----

SEPARATORS = "Line one\u2028line two. Para one\u2029para two. Next\x85line. Form\x1cfeed\x1drecord\x1eunit\x1f."
PAGE = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>\n' \
       "<body>\n<h1>{title}</h1>\n{body}\n</body></html>\n"


def write_article(project: Path, name: str, body: str, title: str = "An article") -> Path:
    path = project / "source" / name
    path.write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    return path


def read_back(po: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every active entry as l10n, polib and msgfmt read them, which must agree.

    polib is given the file's path: polib.pofile(text) splits lines at U+2028, U+2029, NEL and
    U+001C–U+001E too (str.splitlines), and so misreads such a catalog; polib.pofile(path) does not.
    """
    msgfmt_check(po)
    ours = [(e.msgid, e.msgstr) for e in pofile.load(po).active()]
    assert [(e.msgid, e.msgstr) for e in polib.pofile(str(po)) if not e.obsolete] == ours
    mo = po.with_suffix(".mo")
    subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True)
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo))}
    mo.unlink()
    assert all(compiled.get(msgid, msgstr) == msgstr for msgid, msgstr in ours if msgid)
    return ours


def test_line_separators_in_the_english_survive_update_and_every_reader(project: Path):
    source = write_article(project, "sep.html", f'<p title="{SEPARATORS}">{SEPARATORS}</p>')
    l10n("update")
    po = project / "locales/zh/LC_MESSAGES/sep.po"
    english = [msgid for msgid, _ in read_back(po)]
    assert "Line one\u2028line two." in english and "Form\x1cfeed\x1drecord\x1eunit\x1f." in english
    assert SEPARATORS in english  # the title attribute, whole
    source.write_text(source.read_text().replace("An article", "An edited article"), encoding="utf-8")
    l10n("update")  # the catalog it wrote is read back, merged and written again
    assert len(read_back(po)) == len(english)
    l10n("build", "zh")
    assert "Line one\u2028line two." in (project / "dist/zh/sep.html").read_text()


def test_line_separators_in_a_machine_answer_survive_translate_and_every_reader(project: Path, libre: LibreServer):
    write_article(project, "a.html", "<p>Work starts on Monday.</p>")
    l10n("update")
    online(project, libre, workers=1)
    answer = "Mon\u2028day\u2029A\x85B周一开工。"  # separators between Chinese characters are dropped as spaces
    libre.behave = lambda q, attempt: Answer(text=answer)
    l10n("translate", "zh")
    translations = dict(read_back(project / "locales/zh/LC_MESSAGES/a.po"))
    assert translations["Work starts on Monday."] == answer


@pytest.mark.parametrize("broken, message", [
    ('msgstr "你好', "syntax error: end of line within a string (missing closing quote)"),
    ('msgstr 你好"', "syntax error: missing opening quote"),
    ('msgstr "a\\000b"', "syntax error: a NUL character (msgfmt would cut the string there)"),
    ('msgstr "a\x00b"', "syntax error: a NUL character (msgfmt would cut the string there)"),
])
@pytest.mark.parametrize("command", [["update"], ["translate", "zh", "--provider", "pseudo"], ["build", "zh"],
                                     ["check", "zh"]])
def test_a_catalog_msgfmt_refuses_or_misreads_is_refused_and_left_as_it_is(seeded: Path, broken: str, message: str,
                                                                           command: list[str]):
    po = seeded / CATALOG
    lines = po.read_text().split("\n")
    at = lines.index('msgid "China visit boosts business links"') + 1
    lines[at] = broken
    po.write_text("\n".join(lines))
    change_seed(seeded)
    before = snapshot(seeded)
    result = l10n(*command, code=2)
    assert result.output == f"l10n: error: {CATALOG}:{at + 1}: {message}\n"
    assert snapshot(seeded) == before
