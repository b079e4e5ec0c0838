"""Everything l10n writes and prints, for a checkout of l10n: to prove a change keeps behaviour.

Not a speed measurement. It runs the commands a user runs on two projects — the shipped seed
project, the 120 real pages of ../shared/corpora/web-pages and the 61 of readability-pages — with the l10n of a given
checkout, and keeps every file written (catalogs, pages, review pages, .mo files) and every
command's output and exit status in a folder. Two snapshots are then compared byte by byte,
dates and times masked (they differ from run to run):

    git worktree add /tmp/before <commit>
    python benchmarks/snapshot.py take --code /tmp/before --out /tmp/snap-before
    python benchmarks/snapshot.py take --code . --out /tmp/snap-after
    python benchmarks/snapshot.py compare /tmp/snap-before /tmp/snap-after
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WEB_PAGES = ROOT.parent / "shared" / "corpora" / "web-pages" / "pages"
READABILITY_PAGES = ROOT.parent / "shared" / "corpora" / "readability-pages" / "pages"
# Dates and times that differ between runs: PO headers, suggestion comments.
_DATES = re.compile(r"\d{4}-\d{2}-\d{2}(?: \d{2}:\d{2}[+-]\d{4})?")
_SNAPSHOT_SUFFIXES = {".po", ".pot", ".html", ".mo", ".css", ".svg", ".txt", ".json", ".xlf", ".tmx"}


def _run(code: Path, project: Path, out: Path, name: str, *args: str) -> None:
    """Run `l10n ARGS` in `project` with the given checkout's code; keep its output."""
    done = subprocess.run(
        [sys.executable, "-m", "l10n.cli", *args],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(code)},
    )
    (out / "commands").mkdir(parents=True, exist_ok=True)
    (out / "commands" / f"{name}.txt").write_text(
        f"$ l10n {' '.join(args)}\nexit {done.returncode}\n--- stdout\n{done.stdout}--- stderr\n{done.stderr}"
    )


def _keep(project: Path, out: Path, label: str) -> None:
    """Copy the project's written files (not its cache) into the snapshot."""
    for folder in ("locales", "dist", "dist-fuzzy", "dist-identity", "review", "exported"):
        base = project / folder
        if not base.is_dir():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file() and path.suffix in _SNAPSHOT_SUFFIXES | {".tbx"}:
                target = out / label / folder / path.relative_to(base)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)


def _identity(catalogs: Path) -> None:
    """Every msgstr made its msgid, fuzzy flags cleared (the identity round trip)."""
    import polib

    for path in sorted(catalogs.rglob("*.po")):
        po = polib.pofile(str(path))
        for entry in po:
            if not entry.obsolete and not entry.msgid_plural:
                entry.msgstr = entry.msgid
                if entry.fuzzy:
                    entry.flags.remove("fuzzy")
        po.save()


def take(code: Path, out: Path) -> None:
    code = code.resolve()
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as scratch:
        seed = Path(scratch) / "seed"
        seed.mkdir()
        for name in ("source", "locales"):
            shutil.copytree(code / name, seed / name)
        shutil.copyfile(code / "pyproject.toml", seed / "pyproject.toml")
        steps = [
            ("update", "update"),
            ("build", "build", "zh"),
            ("check", "check", "zh"),
            ("check-json", "check", "zh", "--json", "--include-fuzzy"),
            ("stats", "stats"),
            ("stats-json", "stats", "--json"),
            ("review", "review", "zh"),
            ("segment", "segment", "--json", "source/china-visit-boosts-business-links.html"),
            ("segment-text", "segment", "source/china-visit-boosts-business-links.html"),
            ("translate", "translate", "zh"),
            ("init-pseudo", "init", "qps"),
            ("translate-pseudo", "translate", "qps"),
            ("build-pseudo", "build", "qps", "--out", "dist-qps", "--min-complete", "0"),
            ("build-fuzzy", "build", "zh", "--include-fuzzy", "--out", "dist-fuzzy"),
            ("rebuild", "build", "zh"),
            ("compile", "compile", "zh"),
            ("export-xliff2", "export", "zh", "--out", "exported/xliff2"),
            ("export-xliff1", "export", "zh", "--format", "xliff1", "--out", "exported/xliff1"),
            ("export-tmx", "export", "zh", "--format", "tmx", "--out", "exported/tmx"),
            (
                "import-xliff2",
                "import",
                "exported/xliff2/china-visit-boosts-business-links.xlf",
                "exported/xliff2/_site.xlf",
                "--json",
            ),
        ]
        for name, *args in steps:
            _run(code, seed, out / "seed", name, *args)
        _keep(seed, out, "seed")

        for label, pages in (("web", WEB_PAGES), ("readability", READABILITY_PAGES)):
            _real_pages(code, Path(scratch) / label, pages, out / label)
            _keep(Path(scratch) / label, out, label)


def _real_pages(code: Path, web: Path, pages: Path, out: Path) -> None:
    """The commands on a project of real pages: init, segment each, build, translate, export."""
    (web / "source").mkdir(parents=True)
    (web / "pyproject.toml").write_text('[project]\nname = "web"\n\n[tool.l10n]\nlanguages = ["zh"]\n')
    for page in sorted(pages.glob("*.html")):
        shutil.copyfile(page, web / "source" / page.name)
    _run(code, web, out, "init", "init", "zh")
    for page in sorted((web / "source").glob("*.html")):
        _run(code, web, out, f"segment-{page.stem}", "segment", "--json", f"source/{page.name}")
    _run(code, web, out, "build", "build", "zh")
    _run(code, web, out, "translate", "translate", "zh")
    _run(code, web, out, "init-pseudo", "init", "qps")
    _run(code, web, out, "translate-pseudo", "translate", "qps")
    _run(code, web, out, "build-pseudo", "build", "qps", "--out", "dist-qps", "--min-complete", "0")
    _run(code, web, out, "build-fuzzy", "build", "zh", "--include-fuzzy", "--out", "dist-fuzzy")
    _run(code, web, out, "stats-json", "stats", "--json")
    _run(code, web, out, "check-json", "check", "zh", "--json", "--include-fuzzy")
    _run(code, web, out, "export-xliff2", "export", "zh", "--out", "exported/xliff2")
    _identity(web / "locales" / "zh")
    _run(code, web, out, "build-identity", "build", "zh", "--out", "dist-identity")
    _run(code, web, out, "export-xliff1", "export", "zh", "--format", "xliff1", "--out", "exported/xliff1")
    _run(code, web, out, "export-tmx", "export", "zh", "--format", "tmx", "--out", "exported/tmx")


def _masked(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix in (".po", ".pot", ".txt", ".xlf", ".tmx"):
        data = _DATES.sub("DATE", data.decode("utf-8", "replace")).encode("utf-8")
    return data


def compare(before: Path, after: Path) -> int:
    """Print the files that differ (dates masked); 0 when none does."""
    names = sorted(
        {p.relative_to(before).as_posix() for p in before.rglob("*") if p.is_file()}
        | {p.relative_to(after).as_posix() for p in after.rglob("*") if p.is_file()}
    )
    differ = 0
    for name in names:
        a, b = before / name, after / name
        if not a.exists() or not b.exists():
            print(f"only in {'after' if b.exists() else 'before'}: {name}")
            differ += 1
        elif _masked(a) != _masked(b):
            print(f"differs: {name}")
            differ += 1
    print(json.dumps({"files": len(names), "differ": differ}))
    return 1 if differ else 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    taking = sub.add_parser("take", help="run the commands and keep what they wrote and printed")
    taking.add_argument("--code", type=Path, default=ROOT, help="checkout of l10n to run (default: this one)")
    taking.add_argument("--out", type=Path, required=True)
    comparing = sub.add_parser("compare", help="compare two snapshots byte by byte")
    comparing.add_argument("before", type=Path)
    comparing.add_argument("after", type=Path)
    args = parser.parse_args()
    if args.command == "take":
        take(args.code, args.out)
        return 0
    return compare(args.before, args.after)


if __name__ == "__main__":
    sys.exit(main())
