"""Every error l10n raises.

`L10nError` and its subclasses are the user's mistakes (bad input or settings): the command line
shows each as one line, `file:line: message`, and exits with `exit_code`. The others are raised
and caught inside l10n, where they become warnings or fallbacks: a translation whose placeholders
do not fit, a machine answer that lost a marker, a request that failed.
"""

from __future__ import annotations

from pathlib import Path


class L10nError(Exception):
    """A problem in the user's input or settings; never a bug in l10n."""

    exit_code = 2

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        return where + self.message


class ConfigError(L10nError):
    """Bad settings: unknown locale, missing folder, invalid configuration."""


class SourceError(L10nError):
    """An English source page that cannot be read."""


def page_failure(error: Exception, page: str) -> str | None:
    """`page[:line]: why` it could not be read, segmented or made, when `error` is about the page
    (any error but the user's other input and settings: those stop the command); else None."""
    if isinstance(error, L10nError):
        if not isinstance(error, SourceError):
            return None
        return f"{page}:{error.line}: {error.message}" if error.line else f"{page}: {error.message}"
    if isinstance(error, RecursionError):
        return f"{page}: elements are nested too deep to be worked on"
    return f"{page}: {error or type(error).__name__}"


class CatalogError(L10nError):
    """A .po or .pot file that cannot be read."""


class GlossaryError(L10nError):
    """A glossary file that cannot be read."""


class MediaError(L10nError):
    """A locale's media map (`locales/<locale>/media.toml`) that cannot be used."""


class CacheError(L10nError):
    """A cache file that cannot be used."""


class InterchangeError(L10nError):
    """An XLIFF or TMX file that cannot be read, or that does not fit the project's catalogs."""


class ProviderError(L10nError):
    """A provider that cannot be used: unknown, missing key or server, or refusing our requests."""


class PlaceholderError(ValueError):
    """A msgstr whose tokens do not match its msgid's."""


class RestoreError(ValueError):
    """A machine answer whose markers do not match the text sent."""


class SkeletonError(ValueError):
    """A page that cannot be made into a skeleton (it uses every marker character)."""


class Failure(Exception):
    """A request that gave no translation; `transient` ones are worth another attempt."""

    def __init__(self, reason: str, transient: bool = False, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.transient = transient
        self.retry_after = retry_after
