"""The kinds of user mistakes, each shown by the CLI as one line."""

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


class CatalogError(L10nError):
    """A .po or .pot file that cannot be read."""
