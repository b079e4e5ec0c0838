"""Split English news text into sentences.

Sentences end only where whitespace follows a terminator (`.`, `?`, `!`, `…` or `...`),
possibly wrapped in closing quotes or brackets. Whether a full stop ends a sentence depends on
the word it follows and on how the next word starts:

- after an ordinary word, a number, a URL or an e-mail address, it ends one when the next word
  starts like a sentence (capital letter, digit, currency sign, quote or bracket before those,
  or a list item marker such as `(b)`);
- after a title (`Dr.`, `Cllr.`, `St.`) or a leading abbreviation (`e.g.`, `vs.`) it never does;
- after an abbreviation that often closes a sentence (`etc.`, `Ltd.`, `a.m.`) it does before any
  capitalised word, except a day, month or time zone (`10 a.m. Monday to Friday`, `9 a.m. ET`)
  or a name that goes on (`The Dutta Corp. Fair Hill`: two capitalised words, not `The`, `It`…);
- after other abbreviations (`No.`, `Jan.`, `Co.`) and initials (`F.`, `U.K.`) it does only
  before a word that typically opens a sentence (`The`, `It`, `However`);
- after a list item number that opens a sentence (`1. Check the calendar`) it never does.

`?` and `!` end a sentence before anything that starts like one, except a quotation followed by
its attribution (`“Why not?” Cllr Smith asked.`, `…plan?” Aderholt asked again.`). An ellipsis ends
one before a capital letter.
U+FFFC (an inline object) counts as part of the word it touches; after a terminator it stays
with the sentence that ends there, like a closing quote.
"""

from __future__ import annotations

import re

# Abbreviations are listed without their final full stop. An entry in lower case matches in any
# case (`etc`, `Etc`); a capitalised one only as written (`Sun`, not `sun`).
TITLES = frozenset(
    {
        "Adm",
        "Ald",
        "Brig",
        "Capt",
        "Cdr",
        "Ch",
        "Cllr",
        "Cllrs",
        "Cmdr",
        "Col",
        "Coun",
        "Cpl",
        "Dame",
        "DC",
        "DCI",
        "Det",
        "DI",
        "Dr",
        "Drs",
        "DS",
        "Fr",
        "Gen",
        "Gov",
        "H.R.H",
        "Hon",
        "Insp",
        "Lt",
        "Maj",
        "Messrs",
        "Mme",
        "Mr",
        "Mrs",
        "Ms",
        "Mt",
        "Mx",
        "PC",
        "PCSO",
        "Pres",
        "Prof",
        "Rep",
        "Rev",
        "Revd",
        "Rt",
        "Sen",
        "Sgt",
        "Sir",
        "Sqn",
        "Sr",
        "St",
        "Supt",
    }
)
"""Words that precede a name: never the end of a sentence."""

LEADING_ABBREVIATIONS = frozenset(
    {
        "a.k.a",
        "approx",
        "c.f",
        "ca",
        "cf",
        "e.g",
        "eg",
        "ext",
        "fig",
        "i.e",
        "ie",
        "incl",
        "n.b",
        "para",
        "pp",
        "p.s",
        "ref",
        "tel",
        "viz",
        "vol",
        "vs",
    }
)
"""Abbreviations that introduce what follows: never the end of a sentence."""

FINAL_ABBREVIATIONS = frozenset(
    {
        "a.m",
        "al",
        "Bros",
        "Corp",
        "Esq",
        "etc",
        "Inc",
        "Jnr",
        "Jr",
        "Ltd",
        "p.m",
        "plc",
        "Snr",
    }
)
"""Abbreviations that often close a sentence: the end of one before a capitalised word."""

_MONTHS_AND_DAYS = frozenset(
    {
        "Jan",
        "Feb",
        "Mar",
        "Apr",
        "Jun",
        "Jul",
        "Aug",
        "Sep",
        "Sept",
        "Oct",
        "Nov",
        "Dec",
        "Mon",
        "Tue",
        "Tues",
        "Wed",
        "Thu",
        "Thur",
        "Thurs",
        "Fri",
        "Sat",
        "Sun",
    }
)
"""Months and days as their abbreviations write them."""

ABBREVIATIONS = _MONTHS_AND_DAYS | frozenset(
    {
        # organisations, places and addresses
        "Assn",
        "Assoc",
        "Ave",
        "Co",
        "Cres",
        "Dept",
        "est",
        "Gdns",
        "Govt",
        "Inst",
        "Rd",
        "Sq",
        "Univ",
        # counties
        "Beds",
        "Berks",
        "Bucks",
        "Cambs",
        "Derbys",
        "Glos",
        "Hants",
        "Herts",
        "Lancs",
        "Leics",
        "Lincs",
        "Northants",
        "Notts",
        "Oxon",
        "Staffs",
        "Warks",
        "Wilts",
        "Worcs",
        "Yorks",
        # numbering and other
        "Art",
        "Cl",
        "Jct",
        "no",
        "nos",
        "Ph.D",
        "Pt",
        "Reg",
        "Sch",
        "Sec",
        "Sect",
    }
)
"""Other abbreviations: the end of a sentence only before a word in SENTENCE_OPENERS."""

SENTENCE_OPENERS = frozenset(
    {
        "A",
        "About",
        "According",
        "Additionally",
        "After",
        "All",
        "Also",
        "Although",
        "An",
        "And",
        "Any",
        "As",
        "At",
        "Because",
        "Before",
        "Both",
        "But",
        "By",
        "Despite",
        "During",
        "Each",
        "Earlier",
        "Every",
        "Finally",
        "First",
        "Following",
        "For",
        "From",
        "Further",
        "Furthermore",
        "He",
        "Her",
        "Here",
        "His",
        "How",
        "However",
        "I",
        "If",
        "In",
        "Its",
        "It",
        "Last",
        "Later",
        "Many",
        "Meanwhile",
        "More",
        "Most",
        "My",
        "New",
        "Next",
        "No",
        "Now",
        "Of",
        "On",
        "Once",
        "Our",
        "Over",
        "Please",
        "She",
        "Since",
        "So",
        "Some",
        "Such",
        "That",
        "The",
        "Their",
        "Then",
        "There",
        "These",
        "They",
        "This",
        "Those",
        "Though",
        "To",
        "Today",
        "Under",
        "Until",
        "We",
        "What",
        "When",
        "Where",
        "Which",
        "While",
        "Whilst",
        "Who",
        "Why",
        "With",
        "Yesterday",
        "You",
        "Your",
    }
)
"""Words that typically open a sentence and rarely follow an abbreviation inside one."""

TIME_WORDS = _MONTHS_AND_DAYS | frozenset(
    {
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "BST",
        "GMT",
        "UTC",
        "CET",
        "ET",
        "EST",
        "EDT",
        "CT",
        "CST",
        "CDT",
        "MT",
        "MST",
        "MDT",
        "PT",
        "PST",
        "PDT",
    }
)
"""Capitalised words that continue a sentence after `a.m.`, `p.m.` and the like (`10 a.m. ET`,
`10:30 p.m. Aug. 9`)."""

SPEECH_VERBS = frozenset(
    {
        "added",
        "adds",
        "admitted",
        "agreed",
        "announced",
        "asked",
        "asks",
        "commented",
        "continued",
        "cried",
        "declared",
        "exclaimed",
        "explained",
        "insisted",
        "joked",
        "laughed",
        "recalled",
        "replied",
        "said",
        "says",
        "shouted",
        "urged",
        "warned",
        "wondered",
        "wrote",
    }
)
"""Verbs of an attribution after a quoted question or exclamation."""

_OPENERS = "“‘\"'«([{\ufffc"
_CLOSERS = "”’\"'»)]}\ufffc"

# The end of a word in terminators and closers, with whitespace after it: a candidate.
_CANDIDATE = re.compile(rf"([.?!…]+)([{re.escape(_CLOSERS)}]*)(?=\s)")
_NONSPACE = re.compile(r"\S")
# What lies between a candidate and the first letter or digit of the next word.
_LEAD = re.compile(rf"[\s{re.escape(_OPENERS)}]*")
_WORD = re.compile(r"([^\W\d_]+)(\.?)")
_INITIALS = re.compile(r"(?:[^\W\d_]\.)*[^\W\d_]")
_LIST_MARKER = re.compile(r"\d{1,3}|[ivx]{1,4}|[IVX]{1,4}")
# A lower-case list item marker as the next word: `(a)`, `b)`, `(iv)`.
_ENUMERATOR = re.compile(r"\s+\(?(?:[a-z]|[ivx]{1,4})\)(?=\s)")
# `Cllr Smith asked.`, `Vice Governor Zhu said in his speech`, `Mr Li told reporters`: one to
# four capitalised words, then a speech verb before punctuation, the end of the text or a word
# that does not start an object, or `told`/`tells` before anything.
_ATTRIBUTION = re.compile(
    rf"(?:[A-Z][\w’'.-]*\s+){{1,4}}(?:(?:{'|'.join(sorted(SPEECH_VERBS))})"
    r"(?:\s*(?:[,.;:!?–—]|$)|\s+(?:as|at|after|before|during|in|later|on|to|when|while|with|again|then|"
    r"afterwards|too|once|twice|repeatedly|\w+ly)\b)"
    r"|tells\b|told\b)"
)


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of `text`, in order."""
    first = _NONSPACE.search(text)
    if first is None:
        return []
    spans = []
    start = pos = first.start()
    for match in _CANDIDATE.finditer(text, start):
        word = match.start()
        while word > pos and not text[word - 1].isspace():
            word -= 1
        pos = match.end()
        if _ends_sentence(text, text[word : match.start()], match, word == start):
            spans.append((start, match.end()))
            following = _NONSPACE.search(text, match.end())
            assert following is not None  # a sentence ends only where more text follows
            start = following.start()
    spans.append((start, len(text.rstrip())))
    return spans


def _ends_sentence(text: str, body: str, match: re.Match[str], opens_sentence: bool) -> bool:
    """Whether the sentence ends after `match`, the terminators that end the word `body`."""
    terminators, closers = match.groups()
    lead = _LEAD.match(text, match.end())
    assert lead is not None  # the pattern matches the empty string
    at = lead.end()
    if at == len(text):
        return False
    initial = text[at]
    capitalised = initial.isupper()
    opens = capitalised or initial.isdigit() or initial in "£$€•" or _ENUMERATOR.match(text, match.end()) is not None
    if "?" in terminators or "!" in terminators:
        if any(quote in closers for quote in "”’\"'»") and _ATTRIBUTION.match(text, at):
            return False
        return opens
    if terminators != ".":
        return capitalised
    word = body.lstrip(_OPENERS)
    if closers or not word:
        return opens
    if opens_sentence and _LIST_MARKER.fullmatch(word):
        return False
    title = word.rpartition("-")[2]  # `Vice-Gov.`, `ex-Cllr.`
    if _known(title, TITLES) or _known(word, LEADING_ABBREVIATIONS):
        return False
    following = _WORD.match(text, at)
    next_word, dotted = following.groups() if following else ("", "")
    if _known(word, FINAL_ABBREVIATIONS):
        return capitalised and next_word not in TIME_WORDS and not _name_goes_on(text, at, next_word)
    if _known(word, ABBREVIATIONS) or _INITIALS.fullmatch(word):
        return next_word in SENTENCE_OPENERS and not dotted
    return opens


_NAME_GOES_ON = re.compile(r"[A-Z][\w’'&.-]*\s+[A-Z]")


def _name_goes_on(text: str, at: int, next_word: str) -> bool:
    """Two capitalised words from `at` (a name: `Fair Hill`), the first not a sentence opener."""
    return next_word not in SENTENCE_OPENERS and _NAME_GOES_ON.match(text, at) is not None


def _known(word: str, abbreviations: frozenset[str]) -> bool:
    """Whether `word` is one of `abbreviations`, as written or in lower case."""
    return word in abbreviations or word.lower() in abbreviations
