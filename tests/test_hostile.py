"""Hostile and odd input (issue 19): the threat model in one place.

l10n trusts the English sources and the project's settings to be the project's own, but not to be
well formed; it trusts nothing in translations, machine answers or catalogs edited by others.
Each section is one kind of attack, as a tester found it; every case goes through the real
command line (or the library) and real tools (msgfmt, polib, processes killed with SIGKILL).
"""

from __future__ import annotations

import codecs
import http.client
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import lxml.html
import polib
import pytest
from browser import Chromium
from conftest import ROOT, SEED, l10n, msgfmt_check, snapshot
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from test_interchange import edit
from test_translate import Answer, LibreServer, configure, libre, no_internet, online  # noqa: F401 - fixtures

from l10n.formats import pofile
from l10n.formats.transunits import unit_id
from l10n.locales import parse_locale
from l10n.site.surround import Version, chooser_page
from l10n.site.texts import Texts
from l10n.store import load_catalog, save_catalog

SEED_DOMAIN = SEED.stem
# What no page can carry (C0 controls but tab, line feed and carriage return; noncharacters).
UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufdd0-\ufdef\ufffe\uffff]")
CATALOG = Path("locales/zh/LC_MESSAGES") / f"{SEED_DOMAIN}.po"


def run_cli(project: Path, *args: str, limits: dict[int, int] | None = None) -> subprocess.CompletedProcess:
    """`python -m l10n.cli ARGS` in the project, in a process of its own (with resource limits)."""

    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails instead of killing
        for which, value in (limits or {}).items():
            resource.setrlimit(which, (value, value))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(
        [sys.executable, "-m", "l10n.cli", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        preexec_fn=limit,
        timeout=120,
    )


@pytest.fixture
def started(project: Path) -> Path:
    """A project whose locale zh is started: one good article and its catalogs."""
    write_article(project, "ok.html", "<p>Fine.</p>")
    l10n("init", "zh")
    return project


# -- row 15: errors name the file being written ----------------------------------------------------


@pytest.mark.slow
def test_a_full_disk_names_the_file_being_written(seeded: Path):
    (seeded / "source" / "second.html").write_text("<html><body><p>A second article.</p></body></html>")
    before = snapshot(seeded / "locales")
    done = run_cli(seeded, "update", limits={resource.RLIMIT_FSIZE: 200})  # the kernel refuses bigger files
    assert done.returncode == 2, done.stderr
    # The first file written is the record of work done (SQLite, issue 30), or else the template.
    assert done.stderr in (
        "l10n: error: locales/templates/second.pot: File too large\n",
        "l10n: error: .l10n-cache/catalogs.sqlite3: cannot write: disk I/O error\n",
    ), done.stderr
    assert snapshot(seeded / "locales") == before  # no temporary file left behind
    assert not list((seeded / ".l10n-cache").glob("*.new"))


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
    po.write_text(
        po.read_text().replace('msgid ""\nmsgstr ""\n"Project-Id', '#, fuzzy\nmsgid ""\nmsgstr ""\n"Project-Id', 1)
    )
    assert polib.pofile(str(po)).metadata_is_fuzzy
    change_seed(seeded)
    l10n("update")
    assert polib.pofile(str(po)).metadata_is_fuzzy and "today" in po.read_text()


# -- row 7: entries l10n does not make ------------------------------------------------------------

FOREIGN = """
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
"""


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

SEPARATORS = "Line one\u2028line two. Para one\u2029para two. Next\x85line. Delete\x7fand\x9bC1."
PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{title}</title></head>\n'
    "<body>\n<h1>{title}</h1>\n{body}\n</body></html>\n"
)


def write_article(project: Path, name: str, body: str, title: str = "An article") -> Path:
    path = project / "source" / name
    path.write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    return path


def read_back(po: Path) -> list[tuple[str, str]]:
    """(msgid, msgstr) of every active entry as l10n, polib and msgfmt read them, which must agree.

    polib is given the file's path: polib.pofile(text) splits lines at U+2028, U+2029, NEL and
    U+001C–U+001E too (str.splitlines), and so misreads such a catalog; polib.pofile(path) does not.
    polib reads gettext's escape for BEL, `\\a`, as the two characters `\\` and `a`.
    """
    msgfmt_check(po)
    ours = [(e.msgid, e.msgstr) for e in load_catalog(po).active()]
    theirs = [(e.msgid, e.msgstr.replace("\\a", "\a")) for e in polib.pofile(str(po)) if not e.obsolete]
    assert theirs == ours
    mo = po.with_suffix(".mo")
    subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True)
    compiled = {e.msgid: e.msgstr for e in polib.mofile(str(mo))}
    mo.unlink()
    assert all(compiled.get(msgid, msgstr) == msgstr for msgid, msgstr in ours if msgid)
    return ours


def test_line_separators_in_the_english_survive_update_and_every_reader(project: Path):
    source = write_article(project, "sep.html", f'<p title="{SEPARATORS}">{SEPARATORS}</p>')
    l10n("init", "zh")
    po = project / "locales/zh/LC_MESSAGES/sep.po"
    english = [msgid for msgid, _ in read_back(po)]
    assert "Line one\u2028line two." in english and "Delete\x7fand\x9bC1." in english
    assert SEPARATORS in english  # the title attribute, whole
    source.write_text(source.read_text().replace("An article", "An edited article"), encoding="utf-8")
    l10n("update")  # the catalog it wrote is read back, merged and written again
    assert len(read_back(po)) == len(english)
    l10n("build", "zh", "--min-complete", "0")
    assert "Line one\u2028line two." in (project / "dist/zh/sep.html").read_text()


def test_line_separators_in_a_machine_answer_survive_translate_and_every_reader(project: Path, libre: LibreServer):
    write_article(project, "a.html", "<p>Work starts on Monday.</p>")
    l10n("init", "zh")
    online(project, libre, workers=1)
    answer = "Mon\u2028day\u2029A\x85B周一开工。"  # separators between Chinese characters are dropped as spaces
    libre.behave = lambda q, attempt: Answer(text=answer)
    l10n("translate", "zh")
    translations = dict(read_back(project / "locales/zh/LC_MESSAGES/a.po"))
    assert translations["Work starts on Monday."] == answer


@pytest.mark.parametrize(
    "broken, message",
    [
        ('msgstr "你好', "syntax error: end of line within a string (missing closing quote)"),
        ('msgstr 你好"', "syntax error: missing opening quote"),
        ('msgstr "a\\000b"', "syntax error: a NUL character (msgfmt would cut the string there)"),
        ('msgstr "a\x00b"', "syntax error: a NUL character (msgfmt would cut the string there)"),
        ('msgstr "a\x04b"', "syntax error: context separator <EOT> within string"),
        ('msgstr "\\n你好"', "syntax error: 'msgid' and 'msgstr' entries do not both begin with '\\n'"),
        ('msgstr "你好\\n"', "syntax error: 'msgid' and 'msgstr' entries do not both end with '\\n'"),
        ('msgstr "a\\004b"', "syntax error: context separator <EOT> within string"),
    ],
)
@pytest.mark.parametrize("command", [["update"], ["translate", "zh"], ["build", "zh"], ["check", "zh"]])
def test_a_catalog_msgfmt_refuses_or_misreads_is_refused_and_left_as_it_is(
    seeded: Path, broken: str, message: str, command: list[str]
):
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


# -- row 3 and 15: text no page can carry -------------------------------------------------------------


def translate_seed(project: Path, translations: dict[str, str]) -> None:
    """Give some entries of the seed catalog reviewed translations (written as l10n writes them)."""
    po = project / CATALOG
    catalog = load_catalog(po)
    for entry in catalog:
        if entry.msgid in translations:
            entry.msgstr, entry.flags = translations[entry.msgid], []
    save_catalog(catalog, po)


STRUCTURED = """<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Roads reopen"}</script>"""


def test_a_translation_no_page_can_carry_falls_back_to_english_with_a_warning(project: Path):
    write_article(
        project,
        "r.html",
        '<p>The roads reopen today.</p><img src="r.jpg" alt="A road">' + STRUCTURED,
        title="Roads reopen",
    )
    l10n("init", "zh")
    po = project / "locales/zh/LC_MESSAGES/r.po"
    bad = {"Roads reopen": "道路\b重开", "The roads reopen today.": "道路今天\ufffe重开。", "A road": "一条\x01路"}
    catalog = load_catalog(po)
    for entry in catalog:
        entry.msgstr = bad[entry.msgid]
    save_catalog(catalog, po)
    msgfmt_check(po)  # msgfmt takes control characters: only pages cannot
    result = l10n("build", "zh")
    for entry in load_catalog(po):
        char = UNWRITABLE.search(entry.msgstr).group(0)
        assert (
            f"l10n: warning: locales/zh/LC_MESSAGES/r.po:{entry.line}: the translation holds U+{ord(char):04X}, "
            "a control character or noncharacter no page can carry; shown in English" in result.output
        )
    html = (project / "dist/zh/r.html").read_text()
    assert not UNWRITABLE.search(html)
    assert (
        '<h1 lang="en" data-l10n-fallback="">Roads reopen</h1>' in html
        and 'alt="A road"' in html
        and '"headline": "Roads reopen"' in html
    )
    assert "Roads reopen" in (project / "dist/zh/index.html").read_text()  # the indexes are written too


@pytest.mark.parametrize("char", ["\b", "\x01", "\x00", "\ufffe"])
def test_a_machine_answer_no_page_can_carry_is_rejected(project: Path, libre: LibreServer, char: str):
    write_article(project, "a.html", "<p>Work starts on Monday.</p>")
    l10n("init", "zh")
    online(project, libre, workers=1)
    libre.behave = lambda q, attempt: Answer(text=f"周一{char}开工。")
    result = l10n("translate", "zh", code=1)
    assert (
        f"libre: answer has U+{ord(char):04X}, a control character or noncharacter no page can carry" in result.output
    )
    assert all(e.msgstr == "" for e in load_catalog(project / "locales/zh/LC_MESSAGES/a.po"))


SOURCE_CONTROLS = (
    "<p>Bell\x07 and back\x08space, NUL\x00 and form\x0cfeed; &#1;&#x8;&#xFFFE;&#0;&#12; by reference.</p>"
)


def test_control_characters_in_the_source_become_replacement_characters(project: Path):
    source = write_article(project, "c.html", SOURCE_CONTROLS, title="Title\x01")
    l10n("init", "zh")
    po = project / "locales/zh/LC_MESSAGES/c.po"
    english = [msgid for msgid, _ in read_back(po)]
    assert "Title\ufffd" in english
    assert "Bell\ufffd and back\ufffdspace, NUL\ufffd and form feed; \ufffd\ufffd\ufffd\ufffd by reference." in english
    translate_all_of(po)
    l10n("build", "zh")
    for lang in ("en", "zh"):
        page = (project / "dist" / lang / "c.html").read_text()
        assert "form feed; \ufffd\ufffd\ufffd\ufffd" in page and not UNWRITABLE.search(page)
    assert "Title\ufffd" in (project / "dist/zh/index.html").read_text()
    assert source.read_text(encoding="utf-8").count("\x00") == 1  # the source itself is not changed


def translate_all_of(po: Path) -> None:
    """Every entry translated as its English with 译 in front, reviewed."""
    catalog = load_catalog(po)
    for entry in catalog:
        entry.msgstr, entry.flags = "译" + entry.msgid, []
    save_catalog(catalog, po)


@pytest.mark.parametrize(
    "msgstr, found",
    [
        ("中国\x01访问", "U+0001"),
        ("中国\b访问", "U+0008"),
        ("中国\u202e访问", "U+202E"),
        ("中国\u2066访问\u2069", "U+2066, U+2069"),
        ("中国\ue000访问", "U+E000"),
        ("中国\U000f0001访问", "U+F0001"),
        ("中国\x85访问", "U+0085"),
        ("中国\ufdd0访问", "U+FDD0"),
    ],
)
def test_check_reports_control_bidi_override_and_private_use_characters(seeded: Path, msgstr: str, found: str):
    title = "China visit boosts business links"
    translate_seed(seeded, {title: msgstr})
    result = l10n("check", "zh", code=1)
    line = next(e.line for e in load_catalog(seeded / CATALOG) if e.msgid == title)
    assert (
        f"{CATALOG}:{line}: error: characters: a control, bidi-override, private-use or noncharacter the English "
        f"does not have: {found}" in result.output
    )


def test_check_allows_a_private_use_character_the_english_has(project: Path):
    write_article(project, "icon.html", "<p>Call us \ue0b0 today.</p>")
    l10n("init", "zh")
    po = project / "locales/zh/LC_MESSAGES/icon.po"
    translate_all_of(po)
    assert "characters" not in l10n("check", "zh", code=1).output  # other checks find the English left in


def test_control_characters_a_translator_wrote_survive_update_and_every_reader(seeded: Path):
    controls = (
        "".join(chr(c) for c in range(1, 0x20) if c not in (0x04, 0x0A)) + "\x7f\x85\u2028\u2029"
    )  # EOT: see above
    title = "China visit boosts business links"
    translate_seed(seeded, {title: f"中国{controls}访问"})
    change_seed(seeded)
    l10n("update")
    assert dict(read_back(seeded / CATALOG))[title] == f"中国{controls}访问"


def test_a_machine_answer_ending_with_a_line_break_is_written_as_msgfmt_reads_it(project: Path, libre: LibreServer):
    write_article(project, "a.html", "<p>Work starts on Monday.</p><p>Buses run as normal.</p>")
    l10n("init", "zh")
    online(project, libre, workers=1)
    libre.behave = lambda q, attempt: Answer(text="\n周一开工。\n\n" if "Monday" in q else "公交照常运行。\n")
    l10n("translate", "zh")
    po = project / "locales/zh/LC_MESSAGES/a.po"
    translations = {e.msgid: e.msgstr for e in load_catalog(po)}
    assert (
        translations["Work starts on Monday."] == "周一开工。"
        and translations["Buses run as normal."] == "公交照常运行。"
    )
    translate_all_of(po)  # reviewed: msgfmt checks them now
    read_back(po)


def test_an_xliff_target_msgfmt_would_refuse_is_refused(seeded: Path):
    title = next(e for e in load_catalog(seeded / CATALOG) if e.msgid == "China visit boosts business links")
    l10n("export", "zh", "--out", "cat")
    xlf = seeded / "cat" / f"{SEED_DOMAIN}.xlf"
    edit(xlf, "xliff2", {unit_id(title): ("中国访问\n", "final")})
    before = (seeded / CATALOG).read_bytes()
    result = l10n("import", str(xlf), code=1)
    assert "refused: 'msgid' and 'msgstr' entries do not both end with '\\n' (msgfmt refuses that)" in result.output
    assert (seeded / CATALOG).read_bytes() == before


NO_CATALOG = "refused: <cp hex='{code}'> is a character no catalog can hold"
MARKER = "refused: holds U+{code}, a bidi control or private-use marker the English does not have"


@pytest.mark.parametrize(
    ("code", "said"),
    [("0000", NO_CATALOG), ("0004", NO_CATALOG), ("D800", NO_CATALOG)]
    + [(code, MARKER) for code in ("F0000", "202E", "2066")],  # row 6: markers and bidi controls
)
def test_an_xliff_code_point_no_catalog_can_hold_or_a_marker_is_refused(seeded: Path, code: str, said: str):
    title = next(e for e in load_catalog(seeded / CATALOG) if e.msgid == "China visit boosts business links")
    l10n("export", "zh", "--out", "cat")
    xlf = seeded / "cat" / f"{SEED_DOMAIN}.xlf"
    edit(xlf, "xliff2", {unit_id(title): (f'中国<cp hex="{code}"/>访问', "final")})
    before = (seeded / CATALOG).read_bytes()
    result = l10n("import", str(xlf), code=1)
    assert said.format(code=code) in result.output
    assert (seeded / CATALOG).read_bytes() == before


# -- rows 3 and 14: `l10n serve` answers every request and keeps rebuilding ------------------------

PREVIEW = ".l10n-cache/preview"  # where serve builds


class Server:
    """`l10n serve` in a process of its own, on a free port."""

    def __init__(self, project: Path):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "l10n.cli", "serve", "--port", str(self.port)],
            cwd=project,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.messages: list[str] = []
        threading.Thread(target=lambda: self.messages.extend(self.process.stderr), daemon=True).start()
        self.wait_for(lambda: self.get("/")[0] == 200)

    def get(self, path: str) -> tuple[int, str]:
        """The status and body of a GET of a raw path (0: no answer)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
        try:
            connection.putrequest("GET", path, skip_accept_encoding=True)
            connection.endheaders()
            response = connection.getresponse()
            return response.status, response.read().decode("utf-8", "replace")
        except OSError:
            return 0, ""
        finally:
            connection.close()

    @staticmethod
    def wait_for(condition: Callable[[], bool], timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, "timed out"
            time.sleep(0.1)

    def stop(self) -> str:
        """Stop the server; what it wrote on stderr."""
        self.process.terminate()
        self.process.wait(timeout=10)
        return "".join(self.messages)


@pytest.mark.slow
def test_serve_answers_bad_paths_with_400_or_404_and_never_follows_a_link_out(project: Path, tmp_path_factory):
    write_article(project, "a.html", "<p>Roads reopen.</p>")
    outside = tmp_path_factory.mktemp("outside") / "secret.txt"
    outside.write_text("the secret")
    l10n("init", "zh")
    server = Server(project)
    preview = project / PREVIEW
    try:
        (preview / "en/secret.txt").symlink_to(outside)
        (preview / "en/secrets").symlink_to(outside.parent, target_is_directory=True)
        (preview / "en/inside.html").symlink_to(preview / "en/a.html")
        assert server.get("/zh/%00")[0] == 400
        assert server.get("/zh/a%00.html")[0] == 400
        assert server.get("/zh/%ed%a0%80.html")[0] == 400  # a lone surrogate: no file name
        assert server.get("/en/secret.txt") == (404, server.get("/en/nothing.txt")[1])
        assert server.get("/en/secrets/secret.txt")[0] == 404 and server.get("/en/secrets/")[0] == 404
        assert server.get("/../../../../etc/passwd")[0] == 404
        assert server.get("/en/inside.html")[0] == 200  # a link within the output is fine
        assert server.get("/en/a.html")[0] == 200
    finally:
        errors = server.stop()
    assert "Traceback" not in errors and "the secret" not in errors


@pytest.mark.slow
def test_serve_keeps_rebuilding_after_a_failed_build(project: Path):
    source = write_article(project, "a.html", "<p>Roads reopen.</p>")
    l10n("init", "zh")
    server = Server(project)
    try:
        page = project / PREVIEW / "en/a.html"
        page.unlink()
        page.mkdir()  # the build cannot write the page: an OSError, not a mistake in the input
        source.write_text(source.read_text().replace("Roads reopen.", "Roads reopen today."))
        server.wait_for(lambda: any("error: " in line for line in server.messages))
        page.rmdir()
        source.write_text(source.read_text().replace("today", "tomorrow"))
        server.wait_for(lambda: "Roads reopen tomorrow." in server.get("/en/a.html")[1])
    finally:
        errors = server.stop()
    assert "Traceback" not in errors


# -- row 6: charsets that make markup of text -----------------------------------------------------


@pytest.mark.parametrize(
    "charset, body",
    [
        ("utf-7", "+ADw-script+AD4-alert(1)+ADw-/script+AD4-"),
        ("raw-unicode-escape", "\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"),
        ("hz", "~{!!~}<b>x</b>"),
        ("utf-16", "text"),
        ("cp037", "text"),
    ],
)
@pytest.mark.parametrize("command", [["update"], ["build", "zh"], ["segment", "source/x.html"]])
def test_a_charset_that_is_not_ascii_compatible_is_refused(started: Path, charset: str, body: str, command: list[str]):
    project = started
    l10n("build", "zh")  # the good article's pages are made: a build refusing the page changes nothing
    page = f'<html><head><meta charset="{charset}"><title>T</title></head><body><p>{body}</p></body></html>'
    (project / "source/x.html").write_bytes(page.encode("ascii"))
    before = snapshot(project / "locales")
    result = l10n(*command, code=2 if command[0] == "segment" else 1)  # one page never stops the others
    assert result.output.splitlines()[0] == (
        f"l10n: error: source/x.html: charset {charset!r} declared, which is not ASCII-compatible "
        "(browsers do not read pages in it); save the page as UTF-8"
    )
    assert snapshot(project / "locales") == before and not (project / "dist/zh/x.html").exists()


def test_utf16_with_a_byte_order_mark_is_still_read(project: Path):
    page = '<html><head><meta charset="utf-16"><title>T</title></head><body><p>Roads reopen.</p></body></html>'
    (project / "source/x.html").write_bytes(codecs.BOM_UTF16_LE + page.encode("utf-16-le"))
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    assert "Roads reopen." in (project / "dist/zh/x.html").read_text()


# -- row 10: deep nesting -----------------------------------------------------------------------------


def nested(depth: int, text: str) -> str:
    """A paragraph inside `depth` - 3 divs: `depth` elements from <html> down to the <p>."""
    return "<div>" * (depth - 3) + f"<p>{text}</p>" + "</div>" * (depth - 3) + "<p>After the nest.</p>"


@pytest.mark.parametrize("depth", [256, 300, 512])
def test_nesting_as_deep_as_browsers_nest_is_read_whole(project: Path, depth: int):
    write_article(project, "deep.html", nested(depth, "Deep down."), title="Deep")
    l10n("init", "zh")
    english = [e.msgid for e in load_catalog(project / "locales/zh/LC_MESSAGES/deep.po")]
    assert english == ["Deep", "Deep down.", "After the nest."]
    translate_all_of(project / "locales/zh/LC_MESSAGES/deep.po")
    l10n("build", "zh")
    page = (project / "dist/zh/deep.html").read_text()
    assert "译Deep down." in page and "译After the nest." in page


@pytest.mark.parametrize("depth", [513, 3000])
@pytest.mark.parametrize("command", [["update"], ["build", "zh"]])
def test_deeper_nesting_is_refused_with_one_line(started: Path, depth: int, command: list[str]):
    project = started
    write_article(project, "deep.html", nested(depth, "Deep down."), title="Deep")
    before = snapshot(project / "locales")
    result = l10n(*command, code=1)  # named in one line; the rest of the site goes on
    assert result.output.splitlines()[0] == (
        "l10n: error: source/deep.html: elements are nested more than 512 deep (browsers stop nesting there too)"
    )
    assert snapshot(project / "locales") == before and not (project / "dist/zh/deep.html").exists()


# -- row 15: raw text elements ------------------------------------------------------------------------

RAW = "a <b>bold</b> &amp; &lt;i&gt; y"
RAW_PAGE = (
    f'<p>Before.</p><xmp title="Markup">{RAW}</xmp><listing>{RAW}</listing><noembed>{RAW}</noembed>'
    f'<noframes>{RAW}</noframes><p>An <iframe src="about:blank">{RAW}</iframe> frame.</p>'
    f"<plaintext>{RAW}</plaintext><p>Not a paragraph.</p>"
)


@pytest.mark.slow
@pytest.mark.browser
def test_raw_text_elements_show_in_the_built_pages_as_in_the_source(project: Path):
    source = write_article(project, "raw.html", RAW_PAGE, title="Raw")
    l10n("init", "zh")
    english = [e.msgid for e in load_catalog(project / "locales/zh/LC_MESSAGES/raw.po")]
    assert english == ["Raw", "Before.", "Markup", "a <b1>bold</b1> & <i> y", "An <iframe1/> frame."]
    translate_all_of(project / "locales/zh/LC_MESSAGES/raw.po")
    l10n("build", "zh")
    script = (
        "[...document.querySelectorAll('xmp, listing, noembed, noframes, iframe, plaintext')]"
        ".map(e => e.tagName + ': ' + e.innerHTML)"
    )
    with Chromium() as browser:
        shown = browser.open(source).evaluate(script)
        assert any("<b>bold</b>" in text for text in shown)
        for lang in ("en", "zh"):
            assert browser.open(project / "dist" / lang / "raw.html").evaluate(script) == [
                text.replace("LISTING: a <b>bold</b>", f"LISTING: {'译' * (lang == 'zh')}a <b>bold</b>")
                for text in shown
            ]


# -- row 2: the output folder stays apart from the articles and catalogs ----------------------------


@pytest.mark.parametrize(
    "setting, args, message",
    [
        ('output = "source"', [], "the output folder source/ and the source folder source/ overlap"),
        ('output = "."', [], "the output folder ./ and the source folder source/ overlap"),  # holds them
        ('output = "source/dist"', [], "the output folder source/dist/ and the source folder source/ overlap"),
        ('output = "locales/zh"', [], "the output folder locales/zh/ and the locales folder locales/ overlap"),
        ('source = "dist/articles"', [], "the output folder dist/ and the source folder dist/articles/ overlap"),
        ("", ["--out", "source"], "the output folder source/ and the source folder source/ overlap"),
        ("", ["--out", "locales"], "the output folder locales/ and the locales folder locales/ overlap"),
    ],
)
def test_an_output_folder_overlapping_source_or_locales_is_refused(
    seeded: Path, setting: str, args: list[str], message: str
):
    pyproject = seeded / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + setting + "\n")
    (seeded / "dist/articles").mkdir(parents=True)
    before = snapshot(seeded)
    result = l10n("build", "zh", *args, code=2)
    where = "" if args else "pyproject.toml: "
    assert (
        result.output == f"l10n: error: {where}{message}: the build would write over it; choose another output folder\n"
    )
    assert snapshot(seeded) == before


# -- row 12: locale codes are Babel locales, each with a folder of its own ----------------------------


@pytest.mark.parametrize(
    "setting, message",
    [
        ('source_language = "../../x"', "setting 'source_language': unknown locale '../../x'"),
        (
            'source_language = "en</script><script>alert(1)//"',
            "setting 'source_language': unknown locale 'en</script><script>alert(1)//'",
        ),
        ('source_language = "xx"', "setting 'source_language': unknown locale 'xx' (Babel knows no such locale)"),
        ('source_locale = "qq_ZZ"', "setting 'source_locale': unknown locale 'qq_ZZ' (Babel knows no such locale)"),
        ('languages = ["zh", "../en"]', "setting 'languages': unknown locale '../en'"),
        ('languages = ["zh", "en"]', "locale 'en' is the source language: each language needs a folder of its own"),
        ('languages = ["zh", "zh"]', "locale 'zh' is given twice: each language needs a folder of its own"),
        (
            'languages = ["zh", "fr_FR", "fr-FR"]',
            "locale 'fr_FR' is given twice: each language needs a folder of its own",
        ),
        (
            'source_language = "en-GB"\nlanguages = ["en_GB"]',
            "locale 'en_GB' is the source language: each language needs a folder of its own",
        ),
    ],
)
def test_bad_or_clashing_locale_settings_are_refused(seeded: Path, setting: str, message: str):
    pyproject = seeded / "pyproject.toml"
    pyproject.write_text(pyproject.read_text().replace('languages = ["zh"]\n', "") + setting + "\n")
    before = snapshot(seeded)
    result = l10n("build", code=2)
    assert result.output == f"l10n: error: pyproject.toml: {message}\n"
    assert snapshot(seeded) == before


def test_the_source_language_is_no_target(seeded: Path):
    before = snapshot(seeded)
    for command in (
        ["build", "zh", "en"],
        ["init", "en"],
        ["translate", "en"],
        ["check", "en"],
        ["compile", "en"],
        ["export", "en", "--format", "tmx", "--out", "x"],
    ):
        result = l10n(*command, code=2)
        assert (
            result.output
            == "l10n: error: locale 'en' is the source language: each language needs a folder of its own\n"
        ), command
    assert snapshot(seeded) == before


def test_the_choosers_script_holds_its_data_safely():
    paths = "zh/</script><script>alert(1)</script>\u2028&amp;/index.html"
    html = chooser_page(
        [
            Version("en", parse_locale("en_GB"), "en/index.html", "en"),
            Version("zh", parse_locale("zh"), paths, "zh-Hans"),
        ],
        [Texts(None), Texts(parse_locale("zh"))],
        None,
    ).decode()
    script = lxml.html.fromstring(html).find(".//script").text
    data = script[script.index("var t=") + 6 : script.index(";if(")]
    assert not re.search("[<>&\u2028\u2029]", data)
    assert json.loads(data) == {"en": "en/index.html", "zh-hans": urllib.parse.quote(paths)}


# -- row 11: article names that catalogs, pages and references cannot hold ---------------------------

ARTICLE = "<html><head><title>T</title></head><body><p>Roads reopen.</p></body></html>"


@pytest.mark.parametrize(
    "names, message",
    [
        (
            ["index.html"],
            "source/index.html: an article may not be named index.html: each language's list of articles is "
            "published as index.html; rename the file",
        ),
        (
            ["a.htm", "a.html"],
            "source/a.html: a.htm and a.html would share one catalog (a.po) and one page (a.html); rename one",
        ),
        (
            ["news/b.HTML", "news/b.html"],
            "source/news/b.html: news/b.HTML and news/b.html would share one catalog "
            "(news/b.po) and one page (news/b.html); rename one",
        ),
        (
            ["a\nb.html"],
            "source/a\\nb.html: a file name may not hold a line break, tab or other control character, nor "
            "bytes that are not UTF-8 (a catalog names its article on one line); rename the file",
        ),
        (["tab\there.html"], "source/tab\\there.html: a file name may not hold"),
        (["news\u2028/c.html"], "source/news\\u2028/c.html: a file name may not hold"),
        ([b"caf\xe9.html"], "source/caf\\udce9.html: a file name may not hold"),
    ],
)
@pytest.mark.parametrize("command", [["update"], ["build", "zh"]])
def test_article_names_catalogs_and_pages_cannot_hold_are_refused(
    project: Path, names: list, message: str, command: list[str]
):
    write_article(project, "ok.html", "<p>Fine.</p>")
    for name in names:
        path = os.path.join(os.fsencode(project / "source"), name if isinstance(name, bytes) else os.fsencode(name))
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(ARTICLE)
    before = snapshot(project)
    result = l10n(*command, code=2)
    assert result.output.startswith(f"l10n: error: {message}") and result.output.count("\n") == 1, result.output
    assert snapshot(project) == before


def test_an_index_page_in_a_sub_folder_is_an_article(project: Path):
    (project / "source/news").mkdir()
    (project / "source/news/index.html").write_text(ARTICLE)
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    assert "Roads reopen." in (project / "dist/zh/news/index.html").read_text()


# -- row 5: symbolic links out of source/ ---------------------------------------------------------------


def test_links_out_of_the_source_folder_are_skipped_with_a_warning(project: Path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.html").write_text("<html><body><p>Secret text.</p></body></html>")
    (outside / "secret.css").write_text("secret { }")
    source = project / "source"
    write_article(project, "real.html", "<p>Public text.</p>")
    (source / "passwd.html").symlink_to("/etc/passwd")
    (source / "secret.html").symlink_to(outside / "secret.html")
    (source / "style.css").symlink_to(outside / "secret.css")
    (source / "elsewhere").symlink_to(outside, target_is_directory=True)
    (source / "alias.html").symlink_to(source / "real.html")  # inside: an article like any other
    warnings = [
        f"l10n: warning: source/{name}: skipped: a symbolic link that leads out of the source folder"
        for name in ("elsewhere", "passwd.html", "secret.html", "style.css")
    ]
    for command in (["init", "zh"], ["build", "zh", "--min-complete", "0"]):
        result = l10n(*command)
        assert result.stderr.splitlines() == warnings
    published = snapshot(project / "dist")
    assert sorted(published) == [
        "en/alias.html",
        "en/index.html",
        "en/real.html",
        "index.html",
        "zh/alias.html",
        "zh/index.html",
        "zh/real.html",
    ]
    assert not any(b"Secret" in data or b"root:" in data or b"secret" in data for data in published.values())
    assert sorted(p.name for p in (project / "locales/zh/LC_MESSAGES").iterdir()) == ["_site.po", "alias.po", "real.po"]


# -- row 13: workers end with their parent ------------------------------------------------------------


def children(pid: int) -> set[int]:
    """The processes whose parent is `pid` (read from /proc)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.skipif(sys.platform != "linux", reason="workers end with their parent on Linux (prctl)")
def test_workers_end_when_update_is_killed(project: Path):
    paragraphs = "".join(f"<p>Sentence {n} of the article. And another one, {n}.</p>" for n in range(400))
    for n in range(40):
        write_article(project, f"a{n}.html", paragraphs, title=f"Article {n}")
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    parent = subprocess.Popen(
        [sys.executable, "-m", "l10n.cli", "init", "zh", "-j", "2"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(workers) < 2 and parent.poll() is None and time.monotonic() < deadline:
            workers |= children(parent.pid)
            time.sleep(0.02)
        assert len(workers) == 2, "update -j 2 started no workers"
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=10)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(pid) for pid in workers), "workers outlived their killed parent"
    finally:
        for pid in workers:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass


# -- row 9: one writer of the catalogs at a time ------------------------------------------------------


@pytest.mark.slow
def test_translate_never_undoes_an_update_made_while_it_runs(project: Path, libre: LibreServer):
    sentences = [f"Sentence number {n} of the long article." for n in range(60)]
    source = write_article(project, "long.html", "".join(f"<p>{s}</p>" for s in sentences), title="Long")
    l10n("init", "zh")
    libre.latency = 0.05
    online(project, libre, workers=1)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    translate = subprocess.Popen(
        [sys.executable, "-m", "l10n.cli", "translate", "zh"],
        cwd=project,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    Server.wait_for(lambda: len(libre.received) >= 10)
    added = [f"An added sentence, number {n}." for n in range(50)]
    source.write_text(source.read_text().replace("</body>", "".join(f"<p>{s}</p>" for s in added) + "</body>"))
    write_article(project, "new.html", "".join(f"<p>New article sentence {n}.</p>" for n in range(200)), title="New")
    l10n("update")  # while translate runs, and saves every two seconds
    out, errors = translate.communicate(timeout=60)
    assert translate.returncode == 0, errors
    long = {e.msgid: e for e in load_catalog(project / "locales/zh/LC_MESSAGES/long.po") if not e.obsolete}
    assert set(long) == {"Long", *sentences, *added}
    assert all(long[s].fuzzy and long[s].msgstr.startswith("译") for s in sentences)  # every suggestion kept
    assert len(load_catalog(project / "locales/zh/LC_MESSAGES/new.po")) == 201
    read_back(project / "locales/zh/LC_MESSAGES/long.po")


HOLD_THE_LOCK = """
import sys
from l10n.store import Project
with Project.find().catalogs_locked():
    print("holding", flush=True)
    sys.stdin.read()
"""


@contextmanager
def holding(folder: Path, script: str) -> Iterator[int]:
    """A process running `script` in `folder` for as long as the block lasts (the script prints
    "holding" once it holds a lock, and lets go when its input ends): its pid."""
    holder = subprocess.Popen(
        [sys.executable, "-c", script],
        cwd=folder,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline() == "holding\n"
        yield holder.pid
    finally:
        holder.communicate("", timeout=10)  # lets go of the lock


def waiting(folder: Path, command: list[str], holder: int) -> subprocess.Popen:
    """`l10n command` started in `folder` while `holder` holds the lock it needs: it says it waits."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    second = subprocess.Popen(
        [sys.executable, "-m", "l10n.cli", *command], cwd=folder, env=env, stderr=subprocess.PIPE, text=True
    )
    assert second.stderr.readline() == f"l10n: waiting for another l10n command (pid {holder}) to finish…\n"
    return second


@pytest.mark.slow
@pytest.mark.parametrize("command", [["update"], ["init", "fr"], ["compile", "zh"]])
def test_a_second_writer_waits_for_the_first(seeded: Path, command: list[str]):
    with holding(seeded, HOLD_THE_LOCK) as holder:
        change_seed(seeded)
        before = snapshot(seeded / "locales")
        second = waiting(seeded, command, holder)
        time.sleep(0.5)
        assert second.poll() is None and snapshot(seeded / "locales") == before
    assert second.wait(timeout=60) == 0 and second.stderr.read() == ""
    assert snapshot(seeded / "locales") != before


# -- row 8: cost grows linearly with the size of an article ---------------------------------------------
# benchmarks/big_article.py shows it on news articles of 1, 4 and 20 MB. Here: shapes that made a
# step quadratic soonest (every sentence cut compared with every element of its run; a str.replace
# over the whole page per language switch), timed (CPU time, best of two) at one size and four
# times it. Linear work takes about four times as long; the quadratic steps took 10 to 17 times.

SHAPES = {
    "lines of one paragraph": lambda n: (
        "<p>" + "".join(f"Line {i} has <b>bold {i}</b> in it.<br>" for i in range(n)) + "</p>"
    ),
    "paragraphs after a large script": lambda n: (
        f"<script>var bundle = '{'x' * 1000 * n}';</script>"
        + "".join(f"<p>Paragraph {i} is <em>short</em>.</p>" for i in range(n))
    ),
}


def cpu_seconds(folder: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> float:
    """The CPU time of update and build zh of one article, best of two."""
    times = []
    for attempt in range(2):
        project = folder / str(attempt)
        (project / "source").mkdir(parents=True)
        (project / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["zh"]\n')
        write_article(project, "big.html", body, title="Big")
        monkeypatch.chdir(project)
        start = time.process_time()
        l10n("init", "zh", "-j", "1")
        l10n("build", "zh", "-j", "1", "--min-complete", "0")
        times.append(time.process_time() - start)
    return min(times)


@pytest.mark.slow
@pytest.mark.parametrize("shape", SHAPES)
def test_cost_grows_linearly_with_the_size_of_an_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shape: str):
    small = cpu_seconds(tmp_path / "small", monkeypatch, SHAPES[shape](1000))
    large = cpu_seconds(tmp_path / "large", monkeypatch, SHAPES[shape](4000))
    assert large < 8 * small, f"{small:.2f}s for 1,000, {large:.2f}s for 4,000: not linear"


# -- the rule behind rows 1 and 4: whatever Unicode a catalog holds, it reads back the same ----------

# Any character but those no catalog can hold: NUL (msgfmt cuts a string there), EOT (gettext's
# context separator) and lone surrogates (not UTF-8).
CHARACTER = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\x04")


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    texts=st.lists(
        st.tuples(st.text(CHARACTER, min_size=1, max_size=40), st.text(CHARACTER, max_size=40)),
        min_size=1,
        max_size=5,
        unique_by=lambda pair: pair[0],
    )
)
def test_any_text_l10n_writes_reads_back_the_same_in_l10n_polib_and_msgfmt(tmp_path: Path, texts):
    assume(all(pofile.newline_problem(msgid, [("msgstr", msgstr)]) is None for msgid, msgstr in texts))  # see below
    catalog = pofile.Catalog(
        [pofile.Entry(msgid, msgstr) for msgid, msgstr in texts],
        metadata={"Content-Type": "text/plain; charset=UTF-8", "Language": "zh"},
    )
    po = tmp_path / "any.po"
    po.write_bytes(pofile.dump(catalog))
    assert [(e.msgid, e.msgstr) for e in load_catalog(po)] == texts
    bell = {ord("\a"): "\\a"}  # polib reads gettext's `\a` as the two characters `\` and `a`
    assert [(e.msgid.translate(bell), e.msgstr.translate(bell)) for e in polib.pofile(str(po))] == [
        (msgid.translate(bell), msgstr.translate(bell)) for msgid, msgstr in texts
    ]
    mo = tmp_path / "any.mo"
    subprocess.run(["msgfmt", "-o", str(mo), str(po)], check=True, capture_output=True)
    assert {e.msgid: e.msgstr for e in polib.mofile(str(mo))} == {m: s for m, s in texts if s}


# == Third round (issue 28): no catalog emptied, nothing read or written outside, no door left open ==
#
# Each row of the issue has a test named for it; the rule behind each is tested with variations.

# -- row 1: a catalog is never rewritten from less than it held ----------------------------------


@pytest.mark.parametrize(
    "ending, message",
    [
        (
            "\r",
            "a carriage return that does not end a line (old Mac line endings): msgfmt reads the rest of the "
            "line as a comment; save the file with LF (or CRLF) line endings",
        ),
    ],
)
@pytest.mark.parametrize("command", [["update"], ["stats"], ["check", "zh"], ["build", "zh"], ["translate", "zh"]])
def test_row1_a_catalog_with_old_mac_line_endings_is_refused_not_emptied(
    seeded: Path, ending: str, message: str, command: list[str]
):
    po = seeded / CATALOG
    po.write_bytes(po.read_bytes().replace(b"\n", ending.encode()))
    change_seed(seeded)
    before = snapshot(seeded)
    result = l10n(*command, code=2)
    assert result.output == f"l10n: error: {CATALOG}:1: syntax error: {message}\n"
    assert snapshot(seeded) == before


def test_row1_crlf_catalogs_are_still_read(seeded: Path):
    po = seeded / CATALOG
    count = len(load_catalog(po))
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))
    msgfmt_check(po)
    assert len(load_catalog(po)) == count
    assert "0 units" not in l10n("stats").output


@pytest.mark.parametrize(
    "text, line",
    [
        ('msgid ""\nmsgstr ""\n\n# a note\rmsgid "Hidden"\rmsgstr "藏"\n\nmsgid "Shown"\nmsgstr "显"\n', 4),
        ('msgid ""\nmsgstr ""\n\nmsgid "Shown"\nmsgstr "显"\n\n#, fuzzy\rmsgid "Hidden"\rmsgstr "藏"\n', 7),
    ],
)
def test_row1_an_entry_hidden_in_a_comment_is_an_error(text: str, line: int):
    with pytest.raises(pofile.CatalogError) as caught:
        pofile.parse(text, "x.po")
    assert caught.value.line == line and "carriage return" in str(caught.value)


# -- row 13: a catalog with no entries is not done -------------------------------------------------


def test_row13_a_header_only_catalog_counts_as_0_percent_and_is_not_published(seeded: Path):
    po = seeded / CATALOG
    text = po.read_text()
    po.write_text(text[: text.index("\n\n") + 1])  # the header alone
    msgfmt_check(po)
    rows = [json.loads(line) for line in l10n("stats", "--json").output.splitlines()]
    assert next(r for r in rows if r["article"] == SEED_DOMAIN)["percent"] == 0.0
    l10n("build", "zh")
    assert not (seeded / "dist/zh" / SEED.name).exists()


# -- row 2: nothing read or written outside the project, whatever links a translator commits -------

LEADS_OUT = "a symbolic link on the way leads out of the locales folder locales/: refused (l10n reads and writes nothing outside it)"


def test_row2_a_catalog_folder_linked_elsewhere_is_never_written(seeded: Path, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (seeded / "source/news").mkdir()
    write_article(seeded, "news/a.html", "<p>News.</p>")
    (seeded / "locales/zh/LC_MESSAGES/news").symlink_to(elsewhere, target_is_directory=True)
    (seeded / "locales/fr").symlink_to(elsewhere, target_is_directory=True)
    before = snapshot(seeded)
    result = l10n("update", code=2)
    assert result.output == f"l10n: error: locales/zh/LC_MESSAGES/news/a.po: {LEADS_OUT}\n"
    result = l10n("init", "fr", code=2)
    assert result.output.startswith("l10n: error: locales/fr/") and result.output.endswith(f": {LEADS_OUT}\n")
    assert list(elsewhere.iterdir()) == [] and snapshot(seeded) == before


@pytest.mark.parametrize(
    "command",
    [
        ["update"],
        ["stats"],
        ["check", "zh"],
        ["build", "zh"],
        ["translate", "zh"],
        ["export", "zh", "--out", "x"],
        ["review", "zh"],
        ["compile", "zh"],
        ["import", "x.xlf"],
    ],
)
def test_row2_a_catalog_linked_to_a_file_outside_is_refused_without_quoting_it(
    seeded: Path, tmp_path_factory, command: list[str]
):
    secret = tmp_path_factory.mktemp("outside") / "secrets.txt"
    secret.write_text("API_KEY=hunter2\n")
    if command[0] == "import":  # a file naming the linked catalog
        l10n("export", "zh", "--out", "cat")
        xlf = (seeded / "cat" / f"{SEED_DOMAIN}.xlf").read_text()
        (seeded / "x.xlf").write_text(xlf)
    (seeded / CATALOG).unlink()
    (seeded / CATALOG).symlink_to(secret)
    before = snapshot(seeded)
    result = l10n(*command, code=2)
    assert result.output == f"l10n: error: {CATALOG}: {LEADS_OUT}\n"
    assert "hunter2" not in result.output and snapshot(seeded) == before
    assert secret.read_text() == "API_KEY=hunter2\n"


def test_row2_links_within_the_locales_folder_are_followed(seeded: Path):
    (seeded / "locales/zh_CN").symlink_to(seeded / "locales/zh", target_is_directory=True)
    l10n("stats", "zh_CN")


def test_row2_a_glossary_linked_outside_is_refused(seeded: Path, tmp_path_factory):
    secret = tmp_path_factory.mktemp("outside") / "secret.tbx"
    secret.write_text("root:x:0:0")
    (seeded / "locales/zh/glossary.tbx").symlink_to(secret)
    result = l10n("check", "zh", code=2)
    assert result.output == (
        "l10n: error: locales/zh/glossary.tbx: a symbolic link on the way leads out of the locales folder "
        "locales/: refused (l10n reads and writes nothing outside it)\n"
    )


def test_row2_links_out_of_the_output_folder_are_refused(seeded: Path, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (seeded / "dist").mkdir()
    (seeded / "dist/zh").symlink_to(elsewhere, target_is_directory=True)
    result = l10n("build", "zh", "--min-complete", "0", code=2)
    assert result.output == (
        "l10n: error: dist/zh: a symbolic link that leads out of the output folder dist/: refused "
        "(l10n writes nothing outside it; remove the link)\n"
    )
    assert list(elsewhere.iterdir()) == []
    for command, folder in ((["review", "zh"], "review/zh"), (["export", "zh"], "export/zh")):
        (seeded / folder).mkdir(parents=True)
        (seeded / folder / "china-visit-boosts-business-links.html").symlink_to(elsewhere / "x")
        (seeded / folder / "china-visit-boosts-business-links.xlf").symlink_to(elsewhere / "y")
        result = l10n(*command, code=2)
        assert result.output.startswith(f"l10n: error: {folder}/china-visit-boosts-business-links.")
        assert "a symbolic link that leads out of the output folder" in result.output
        assert list(elsewhere.iterdir()) == []


# -- row 11 (second half): files that are not files --------------------------------------------------


@pytest.mark.parametrize("where", ["locales/zh/LC_MESSAGES/a.po", "locales/zh/glossary.tbx", "x.xlf"])
def test_row11_a_fifo_is_refused_without_being_opened(seeded: Path, where: str):
    os.mkfifo(seeded / where)
    command = ["import", "x.xlf"] if where.endswith(".xlf") else ["check", "zh"]
    done = run_cli(seeded, *command)
    assert done.returncode == 2, done.stderr
    assert done.stderr == f"l10n: error: {where}: not a regular file (a FIFO, device or socket): refused\n"


# -- row 3: every --out is checked by one rule -------------------------------------------------------


@pytest.mark.parametrize(
    "command, work",
    [(["review", "zh"], "review"), (["export", "zh"], "export"), (["export", "zh", "--format", "tmx"], "export")],
)
@pytest.mark.parametrize(
    "out, other",
    [
        ("source", "the source folder source/"),
        ("source/news", "the source folder source/"),
        (".", "the source folder source/"),
        ("locales", "the locales folder locales/"),
        ("locales/zh/LC_MESSAGES", "the locales folder locales/"),
        ("dist", "the published output folder dist/"),
        ("dist/zh", "the published output folder dist/"),
    ],
)
def test_row3_review_and_export_never_write_over_sources_catalogs_or_the_published_site(
    seeded: Path, command: list[str], work: str, out: str, other: str
):
    l10n("build", "zh", "--min-complete", "0")
    before = snapshot(seeded)
    result = l10n(*command, "--out", out, code=2)
    shown = "./" if out == "." else f"{out}/"
    assert result.output == (
        f"l10n: error: the {work} folder {shown} and {other} overlap: the {work} would write over it; "
        f"choose another {work} folder\n"
    )
    assert snapshot(seeded) == before


def test_row3_the_review_writes_its_own_folder(seeded: Path):
    l10n("review", "zh", "--out", "pages")
    assert (seeded / "pages/index.html").is_file()
    l10n("update")  # the sources are as they were


@pytest.mark.parametrize("out", ["dist", "dist/zh", "source", "locales"])
def test_row8_a_preview_never_touches_the_published_folder(seeded: Path, out: str):
    l10n("build", "zh", "--min-complete", "0")
    before = snapshot(seeded)
    result = l10n("serve", "--port", "0", "--out", out, code=2)
    assert result.output.startswith(f"l10n: error: the preview folder {out}/ and the ")
    assert snapshot(seeded) == before


# -- row 8: one build at a time per output folder ------------------------------------------------------

HOLD_THE_BUILD = """
import sys
from l10n.store import Project
project = Project.find()
with project.output_locked(project.config.output):
    print("holding", flush=True)
    sys.stdin.read()
"""


@pytest.mark.slow
def test_row8_a_second_build_into_the_same_folder_waits_for_the_first(seeded: Path):
    with holding(seeded, HOLD_THE_BUILD) as holder:
        second = waiting(seeded, ["build", "zh"], holder)
        time.sleep(0.5)
        assert second.poll() is None and not (seeded / "dist").exists()
    assert second.wait(timeout=60) == 0
    assert (seeded / "dist/index.html").exists()


@pytest.mark.slow
def test_row8_builds_at_once_with_different_options_leave_the_site_as_the_last_one_says(project: Path):
    for n in range(40):
        write_article(project, f"a{n}.html", "".join(f"<p>Sentence {i} of article {n}.</p>" for i in range(20)))
    l10n("init", "zh")
    for po in (project / "locales/zh/LC_MESSAGES").glob("*.po"):  # every unit a fuzzy machine suggestion
        catalog = load_catalog(po)
        for entry in catalog:
            entry.msgstr, entry.flags = "译" + entry.msgid, ["fuzzy"]
        save_catalog(catalog, po)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for trial in range(3):
        builds = [
            subprocess.Popen(
                [sys.executable, "-m", "l10n.cli", "build", "zh", "--min-complete", "0", "-j", "1", *options],
                cwd=project,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for options in (["--include-fuzzy"], [], ["--include-fuzzy"], [])
        ]
        assert [b.wait(timeout=120) for b in builds] == [0, 0, 0, 0]
        l10n("build", "zh", "--min-complete", "0")  # without fuzzy: English wherever no reviewed translation
        machine = [p.name for p in (project / "dist/zh").glob("a*.html") if "machine-notice" in p.read_text()]
        assert machine == [], (trial, machine)


# -- row 16: temporary files are never published --------------------------------------------------------


def test_row16_files_staged_by_a_killed_build_are_removed_not_published(seeded: Path):
    l10n("build", "zh", "--min-complete", "0")
    left = [seeded / "dist/zh" / f".{SEED.name}.4242-0.tmp", seeded / "dist/en/.index.html.77-a1b2c3d4-3.tmp"]
    for path in left:
        path.write_text("<p>half a page</p>")
    kept = seeded / "dist/.well-known.tmp"  # not a name l10n stages: not l10n's to remove
    kept.write_text("x")
    l10n("build", "zh", "--min-complete", "0")
    assert not any(path.exists() for path in left) and kept.exists()


# -- row 9: serve answers only to this machine, and lets idle connections go ----------------------------


def raw_request(port: int, request: bytes) -> bytes:
    """What the server answers to raw request bytes."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(request)
        data = b""
        while chunk := s.recv(65536):
            data += chunk
    return data


@pytest.mark.slow
def test_row9_serve_answers_only_to_its_own_host_names(project: Path):
    write_article(project, "a.html", "<p>Roads reopen.</p>")
    l10n("init", "zh")
    server = Server(project)
    port = server.port
    try:
        for host, status in [
            (f"127.0.0.1:{port}", b"200"),
            ("127.0.0.1", b"200"),
            (f"localhost:{port}", b"200"),
            (f"LOCALHOST:{port}", b"200"),
            (f"attacker.example:{port}", b"421"),
            ("attacker.example", b"421"),
            (f"127.0.0.1:{port}.attacker.example", b"421"),
            (f"localhost.attacker.example:{port}", b"421"),
            (f"127.0.0.1:{port + 1}", b"421"),
            ("", b"421"),
        ]:
            answer = raw_request(port, f"GET /en/a.html HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n".encode())
            assert answer.split(b" ", 2)[1] == status, host
            assert (b"Roads reopen." in answer) == (status == b"200")
        answer = raw_request(port, b"GET /en/a.html HTTP/1.1\r\nConnection: close\r\n\r\n")  # no Host at all
        assert answer.split(b" ", 2)[1] == b"400" and b"Roads reopen." not in answer
    finally:
        errors = server.stop()
    assert "Traceback" not in errors


@pytest.mark.slow
def test_row9_serve_closes_idle_connections(project: Path):
    write_article(project, "a.html", "<p>Roads reopen.</p>")
    l10n("init", "zh")
    server = Server(project)
    try:
        idle = [socket.create_connection(("127.0.0.1", server.port), timeout=15) for _ in range(20)]
        start = time.monotonic()
        for s in idle:
            assert s.recv(1) == b""  # closed by the server, not by our timeout
            s.close()
        assert time.monotonic() - start < 12
        assert server.get("/en/a.html")[0] == 200
    finally:
        server.stop()


# -- row 5: an entity reference is never silently dropped, DTD or not ---------------------------------

TMX_DOCTYPES = ['<!DOCTYPE tmx SYSTEM "tmx14.dtd">', '<!DOCTYPE tmx PUBLIC "-//LISA//DTD TMX 1.4//EN" "tmx14.dtd">', ""]


@pytest.mark.parametrize("doctype", TMX_DOCTYPES)
@pytest.mark.parametrize(
    "segment, line",
    [
        ("道路&nbsp;重开", 3),
        ("道路&mdash;重开", 3),
        ("道路&x;重开", 3),
        ('<ph x="&x;">&lt;b&gt;</ph>道路重开', 3),
    ],
)
def test_row5_an_entity_reference_in_a_tmx_is_refused_with_or_without_a_doctype(
    project: Path, doctype: str, segment: str, line: int
):
    (project / "agency.tmx").write_text(
        f'<?xml version="1.0"?>{doctype}\n<tmx version="1.4"><header srclang="en"/><body><tu>\n'
        f'<tuv xml:lang="en"><seg>Roads reopen</seg></tuv><tuv xml:lang="zh"><seg>{segment}</seg></tuv>\n'
        "</tu></body></tmx>\n",
        encoding="utf-8",
    )
    (project / "pyproject.toml").write_text('[tool.l10n]\n[tool.l10n.translate.memory]\ntmx = ["agency.tmx"]\n')
    write_article(project, "a.html", "<p>Roads reopen</p>")
    l10n("init", "zh")
    before = snapshot(project)
    result = l10n("translate", "zh", code=2)
    assert result.output.startswith(f"l10n: error: agency.tmx:{line}: ")
    assert "entity reference" in result.output or "Entity" in result.output
    assert snapshot(project) == before


def test_row5_a_tmx_with_the_standard_doctype_and_no_entities_is_still_read(project: Path):
    (project / "agency.tmx").write_text(
        f'<?xml version="1.0"?>{TMX_DOCTYPES[0]}\n<tmx version="1.4"><header srclang="en"/><body><tu>'
        '<tuv xml:lang="en"><seg>Roads reopen</seg></tuv><tuv xml:lang="zh"><seg>道路&#160;重开 &amp; 通车</seg></tuv>'
        "</tu></body></tmx>\n",
        encoding="utf-8",
    )
    (project / "pyproject.toml").write_text('[tool.l10n]\n[tool.l10n.translate.memory]\ntmx = ["agency.tmx"]\n')
    write_article(project, "a.html", "<p>Roads reopen</p>")
    l10n("init", "zh")
    l10n("translate", "zh")
    assert {e.msgid: e.msgstr for e in load_catalog(project / "locales/zh/LC_MESSAGES/a.po")}["Roads reopen"] == (
        "道路\u00a0重开 & 通车"
    )


@pytest.mark.parametrize("doctype", ['<!DOCTYPE xliff SYSTEM "xliff.dtd">', ""])
@pytest.mark.parametrize("target", ["中国&nbsp;访问", "中国&mdash;访问"])
def test_row5_an_entity_reference_in_an_xliff_target_is_refused(seeded: Path, doctype: str, target: str):
    title = next(e for e in load_catalog(seeded / CATALOG) if e.msgid == "China visit boosts business links")
    l10n("export", "zh", "--out", "cat")
    xlf = seeded / "cat" / f"{SEED_DOMAIN}.xlf"
    edit(xlf, "xliff2", {unit_id(title): ("中国访问", "final")})
    text = xlf.read_text().replace("中国访问", target)
    xlf.write_text(text.replace("?>\n", f"?>\n{doctype}", 1))
    before = snapshot(seeded)
    result = l10n("import", str(xlf), code=2)
    assert result.output.startswith(f"l10n: error: cat/{SEED_DOMAIN}.xlf:")
    assert snapshot(seeded) == before


@pytest.mark.parametrize("doctype", ['<!DOCTYPE martif SYSTEM "TBXcoreStructV02.dtd">', ""])
def test_row5_a_glossary_term_written_with_an_entity_is_refused_not_read_as_empty(seeded: Path, doctype: str):
    (seeded / "locales/zh/glossary.tbx").write_text(
        f'<?xml version="1.0"?>{doctype}\n<martif type="TBX"><text><body><termEntry>'
        '<langSet xml:lang="en"><tig><term>Sichuan</term></tig></langSet>'
        '<langSet xml:lang="zh"><tig><term>&sichuan;</term></tig></langSet>'
        "</termEntry></body></text></martif>\n",
        encoding="utf-8",
    )
    result = l10n("check", "zh", code=2)
    assert result.output.startswith("l10n: error: locales/zh/glossary.tbx:2: ")


# -- row 4 and row 16: imports promote nothing the file did not say -------------------------------------

XLIFF2_UNIT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="zh-Hans">\n'
    '<file id="a" original="a.po">\n{units}\n</file>\n</xliff>\n'
)
XLIFF1_UNIT = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<xliff xmlns="urn:oasis:names:tc:xliff:document:1.2" version="1.2">\n'
    '<file original="a.po" source-language="en" target-language="zh-Hans" datatype="po"><body>\n{units}\n'
    "</body></file>\n</xliff>\n"
)


@pytest.fixture
def two_units(project: Path) -> Path:
    write_article(project, "a.html", "<p>Buses run.</p>", title="Roads reopen")
    l10n("init", "zh")
    return project


def imported(project: Path, text: str, code: int = 0) -> dict[str, tuple[str, bool]]:
    """Import an XLIFF file: each entry's (msgstr, reviewed) after it."""
    (project / "in.xlf").write_text(text, encoding="utf-8")
    l10n("import", "in.xlf", code=code)
    return {e.msgid: (e.msgstr, e.reviewed) for e in load_catalog(project / "locales/zh/LC_MESSAGES/a.po")}


def uid(project: Path, msgid: str) -> str:
    return unit_id(next(e for e in load_catalog(project / "locales/zh/LC_MESSAGES/a.po") if e.msgid == msgid))


@pytest.mark.parametrize(
    "content",
    [
        '<ignorable><source xml:space="preserve">Roads reopen</source></ignorable>',
        "<ignorable><source>Roads reopen</source><target>道路重开</target></ignorable>",
        "",
    ],
)
def test_row4_an_xliff2_unit_without_a_segment_is_refused_not_reviewed(two_units: Path, content: str):
    units = f'<unit id="{uid(two_units, "Roads reopen")}">{content}</unit>'
    result = imported(two_units, XLIFF2_UNIT.format(units=units), code=1)
    assert result["Roads reopen"] == ("", False)


@pytest.mark.parametrize(
    "unit_attributes, target_attributes, reviewed",
    [
        ('approved="yes"', "", True),
        ("", 'state="final"', True),
        ("", 'state="signed-off"', True),
        ('approved="no"', 'state="final"', False),
        ('approved="yes"', 'state="needs-review-translation"', False),
        ('approved="yes"', 'state="new"', False),
        ('approved="yes" translate="no"', 'state="final"', False),
        ("", 'state="translated"', False),
    ],
)
def test_row16_contradictory_xliff12_states_are_not_taken_as_reviewed(
    two_units: Path, unit_attributes: str, target_attributes: str, reviewed: bool
):
    units = (
        f'<trans-unit id="{uid(two_units, "Buses run.")}" {unit_attributes}><source>Buses run.</source>'
        f"<target {target_attributes}>公交照常。</target></trans-unit>"
    )
    assert imported(two_units, XLIFF1_UNIT.format(units=units))["Buses run."] == ("公交照常。", reviewed)


def test_row16_an_xliff12_target_in_another_language_is_refused(two_units: Path):
    units = (
        f'<trans-unit id="{uid(two_units, "Buses run.")}" approved="yes"><source>Buses run.</source>'
        '<target xml:lang="fr" state="final">Les bus roulent.</target></trans-unit>'
    )
    (two_units / "in.xlf").write_text(XLIFF1_UNIT.format(units=units), encoding="utf-8")
    result = l10n("import", "in.xlf", code=1)
    assert "refused: its target is in fr, not the file's zh-Hans" in result.output
    assert {e.msgid: e.msgstr for e in load_catalog(two_units / "locales/zh/LC_MESSAGES/a.po")}["Buses run."] == ""


def test_row16_a_unit_repeated_across_two_files_is_refused_the_second_time(two_units: Path):
    unit = f'<unit id="{uid(two_units, "Buses run.")}"><segment state="final"><source>Buses run.</source><target>{{}}</target></segment></unit>'
    text = XLIFF2_UNIT.format(units=unit.format("公交照常。")).replace(
        "</file>", f'</file>\n<file id="b" original="a.po">{unit.format("公交停运。")}</file>'
    )
    (two_units / "in.xlf").write_text(text, encoding="utf-8")
    result = l10n("import", "in.xlf", code=1)
    assert "refused: appears twice for this catalog in this import" in result.output
    assert {e.msgid: e.msgstr for e in load_catalog(two_units / "locales/zh/LC_MESSAGES/a.po")}[
        "Buses run."
    ] == "公交照常。"


def test_row16_a_unit_id_cannot_write_lines_or_bidi_controls_to_the_terminal(two_units: Path):
    fake = "x&#10;zh: 99 imported (99 reviewed, 0 fuzzy), 0 stale, 0 refused&#x202e;"
    units = f'<unit id="{fake}"><segment state="final"><source>Nothing</source><target>无</target></segment></unit>'
    (two_units / "in.xlf").write_text(XLIFF2_UNIT.format(units=units), encoding="utf-8")
    result = l10n("import", "in.xlf", code=1)
    assert "\u202e" not in result.output and "99 imported" not in result.output.splitlines()[-1]
    assert len(result.output.splitlines()) == 2  # the warning and the summary
    assert "unit x\\nzh: 99 imported" in result.output and "\\u202e" in result.output


# -- row 12: export writes what msgfmt accepts, control characters and all ---------------------------


@pytest.mark.parametrize("fmt", ["xliff2", "xliff1", "tmx"])
def test_row12_export_takes_control_characters_msgfmt_accepts_in_a_context_or_comment(seeded: Path, fmt: str):
    po = seeded / CATALOG
    text = po.read_text()
    text = text.replace(
        'msgid "China visit boosts business links"',
        '# a translator\'s note\x01\nmsgctxt "heading\x02"\nmsgid "China visit boosts business links"',
        1,
    )
    text = text.replace("#. ", "#. \x0b", 1)
    po.write_text(text)
    msgfmt_check(po)
    l10n("export", "zh", "--format", fmt, "--out", "cat")
    for exported in (seeded / "cat").iterdir():
        lxml.etree.parse(str(exported))  # well-formed XML


# -- row 6: l10n's own markers never come from a translation ----------------------------------------------

MARKS = re.compile("[\U000f0000-\U000f000f]")


@pytest.mark.parametrize(
    "title",
    [
        "道路\U000f0000e0\U000f0001重开",  # a fake end of the <h1>'s text
        "\U000f0000t0\U000f0001假标题\U000f0000e0\U000f0001",  # a fake title for the index
        "道路\U000f0003重开",
    ],
)
def test_row6_private_use_markers_in_a_translation_reach_no_page_json_ld_or_index(project: Path, title: str):
    write_article(project, "r.html", "<p>The roads reopen today.</p>" + STRUCTURED, title="Roads reopen")
    l10n("init", "zh")
    po = project / "locales/zh/LC_MESSAGES/r.po"
    catalog = load_catalog(po)
    for entry in catalog:
        entry.msgstr, entry.flags = (title if entry.msgid == "Roads reopen" else "道路今天重开。"), []
    save_catalog(catalog, po)
    result = l10n("build", "zh")
    assert "a private-use character l10n uses to mark pages; shown in English" in result.stderr
    page = (project / "dist/zh/r.html").read_text()
    index = (project / "dist/zh/index.html").read_text()
    assert not MARKS.search(page) and not MARKS.search(index)
    assert '<h1 lang="en" data-l10n-fallback="">Roads reopen</h1>' in page
    assert '"headline": "Roads reopen"' in page and "道路今天重开。" in page
    assert "Roads reopen" in index and "假标题" not in index


def test_row6_the_json_ld_writer_writes_markers_as_escapes():
    from l10n.segment.jsonld import encode

    token = encode("a\U000f0000t0\U000f0001b")
    assert not MARKS.search(token) and json.loads(token) == "a\U000f0000t0\U000f0001b"


@pytest.mark.parametrize("char", ["\u202e", "\U000f0001"])
def test_row6_a_machine_answer_with_a_marker_or_bidi_override_is_rejected(project: Path, libre: LibreServer, char: str):
    write_article(project, "a.html", "<p>Work starts on Monday.</p>")
    l10n("init", "zh")
    online(project, libre, workers=1)
    libre.behave = lambda q, attempt: Answer(text=f"周一{char}开工。")
    result = l10n("translate", "zh", code=1)
    assert f"libre: answer has U+{ord(char):04X}, a bidi control or private-use marker" in result.output
    assert all(e.msgstr == "" for e in load_catalog(project / "locales/zh/LC_MESSAGES/a.po"))


# -- row 16: memory suggestions pass the same screen as machine answers --------------------------------------


@pytest.mark.parametrize("char", ["\u202e", "\U000f0001", "\ufdd0"])
def test_row16_a_remembered_translation_with_a_character_no_page_should_carry_is_not_suggested(
    project: Path, char: str
):
    write_article(project, "a.html", "<p>Work starts on Monday.</p>")
    write_article(project, "b.html", "<p>Work starts on Monday.</p>", title="Another")
    l10n("init", "zh")
    po = project / "locales/zh/LC_MESSAGES/a.po"
    catalog = load_catalog(po)
    for entry in catalog:
        entry.msgstr, entry.flags = f"周一{char}开工。", []
    save_catalog(catalog, po)
    l10n("translate", "zh", "--provider", "memory")
    assert {e.msgid: e.msgstr for e in load_catalog(project / "locales/zh/LC_MESSAGES/b.po")}[
        "Work starts on Monday."
    ] == ""


# -- row 7: attribute text shaped like a placeholder is escaped, as element text is --------------------------


def test_row7_an_attribute_that_reads_like_a_placeholder_can_be_translated(project: Path, libre: LibreServer):
    write_article(
        project,
        "h.html",
        '<p>See the <code>&lt;h1&gt;</code> element.</p><img src="s.png" alt="Screenshot of the <h1> element">'
        '<img src="t.png" title="A &lt;br2/&gt; and a <b3>">',
    )
    l10n("init", "zh")
    po = project / "locales/zh/LC_MESSAGES/h.po"
    english = [e.msgid for e in load_catalog(po)]
    assert "Screenshot of the &lt;h1> element" in english and "A &lt;br2/> and a &lt;b3>" in english
    online(project, libre, workers=1)
    libre.behave = lambda q, attempt: Answer(text="译" + q)  # the escaped literal kept, as services keep it
    result = l10n("translate", "zh")
    assert "rejected" not in result.stderr, result.stderr
    translated = {e.msgid: e.msgstr for e in load_catalog(po)}
    assert translated["Screenshot of the &lt;h1> element"].startswith("译")
    translate_all_of(po)
    assert "placeholders" not in l10n("check", "zh", code=1).output  # the English left in is found, nothing else
    l10n("export", "zh", "--out", "cat")
    assert "Screenshot of the &lt;h1&gt; element" in (project / "cat/h.xlf").read_text()
    l10n("build", "zh")
    page = lxml.html.parse(str(project / "dist/zh/h.html"))
    assert page.find(".//img").get("alt") == "译Screenshot of the <h1> element"
    assert page.findall(".//img")[1].get("title") == "译A <br2/> and a <b3>"


# -- row 15: addresses are escaped wherever l10n writes a link ----------------------------------------------------

ODD_NAMES = ["what?.html", "no#1.html", "100%.html", "a b.html", "路.html"]


def test_row15_links_to_articles_with_odd_names_lead_to_them(project: Path):
    for name in ODD_NAMES:
        write_article(project, name, f"<p>About {name}.</p>", title=f"Title {name}")
    pyproject = project / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'base_url = "https://example.org/news/"\n')
    l10n("init", "zh")
    l10n("build", "zh", "--min-complete", "0")
    dist = project / "dist"
    checked = 0
    for page in dist.rglob("*.html"):
        root = lxml.html.parse(str(page)).getroot()
        here = "https://example.org/news/" + page.relative_to(dist).as_posix()
        addresses = [el.get("href") for el in root.iter("a", "link") if el.get("href")]
        script = root.find(".//script")
        if page.name == "index.html" and page.parent == dist:
            data = script.text[script.text.index("var t=") + 6 : script.text.index(";if(")]
            addresses += list(json.loads(data).values())
        for address in addresses:
            parts = urllib.parse.urlsplit(urllib.parse.urljoin(here, address))
            if parts.netloc != "example.org" or not parts.path.startswith("/news/"):
                continue
            assert not parts.query and not parts.fragment, (page, address)
            target = dist / urllib.parse.unquote(parts.path[len("/news/") :])
            assert target.is_file(), (page, address)
            checked += 1
    assert checked > 4 * len(ODD_NAMES)


# -- row 11 (first half) and row 10's cap: a slow or generous service holds nothing past its timeout -------------


class DripServer:
    """A server on 127.0.0.1 that answers one byte a second: in its headers, or in its body."""

    def __init__(self, where: str):
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/"
        self.where = where
        self.stopped = threading.Event()
        threading.Thread(target=self.serve, daemon=True).start()

    def serve(self) -> None:
        while not self.stopped.is_set():
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            threading.Thread(target=self.drip, args=(connection,), daemon=True).start()

    def drip(self, connection: socket.socket) -> None:
        body = json.dumps({"translatedText": "周一开工。"}).encode()
        head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
        try:
            connection.recv(65536)
            if self.where == "body":
                connection.sendall(head + f"Content-Length: {len(body)}\r\n\r\n".encode())
            else:
                body = head + f"Content-Length: {len(body)}\r\n\r\n".encode() + body
            for byte in body:
                if self.stopped.wait(1):
                    break
                connection.sendall(bytes([byte]))
        except OSError:
            pass
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()
        self.socket.close()


@pytest.mark.slow
@pytest.mark.parametrize("where", ["headers", "body"])
def test_row11_a_slow_drip_service_is_given_up_on_at_the_timeout(project: Path, where: str):
    write_article(project, "a.html", "<p>Work starts on Monday.</p>")
    l10n("init", "zh")
    server = DripServer(where)
    try:
        configure(project, provider="libre", url=server.url, rate=0, timeout=2, retries=1, backoff=0.01, workers=2)
        start = time.monotonic()
        result = l10n("translate", "zh", code=1)
        took = time.monotonic() - start
    finally:
        server.stop()
    assert "libre: timed out, 2 attempts" in result.output
    assert took < 8, took  # two attempts of 2 s each (two texts at once), not the minute the server takes


@pytest.mark.parametrize("size", [50_000, 2_000_000])
def test_row10_a_huge_machine_answer_is_not_taken(project: Path, libre: LibreServer, size: int):
    write_article(project, "a.html", "<p>Work starts on Monday.</p>")
    l10n("init", "zh")
    online(project, libre, workers=1, retries=0)
    libre.behave = lambda q, attempt: Answer(text="周一开工。" * (size // 5))
    result = l10n("translate", "zh", code=1)
    assert "not taken" in result.output
    assert all(e.msgstr == "" for e in load_catalog(project / "locales/zh/LC_MESSAGES/a.po"))


# -- row 16: credentials are never shown, and LibreTranslate's key travels in the body ------------------------


def test_row16_dry_run_shows_no_credentials_held_in_the_address(project: Path, libre: LibreServer):
    write_article(project, "a.html", "<p>Work starts on Monday.</p>")
    l10n("init", "zh")
    secret = libre.url.replace("http://", "http://reviewer:s3cret@") + "?api_key=k3y#frag"
    online(project, libre, url=secret)
    result = l10n("translate", "zh", "--dry-run")
    assert "s3cret" not in result.output and "k3y" not in result.output and "reviewer" not in result.output
    assert f"Would send to libre at {libre.url}" in result.output


def test_row16_the_libretranslate_key_and_text_travel_in_the_body_not_the_address(
    project: Path, libre: LibreServer, monkeypatch: pytest.MonkeyPatch
):
    write_article(project, "a.html", "<p>Work starts on Monday.</p>")
    l10n("init", "zh")
    online(project, libre, libre={"api_key": "k3y-in-settings"})
    l10n("translate", "zh")
    assert libre.received and all(r.get("api_key") == "k3y-in-settings" for r in libre.received)
    assert libre.addresses and all("k3y" not in a and "Monday" not in a for a in libre.addresses)


# -- rows 10 and 14: linear on untrusted text ---------------------------------------------------------------------
#
# Every function that runs patterns over translator or machine text, timed (CPU time of this thread,
# best of three) on a text and on one ten times longer, each made of a piece hypothesis chooses,
# repeated: the shapes that make a backtracking pattern quadratic (a long run of what one part of a
# pattern takes and the next part never finds). Linear work takes about ten times as long.

PIECES = [
    *"aA1 汉.,-@<&[X:/%£月日万一pm'\"。，()\n\u00a0#",
    "lt;",
    "amp;",
    "<a1>",
    "</a1>",
    "[X1X]",
    "http://",
    "www.",
    "per cent",
    "March ",
    "3月",
    "14日",
    "1st ",
    "10am",
    "Sichuan",
]


def _linear_functions() -> dict[str, Callable[[str], object]]:
    from l10n.catalogs.glossary import Glossary, Term
    from l10n.check import checks
    from l10n.language.chinese import normalise
    from l10n.language.numbers import mismatches
    from l10n.segment import jsonld, placeholders
    from l10n.segment.htmlio import foreign_character
    from l10n.translate import facts
    from l10n.translate.protect import MARKER, Protector, protect

    glossary = Glossary([Term("Sichuan", "四川"), Term("county hall", "郡政厅"), Term("UK", "UK", False)])
    context = checks.Context(parse_locale("zh"), glossary)
    english = "Roads reopen on 14 March at 10am: 3 roads, 45 per cent of £3.5m, in Sichuan. See www.x.gov.uk."
    protector = Protector(["Sichuan", "county hall", "UK"])
    protected = protect("Read <a1>the plan</a1> in Sichuan.", ["Sichuan"])

    def round_trip(text: str) -> object:
        text = text.replace("\x00", "")
        return pofile.parse(pofile.dump(pofile.Catalog([pofile.Entry("English", text, flags=["fuzzy"])])).decode())

    return {
        "check (msgstr)": lambda t: checks.check_entry(english, t, context),
        "check (msgid)": lambda t: checks.check_entry(t, "道路重开。", context),
        "normalise": lambda t: normalise(t, MARKER),
        "mismatches": lambda t: mismatches(english, t),
        "mismatches (English)": lambda t: mismatches(t, "道路于3月14日重开。"),
        "facts.from_machine": lambda t: facts.from_machine(english, t),
        "facts.from_memory": lambda t: facts.from_memory(english, t, english.replace("14", "15"), True),
        "protect": protector.protect,
        "restore": lambda t: _quietly(protected.restore, t),
        "scan": lambda t: _quietly(placeholders.scan, t, {"a1": True, "br2": False}),
        "token_problems": lambda t: placeholders.token_problems("A <a1>b</a1> <br2/>", t),
        "escape and unescape": lambda t: placeholders.unescape_literals(placeholders.escape_literals(t)),
        "glossary matches": glossary.matches,
        "foreign_character": lambda t: foreign_character(english, t),
        "JSON-LD encode": jsonld.encode,
        "PO write and read": round_trip,
    }


def _quietly(function: Callable[..., object], *args: object) -> object:
    try:
        return function(*args)
    except ValueError as e:  # PlaceholderError, RestoreError: what a bad text gets
        return e


LINEAR = _linear_functions()


def cpu_time(function: Callable[[str], object], text: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.thread_time()
        function(text)
        best = min(best, time.thread_time() - start)
    return best


@pytest.mark.slow
@pytest.mark.parametrize("name", LINEAR)
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
@given(piece=st.lists(st.sampled_from(PIECES), min_size=1, max_size=3).map("".join))
def test_row10_every_pattern_on_untrusted_text_grows_linearly(name: str, piece: str):
    function = LINEAR[name]
    small = piece * (4000 // len(piece) + 1)
    large = piece * (40000 // len(piece) + 1)
    took_small, took_large = cpu_time(function, small), cpu_time(function, large)
    assert took_large <= 15 * took_small + 0.03, f"{piece!r}: {took_small:.4f}s, ten times longer {took_large:.4f}s"


# -- row 14: glossary protection is one lookup per locale, as fast with 100,000 terms as with ten ------------------

WORDS = ["Sichuan", "sichuan", "county", "hall", "County", "Hall", "UK", "e-mail", "£5", "(UK)", "a", "A", "x1"]


def regex_protect(text: str, terms: list[str]) -> tuple[str, tuple[str, ...]]:
    """protect() as it was: the terms as alternatives of one regular expression (the reference)."""
    from l10n.segment.placeholders import LITERAL, TOKEN
    from l10n.translate.protect import MARKER

    alternatives = [TOKEN.pattern, LITERAL.pattern, MARKER.pattern]
    for term in sorted(set(terms), key=len, reverse=True):
        body = re.escape(term) if term != term.lower() else f"(?i:{re.escape(term)})"
        alternatives.append(rf"(?<![\w-]){body}(?![\w-])")
    kept: list[str] = []

    def mark(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"[X{len(kept)}X]"

    return re.sub("|".join(f"(?:{a})" for a in alternatives), mark, text), tuple(kept)


@settings(max_examples=200, deadline=None)
@given(
    terms=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), max_size=6),
    text=st.lists(st.sampled_from([*WORDS, " ", "-", ",", "<a1>", "[X1X]", "&lt;b2>"]), max_size=25).map("".join),
)
def test_row14_protection_finds_what_the_regular_expression_found(terms: list[str], text: str):
    from l10n.translate.protect import Protector

    protected = Protector(terms).protect(text)
    assert (protected.text, protected.kept) == regex_protect(text, terms)


def test_row14_protection_with_100000_terms_costs_what_it_does_with_ten():
    from l10n.translate.protect import Protector

    texts = [f"Councillor Smith {n} visited Sichuan and the County Hall, e-mail us." for n in range(300)]
    many = [f"Term{n} of the glossary" for n in range(100_000)] + ["Sichuan", "County Hall"]
    took = []
    for terms in (["Sichuan", "County Hall"], many):
        protector = Protector(terms)
        start = time.thread_time()
        results = [protector.protect(text) for text in texts]
        took.append(time.thread_time() - start)
        assert all(r.kept == ("Sichuan", "County Hall") for r in results)
    assert took[1] < 3 * took[0] + 0.05, took


@settings(max_examples=200, deadline=None)
@given(
    terms=st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(" ".join), max_size=6, unique=True),
    text=st.lists(st.sampled_from([*WORDS, " ", "-", ",", "<a1>", "<br2/>"]), max_size=25).map("".join),
)
def test_row14_glossary_matches_find_what_the_regular_expression_found(terms: list[str], text: str):
    from l10n.catalogs.glossary import Glossary, Term
    from l10n.segment.placeholders import TOKEN

    glossary = Glossary([Term(t, "译") for t in terms])
    expected: list[str] = []
    if terms:
        ordered = sorted(terms, key=lambda t: (-len(t), t))
        pattern = re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, ordered))})(?![\w-])", re.IGNORECASE)
        by_source = {t.lower(): t for t in reversed(ordered)}
        plain = TOKEN.sub(lambda m: " " if m.group(3) else "", text)
        for match in pattern.finditer(plain):
            source = by_source[match.group(0).lower()]
            if (source == source.lower() or match.group(0) == source) and source not in expected:
                expected.append(source)
    assert [term.source for term in glossary.matches(text)] == expected


# -- row 16: what else msgfmt refuses, a CRLF catalog keeps its line endings, clearer errors ------------------------


@pytest.mark.parametrize(
    "header, message",
    [
        ("Plural-Forms: nplurals=2; plural=n != ;", "invalid plural expression"),
        ("Plural-Forms: nplurals=2; plural=foo;", "invalid plural expression"),
        ("Plural-Forms: nplurals=x; plural=n;", "invalid nplurals value"),
        (
            "Plural-Forms: nplurals=2; plural=n;",
            "nplurals = 2 but plural expression can produce values as large as 1000",
        ),
        ("Plural-Forms: nplurals=1; plural=1/0;", "plural expression can produce division by zero"),
        (
            "Content-Type: text/plain; charset=ISO-8859-1",
            "the catalog declares charset ISO-8859-1: l10n reads catalogs as UTF-8 (convert it with msgconv "
            "--to-code=UTF-8)",
        ),
    ],
)
@pytest.mark.parametrize("command", [["update"], ["compile", "zh"], ["check", "zh"]])
def test_row16_a_header_msgfmt_refuses_is_refused(seeded: Path, header: str, message: str, command: list[str]):
    po = seeded / CATALOG
    name = header.split(":")[0]
    lines = po.read_text().split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(f'"{name}:'))
    lines[at] = f'"{header}\\n"'
    po.write_text("\n".join(lines), encoding="utf-8")
    if name == "Plural-Forms":
        done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True)
        assert done.returncode != 0  # msgfmt refuses it too (a charset it reads: it would misread the UTF-8)
    before = snapshot(seeded)
    result = l10n(*command, code=2)
    header_line = lines.index('msgstr ""') + 1
    assert result.output == f"l10n: error: {CATALOG}:{header_line}: syntax error: {message}\n"
    assert snapshot(seeded) == before


def test_row16_valid_plural_forms_are_read(seeded: Path):
    po = seeded / CATALOG
    russian = "nplurals=3; plural=n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2;"
    po.write_text(re.sub(r'"Plural-Forms: [^"]*"', f'"Plural-Forms: {russian}\\\\n"', po.read_text()))
    msgfmt_check(po)
    l10n("check", "zh")


def test_row16_duplicate_obsolete_entries_are_refused(seeded: Path):
    po = seeded / CATALOG
    po.write_text(po.read_text() + '\n#~ msgid "Old"\n#~ msgstr "旧"\n\n#~ msgid "Old"\n#~ msgstr "旧的"\n')
    done = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(po)], capture_output=True, text=True)
    assert "duplicate message definition" in done.stderr
    result = l10n("update", code=2)
    assert "duplicate message definition" in result.output


def test_row16_an_import_into_a_crlf_catalog_keeps_its_line_endings(seeded: Path):
    po = seeded / CATALOG
    title = next(e for e in load_catalog(po) if e.msgid == "China visit boosts business links")
    po.write_bytes(po.read_bytes().replace(b"\n", b"\r\n"))
    l10n("export", "zh", "--out", "cat")
    xlf = seeded / "cat" / f"{SEED_DOMAIN}.xlf"
    edit(xlf, "xliff2", {unit_id(title): ("中国访问促进商业联系", "final")})
    l10n("import", str(xlf))
    data = po.read_bytes()
    assert "中国访问促进商业联系".encode() in data
    assert data.count(b"\n") == data.count(b"\r\n")  # every line ends CRLF, none LF alone
    msgfmt_check(po)


def test_row16_a_latin_answer_with_a_figure_of_its_own_is_rejected(project: Path, libre: LibreServer):
    write_article(project, "a.html", "<p>Work starts on Monday.</p>")
    l10n("init", "zh")
    online(project, libre, workers=1)
    libre.behave = lambda q, attempt: Answer(text="Work starts on 5 Monday." if "Monday" in q else None)
    result = l10n("translate", "zh", code=1)
    assert "answer misstates a figure: 5 is in the translation but not in the English" in result.output


def test_row16_xml_errors_are_plain_and_name_files_as_written(seeded: Path, tmp_path_factory):
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "bad.xlf").write_text('<?xml version="1.0"encoding="UTF-8"?><xliff/>')
    relative = os.path.relpath(elsewhere / "bad.xlf", seeded)
    result = l10n("import", relative, code=2)
    assert result.output == (f"l10n: error: {relative}:1: not well-formed XML: a space is missing here (column 20)\n")


def test_row6_the_review_page_shows_no_marker_a_translation_holds(seeded: Path):
    translate_seed(seeded, {"China visit boosts business links": "中国\U000f0001访问"})
    l10n("review", "zh")
    page = (seeded / "review/zh" / SEED.name).read_text()
    assert not MARKS.search(page) and "中国\ufffd访问" in page
