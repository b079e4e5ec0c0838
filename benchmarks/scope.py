"""How well l10n keeps page furniture out of article catalogs, on 120 real pages nobody here wrote.

Run from the repo root: `python benchmarks/scope.py`. The pages are ../shared/corpora/web-pages
(whole pages as their sites served them); `labels.json` gives snippets of each page's main text
and of its boilerplate. It measures, with the project's default settings (automatic article
detection, site catalog):

- main: labelled main snippets found in the article catalogs (target ≥ 99%); snippets that no
  catalog can hold are counted apart: code (text of `pre`, `code`, `kbd`, `samp`), text with no
  words (a phone number), and text that is not in the page's HTML at all (only in a script's data);
- boilerplate: labelled boilerplate snippets kept out of them (target ≥ 95%);
- share: article-catalog entries of 3+ words that are the article's text (target ≥ 0.90). What
  "the article's text" is comes from a peer that extracts it: trafilatura (whose evaluation set
  these pages are), run in a throwaway venv under benchmarks/.corpus/peers-scope; the page's
  title and description metas count as article text too;
- round trip: with every msgstr equal to its msgid, every page rebuilds as it was: the same
  elements, attributes and text as the source written back by lxml (whose HTML serialiser has
  ways of its own: an empty `<li>` loses its end tag, spaces in URLs become %20), apart from
  what a language version changes by design (og:locale, JSON-LD inLanguage).

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
from l10n.store import load_catalog, save_catalog  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpora" / "web-pages"
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


def normal(text: str) -> str:
    """Text compared as a reader sees it: entities and markup gone, quotes and spaces made plain."""
    return " ".join(html.unescape(text).translate(_QUOTES).lower().split())


def plain(msgid: str, comment: str = "") -> str:
    """An entry's text as the page shows it: a standalone placeholder (inline code, an image) as the
    text of the markup its comment says it stands for."""
    shown = {m.group(1): re.sub(r"<[^>]*>", "", m.group(2)) for m in re.finditer(r"^<(\w+)/> is (.*)$", comment, re.M)}
    return normal(unescape_literals(TOKEN.sub(lambda m: shown.get(m.group(2), "") if m.group(3) else "", msgid)))


def reference(pages: list[Path]) -> dict[str, str]:
    """trafilatura's main text of each page (cached)."""
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


def l10n(project: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "l10n.cli", *args], cwd=project, check=True, env={"PYTHONPATH": str(ROOT)})


def signature(path: Path, reserialised: bool = False) -> list[tuple]:
    """A page's elements, attributes and text, without what the build adds (as tests/conftest.py)
    and what a language version changes by design (og:locale, JSON-LD inLanguage, `lang` around
    translated text, dates written in the page's language). With
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


def _code_text(page: Path) -> str:
    """The text of a page's code elements (not for translation)."""
    root = read_html(page).root
    return " ".join(normal("".join(el.itertext())) for el in root.iter("pre", "code", "kbd", "samp", "textarea"))


def _shown_text(page: Path) -> str:
    """The text of a page outside its scripts and styles."""
    root = read_html(page).root
    for el in list(root.iter("script", "style", "template")):
        el.getparent().remove(el)
    return normal(" ".join(root.itertext()))


def measure(pages: list[Path], verbose: bool) -> dict[str, float]:
    labels = json.loads((CORPUS / "labels.json").read_text(encoding="utf-8"))
    texts = reference(pages)
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        (project / "source").mkdir()
        (project / "pyproject.toml").write_text("[tool.l10n]\n")
        for page in pages:
            shutil.copyfile(page, project / "source" / page.name)
        l10n(project, "init", "zh")
        main = [0, 0]
        apart = 0
        kept_out = [0, 0]
        share = [0, 0]
        rows = []
        for page in pages:
            entries = load_catalog(project / "locales" / "zh" / "LC_MESSAGES" / page.with_suffix(".po").name).active()
            text = " ".join(plain(e.msgid, e.comment) for e in entries)
            code, shown = _code_text(page), _shown_text(page)
            snippets = [
                s
                for s in labels[page.name]["main"]
                if normal(s) not in code and re.search(r"[^\W\d_]", s) and normal(s) in shown
            ]
            apart += len(labels[page.name]["main"]) - len(snippets)
            found_main = [normal(s) in text for s in snippets]
            kept = [normal(s) not in text for s in labels[page.name]["boilerplate"]]
            ref = normal(texts.get(page.name, ""))
            long = [t for t in (plain(e.msgid, e.comment) for e in entries) if len(t.split()) >= 3]
            article = [t for t in long if t in ref]
            main = [main[0] + sum(found_main), main[1] + len(found_main)]
            kept_out = [kept_out[0] + sum(kept), kept_out[1] + len(kept)]
            share = [share[0] + len(article), share[1] + len(long)]
            rows.append((page.name, sum(found_main), len(found_main), sum(kept), len(kept), len(article), len(long)))
            if verbose:
                for t in long:
                    if t not in ref:
                        print(f"  {page.name}: not article text: {t[:100]}")
                for s, ok in zip(snippets, found_main):
                    if not ok:
                        print(f"  {page.name}: main snippet missing: {s}")
                for s, ok in zip(labels[page.name]["boilerplate"], kept):
                    if not ok:
                        print(f"  {page.name}: boilerplate in the article: {s}")
        for po in (project / "locales" / "zh" / "LC_MESSAGES").glob("*.po"):
            catalog = load_catalog(po)
            for entry in catalog.active():
                entry.msgstr = entry.msgid
            save_catalog(catalog, po)
        l10n(project, "build", "zh")
        same = sum(
            signature(project / "dist" / "zh" / page.name) == signature(page, reserialised=True) for page in pages
        )
    results = {
        "pages": len(pages),
        "main snippets no catalog holds": apart,
        "main": main[0] / main[1],
        "boilerplate": kept_out[0] / kept_out[1],
        "share": share[0] / share[1],
        "article entries (3+ words)": share[1],
        "round trip": same / len(pages),
    }
    if verbose:
        for row in sorted(rows, key=lambda r: r[5] / (r[6] or 1)):
            print(
                f"  {row[0]}: main {row[1]}/{row[2]}, boilerplate kept out {row[3]}/{row[4]}, article {row[5]}/{row[6]}"
            )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list each miss")
    parser.add_argument("--pages", type=int, help="only the first N pages")
    args = parser.parse_args()
    pages = sorted((CORPUS / "pages").glob("*.html"))[: args.pages]
    results = measure(pages, args.verbose)
    targets = {"main": 0.99, "boilerplate": 0.95, "share": 0.90, "round trip": 1.0}
    for name, value in results.items():
        target = targets.get(name)
        verdict = "" if target is None else ("  MET" if value >= target else "  MISSED") + f" (target ≥ {target:.2f})"
        shown = f"{value:.3f}" if isinstance(value, float) else str(value)
        print(f"{name:28} {shown}{verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
