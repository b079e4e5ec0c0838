"""`l10n segment`: what is translatable, how blocks become sentences and placeholders."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import DATA, SEED, l10n


def units(path: Path, *options: str) -> list[dict]:
    result = l10n("segment", "--json", *options, path)
    return [json.loads(line) for line in result.output.splitlines()]


def msgids(path: Path, *options: str) -> list[str]:
    return [u["msgid"] for u in units(path, *options)]


def test_seed_units_and_json_fields():
    found = units(SEED)
    first = found[0]
    assert first["msgid"] == "China visit boosts business links | Leicestershire County Council"
    assert first["line"] == 6 and first["element"] == "title" and first["file"].endswith(SEED.name)
    assert {"msgid", "msgctxt", "line", "element", "context", "placeholders"} <= set(first)
    ids = [u["msgid"] for u in found]
    # Meta description and og: tags, nav, headings, list items, captions, alt and title text.
    assert ids.count("Civic, business and university leaders have signed a trade agreement") == 3
    assert "Main navigation" in ids and "Search for services, news and more" in ids
    assert "Leaders from Sichuan and Leicestershire at the signing of the trade agreement" in ids
    assert "Video of the Sichuan delegation’s visit to Leicestershire" in ids
    assert "Leicestershire Matters" in ids and "Almost 280 trees have been planted on 30 sites" in ids
    # A quotation holding several sentences is split into them.
    assert "Over the last few years our city and county have been catapulted to a global stage." in ids
    assert "This visit is about finding new opportunities for growth." in ids
    # A link inside a sentence is a placeholder, not an island.
    link = next(u for u in found if "Midlands Engine</a1>" in u["msgid"])
    assert link["msgid"].startswith("Councillor Rushton and Sir John Peace, Chair of the <a1>")
    assert link["placeholders"] == {"a1": '<a1> is <a href="https://www.midlandsengine.org">'}
    assert link["context"] == "body > main#main-content > article.news-article > p"
    # The no-break space of "£31&nbsp;billion" is kept in the msgid.
    assert "Sichuan is the size of Spain, with 90 million residents and an economy worth £31\u00a0billion." in ids


def test_human_output_lists_line_element_and_text():
    result = l10n("segment", SEED)
    assert "    6  title" in result.output
    assert "h1" in result.output and "China visit boosts business links" in result.output


def test_untranslatable_content_is_skipped():
    ids = msgids(DATA / "pages" / "inline.html")
    text = "\n".join(ids)
    for hidden in ("not translatable", "Not <b>translatable</b>", "Preformatted", "color", "Page comment"):
        assert hidden not in text
    assert "Leicestershire County Council" not in ids  # class="notranslate"
    assert "The <span1/> newsletter is out now." in ids  # translate="no" inline: kept whole
    assert "Run <code1/> to try it, then press <kbd2/>+<kbd3/>." in ids


def test_inline_markup_becomes_numbered_placeholders():
    ids = msgids(DATA / "pages" / "inline.html")
    assert "Our <a1><strong2>libraries</strong2> are <em3>open again</em3></a1> from Monday." in ids
    # Lines a <br> separates are units of their own.
    assert "Opening hours vary" in ids and "by branch, so please <a1>check before you travel</a1>." in ids
    assert "H<sub1>2</sub1>O and E = mc<sup2>2</sup2> are <abbr3>e.g.</abbr3> formulas <span4/> with icons." in ids
    assert "Find your nearest library" in ids and "for example" in ids  # title attributes
    # A block whose whole content is one link is translated inside the link.
    assert "More news" in ids and "Item one" in ids and "<a1>Item two</a1> with a tail" in ids
    assert "Wait<wbr1/>for it, then <q2>quote inline</q2>." in ids


def test_sentences_inside_blocks():
    ids = msgids(DATA / "pages" / "inline.html")
    assert "Contact Dr. Jane Smith at <a1>jane.smith@leics.gov.uk</a1> or visit www.leicestershire.gov.uk." in ids
    assert "The deadline is 10 a.m. on 3 March." in ids
    assert "“Reading changes lives." in ids and "I am delighted,” said Cllr. Deborah Taylor." in ids
    assert ["Loose text in a div", "with a paragraph inside", "and text after it."] == [
        i for i in ids if "div" in i or "paragraph inside" in i or "text after" in i
    ]


def test_paragraph_mode_keeps_blocks_whole(project: Path):
    ids = msgids(DATA / "pages" / "nodoctype.html", "--mode", "paragraph")
    assert "The A47 is closed tonight. Use the B581 instead." in ids
    config = project / "pyproject.toml"
    config.write_text(config.read_text() + 'segmentation = "paragraph"\n')
    assert "The A47 is closed tonight. Use the B581 instead." in msgids(DATA / "pages" / "nodoctype.html")


def test_forms_tables_and_attributes():
    ids = msgids(DATA / "pages" / "forms.html")
    for text in (
        "Where is it?",
        "Road name",
        "For example, London Road",
        "Small",
        "Large",
        "Large pothole",
        "Send report",
        "Clear the form",
        "Clear",
        "Why we ask",
        "A pothole",
        "How we fix potholes",
        "English captions",
        "Tell us about a pothole on a county road.",
    ):
        assert text in ids, text
    assert "Default text" not in ids
    ids = msgids(DATA / "pages" / "tables.html")
    for text in (
        "Where the money goes (£ million)",
        "Service",
        "Adult social care",
        "£215.3m",
        "<strong1>Up</strong1> 4.5 per cent",
        "Down 1.2 per cent.",
        "See note.",
        "Highways & transport",
        "Council tax",
        "Band D rises by 4.99 per cent, i.e. about £1.40 a week.",
    ):
        assert text in ids, text


def test_entities_are_text_in_msgids():
    ids = msgids(DATA / "pages" / "entities.html")
    assert "Fees & charges – 2025" in ids
    assert 'Fish & chips <3 and 5 > 4 "quoted" café naïve ☃ snow.' in ids
    assert "Parking costs £2.50\u00a0per hour – or £10 a day — at County\u00a0Hall." in ids


def test_declared_charset_is_honoured():
    assert msgids(DATA / "pages" / "latin1.html") == [
        "Café opening",
        "The café costs £3.50 a day.",
        "It opens naïvely early.",
    ]


def test_context_attribute_keeps_identical_english_apart(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text('<html><body><p>Close</p><button data-l10n-context="verb">Close</button></body></html>')
    assert [(u["msgctxt"], u["msgid"]) for u in units(page)] == [(None, "Close"), ("verb", "Close")]


def test_attributes_of_inline_media_and_code_are_translatable(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><p>Watch <video title="The visit" src="v.mp4"></video> or run '
        '<code title="A command">ls</code>. <span translate="no" title="Kept">X</span></p></body></html>'
    )
    ids = msgids(page)
    assert "The visit" in ids and "A command" in ids and "Kept" not in ids
    assert "Watch <video1/> or run <code2/>." in ids


def test_attributes_inside_a_block_wrapping_one_element_are_units_once(tmp_path: Path):
    page = tmp_path / "page.html"
    page.write_text(
        '<html><body><p><a href="x"><img alt="Logo" src="y"> Home <abbr title="County Council">CC</abbr>'
        "</a></p></body></html>"
    )
    assert [(u["element"], u["msgid"]) for u in units(page)] == [
        ("img@alt", "Logo"),
        ("abbr@title", "County Council"),
        ("a", "Home <abbr1>CC</abbr1>"),
    ]


def test_placeholder_comments_are_one_line_each(tmp_path: Path):
    page = tmp_path / "page.html"
    link = '<a title="Building with Visual C++\n   or the SDK" href="w.html">Next</a>'
    page.write_text(f"<html><body><p>See {link} now.</p><p>See {link} now.</p></body></html>")
    found = units(page)
    assert found[-1]["placeholders"] == {"a1": '<a1> is <a title="Building with Visual C++ or the SDK" href="w.html">'}
