"""The version of l10n, for the package face, headers of the files it writes, and `--version`."""

__version__ = "0.3.0"
