"""Word documents (.docx) as blocks, through mammoth.

Mammoth reads what the document says, not how it looks: headings, paragraphs, bold and italic,
links, bullet and numbered lists (nested), tables (merged cells as `colspan`/`rowspan`), images,
footnotes and endnotes. Tracked changes are read as accepted (insertions kept, deletions gone);
comments, page headers and footers are left out. Word's style names become the site's elements
(`STYLE_MAP`): Title the headline, Subtitle the standfirst, Quote a `<blockquote>`, List Bullet 2
a nested list. A Caption under an image or a table becomes its caption. The document's own date
is the one Word saved it on (its core properties), its title a fallback headline.

A Word 97-2003 `.doc`, a password-protected `.docx` (an encrypted file, not a zip) or a file
that is not a document is refused with one line naming it.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from ..errors import SourceError
from .draft import fragment
from .images import Images, extension

STYLE_MAP = "\n".join(
    [
        "p[style-name='Title'] => h1:fresh",
        "p[style-name='Subtitle'] => p.standfirst:fresh",
        "p[style-name='Standfirst'] => p.standfirst:fresh",
        "p[style-name='Quote'] => blockquote > p:fresh",
        "p[style-name='Intense Quote'] => blockquote > p:fresh",
        "p[style-name='Block Text'] => blockquote > p:fresh",
        "p[style-name='Caption'] => p.caption:fresh",
        "p[style-name='List Bullet 2'] => ul|ol > li > ul > li:fresh",
        "p[style-name='List Bullet 3'] => ul|ol > li > ul|ol > li > ul > li:fresh",
        "p[style-name='List Number 2'] => ul|ol > li > ol > li:fresh",
        "p[style-name='List Number 3'] => ul|ol > li > ul|ol > li > ol > li:fresh",
        "r[style-name='Strong'] => strong",
        "r[style-name='Emphasis'] => em",
        "r[style-name='Intense Emphasis'] => strong",
    ]
)
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a compound file: Word 97-2003, or an encrypted .docx
_CORE = "docProps/core.xml"
_NS = {
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
}
_SAFE_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class Properties:
    """What a document's core properties say of it."""

    title: str = ""
    date: dt.date | None = None


def check(data: bytes, suffix: str, shown: str) -> None:
    """Refuse what mammoth cannot read, saying what to do."""
    if data.startswith(_OLE):
        if suffix == ".doc":
            raise SourceError("a Word 97-2003 .doc file cannot be read: open it in Word and save it as .docx", shown)
        raise SourceError(
            "the Word file is password-protected (encrypted): remove the password (File › Info › Protect "
            "Document) and save it again",
            shown,
        )
    if suffix == ".doc":
        raise SourceError("not a Word 97-2003 .doc file; if it is a .docx, name it so", shown)
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise SourceError("not a Word .docx file (it is no zip archive)", shown)


def blocks(data: bytes, images: Images, shown: str) -> tuple[etree._Element, Properties]:
    """The document's blocks in a `<div>`, its images taken into `images`, and its properties."""
    import mammoth  # here: only `l10n add` needs it

    def image(picture) -> dict[str, str]:  # noqa: ANN001 - mammoth's image object
        with picture.open() as stream:
            content = stream.read()
        src = images.add(content, extension(picture.content_type))
        if not (picture.alt_text or "").strip():
            images.warnings.append(f"{shown}: image {src.split(':', 1)[1]} has no alternative text: add it in Word")
        return {"src": src, "alt": (picture.alt_text or "").strip()}

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if "word/document.xml" not in archive.namelist():
                raise SourceError("not a Word document (no word/document.xml inside)", shown)
            properties = _properties(archive)
        result = mammoth.convert_to_html(
            io.BytesIO(data), style_map=STYLE_MAP, convert_image=mammoth.images.img_element(image)
        )
    except SourceError:
        raise
    except Exception as e:  # noqa: BLE001 - a damaged document, whatever mammoth met in it
        raise SourceError(f"cannot read the Word document: {e}", shown) from None
    body = fragment(result.value)
    _captions(body)
    _footnotes(body)
    return body, properties


def _properties(archive: zipfile.ZipFile) -> Properties:
    """The title and the date last saved (else created) of a document's core properties."""
    try:
        root = etree.fromstring(archive.read(_CORE), parser=_SAFE_XML)
    except (KeyError, etree.XMLSyntaxError):
        return Properties()
    title = " ".join("".join(root.xpath("dc:title/text()", namespaces=_NS)).split())
    date = None
    for name in ("dcterms:modified", "dcterms:created"):
        value = "".join(root.xpath(f"{name}/text()", namespaces=_NS)).strip()
        try:
            date = dt.date.fromisoformat(value[:10])
            break
        except ValueError:
            continue
    return Properties(title, date)


def _captions(body: etree._Element) -> None:
    """A Caption paragraph right after an image (alone in its paragraph) or a table becomes its caption."""
    for caption in list(body.iterfind("p[@class='caption']")):
        before = caption.getprevious()
        if before is None:
            continue
        if before.tag == "table":
            caption.tag = "caption"
            caption.attrib.pop("class")
            caption.tail = None
            before.insert(0, caption)
        elif before.tag == "p" and len(before) == 1 and before[0].tag == "img" and not (before.text or "").strip():
            before.tag = "figure"
            caption.tag = "figcaption"
            caption.attrib.pop("class")
            caption.tail = None
            before.append(caption)


def _footnotes(body: etree._Element) -> None:
    """Mammoth's list of notes at the end, marked as the notes it is."""
    for notes in body.iterfind("ol"):
        items = notes.findall("li")
        if items and all((li.get("id") or "").startswith(("footnote-", "endnote-")) for li in items):
            notes.set("class", "footnotes")
