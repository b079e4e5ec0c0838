"""How well l10n keeps the article in its catalog and the site out of it, on real pages nobody here wrote.

Run from the repo root: `python benchmarks/scope.py [--corpus web-pages|readability-pages] [-v]`. The
corpora are ../shared/corpora/web-pages (120 pages as their sites served them; labels and main text
from trafilatura's evaluation set) and ../shared/corpora/readability-pages (61 pages, many laid out
without `<article>` or `<main>`; labels and Mozilla Readability's expected main text). Each is made
an l10n project with the default settings (automatic article detection, a site catalog) and run
through `l10n init zh` and `l10n build zh`. Measured per corpus:

- main: labelled main snippets found in the article's own catalog (target ≥ 0.99); snippets that
  no catalog can hold are counted apart: code (text of `pre`, `code`, `kbd`, `samp`), text with no
  words (a phone number), and text that is not in the page's shown text at all (only in a script);
- boilerplate: labelled boilerplate snippets kept out of it (target ≥ 0.95);
- share: article-catalog entries of 3+ words that are the article's (target ≥ 0.90), counting what
  translators see: an entry is the article's when its text is in the reference main text (trafilatura's,
  run in a throwaway venv under benchmarks/.corpus/peers-scope, with the page's title and
  description; or Readability's `.main.txt`), or it is the page's `<title>` or a title or description
  meta, or it is an attribute value (`alt`, `title`, `aria-label`, …) of an element inside the
  reference's article: the element that holds most (4/5) of the page's main text, as found in it;
- bodies in _site.po: pages with any labelled main snippet in the site catalog, and pages with
  most of them there (their body; target: none);
- built: pages published by `l10n build zh` (target: every page), and its exit status;
- round trip: with every msgstr equal to its msgid, every page rebuilds as it was: the same
  elements, attributes and text as the source written back by lxml (whose HTML serialiser has
  ways of its own: an empty `<li>` loses its end tag, spaces in URLs become %20), apart from
  what a language version changes by design (og:locale, JSON-LD inLanguage, `lang` and
  `xml:lang`, a `<base href>` the build points at the page itself once links are rewritten).

Results go to stdout; benchmarks/README.md keeps the last run's.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from l10n.segment.htmlio import parse_html, read_html, serialize_text  # noqa: E402
from l10n.segment.placeholders import TOKEN, unescape_literals  # noqa: E402
from l10n.segment.scope import ARTICLE_METAS  # noqa: E402
from l10n.store import load_catalog, save_catalog  # noqa: E402

CORPORA = ROOT.parent / "shared" / "corpora"
NAMES = ("web-pages", "readability-pages")
PEERS = HERE / ".corpus" / "peers-scope"
REFERENCE = HERE / ".corpus" / "scope-reference.json"
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " "})
_EXTRACT = """
import json, sys, trafilatura
out = {}
for path in sys.argv[1:]:
    data = open(path, "rb").read()
    text = trafilatura.extract(data, include_comments=False, include_tables=True, favor_recall=True) or ""
    meta = trafilatura.extract_metadata(data)
    out[path.rsplit("/", 1)[1]] = " ".join(filter(None, [text, meta.title if meta else "",
                                                          meta.description if meta else ""]))
print(json.dumps(out))
"""
# An extracted comment naming an attribute's element: `img@alt`, `a.caption-link@title`, `meta@content`.
_ATTRIBUTE = re.compile(r"^([^\s@.#<]+)[^\s@]*@([^\s@]+)$")
_TARGETS = {"main": 0.99, "boilerplate": 0.95, "share": 0.90, "round trip": 1.0, "built": 1.0}


def normal(text: str) -> str:
    """Text compared as a reader sees it: entities and markup gone, quotes and spaces made plain."""
    return " ".join(html.unescape(text).translate(_QUOTES).lower().split())


def plain(msgid: str, comment: str = "") -> str:
    """An entry's text as the page shows it: a standalone placeholder (inline code, an image) as the
    text of the markup its comment says it stands for."""
    shown = {m.group(1): re.sub(r"<[^>]*>", "", m.group(2)) for m in re.finditer(r"^<(\w+)/> is (.*)$", comment, re.M)}
    return normal(unescape_literals(TOKEN.sub(lambda m: shown.get(m.group(2), "") if m.group(3) else "", msgid)))


def trafilatura_text(pages: list[Path]) -> dict[str, str]:
    """trafilatura's main text of each page, with its title and description (cached)."""
    if REFERENCE.exists():
        cached = json.loads(REFERENCE.read_text(encoding="utf-8"))
        if set(cached) >= {p.name for p in pages}:
            return cached
    if not (PEERS / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", "--clear", str(PEERS)], check=True)
        subprocess.run([str(PEERS / "bin" / "pip"), "install", "-q", "trafilatura", "lxml_html_clean"], check=True)
    done = subprocess.run(
        [str(PEERS / "bin" / "python"), "-c", _EXTRACT, *map(str, pages)], check=True, capture_output=True, text=True
    )
    found = json.loads(done.stdout)
    REFERENCE.parent.mkdir(parents=True, exist_ok=True)
    REFERENCE.write_text(json.dumps(found, ensure_ascii=False), encoding="utf-8")
    return found


def reference(corpus: str, pages: list[Path]) -> dict[str, str]:
    """Each page's main text as the corpus's reference extractor gives it."""
    if corpus == "web-pages":
        return trafilatura_text(pages)
    return {p.name: p.with_suffix(".main.txt").read_text(encoding="utf-8") for p in pages}


def l10n(project: Path, *args: str, check: bool = True) -> int:
    done = subprocess.run(
        [sys.executable, "-m", "l10n.cli", *args],
        cwd=project,
        env={"PYTHONPATH": str(ROOT), **({"RESCUE": "1"} if __import__("os").environ.get("RESCUE") else {})},
        capture_output=True,
        text=True,
    )
    if check and done.returncode not in (0, 1):
        sys.exit(f"l10n {' '.join(args)} failed:\n{done.stderr}")
    for line in done.stderr.splitlines():
        if line.startswith("l10n: error:"):
            print(f"  {line}")
    return done.returncode


def signature(path: Path, reserialised: bool = False) -> list[tuple]:
    """A page's elements, attributes and text, without what the build adds (as tests/conftest.py)
    and what a language version changes by design (og:locale, JSON-LD inLanguage, `lang` and
    `xml:lang`, `<base href>`, dates written in the page's language). With
    `reserialised`, the page as lxml itself writes it back (its serialiser's own changes aside)."""
    page = read_html(path)
    if reserialised:
        page = parse_html(serialize_text(page), path)
    root = page.root
    for added in list(root.iter()):
        if isinstance(added.tag, str) and added.get("data-l10n") is not None:
            added.getparent().remove(added)
    out = []
    for el in root.iter():
        attrs = dict(el.attrib) if isinstance(el.tag, str) else {}
        text = el.text
        attrs.pop("lang", None)
        attrs.pop("xml:lang", None)  # set with `lang` (XHTML pages)
        if el.tag == "base" and "href" in attrs:  # the build resolves links from it, then points it at the page
            attrs["href"] = "*"
        if el.tag == "html":
            attrs.pop("dir", None)
        if el.tag == "time" or any(a.tag == "time" for a in el.iterancestors()):  # a date, or where it shows
            text = "*"
        if "charset" in attrs:
            attrs["charset"] = "*"
        if el.tag == "meta" and attrs.get("property") == "og:locale":
            attrs["content"] = "*"
        if el.tag == "script" and attrs.get("type") == "application/ld+json":
            text = _without_language(text or "")
        out.append((el.tag if isinstance(el.tag, str) else "#comment", attrs, text, el.tail))
    return out


def _without_language(text: str) -> str:
    def strip(data: object) -> object:
        if isinstance(data, dict):
            return {k: strip(v) for k, v in data.items() if k != "inLanguage"}
        return [strip(v) for v in data] if isinstance(data, list) else data

    try:
        return json.dumps(strip(json.loads(text)), sort_keys=True)
    except ValueError:
        return text


class Source:
    """What the benchmark needs of a source page: its code text, its shown text, and its elements
    inside the reference's article (the element holding 4/5 of the main text found in the page)."""

    def __init__(self, page: Path, main_text: str):
        root = read_html(page).root
        self.code = " ".join(
            normal("".join(el.itertext())) for el in root.iter("pre", "code", "kbd", "samp", "textarea")
        )
        for el in list(root.iter("script", "style", "template")):
            el.getparent().remove(el)
        self.shown = normal(" ".join(root.itertext()))
        self.root = root
        self.inside = self._article(root, normal(main_text))

    @staticmethod
    def _article(root, main: str) -> set:
        found: dict = {}  # element: characters of main text in its own text
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            for text in (el.text, *(c.tail for c in el)):
                words = normal(text or "")
                if len(words) >= 20 and words in main:
                    found[el] = found.get(el, 0) + len(words)
        total = sum(found.values())
        if not total:
            return set()
        held: dict = {}
        for el, size in found.items():
            for up in (el, *el.iterancestors()):
                held[up] = held.get(up, 0) + size
        best = min((el for el, size in held.items() if size >= total * 0.8), key=lambda el: held[el])
        return set(best.iter())

    def attribute_in_article(self, tag: str, name: str, lines: set[int], text: str) -> bool:
        for el in self.root.iter(tag):
            value = el.get(name)
            if value is None or normal(value) != text:
                continue
            if tag == "meta" and (el.get("name") or el.get("property") or "").lower() in ARTICLE_METAS:
                return True
            if el in self.inside:
                return True
        return False


def is_article(entry, text: str, main: str, source: Source) -> bool:
    """An article-catalog entry is the article's: its text is in the main text, it is the page's
    title, or it is an attribute of an element inside the article (a title or description meta too)."""
    if text in main:
        return True
    described = [line for line in entry.comment.splitlines() if not line.startswith("<")]
    if "title" in described:
        return True
    lines = {int(line) for _, line in entry.occurrences if line.isdigit()}
    for line in described:
        if (m := _ATTRIBUTE.match(line)) and source.attribute_in_article(m.group(1), m.group(2), lines, text):
            return True
    return False


def measure(corpus: str, pages: list[Path], verbose: bool) -> dict[str, float | int]:
    labels = json.loads((CORPORA / corpus / "labels.json").read_text(encoding="utf-8"))
    texts = reference(corpus, pages)
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        (project / "source").mkdir()
        # The round trip checks what segmenting and rebuilding keep: with readers who reach every
        # host (no blocked host dropped) and no "(in English)" markers after links (by design, both).
        (project / "pyproject.toml").write_text('[tool.l10n]\nreader_region = "none"\nlink_markers = false\n')
        for page in pages:
            shutil.copyfile(page, project / "source" / page.name)
        init_status = l10n(project, "init", "zh")
        messages = project / "locales" / "zh" / "LC_MESSAGES"
        site_po = messages / "_site.po"
        site_text = (
            " ".join(plain(e.msgid, e.comment) for e in load_catalog(site_po).active()) if site_po.exists() else ""
        )
        main = [0, 0]
        apart = 0
        kept_out = [0, 0]
        share = [0, 0]
        bodies = []
        rows = []
        for page in pages:
            po = messages / page.with_suffix(".po").name
            entries = load_catalog(po).active() if po.exists() else []
            text = " ".join(plain(e.msgid, e.comment) for e in entries)
            ref = normal(texts.get(page.name, ""))
            source = Source(page, texts.get(page.name, ""))
            snippets = [
                s
                for s in labels[page.name]["main"]
                if normal(s) not in source.code and re.search(r"[^\W\d_]", s) and normal(s) in source.shown
            ]
            apart += len(labels[page.name]["main"]) - len(snippets)
            found_main = [normal(s) in text for s in snippets]
            in_site = [s for s, ok in zip(snippets, found_main) if not ok and normal(s) in site_text]
            if in_site:
                bodies.append((page.name, len(in_site), len(snippets)))
            kept = [normal(s) not in text for s in labels[page.name]["boilerplate"]]
            long = [(e, t) for e in entries if len((t := plain(e.msgid, e.comment)).split()) >= 3]
            article = [t for e, t in long if is_article(e, t, ref, source)]
            main = [main[0] + sum(found_main), main[1] + len(found_main)]
            kept_out = [kept_out[0] + sum(kept), kept_out[1] + len(kept)]
            share = [share[0] + len(article), share[1] + len(long)]
            rows.append((page.name, sum(found_main), len(found_main), sum(kept), len(kept), len(article), len(long)))
            if verbose:
                counted = set(article)
                for _, t in long:
                    if t not in counted:
                        print(f"  {page.name}: not the article's: {t[:100]}")
                for s, ok in zip(snippets, found_main):
                    if not ok:
                        where = "in _site.po" if s in in_site else "in no catalog"
                        print(f"  {page.name}: main snippet {where}: {s}")
                for s, ok in zip(labels[page.name]["boilerplate"], kept):
                    if not ok:
                        print(f"  {page.name}: boilerplate in the article: {s}")
        for po in messages.glob("*.po"):
            catalog = load_catalog(po)
            for entry in catalog.active():
                entry.msgstr = entry.msgid
            save_catalog(catalog, po)
        build_status = l10n(project, "build", "zh")
        built = [page for page in pages if (project / "dist" / "zh" / page.name).exists()]
        same = sum(signature(project / "dist" / "zh" / p.name) == signature(p, reserialised=True) for p in built)
    if verbose:
        for row in sorted(rows, key=lambda r: r[5] / (r[6] or 1)):
            print(
                f"  {row[0]}: main {row[1]}/{row[2]}, boilerplate kept out {row[3]}/{row[4]}, article {row[5]}/{row[6]}"
            )
        for name, count, of in bodies:
            print(f"  {name}: {count} of {of} main snippets in _site.po")
    return {
        "pages": len(pages),
        "main snippets no catalog holds": apart,
        "main": main[0] / main[1],
        "boilerplate": kept_out[0] / kept_out[1],
        "share": share[0] / share[1],
        "article entries (3+ words)": share[1],
        "pages with main text in _site.po": len(bodies),
        "pages with their body in _site.po": sum(count * 2 > of for _, count, of in bodies),
        "init, build exit status": f"{init_status}, {build_status}",
        "built": len(built) / len(pages),
        "round trip": same / len(pages),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list each miss")
    parser.add_argument("--corpus", choices=NAMES, action="append", help="one corpus (repeatable; default: both)")
    parser.add_argument("--pages", type=int, help="only the first N pages of each")
    args = parser.parse_args()
    for corpus in args.corpus or NAMES:
        pages = sorted((CORPORA / corpus / "pages").glob("*.html"))[: args.pages]
        print(corpus)
        results = measure(corpus, pages, args.verbose)
        for name, value in results.items():
            target = _TARGETS.get(name)
            verdict = (
                "" if target is None else ("  MET" if value >= target else "  MISSED") + f" (target ≥ {target:.2f})"
            )
            if name == "pages with their body in _site.po":
                verdict = "  MET (target: none)" if value == 0 else "  MISSED (target: none)"
            shown = f"{value:.3f}" if isinstance(value, float) else str(value)
            print(f"  {name:34} {shown}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
