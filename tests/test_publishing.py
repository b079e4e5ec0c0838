"""What a build publishes: nothing by accident (only pages and what they use, or what `assets`
names), and nothing under embargo before its moment."""

from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from conftest import SEED, catalog, l10n, snapshot, translate_all
from test_site import add_article, page, shipped

from l10n import embargo

UTC = dt.UTC


def published(project: Path, folder: str) -> set[str]:
    """Every file under dist/<folder> but the pages."""
    root = project / "dist" / folder
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file() and p.suffix != ".html"}


def write(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_text(data, encoding="utf-8")


def test_only_files_a_published_page_uses_are_published(project: Path):
    shipped(project)  # the seed article uses assets/site.css, logo.svg and china-visit.svg
    source = project / "source"
    write(
        source / "assets" / "site.css",
        (source / "assets" / "site.css").read_text() + '\n@import "print.css";\n'
        "@font-face { font-family: Body; src: url(fonts/body.woff2) format('woff2') } /* url(not-this.png) */\n",
    )
    write(source / "assets" / "print.css", "body { background: url('../img/paper.png') }")
    for name in (
        "assets/fonts/body.woff2",
        "img/paper.png",
        "assets/1x.png",
        "assets/2x.png",
        "assets/lazy.png",
        "assets/inline.png",
        "assets/style.png",
        "downloads/report.pdf",
        "assets/root.png",
        "assets/unused.png",
        "assets/not-this.png",
        "downloads/annual.xlsx",
    ):
        write(source / name, b"\x89PNG" + name.encode())
    write(source / "news" / "draft-release.docx", b"PK draft")
    write(source / "notes.txt", "not for publishing")
    write(source / "~$aft-release.docx", b"Word's lock file")
    body = (
        'Read <a href="../downloads/report.pdf">the report</a>, not <a href="draft-release.docx">the draft</a>.'
        '<img srcset="../assets/1x.png 1x, ../assets/2x.png 2x" alt=""><img data-src="../assets/lazy.png" alt="">'
        '<span style="background: url(&quot;../assets/inline.png&quot;)">x</span><img src="/assets/root.png" alt="">'
        '<style>p { background: url(../assets/style.png) }</style><a href="../downloads/annual.xlsx">figures</a>'
    )
    add_article(project, "news/roads.html", "Roads reopen", "2026-11-20", body)
    l10n("update")
    result = l10n("build", "zh", "--min-complete", "0")
    used = {
        "assets/site.css", "assets/logo.svg", "assets/china-visit.svg", "assets/print.css", "assets/fonts/body.woff2",
        "img/paper.png", "assets/1x.png", "assets/2x.png", "assets/lazy.png", "assets/inline.png", "assets/style.png",
        "downloads/report.pdf", "assets/root.png",
    }  # fmt: skip
    assert published(project, "en") == published(project, "zh") == used
    assert result.stdout.splitlines()[-1] == (
        "6 files in source/ not published: assets/not-this.png, assets/unused.png, downloads/annual.xlsx, "
        "news/draft-release.docx, notes.txt, ~$aft-release.docx"
    )  # an Office file is left out though a page links to it
    assert l10n("build", "zh", "--min-complete", "0").stdout == result.stdout  # the no-op build says it again
    with open(project / "pyproject.toml", "a") as settings:
        settings.write('assets = ["downloads/", "*.txt"]\n')
    result = l10n("build", "zh", "--min-complete", "0")
    assert published(project, "en") == used | {"downloads/annual.xlsx", "notes.txt"}
    assert result.stdout.splitlines()[-1] == (
        "4 files in source/ not published: assets/not-this.png, assets/unused.png, news/draft-release.docx, "
        "~$aft-release.docx"
    )
    (source / "news" / "roads.html").unlink()
    l10n("build", "zh", "--min-complete", "0")
    assert "assets/lazy.png" not in published(project, "en")  # no published page uses it now: removed


@pytest.mark.parametrize(
    "value, message",
    [
        ("[1]", "setting 'assets' must be a list of file patterns"),
        ('["/etc/*"]', "must be a pattern of paths inside the source folder"),
        ('["../*.txt"]', "must be a pattern of paths inside the source folder"),
    ],
)
def test_bad_asset_patterns_are_refused(project: Path, value: str, message: str):
    with open(project / "pyproject.toml", "a") as settings:
        settings.write(f"assets = {value}\n")
    assert message in l10n("build", code=2).output


def test_asset_patterns():
    from l10n.site.assets import select

    files = ["a.pdf", "docs/b.pdf", "docs/deep/c.pdf", "docs/d.txt", "e.PDF", "f[1].csv"]
    chosen = lambda *patterns: select(files, [], patterns, None, lambda _: None)[0]  # noqa: E731
    assert chosen("*.pdf") == ["a.pdf", "docs/b.pdf", "docs/deep/c.pdf"]  # no slash: a name in any folder
    assert chosen("docs/*.pdf") == ["docs/b.pdf"]
    assert chosen("docs/**/*.pdf") == ["docs/b.pdf", "docs/deep/c.pdf"]
    assert chosen("docs/") == ["docs/b.pdf", "docs/deep/c.pdf", "docs/d.txt"]
    assert chosen("f[[]1].csv", "?.PDF") == ["e.PDF", "f[1].csv"]


def test_export_and_review_refuse_folders_in_source_and_locales(seeded: Path):
    before = snapshot(seeded)
    for command in ("export", "review"):
        for folder, other in (
            ("source/cat", "the source folder source/"),
            ("locales", "the locales folder locales/"),
            ("locales/zh/x", "the locales folder locales/"),
        ):
            result = l10n(command, "zh", "--out", folder, code=2)
            assert result.output == (
                f"l10n: error: the {command} folder {folder}/ and {other} overlap: the {command} would write "
                f"over it; choose another {command} folder\n"
            ), result.output
    assert snapshot(seeded) == before


# ---- embargoes ----


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch):
    """Set the moment l10n takes as now."""

    def set_now(moment: str) -> None:
        monkeypatch.setattr(embargo, "now", lambda: dt.datetime.fromisoformat(moment))

    return set_now


def embargoed_article(project: Path, tmp_path: Path, moment: str) -> None:
    """The seed project and a release added under embargo (with an image only it uses), translated."""
    shipped(project)
    write(tmp_path / "budget.png", b"\x89PNG budget")
    write(tmp_path / "budget.md", "# Budget agreed\n\nThe council agreed its budget.\n\n![The chamber](budget.png)\n")
    l10n("add", tmp_path / "budget.md", "--to", "news", "--embargo", moment)
    l10n("update")
    translate_all(project / "locales" / "zh" / "LC_MESSAGES" / "news" / "budget-agreed.po", lambda m: f"译{m}")


def test_nothing_of_an_embargoed_article_is_published_before_its_moment(project: Path, tmp_path: Path, clock):
    clock("2030-01-01T08:59:59+00:00")
    embargoed_article(project, tmp_path, "2030-01-01T09:00:00+00:00")
    result = l10n("build", "zh")
    assert result.stdout.splitlines() == [
        "zh: 1 published (1 complete, 0 partly English), 0 not published",
        "1 article embargoed, not published: news/budget-agreed.html until 2030-01-01 09:00 +00:00 "
        "(each goes out with the first build after its moment)",
        "1 file in source/ not published: news/assets/budget-agreed/budget.png",  # only the embargoed page uses it
    ]
    dist = project / "dist"
    assert not any("budget" in str(p) for p in dist.rglob("*"))  # no page, no image
    for rel in ("index.html", "en/index.html", "zh/index.html", f"en/{SEED.name}", f"zh/{SEED.name}"):
        assert "budget" not in (dist / rel).read_text().lower(), rel
    again = l10n("-v", "build", "zh")  # nothing changed, and the moment has not come: the record is replayed
    assert again.stdout == result.stdout  # (and nothing written: -v lists no file)
    clock("2030-01-01T09:00:00+00:00")  # no file changed, but the moment came
    result = l10n("build", "zh")
    assert result.stdout == "zh: 2 published (2 complete, 0 partly English), 0 not published\n"
    for folder in ("en", "zh"):
        assert (dist / folder / "news" / "budget-agreed.html").exists()
        assert (dist / folder / "news" / "assets" / "budget-agreed" / "budget.png").read_bytes() == b"\x89PNG budget"
        assert "budget-agreed.html" in (dist / folder / "index.html").read_text()
    zh = page(project, "zh/news/budget-agreed.html")
    assert zh.xpath("//link[@hreflang='en']/@href") == ["../../en/news/budget-agreed.html"]
    # An embargo put on a published article withdraws it.
    source = project / "source" / "news" / "budget-agreed.html"
    source.write_text(source.read_text().replace("2030-01-01T09:00:00+00:00", "2031-01-01T09:00:00+01:00"))
    result = l10n("build", "zh")
    assert "news/budget-agreed.html until 2031-01-01 09:00 +01:00" in result.stdout
    assert not (dist / "zh" / "news" / "budget-agreed.html").exists()
    assert not (dist / "en" / "news" / "budget-agreed.html").exists()
    assert "budget" not in (dist / "en" / "index.html").read_text()


@pytest.mark.parametrize("value", ["next Tuesday", "2030-01-01", "2030-01-01T09:00", ""])
def test_a_malformed_embargo_stops_the_build_naming_the_page(project: Path, value: str):
    path = add_article(project, "news/budget.html", "Budget agreed", "2030-01-01")
    path.write_text(path.read_text().replace("<title>", f'<meta name="l10n:embargo" content="{value}"><title>'))
    l10n("init", "zh")
    result = l10n("build", "zh", "--min-complete", "0", code=2)
    assert result.output == (
        f"l10n: error: source/news/budget.html:1: embargo {value!r} is not a date and time with its offset from "
        "UTC, such as 2026-12-10T09:00:00+00:00\n"
    )
    assert not (project / "dist" / "en" / "news" / "budget.html").exists()


@pytest.mark.slow
def test_the_first_build_after_the_moment_publishes_on_the_real_clock(project: Path, tmp_path: Path):
    moment = (dt.datetime.now(UTC) + dt.timedelta(seconds=2)).replace(microsecond=0) + dt.timedelta(seconds=1)
    embargoed_article(project, tmp_path, moment.isoformat())
    assert "1 article embargoed" in l10n("build", "zh").stdout
    time.sleep(max(0.0, (moment - dt.datetime.now(UTC)).total_seconds()) + 0.1)
    assert "embargoed" not in l10n("build", "zh").stdout  # no file changed since: the record expired
    assert (project / "dist" / "zh" / "news" / "budget-agreed.html").exists()


def test_the_build_record_expires_at_the_first_embargo(project: Path, tmp_path: Path, clock):
    clock("2030-01-01T00:00:00+00:00")
    embargoed_article(project, tmp_path, "2030-01-01T09:00:00+00:00")
    l10n("build", "zh")
    record = json.loads(next((project / ".l10n-cache").glob("build-*.last.json")).read_text())
    assert record["expires"] == dt.datetime(2030, 1, 1, 9, tzinfo=UTC).timestamp()
    assert catalog(project, "news/budget-agreed").percent_translated() == 100
