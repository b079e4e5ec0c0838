"""The rules of Chinese text: its character classes, and its punctuation in machine output.

The character classes are defined here once, for every module that tells Chinese from other text
(checks, the build joining sentences without spaces, suggestions' punctuation).

Machine translation often leaves English punctuation in Chinese text (`你好, 世界.`). In a
sentence that is mostly Chinese, ASCII , . : ; ! ? and straight double quotes become their
full-width forms, and spaces go where Chinese has none: around full-width punctuation and
between Chinese characters. Numbers (3.5, 1,000, 10:30), URLs, e-mail addresses, ellipses and
abbreviations keep their punctuation, and so do spans the caller marks as atomic (placeholders,
protected terms); like Chinese characters, they take no space next to a Chinese character.
"""

from __future__ import annotations

import re

# Character classes, for use inside [...]. Chinese characters:
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f"
# Chinese characters and CJK punctuation (full-width forms included):
CJK = HAN + "\u3000-\u303f\uff00-\uffef"
# Characters before or after which Chinese and Japanese put no space between sentences:
NO_SPACE = CJK + "\u2e80-\u33ff"
FULL_WIDTH = {",": "，", ".": "。", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
_CHINESE_PUNCTUATION = frozenset("，。：；！？、“”‘’（）《》〈〉【】「」『』…—")
_CLOSING = frozenset("\"'”’)]）】》」』")
_HAN_CHAR = re.compile(f"[{HAN}]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
# An e-mail address starts where a run of its characters does (not again inside it): linear.
_LINK = re.compile(r"(?:https?://|www\.)\S*[^\s.,:;!?'\")\]]|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def is_chinese(text: str) -> bool:
    """True when the text has Chinese characters and no more Latin words than Chinese characters."""
    han = len(_HAN_CHAR.findall(text))
    return han > 0 and han >= len(_LATIN_WORD.findall(text))


def normalise(text: str, atomic: re.Pattern[str] | None = None) -> str:
    """Chinese punctuation and spacing in a Chinese sentence; other text is returned unchanged."""
    pieces, kinds = _split(text, atomic)
    if not is_chinese("".join(p for p, kind in zip(pieces, kinds) if kind == "char")):
        return text
    pieces = _convert(pieces, kinds)
    before, after = _neighbours(pieces, kinds)
    return "".join(
        p
        for i, p in enumerate(pieces)
        if not (kinds[i] == "char" and p.isspace() and _droppable(pieces, kinds, before[i], after[i]))
    )


def _neighbours(pieces: list[str], kinds: list[str]) -> tuple[list[int], list[int]]:
    """For each piece, the nearest piece before it and after it that is not a space (-1 and
    len(pieces) where there is none): found in two passes, not by a walk from every space."""
    before, after = [-1] * len(pieces), [len(pieces)] * len(pieces)
    last = -1
    for i, (p, kind) in enumerate(zip(pieces, kinds)):
        before[i] = last
        if not (kind == "char" and p.isspace()):
            last = i
    last = len(pieces)
    for i in range(len(pieces) - 1, -1, -1):
        after[i] = last
        if not (kinds[i] == "char" and pieces[i].isspace()):
            last = i
    return before, after


def _split(text: str, atomic: re.Pattern[str] | None) -> tuple[list[str], list[str]]:
    """Characters, links and atomic spans, with their kinds ("char", "link", "atomic")."""
    spans = [(m.start(), m.end(), "link") for m in _LINK.finditer(text)]
    if atomic is not None:
        spans += [(m.start(), m.end(), "atomic") for m in atomic.finditer(text) if m.end() > m.start()]
    pieces: list[str] = []
    kinds: list[str] = []
    pos = 0
    for start, end, kind in sorted(spans):
        if start < pos:
            continue
        pieces += text[pos:start]
        kinds += ["char"] * (start - pos)
        pieces.append(text[start:end])
        kinds.append(kind)
        pos = end
    pieces += text[pos:]
    kinds += ["char"] * (len(text) - pos)
    return pieces, kinds


def _convert(pieces: list[str], kinds: list[str]) -> list[str]:
    out = list(pieces)
    ends = _ends(pieces, kinds)
    chars = [i for i, kind in enumerate(kinds) if kind == "char"]
    quotes = [i for i in chars if pieces[i] == '"']
    for n, i in enumerate(quotes[: len(quotes) // 2 * 2]):
        out[i] = "“" if n % 2 == 0 else "”"
    for i in chars:
        p = pieces[i]
        if p not in FULL_WIDTH:
            continue
        before = pieces[i - 1] if i > 0 and kinds[i - 1] == "char" else ""
        after = pieces[i + 1] if i + 1 < len(pieces) and kinds[i + 1] == "char" else ""
        if p in ",.:" and before.isdigit() and after.isdigit():
            continue  # 1,000  3.5  10:30
        if p == "." and ("." in (before, after) or (after.isascii() and after.isalnum())):
            continue  # an ellipsis, or inside a name such as leics.gov.uk
        if p == "." and before.isascii() and before.isalpha() and not ends[i]:
            continue  # an abbreviation such as "Dr."
        out[i] = FULL_WIDTH[p]
    return out


def _ends(pieces: list[str], kinds: list[str]) -> list[bool]:
    """For each position, whether nothing after it is there but spaces, closing quotes or
    brackets and atomic spans (one pass from the end)."""
    ends = [False] * len(pieces)
    end = True
    for i in range(len(pieces) - 1, -1, -1):
        ends[i] = end
        end = end and (kinds[i] == "atomic" or pieces[i].isspace() or pieces[i] in _CLOSING)
    return ends


def _droppable(pieces: list[str], kinds: list[str], j: int, k: int) -> bool:
    """A space (between the pieces j and k that are not spaces) touching Chinese punctuation, or
    between a Chinese character and a Chinese character or atomic span."""
    if j < 0 or k >= len(pieces):
        return False
    before, after = pieces[j], pieces[k]
    if before in _CHINESE_PUNCTUATION or after in _CHINESE_PUNCTUATION:
        return True

    han_before, han_after = bool(_HAN_CHAR.match(before)), bool(_HAN_CHAR.match(after))
    return (han_before or kinds[j] == "atomic") and (han_after or kinds[k] == "atomic") and (han_before or han_after)
