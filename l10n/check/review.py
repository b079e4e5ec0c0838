"""Bilingual review pages: English and translation side by side, unit by unit in page order.

One page per article and an index, each self-contained: inline CSS, no script, no external
asset (a Content-Security-Policy forbids them). Catalog text is untrusted: it reaches the page
only as lxml text and attribute values, which the serializer escapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import lxml.html
from lxml import etree

from ..atomic import write_if_changed
from ..catalogs.catalog import FUZZY, MACHINE, TRANSLATED, UNTRANSLATED, Catalog, Counts, Entry, Key
from ..catalogs.origin import origin
from ..errors import page_failure
from ..locales import TargetLocale
from ..report import Progress, Report, no_progress
from ..segment.document import Document, Unit
from ..segment.htmlio import MARKERS, UNWRITABLE
from ..segment.placeholders import TOKEN, tokens
from ..segment.scope import ARTICLE
from ..store import Project
from .checks import ERROR, Problem, check_catalogs, load_context

# State → (label, background, accent).
STATES = {
    TRANSLATED: ("reviewed", "#e6f4ea", "#1e7e34"),
    MACHINE: ("machine suggestion", "#e8f0fe", "#1a56c4"),
    FUZZY: ("fuzzy", "#fff3d6", "#a15c00"),
    UNTRANSLATED: ("untranslated", "#ececec", "#5f5f5f"),
}
SEVERITY_COLOURS = {"error": "#b00020", "warning": "#8a5300"}
POLICY = "default-src 'none'; style-src 'unsafe-inline'"
_CJK_FONTS = '"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif'

CSS = f"""
body {{ font: 15px/1.6 "DejaVu Sans", system-ui, sans-serif; margin: 0 1.5rem 3rem; color: #1b1b1b; background: #fff; }}
h1 {{ font-size: 1.4rem; margin: 1.2rem 0 .2rem; }}
code, .ref {{ font-family: "DejaVu Sans Mono", monospace; font-size: .85em; }}
[lang|=zh] {{ font-family: {_CJK_FONTS}; }}
[lang|=en] {{ font-family: "DejaVu Sans", system-ui, sans-serif; }}
td.num {{ text-align: right; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; vertical-align: top; padding: .45rem .6rem; border-bottom: 1px solid #d0d0d0; }}
td.where {{ width: 15rem; }}
td.en, td.tr {{ width: 40%; }}
.text {{ white-space: pre-wrap; margin: 0; }}
.ph {{ font: .8em "DejaVu Sans Mono", monospace; background: #fff; color: #333;
       border: 1px solid #888; border-radius: 3px; padding: 0 2px; }}
.ph.unknown {{ border-color: {SEVERITY_COLOURS["error"]}; color: {SEVERITY_COLOURS["error"]}; }}
.empty {{ font-style: italic; color: #5f5f5f; margin: 0; }}
.note, .where > span {{ display: block; font-size: .85em; color: #444; overflow-wrap: anywhere; }}
.badge {{ display: inline-block; color: #fff; border-radius: 3px; padding: 0 .4em; font-size: .8em; }}
ul.problems {{ margin: .4rem 0 0; padding-left: 1.1rem; font-size: .9em; }}
.problem.error {{ color: {SEVERITY_COLOURS["error"]}; }}
.problem.warning {{ color: {SEVERITY_COLOURS["warning"]}; }}
.legend {{ padding: 0; }}
.legend li {{ display: inline-block; margin-right: 1rem; }}
.bar {{ display: flex; width: 12rem; height: .8rem; border: 1px solid #999; }}
""" + "".join(
    f"tr.state-{name} {{ background: {bg}; }}\n"
    f"tr.state-{name} td.where {{ border-left: 6px solid {accent}; }}\n"
    f".state-{name} .badge, .bar .state-{name} {{ background: {accent}; }}\n"
    for name, (_, bg, accent) in STATES.items()
)


@dataclass
class ReviewRow:
    """One row of a review page: a catalog entry and where its English is on the page."""

    key: Key
    entry: Entry | None  # None: on the page but not yet in the catalog
    units: list[Unit] = field(default_factory=list)  # its occurrences on the page, in order
    problems: list[Problem] = field(default_factory=list)

    @property
    def state(self) -> str:
        return self.entry.state if self.entry is not None else UNTRANSLATED


def review_rows(po: Catalog, units: list[Unit], problems: list[Problem]) -> list[ReviewRow]:
    """The catalog's entries in the order of the page's `units`, then those not on the page."""
    entries = {e.key: e for e in po.active()}
    rows: dict[Key, ReviewRow] = {}
    for unit in units:
        rows.setdefault(unit.key, ReviewRow(unit.key, entries.get(unit.key))).units.append(unit)
    for k, entry in entries.items():
        rows.setdefault(k, ReviewRow(k, entry))
    for problem in problems:
        if (problem.msgctxt, problem.msgid) in rows:
            rows[(problem.msgctxt, problem.msgid)].problems.append(problem)
    return list(rows.values())


def _safe(text: str) -> str:
    """Text with each character no page can carry, and each of l10n's page markers, shown as
    U+FFFD (the checks name them)."""
    return MARKERS.sub("\ufffd", UNWRITABLE.sub("\ufffd", text))


def _add(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    """A child element; `class_` and `data_x` name the attributes `class` and `data-x`."""
    names = {k: k.rstrip("_").replace("_", "-") for k in attributes}
    el = etree.SubElement(parent, tag, {names[k]: _safe(v) for k, v in attributes.items()})
    if text is not None:
        el.text = _safe(text)
    return el


def _append_text(el: etree._Element, text: str) -> None:
    if len(el):
        el[-1].tail = (el[-1].tail or "") + _safe(text)
    else:
        el.text = (el.text or "") + _safe(text)


def _tokenised(parent: etree._Element, text: str, known: dict[str, str], lang: str) -> None:
    """A paragraph of catalog text; placeholder tokens shown as marks, explained on hover."""
    p = _add(parent, "p", class_="text", lang=lang)
    pos = 0
    for match in TOKEN.finditer(text):
        _append_text(p, text[pos : match.start()])
        name = match.group(2)
        if name in known:
            _add(p, "span", match.group(0), class_="ph", title=known[name])
        else:
            _add(p, "span", match.group(0), class_="ph unknown", title="not a placeholder of the English")
        pos = match.end()
    _append_text(p, text[pos:])


def _document(title: str) -> tuple[etree._Element, etree._Element]:
    html = etree.Element("html", lang="en")
    head = _add(html, "head")
    _add(head, "meta", charset="utf-8")
    _add(head, "meta", http_equiv="Content-Security-Policy", content=POLICY)
    _add(head, "meta", name="viewport", content="width=device-width, initial-scale=1")
    _add(head, "meta", name="robots", content="noindex")
    _add(head, "title", title)
    _add(head, "style", CSS)
    return html, _add(html, "body")


def _serialize(html: etree._Element) -> bytes:
    return lxml.html.tostring(html, doctype="<!DOCTYPE html>", encoding="utf-8", method="html") + b"\n"


def _legend(parent: etree._Element, counts: Counts) -> None:
    legend = _add(parent, "ul", class_="legend")
    for name, (label, _, _) in STATES.items():
        li = _add(legend, "li", class_=f"state-{name}")
        _add(li, "span", label, class_="badge")
        _append_text(li, f" {getattr(counts, name)}")


def article_page(
    domain: str, catalog: str, source: str | None, locale: TargetLocale, rows: list[ReviewRow], counts: Counts
) -> bytes:
    """The review page of one article."""
    html, body = _document(f"Review {locale.code}: {domain}")
    _add(_add(body, "p"), "a", "All articles", href="../" * domain.count("/") + "index.html")
    _add(body, "h1", domain)
    files = _add(body, "p", "Catalog ")
    _add(files, "code", catalog)
    if source:
        _append_text(files, " · English ")
        _add(files, "code", source)
    _legend(body, counts)
    problems = [p for row in rows for p in row.problems]
    errors = sum(p.severity == ERROR for p in problems)
    _add(body, "p", f"{len(rows)} units · {errors} errors · {len(problems) - errors} warnings", class_="summary")

    table = _add(body, "table", class_="units")
    head = _add(_add(table, "thead"), "tr")
    for label in ("Where", "English", f"{locale.english_name} · {locale.code}"):
        _add(head, "th", label)
    tbody = _add(table, "tbody")
    for number, row in enumerate(rows, 1):
        _row(tbody, number, row, catalog, source, locale)
    return _serialize(html)


def _row(
    tbody: etree._Element, number: int, row: ReviewRow, catalog: str, source: str | None, locale: TargetLocale
) -> None:
    entry, msgctxt, msgid = row.entry, row.key[0], row.key[1]
    label = STATES[row.state][0]
    tr = _add(tbody, "tr", id=f"unit-{number}", class_=f"unit state-{row.state}", data_state=row.state)
    where = _add(tr, "td", class_="where")
    _add(_add(where, "span", f"#{number} "), "span", label, class_="badge")
    if entry is not None:
        _add(
            where,
            "span",
            f"{Path(catalog).name}:{entry.line}",
            class_="ref",
            title=f"{catalog}:{entry.line}",
            data_file=catalog,
            data_line=str(entry.line),
        )
    else:
        _add(where, "span", "not in the catalog: run l10n update", class_="ref")
    for unit in row.units:
        _add(where, "span", f"{unit.element} · line {unit.line}", class_="source")
    if source and not row.units:
        _add(where, "span", "no longer on the page", class_="source")

    described = {name: ph.describe() for unit in row.units[:1] for name, ph in unit.placeholders.items()}
    known = {name: described.get(name, f"<{name}>") for name in tokens(msgid)}
    english = _add(tr, "td", class_="en", lang="en")
    if msgctxt:
        _add(english, "span", f"context: {msgctxt}", class_="note")
    _tokenised(english, msgid, known, "en")
    if entry is not None and entry.fuzzy and entry.previous_msgid:
        _add(english, "span", "English before the change:", class_="note")
        _tokenised(english, entry.previous_msgid, known, "en")

    translation = _add(tr, "td", class_="tr", lang=locale.html_lang)
    if entry is not None and entry.msgstr:
        _tokenised(translation, entry.msgstr, known, locale.html_lang)
    else:
        _add(translation, "p", "not translated", class_="empty", lang="en")
    suggested = origin(entry) if entry is not None and row.state == MACHINE else None
    if suggested is not None:
        _add(translation, "span", suggested.comment(), class_="note", lang="en")
    if row.problems:
        notes = _add(translation, "ul", class_="problems", lang="en")
        for problem in row.problems:
            li = _add(notes, "li", class_=f"problem {problem.severity}", data_check=problem.check)
            _add(li, "strong", problem.severity)
            _append_text(li, f" {problem.check}: {problem.message}")


def index_page(locale: TargetLocale, summaries: list[tuple[str, Counts, list[Problem]]]) -> bytes:
    """The list of articles with their progress and problem counts."""
    html, body = _document(f"Review {locale.code}")
    _add(body, "h1", f"Review: {locale.english_name} · {locale.code}")
    _legend(body, sum((c for _, c, _ in summaries), Counts()))
    table = _add(body, "table", class_="articles")
    head = _add(_add(table, "thead"), "tr")
    for label in ("Article", "Progress", "Units", *(STATES[s][0] for s in STATES), "Complete", "Errors", "Warnings"):
        _add(head, "th", label)
    tbody = _add(table, "tbody")
    for domain, counts, problems in summaries:
        _index_row(_add(tbody, "tr"), counts, problems, domain)
    if len(summaries) > 1:
        _index_row(
            _add(tbody, "tr", class_="total"),
            sum((c for _, c, _ in summaries), Counts()),
            [p for _, _, problems in summaries for p in problems],
        )
    return _serialize(html)


def _index_row(tr: etree._Element, counts: Counts, problems: list[Problem], domain: str | None = None) -> None:
    """An article's row of the index (a link to its page), or the total row."""
    cell = _add(tr, "td")
    if domain is None:
        _add(cell, "strong", "All articles")
    else:
        _add(cell, "a", domain, href=quote(f"{domain}.html"))
    bar = _add(_add(tr, "td"), "div", class_="bar")
    for name in STATES:
        share = 100 * getattr(counts, name) / counts.units if counts.units else 0
        _add(bar, "span", class_=f"state-{name}", style=f"width: {share:.2f}%")
    errors = sum(p.severity == ERROR for p in problems)
    for value in (
        counts.units,
        *(getattr(counts, s) for s in STATES),
        f"{counts.percent:.1f}%",
        errors,
        len(problems) - errors,
    ):
        _add(tr, "td", str(value), class_="num")


def write_review(project: Project, locale: TargetLocale, out: Path, progress: Progress = no_progress) -> Report:
    """Write `out/index.html` and `out/<article>.html` for every catalog of the locale (`out` is
    checked by the one rule for output folders: see `Project.output_folder`)."""
    config = project.config
    report = Report()
    out = project.output_folder(out, "review")
    catalogs = project.load_catalogs(locale, progress)
    shown = {d: config.relative(project.catalog_file(locale.code, d)) for d in catalogs}
    problems = check_catalogs(
        {shown[d]: po for d, po in catalogs.items()}, load_context(project, locale), include_fuzzy=True
    )
    articles = {a.domain: a for a in project.articles()}
    summaries = []
    for domain, po in progress(catalogs.items(), "Reviewing"):
        article = articles.get(domain)
        units = []
        if article is not None:  # the article's own units: the site's are reviewed on the site catalog's page
            path = project.source_path(article)
            try:
                document = Document.load(path, config.segmentation, config.content_for(path))
            except Exception as e:  # the page is named and its catalog reviewed without it
                failed = page_failure(e, config.relative(path))
                if failed is None:
                    raise
                report.failed.append(failed)
            else:
                units = [u for u in document.units if u.scope == ARTICLE or config.site_text == "article"]
        own = [p for p in problems if p.file == shown[domain]]
        counts = po.counts()
        page = article_page(
            domain,
            shown[domain],
            config.relative(project.source_path(article)) if article else None,
            locale,
            review_rows(po, units, own),
            counts,
        )
        path = out / f"{domain}.html"
        report.record(path, write_if_changed(path, page))
        summaries.append((domain, counts, own))
    path = out / "index.html"
    report.record(path, write_if_changed(path, index_page(locale, summaries)))
    return report
