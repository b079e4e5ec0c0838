"""Time l10n on one very large article, to show that cost grows linearly with its size (issue 19).

Run from the repo root: `python benchmarks/big_article.py [--sizes 1 4 20]`. For each size (MB) a
news article of that size is generated (sections of headings, paragraphs with links and emphasis,
lists and tables; every sentence different) into a temporary project, and timed in this process:
`update` (segment, template, catalog), the first `build zh` (skeletons made, then filled) and a
second `build zh` after every catalog entry was translated (skeletons filled only).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from l10n.commands import catalogs as steps
from l10n.config import load_config
from l10n.locales import parse_locale
from l10n.site.build import build
from l10n.store import Project, load_catalog, save_catalog

HEAD = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>A very long article</title>
<meta name="description" content="Everything the council published this year, in one page."></head>
<body><main><article><h1>A very long article</h1>
"""
SECTION = """<section id="s{n}"><h2>Section {n}: roads, schools and libraries</h2>
<p>The council said on Monday that work on route {n} would start soon. Residents of ward {n} were told
about <a href="https://example.org/news/{n}">the plans for road {n}</a> in a letter. It will cost
£{n}.5m, and <em>most of it</em> comes from the government.</p>
<ul><li>Item {n}a: a new crossing near school {n}.</li><li>Item {n}b: <strong>resurfacing</strong> of lane {n}.</li></ul>
<table><tr><th>Week {n}</th><td>Closure of street {n} at night.</td></tr></table>
<p>Councillor {n} added: “We know this is disruptive, and we thank people for their patience.” More at
<a href="/roads/{n}">roads page {n}</a>.</p></section>
"""
TAIL = "</article></main></body></html>\n"


def article(megabytes: float) -> str:
    """A news article of about `megabytes` MB."""
    parts, size, n = [HEAD], len(HEAD), 0
    while size < megabytes * 1_000_000:
        section = SECTION.format(n=n)
        parts.append(section)
        size += len(section.encode("utf-8"))
        n += 1
    return "".join(parts) + TAIL


def timed(step, *args) -> float:
    start = time.perf_counter()
    step(*args)
    return time.perf_counter() - start


def measure(megabytes: float) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["zh"]\n')
        (folder / "source").mkdir()
        (folder / "source" / "big.html").write_text(article(megabytes), encoding="utf-8")
        project = Project(load_config(folder))
        zh = parse_locale("zh")
        times = {"update": timed(steps.update, project, [zh])}
        times["build (skeleton made)"] = timed(build, project, [zh])
        path = project.catalog_file("zh", "big")
        catalog = load_catalog(path)
        for entry in catalog:
            entry.msgstr = "译" + entry.msgid
        save_catalog(catalog, path)
        times["build (skeleton filled)"] = timed(build, project, [zh])
        return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 4, 20], help="article sizes in MB")
    args = parser.parse_args()
    results = {size: measure(size) for size in args.sizes}
    steps_ = list(next(iter(results.values())))
    print(f"{'MB':>5}" + "".join(f"{step:>26}" for step in steps_) + f"{'s per MB (all)':>16}")
    for size, times in results.items():
        print(
            f"{size:>5g}" + "".join(f"{times[step]:>26.2f}" for step in steps_) + f"{sum(times.values()) / size:>16.2f}"
        )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
