"""Catalogs laid out as GNU gettext lays them out, and translators' files kept in their tools' layout.

Every comparison here is with the real thing: msgcat, msgmerge, polib and pybabel write the
files, and libunistring (gettext's line-breaking library) is asked through ctypes.
"""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import gettext_tables
import polib
import pytest
from conftest import SEED, SEED_PROJECT, l10n, msgfmt_check
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from l10n.catalogs.catalog import Catalog, Entry
from l10n.config import load_config
from l10n.errors import ConfigError
from l10n.formats import pofile, powrap
from l10n.formats.linebreak import GETTEXT_CLASSES, gettext_chars
from l10n.store import load_catalog

CATALOG = Path("locales") / "zh" / "LC_MESSAGES" / SEED.with_suffix(".po").name
TEMPLATE = Path("locales") / "templates" / SEED.with_suffix(".pot").name
LIBUNISTRING = gettext_tables.library()
ONE_ZERO = pytest.mark.skipif(
    gettext_tables.version() != 0x010000, reason="the tables are libunistring 1.0's (gettext 0.21, Debian 12)"
)


def msgcat(data: bytes, tmp_path: Path, *options: str) -> bytes:
    """What GNU msgcat writes for a PO file, run as CI runs it: no LANG, the C locale."""
    path = tmp_path / "in.po"
    path.write_bytes(data)
    done = subprocess.run(["msgcat", *options, str(path)], capture_output=True, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout


# ---- gettext's character tables and line breaking ----


@pytest.mark.slow
@ONE_ZERO
def test_character_tables_are_libunistrings():
    lib = gettext_tables.library()
    assert lib is not None
    classes, widths = gettext_tables.line_break_class(lib), gettext_tables.widths(lib)
    ours = gettext_chars()
    wrong = [
        hex(code) for code in range(0x110000) if ours[code] != GETTEXT_CLASSES.index(classes[code]) * 3 + widths[code]
    ]
    assert not wrong, f"run `python tests/gettext_tables.py` and update formats/linebreak.py: {wrong[:20]}"
    assert "".join(gettext_tables.pair_table(lib)) == powrap.PAIRS


def representatives() -> list[str]:
    """A few characters of every class and width, and the usual ones again and again."""
    table = gettext_chars()
    found: dict[int, list[str]] = {}
    for code in range(0x110000):
        if not 0xD800 <= code < 0xE000 and len(found.setdefault(table[code], [])) < 4:
            found[table[code]].append(chr(code))
    return [c for chars in found.values() for c in chars if c != "\0"] + list("ab Z 9 .,;:-/()<>'%$#中文。，“”") * 4


CHARS = representatives()


@pytest.mark.slow
@ONE_ZERO
@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(CHARS), max_size=30).map("".join))
def test_break_opportunities_are_libunistrings(text: str):
    classes = [gettext_chars()[ord(c)] // 3 for c in text]
    ours = powrap._possible(classes)
    theirs = gettext_tables.possible_breaks(LIBUNISTRING, text)
    theirs = ["M" if kind in (3, 5) else "D" if kind == 2 else "P" for kind in theirs]
    # A CR before LF: libunistring marks the CR; both are escaped in a PO file anyway.
    assert [o for o, t, c in zip(ours, theirs, text) if c not in "\r\n"] == [
        t for t, c in zip(theirs, text) if c not in "\r\n"
    ]


PLAIN = [c for c in CHARS if powrap.c_escape(c) == c and c not in "\r\n\x0b\x0c"]


@ONE_ZERO
@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from(PLAIN + [" "] * 10 + ["word", "中文"] * 5), max_size=60).map("".join),
    st.integers(14, 80),
    st.integers(0, 13),
)
@pytest.mark.slow
def test_lines_break_where_libunistring_breaks_them(text: str, width: int, start: int):
    # On the keyword's line (starting at `start`) when gettext breaks it nowhere there.
    assert (powrap._cuts(text, width, start) is None) == (
        not gettext_tables.width_breaks(LIBUNISTRING, text, width, start)
    )
    assert powrap._cuts(text, width) == gettext_tables.width_breaks(LIBUNISTRING, text, width, 0)


# ---- the writer against msgcat ----

WORDS = [
    "the",
    "council",
    "said",
    "Leicester",
    "road",
    "re-open",
    "self-driving",
    "3.5",
    "1,000",
    "£31",
    "90%",
    "http://www.example.org/path/to/page.html",
    "C:\\path\\file",
    "e-mail",
    "a/b/c",
    "U.S.A.",
    "Dr.",
    "<a1>Midlands Engine</a1>",
    "<br1/>",
    "(brackets)",
    "[square]",
    "{curly}",
    '"quoted"',
    "‘single’",
    "“double”",
    "—",
    "…",
    "tab\there",
    "bell\a",
    "Smith's",
    "supercalifragilisticexpialidociousandthensome",
]
CHINESE = [
    "中国代表团",
    "来访",
    "促进商贸联系",
    "莱斯特郡议会",
    "市政、商界和高校领导人",
    "签署了一项贸易协议",
    "，",
    "。",
    "、",
    "；",
    "：",
    "？",
    "！",
    "“",
    "”",
    "（",
    "）",
    "《",
    "》",
    "【",
    "】",
    "…",
    "——",
    "·",
    "2017年",
    "90%",
]
ODD = [
    "\u2028",
    "e\u0301",
    "\u200b",
    "\u200d",
    "🇬🇧",
    "😀",
    "\x01",
    "\u00a0",
    "ß",
    "א-ב",
    "ก",
    "한국어",
    "\u3000",
    "\r",
    "\f",
    "\v",
    "\b",
    "\t",
    "\\",
    '"',
]
TEXT = st.lists(
    st.one_of(
        st.sampled_from(WORDS), st.sampled_from(CHINESE), st.sampled_from([" ", " ", "  ", "\n"]), st.sampled_from(ODD)
    ),
    max_size=50,
).map("".join)
LINE = st.lists(st.sampled_from(WORDS + CHINESE + [" "]), max_size=30).map(lambda p: "".join(p).strip())
FLAGS = st.lists(
    st.sampled_from(["fuzzy", "no-python-format", "range: 1..5", "no-wrap", "wrap", "ignore-x"]), max_size=3
)
REFERENCE = st.tuples(
    st.sampled_from(["source/a.html", "./source/b.html", "source/news/2025/very-long-name.html"]),
    st.sampled_from(["", "1", "12", "4096"]),
)


@st.composite
def entries(draw: st.DrawFn, number: int) -> Entry:
    entry = Entry(
        draw(TEXT) + f" #{number}",
        draw(TEXT),
        msgctxt=draw(st.none() | TEXT),
        flags=draw(FLAGS),
        comment="\n".join(draw(st.lists(LINE, max_size=3))),
        tcomment="\n".join(line for line in draw(st.lists(LINE, max_size=2)) if not line.startswith("|")),
        occurrences=draw(st.lists(REFERENCE, max_size=12)),
        previous_msgid=draw(st.none() | TEXT),
        obsolete=draw(st.booleans()),
    )
    if entry.previous_msgid is not None:
        entry.previous_msgctxt = draw(st.none() | TEXT)
    if draw(st.integers(0, 9)) == 0:
        entry.msgid_plural, entry.msgstr = draw(TEXT), ""
        entry.msgstr_plural = {0: draw(TEXT), 1: draw(TEXT)}
    return entry


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    catalog = Catalog(
        [draw(entries(n)) for n in range(40)],
        header=draw(LINE) + "\n\nmore",
        header_flags=draw(st.sampled_from([[], ["fuzzy"]])),
        metadata={
            "Project-Id-Version": draw(LINE),
            "Content-Type": "text/plain; charset=UTF-8",
            "Plural-Forms": "nplurals=2; plural=(n != 1) && (n % 10 == 0 || n % 100 > 20) ? 1 : 0;",
        },
    )
    for entry in catalog:  # msgcat drops flags it does not know: l10n keeps them (see gettext_layout_differences)
        entry.flags = [f for f in entry.flags if f != "ignore-x"]
        if entry.obsolete and entry.msgstr_plural and not entry.msgstr_plural[0]:
            entry.msgstr_plural[1] = ""  # msgcat drops it, l10n keeps it while any msgstr[n] has text: as there
    return catalog


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.function_scoped_fixture],
)
@pytest.mark.slow
@given(catalog=catalogs())
def test_catalogs_are_written_as_msgcat_writes_them(catalog: Catalog, tmp_path: Path):
    for width, options in ((pofile.WIDTH, ()), (pofile.NO_WRAP, ("--no-wrap",))):
        data = pofile.dump(catalog, width)
        assert msgcat(data, tmp_path, *options) == data


ZOO = [
    "English prose that goes on long enough to need two lines or three, with commas, stops. And more words.",
    "See https://www.leicestershire.gov.uk/business-and-economy/investment/china-strategy-2017-update.html now",
    "/usr/share/doc/l10n/examples/a-very-long/path/with-many/parts/that-goes/on-and-on/forever/file.txt",
    "A well-known, self-driving, state-of-the-art, up-to-date, re-opened, twenty-first-century hyphenated text.",
    "Supercalifragilisticexpialidociousnesswithoutanyspacesatallthatislongerthanonelineofpofiletext",
    "中国四川省领导人访问莱斯特市和莱斯特郡，签署了一项为期三年的贸易与投资合作承诺。“一带一路”倡议（中国）《愿景》",
    "四川自1988年起与莱斯特郡结为友好省郡，此次活动也标志着Leicester City Council和Midlands Engine即将迎来30周年。",
    "Councillor Rushton and Sir John Peace, Chair of the <a1>Midlands Engine</a1>, hosted the <em1>visitors</em1>.",
    "One line\nTwo lines\nAnd a third line that is long enough to be wrapped by gettext at seventy-nine columns\n",
    'Quotes "inside" and back\\slashes and\ttabs\tand a bell\a at the end of a long string that wraps.\n',
]


def test_a_zoo_of_strings_is_written_as_msgcat_writes_it(tmp_path: Path):
    catalog = Catalog(metadata={"Content-Type": "text/plain; charset=UTF-8"}, header="A header\n\nwith a gap")
    for n, text in enumerate(ZOO):
        catalog.entries.append(
            Entry(
                text,
                ZOO[-n - 1],
                msgctxt=text[:30] if n % 3 == 0 else None,
                flags=["fuzzy"] if n % 2 else [],
                previous_msgid=ZOO[n - 1] if n % 2 else None,
                comment=f'p.{n}\n<a1> is <a href="{ZOO[1]}">',
                occurrences=[(f"source/news/{n}/article-{k}.html", str(k * 37)) for k in range(n + 1)],
            )
        )
        catalog.entries.append(
            Entry(
                text + " (gone)",
                ZOO[n],
                obsolete=True,
                flags=["fuzzy"] if n % 2 else [],
                previous_msgid=text if n % 2 else None,
            )
        )
    for width, options in ((pofile.WIDTH, ()), (pofile.NO_WRAP, ("--no-wrap",))):
        data = pofile.dump(catalog, width)
        assert msgcat(data, tmp_path, *options) == data


def test_gettext_layout_differences():
    """Where l10n's writer knowingly differs from msgcat: it keeps flags gettext does not know, and
    an obsolete plural entry whose first translation is empty but another is not."""
    catalog = Catalog(
        [
            Entry("A", "甲", flags=["ignore-numbers", "fuzzy"]),
            Entry("B", msgid_plural="Bs", msgstr_plural={0: "", 1: "乙"}, obsolete=True),
        ],
        metadata={"Language": "zh"},
    )
    assert "#, fuzzy, ignore-numbers\n" in pofile.dump(catalog).decode()
    assert '#~ msgstr[1] "乙"\n' in pofile.dump(catalog).decode()


def test_the_style_of_a_file_is_read_from_it(tmp_path: Path):
    catalog = load_catalog(SEED_PROJECT / CATALOG)
    wrapped = pofile.dump(catalog)
    assert pofile.style(wrapped.decode()) == pofile.WIDTH
    assert pofile.style(msgcat(wrapped, tmp_path, "--no-wrap").decode()) == pofile.NO_WRAP
    assert pofile.style('msgid "Short"\nmsgstr "短"\n') == pofile.WIDTH  # nothing to tell: gettext's


# ---- translators' tools and `l10n update` ----


def save_with(tool: str, project: Path) -> None:
    """Save the project's catalog with a translator's tool, in place."""
    po, pot = str(project / CATALOG), str(project / TEMPLATE)
    if tool == "polib":
        polib.pofile(po).save()
        return
    command = {
        "msgcat": ["msgcat", "-o", po, po],
        "msgcat --no-wrap": ["msgcat", "--no-wrap", "-o", po, po],
        "msgmerge": ["msgmerge", "--quiet", "--previous", "-o", po, po, pot],
        "pybabel": [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "update",
            "--previous",
            "-i",
            pot,
            "-o",
            po,
            "-l",
            "zh_Hans",
        ],
    }[tool]
    done = subprocess.run(command, capture_output=True, text=True, env={"PATH": "/usr/bin:/bin"})
    assert done.returncode == 0, done.stderr


@pytest.fixture
def seeded(project: Path) -> Path:
    """The seed article and its reviewed catalog, brought up to date by `l10n update`."""
    shutil.copy(SEED, project / "source")
    shutil.copytree(SEED_PROJECT / "locales", project / "locales")
    l10n("update")
    return project


def edit_source(project: Path) -> None:
    """A sentence of the article changes."""
    path = project / "source" / SEED.name
    text = path.read_text(encoding="utf-8")
    assert "Sichuan is the size of Spain" in text
    path.write_text(
        text.replace("Sichuan is the size of Spain", "Sichuan is about the size of Spain"), encoding="utf-8"
    )


def changed_entries(old: str, new: str) -> tuple[set[str], list[str]]:
    """The msgids of the entries whose lines differ between two versions of a file, and the
    header lines that differ ("" names the header)."""
    touched: set[str] = set()
    header: list[str] = []
    old_lines, new_lines = old.split("\n"), new.split("\n")
    for text, lines, side in ((old, old_lines, 0), (new, new_lines, 1)):
        catalog = pofile.parse(text)
        starts = [e.line - 1 for e in catalog.entries]
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
        for tag, a1, a2, b1, b2 in matcher.get_opcodes():
            if tag == "equal":
                continue
            for number in range(*((a1, a2) if side == 0 else (b1, b2))):
                if not lines[number].strip():
                    continue
                owner = max((i for i, start in enumerate(starts) if start <= number), default=None)
                if owner is None:
                    header.append(lines[number])
                else:
                    touched.add(catalog.entries[owner].msgid)
    return touched, header


EDITED = {
    "Sichuan is the size of Spain, with 90 million residents and an economy worth £31\u00a0billion.",
    "Sichuan is about the size of Spain, with 90 million residents and an economy worth £31\u00a0billion.",
}


@pytest.mark.parametrize("tool", ["msgcat", "msgcat --no-wrap", "msgmerge", "polib"])
def test_a_catalog_saved_by_a_translators_tool_is_left_alone_and_then_changed_only_where_it_changed(
    seeded: Path, tool: str
):
    save_with(tool, seeded)
    saved = (seeded / CATALOG).read_bytes()
    l10n("update")
    assert (seeded / CATALOG).read_bytes() == saved, "nothing changed: not a byte may change"

    edit_source(seeded)
    l10n("update")
    msgfmt_check(seeded / CATALOG)
    updated = (seeded / CATALOG).read_bytes()
    touched, header = changed_entries(saved.decode(), updated.decode())
    assert touched and touched <= EDITED, touched
    assert all(line.startswith('"POT-Creation-Date: ') for line in header), header
    catalog = load_catalog(seeded / CATALOG)
    fuzzy = [e for e in catalog.active() if e.fuzzy]
    assert [(e.msgid in EDITED, e.previous_msgid in EDITED) for e in fuzzy] == [(True, True)]
    if tool != "polib":  # the file is in gettext's layout throughout: its own tool leaves it alone
        save_with(tool, seeded)
        assert (seeded / CATALOG).read_bytes() == updated


def test_a_catalog_l10n_writes_is_left_alone_by_msgmerge_and_msgcat(seeded: Path):
    edit_source(seeded)
    shutil.rmtree(seeded / "locales")
    l10n("init", "zh")  # a new template and catalog
    path = seeded / CATALOG
    msgfmt_check(path)
    written = path.read_bytes()
    for tool in ("msgcat", "msgmerge"):
        save_with(tool, seeded)
        assert path.read_bytes() == written, tool
    template = (seeded / TEMPLATE).read_bytes()
    subprocess.run(["msgcat", "-o", str(seeded / TEMPLATE), str(seeded / TEMPLATE)], check=True)
    assert (seeded / TEMPLATE).read_bytes() == template


def test_previous_msgids_pybabel_writes_are_read_and_written_back_as_gettext_writes_them(seeded: Path):
    edit_source(seeded)
    l10n("update")
    save_with("pybabel", seeded)
    assert "\n# | msgid " in (seeded / CATALOG).read_text(encoding="utf-8")
    edit = seeded / "source" / SEED.name
    growth = "This visit is about finding new opportunities for growth."
    edit.write_text(edit.read_text(encoding="utf-8").replace(growth, growth.replace("new", "fresh")), encoding="utf-8")
    l10n("update")
    text = (seeded / CATALOG).read_text(encoding="utf-8")
    assert "# | " not in text and "\n#| msgid " in text
    msgfmt_check(seeded / CATALOG)
    catalog = load_catalog(seeded / CATALOG)
    assert {e.previous_msgid for e in catalog.active() if e.fuzzy} == {growth, min(EDITED, key=len)}


def test_the_wrap_setting_lays_out_new_and_rewritten_catalogs(seeded: Path):
    pyproject = seeded / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + 'wrap = "no"\n')
    l10n("update")
    assert pofile.style((seeded / CATALOG).read_text(encoding="utf-8")) == pofile.WIDTH  # unchanged: left alone
    edit_source(seeded)
    l10n("update")
    text = (seeded / CATALOG).read_text(encoding="utf-8")
    assert pofile.style(text) == pofile.NO_WRAP and text.encode() == msgcat_no_wrap(seeded / CATALOG)
    msgfmt_check(seeded / CATALOG)
    pyproject.write_text(pyproject.read_text().replace('wrap = "no"', "wrap = 79"))
    shutil.rmtree(seeded / "locales" / "zh")
    l10n("init", "zh")
    assert pofile.style((seeded / CATALOG).read_text(encoding="utf-8")) == pofile.WIDTH


def msgcat_no_wrap(path: Path) -> bytes:
    return subprocess.run(["msgcat", "--no-wrap", str(path)], capture_output=True, check=True).stdout


@pytest.mark.parametrize("value", ["yes", 0, 5, True, 79.5])
def test_a_wrap_setting_is_a_width_or_no(project: Path, value):
    pyproject = project / "pyproject.toml"
    literal = f'"{value}"' if isinstance(value, str) else str(value).lower()
    pyproject.write_text(pyproject.read_text() + f"wrap = {literal}\n")
    with pytest.raises(ConfigError, match="wrap"):
        load_config(project)


def test_header_fields_keep_their_order_in_a_translators_file(seeded: Path):
    path = seeded / CATALOG
    text = path.read_text(encoding="utf-8")
    plural = re.search(r'^"Plural-Forms: .*\n', text, re.M).group(0)
    text = text.replace(plural, "").replace(
        '"Report-Msgid-Bugs-To', plural + '"X-Generator: Poedit 3.4\\n"\n"Report-Msgid-Bugs-To'
    )
    path.write_text(text, encoding="utf-8")
    fields = re.findall(r'^"([A-Za-z-]+): ', text, re.M)
    edit_source(seeded)
    l10n("update")
    assert re.findall(r'^"([A-Za-z-]+): ', path.read_text(encoding="utf-8"), re.M) == fields


def test_obsolete_entries_keep_their_format_and_wrap_flags_as_msgcat_does(tmp_path: Path):
    text = (
        b'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        b'#, no-wrap, c-format, range: 1..5, fuzzy\n#~ msgid "a %d and a line long enough that gettext would wrap it at '
        b'seventy-nine columns"\n#~ msgstr "b %d"\n'
    )
    written = pofile.dump(pofile.parse(text.decode()))
    assert written == msgcat(text, tmp_path)
    assert b"#, fuzzy, c-format, no-wrap\n" in written
