"""Quality checks of translations: small functions over one entry, and one over a whole locale.

Each entry check takes the English, the translation and a `Context` and returns `Finding`s. A
translator silences a check on one entry with the flag `#, ignore-CHECK` (as in Weblate), e.g.
`#, ignore-numbers`. Only translated entries are checked; fuzzy ones on request.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Container
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path, PurePosixPath
from typing import NamedTuple

from ..catalogs.catalog import Catalog, Entry, Key
from ..catalogs.glossary import Glossary
from ..digests import digest
from ..errors import ConfigError
from ..fingerprints import State
from ..language import numbers
from ..language.chinese import CJK, FULL_WIDTH, HAN
from ..locales import TargetLocale
from ..region import resources
from ..region.hosts import CHINA, HostEntry
from ..report import Progress, no_progress
from ..segment.htmlio import SUSPECT, UNWRITABLE, read_html
from ..segment.placeholders import LITERAL, OBJECT, TOKEN, token_problems
from ..store import SITE_DOMAIN, Article, Project

ERROR, WARNING = "error", "warning"
IGNORE_FLAG = "ignore-"

_FULL_WIDTH = {**FULL_WIDTH, '"': "“…”", "'": "‘…’"}
# Each pattern run on translator text starts a match only where a run of what it matches starts
# (a lookbehind), so that it never tries again inside a run it failed on: linear, never quadratic.
_HALF_WIDTH = re.compile(rf"(?<=[{HAN}])[ ]*[,.:;!?()\"']+|(?<![,;!?()\"'])[,;!?()\"']+(?=[ ]*[{HAN}])")
_SPACE_IN_CHINESE = re.compile(rf"[{CJK}][ \t\u00a0]+[{CJK}]")
_CLOSERS = "'\"’”)）]】」』》〉" + OBJECT
_ENDINGS = {
    ".": "a full stop",
    "。": "a full stop",
    "．": "a full stop",
    "?": "a question mark",
    "？": "a question mark",
    "!": "an exclamation mark",
    "！": "an exclamation mark",
    ":": "a colon",
    "：": "a colon",
    ";": "a semicolon",
    "；": "a semicolon",
    ",": "a comma",
    "，": "a comma",
    "、": "a comma",
}
_LAST_STANDALONE = re.compile(r"(<[A-Za-z][A-Za-z-]*[0-9]+/>)\s*$")
_LATIN_WORD = re.compile(r"(?<![A-Za-z0-9])[A-Za-z0-9]+")  # words with a letter, see `_foreign_words`
# Addresses, kept as they are in any language: web addresses, e-mail addresses, domains (with a
# path: leicestershire.gov.uk/international), and an English postal address ending with a UK
# postcode (and the country), as mail from abroad is addressed (see `_without_addresses`). Each
# starts a match only where its run of characters starts (lookbehinds): linear, never quadratic.
_ADDRESS = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9._~:/?#@!$&'()*+,;=%-]*[A-Za-z0-9/#=_~-]"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+"
    r"|(?<![A-Za-z0-9-])(?<![A-Za-z0-9-]\.)[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"
    r"(?:/[A-Za-z0-9._~/?#=&%-]*[A-Za-z0-9/#=_~-])?"
    r"|(?P<postcode>[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}(?![A-Za-z0-9])(?:, ?(?:United Kingdom|UK|England))?)"
)
# The length check: least English length (characters), and the usual range of translation length /
# English length, for languages written without spaces between words (Chinese, Japanese) or with.
_MIN_LENGTH = 20
_LENGTH_RATIO = {True: (0.12, 0.8), False: (0.5, 2.5)}


class Finding(NamedTuple):
    severity: str
    message: str


@dataclass(frozen=True)
class Context:
    """What the checks know besides the entry: the locale and its glossary."""

    locale: TargetLocale
    glossary: Glossary

    @cached_property
    def kept_words(self) -> frozenset[str]:
        """Latin words a translation may keep: those of the glossary's terms kept in English
        (untranslatable, or translated as themselves: “Defra”), and those its translations hold
        (Cookie政策)."""
        kept = [t.source for t in self.glossary.kept_in_english]
        kept += [accepted for t in self.glossary.terms for accepted in t.accepted]
        return frozenset(w.lower() for text in kept for w in _LATIN_WORD.findall(text))


@dataclass(frozen=True)
class Problem:
    """A finding placed in a catalog."""

    file: str
    line: int
    severity: str
    check: str
    msgid: str
    msgctxt: str | None
    message: str
    details: tuple[tuple[str, object], ...] = ()  # more for scripts (`--json`): a resource's action and host

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.severity}: {self.check}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "check": self.check,
            "severity": self.severity,
            "msgctxt": self.msgctxt,
            "msgid": self.msgid,
            "message": self.message,
            **dict(self.details),
        }


def _plain(text: str) -> str:
    """Text without placeholder tokens; a standalone token (image, line break) or escaped
    token-shaped text (`&lt;h1>`, code-like) becomes U+FFFC."""
    return LITERAL.sub(OBJECT, TOKEN.sub(lambda m: OBJECT if m.group(3) else "", text))


def placeholders(msgid: str, msgstr: str, context: Context) -> list[Finding]:
    """Missing, extra, changed or unbalanced placeholder tokens."""
    return [Finding(ERROR, message) for message in token_problems(msgid, msgstr)]


def characters(msgid: str, msgstr: str, context: Context) -> list[Finding]:
    """Control, bidi-override, private-use and other characters no page should show, which the English lacks."""
    found = dict.fromkeys(c for c in [*SUSPECT.findall(msgstr), *UNWRITABLE.findall(msgstr)] if c not in msgid)
    if not found:
        return []
    return [
        Finding(
            ERROR,
            "a control, bidi-override, private-use or noncharacter the English does not have: "
            + ", ".join(f"U+{ord(c):04X}" for c in found),
        )
    ]


def figures(msgid: str, msgstr: str, context: Context) -> list[Finding]:
    """Every figure and date of the English in the translation, with its unit (14 March as 3月14日);
    no figure of its own (see `numbers.mismatches`)."""
    return [Finding(ERROR if m.error else WARNING, m.message) for m in numbers.mismatches(msgid, msgstr)]


def untranslated(msgid: str, msgstr: str, context: Context) -> list[Finding]:
    """The English itself, or English words left in a translation into another script."""
    words = _foreign_words(msgstr, context)
    if msgstr == msgid:
        return [Finding(ERROR, "not translated: the translation is the English")] if words else []
    if context.locale.script in (None, "Latn") or not words:
        return []
    return [Finding(ERROR, "English left in the translation: " + ", ".join(words))]


def _without_addresses(text: str, by: str) -> str:
    """The text with each address (see `_ADDRESS`) replaced `by`; a postcode takes the place
    names before it (`Glenfield, Leicester LE3 8RA`), found by walking back word by word."""
    out: list[str] = []
    position = 0
    for match in _ADDRESS.finditer(text):
        start = match.start()
        if match.group("postcode") is not None:
            start = _places_before(text, start, position)
        out += (text[position:start], by)
        position = match.end()
    out.append(text[position:])
    return "".join(out)


_PLACE_CHARACTERS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz'.-")


def _places_before(text: str, end: int, floor: int) -> int:
    """Where the capitalised words just before a postcode at `end` start, each followed by a
    space or a comma and a space (`Glenfield, Leicester `); `end` when there are none. Not
    before `floor`."""
    start = end
    at = end
    while True:
        if at - 1 < floor or text[at - 1] != " ":
            return start
        at -= 1
        if at - 1 >= floor and text[at - 1] == ",":
            at -= 1
        word_end = at
        while at - 1 >= floor and text[at - 1] in _PLACE_CHARACTERS:
            at -= 1
        first = next((i for i in range(at, word_end) if text[i].isupper() and text[i].isascii()), None)
        if first is None:
            return start
        start = first
        if first != at:
            return start  # a word that starts inside another (xGlenfield): the place starts there


def _foreign_words(text: str, context: Context) -> list[str]:
    """Latin words that are not acronyms (UK, LE3), addresses or untranslatable glossary terms."""
    found: dict[str, None] = {}
    for word in _LATIN_WORD.findall(_without_addresses(_plain(text), " ")):
        letters = sum(c.isalpha() for c in word)
        if letters < 2 or word.isupper() or word.lower() in context.kept_words or word in found:
            continue
        found[word] = None
    return list(found)


def punctuation(msgid: str, msgstr: str, context: Context) -> list[Finding]:
    """Half-width marks or spaces amid Chinese characters; an ending that differs from the English."""
    text = _plain(msgstr)
    findings = []
    marks = dict.fromkeys(mark for m in _HALF_WIDTH.finditer(text) for mark in m.group(0).strip())
    if marks:
        findings.append(
            Finding(
                WARNING, f"half-width {' '.join(marks)} in Chinese text (use {' '.join(_FULL_WIDTH[m] for m in marks)})"
            )
        )
    if _SPACE_IN_CHINESE.search(text):
        findings.append(Finding(WARNING, "space between Chinese characters"))
    english, translation = _ending(msgid), _ending(msgstr)
    if english == "no punctuation" and translation == "a colon" and _label(msgid, msgstr):
        translation = english  # a label before its value: 发布时间：<time1/> for "Published <time1/>"
    if english == "a question mark" != translation:
        findings.append(Finding(ERROR, f"the English is a question; the translation ends with {translation}"))
    elif english != translation:
        findings.append(Finding(WARNING, f"the English ends with {english}, the translation with {translation}"))
    return findings


def _label(msgid: str, msgstr: str) -> bool:
    """Both end with the same standalone placeholder (a date, an image), the translation with a
    colon before it: a Chinese label before its value, where English has a word and no colon."""
    end = _LAST_STANDALONE.search(msgid)
    if end is None or not msgstr.rstrip().endswith(token := end.group(1)):
        return False
    return msgstr.rstrip()[: -len(token)].rstrip().endswith(("：", ":"))


def _ending(text: str) -> str:
    text = _plain(text).rstrip().rstrip(_CLOSERS).rstrip()
    if text.endswith(("...", "…")):
        return "an ellipsis"
    return _ENDINGS.get(text[-1:], "no punctuation")


def glossary(msgid: str, msgstr: str, context: Context) -> list[Finding]:
    """Each glossary term of the English given one of its accepted translations and none of its
    deprecated ones (or, if untranslatable, kept as it is)."""
    text = _plain(msgstr)
    findings = []
    for term in context.glossary.matches(msgid):
        if not term.translatable:
            if term.source not in text:
                findings.append(Finding(ERROR, f"“{term.source}” should stay as it is"))
            continue
        rest = text
        for accepted in sorted(term.accepted, key=len, reverse=True):
            rest = rest.replace(accepted, OBJECT)
        deprecated = [d for d in term.deprecated if d in rest]  # outside the accepted ones
        if rest == text or deprecated:
            not_ = f", not “{deprecated[0]}”" if deprecated else ""
            findings.append(Finding(ERROR, f"“{term.source}” should be {_either(term.accepted)}{not_}"))
    return findings


def _either(terms: tuple[str, ...]) -> str:
    """Terms quoted as a choice: “A”; “A” or “B”; “A”, “B” or “C”."""
    quoted = [f"“{t}”" for t in terms]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1]


def whitespace(msgid: str, msgstr: str, context: Context) -> list[Finding]:
    """Leading or trailing whitespace that the English does not have (or the other way round)."""
    findings = []
    for where, english, translation in (("leading", msgid[:1], msgstr[:1]), ("trailing", msgid[-1:], msgstr[-1:])):
        if english.isspace() and not translation.isspace():
            findings.append(Finding(WARNING, f"the English has {where} whitespace; the translation does not"))
        elif translation.isspace() and not english.isspace():
            findings.append(Finding(WARNING, f"the translation has {where} whitespace; the English does not"))
    return findings


def length(msgid: str, msgstr: str, context: Context) -> list[Finding]:
    """A translation much shorter or longer than translations usually are; addresses (kept as
    they are, in any language) are not measured."""
    english = len(_without_addresses(_plain(msgid), "").strip())
    translation = len(_without_addresses(_plain(msgstr), "").strip())
    if english < _MIN_LENGTH:
        return []
    low, high = _LENGTH_RATIO[context.locale.joins_sentences_without_spaces]
    ratio = translation / english
    if ratio < low:
        return [Finding(WARNING, f"suspiciously short: {translation} characters for {english} of English")]
    if ratio > high:
        return [Finding(WARNING, f"suspiciously long: {translation} characters for {english} of English")]
    return []


EntryCheck = Callable[[str, str, Context], list[Finding]]
# Check names (as shown and as used in `ignore-` flags) in the order problems are listed.
ENTRY_CHECKS: dict[str, EntryCheck] = {
    "placeholders": placeholders,
    "characters": characters,
    "numbers": figures,
    "untranslated": untranslated,
    "punctuation": punctuation,
    "glossary": glossary,
    "whitespace": whitespace,
    "length": length,
}
CHECK_NAMES = (*ENTRY_CHECKS, "consistency", "unreachable")


def check_entry(msgid: str, msgstr: str, context: Context, skip: Container[str] = ()) -> list[tuple[str, Finding]]:
    """(check name, finding) for one translation. The English itself is reported once, as untranslated."""
    checks = ENTRY_CHECKS if msgstr != msgid else {"untranslated": untranslated}
    return [
        (name, finding)
        for name, check in checks.items()
        if name not in skip
        for finding in check(msgid, msgstr, context)
    ]


def ignored(entry: Entry) -> set[str]:
    """The checks an entry's `ignore-CHECK` flags turn off."""
    return {flag[len(IGNORE_FLAG) :] for flag in entry.flags if flag.startswith(IGNORE_FLAG)}


def checked_entries(po: Catalog, include_fuzzy: bool) -> list[Entry]:
    """The translated entries of a catalog (fuzzy ones too when asked)."""
    return [e for e in po.active() if e.msgid_plural is None and (e.reviewed or include_fuzzy and e.translated)]


def consistency(catalogs: dict[str, Catalog], include_fuzzy: bool) -> list[Problem]:
    """The same English (and context) in the same role (`td`, `a`, `img@alt`) translated
    differently in different catalogs. English in different roles may mean different things (a
    table cell's "Home" is 住宅, the navigation's 首页) and is not compared. The site catalog's
    translation, shown on every page, is the one others are compared with, and is named as the
    site's; otherwise the most usual one."""
    groups: dict[tuple[Key, tuple[str, ...]], list[tuple[str, Entry]]] = {}
    for name, po in catalogs.items():
        for entry in checked_entries(po, include_fuzzy):
            if "consistency" not in ignored(entry):
                groups.setdefault((entry.key, entry.roles), []).append((name, entry))
    problems = []
    for group in groups.values():
        site = [(name, e) for name, e in group if _is_site(name)]
        usual = site[0][1].msgstr if site else Counter(e.msgstr for _, e in group).most_common(1)[0][0]
        first = next((name, e) for name, e in (*site, *group) if e.msgstr == usual)
        whose = " (the site's text, shown on every page)" if _is_site(first[0]) else ""
        for name, entry in group:
            if entry.msgstr != usual:
                problems.append(
                    Problem(
                        name,
                        entry.line,
                        WARNING,
                        "consistency",
                        entry.msgid,
                        entry.msgctxt,
                        f"translated differently in {first[0]}:{first[1].line}{whose}: “{usual}”",
                    )
                )
    return problems


def _is_site(name: str) -> bool:
    """A catalog's shown name is the site catalog's (`locales/zh/LC_MESSAGES/_site.po`)."""
    return PurePosixPath(name).name == f"{SITE_DOMAIN}.po"


def check_catalogs(catalogs: dict[str, Catalog], context: Context, include_fuzzy: bool = False) -> list[Problem]:
    """Every problem of the catalogs (by shown name), sorted by catalog, line and check."""
    problems = consistency(catalogs, include_fuzzy)
    for name, po in catalogs.items():
        for entry in checked_entries(po, include_fuzzy):
            for check, (severity, message) in check_entry(entry.msgid, entry.msgstr, context, ignored(entry)):
                problems.append(Problem(name, entry.line, severity, check, entry.msgid, entry.msgctxt, message))
    return sorted(problems, key=lambda p: (p.file, p.line, CHECK_NAMES.index(p.check), p.message))


def load_context(project: Project, locale: TargetLocale) -> Context:
    return Context(locale, project.glossary(locale))


@dataclass
class Coverage:
    """How many entries a check looked at, and how many it did not, and why."""

    checked: int = 0
    untranslated: int = 0  # nothing to check
    fuzzy: int = 0  # unreviewed translations, checked only with include_fuzzy

    def count(self, po: Catalog, include_fuzzy: bool) -> None:
        for entry in po.active():
            if entry.msgid_plural is not None:
                continue
            if not entry.translated:
                self.untranslated += 1
            elif entry.reviewed or include_fuzzy:
                self.checked += 1
            else:
                self.fuzzy += 1

    def line(self) -> str:
        """`12 entries checked; not checked: 40 untranslated, 3 fuzzy (--include-fuzzy checks them)`."""
        line = f"{self.checked} {'entry' if self.checked == 1 else 'entries'} checked"
        if self.untranslated or self.fuzzy:
            line += f"; not checked: {self.untranslated} untranslated, {self.fuzzy} fuzzy"
            line += " (--include-fuzzy checks them)" if self.fuzzy else ""
        return line


def check_locale(
    project: Project,
    locale: TargetLocale,
    only: tuple[Path, ...] = (),
    include_fuzzy: bool = False,
    progress: Progress = no_progress,
    coverage: Coverage | None = None,
) -> list[Problem]:
    """The problems of a locale's catalogs, or of those of the articles or catalogs named in `only`
    (and, in `coverage`, how many of their entries were checked); and for a locale whose readers
    cannot reach some hosts, what its articles load from them (`unreachable`).

    Consistency is judged against the whole locale.
    """
    config = project.config
    catalogs = {
        config.relative(project.catalog_file(locale.code, d)): po
        for d, po in project.load_catalogs(locale, progress).items()
    }
    problems = check_catalogs(catalogs, load_context(project, locale), include_fuzzy)
    wanted = _selected(project, locale, only, set(catalogs)) if only else set(catalogs)
    if coverage is not None:
        for name in wanted:
            coverage.count(catalogs[name], include_fuzzy)
    articles = [a for a in project.articles() if config.relative(project.catalog_path(locale.code, a)) in wanted]
    found = [p for p in problems if p.file in wanted] + unreachable(project, locale, articles, stylesheets=not only)
    return sorted(found, key=lambda p: (p.file, p.line, CHECK_NAMES.index(p.check), p.message))


def unreachable(
    project: Project, locale: TargetLocale, articles: list[Article], stylesheets: bool = True
) -> list[Problem]:
    """What the articles (and with `stylesheets`, the stylesheets beside them) load from hosts
    the locale's readers cannot reach (none for a locale whose readers reach the whole web): a
    warning per resource, at its line of the source, saying what the build does with it (dropped,
    a placeholder, or the locale's own from its media map)."""
    hosts = project.config.hosts(locale)
    if hosts is None:
        return []
    media = project.media(locale)
    where = "mainland China" if hosts.region == CHINA else hosts.region
    problems = []
    for asset in project.assets() if stylesheets else []:
        if asset.suffix.lower() != ".css":
            continue
        path = project.config.source / asset
        try:
            css = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            continue  # the build copies it as it is
        for address, entry, line in resources.without_imports(css, hosts)[1]:
            problems.append(
                _unreachable(
                    project.config.relative(path),
                    line,
                    "@import",
                    address,
                    entry,
                    where,
                    f"dropped from the {locale.code} copy",
                    resources.DROPPED,
                )
            )
    state = State(project.cache_folder / "unreachable.sqlite3")  # a page is read again only when it changed
    known = state.entries("pages")
    for article in articles:
        path = project.source_path(article)
        shown = project.config.relative(path)
        key = digest(project.source_digest(article, state)[0], hosts.fingerprint)
        record = known.get(article.path.as_posix())
        if not isinstance(record, dict) or record.get("key") != key:
            page = read_html(path, project.source_bytes(article))
            found = [
                [r.line, r.describe(), r.address, r.entry.host, r.action] for r in resources.find(page.root, hosts)
            ]
            record = known[article.path.as_posix()] = {"key": key, "found": found}
        for line, what, address, host, action in record["found"]:
            entry = hosts.entries[host]
            mapped = media.for_address(address)
            if mapped is not None:
                done = f"the {locale.code} pages have their own, {mapped.target} ({media.where(mapped)})"
            elif action == resources.PLACEHOLDER:
                done = f"a placeholder on the {locale.code} pages links to it"
            else:
                done = f"dropped from the {locale.code} pages"
            problems.append(_unreachable(shown, line, what, address, entry, where, done, "media" if mapped else action))
    state.save()
    return problems


def _unreachable(
    file: str, line: int, what: str, address: str, entry: HostEntry, where: str, done: str, action: str
) -> Problem:
    """A warning that a page or stylesheet loads `address` from a listed host, and what the build does."""
    return Problem(
        file,
        line,
        WARNING,
        "unreachable",
        address,
        None,
        f"{what} loads from {entry.host}, {entry.status} from {where} ({entry.kind}; checked {entry.checked}): {done}",
        (("action", action), ("host", entry.as_dict())),
    )


def _selected(project: Project, locale: TargetLocale, only: tuple[Path, ...], available: set[str]) -> set[str]:
    """The shown catalog paths meant by article paths, or by catalog files and folders."""
    config = project.config
    folder = (config.locales / locale.code).resolve()
    wanted: set[str] = set()
    for path in only:
        resolved = path.resolve()
        if resolved == folder or folder in resolved.parents:
            prefix = config.relative(resolved)
            found = {name for name in available if name == prefix or name.startswith(prefix + "/")}
            if not found:
                raise ConfigError("no catalog here", path)
            wanted |= found
            continue
        for article in project.articles((path,)):
            name = config.relative(project.catalog_path(locale.code, article))
            if name not in available:
                raise ConfigError(
                    f"no {locale.code} catalog for this article; run `l10n update {locale.code}`",
                    config.relative(project.source_path(article)),
                )
            wanted.add(name)
    return wanted
