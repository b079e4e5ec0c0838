"""Prefill: suggestions for the empty msgstrs of a locale's catalogs, for translators to review.

Every suggestion is written fuzzy with its origin in the translator comment (see origin.py);
translations already there are never touched. On request, an entry whose English and context
have a reviewed translation elsewhere in the locale takes it as reviewed. Each distinct English
text is handled once however many catalogs hold it. Suggestions state the figures and dates of
their own English (see facts.py). Online providers get a text only when no catalog of the locale
has a reviewed translation of the same English and the local cache has no answer for it; their
requests run in a thread pool. Changed catalogs are saved atomically every few seconds, at the
end and on interruption, so a killed run loses at most the requests in flight. Each save holds the
catalogs' lock, and a catalog another command (or editor) changed since it was read is read again
and given the new suggestions: a run never undoes anyone else's work.
"""

from __future__ import annotations

import queue
import re
import time
from array import array
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..catalogs.catalog import Entry, Key
from ..catalogs.memory import Memories, TranslationMemory
from ..catalogs.origin import PREFIX, PSEUDO_PROVIDER, Origin, add_origin
from ..errors import ConfigError, Failure, RestoreError
from ..language.chinese import normalise
from ..language.numbers import mismatches
from ..locales import PSEUDO, TargetLocale
from ..parallel import give_back_memory
from ..report import Progress, no_progress
from ..segment.htmlio import foreign_character
from ..segment.placeholders import TOKEN, token_problems, tokens
from ..store import SITE_DOMAIN, Project, load_catalog, save_catalog
from . import facts
from .cache import TranslationCache
from .protect import MARKER, Protected, Protector
from .providers import OFFLINE, Online, Settings, language_tag
from .pseudo import pseudolocalise

_ACCEPTED = Origin("memory", None)  # an exact match taken as it is (--accept-exact)
# The kind of text an entry is: the site's or an article's, and the roles of its elements (`a`,
# `td`, `img@alt`). An exact match is accepted only from the same kind of text: the site's
# navigation "Home" (首页) is not an article's table cell "Home" (住宅).
Kind = tuple[bool, tuple[str, ...]]
SAVE_INTERVAL = 2.0  # seconds between saves of changed catalogs during a run
CACHE_FILE = "translations.sqlite3"  # services' answers, in the project's cache folder


@dataclass(frozen=True)
class Fill:
    """A translation a dry run would write, and where it would come from."""

    msgid: str
    msgstr: str
    origin: Origin

    def __str__(self) -> str:
        return f"{self.msgid} → {self.msgstr}  [{self.origin.comment().removeprefix(PREFIX)}]"


@dataclass
class Summary:
    """What a prefill did, counted in catalog entries (one English text may fill several)."""

    provider: str
    dry_run: bool = False
    accept_exact: bool = False
    filled: int = 0  # translations written: suggestions, and exact matches accepted
    from_memory: int = 0  # reviewed translations of the same or similar English
    accepted: int = 0  # exact matches written as reviewed (--accept-exact)
    failed: int = 0  # the service gave no answer
    rejected: int = 0  # the answer lost or invented a placeholder or protected term, or misstated a figure
    skipped: int = 0  # left empty: no memory match (or none stating the English's facts)
    beyond_limit: int = 0  # left empty: beyond --limit
    requests: int = 0  # requests sent, retries included
    cached: int = 0  # texts answered by the local cache
    problems: list[str] = field(default_factory=list)  # "file:line: provider: why", one per text
    planned: list[str] = field(default_factory=list)  # dry run: the texts that would be sent
    fills: list[Fill] = field(default_factory=list)  # dry run: what would be written without a request
    service: str = ""  # where requests go, e.g. "libre at http://localhost:5000/ (en → zh)"
    written: list[Path] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.failed or self.rejected)

    def line(self) -> str:
        """One line for the end of a run, e.g. `40 filled (5 from memory, 3 accepted), 2 failed, …`."""
        accepted = f", {self.accepted} accepted" if self.accept_exact else ""
        counts = (
            f"{self.filled} filled ({self.from_memory} from memory{accepted}), {self.failed} failed, "
            f"{self.rejected} rejected, {self.skipped + self.beyond_limit} skipped"
        )
        why = [f"{self.skipped} no memory match"] if self.skipped else []
        why += [f"{self.beyond_limit} beyond --limit"] if self.beyond_limit else []
        if len(why) == 1:
            counts += f" ({why[0].split(' ', 1)[1]})"
        elif why:
            counts += f" ({', '.join(why)})"
        if self.provider in OFFLINE:
            return counts
        sent = _plural(len(self.planned), "text") + " to send" if self.dry_run else _plural(self.requests, "request")
        return f"{counts}; {sent} to {self.provider}, {_plural(self.cached, 'answer')} from the cache"


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


@dataclass
class _Text:
    """A distinct English text and where the empty entries holding it are: their catalogs (as
    indexes into the run's list of catalogs, one per entry) by context and kind of text, and the
    first one's catalog and line, for reports."""

    msgid: str
    where: dict[tuple[str | None, Kind], array[int]]
    first: tuple[int, int]

    @property
    def count(self) -> int:
        """The entries holding it."""
        return sum(len(indexes) for indexes in self.where.values())


@dataclass
class _Survey:
    """What one reading of a locale's catalogs found: the empty entries of the target catalogs,
    by English text (in catalog order); reviewed translations for the memory (obsolete ones too);
    and the one reviewed translation of each (msgctxt, msgid) in each kind of text, when the
    catalogs agree on it."""

    texts: list[_Text]
    memory: list[tuple[str, str]]
    reviewed: dict[tuple[Key, Kind], str]


def prefill(
    project: Project,
    locale: TargetLocale,
    settings: Settings,
    only: tuple[Path, ...] = (),
    limit: int | None = None,
    dry_run: bool = False,
    progress: Progress = no_progress,
    today: date | None = None,
    accept_exact: bool = False,
) -> Summary:
    """Fill the empty msgstrs of the locale's catalogs (or of the articles under `only`); with
    `accept_exact`, first those whose English and context have a reviewed translation, as reviewed."""
    every = [project.catalog_file(locale.code, domain) for domain in project.require_catalogs(locale)]
    _check_pseudo(locale, settings.provider)
    targets = every if not only else [project.article_catalog(locale, a) for a in project.articles(only)]
    with project.catalogs_locked():  # read as no other command is writing them
        survey = _survey(targets, every, progress, refill=locale.pseudo)
    give_back_memory()  # the catalogs read one by one: what the run keeps of them is small
    summary = Summary(settings.provider, dry_run, accept_exact)
    run = _Run(project, locale, settings, targets, survey, summary, dry_run, today or date.today())
    try:
        texts = run.accept_exact(survey.texts) if accept_exact else survey.texts
        if limit is not None:
            summary.beyond_limit += sum(t.count for t in texts[limit:])
            texts = texts[:limit]
        run.fill(texts, progress)
    finally:
        run.save()
    return summary


def _check_pseudo(locale: TargetLocale, provider: str) -> None:
    """Pseudo-localisation fills the pseudo locale, and nothing else does: pseudo text in a real
    locale's catalogs would take the place of its translations, and could reach its pages."""
    if provider == PSEUDO_PROVIDER and not locale.pseudo:
        raise ConfigError(
            f"pseudo-localisation goes into the pseudo locale {PSEUDO}, never into {locale.code}'s catalogs: "
            f"run `l10n init {PSEUDO}`, then `l10n translate {PSEUDO}`"
        )
    if locale.pseudo and provider != PSEUDO_PROVIDER:
        raise ConfigError(f"{locale.code} is the pseudo locale: only --provider {PSEUDO_PROVIDER} fills it")


def _survey(targets: list[Path], every: list[Path], progress: Progress, refill: bool = False) -> _Survey:
    """Read the catalogs one at a time (the targets first), keeping only what a run needs
    (`refill`: fuzzy entries are to be filled again, as in the pseudo locale)."""
    texts: dict[str, _Text] = {}
    memory: list[tuple[str, str]] = []
    found: dict[tuple[Key, Kind], set[str]] = {}
    index = {path: i for i, path in enumerate(targets)}
    for path in progress([*targets, *(path for path in every if path not in index)], "Reading"):
        at = index.get(path)
        site = _is_site(path)
        for entry in load_catalog(path):
            if entry.msgid_plural is not None:
                continue
            if entry.reviewed:
                memory.append((entry.msgid, entry.msgstr))
                if not entry.obsolete:
                    found.setdefault((entry.key, (site, entry.roles)), set()).add(entry.msgstr)
            elif at is not None and not entry.obsolete and entry.msgid and (not entry.msgstr or refill):
                text = texts.get(entry.msgid)
                if text is None:
                    text = texts[entry.msgid] = _Text(entry.msgid, {}, (at, entry.line))
                text.where.setdefault((entry.msgctxt, (site, entry.roles)), array("I")).append(at)
    reviewed = {key: next(iter(msgstrs)) for key, msgstrs in found.items() if len(msgstrs) == 1}
    return _Survey(list(texts.values()), memory, reviewed)


def _is_site(path: Path) -> bool:
    """The catalog is the site's (`_site.po`), not an article's."""
    return path.name == f"{SITE_DOMAIN}.po"


class _Run:
    """One prefill: puts suggestions into catalogs and saves them as it goes."""

    def __init__(
        self,
        project: Project,
        locale: TargetLocale,
        settings: Settings,
        targets: list[Path],
        survey: _Survey,
        summary: Summary,
        dry_run: bool,
        today: date,
    ):
        self.project = project
        self.config = project.config
        self.locale = locale
        self.settings = settings
        self.paths = targets  # the catalogs filled, which texts point to by index
        self.reviewed = survey.reviewed
        self.summary = summary
        self.dry_run = dry_run
        self.today = today
        files = project.memories(settings.options.get("tmx", []), locale)  # [tool.l10n.translate.memory] tmx
        self.memory = Memories([TranslationMemory(survey.memory), *files])
        self.protector = Protector(term.source for term in project.glossary(locale).kept_in_english)
        self.chinese = locale.locale.language == "zh"  # facts can be rewritten in Chinese only
        # What the run has given: suggestions by English, reviewed translations by (msgctxt, msgid).
        self.suggested: dict[str, tuple[str, Origin]] = {}
        self.accepted: dict[tuple[Key, Kind], str] = {}
        self.unsaved: set[int] = set()  # the catalogs given some since the last save
        self.written: set[Path] = set()  # those of summary.written, looked up
        self.saved = time.monotonic()
        self.save_took = 0.0

    def accept_exact(self, texts: list[_Text]) -> list[_Text]:
        """Give each empty entry whose English and context have one reviewed translation in the
        same kind of text (see `Kind`) that translation, reviewed; the texts some entries of which
        are still empty (they get suggestions as usual)."""
        for text in texts:
            for context, kind in list(text.where):
                msgstr = self.reviewed.get(((context, text.msgid), kind))
                if msgstr is None or token_problems(text.msgid, msgstr):
                    continue
                filled = text.where.pop((context, kind))
                self.accepted[((context, text.msgid), kind)] = msgstr
                self.unsaved.update(filled)
                self.summary.filled += len(filled)
                self.summary.from_memory += len(filled)
                self.summary.accepted += len(filled)
                if self.dry_run:
                    self.summary.fills.extend([Fill(text.msgid, msgstr, _ACCEPTED)] * len(filled))
        return [text for text in texts if text.where]

    def fill(self, texts: list[_Text], progress: Progress) -> None:
        provider = self.settings.provider
        if provider == "memory":
            for text in progress(texts, "Matching"):
                if not self._from_memory(text, self.settings.threshold):
                    self.summary.skipped += text.count
        elif provider == "pseudo":
            for text in progress(texts, "Pseudo-localising"):
                protected = self.protector.protect(text.msgid)
                self._answer(text, protected, pseudolocalise(protected.text))
        else:
            service = Online(self.settings, self.config.source_language, language_tag(self.locale))
            self._online(service, [t for t in texts if not self._from_memory(t, 100)], progress)

    def _from_memory(self, text: _Text, threshold: float) -> bool:
        """Suggest the best reviewed translation scoring at least `threshold` whose placeholders
        fit the English (renamed if need be), stating the English's figures and dates (rewritten
        if need be); False if there is none."""
        match = self.memory.lookup(text.msgid, threshold)
        if match is None:
            return False
        msgstr = _renumber(match.target, match.source, text.msgid)
        if token_problems(text.msgid, msgstr) or foreign_character(text.msgid, msgstr):
            return False
        found = facts.from_memory(match.source, msgstr, text.msgid, rewrite=self.chinese)
        if found is None:
            return False
        self._suggest(text, found.text, Origin("memory", self.today, int(match.score), match.where, found.adjusted))
        return True

    def _online(self, service: Online, texts: list[_Text], progress: Progress) -> None:
        cache = TranslationCache(self.project.cache_folder / CACHE_FILE, read_only=self.dry_run)
        try:
            pending: list[tuple[_Text, Protected]] = []
            for text in texts:
                protected = self.protector.protect(text.msgid)
                answer = cache.get(service.name, service.pair, protected.text)
                if answer is None:
                    pending.append((text, protected))
                else:
                    self.summary.cached += 1
                    self._answer(text, protected, answer)
            self.summary.service = service.describe()
            if self.dry_run:
                self.summary.planned = [protected.text for _, protected in pending]
                return
            self._request_all(service, cache, pending, progress)
        finally:
            cache.close()

    def _request_all(
        self, service: Online, cache: TranslationCache, pending: list[tuple[_Text, Protected]], progress: Progress
    ) -> None:
        """Send the texts through a pool of workers; take each answer as it comes."""

        def request(text: str) -> str:
            answer = service.translate(text)
            cache.put(service.name, service.pair, text, answer)
            return answer

        done: queue.SimpleQueue[Future[str]] = queue.SimpleQueue()
        pool = ThreadPoolExecutor(self.settings.workers, thread_name_prefix="l10n-translate")
        try:
            work: dict[Future[str], tuple[_Text, Protected]] = {}
            for text, protected in pending:
                future = pool.submit(request, protected.text)
                work[future] = (text, protected)
                future.add_done_callback(done.put)
            for _ in progress(range(len(work)), f"Translating with {service.name}"):
                future = done.get()
                text, protected = work[future]
                try:
                    answer = future.result()
                except Failure as failure:
                    self._fail(text, failure.reason)
                    continue
                self._answer(text, protected, answer)
        finally:
            service.stop.set()
            pool.shutdown(wait=False, cancel_futures=True)
            self.summary.requests = service.requests

    def _answer(self, text: _Text, protected: Protected, answer: str) -> None:
        """Check an answer and write it as a suggestion, or count it rejected."""
        if self.settings.provider != "pseudo" and self.locale.locale.language == "zh":
            answer = normalise(answer, MARKER)  # machine output
        try:
            msgstr = protected.restore(answer)
        except RestoreError as e:
            self._reject(text, f"answer {e}")
            return
        problems = token_problems(text.msgid, msgstr)
        if problems:
            self._reject(text, f"answer has {problems[0]}")
            return
        if bad := foreign_character(text.msgid, msgstr):
            self._reject(text, f"answer has {bad}")
            return
        found = self._stating_facts(text.msgid, msgstr)
        if found is None:
            self._reject(text, f"answer misstates a figure: {mismatches(text.msgid, msgstr)[0].message}")
            return
        self._suggest(text, found.text, Origin(self.settings.provider, self.today, adjusted=found.adjusted))

    def _stating_facts(self, msgid: str, answer: str) -> facts.Suggestion | None:
        """A machine answer that states the figures and dates of its English (repaired if need
        be), or None; pseudo-localisation keeps the English's, and only Chinese is checked."""
        if not self.chinese or self.settings.provider == "pseudo":
            return facts.Suggestion(answer)
        return facts.from_machine(msgid, answer)

    def _suggest(self, text: _Text, msgstr: str, origin: Origin) -> None:
        msgstr = _newlines_like(text.msgid, msgstr)
        self.suggested[text.msgid] = (msgstr, origin)
        for indexes in text.where.values():
            self.unsaved.update(indexes)
        self.summary.filled += text.count
        if origin.provider == "memory":
            self.summary.from_memory += text.count
        if self.dry_run:
            self.summary.fills.append(Fill(text.msgid, msgstr, origin))
        # Saved every few seconds; less often when saving takes long (the services' answers are
        # in the cache meanwhile).
        if time.monotonic() - self.saved >= max(SAVE_INTERVAL, 4 * self.save_took):
            self.save()

    def _fail(self, text: _Text, reason: str) -> None:
        self.summary.failed += text.count
        self._report(text, reason)

    def _reject(self, text: _Text, reason: str) -> None:
        self.summary.rejected += text.count
        self._report(text, reason)

    def _report(self, text: _Text, reason: str) -> None:
        at, line = text.first
        self.summary.problems.append(
            f"{self.config.relative(self.paths[at])}:{line}: {self.settings.provider}: {reason}"
        )

    def save(self) -> None:
        """Write the catalogs given translations since the last save (never on a dry run), each
        read again first: another command (or editor) may have changed it since."""
        started = time.monotonic()
        if not self.dry_run and self.unsaved:
            with self.project.catalogs_locked():
                for n, at in enumerate(sorted(self.unsaved), 1):
                    self._save(self.paths[at])
                    if n % 100 == 0:
                        give_back_memory()
        self.unsaved.clear()
        self.saved = time.monotonic()
        self.save_took = self.saved - started

    def _save(self, path: Path) -> None:
        po = load_catalog(path)
        site = _is_site(path)
        pseudo = self.locale.pseudo  # pseudo text is nobody's to review: written reviewed, old text replaced
        for entry in po.active():
            if entry.msgstr and not (pseudo and entry.fuzzy) or entry.msgid_plural is not None:
                continue
            if (msgstr := self.accepted.get((entry.key, (site, entry.roles)))) is not None:
                _fill(entry, msgstr, _ACCEPTED, reviewed=True)
            elif (suggestion := self.suggested.get(entry.msgid)) is not None:
                _fill(entry, *suggestion, reviewed=pseudo)
        if save_catalog(po, path, width=self.config.wrap) and path not in self.written:
            self.written.add(path)
            self.summary.written.append(path)


def _newlines_like(msgid: str, msgstr: str) -> str:
    """A suggestion that begins and ends with a line break where its English does (msgfmt
    refuses a catalog otherwise), as a machine answer often does not."""
    return "\n" * msgid.startswith("\n") + msgstr.strip("\n") + "\n" * msgid.endswith("\n")


def _fill(entry: Entry, msgstr: str, origin: Origin, reviewed: bool = False) -> None:
    """Make a suggestion an entry's fuzzy translation (`reviewed`: its translation), its origin
    in the translator comment."""
    entry.msgstr = msgstr
    if reviewed:
        entry.flags = [flag for flag in entry.flags if flag != "fuzzy"]
        entry.previous_msgctxt = entry.previous_msgid = None
    elif "fuzzy" not in entry.flags:
        entry.flags.insert(0, "fuzzy")
    add_origin(entry, origin)


def _renumber(target: str, source: str, msgid: str) -> str:
    """A remembered translation with its placeholders renamed after the msgid's.

    Tokens pair up in order of appearance when both texts have the same tags in the same order
    (`<a2>` of a remembered sentence is `<a1>` of this one); otherwise the target is returned as is.
    """
    old, new = tokens(source), tokens(msgid)
    if [(_tag(n), p) for n, p in old.items()] != [(_tag(n), p) for n, p in new.items()]:
        return target
    names = dict(zip(old, new))
    return TOKEN.sub(lambda m: f"<{m.group(1)}{names.get(m.group(2), m.group(2))}{m.group(3)}>", target)


def _tag(name: str) -> str:
    return re.sub(r"\d+$", "", name)
