"""Text that is not for translation: it stays in the page as it is and never reaches a catalog.

A whole unit is left alone when it has no letters (figures, digit dates, prices, symbols such as
`✕` or `45`), or is a web or e-mail address, a file name, an identifier (`kebab-case-words`,
`snake_case`, `camelCase`) or template code (`{{…}}`, `{%…%}`, `<%…%>`). A number inside a
sentence is of course translated with its sentence. Icon fonts draw a glyph for a word written in
an element (`<i class="material-icons">arrow_forward_ios</i>`): such elements are kept whole.
"""

from __future__ import annotations

import re

from lxml import etree

_LETTER = re.compile(r"[^\W\d_]")
_ADDRESS = re.compile(r"(?:[a-z][a-z0-9+.-]*://|www\.)\S+|mailto:\S+|[\w.%+-]+@[\w-]+(?:\.[\w-]+)+", re.I)
_DOMAIN = re.compile(r"(?:[a-z0-9-]+\.)+(?:com|org|net|gov|edu|uk|io|co|info|biz|int|eu|de|fr|cn)(?:/\S*)?", re.I)
_FILE = re.compile(r"[\w~()\[\] .,+-]*\w\.(?:jpe?g|png|gif|webp|svg|avif|bmp|tiff?|ico|pdf|docx?|xlsx?|pptx?|odt|ods|"
                   r"csv|txt|rtf|zip|gz|mp[34]|m4[av]|mov|avi|webm|wav|ogg|html?|php|aspx?|jsp|js|css|json|xml)", re.I)
_IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+){2,}|[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+"
                         r"|[a-z]+(?:[A-Z][a-z0-9]*)+[a-z0-9]*")
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|<%.*?%>|\$\{.*?\}", re.S)
_TOKEN_SPACES = re.compile(r"<(/?)[A-Za-z][A-Za-z-]*[0-9]+/?>|\s+")
# Classes of elements whose text an icon font draws as a glyph.
_ICON_CLASS = re.compile(r"(?:^|\s)(?:material-(?:icons|symbols)[\w-]*|glyphicon[\w-]*|fa[srlbd]?|fa-[\w-]+|"
                         r"bi|bi-[\w-]+|icon|icons|[\w-]*-icon|icon-[\w-]+|ms-Icon[\w-]*)(?:\s|$)")


def for_translation(msgid: str) -> bool:
    """Whether a unit's text (a msgid) is language to translate, not a figure, address or code.

    >>> [for_translation(t) for t in ("45", "✕", "£3,000.00", "12/05/2024", "arrow_forward_ios",
    ...                               "www.example.org", "IMG_1234.jpg", "{{isCollapsed ? 'Expand' : 'Collapse'}}")]
    [False, False, False, False, False, False, False, False]
    >>> [for_translation(t) for t in ("Home", "A5", "Read <a1>more</a1>", "e-mail", "COVID-19 rules")]
    [True, True, True, True, True]
    """
    text = _TOKEN_SPACES.sub(" ", msgid).strip() if "<" in msgid else msgid.strip()
    if not _LETTER.search(text):
        return False
    if ("{" in text or "<%" in text) and _TEMPLATE.search(text) and not _LETTER.search(_TEMPLATE.sub("", text)):
        return False
    if len(text.split(None, 1)) > 1:
        return True
    return not (_ADDRESS.fullmatch(text) or _DOMAIN.fullmatch(text) or _FILE.fullmatch(text)
                or _IDENTIFIER.fullmatch(text))


def is_icon(el: etree._Element) -> bool:
    """An element an icon font draws: an icon class, and as text at most one identifier-like word."""
    classes = el.get("class")
    if not classes or not _ICON_CLASS.search(classes):
        return False
    text = "".join(el.itertext()).strip()
    return not text or (" " not in text and len(text) <= 40 and not text[:1].isupper())
