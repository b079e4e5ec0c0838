"""Benchmark inputs: corpora of English HTML pages and catalog pairs for the merge benchmark.

Corpora are real documentation from Debian's packages (`apt-get download`, `dpkg-deb -x`), or,
when those cannot be fetched, generated news pages of the same size. Each corpus is an l10n
project under `benchmarks/.corpus/<name>/`: `pyproject.toml` and `source/` (sub-folders kept).

Catalog pairs are an old, fully translated .po and the new .pot it must be updated to: 10% of
the English has one word changed, 5% is new and 5% is removed; `Edits` records which is which,
and `score` says how well a merged catalog kept the translations.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import polib  # noqa: E402

from l10n.catalogs import template  # noqa: E402
from l10n.catalogs.catalog import Catalog, Entry  # noqa: E402
from l10n.formats import pofile  # noqa: E402
from l10n.locales import parse_locale  # noqa: E402
from l10n.segment.document import Document  # noqa: E402

CORPUS = Path(__file__).resolve().parent / ".corpus"
PYPROJECT = '[project]\nname = "{name}"\n\n[tool.l10n]\nsource = "source"\nlanguages = ["zh"]\n'
PYTHON_DOC = ("python3.11-doc", "usr/share/doc/python3.11/html")
POSTGRES_DOC = ("postgresql-doc-15", "usr/share/doc/postgresql-doc-15/html")
Log = Callable[[str], None]


@dataclass(frozen=True)
class Spec:
    """A corpus: pages taken from Debian documentation packages, or generated of the same size.

    `parts` are (package, folder in the package, pages to take or None for all, sub-folder in
    source/); pages are sampled evenly over the package's sorted pages.
    """

    name: str
    parts: tuple[tuple[tuple[str, str], int | None, str], ...]
    pages: int  # pages and size of the generated stand-in
    megabytes: float
    by_size: bool = False  # sample pages evenly over their sizes, smallest to largest, not their names

    @property
    def recipe(self) -> dict:
        """The spec as its corpus.json records it (JSON's lists for tuples)."""
        return json.loads(json.dumps(asdict(self)))


SPECS = {
    "python-50": Spec("python-50", (((PYTHON_DOC[0], PYTHON_DOC[1] + "/library"), 50, "library"),), 50, 4.5),
    "python-300": Spec("python-300", ((PYTHON_DOC, 300, ""),), 300, 27),
    # The sizes issue 6 gives: 1,500 pages and 59 MB of both packages.
    "docs-1500": Spec("docs-1500", ((POSTGRES_DOC, 1032, "postgresql"), (PYTHON_DOC, 468, "python")), 1500, 59),
    # Issue 20's mixed sample: 150 documentation pages of every size, 1 KB to 700 KB.
    "mixed-150": Spec(
        "mixed-150", ((POSTGRES_DOC, 75, "postgresql"), (PYTHON_DOC, 75, "python")), 150, 9, by_size=True
    ),
}
WEB_PAGES = ROOT.parent / "shared" / "corpora" / "web-pages" / "pages"


@dataclass(frozen=True)
class Corpus:
    name: str
    folder: Path  # the project folder
    kind: str  # "debian" or "generated"
    pages: int
    bytes: int

    @property
    def source(self) -> Path:
        return self.folder / "source"

    def describe(self) -> str:
        origin = {"debian": "Debian documentation", "web": "real web pages (../shared/corpora/web-pages)"}.get(
            self.kind, "generated news pages"
        )
        return f"{self.name}: {self.pages} pages, {self.bytes / 1e6:.1f} MB of {origin}"


def prepare(name: str, log: Log = print) -> Corpus:
    """The corpus project `name` (see SPECS), made on first use and cached.

    A corpus made to an older spec is made again, and what was derived from it (catalog pairs,
    translation-memory data) is removed so that it is made again too.
    """
    spec = SPECS[name]
    folder = CORPUS / name
    ready = folder / "corpus.json"
    if ready.exists():
        info = json.loads(ready.read_text())
        if info.pop("recipe", None) == spec.recipe:
            return Corpus(name, folder, **info)
        log(f"  {name}: its spec changed; making it again")
        for derived in [*CORPUS.glob(f"catalogs-{name}-*"), *CORPUS.glob(f"tm-{name}-*.json")]:
            shutil.rmtree(derived) if derived.is_dir() else derived.unlink()
    if folder.exists():
        shutil.rmtree(folder)
    (folder / "source").mkdir(parents=True)
    (folder / "pyproject.toml").write_text(PYPROJECT.format(name=name))
    try:
        kind = "debian"
        for (package, inside), count, under in spec.parts:
            docs = unpack(package, log) / inside
            found = sorted(docs.rglob("*.html"))
            if spec.by_size:
                found.sort(key=lambda page: page.stat().st_size)
            for page in sample(found, count, ends=spec.by_size):
                target = folder / "source" / under / page.relative_to(docs)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(page, target)
    except (OSError, subprocess.CalledProcessError) as e:
        log(f"  Debian packages unavailable ({e}); generating news pages instead")
        kind = "generated"
        shutil.rmtree(folder / "source")
        generate_site(folder / "source", spec.pages, int(spec.megabytes * 1e6 / spec.pages), seed=name)
    files = [p for p in (folder / "source").rglob("*") if p.is_file()]
    info = {"kind": kind, "pages": len(files), "bytes": sum(p.stat().st_size for p in files)}
    ready.write_text(json.dumps({**info, "recipe": spec.recipe}))
    return Corpus(name, folder, **info)


def unpack(package: str, log: Log = print) -> Path:
    """The unpacked files of a Debian package (downloaded once into benchmarks/.corpus/debian/)."""
    target = CORPUS / "debian" / package
    if (target / ".unpacked").exists():
        return target
    log(f"  fetching {package}")
    with tempfile.TemporaryDirectory() as tmp:
        download = ["apt-get", "download", "-q", package]
        if subprocess.run(download, cwd=tmp, capture_output=True).returncode != 0:
            subprocess.run(["apt-get", "update", "-qq"], check=True, capture_output=True)
            subprocess.run(download, cwd=tmp, check=True, capture_output=True)
        deb = next(Path(tmp).glob("*.deb"))
        shutil.rmtree(target, ignore_errors=True)
        target.mkdir(parents=True)
        subprocess.run(["dpkg-deb", "-x", str(deb), str(target)], check=True, capture_output=True)
    (target / ".unpacked").touch()
    return target


def sample(items: list, count: int | None, ends: bool = False) -> list:
    """`count` items spread evenly over `items` (all when None or too few); with `ends`, the
    first and the last among them."""
    if count is None or count >= len(items):
        return list(items)
    if ends and count > 1:
        return [items[i * (len(items) - 1) // (count - 1)] for i in range(count)]
    return [items[i * len(items) // count] for i in range(count)]


def web_pages(log: Log = print) -> Corpus:
    """The 120 real pages of ../shared/corpora/web-pages as a project (whole pages, as served)."""
    folder = CORPUS / "web-120"
    if not (folder / "corpus.json").exists():
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "source").mkdir(parents=True)
        (folder / "pyproject.toml").write_text(PYPROJECT.format(name="web-120"))
        for page in sorted(WEB_PAGES.glob("*.html")):
            shutil.copyfile(page, folder / "source" / page.name)
        files = list((folder / "source").glob("*.html"))
        (folder / "corpus.json").write_text(
            json.dumps({"kind": "web", "pages": len(files), "bytes": sum(p.stat().st_size for p in files)})
        )
    info = json.loads((folder / "corpus.json").read_text())
    return Corpus("web-120", folder, **info)


def articles(count: int, log: Log = print) -> Corpus:
    """`count` articles made from the web pages (as a site's archive: every page of one site shares
    its header and footer): copy n is page n mod 120 with a title and headline of its own."""
    folder = CORPUS / f"articles-{count}"
    if not (folder / "corpus.json").exists():
        log(f"  making {count:,} articles from the web pages")
        shutil.rmtree(folder, ignore_errors=True)
        (folder / "pyproject.toml").parent.mkdir(parents=True)
        (folder / "pyproject.toml").write_text(PYPROJECT.format(name=f"articles-{count}"))
        pages = [page.read_text(encoding="utf-8", errors="replace") for page in sorted(WEB_PAGES.glob("*.html"))]
        total = 0
        for n in range(count):
            html = re.sub(r"(<title[^>]*>)", rf"\1Archive item {n}: ", pages[n % len(pages)], count=1, flags=re.I)
            html = re.sub(r"(<h1[^>]*>)", rf"\1Item {n}: ", html, count=1, flags=re.I)
            target = folder / "source" / f"{n // 1000:02}" / f"item-{n:05}.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            total += target.stat().st_size
        (folder / "corpus.json").write_text(json.dumps({"kind": "web", "pages": count, "bytes": total}))
    info = json.loads((folder / "corpus.json").read_text())
    return Corpus(f"articles-{count}", folder, **info)


# == Generated news pages ==

_PLACES = (
    "Loughborough",
    "Hinckley",
    "Melton Mowbray",
    "Market Harborough",
    "Coalville",
    "Lutterworth",
    "Oadby",
    "Wigston",
    "Ashby-de-la-Zouch",
    "Shepshed",
    "Syston",
    "Blaby",
    "Enderby",
    "Birstall",
)
_PEOPLE = (
    ("Cllr. Nick Rushton", "leader of the county council"),
    ("Dr. Amara Okafor", "director of public health"),
    ("Mrs. Helen Grant", "cabinet member for highways"),
    ("Sir Peter Hale", "chair of the enterprise board"),
    ("Mr. Tom Yeung", "head of libraries"),
    ("Prof. Li Wei", "vice-chancellor of the university"),
    ("Ms. Priya Shah", "cabinet member for children and families"),
)
_SUBJECTS = (
    "The county council",
    "The district council",
    "Local businesses",
    "Residents",
    "The fire service",
    "Volunteers",
    "Schools across the county",
    "The NHS trust",
    "The cabinet",
    "Parish councils",
    "The police and crime commissioner",
    "Community groups",
    "The library service",
    "Bus operators",
)
_VERBS = (
    "has approved",
    "will invest £{m}m in",
    "is consulting on",
    "has completed",
    "welcomed",
    "launched",
    "is reviewing",
    "opened",
    "has agreed to fund",
    "will decide on",
    "raised concerns about",
    "backed",
)
_OBJECTS = (
    "a new cycle route",
    "plans for {n} affordable homes",
    "a library refurbishment",
    "repairs to {n} miles of road",
    "a £{m}m flood defence scheme",
    "the school meals contract",
    "a community energy project",
    "a new recycling centre",
    "{n} new electric vehicle chargers",
    "a trade mission to Sichuan",
    "the winter gritting programme",
    "a bid for {n} extra teachers",
    "improvements to the A{n} junction",
    "a youth sports festival",
    "the adult learning service",
)
_TIMES = (
    "on Tuesday",
    "next spring",
    "by 10 a.m. on Friday",
    "this summer",
    "in {month} {year}",
    "over the next {n} years",
    "before the end of the year",
    "at a meeting on Monday",
    "last week",
)
_CONNECTORS = (
    "after a consultation with {n} residents",
    "following a vote of {n} to {k}",
    "with support from local employers",
    "despite a shortfall of £{m}m",
    "as part of the Midlands Engine programme",
    "in partnership with Loughborough University",
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "September", "October", "November")
_SECTIONS = ("Background", "What happens next", "Funding", "Reaction", "How to take part", "Key facts")


def news_sentence(rng: random.Random) -> str:
    """One plausible, mostly unique sentence of a council news release (plain text)."""
    fill = {
        "n": rng.randint(2, 950),
        "k": rng.randint(1, 9),
        "m": f"{rng.randint(1, 99) / 2:g}",
        "month": rng.choice(_MONTHS),
        "year": rng.randint(2019, 2027),
    }
    subject, verb, what = rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS)
    place, when, why = rng.choice(_PLACES), rng.choice(_TIMES), rng.choice(_CONNECTORS)
    person, role = rng.choice(_PEOPLE)
    template = rng.choice(
        (
            f"{subject} {verb} {what} in {place} {when}.",
            f"{subject} {verb} {what} {when}, {why}.",
            f"Work on {what} in {place} is expected to cost £{{m}}m and finish {when}.",
            f"More than {{n}} people attended the event in {place} {when}.",
            f"“We are proud of {what} in {place},” said {person}, {role}.",
            f"{person}, {role}, said {subject.lower()} {verb} {what} {why}.",
        )
    )
    return template.format(**fill)


def _inline(rng: random.Random, sentence: str) -> str:
    """Sometimes wrap a few words of the sentence in a link or emphasis."""
    words = sentence.split(" ")
    if len(words) < 6 or rng.random() < 0.6:
        return sentence
    i = rng.randrange(1, len(words) - 3)
    tag = rng.choice((f'a href="/news/{rng.randint(1, 999)}.html"', "strong", "em"))
    words[i] = f"<{tag}>{words[i]}"
    words[i + 2] += f"</{tag.split()[0]}>"
    return " ".join(words)


def news_page(rng: random.Random, title: str, size: int) -> str:
    """A council news page of about `size` bytes: nav, headline, paragraphs, lists, a table, a figure."""
    nav = "".join(
        f'<li><a href="/{s.lower()}/">{s}</a></li>' for s in ("News", "Roads", "Schools", "Libraries", "Jobs")
    )
    head = (
        f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f'<meta name="description" content="{news_sentence(rng)}">\n</head>\n<body>\n'
        f'<header><nav aria-label="Main"><ul>{nav}</ul></nav></header>\n<main>\n<article>\n'
        f'<h1>{title}</h1>\n<p class="standfirst">{news_sentence(rng)}</p>\n'
    )
    foot = (
        "</article>\n</main>\n<footer><p>© Leicestershire County Council. "
        '<a href="/privacy">Privacy</a> · <a href="/contact">Contact us</a></p></footer>\n</body>\n</html>\n'
    )
    body: list[str] = []
    length = len(head) + len(foot)
    while length < size:
        kind = rng.random()
        if kind < 0.65:
            block = "<p>" + " ".join(_inline(rng, news_sentence(rng)) for _ in range(rng.randint(1, 4))) + "</p>\n"
        elif kind < 0.75:
            block = f"<h2>{rng.choice(_SECTIONS)}</h2>\n"
        elif kind < 0.87:
            block = "<ul>\n" + "".join(f"<li>{news_sentence(rng)}</li>\n" for _ in range(rng.randint(2, 5))) + "</ul>\n"
        elif kind < 0.94:
            rows = "".join(
                f"<tr><td>{rng.choice(_PLACES)}</td><td>£{rng.randint(1, 99)}m</td><td>{news_sentence(rng)}</td></tr>\n"
                for _ in range(rng.randint(2, 4))
            )
            block = f"<table>\n<caption>{news_sentence(rng)}</caption>\n{rows}</table>\n"
        else:
            block = (
                f'<figure><img src="/img/{rng.randint(1, 9999)}.jpg" alt="{news_sentence(rng)}">'
                f"<figcaption>{news_sentence(rng)}</figcaption></figure>\n"
            )
        body.append(block)
        length += len(block.encode("utf-8"))
    return head + "".join(body) + foot


def generate_site(source: Path, pages: int, page_bytes: int, seed: str) -> None:
    """`pages` news pages of about `page_bytes` each under `source/news/<year>/`, the same for a seed."""
    for i in range(pages):
        rng = random.Random(f"{seed}:{i}")
        title = news_sentence(rng).rstrip(".")
        path = source / "news" / str(2019 + i % 7) / f"article-{i:05d}.html"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(news_page(rng, title, page_bytes), encoding="utf-8")


# == Sentences and catalog pairs ==


def sentences(corpus: Corpus, min_words: int = 5) -> list[str]:
    """The distinct English units of a corpus with at least `min_words` words (cached), page order."""
    cache = corpus.folder / f"units-{min_words}.json"
    if cache.exists():
        return json.loads(cache.read_text())
    seen: dict[str, None] = {}
    for page in sorted(corpus.source.rglob("*.htm*")):
        for unit in Document.load(page).units:
            if len(unit.msgid.split()) >= min_words and len(unit.msgid) <= 400:
                seen.setdefault(unit.msgid)
    found = list(seen)
    cache.write_text(json.dumps(found, ensure_ascii=False))
    return found


def fake_translation(msgid: str) -> str:
    """A stand-in translation that names its English exactly and keeps its placeholders."""
    return "译文：" + msgid


_WORD = re.compile(r"(?<![<\w/])[A-Za-z]{3,}(?![\w>])")


def edit_one_word(text: str, rng: random.Random, vocabulary: list[str]) -> str:
    """`text` with one of its words (never a placeholder) replaced by another."""
    words = list(_WORD.finditer(text))
    word = rng.choice(words)
    replacement = rng.choice(vocabulary)
    while replacement.lower() == word.group().lower():
        replacement = rng.choice(vocabulary)
    return text[: word.start()] + replacement + text[word.end() :]


@dataclass
class Edits:
    """How the new template differs from the old catalog: edited (new English → old English), new, removed."""

    edited: dict[str, str]
    new: list[str]
    removed: list[str]

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=0), encoding="utf-8")

    @classmethod
    def load(cls, path: Path) -> Edits:
        return cls(**json.loads(path.read_text(encoding="utf-8")))


def make_catalogs(pool: list[str], size: int, seed: str) -> tuple[Catalog, Catalog, Edits]:
    """An old catalog of `size` translated entries and the new template: 10% edited, 5% new, 5% removed.

    The old English and the new sentences are distinct sentences of `pool`.
    """
    rng = random.Random(seed)
    extra = size // 20
    if len(pool) < size + extra:
        raise ValueError(f"need {size + extra} distinct sentences, the corpus has {len(pool)}")
    chosen = rng.sample(pool, size + extra)
    old_ids, new_ids = chosen[:size], chosen[size:]
    vocabulary = sorted({w.group() for s in old_ids for w in _WORD.finditer(s)})
    editable = [i for i, msgid in enumerate(old_ids) if _WORD.search(msgid)]
    edited_at = set(rng.sample(editable, size // 10))
    removed_at = set(rng.sample([i for i in range(size) if i not in edited_at], size // 20))
    taken = set(chosen)
    current: list[str] = []
    edits = Edits(edited={}, new=new_ids, removed=[old_ids[i] for i in sorted(removed_at)])
    for i, msgid in enumerate(old_ids):
        if i in removed_at:
            continue
        if i in edited_at:
            changed = edit_one_word(msgid, rng, vocabulary)
            while changed in taken:
                changed = edit_one_word(msgid, rng, vocabulary)
            taken.add(changed)
            edits.edited[changed] = msgid
            msgid = changed
        current.append(msgid)
    for msgid in new_ids:
        current.insert(rng.randrange(len(current) + 1), msgid)
    locale = parse_locale("zh")
    old = template.new_catalog(_template(old_ids, seed), locale)
    for entry in old:
        entry.msgstr = fake_translation(entry.msgid)
    return old, _template(current, seed), edits


def _template(msgids: list[str], seed: str) -> Catalog:
    pot = Catalog()
    pot.metadata = {
        "Project-Id-Version": f"bench-{seed}",
        "POT-Creation-Date": "2026-11-28 12:00+0000",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for i, msgid in enumerate(msgids):
        where = (f"source/page-{i // 40:04d}.html", str(i % 40 + 1))
        pot.entries.append(Entry(msgid, occurrences=[where], comment="p"))
    return pot


def translate_files(folder: Path, suffix: str) -> None:
    """Give every entry of every catalog under `folder` its fake translation, reviewed."""
    for path in folder.rglob("*" + suffix):
        po = polib.pofile(str(path))
        for entry in po:
            if not entry.obsolete:
                entry.msgstr = fake_translation(entry.msgid)
                if entry.fuzzy:
                    entry.flags.remove("fuzzy")
        po.save()


@dataclass(frozen=True)
class CatalogPair:
    old: Path
    pot: Path
    edits: Path
    size: int


def catalog_pair(corpus: Corpus, size: int) -> CatalogPair:
    """The old catalog, new template and edits of `size` entries from a corpus's sentences (cached)."""
    folder = CORPUS / f"catalogs-{corpus.name}-{size}"
    pair = CatalogPair(folder / "old.po", folder / "new.pot", folder / "edits.json", size)
    if not pair.edits.exists():
        folder.mkdir(parents=True, exist_ok=True)
        old, pot, edits = make_catalogs(sentences(corpus), size, seed=f"{corpus.name}-{size}")
        pair.old.write_bytes(pofile.dump(old))
        pair.pot.write_bytes(pofile.dump(pot))
        edits.save(pair.edits)
    return pair


@dataclass(frozen=True)
class Score:
    """How a merged catalog treated the edits: edited entries given their own old translation,
    fuzzy guesses attached to genuinely new English, and obsolete entries (`#~`) kept."""

    edited: int
    edited_right: int
    new: int
    false_guesses: int
    obsolete: int = 0

    @property
    def percent_right(self) -> float:
        return 100 * self.edited_right / (self.edited or 1)


def load_merged(path: Path) -> polib.POFile:
    """A merged catalog, for scoring: previous msgids (`#|`) are left out, as some tools write
    them in a form polib cannot read (pybabel's multi-line ones)."""
    text = path.read_text(encoding="utf-8")
    return polib.pofile("".join(line for line in text.splitlines(True) if not line.startswith("#|")))


def score(merged: polib.POFile, edits: Edits) -> Score:
    found = {e.msgid: e.msgstr for e in merged if not e.obsolete}
    right = sum(found.get(new) == fake_translation(old) for new, old in edits.edited.items())
    guesses = sum(bool(found.get(msgid)) for msgid in edits.new)
    return Score(len(edits.edited), right, len(edits.new), guesses, sum(1 for e in merged if e.obsolete))
