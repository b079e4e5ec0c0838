"""What a target locale means: Babel's data turned into the codes each format wants."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.messages.plurals import get_plural

from .errors import ConfigError

# Languages written in more than one script, where the script must be explicit.
_MULTI_SCRIPT = frozenset({"zh", "sr", "uz", "az", "bs", "pa", "mn", "ha", "ks", "sd"})
# Languages that join sentences without spaces.
_NO_SPACE_LANGUAGES = frozenset({"zh", "ja"})
# The pseudo locale: pseudo-localised English for testing layouts (`qps`, from BCP 47's private-use
# range, as Microsoft's qps-ploc), never a language anyone reads. Babel knows none: its dates,
# plurals and direction are the English ones.
PSEUDO = "qps"


@dataclass(frozen=True)
class TargetLocale:
    """A locale as the user names it (`zh`), with its full form (`zh_Hans_CN`) from Babel."""

    code: str
    locale: Locale
    territory: str | None
    pseudo: bool = False  # the pseudo locale (`PSEUDO`): Babel's data is English's

    @property
    def script(self) -> str | None:
        return self.locale.script

    @property
    def po_language(self) -> str:
        """The PO `Language` header, e.g. `zh_Hans`."""
        if self.pseudo:
            return PSEUDO
        parts = [self.locale.language]
        if self.script and self.locale.language in _MULTI_SCRIPT:
            parts.append(self.script)
        if self.territory:
            parts.append(self.territory)
        return "_".join(parts)

    @property
    def html_lang(self) -> str:
        """The BCP 47 tag for `<html lang>`, e.g. `zh-Hans`."""
        return self.po_language.replace("_", "-")

    @property
    def og_locale(self) -> str:
        """The Open Graph form, language_TERRITORY: `zh_CN` for `zh`, `zh_TW` for `zh_Hant`."""
        if self.pseudo:
            return PSEUDO
        territory = self.territory or self.locale.territory
        return f"{self.locale.language}_{territory}" if territory else self.locale.language

    @property
    def direction(self) -> str:
        return "rtl" if self.locale.text_direction == "rtl" else "ltr"

    @property
    def plural_forms(self) -> str:
        plural = get_plural(self.locale)
        return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"

    @property
    def english_name(self) -> str:
        if self.pseudo:
            return "Pseudo-localisation"
        return self.locale.english_name or self.code

    @property
    def joins_sentences_without_spaces(self) -> bool:
        return self.locale.language in _NO_SPACE_LANGUAGES


@cache
def parse_locale(code: str) -> TargetLocale:
    """Resolve `zh`, `zh_Hant`, `pt-BR`… and the pseudo locale `qps`; unknown codes raise ConfigError."""
    if not code or not code.replace("_", "").replace("-", "").isalnum():
        raise ConfigError(f"unknown locale {code!r}")
    normal = code.replace("-", "_")
    if normal.lower() == PSEUDO:
        return TargetLocale(code=PSEUDO, locale=Locale.parse("en"), territory=None, pseudo=True)
    try:
        given = Locale.parse(normal)
    except (UnknownLocaleError, ValueError):
        raise ConfigError(f"unknown locale {code!r} (Babel knows no such locale)") from None
    likely = get_global("likely_subtags").get(normal, normal)
    try:
        full = Locale.parse(likely)
    except (UnknownLocaleError, ValueError):
        full = Locale.parse(normal)
    return TargetLocale(code=normal, locale=full, territory=given.territory)


def same_locale(tag: str, locale: TargetLocale) -> bool:
    """True when a locale code or BCP 47 tag names the locale's language and script, the likely
    script when it gives none: `zh` (as Poedit writes it), `zh_CN`, `zh-Hans` and `zh_Hans` for
    `zh`; `zh_TW` and `zh-Hant` for `zh_Hant`."""
    try:
        other = parse_locale(tag.strip())
    except ConfigError:
        return False
    if other.pseudo or locale.pseudo:
        return other.pseudo == locale.pseudo
    return other.locale.language == locale.locale.language and other.script == locale.script
