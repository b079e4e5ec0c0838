"""Word documents, Markdown and images made for the intake tests (python-docx writes the Word files).

Each maker returns the texts a reader must find in the page: `l10n add` must lose none of them.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn
from docx.shared import Inches

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def png(width: int = 4, height: int = 3, rgb: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    """A small PNG of one colour."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")


def _link(paragraph, text: str, url: str) -> None:
    """A hyperlink run in a python-docx paragraph."""
    rel = paragraph.part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = OxmlElement("w:r")
    text_el = OxmlElement("w:t")
    text_el.text = text
    text_el.set(qn("xml:space"), "preserve")
    run.append(text_el)
    link.append(run)
    paragraph._p.append(link)


def _picture(document, path: Path, rgb: tuple[int, int, int], alt: str, run=None) -> None:
    image = path.with_name(f"{path.stem}-{rgb[0]}.png")
    image.write_bytes(png(rgb=rgb))
    run = run or document.add_paragraph().add_run()
    run.add_picture(str(image), width=Inches(1))
    run._r.xpath(".//wp:docPr")[0].set("descr", alt)
    image.unlink()


def release_docx(path: Path) -> list[str]:
    """A release with a headline, standfirst, headings, bold, a link, bullet and numbered lists, a
    quote, a table and two images."""
    d = docx.Document()
    d.add_paragraph("Roads reopen after the floods", style="Title")
    d.add_paragraph("Every county road is open again", style="Subtitle")
    p = d.add_paragraph("Highways teams worked ")
    p.add_run("through the night").bold = True
    p.add_run(" to clear ")
    p.add_run("forty").italic = True
    p.add_run(" roads. ")
    _link(p, "See the map", "https://www.leicestershire.gov.uk/roads")
    p.add_run(" for details.")
    d.add_heading("What was done", level=1)
    d.add_paragraph("Drains were cleared", style="List Bullet")
    d.add_paragraph("Signs were put back", style="List Bullet")
    d.add_heading("What to do next", level=2)
    d.add_paragraph("Check the map", style="List Number")
    d.add_paragraph("Report a blocked drain", style="List Number")
    d.add_paragraph("We are proud of our teams.", style="Quote")
    _picture(d, path, (200, 30, 30), "A gritter on the A6")
    table = d.add_table(rows=2, cols=2)
    table.style = "Table Grid"
    for (r, c), text in {(0, 0): "Road", (0, 1): "Reopened", (1, 0): "A6", (1, 1): "Monday"}.items():
        table.cell(r, c).text = text
    _picture(d, path, (30, 30, 200), "Workers clearing a drain")
    d.add_paragraph("The council thanks residents for their patience.")
    d.save(path)
    return [
        "Roads reopen after the floods",
        "Every county road is open again",
        "Highways teams worked",
        "through the night",
        "See the map",
        "What was done",
        "Drains were cleared",
        "Signs were put back",
        "What to do next",
        "Check the map",
        "Report a blocked drain",
        "We are proud of our teams.",
        "Reopened",
        "Monday",
        "The council thanks residents for their patience.",
        "A gritter on the A6",
        "Workers clearing a drain",
    ]


def release_markdown(folder: Path) -> Path:
    """The same release in Markdown, its images beside it."""
    (folder / "gritter.png").write_bytes(png(rgb=(200, 30, 30)))
    (folder / "drain.png").write_bytes(png(rgb=(30, 30, 200)))
    path = folder / "release.md"
    path.write_text(
        """# Roads reopen after the floods

Every county road is open again

Highways teams worked **through the night** to clear *forty* roads.
[See the map](https://www.leicestershire.gov.uk/roads) for details.

## What was done

- Drains were cleared
- Signs were put back

### What to do next

1. Check the map
2. Report a blocked drain

> We are proud of our teams.

![A gritter on the A6](gritter.png)

| Road | Reopened |
|------|----------|
| A6   | Monday   |

![Workers clearing a drain](drain.png)

The council thanks residents for their patience.
""",
        encoding="utf-8",
    )
    return path


def _numbering(document, levels: int = 3) -> int:
    """A multi-level bullet list definition in the document's numbering part; its numId."""
    numbering = document.part.numbering_part.element
    abstract_id = 90
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/>'
        f'<w:pPr><w:ind w:left="{720 * (i + 1)}" w:hanging="360"/></w:pPr></w:lvl>'
        for i in range(levels)
    )
    numbering.insert(0, parse_xml(f'<w:abstractNum {W} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {W} w:numId="90"><w:abstractNumId w:val="{abstract_id}"/></w:num>'))
    return 90


def _item(document, text: str, level: int, num_id: int) -> None:
    p = document.add_paragraph(text)
    p._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


def _footnotes(document, notes: list[str]) -> None:
    """A footnotes part holding `notes` (python-docx writes none)."""
    body = "".join(
        f'<w:footnote w:id="{i}"><w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p></w:footnote>'
        for i, text in enumerate(notes, start=1)
    )
    xml = (
        f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        f"</w:r></w:p></w:footnote>{body}</w:footnotes>"
    )
    part = Part(
        PackURI("/word/footnotes.xml"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        xml.encode(),
        document.part.package,
    )
    document.part.relate_to(part, RT.FOOTNOTES)


def _note_reference(paragraph, number: int) -> None:
    paragraph._p.append(parse_xml(f'<w:r {W}><w:footnoteReference w:id="{number}"/></w:r>'))


def varied_docx(path: Path, variant: str) -> tuple[list[str], list[str]]:
    """A Word file showing one of Word's features; the texts that must arrive and those that must not."""
    d = docx.Document()
    d.add_paragraph(f"Council news about {variant}", style="Title")
    kept: list[str] = [f"Council news about {variant}"]
    gone: list[str] = []
    if variant == "styles":
        d.add_paragraph("A subtitle as the standfirst", style="Subtitle")
        d.add_paragraph("An intense quote from the leader.", style="Intense Quote")
        d.add_paragraph("A plain quote from a resident.", style="Quote")
        d.add_paragraph("Body text in a custom style.", style="Body Text")
        d.add_heading("A third-level heading", level=3)
        d.add_paragraph("Text in the list paragraph style.", style="List Paragraph")
        d.add_paragraph("A caption-like line without an image.", style="Caption")
        kept += [
            "A subtitle as the standfirst",
            "An intense quote from the leader.",
            "A plain quote from a resident.",
            "Body text in a custom style.",
            "A third-level heading",
            "Text in the list paragraph style.",
            "A caption-like line without an image.",
        ]
    elif variant == "nested lists":
        num = _numbering(d)
        for text, level in [("Top item one", 0), ("Nested item", 1), ("Deeper item", 2), ("Top item two", 0)]:
            _item(d, text, level, num)
        d.add_paragraph("First by style", style="List Bullet")
        d.add_paragraph("Nested by style", style="List Bullet 2")
        kept += ["Top item one", "Nested item", "Deeper item", "Top item two", "First by style", "Nested by style"]
    elif variant == "merged cells":
        table = d.add_table(rows=3, cols=3)
        table.style = "Table Grid"
        for r in range(3):
            for c in range(3):
                table.cell(r, c).text = f"cell {r}{c}"
        table.cell(0, 0).merge(table.cell(0, 1)).text = "Across two columns"
        table.cell(1, 2).merge(table.cell(2, 2)).text = "Down two rows"
        kept += ["Across two columns", "Down two rows", "cell 02", "cell 10", "cell 11", "cell 20", "cell 21"]
    elif variant == "images in tables":
        table = d.add_table(rows=1, cols=2)
        table.cell(0, 0).text = "The new bridge"
        _picture(d, path, (10, 150, 10), "The bridge at dawn", run=table.cell(0, 1).paragraphs[0].add_run())
        kept += ["The new bridge", "The bridge at dawn"]
    elif variant == "footnotes":
        _footnotes(d, ["Figures from the 2021 census.", "Subject to approval."])
        p = d.add_paragraph("The county has 700,000 residents")
        _note_reference(p, 1)
        p.add_run(" and a new plan.")
        _note_reference(p, 2)
        kept += [
            "The county has 700,000 residents",
            "and a new plan.",
            "Figures from the 2021 census.",
            "Subject to approval.",
        ]
    elif variant == "tracked changes":
        p = d.add_paragraph("The budget is ")
        p._p.append(
            parse_xml(
                f'<w:ins {W} w:id="1" w:author="Editor" w:date="2025-01-01T00:00:00Z"><w:r>'
                '<w:t xml:space="preserve">now agreed and </w:t></w:r></w:ins>'
            )
        )
        p._p.append(
            parse_xml(
                f'<w:del {W} w:id="2" w:author="Editor" w:date="2025-01-01T00:00:00Z"><w:r>'
                "<w:delText>still under discussion and </w:delText></w:r></w:del>"
            )
        )
        p.add_run("balanced.")
        kept += ["The budget is now agreed and balanced."]
        gone += ["still under discussion"]
    elif variant == "comments":
        p = d.add_paragraph("The library opens on Saturday.")
        d.add_comment(p.runs, text="Check the day with the library team", author="Press office")
        kept += ["The library opens on Saturday."]
        gone += ["Check the day with the library team"]
    else:
        raise ValueError(variant)
    d.add_paragraph("A closing paragraph of the release.")
    kept.append("A closing paragraph of the release.")
    d.save(path)
    return kept, gone


VARIANTS = ["styles", "nested lists", "merged cells", "images in tables", "footnotes", "tracked changes", "comments"]
