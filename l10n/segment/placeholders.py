"""The placeholder language of msgids: inline markup in, untrusted msgstr out.

A unit's inline elements appear in its msgid as numbered tokens named after the tag:
`<a1>Midlands Engine</a1>` for an element with text, `<br2/>` for one without (line breaks,
images, inline code, anything marked translate="no"). Translators may move tokens but see no
attributes. A msgstr may use only the tokens of its own msgid (`scan`); all other text,
including anything that looks like markup, stays text (`skeleton` writes it as HTML).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import NamedTuple, TypeAlias

from lxml import etree

from ..errors import PlaceholderError

Item: TypeAlias = "str | etree._Element"
# Inline elements marked translate="no": kept whole, as one token.
Opaque: TypeAlias = "frozenset[etree._Element]"

# Anything shaped like a placeholder token, known or not.
TOKEN = re.compile(r"<(/?)([A-Za-z][A-Za-z-]*[0-9]+)(/?)>")
_TAG_NAME = re.compile(r"[A-Za-z][A-Za-z-]*")
# Page text shaped like a token (`<h1>` in an article about HTML) is written `&lt;h1>` in msgids,
# so that a token is always a placeholder; text already reading `&lt;h1>` gets `&amp;lt;h1>`.
_TOKEN_TAIL = r"(?=/?[A-Za-z][A-Za-z-]*[0-9]+/?>)"
_TO_ESCAPE = re.compile(rf"<{_TOKEN_TAIL}|&(?=(?:amp;)*lt;{_TOKEN_TAIL})")
_ESCAPED = re.compile(rf"&((?:amp;)*)lt;{_TOKEN_TAIL}")
# A whole escaped literal, as msgids hold it: kept as it is, like a token, by machine translation.
LITERAL = re.compile(r"&(?:amp;)*lt;/?[A-Za-z][A-Za-z-]*[0-9]+/?>")
SPACES = re.compile(r"[ \t\n\r\f]+")
_SPACING = re.compile(r"[\t\n\r\f]")
OBJECT = "\ufffc"

VOID_TAGS = frozenset({"area", "br", "embed", "hr", "img", "input", "source", "track", "wbr", "col", "param"})
# Inline elements whose content is code or media, never prose: kept whole as one token.
OPAQUE_TAGS = frozenset(
    {
        "code",
        "kbd",
        "samp",
        "script",
        "style",
        "svg",
        "math",
        "iframe",
        "object",
        "embed",
        "video",
        "audio",
        "canvas",
        "select",
        "textarea",
        "meter",
        "progress",
        "output",
        "template",
        "picture",
        "noscript",
    }
)


class Placeholder(NamedTuple):
    """A token of a msgid and the source element it stands for (a tuple: pages make many)."""

    name: str
    element: etree._Element
    paired: bool

    def describe(self) -> str:
        """The token and the source markup it stands for, for translators' comments."""
        el = self.element
        if self.paired:
            return f"<{self.name}> is {SPACES.sub(' ', start_tag(el))}"
        markup = etree.tostring(el, encoding="unicode", method="html", with_tail=False)
        markup = SPACES.sub(" ", markup).strip()
        if len(markup) > 100:
            markup = markup[:99] + "…"
        return f"<{self.name}/> is {markup}"


def start_tag(el: etree._Element) -> str:
    """`<a href="…">` for an element."""
    attrs = "".join(f' {k}="{v}"' for k, v in el.attrib.items())
    return f"<{el.tag}{attrs}>"


def is_markup(node: etree._Element) -> bool:
    """True for comments and processing instructions: invisible, never a token."""
    return not isinstance(node.tag, str)


def flat_text(item: Item, opaque: Opaque = frozenset()) -> str:
    """Plain text of an item for sentence splitting; objects become U+FFFC."""
    if isinstance(item, str):
        return item
    tag = item.tag
    if not isinstance(tag, str):
        return ""
    if tag in VOID_TAGS or tag in OPAQUE_TAGS or (opaque and item in opaque):
        return OBJECT
    if not len(item):
        return item.text or ""
    parts = [item.text or ""]
    for child in item:
        parts.append(flat_text(child, opaque))
        parts.append(child.tail or "")
    return "".join(parts)


def has_text(item: Item, opaque: Opaque = frozenset()) -> bool:
    """True when an item holds words, not just space, objects or comments."""
    return bool(flat_text(item, opaque).strip(" \t\n\r\f" + OBJECT))


def escape_literals(text: str) -> str:
    """Page text as msgids write it: token-shaped text escaped (see `_TO_ESCAPE`)."""
    if "<" not in text and "&" not in text:
        return text
    return _TO_ESCAPE.sub(lambda m: "&lt;" if m.group(0) == "<" else "&amp;", text)


def unescape_literals(text: str) -> str:
    """The page text a msgstr's text stands for: `escape_literals` undone."""
    if "&" not in text:
        return text
    return _ESCAPED.sub(lambda m: "&" + m.group(1)[4:] + "lt;" if m.group(1) else "<", text)


def plain_msgid(text: str) -> str:
    """The msgid of plain page text."""
    text = escape_literals(text)
    if "  " in text or _SPACING.search(text):
        text = SPACES.sub(" ", text)
    return text.strip(" ")


def token_base(tag: str) -> str:
    """The name a placeholder of a `tag` element takes before its number: the tag, or for a name
    no token can hold (`a0:li`, `o:p`, `foo.bar`) its letters after any prefix (`li`, `p`, `foobar`)."""
    if _TAG_NAME.fullmatch(tag):
        return tag
    return re.sub(r"[^A-Za-z-]", "", tag.rpartition(":")[2]).lstrip("-") or "x"


def render(items: list[Item], opaque: Opaque = frozenset()) -> tuple[str, dict[str, Placeholder]]:
    """The msgid of inline items (whitespace collapsed) and its placeholders by name."""
    if len(items) == 1 and isinstance(items[0], str):  # plain text, most sentences
        return plain_msgid(items[0]), {}
    placeholders: dict[str, Placeholder] = {}
    parts: list[str] = []

    def visit(item: Item) -> None:
        if isinstance(item, str):
            parts.append(escape_literals(item))
            return
        if is_markup(item):
            return
        name = f"{token_base(item.tag)}{len(placeholders) + 1}"
        paired = (
            item.tag not in VOID_TAGS and item.tag not in OPAQUE_TAGS and item not in opaque and has_text(item, opaque)
        )
        placeholders[name] = Placeholder(name, item, paired)
        if not paired:
            parts.append(f"<{name}/>")
            return
        parts.append(f"<{name}>")
        parts.append(escape_literals(item.text or ""))
        for child in item:
            visit(child)
            parts.append(escape_literals(child.tail or ""))
        parts.append(f"</{name}>")

    for item in items:
        visit(item)
    return SPACES.sub(" ", "".join(parts)).strip(" "), placeholders


def tokens(msgid: str) -> dict[str, bool]:
    """The placeholders of a msgid: name → paired (`<a1>…</a1>`) or not (`<br2/>`)."""
    return {m.group(2): not m.group(3) for m in TOKEN.finditer(msgid) if not m.group(1)}


def token_problems(msgid: str, msgstr: str) -> list[str]:
    """What is wrong with a msgstr's placeholders, judged from its msgid alone (empty: nothing)."""
    try:
        check_nesting(msgid, scan(msgstr, tokens(msgid)))
    except PlaceholderError as e:
        return [str(e)]
    return []


def check_nesting(msgid: str, pieces: list[str | Token]) -> None:
    """Raise PlaceholderError when a placeholder of a scanned msgstr is inside a paired one that
    it is not inside in the msgid: a link moved into another link would nest them on the page.
    Moving one out of another, or reordering them, is fine."""
    english = _enclosing(scan(msgid, tokens(msgid)))
    for name, around in _enclosing(pieces).items():
        added = [other for other in around if other not in english.get(name, ())]
        if added:
            raise PlaceholderError(f"<{name}> is inside <{added[-1]}>, which it is not in the English")


def _enclosing(pieces: list[str | Token]) -> dict[str, list[str]]:
    """Each placeholder's enclosing paired placeholders, outermost first."""
    found: dict[str, list[str]] = {}
    stack: list[str] = []
    for piece in pieces:
        if isinstance(piece, str):
            continue
        if piece.kind == CLOSE:
            stack.pop()
            continue
        found[piece.name] = list(stack)
        if piece.kind == OPEN:
            stack.append(piece.name)
    return found


OPEN, CLOSE, EMPTY = "open", "close", "empty"


class Token(NamedTuple):
    """A placeholder token of a msgstr: `<a1>` opens, `</a1>` closes, `<br2/>` stands alone."""

    name: str
    kind: str  # OPEN, CLOSE or EMPTY


def scan(msgstr: str, expected: Mapping[str, bool]) -> list[str | Token]:
    """A msgstr as its text and tokens, in order: the grammar every reader of a msgstr uses.

    Only the expected placeholders (name → paired) are tokens, each used once, in its own form
    (`<a1>…</a1>` or `<br2/>`), properly nested, none missing; anything else raises
    PlaceholderError saying what is wrong. Text comes back as written (escaped token-shaped text
    stays escaped; `unescape_literals` gives the page text).

    >>> scan("读<a1>报告</a1><br2/>", {"a1": True, "br2": False})
    ['读', Token(name='a1', kind='open'), '报告', Token(name='a1', kind='close'), Token(name='br2', kind='empty')]
    >>> scan("<a1>x</a1>", {"a1": True, "br2": False})
    Traceback (most recent call last):
    l10n.errors.PlaceholderError: missing placeholder <br2>
    """
    out: list[str | Token] = []
    open_: list[str] = []
    seen: set[str] = set()
    pos = 0
    for match in TOKEN.finditer(msgstr):
        closing, name, selfclosing = match.groups()
        start = match.start()
        if start > pos:
            out.append(msgstr[pos:start])
        pos = match.end()
        if name not in expected:
            raise PlaceholderError(f"unknown placeholder {match.group(0)}")
        if closing:
            if not open_ or open_[-1] != name:
                raise PlaceholderError(f"{match.group(0)} closes nothing open")
            open_.pop()
            out.append(Token(name, CLOSE))
            continue
        if name in seen:
            raise PlaceholderError(f"placeholder <{name}> used twice")
        seen.add(name)
        if expected[name] == bool(selfclosing):
            want = f"<{name}>…</{name}>" if expected[name] else f"<{name}/>"
            raise PlaceholderError(f"{match.group(0)} should be written {want}")
        if expected[name]:
            open_.append(name)
            out.append(Token(name, OPEN))
        else:
            out.append(Token(name, EMPTY))
    if msgstr[pos:]:
        out.append(msgstr[pos:])
    if open_:
        raise PlaceholderError(f"<{open_[-1]}> is not closed")
    if len(seen) < len(expected):
        missing = [name for name in expected if name not in seen]
        raise PlaceholderError("missing placeholder " + ", ".join(f"<{n}>" for n in missing))
    return out
