"""Pinned formats: one catalog written as PO, MO, XLIFF 2.0, XLIFF 1.2 and TMX, byte for byte.

Translators and agencies hold files from the last release: a change in how a unit id is made, a
state is written or a code is laid out makes every one of them come back "stale" or misread. So
any change to these bytes must fail here first. If the change is deliberate, write the files
afresh with `python tests/test_golden.py`, look at the diff, and say in the commit what changed
for the people holding old files.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DATA, msgfmt_check

from l10n.catalogs.catalog import Catalog, Entry
from l10n.formats import pofile, tmx, xliff
from l10n.formats.mofile import dump_mo
from l10n.formats.transunits import trans_units, unit_id, xml_safe

GOLDEN = DATA / "golden"
HEADER = {
    "Project-Id-Version": "news/visit",
    "POT-Creation-Date": "2026-11-29 10:00+0000",
    "PO-Revision-Date": "2026-11-30 12:00+0000",
    "Last-Translator": "",
    "Language-Team": "Chinese (Simplified, China)",
    "Language": "zh_Hans",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=1; plural=0;",
}


def catalog() -> Catalog:
    """A catalog with one entry of each kind l10n writes: reviewed with codes, fuzzy with old
    English and an origin, untranslated, with a context, with page text shaped like a tag."""
    where = [("source/news/visit.html", "12")]
    return Catalog(
        header="Chinese (Simplified) translation of news/visit.",
        metadata=dict(HEADER),
        entries=[
            Entry("China visit boosts business links", "四川省代表团访问莱斯特郡", comment="h1", occurrences=where),
            Entry(
                "Read <a1>the plan</a1>.<br2/>Then vote.",
                "阅读<a1>计划</a1>。<br2/>然后投票。",
                comment='p\n<a1> is <a href="https://example.org/plan">\n<br2> is <br>',
                occurrences=[("source/news/visit.html", "20")],
            ),
            Entry(
                "Published <time1/>",
                "发布于<time1/>",
                flags=["fuzzy"],
                comment='p\n<time1> is <time datetime="2025-03-14">',
                tcomment="suggestion: memory, 2026-11-29, 92% match",
                previous_msgid="Posted <time1/>",
                occurrences=[("source/news/visit.html", "31")],
            ),
            Entry("Close", msgctxt="verb", comment="button", occurrences=[("source/news/visit.html", "40")]),
            Entry(
                "Use &lt;h1> once.", "&lt;h1> 只用一次。", comment="li", occurrences=[("source/news/visit.html", "44")]
            ),
        ],
    )


def written() -> dict[str, bytes]:
    """The catalog in every pinned format, by file name."""
    po = catalog()
    units = trans_units(po, "news/visit.po", [])
    return {
        "visit.po": pofile.dump(po),
        "visit.mo": dump_mo(po),
        "visit-2.0.xlf": xliff.write("xliff2", units, "news/visit.po", "en", "zh-Hans"),
        "visit-1.2.xlf": xliff.write("xliff1", xml_safe(units, "news/visit.po", []), "news/visit.po", "en", "zh-Hans"),
        "visit.tmx": tmx.write([(u, "news/visit") for u in units], "en", "zh-Hans", "sentence", "0.0.0-golden"),
    }


@pytest.mark.parametrize("name", sorted(written()))
def test_each_format_is_written_byte_for_byte_as_pinned(name: str):
    assert written()[name] == (GOLDEN / name).read_bytes(), (
        f"{name} changed: if on purpose, run `python tests/test_golden.py` and say what changed for people "
        "holding files from the last release"
    )


def test_unit_ids_are_pinned():
    """`u` and the first 16 hex digits of a BLAKE2b digest of the context and the English: the same
    in every export of every release, so a file from an old export still finds its entries."""
    ids = [unit_id(entry) for entry in catalog()]
    assert ids == [
        "u26e80cab44ec8218",
        "uca7759ee9ff02f65",
        "ud9551a33aac173d1",
        "u5e634d711f4a5524",
        "ua23be486cb8ba33c",
    ]


def test_the_pinned_po_is_what_msgcat_writes_and_the_mo_what_msgfmt_makes(tmp_path: Path):
    msgfmt_check(GOLDEN / "visit.po")
    cat = subprocess.run(["msgcat", str(GOLDEN / "visit.po")], capture_output=True, check=True)
    assert cat.stdout == (GOLDEN / "visit.po").read_bytes()
    subprocess.run(["msgfmt", "-o", str(tmp_path / "visit.mo"), str(GOLDEN / "visit.po")], check=True)
    assert (tmp_path / "visit.mo").read_bytes() == (GOLDEN / "visit.mo").read_bytes()


if __name__ == "__main__":
    GOLDEN.mkdir(parents=True, exist_ok=True)
    for file_name, data in written().items():
        (GOLDEN / file_name).write_bytes(data)
        print(f"wrote {GOLDEN / file_name}", file=sys.stderr)
