"""Traditional Chinese derived from reviewed Simplified Chinese catalogs with OpenCC (optional)."""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ConfigError
from ..locales import TargetLocale

# OpenCC configurations by region: Taiwan and Hong Kong usage, else generic Traditional.
_CONFIGS = {"TW": "s2twp", "HK": "s2hk"}


def is_traditional(locale: TargetLocale) -> bool:
    return locale.locale.language == "zh" and locale.script == "Hant"


def converter(locale: TargetLocale) -> Callable[[str], str]:
    """A Simplified → Traditional converter for the locale's region."""
    try:
        import opencc
    except ImportError:
        raise ConfigError(
            f"{locale.code} has no catalogs; install OpenCC (pip install 'l10n[traditional]') "
            "to derive it from Simplified Chinese, or start catalogs with `l10n init "
            f"{locale.code}`"
        ) from None
    return opencc.OpenCC(_CONFIGS.get(locale.territory or "", "s2t")).convert
