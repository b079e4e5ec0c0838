"""The one PO reader and writer: reads what polib and msgfmt read, refuses what msgfmt refuses."""

from __future__ import annotations

import gettext
import io
import subprocess
from pathlib import Path

import polib
import pytest
from conftest import SEED_PROJECT, msgfmt_check

from l10n.catalogs.catalog import Catalog, Entry
from l10n.errors import CatalogError
from l10n.formats import pofile
from l10n.formats.mofile import dump_mo
from l10n.store import load_catalog

CATALOG = SEED_PROJECT / "locales" / "zh" / "LC_MESSAGES" / "china-visit-boosts-business-links.po"
HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def fields(entries) -> list[tuple]:
    """What polib and l10n both know of entries, obsolete ones last (as both write them)."""
    return [
        (
            e.msgctxt,
            e.msgid,
            e.msgstr,
            e.msgid_plural or None,
            dict(e.msgstr_plural),
            list(e.flags),
            e.comment,
            e.tcomment,
            list(e.occurrences),
            e.previous_msgid,
            e.previous_msgctxt,
            bool(e.obsolete),
        )
        for e in sorted(entries, key=lambda e: bool(e.obsolete))
    ]


def rich_catalog() -> Catalog:
    """The shipped catalog and entries of every shape the format allows."""
    catalog = load_catalog(CATALOG)
    catalog.entries += [
        Entry(
            'Say "hi"\tnow\\ ' + "and then some more words " * 6,
            "说“嗨”\n现在" + "很长的中文句子，" * 20,
            msgctxt="verb",
            flags=["fuzzy"],
            tcomment="checked\nby Li",
            previous_msgid="Old " * 30,
            occurrences=[("a.html", str(n)) for n in range(1, 40)],
            comment="p\n<a1> is x",
        ),
        Entry("Line\u2028separator, next\u0085line and \u2029paragraph", "行\u2028分隔"),
        Entry("Bell\a and backspace\b", "响\a"),
        Entry("Plural", msgid_plural="Plurals", msgstr_plural={0: "复数"}),
        Entry("Gone", "走了", flags=["fuzzy"], obsolete=True, tcomment="was in a.html"),
    ]
    return catalog


def test_written_catalogs_read_back_the_same_in_l10n_polib_and_msgfmt(tmp_path: Path):
    catalog = rich_catalog()
    data = pofile.dump(catalog)
    path = tmp_path / "x.po"
    path.write_bytes(data)
    msgfmt_check(path)
    ours = load_catalog(path)
    theirs = polib.pofile(str(path))
    assert fields(ours) == fields(catalog)
    # polib reads gettext's `\a` escape as the two characters `\` and `a`.
    assert [f for f in fields(ours) if "\a" not in f[1]] == [f for f in fields(theirs) if "\\a" not in f[1]]
    assert ours.metadata == catalog.metadata == theirs.metadata
    assert pofile.dump(ours) == data
    lines = data.decode().split("\n")
    assert all(len(line) <= 79 for line in lines if line.startswith(('"', "msg", "#|", "#:")) and " " in line)


def test_entries_start_where_polib_says_they_do():
    ours = load_catalog(CATALOG)
    theirs = [e for e in polib.pofile(str(CATALOG))]
    assert [e.line for e in ours] == [e.linenum for e in theirs]
    assert fields(ours) == fields(theirs)


def test_reviewed_is_translated_and_not_fuzzy():
    assert Entry("A", "甲").reviewed
    assert Entry("A", "甲", obsolete=True).reviewed  # its English is gone; the translation was accepted
    assert not Entry("A", "甲", flags=["fuzzy"]).reviewed
    assert not Entry("A").reviewed and not Entry("A").translated
    assert Entry("A", msgid_plural="As", msgstr_plural={0: "甲"}).reviewed


def test_previous_msgids_written_by_pybabel_are_read_as_previous():
    text = HEADER + '#, fuzzy\n# | msgid "Old English"\nmsgid "New English"\nmsgstr "旧译"\n'
    entry = pofile.parse(text).entries[0]
    assert (entry.previous_msgid, entry.tcomment, entry.fuzzy) == ("Old English", "", True)
    assert '#| msgid "Old English"' in pofile.dump(pofile.parse(text)).decode()


@pytest.mark.parametrize(
    "text, line, message",
    [
        ('msgid "One"\nmsgstr "一\n', 2, "missing closing quote"),
        ('msgid "One"\nmsgstr 一"\n', 2, "missing opening quote"),
        ('msgid "One"\nmsgstr "一"\n"二\n', 3, "missing closing quote"),
        ('msgid "One"\nmsgstr "a "quoted" word"\n', 2, "unescaped double quote"),
        ('msgid "One"\nmsgstr "\\q"\n', 2, "invalid escape sequence"),
        ('msgid "One"\nmsgtsr "一"\n', 2, "unknown keyword"),
        ('msgid "One"\n\nmsgid "Two"\nmsgstr "二"\n', 3, "missing msgstr"),
        ('msgid "One"\nmsgstr "一"\nmsgstr "又一"\n', 3, "msgstr must follow msgid"),
        ('msgid "One"\nmsgstr "一"\n\nmsgid "One"\nmsgstr "二"\n', 4, "duplicate message definition (first at line 5)"),
        ('msgid "One"\nmsgid_plural "Ones"\nmsgstr "一"\n', 3, "msgstr[0]"),
        ('msgid "One"\n#. between\nmsgstr "一"\n', 2, "comment inside an entry"),
        ('msgid "One"\n', 1, "missing msgstr"),
    ],
)
def test_what_msgfmt_refuses_is_refused_naming_the_line(tmp_path: Path, text: str, line: int, message: str):
    path = tmp_path / "bad.po"
    path.write_text(HEADER + text, encoding="utf-8")
    refused = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)], capture_output=True)
    assert refused.returncode != 0, "msgfmt accepts this: so must l10n"
    with pytest.raises(CatalogError) as raised:
        load_catalog(path)
    assert raised.value.line == line + HEADER.count("\n") and message in raised.value.message


def test_any_text_survives_a_round_trip():
    odd = (
        "".join(chr(c) for c in range(1, 0x250) if c not in (0x04, 0x0A)) + "\u2028\u2029\ufeff\U0001f600"
    )  # EOT: msgfmt refuses it
    catalog = Catalog([Entry(odd, odd[::-1], msgctxt=odd[:40])], metadata={"Language": "zh"})
    assert fields(pofile.parse(pofile.dump(catalog).decode()).entries) == fields(catalog.entries)


def test_mo_files_hold_the_reviewed_translations(tmp_path: Path):
    catalog = rich_catalog()
    translations = gettext.GNUTranslations(io.BytesIO(dump_mo(catalog)))
    assert translations.gettext("Bell\a and backspace\b") == "响\a"
    assert translations.ngettext("Plural", "Plurals", 2) == "复数"
    fuzzy = next(e for e in catalog if e.fuzzy and not e.obsolete)
    assert translations.pgettext(fuzzy.msgctxt, fuzzy.msgid) == fuzzy.msgid  # not reviewed: not in the .mo
    (tmp_path / "x.mo").write_bytes(dump_mo(catalog))
    shown = subprocess.run(["msgunfmt", str(tmp_path / "x.mo")], capture_output=True, text=True)
    assert shown.returncode == 0 and 'msgstr "响\\a"' in shown.stdout
