"""l10n against its peers, in one run on the same input: extract, build, catalog merge, TM lookup.

Run from the repo root: `python benchmarks/run.py [--quick] [--repeats N]`. Corpora, catalogs
and the peers' throwaway venv are made on first use under benchmarks/.corpus/ (see README.md).
Every tool runs as a child process; its wall time and memory (its largest process's peak, and
all its processes together) are measured from outside.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import (
    CORPUS,
    ROOT,
    CatalogPair,
    Corpus,
    Edits,
    Log,
    Score,
    articles,
    catalog_pair,  # noqa: E402
    edit_one_word,
    fake_translation,
    load_merged,
    prepare,
    score,
    sentences,
    translate_files,
    web_pages,
)

PEERS = CORPUS / "peers"
PY = sys.executable
L10N = [PY, "-m", "l10n.cli"]
PYBABEL = str(Path(PY).parent / "pybabel")
TM_THRESHOLD = 75.0  # TranslationMemory.lookup's default; the brute force uses the same cut-off
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
TIME = "/usr/bin/time"  # GNU time, for peak memory
TASKS = ("extract", "build", "merge", "tm", "cold", "scale")
SCALE = (1000, 3000, 10000)  # articles made from the web pages (issue 20)


@dataclass
class Run:
    """One tool's measurements on one input."""

    tool: str
    times: list[float] = field(default_factory=list)
    peak_kb: int = 0  # largest process
    total_kb: int = 0  # all processes together
    failure: str | None = None  # "did not finish in 400 s", "failed: ..."
    timed_out_after: float | None = None
    score: Score | None = None
    note: str = ""

    @property
    def median(self) -> float:
        return statistics.median(self.times)


@dataclass
class Settings:
    repeats: int
    budget: float  # seconds per tool after which no more repeats are made
    timeout: float


# == Running and timing child processes ==


@dataclass
class Child:
    """One finished (or killed) child process."""

    seconds: float
    peak_kb: int  # largest process
    total_kb: int  # all its processes together
    failure: str | None  # "did not finish in 400 s", "failed (exit 1): ..."
    timed_out: bool
    output: str


def run_child(cmd: list[str], cwd: Path | None, timeout: float, env: dict[str, str] | None = None) -> Child:
    """Run a command under GNU time, which reports its largest process's peak memory, while a
    sampler adds up the memory of all its processes.

    (A process forked from this one would report this one's peak: Linux keeps ru_maxrss across exec.)
    """
    with tempfile.TemporaryDirectory() as tmp:
        out, err, rss = (Path(tmp) / name for name in ("out", "err", "rss"))
        with out.open("wb") as stdout, err.open("wb") as stderr:
            start = time.perf_counter()
            proc = subprocess.Popen(
                [TIME, "-f", "%M", "-o", str(rss), *cmd],
                cwd=cwd,
                env=env or ENV,
                stdout=stdout,
                stderr=stderr,
                start_new_session=True,
            )
            timer = threading.Timer(timeout, os.killpg, (proc.pid, signal.SIGKILL))
            timer.start()
            sampler = GroupMemory(proc.pid)
            sampler.start()
            proc.wait()
            seconds = time.perf_counter() - start
            timed_out = not timer.is_alive()
            timer.cancel()
            sampler.stop()
        failure = None
        if timed_out:
            failure = f"did not finish in {timeout:.0f} s"
        elif proc.returncode != 0:
            lines = err.read_text(errors="replace").strip().splitlines()
            failure = f"failed (exit {proc.returncode}): {lines[-1] if lines else ''}"
        peak = rss.read_text().split() if rss.exists() else []
        peak_kb = int(peak[-1]) if peak and peak[-1].isdigit() else 0
        return Child(seconds, peak_kb, max(peak_kb, sampler.peak_kb), failure, timed_out, out.read_text())


class GroupMemory(threading.Thread):
    """Samples, every 0.2 s, the proportional set size (PSS) of a process group's processes together."""

    def __init__(self, group: int):
        super().__init__(daemon=True)
        self.group = group
        self.peak_kb = 0
        self.done = threading.Event()

    def run(self) -> None:
        while not self.done.wait(0.2):
            self.peak_kb = max(self.peak_kb, self.sample())

    def stop(self) -> None:
        self.done.set()
        self.join()

    def sample(self) -> int:
        total = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit():
                continue
            try:
                if int(Path(entry.path, "stat").read_text().rsplit(")", 1)[1].split()[2]) != self.group:
                    continue
                pss = next(
                    line
                    for line in Path(entry.path, "smaps_rollup").read_text().splitlines()
                    if line.startswith("Pss:")
                )
                total += int(pss.split()[1])
            except (OSError, ValueError, IndexError, StopIteration):
                continue
        return total


def measure(
    tool: str,
    cmd: list[str],
    settings: Settings,
    cwd: Path | None = None,
    setup: Callable[[], None] | None = None,
    log: Log = print,
) -> Run:
    """Time `cmd` up to `repeats` times, fewer once the time budget is spent."""
    run = Run(tool)
    for _ in range(settings.repeats):
        if setup:
            setup()
        child = run_child(cmd, cwd, settings.timeout)
        run.peak_kb, run.total_kb = max(run.peak_kb, child.peak_kb), max(run.total_kb, child.total_kb)
        if child.failure:
            run.failure, run.timed_out_after = child.failure, settings.timeout if child.timed_out else None
            break
        run.times.append(child.seconds)
        if sum(run.times) > settings.budget:
            break
    log(f"    {tool}: " + (run.failure or f"{len(run.times)} runs, median {run.median:.2f} s"))
    return run


@dataclass
class Spec:
    """A tool to time in `rounds`: its command, folder, set-up before each run, environment."""

    tool: str
    cmd: list[str]
    cwd: Path | None = None
    setup: Callable[[], None] | None = None
    env: dict[str, str] | None = None


def rounds(specs: list[Spec], settings: Settings, log: Log = print) -> list[Run]:
    """Time the tools interleaved: each runs once per round, up to `repeats` rounds (a tool stops
    once it has used the time budget), so that the machine's drift (other work on a shared
    machine) falls on all of them alike. Each run's note gives the spread of its times."""
    runs = [Run(spec.tool) for spec in specs]
    for _ in range(settings.repeats):
        for spec, run in zip(specs, runs):
            if run.failure or sum(run.times) > settings.budget:
                continue
            if spec.setup:
                spec.setup()
            child = run_child(spec.cmd, spec.cwd, settings.timeout, spec.env)
            run.peak_kb, run.total_kb = max(run.peak_kb, child.peak_kb), max(run.total_kb, child.total_kb)
            if child.failure:
                run.failure, run.timed_out_after = child.failure, settings.timeout if child.timed_out else None
                continue
            run.times.append(child.seconds)
    for run in runs:
        if len(run.times) > 1:
            run.note = f"runs {min(run.times):.2f}–{max(run.times):.2f} s"
        log(f"    {run.tool}: " + (run.failure or f"{len(run.times)} runs, median {run.median:.2f} s"))
    return runs


def before_env() -> dict[str, str] | None:
    """The environment that runs another checkout of l10n (`--before`), if one was given."""
    return {**os.environ, "PYTHONPATH": str(BEFORE)} if BEFORE else None


BEFORE: Path | None = None  # a checkout of l10n to time beside this one (`--before`)


def clear(path: Path) -> Callable[[], None]:
    """A setup that removes an output file or folder left by the previous run (keeping its parent)."""

    def setup() -> None:
        shutil.rmtree(path, ignore_errors=True) if path.is_dir() else path.unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)

    return setup


# == Peers ==


def ensure_peers(log: Log = print) -> Path:
    """Translate Toolkit and RapidFuzz in a throwaway venv; GNU gettext and time from Debian if missing."""
    if not (PEERS / "bin" / "pot2po").exists():
        log("  installing Translate Toolkit into benchmarks/.corpus/peers")
        subprocess.run([PY, "-m", "venv", "--clear", str(PEERS)], check=True)
        subprocess.run([str(PEERS / "bin" / "pip"), "install", "-q", "translate-toolkit", "rapidfuzz"], check=True)
    missing = [
        package for package, path in (("gettext", shutil.which("msgmerge")), ("time", Path(TIME).exists())) if not path
    ]
    if missing:
        log(f"  installing {' '.join(missing)} from Debian")
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=True, capture_output=True)
    return PEERS / "bin"


# == Tasks ==


def bench_extract(corpus: Corpus, tt: Path, settings: Settings, log: Log = print, cold: bool = False) -> list[Run]:
    """Extraction into fresh templates; `cold`: with nothing to reuse either (no .l10n-cache)."""
    folder = corpus.folder
    wiped = [folder / "locales" / "templates", *([folder / ".l10n-cache"] if cold else [])]

    def fresh() -> None:
        for path in wiped:
            shutil.rmtree(path, ignore_errors=True)

    if cold:
        specs = [
            Spec("l10n extract (cold)", [*L10N, "extract"], folder, fresh),
            Spec(
                "html2po",
                [str(tt / "html2po"), "-P", "--progress=none", "source", "tt/extract"],
                folder,
                clear(folder / "tt" / "extract"),
            ),
            Spec("lxml parse+serialise", [PY, __file__, "--worker", "lxml", str(corpus.source)]),
        ]
        if BEFORE:
            specs.append(Spec("l10n extract (cold), before", [*L10N, "extract"], folder, fresh, before_env()))
        runs = rounds(specs, settings, log)
        runs[2].note = f"floor: no segmentation; {runs[2].note}".rstrip("; ")
        return runs
    runs = [
        measure("l10n extract (cold)" if cold else "l10n extract", [*L10N, "extract"], settings, folder, fresh, log),
        measure(
            "html2po",
            [str(tt / "html2po"), "-P", "--progress=none", "source", "tt/extract"],
            settings,
            folder,
            clear(folder / "tt" / "extract"),
            log,
        ),
        measure("lxml parse+serialise", [PY, __file__, "--worker", "lxml", str(corpus.source)], settings, log=log),
    ]
    runs[2].note = "floor: no segmentation"
    return runs


def bench_cold_build(corpus: Corpus, tt: Path, settings: Settings, log: Log = print) -> list[Run]:
    """A build with nothing to reuse (no skeletons, no fingerprints) from translated catalogs."""
    prepare_build(corpus, tt, log)
    folder = corpus.folder

    def cold() -> None:
        for path in (folder / "dist", folder / ".l10n-cache"):
            shutil.rmtree(path, ignore_errors=True)

    build = [*L10N, "build", "zh", "--min-complete", "0"]
    specs = [
        Spec("l10n build zh (cold)", build, folder, cold),
        Spec(
            "po2html",
            [str(tt / "po2html"), "--progress=none", "-t", "source", "-i", "tt/pos", "-o", "tt/build"],
            folder,
            clear(folder / "tt" / "build"),
        ),
        Spec("lxml parse+serialise", [PY, __file__, "--worker", "lxml", str(corpus.source)]),
    ]
    if BEFORE:
        specs.append(Spec("l10n build zh (cold), before", build, folder, cold, before_env()))
    runs = rounds(specs, settings, log)
    runs[0].note = f"writes en/ and zh/; {runs[0].note}".rstrip("; ")
    runs[2].note = f"floor: reading and writing each page once; {runs[2].note}".rstrip("; ")
    return runs


def bench_scale(count: int, settings: Settings, log: Log = print) -> list[Run]:
    """A site of `count` articles: start the catalogs, fill them with pseudo-translations, build,
    and build again with nothing changed. Each once, from scratch."""
    corpus = articles(count, log)
    folder = corpus.folder
    for path in (folder / "locales", folder / "dist", folder / "dist-qps", folder / ".l10n-cache"):
        shutil.rmtree(path, ignore_errors=True)
    once = Settings(1, settings.budget, settings.timeout * 10)
    # Pseudo-localisation fills the pseudo locale (qps), which is built into a folder of its own.
    build = [*L10N, "build", "qps", "--out", "dist-qps", "--min-complete", "0"]
    runs = [
        measure("l10n init zh (first update)", [*L10N, "init", "zh"], once, folder, log=log),
        measure("l10n update (nothing changed)", [*L10N, "update"], once, folder, log=log),
    ]
    subprocess.run([*L10N, "init", "qps"], cwd=folder, env=ENV, check=True, capture_output=True)
    runs += [
        measure("l10n translate qps (pseudo)", [*L10N, "translate", "qps"], once, folder, log=log),
        measure("l10n build qps", build, once, folder, log=log),
        measure("l10n build qps, no-op", build, once, folder, log=log),
    ]
    for run in runs:
        run.note = f"{1000 * run.median / count:.1f} s per 1,000 articles" if run.times else ""
    return runs


def prepare_build(corpus: Corpus, tt: Path, log: Log = print) -> None:
    """Translated catalogs for both tools (once): ours via `l10n init zh`, theirs via html2po + pot2po."""
    folder = corpus.folder
    ready = folder / "build-ready"
    if ready.exists():
        return
    log("  preparing translated catalogs for the build")
    (folder / "tt").mkdir(exist_ok=True)
    start = [*L10N, "update"] if (folder / "locales" / "zh").is_dir() else [*L10N, "init", "zh"]
    for cmd in (
        start,
        [str(tt / "html2po"), "-P", "--progress=none", "source", "tt/pots"],
        [str(tt / "pot2po"), "--progress=none", "-i", "tt/pots", "-o", "tt/pos"],
    ):
        subprocess.run(cmd, cwd=folder, env=ENV, check=True, capture_output=True)
    translate_files(folder / "locales" / "zh", ".po")
    translate_files(folder / "tt" / "pos", ".po")
    subprocess.run([*L10N, "build", "zh"], cwd=folder, env=ENV, check=True, capture_output=True)
    ready.touch()


def bench_build(corpus: Corpus, tt: Path, settings: Settings, log: Log = print) -> list[Run]:
    prepare_build(corpus, tt, log)
    folder = corpus.folder
    # Untimed: brings the catalogs and the cached segmentations up to date with this version of
    # l10n, so the timed runs measure what a rebuild after translators' edits costs.
    subprocess.run([*L10N, "build", "zh"], cwd=folder, env=ENV, check=True, capture_output=True)
    ours = measure("l10n build zh", [*L10N, "build", "zh"], settings, folder, clear(folder / "dist"), log)
    ours.note = "writes en/ and zh/"
    theirs = measure(
        "po2html",
        [str(tt / "po2html"), "--progress=none", "-t", "source", "-i", "tt/pos", "-o", "tt/build"],
        settings,
        folder,
        clear(folder / "tt" / "build"),
        log,
    )
    again = measure("l10n build zh, again", [*L10N, "build", "zh"], settings, folder, log=log)
    again.note = "incremental: no page to rewrite"
    return [ours, theirs, again]


def bench_merge(pair: CatalogPair, tt: Path, settings: Settings, skip: set[str], log: Log = print) -> list[Run]:
    out = pair.old.parent / "merged.po"
    old, pot = str(pair.old), str(pair.pot)
    edits = Edits.load(pair.edits)
    copy_old = lambda: shutil.copyfile(pair.old, out)  # noqa: E731 (pybabel updates in place)
    tools: list[tuple[str, list[str], Callable[[], None], bool]] = [
        ("l10n merge", [PY, __file__, "--worker", "merge", old, pot, str(out)], clear(out), True),
        ("msgmerge", ["msgmerge", "--quiet", "--previous", "-o", str(out), old, pot], clear(out), True),
        (
            "msgmerge --no-fuzzy-matching",
            ["msgmerge", "--quiet", "--no-fuzzy-matching", "-o", str(out), old, pot],
            clear(out),
            False,
        ),
        ("pot2po", [str(tt / "pot2po"), "--progress=none", "-t", old, pot, str(out)], clear(out), True),
        ("pybabel update", [PYBABEL, "update", "--previous", "-l", "zh", "-i", pot, "-o", str(out)], copy_old, True),
        ("pybabel update -N", [PYBABEL, "update", "-N", "-l", "zh", "-i", pot, "-o", str(out)], copy_old, False),
        (
            "polib load+save",
            [PY, "-c", "import polib, sys; polib.pofile(sys.argv[1]).save(sys.argv[2])", old, str(out)],
            clear(out),
            False,
        ),
    ]
    runs = []
    for tool, cmd, setup, fuzzy in tools:
        if tool in skip:
            runs.append(Run(tool, failure="not run: did not finish the smaller catalog"))
            continue
        run = measure(tool, cmd, settings, setup=setup, log=log)
        if fuzzy and run.times:
            run.score = score(load_merged(out), edits)
        runs.append(run)
    out.unlink(missing_ok=True)
    return runs


def tm_data(corpus: Corpus, remembered: int, queries: int = 1000) -> Path:
    """Remembered (English, translation) pairs and new sentences: half edited memories, half unseen."""
    path = CORPUS / f"tm-{corpus.name}-{remembered}.json"
    if path.exists():
        return path
    pool = sentences(corpus, min_words=3)
    rng = random.Random(f"tm-{remembered}")
    chosen = rng.sample(pool, remembered + queries // 2)
    memory, unseen = chosen[:remembered], chosen[remembered:]
    known = set(chosen)
    vocabulary = sorted({w for s in memory[:5000] for w in s.split() if w.isalpha()})
    edited = []
    for source in rng.sample(memory, queries):
        changed = edit_one_word(source, rng, vocabulary) if any(w.isalpha() for w in source.split()) else None
        if changed and changed not in known:
            edited.append(changed)
            known.add(changed)
        if len(edited) == queries - len(unseen):
            break
    new = edited + unseen
    rng.shuffle(new)
    path.write_text(
        json.dumps({"memory": [[s, fake_translation(s)] for s in memory], "queries": new}, ensure_ascii=False)
    )
    return path


def bench_tm(data: Path, settings: Settings, log: Log = print) -> list[Run]:
    """Both lookups in child processes; the time is what they report (data loading excluded)."""
    runs, found = [], {}
    for tool, kind in (("rapidfuzz extractOne", "tm-brute"), ("l10n TranslationMemory", "tm-index")):
        run = Run(tool)
        for _ in range(settings.repeats):
            child = run_child([PY, __file__, "--worker", kind, str(data)], None, settings.timeout)
            run.peak_kb, run.total_kb = max(run.peak_kb, child.peak_kb), max(run.total_kb, child.total_kb)
            if child.failure:
                missing = "ModuleNotFoundError" in child.failure or "ImportError" in child.failure
                run.failure = "not available (l10n.memory cannot be imported)" if missing else child.failure
                break
            result = json.loads(child.output)
            run.times.append(result["seconds"])
            found[tool] = result["matches"]
            if sum(run.times) > settings.budget:
                break
        log(f"    {tool}: " + (run.failure or f"{len(run.times)} runs, median {run.median:.2f} s"))
        runs.append(run)
    if len(found) == 2:
        brute, ours = found.values()
        same = sum(same_match(a, b) for a, b in zip(brute, ours))
        runs[1].note = f"same best match {same}/{len(brute)} ({100 * same / len(brute):.1f}%)"
        runs[1].score = Score(len(brute), same, 0, 0)
    if runs[1].times:
        runs[1].note += "; time includes building the index"
    return runs


def same_match(a: list | None, b: list | None) -> bool:
    """Both found nothing, or the same sentence, or sentences of the same score (a tie)."""
    if a is None or b is None:
        return a is None and b is None
    return a[0] == b[0] or abs(a[1] - b[1]) < 1e-9


# == Workers: run in child processes ==


def worker(kind: str, args: list[str]) -> None:
    if kind == "lxml":
        import lxml.html
        from lxml import etree

        for page in sorted(Path(args[0]).rglob("*.htm*")):
            etree.tostring(lxml.html.document_fromstring(page.read_bytes()).getroottree(), method="html")
    elif kind == "merge":
        # What `l10n update` does to one catalog once the template is extracted: load, merge, save.
        from l10n.catalogs.merge import merge
        from l10n.locales import parse_locale
        from l10n.store import load_catalog, save_catalog

        old, pot, out = (Path(a) for a in args)
        save_catalog(merge(load_catalog(old), load_catalog(pot), parse_locale("zh")), out)
    else:
        data = json.loads(Path(args[0]).read_text(encoding="utf-8"))
        matches: list = []
        if kind == "tm-brute":
            from rapidfuzz import fuzz, process

            start = time.perf_counter()
            sources = [source for source, _ in data["memory"]]
            for query in data["queries"]:
                best = process.extractOne(query, sources, scorer=fuzz.ratio, score_cutoff=TM_THRESHOLD)
                matches.append(best and [best[0], best[1]])
        else:
            from l10n.catalogs.memory import TranslationMemory

            start = time.perf_counter()
            memory = TranslationMemory(map(tuple, data["memory"]))
            for query in data["queries"]:
                best = memory.lookup(query, TM_THRESHOLD)
                matches.append(best and [best.source, best.score])
        print(json.dumps({"seconds": time.perf_counter() - start, "matches": matches}))


# == Reporting ==


def table(title: str, runs: list[Run], amount: int, unit: str, ours: Run) -> list[str]:
    """An aligned table: runs, median time, rate, memory, l10n's speed-up over peers, accuracy."""
    merge = unit == "entries"
    lines = [
        title,
        f"  {'tool':<30}{'runs':>5}{'median s':>10}{unit + '/s':>14}{'peak MB':>9}{'total MB':>10}"
        f"{'l10n speed-up':>15}" + (f"{'edited right':>19}{'false guesses':>15}{'obsolete':>10}" if merge else ""),
    ]
    peers = [r for r in runs if not r.tool.startswith("l10n")]
    for run in runs:
        if not run.times:
            lines.append(f"  {run.tool:<30}{len(run.times):>5}  {run.failure}")
            continue
        speedup = f"{run.median / ours.median:.1f}×" if run in peers and ours.times else ""
        line = (
            f"  {run.tool:<30}{len(run.times):>5}{run.median:>10.2f}{amount / run.median:>14,.0f}"
            f"{run.peak_kb / 1024:>9.0f}{run.total_kb / 1024:>10.0f}{speedup:>15}"
        )
        if merge:
            line += (
                f"{run.score.edited_right:>7}/{run.score.edited} {run.score.percent_right:5.1f}%"
                f"{run.score.false_guesses:>9}/{run.score.new}{run.score.obsolete:>10}"
                if run.score
                else f"{'—':>19}{'—':>15}{'—':>10}"
            )
        lines.append((line + (f"  ({run.note})" if run.note else "")).rstrip())
    for run in peers if ours.times else []:
        if not run.times:
            lines.append(f"  l10n took {ours.median:.2f} s; {run.tool} {run.failure}")
            continue
        factor = run.median / ours.median
        lines.append(
            f"  l10n is {factor:.1f}× faster than {run.tool}"
            if factor >= 1
            else f"  l10n is {1 / factor:.1f}× slower than {run.tool}"
        )
    return lines


def ratio(ours: Run, peer: Run) -> tuple[float | None, str]:
    """peer time / our time, and how to say it (a peer that timed out gives a lower bound)."""
    if not ours.times:
        return None, f"l10n {ours.failure}"
    if peer.timed_out_after:
        value = peer.timed_out_after / ours.median
        return value, f"> {value:.1f}× ({peer.tool} {peer.failure})"
    if not peer.times:
        return None, f"{peer.tool}: {peer.failure}"
    value = peer.median / ours.median
    return value, f"{value:.1f}× ({ours.median:.2f} s vs {peer.median:.2f} s)"


def summary(results: dict[str, list[Run]], quick: bool) -> list[str]:
    """The issue-6 targets: met or missed, with the numbers."""

    def verdict(ok: bool | None) -> str:
        return "MET   " if ok else "MISSED" if ok is not None else "n/a   "

    def pick(task: str, tool: str) -> Run:
        return next(r for r in results[task] if r.tool == tool)

    lines = ["Targets (issues 6, 20 and 30)" + (" (quick run: small inputs, not the targets' sizes)" if quick else "")]
    for task in [t for t in results if t.startswith(("extract", "build", "cold"))]:
        tool = "html2po" if "extract" in task else "po2html"
        ours = results[task][0]
        value, said = ratio(ours, pick(task, tool))
        goal = 5 if task.endswith("web-120") else 10  # issue 30: real news pages ≥ 5×, documentation ≥ 10×
        lines.append(f"  {verdict(value and value >= goal)} {task}: ≥{goal}× faster than {tool}: {said}")
        floor = pick(task, "lxml parse+serialise") if task.startswith("cold") else None
        if floor is not None and floor.times and ours.times:
            times = ours.median / floor.median
            lines.append(
                f"  {verdict(times <= 2)} {task}: within 2× lxml's parse+serialise (moonshot): "
                f"{times:.1f}× the floor ({ours.median:.2f} s vs {floor.median:.2f} s)"
            )
    for merge in [t for t in results if t.startswith("merge")][-1:]:
        ours, msgmerge = pick(merge, "l10n merge"), pick(merge, "msgmerge")
        value, said = ratio(ours, msgmerge)
        lines.append(f"  {verdict(value and value >= 10)} {merge}: ≥10× faster than msgmerge (fuzzy): {said}")
        if ours.score:
            s = ours.score
            lines.append(
                f"  {verdict(s.percent_right >= 99)} {merge}: ≥99% of edited entries matched right: "
                f"{s.edited_right}/{s.edited} ({s.percent_right:.1f}%)"
            )
            if msgmerge.score:
                lines.append(
                    f"  {verdict(s.false_guesses < msgmerge.score.false_guesses)} {merge}: fewer false "
                    f"fuzzy guesses than msgmerge: {s.false_guesses} vs {msgmerge.score.false_guesses} "
                    f"of {s.new} new strings"
                )
                lines.append(
                    f"  {verdict(s.obsolete <= msgmerge.score.obsolete)} {merge}: no more obsolete entries "
                    f"kept than msgmerge: {s.obsolete} vs {msgmerge.score.obsolete}"
                )
    for tm in [t for t in results if t.startswith("tm")][-1:]:
        brute, index = results[tm]
        value, said = ratio(index, brute)
        lines.append(f"  {verdict(value and value >= 10)} {tm}: ≥10× faster than brute force: {said}")
        if index.score:
            pct = 100 * index.score.edited_right / index.score.edited
            lines.append(
                f"  {verdict(pct >= 99)} {tm}: ≥99% same best match: {index.score.edited_right}/"
                f"{index.score.edited} ({pct:.1f}%)"
            )
    scale = {int(t.split()[1].replace(",", "")): results[t] for t in results if t.startswith("scale")}
    for count, runs in scale.items():
        total = max(r.total_kb for r in runs) / 1024
        lines.append(
            f"  {verdict(total < 300)} scale {count:,}: peak memory of all processes under 300 MB: "
            f"{total:.0f} MB (largest step: {max(runs, key=lambda r: r.total_kb).tool})"
        )
        noop = runs[-1]
        if noop.times:
            lines.append(f"  {verdict(noop.median < 2)} scale {count:,}: no-op rebuild under 2 s: {noop.median:.2f} s")
    if len(scale) > 1:
        small, large = min(scale), max(scale)
        for a, b in zip(scale[small], scale[large]):
            if a.times and b.times and "no-op" not in a.tool:
                growth = (b.median / a.median) / (large / small)
                lines.append(
                    f"  {verdict(growth <= 1.25)} scale: {a.tool} grows linearly: {large:,} articles take "
                    f"{b.median / a.median:.1f}× the time of {small:,} ({growth:.2f}× linear)"
                )
    for build in [t for t in results if t.startswith("build")][-1:]:
        peak = results[build][0]
        if peak.total_kb:
            lines.append(
                f"  {verdict(peak.total_kb / 1024 < 300)} {build}: peak memory under 300 MB: {peak.total_kb / 1024:.0f}"
                f" MB, all processes together (largest {peak.peak_kb / 1024:.0f} MB)"
            )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small inputs, for a smoke run (well under 2 min)")
    parser.add_argument("--repeats", type=int, default=3, help="most runs per tool (default 3)")
    parser.add_argument("--only", choices=TASKS, action="append", help="run only this task (repeatable; default: all)")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    parser.add_argument(
        "--before", type=Path, help="a checkout of l10n to time beside this one in the cold tasks (before a change)"
    )
    parser.add_argument(
        "--scale", type=int, action="append", help=f"articles in the scale task (repeatable; default: {SCALE})"
    )
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker[0], args.worker[1:])

    global BEFORE
    BEFORE = args.before.resolve() if args.before else None
    started = time.perf_counter()
    settings = Settings(args.repeats, budget=10 if args.quick else 120, timeout=10 if args.quick else 400)
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    log("Preparing corpora and peers")
    if args.quick:
        pages, sizes, memory = ["python-50"], [("python-300", 2000)], ("python-300", 10_000)
    else:
        pages, sizes, memory = (
            ["python-300", "docs-1500"],
            [("python-300", 2000), ("docs-1500", 20000)],
            ("docs-1500", 100_000),
        )
    if args.only and set(args.only) <= {"cold", "scale"}:  # issue 20's tasks need none of the others' inputs
        pages, sizes = [], []
    corpora = {name: prepare(name, log) for name in pages}
    pairs = [catalog_pair(prepare(name, log), size) for name, size in sizes]
    remembered = memory[1]
    tm = tm_data(prepare(memory[0], log), remembered) if pages else None
    tt = ensure_peers(log)

    print(
        f"l10n benchmarks, {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python {sys.version.split()[0]}; "
        f"median of up to {args.repeats} runs (fewer once a tool has used {settings.budget:.0f} s), "
        f"timeout {settings.timeout:.0f} s"
    )
    for corpus in corpora.values():
        print(f"  corpus {corpus.describe()}")
    print(flush=True)
    tasks: list[tuple[str, int, str, Callable[[], list[Run]]]] = []
    for corpus in corpora.values():
        tasks.append(
            (
                f"extract {corpus.pages} pages",
                corpus.pages,
                "pages",
                lambda c=corpus: bench_extract(c, tt, settings, log),
            )
        )
    for corpus in corpora.values():
        tasks.append(
            (f"build {corpus.pages} pages", corpus.pages, "pages", lambda c=corpus: bench_build(c, tt, settings, log))
        )
    skip: set[str] = set()
    for pair in pairs:
        tasks.append(
            (
                f"merge {pair.size:,} entries",
                pair.size,
                "entries",
                lambda p=pair: bench_merge(p, tt, settings, skip, log),
            )
        )
    if tm is not None:
        tasks.append((f"tm lookup {remembered:,} remembered", 1000, "sentences", lambda: bench_tm(tm, settings, log)))
    if not args.only or "cold" in args.only:
        small = [prepare("mixed-150", log), web_pages(log)] if not args.quick else [web_pages(log)]
        for corpus in small:
            print(f"  corpus {corpus.describe()}")
            tasks.append(
                (
                    f"cold extract {corpus.name}",
                    corpus.pages,
                    "pages",
                    lambda c=corpus: bench_extract(c, tt, settings, log, cold=True),
                )
            )
            tasks.append(
                (
                    f"cold build {corpus.name}",
                    corpus.pages,
                    "pages",
                    lambda c=corpus: bench_cold_build(c, tt, settings, log),
                )
            )
    for count in args.scale or (SCALE[:1] if args.quick else SCALE):
        tasks.append((f"scale {count:,} articles", count, "articles", lambda n=count: bench_scale(n, settings, log)))

    results: dict[str, list[Run]] = {}
    for task, amount, unit, bench in [t for t in tasks if not args.only or t[0].split()[0] in args.only]:
        log(task.capitalize())
        runs = results[task] = bench()
        skip |= {r.tool for r in runs if r.timed_out_after}
        ours = runs[1] if task.startswith("tm") else runs[0]
        print("\n".join(table(task.capitalize(), runs, amount, unit, ours)) + "\n", flush=True)
    print("\n".join(summary(results, args.quick)))
    print(f"\nTotal time {time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
