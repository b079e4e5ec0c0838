"""Pseudo-localisation: visibly different, longer text for testing layouts before translation.

`Sichuan is the size of Spain.` becomes
`【Šîçĥûåñ îš ţĥé šîžé öƒ Šþåîñ. 文文文文文文文文文文文文】`. Accented letters show text that
escaped translation is not English, the brackets show truncation, and the Chinese padding makes
strings about 40% longer and exercises the page's Chinese font. Markers of protected
placeholders and terms are kept as they are.
"""

from __future__ import annotations

from .protect import MARKER

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "åƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_PAD = "文"
GROWTH = 0.4  # extra length, as a share of the text's


def pseudolocalise(text: str) -> str:
    """The pseudo-translation of a text, keeping its markers (see protect.py)."""
    parts: list[str] = []
    pos = 0
    for match in MARKER.finditer(text):
        parts.append(text[pos : match.start()].translate(_ACCENTED))
        parts.append(match.group(0))
        pos = match.end()
    parts.append(text[pos:].translate(_ACCENTED))
    visible = len(MARKER.sub("", text))
    return "【" + "".join(parts) + " " + _PAD * max(1, round(visible * GROWTH)) + "】"
