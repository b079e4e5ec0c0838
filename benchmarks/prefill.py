"""Prefill speed against a local LibreTranslate stand-in with a fixed latency (issue 3).

Run from the repo root: `python benchmarks/prefill.py [--units N] [--latency S]` (needs the
test extras: the server is tests/test_translate.py's LibreServer). It makes a project of
generated articles holding N distinct English units, then times `l10n translate zh` as a
child process with --workers 1 and --workers 8 (each on fresh catalogs and an empty cache),
and runs it once more on fresh catalogs with the cache of the first runs: that run should send
no request. About two minutes with the defaults (1,000 units, 100 ms).
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from test_translate import PAGE, LibreServer  # noqa: E402

ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
WORDS = (
    "council county road works bus service library park school residents plan funding budget week "
    "month year new local public support community centre business growth jobs transport housing "
    "health care children families visitors event festival meeting cabinet report scheme"
).split()
PER_ARTICLE = 25


def make_project(folder: Path, units: int) -> None:
    """Articles of one title and PER_ARTICLE one-sentence paragraphs, every unit distinct."""
    rng = random.Random(3)
    seen: set[str] = set()

    def sentence(words: int) -> str:
        while True:
            text = " ".join(rng.choice(WORDS) for _ in range(words))
            text = text[0].upper() + text[1:]
            if text not in seen:
                seen.add(text)
                return text

    (folder / "source").mkdir(parents=True)
    (folder / "pyproject.toml").write_text('[project]\nname = "bench"\n\n[tool.l10n]\nlanguages = ["zh"]\n')
    made, n = 0, 0
    while made < units:
        count = min(PER_ARTICLE, units - made - 1) or 1
        body = "\n".join(f"<p>{sentence(12)}.</p>" for _ in range(count))
        (folder / "source" / f"article-{n:03}.html").write_text(PAGE.format(title=sentence(5), body=body))
        made += count + 1
        n += 1
    subprocess.run([sys.executable, "-m", "l10n.cli", "init", "zh"], cwd=folder, env=ENV, check=True)


def configure(folder: Path, url: str) -> None:
    with (folder / "pyproject.toml").open("a") as f:
        f.write(f'\n[tool.l10n.translate]\nprovider = "libre"\nurl = "{url}"\nrate = 0\ntimeout = 30\n')


def timed_run(folder: Path, workers: int) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "l10n.cli", "translate", "zh", "--workers", str(workers)],
        cwd=folder,
        env=ENV,
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"l10n translate failed ({done.returncode}):\n{done.stdout}{done.stderr}")
    return elapsed, done.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000, help="distinct English units (default 1000)")
    parser.add_argument("--latency", type=float, default=0.1, help="server latency in seconds (default 0.1)")
    args = parser.parse_args()
    server = LibreServer(latency=args.latency, lifetime=3600)
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh"
        make_project(fresh, args.units)
        configure(fresh, server.url)
        print(f"{args.units} units, server latency {args.latency * 1000:.0f} ms\n")
        print(f"{'run':<34} {'wall time':>10} {'requests':>9}")
        cache: Path | None = None
        for name, workers, reuse in (
            ("--workers 1", 1, False),
            ("--workers 8", 8, False),
            ("--workers 8, second run (cache)", 8, True),
        ):
            folder = Path(tmp) / name.replace(" ", "").replace(",", "-").replace("(", "").replace(")", "")
            shutil.copytree(fresh, folder)
            if reuse and cache is not None:
                shutil.copy(cache, folder / ".l10n-cache" / cache.name)
            before = len(server.received)
            elapsed, summary = timed_run(folder, workers)
            print(f"{name:<34} {elapsed:>9.1f}s {len(server.received) - before:>9}")
            print(f"    {summary}")
            cache = folder / ".l10n-cache" / "translations.sqlite3"
    server.stop()


if __name__ == "__main__":
    main()
