"""`l10n add`: Word, Markdown, plain text, HTML files and live pages made articles in the site's own page."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import polib
import pytest
from conftest import SEED, SEED_PROJECT, catalog, l10n, msgfmt_check, snapshot
from documents import VARIANTS, png, release_docx, release_markdown, varied_docx
from lxml import etree

from l10n.segment.htmlio import read_html

SEED_TEXT = Path(__file__).parent / "data" / "seed-release.txt"
DOMAIN = SEED.stem
_TOKEN = re.compile(r"</?(?!time)[a-z]+[0-9]+>")


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seed project whole (its article, assets, catalogs and glossary) as the current folder."""
    project = tmp_path / "site"
    shutil.copytree(SEED_PROJECT, project)
    monkeypatch.chdir(project)
    return project


def units(po: polib.POFile, leave_out: tuple[str, ...] = ()) -> set[str]:
    """The English of a catalog's entries, inline placeholders dropped (plain text has no markup) and
    no-break spaces read as spaces (a text scrape has none), but for entries only of `leave_out` elements."""
    return {
        _TOKEN.sub("", e.msgid).replace("\xa0", " ")
        for e in po
        if not e.obsolete and not all(line in leave_out for line in e.comment.splitlines() if "<" not in line)
    }


def shown(path: Path) -> str:
    """A path as the command shows it: from the current folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def article(project: Path, rel: str) -> etree._Element:
    return read_html(project / "source" / rel).root


def texts(root: etree._Element) -> str:
    return " ".join("".join(root.itertext()).split())


# ---- plain text: the seed ----


def seed_text(folder: Path) -> Path:
    """The seed article's text scrape, frozen in tests/data (from ../shared/seeds/000_c120fe5b290e0a9f.txt)."""
    path = folder / "release.txt"
    shutil.copy(SEED_TEXT, path)
    return path


def test_the_seed_text_gives_the_shipped_articles_units_in_the_sites_page(site: Path, tmp_path: Path):
    text = seed_text(tmp_path)
    result = l10n("add", text, "--name", "china-visit-text", "--date", "2017-11-08")
    assert result.stdout == (
        "added source/china-visit-text.html from "
        f"{shown(text)}: 12 paragraphs, 0 images, 0 tables (in the page of source/{SEED.name})\n"
    )
    assert (
        "left out 7 lines at the end, read as the site's own (“Leicestershire Matters” and 6 headlines of other stories)"
        in result.stderr
    )
    page = article(site, "china-visit-text.html")
    assert page.findtext(".//h1") == "China visit boosts business links"
    assert page.xpath("//p[@class='standfirst']/text()") == [
        "Civic, business and university leaders have signed a trade agreement"
    ]
    assert page.xpath("//article//time/@datetime") == ["2017-11-08"]
    assert page.findtext(".//title") == "China visit boosts business links | Leicestershire County Council"
    body = page.xpath("//article/p[not(@class)]/text()")
    assert len(body) == 12 and body[-1] == "Watch a video of the visit below:"
    assert "Leicestershire Matters" not in texts(page.find(".//article"))
    assert page.xpath("//article//figure | //article//video") == []  # the template article's own media went
    l10n("update")
    new, shipped = catalog(site, "china-visit-text"), catalog(site, DOMAIN)
    msgfmt_check(site / "locales" / "zh" / "LC_MESSAGES" / "china-visit-text.po")
    # Title, standfirst, each paragraph: the same units as the shipped article (less its figure and
    # video, which a text cannot carry); nothing of the site's header or footer is the article's.
    assert units(new) == units(shipped, leave_out=("img@alt", "figcaption", "video@title"))
    site_units = {e.msgid for e in catalog(site, "_site")}
    assert not site_units & {e.msgid for e in new}
    assert {"Home", "Contact us", "Privacy notice", "Leicestershire Matters"} <= site_units


def test_plain_text_rules(project: Path, tmp_path: Path):
    source = tmp_path / "release.txt"
    source.write_text(
        "FOR IMMEDIATE RELEASE\n"
        "Date: 14 March 2025\n\n"
        "Libraries open longer\n"
        "Six libraries open on Sundays\n\n"
        "Libraries open longer\n\n"
        "From April, six libraries will open on Sundays. The change follows a consultation that\n"
        "drew more than 3,000 replies from residents across the county this winter.\n\n"
        "- Coalville\n- Hinckley\n  and its mobile library\n- Melton\n\n"
        "1. Check the times\n2. Visit\n\n"
        "County Hall\nGlenfield\nLeicester\n\n"
        "ENDS\n\n"
        "Notes to editors\n\nThe press office can be reached on 0116 000 0000.\n",
        encoding="utf-8",
    )
    result = l10n("add", source)
    assert "added source/libraries-open-longer.html from " in result.stdout
    assert "left out 2 blocks after “ENDS” (for journalists, not readers); --all-text keeps them" in result.stderr
    page = article(project, "libraries-open-longer.html")
    assert page.findtext(".//h1") == "Libraries open longer"
    assert page.xpath("//p[@class='standfirst']/text()") == ["Six libraries open on Sundays"]
    assert page.xpath("//time/@datetime") == ["2025-03-14"]  # the release's date line
    paragraphs = page.xpath("//article//p[not(@class)]")
    assert texts(paragraphs[0]).startswith("From April, six libraries will open on Sundays. The change follows")
    assert "consultation that drew" in texts(paragraphs[0])  # a wrapped paragraph is one
    assert [li.xpath("string()") for li in page.xpath("//ul/li")] == [
        "Coalville",
        "Hinckley and its mobile library",
        "Melton",
    ]
    assert [li.text for li in page.xpath("//ol/li")] == ["Check the times", "Visit"]
    address = paragraphs[-1]
    assert address.text == "County Hall" and len(address.findall("br")) == 2  # short lines stay lines
    whole = texts(page)
    for gone in ("FOR IMMEDIATE RELEASE", "ENDS", "Notes to editors", "0116 000 0000"):
        assert gone not in whole
    assert whole.count("Libraries open longer") == 2  # <title> and <h1>: the repeated headline is not a paragraph
    l10n("add", source, "--all-text", "--force")
    assert "0116 000 0000" in texts(article(project, "libraries-open-longer.html"))


def test_a_text_ending_with_the_articles_own_short_lines_keeps_them(project: Path, tmp_path: Path):
    source = tmp_path / "release.txt"
    source.write_text(
        "Bins collected on Boxing Day\n\nCollections go ahead as usual over the holiday.\n\n"
        "For more information\n\nCall 0116 305 0000\n\nVisit the council website\n",
        encoding="utf-8",
    )
    result = l10n("add", source)
    assert "left out" not in result.stderr
    whole = texts(article(project, "bins-collected-on-boxing-day.html"))
    assert "Call 0116 305 0000" in whole and "Visit the council website" in whole


# ---- Word and Markdown ----


def check_release(page: etree._Element, folder: Path, stem: str) -> None:
    """Every element of the test release arrived, and its images are files under the article's assets."""
    body = page.find(".//article")
    assert page.findtext(".//h1") == "Roads reopen after the floods"
    assert page.xpath("//p[@class='standfirst']/text()") == ["Every county road is open again"]
    assert body.xpath(".//strong/text()") == ["through the night"] and body.xpath(".//em/text()") == ["forty"]
    assert body.xpath(".//a[text()='See the map']/@href") == ["https://www.leicestershire.gov.uk/roads"]
    assert body.xpath(".//h2/text()") == ["What was done"] and body.xpath(".//h3/text()") == ["What to do next"]
    assert [texts(li) for li in body.xpath(".//ul/li")] == ["Drains were cleared", "Signs were put back"]
    assert [texts(li) for li in body.xpath(".//ol/li")] == ["Check the map", "Report a blocked drain"]
    assert texts(body.find(".//blockquote")) == "We are proud of our teams."
    assert [texts(cell) for cell in body.xpath(".//table//td|.//table//th")] == ["Road", "Reopened", "A6", "Monday"]
    images = body.xpath(".//img")
    assert [img.get("alt") for img in images] == ["A gritter on the A6", "Workers clearing a drain"]
    files = [folder / img.get("src") for img in images]
    assert all(img.get("src").startswith(f"assets/{stem}/") for img in images)
    assert [f.read_bytes()[:8] for f in files] == [b"\x89PNG\r\n\x1a\n"] * 2 and files[0].read_bytes() != files[
        1
    ].read_bytes()
    assert "data:" not in (folder / f"{stem}.html").read_text()


def test_a_word_release_arrives_whole_with_its_images_as_files(seeded: Path, tmp_path: Path):
    expected = release_docx(tmp_path / "release.docx")
    result = l10n("add", tmp_path / "release.docx", "--to", "news", "--date", "2026-03-02")
    stem = "roads-reopen-after-the-floods"
    assert result.stdout == (
        f"added source/news/{stem}.html from {shown(tmp_path / 'release.docx')}: 3 paragraphs, 2 images, 1 table "
        f"(in the page of source/{SEED.name})\n"
    )
    page = article(seeded, f"news/{stem}.html")
    check_release(page, seeded / "source" / "news", stem)
    whole = texts(page)
    assert all(
        text in whole or text in page.xpath("string(//img/@alt)") or text in " ".join(page.xpath("//img/@alt"))
        for text in expected
    )
    # The site's page, written for a page one folder down: its stylesheet and logo still load.
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["../assets/site.css"]
    assert page.xpath("//header//img/@src") == ["../assets/logo.svg"]
    l10n("update")
    l10n("build", "zh", "--min-complete", "0")
    built = read_html(seeded / "dist" / "zh" / "news" / f"{stem}.html").root
    assert len(built.xpath("//article//img")) == 2
    for src in built.xpath("//article//img/@src"):
        assert (seeded / "dist" / "zh" / "news" / src).is_file()  # published: the page uses them


def test_a_markdown_release_arrives_whole_with_its_images_as_files(seeded: Path, tmp_path: Path):
    source = release_markdown(tmp_path)
    result = l10n("add", source)
    stem = "roads-reopen-after-the-floods"
    assert ": 3 paragraphs, 2 images, 1 table" in result.stdout
    check_release(article(seeded, f"{stem}.html"), seeded / "source", stem)


def test_markdown_front_matter(project: Path, tmp_path: Path):
    source = tmp_path / "notes.md"
    source.write_text(
        '---\ntitle: A title from the front matter\ndate: 2025-06-01\nstandfirst: "What it is about"\n'
        "embargo: 2030-01-01T09:00:00+00:00\nlayout: post\n---\n\nThe only paragraph. It ends here.\n",
        encoding="utf-8",
    )
    l10n("add", source)
    page = article(project, "a-title-from-the-front-matter.html")
    assert page.findtext(".//h1") == "A title from the front matter"
    assert page.xpath("//p[@class='standfirst']/text()") == ["What it is about"]
    assert page.xpath("//time/@datetime") == ["2030-01-01"]  # the embargo's day: the day it goes out
    assert page.xpath("//meta[@name='l10n:embargo']/@content") == ["2030-01-01T09:00:00+00:00"]
    source.write_text("---\nembargo: tomorrow\n---\n# Title\n", encoding="utf-8")
    result = l10n("add", source, "--force", code=2)
    assert result.output.startswith(f"l10n: error: {shown(source)}:2: embargo 'tomorrow' is not a date and time")


@pytest.mark.parametrize("variant", VARIANTS)
def test_varied_word_files_lose_no_text(project: Path, tmp_path: Path, variant: str):
    source = tmp_path / f"{variant.replace(' ', '-')}.docx"
    kept, gone = varied_docx(source, variant)
    l10n("add", source, "--date", "2026-01-05")
    path = next((project / "source").glob("*.html"))
    page = read_html(path).root
    whole = texts(page) + " " + " ".join(page.xpath("//img/@alt"))
    for text in kept:
        assert text in whole, (variant, text)
    for text in gone:
        assert text not in path.read_text(), (variant, text)
    body = page.find(".//article")
    if variant == "nested lists":
        assert texts(body.xpath(".//ul/li/ul/li/ul/li")[0]) == "Deeper item"
        assert [texts(li) for li in body.xpath(".//ul/li/ul/li[not(ul)]")] == ["Deeper item", "Nested by style"]
    elif variant == "merged cells":
        assert body.xpath(".//td[@colspan='2']//text()") == ["Across two columns"]
        assert body.xpath(".//td[@rowspan='2']//text()") == ["Down two rows"]
    elif variant == "images in tables":
        (src,) = body.xpath(".//td//img/@src")
        assert (path.parent / src).read_bytes().startswith(b"\x89PNG")
    elif variant == "footnotes":
        assert body.xpath(".//sup/a/@href") == ["#footnote-1", "#footnote-2"]
        assert [texts(li) for li in body.xpath(".//ol[@class='footnotes']/li")] == [
            "Figures from the 2021 census. ↑",
            "Subject to approval. ↑",
        ]
    elif variant == "styles":
        assert page.xpath("//p[@class='standfirst']/text()") == ["A subtitle as the standfirst"]
        assert [texts(p) for p in body.xpath(".//blockquote/p")] == [
            "An intense quote from the leader.",
            "A plain quote from a resident.",
        ]
        assert body.xpath(".//h2/text()") == ["A third-level heading"]  # the highest heading left is an h2


def test_word_styles_captions_and_the_documents_own_date(project: Path, tmp_path: Path):
    import docx

    source = tmp_path / "release.docx"
    d = docx.Document()
    d.core_properties.modified = dt.datetime(2024, 5, 17, 10, 0)
    d.add_paragraph("Gritters ready for winter")
    d.add_paragraph("Forty gritters are ready.")
    image = tmp_path / "gritter.png"
    image.write_bytes(png())
    d.add_paragraph().add_run().add_picture(str(image))
    d.add_paragraph("A gritter at the depot", style="Caption")
    d.save(source)
    result = l10n("add", source)
    assert "has no alternative text: add it in Word" in result.stderr
    page = article(project, "gritters-ready-for-winter.html")
    assert page.xpath("//time/@datetime") == ["2024-05-17"]  # the date Word saved it on
    assert page.xpath("//p[@class='standfirst']") == []  # a sentence, not a summary line: a paragraph
    assert page.xpath("//article//p[not(@class)]/text()") == ["Forty gritters are ready."]
    (figure,) = page.xpath("//figure")
    assert figure.find("img") is not None and figure.findtext("figcaption") == "A gritter at the depot"


# ---- what cannot be read: one line naming it, exit 2, nothing written ----


class _Server(ThreadingHTTPServer):
    routes: dict[str, tuple[int, str, bytes] | None]


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802
        route = self.server.routes.get(self.path.split("?")[0], (404, "text/plain", b"not found"))  # type: ignore[attr-defined]
        if route is None:  # close without an answer
            self.close_connection = True
            self.connection.shutdown(2)
            return
        status, kind, body = route
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def server() -> Iterator[_Server]:
    """A web server on 127.0.0.1 answering `routes` (path → status, type, body; None: closes)."""
    httpd = _Server(("127.0.0.1", 0), _Handler)
    httpd.routes = {}
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield httpd
    finally:
        httpd.shutdown()
        httpd.server_close()


def address(httpd: _Server, path: str) -> str:
    return f"http://127.0.0.1:{httpd.server_address[1]}{path}"


def test_what_cannot_be_read_is_one_line_and_nothing_is_written(seeded: Path, tmp_path: Path, server: _Server):
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504
    (tmp_path / "old.doc").write_bytes(ole)
    (tmp_path / "locked.docx").write_bytes(ole)  # Word encrypts a protected .docx into such a compound file
    (tmp_path / "broken.docx").write_bytes(b"PK\x03\x04 not really")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "latin1.txt").write_bytes(b"Headline\n\nCaf\xe9 opens\n")
    (tmp_path / "folder.txt").mkdir()
    good = tmp_path / "good.txt"
    good.write_text("A good release\n\nIt reads well.\n")
    server.routes = {"/500": (500, "text/html", b"oops"), "/closes": None, "/pdf": (200, "application/pdf", b"%PDF")}
    before = snapshot(seeded)
    cases = {
        "old.doc": "a Word 97-2003 .doc file cannot be read: open it in Word and save it as .docx",
        "locked.docx": "the Word file is password-protected (encrypted): remove the password",
        "broken.docx": "not a Word .docx file (it is no zip archive)",
        "notes.pdf": "cannot add a .pdf file: a PDF holds no structure to read",
        "latin1.txt:3": "cannot decode byte 0xe9 as UTF-8: save the file as UTF-8",
        "folder.txt": "is a folder, not a file",
        "missing.md": "cannot read: No such file or directory",
    }
    for name, message in cases.items():
        source = tmp_path / name.split(":")[0]
        result = l10n("add", good, source, code=2)  # the good file first: it is not written either
        assert result.output.startswith(f"l10n: error: {shown(tmp_path / name)}: {message}"), result.output
        assert result.output.count("\n") == 1
    for path, message in {
        "/500": "cannot fetch the page: it answered HTTP 500 Internal Server Error",
        "/closes": "cannot fetch the page: it did not answer (",
        "/pdf": "not an HTML page: it is application/pdf",
    }.items():
        result = l10n("add", address(server, path), code=2)
        assert result.output.startswith(f"l10n: error: {address(server, path)}: {message}"), result.output
        assert result.output.count("\n") == 1
    assert snapshot(seeded) == before


def test_an_article_is_never_overwritten_without_force(seeded: Path, tmp_path: Path):
    source = tmp_path / "visit.txt"
    source.write_text("China visit boosts business links\n\nA shorter version.\n")
    before = snapshot(seeded)
    result = l10n("add", source, code=2)
    assert result.output == (
        f"l10n: error: {shown(source)}: source/{SEED.name} exists: --force replaces it, --name gives the new article "
        "another name\n"
    )
    assert snapshot(seeded) == before
    (seeded / "source" / "other.htm").write_text("<p>x</p>")
    l10n("add", source, "--name", "other.html", code=2)  # a.htm beside a.html would be one article
    l10n("add", source, "--name", "other", "--force")
    assert not (seeded / "source" / "other.htm").exists()
    assert "A shorter version." in (seeded / "source" / "other.html").read_text()
    for name, message in {
        "index": "may not be named index.html",
        "a/b": "without folders",
        "_site": "_site.html",
    }.items():
        assert message in l10n("add", source, "--name", name, code=2).output
    assert "--name names one article" in l10n("add", source, source, "--name", "x", code=2).output
    assert "not a folder inside the source folder" in l10n("add", source, "--to", "../elsewhere", code=2).output


def test_the_projects_template_and_its_slots(seeded: Path, tmp_path: Path):
    (seeded / "templates").mkdir()
    template = seeded / "templates" / "article.html"
    template.write_text(
        """<!DOCTYPE html>
<html lang="en-GB">
<head><meta charset="utf-8"><title>{title} – County news</title><link rel="stylesheet" href="assets/site.css"></head>
<body>
<header class="site-header"><a href="/">Home</a></header>
<main><article>
<h1 class="headline" data-l10n-slot="title">Headline here</h1>
<p class="standfirst" data-l10n-slot="standfirst">Standfirst here</p>
<p>Published on <time data-l10n-slot="date">a date</time></p>
<div class="article-body" data-l10n-slot="body"><p>Body here</p></div>
</article></main>
<footer class="site-footer"><p>&copy; Leicestershire County Council</p></footer>
</body>
</html>
""",
        encoding="utf-8",
    )
    source = tmp_path / "release.txt"
    long = "The county's parks stay open until ten this summer, " + "and the cafés with them, " * 8 + "every day."
    source.write_text(f"Parks stay open late\n\n{long}\n")
    result = l10n("add", source, "--to", "news", "--date", "2026-06-01")
    assert "(in the page of templates/article.html)" in result.stdout
    page = article(seeded, "news/parks-stay-open-late.html")
    assert page.findtext(".//title") == "Parks stay open late – County news"
    assert page.xpath("//h1[@class='headline']/text()") == ["Parks stay open late"]
    assert page.xpath("//p[@class='standfirst']") == []  # none: its slot goes
    assert page.xpath("//time")[0].get("datetime") == "2026-06-01" and page.findtext(".//time") == "1 June 2026"
    assert [texts(p) for p in page.xpath("//div[@class='article-body']/p")] == [long]
    assert page.xpath("//@data-l10n-slot") == []
    assert page.xpath("//link[@rel='stylesheet']/@href") == ["../assets/site.css"]  # from the top of source/
    assert page.xpath("//meta[@name='description']/@content") == [long]
    assert page.xpath("//meta[@property='og:title']/@content") == ["Parks stay open late"]
    template.write_text(template.read_text().replace('data-l10n-slot="body"', ""))
    result = l10n("add", source, "--name", "again", code=2)
    assert (
        result.output
        == 'l10n: error: templates/article.html: no element marked data-l10n-slot="body": the template needs one\n'
    )


def test_with_no_article_and_no_template_a_plain_page(project: Path, tmp_path: Path):
    source = tmp_path / "release.txt"
    source.write_text("First news\n\nThe site has its first article.\n")
    assert "(in the page of a plain page" in l10n("add", source).stdout
    page = article(project, "first-news.html")
    assert page.findtext(".//h1") == "First news" and page.find(".//meta[@charset]") is not None


def test_an_embargoed_release_needs_its_moment(project: Path, tmp_path: Path):
    source = tmp_path / "budget.txt"
    source.write_text("EMBARGOED UNTIL 00:01 10 DECEMBER 2030\n\nBudget agreed\n\nThe council agreed its budget.\n")
    before = snapshot(project)
    result = l10n("add", source, code=2)
    assert result.output == (
        f"l10n: error: {shown(source)}: the release says “EMBARGOED UNTIL 00:01 10 DECEMBER 2030”: give that moment with "
        "--embargo, such as --embargo 2026-12-10T09:00:00+00:00 (a moment passed publishes it with the next build)\n"
    )
    assert snapshot(project) == before
    assert (
        "is not a date and time with its offset" in l10n("add", source, "--embargo", "2030-12-10 00:01", code=2).output
    )
    result = l10n("add", source, "--embargo", "2030-12-10T00:01:00+00:00")
    assert "; embargoed until 2030-12-10 00:01 +00:00" in result.stdout
    page = article(project, "budget-agreed.html")
    assert page.xpath("//meta[@name='l10n:embargo']/@content") == ["2030-12-10T00:01:00+00:00"]
    assert page.xpath("//time/@datetime") == ["2030-12-10"]
    assert "EMBARGOED" not in texts(page)


def test_json_summary(project: Path, tmp_path: Path):
    source = tmp_path / "release.txt"
    source.write_text("Roads reopen\n\nAll roads are open.\n\nRoadworks end on Monday.\n")
    (row,) = [json.loads(line) for line in l10n("add", source, "--json", "--date", "2026-02-03").stdout.splitlines()]
    assert row == {
        "source": shown(source),
        "article": "source/roads-reopen.html",
        "paragraphs": 1,
        "images": 0,
        "tables": 0,
        "title": "Roads reopen",
        "standfirst": "All roads are open.",
        "date": "2026-02-03",
        "embargo": None,
        "template": "a plain page (no templates/article.html, no article)",
        "images_written": [],
        "left_out": [],
    }


# ---- a live page ----


def test_a_live_page_brings_its_article_and_its_images(seeded: Path, server: _Server):
    page = SEED.read_bytes().replace(b'href="/news"', b'href="https://www.leicestershire.gov.uk/news"')
    server.routes = {
        "/news/china-visit": (200, "text/html; charset=utf-8", page),
        "/news/assets/china-visit.svg": (
            200,
            "image/svg+xml",
            (SEED.parent / "assets" / "china-visit.svg").read_bytes(),
        ),
    }
    result = l10n("add", address(server, "/news/china-visit"), "--name", "live")
    assert ": 12 paragraphs, 1 image, 0 tables" in result.stdout
    assert "image http://127.0.0.1" not in result.stderr  # the poster is the same image, fetched once
    built = article(seeded, "live.html")
    body = built.find(".//article")
    assert body.findtext("h1") == "China visit boosts business links"
    assert body.xpath("p[@class='standfirst']/text()") == [
        "Civic, business and university leaders have signed a trade agreement"
    ]
    assert body.xpath(".//time/@datetime") == ["2017-11-08"]
    assert body.xpath(".//img/@src") == ["assets/live/china-visit.svg"]
    assert (seeded / "source" / "assets" / "live" / "china-visit.svg").read_bytes().startswith(b"<svg")
    assert body.xpath(".//video/@poster") == ["assets/live/china-visit.svg"]
    assert body.xpath(".//video/source/@src") == [address(server, "/news/assets/china-visit.mp4")]  # media stay there
    assert body.xpath(".//a[text()='Midlands Engine']/@href") == ["https://www.midlandsengine.org"]
    assert len(body.xpath(".//p[@class='breadcrumbs']")) == 1  # the site's, not the fetched page's again
    assert "Leicestershire Matters" not in texts(body)
    assert len(built.xpath("//aside[@class='related']")) == 1
    server.routes.pop("/news/assets/china-visit.svg")
    result = l10n("add", address(server, "/news/china-visit"), "--name", "live", "--force")
    assert f"image {address(server, '/news/assets/china-visit.svg')}: it answered HTTP 404" in result.stderr
    assert article(seeded, "live.html").xpath("//article//img/@src") == [
        address(server, "/news/assets/china-visit.svg")
    ]


def test_an_html_fragment_and_a_page_file(project: Path, tmp_path: Path):
    (tmp_path / "pic.png").write_bytes(png())
    fragment = tmp_path / "fragment.html"
    fragment.write_text('<h1>Fragment news</h1><p>Loose text.</p><p><img src="pic.png" alt="A picture"></p>')
    l10n("add", fragment)
    page = article(project, "fragment-news.html")
    assert page.xpath("//img/@src") == ["assets/fragment-news/pic.png"]
    assert (project / "source" / "assets" / "fragment-news" / "pic.png").read_bytes() == png()


@pytest.mark.browser
def test_the_added_seed_article_shows_the_site_in_chinese_with_no_translator_action(site: Path, tmp_path: Path):
    from browser import Chromium, glyph_check

    l10n("add", seed_text(tmp_path), "--name", "china-visit-text")
    l10n("update")
    l10n("build", "zh", "--min-complete", "0")  # the article's own sentences are not translated yet
    with Chromium(width=1000, height=1400) as browser:
        tab = browser.open(site / "dist" / "zh" / "china-visit-text.html")
        nav = tab.evaluate("[...document.querySelectorAll('header nav a')].map(a => a.textContent)")
        footer = tab.evaluate("[...document.querySelectorAll('footer a')].map(a => a.textContent)")
        shipped = catalog(site, "_site")
        chinese = {e.msgid: e.msgstr for e in shipped}
        assert nav == [chinese[t] for t in ["Home", "Council and democracy", "Business and economy",
                                            "Jobs and volunteering", "News", "Contact us"]]  # fmt: skip
        assert footer == [chinese[t] for t in ["Accessibility", "Privacy notice", "Cookies"]]
        assert tab.evaluate("document.querySelector('aside h2').textContent") == chinese["Leicestershire Matters"]
        assert tab.evaluate("document.querySelector('h1').textContent") == "China visit boosts business links"
        assert tab.evaluate("document.querySelector('h1').closest('[lang]').lang") == "en"  # marked English
        assert tab.evaluate("getComputedStyle(document.querySelector('header')).display") != "none"
        glyphs = glyph_check(browser, tab, tmp_path / "china-visit-text.png")
        assert glyphs.characters > 30 and not glyphs.short


def test_the_template_is_the_newest_article_in_the_folder_never_one_under_embargo_nor_the_one_replaced(
    seeded: Path, tmp_path: Path
):
    newer = (seeded / "source" / SEED.name).read_text().replace("2017-11-08", "2020-01-01")
    (seeded / "source" / "news").mkdir()
    (seeded / "source" / "news" / "newer.html").write_text(
        newer.replace("assets/", "../assets/").replace('class="site-header"', 'class="site-header news-header"')
    )
    secret = newer.replace("2020-01-01", "2030-01-01").replace(
        "<title>", '<meta name="l10n:embargo" content="2099-01-01T00:00:00+00:00"><title>'
    )
    (seeded / "source" / "news" / "secret.html").write_text(secret.replace("assets/", "../assets/"))
    source = tmp_path / "release.txt"
    source.write_text("Parks open late\n\nAll summer.\n")
    assert "(in the page of source/news/newer.html)" in l10n("add", source, "--to", "news").stdout
    assert "(in the page of source/news/newer.html)" in l10n("add", source, "--to", "news", "--force").stdout
    assert f"(in the page of source/{SEED.name})" in l10n("add", source, "--name", "top").stdout
    page = article(seeded, "news/parks-open-late.html")
    assert page.xpath("//header/@class") == ["site-header news-header"]
    assert "2099" not in (seeded / "source" / "news" / "parks-open-late.html").read_text()
