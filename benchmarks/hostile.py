"""Time l10n on hostile sizes, to show cost grows linearly with untrusted input (issue 28).

Run from the repo root: `python benchmarks/hostile.py [--only check translate glossary] [--articles 2000 8000 32000]`.

* check: the entry checks (`check_entry`, as `l10n check` runs them) on one msgstr of 10 KB, 100 KB
  and 1 MB, in shapes that made a pattern backtrack (a run of digits, of `a-`, of ASCII quotes
  between Chinese characters) and in a plain Chinese translation; in this process.
* translate: a site of 2,000, 8,000 and 32,000 tiny articles (a title and one sentence each):
  `init qps`, then timed as commands in a process of their own, `translate qps` (pseudo-localisation)
  and, after an `update` that takes in what it wrote, an `update` with nothing to do.
* glossary: a glossary of 1,000, 10,000 and 100,000 untranslatable terms: making the protection
  of a locale (once per `translate`), protecting 200 texts with it, and the glossary check's
  matching of the same 200 texts.
"""

from __future__ import annotations

import argparse
import gc
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from l10n.catalogs.glossary import Glossary, Term
from l10n.check import checks
from l10n.locales import parse_locale
from l10n.translate.protect import Protector

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10_000, 100_000, 1_000_000)
SHAPES: dict[str, Callable[[int], str]] = {
    "Chinese prose": lambda n: ("道路于3月14日重开，耗资350万英镑。" * (n // 18 + 1))[:n],
    "digits": lambda n: "1" * n,
    "a-a-a-": lambda n: "a-" * (n // 2),
    "quotes amid Chinese": lambda n: '汉"' * (n // 2),
    "dates": lambda n: "3月14日" * (n // 5),
}
ENGLISH = "Roads reopen on 14 March at 10am after £3.5m of work, the council said."


def cpu(step: Callable[..., object], *args: object) -> float:
    """CPU seconds of `step(*args)`."""
    start = time.process_time()
    step(*args)
    return time.process_time() - start


def each(function: Callable[[str], object], texts: list[str]) -> None:
    for text in texts:
        function(text)


def bench_check() -> None:
    context = checks.Context(parse_locale("zh"), Glossary([]))
    print("check: CPU seconds for one msgstr of each size (and the growth from one size to the next)")
    print(f"{'shape':<22}" + "".join(f"{f'{size:,} chars':>18}" for size in SIZES))
    for name, make in SHAPES.items():
        times = [cpu(checks.check_entry, ENGLISH, make(size), context) for size in SIZES]
        cells = [f"{times[0]:.3f}"] + [f"{t:.3f} ({t / max(p, 1e-4):.0f}×)" for p, t in zip(times, times[1:])]
        print(f"{name:<22}" + "".join(f"{cell:>18}" for cell in cells))


def l10n(project: Path, *args: str) -> float:
    """Wall-clock seconds of `l10n ARGS` in a process of its own."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "l10n.cli", *args], cwd=project, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def bench_translate(counts: list[int]) -> None:
    print("translate and a no-op update: wall-clock seconds on sites of tiny articles (2 cores)")
    print(f"{'articles':>9}{'init qps':>10}{'translate qps':>18}{'per article':>13}{'no-op update':>14}")
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            project = Path(tmp)
            (project / "pyproject.toml").write_text('[tool.l10n]\nlanguages = ["zh"]\n')
            source = project / "source"
            source.mkdir()
            for n in range(count):
                (source / f"a{n}.html").write_text(
                    f"<html><head><title>Notice {n}</title></head><body><h1>Notice {n}</h1>"
                    f"<p>Road {n} reopens on Monday after repairs.</p></body></html>",
                    encoding="utf-8",
                )
            init = l10n(project, "init", "qps")
            translate = l10n(project, "translate", "qps")  # the pseudo locale: pseudo-localisation
            l10n(project, "update", "qps")  # takes in what translate wrote
            update = l10n(project, "update", "qps")
            print(f"{count:>9,}{init:>10.1f}{translate:>18.1f}{1000 * translate / count:>10.2f} ms{update:>14.1f}")


def bench_glossary(term_counts: list[int]) -> None:
    texts = [f"Councillor Smith {n} visited Sichuan and the County Hall; e-mail the UK office." for n in range(200)]
    print("glossary: CPU seconds with a glossary of untranslatable terms")
    print(f"{'terms':>9}{'made once':>11}{'protect 200 texts':>19}{'check 200 texts':>17}")
    for count in term_counts:
        terms = [f"Term{n} of the Council" for n in range(count - 3)] + ["Sichuan", "County Hall", "UK"]
        made = cpu(Protector, terms)
        protect = cpu(each, Protector(terms).protect, texts)
        glossary = Glossary([Term(t, t, False) for t in terms])
        glossary.matches("warm-up")  # its finder is made on first use
        matched = cpu(each, glossary.matches, texts)
        print(f"{count:>9,}{made:>11.2f}{protect:>19.3f}{matched:>17.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="+", choices=["check", "translate", "glossary"])
    parser.add_argument("--articles", type=int, nargs="+", default=[2000, 8000, 32000])
    parser.add_argument("--terms", type=int, nargs="+", default=[1000, 10_000, 100_000])
    args = parser.parse_args()
    gc.set_threshold(20_000, 20, 20)  # as the l10n command sets it
    chosen = args.only or ["check", "translate", "glossary"]
    if "check" in chosen:
        bench_check()
    if "glossary" in chosen:
        bench_glossary(args.terms)
    if "translate" in chosen:
        bench_translate(args.articles)


if __name__ == "__main__":
    main()
