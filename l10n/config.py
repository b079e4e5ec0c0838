"""Project settings: defaults, `[tool.l10n]` in pyproject.toml, then command-line options."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .locales import parse_locale

SEGMENTATION_MODES = ("sentence", "paragraph")


@dataclass(frozen=True)
class Config:
    """Where things live and what to produce. Paths are absolute."""

    root: Path
    source: Path
    locales: Path
    output: Path
    languages: tuple[str, ...] = ("zh",)
    segmentation: str = "sentence"
    source_language: str = "en"
    extra: dict[str, Any] = field(default_factory=dict, compare=False)

    def relative(self, path: Path) -> str:
        """`path` as shown to users and in references: relative to the project root."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()


_KEYS = {"source", "locales", "output", "languages", "segmentation", "source_language"}


def find_pyproject(start: Path) -> Path | None:
    """The nearest pyproject.toml in `start` or its parents."""
    for folder in (start, *start.parents):
        candidate = folder / "pyproject.toml"
        if candidate.is_file():
            return candidate
    return None


def load_config(start: Path | None = None, **overrides: Any) -> Config:
    """Read `[tool.l10n]` from the nearest pyproject.toml, then apply non-None overrides."""
    start = (start or Path.cwd()).resolve()
    pyproject = find_pyproject(start)
    root = pyproject.parent if pyproject else start
    table: dict[str, Any] = {}
    if pyproject:
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ConfigError(f"cannot read settings: {e}", pyproject) from None
        table = data.get("tool", {}).get("l10n", {})
        if not isinstance(table, dict):
            raise ConfigError("[tool.l10n] must be a table", pyproject)
    settings = {k: v for k, v in table.items() if k in _KEYS}
    extra = {k: v for k, v in table.items() if k not in _KEYS}
    settings.update({k: v for k, v in overrides.items() if v is not None})

    def folder(key: str, default: str) -> Path:
        value = settings.get(key, default)
        if not isinstance(value, (str, Path)):
            raise ConfigError(f"setting {key!r} must be a folder path", pyproject)
        return (root / Path(value)).resolve()

    languages = settings.get("languages", ["zh"])
    if isinstance(languages, str) or not all(isinstance(x, str) for x in languages):
        raise ConfigError("setting 'languages' must be a list of locale codes", pyproject)
    languages = tuple(parse_locale(code).code for code in languages)
    segmentation = settings.get("segmentation", "sentence")
    if segmentation not in SEGMENTATION_MODES:
        raise ConfigError(
            f"setting 'segmentation' must be one of {', '.join(SEGMENTATION_MODES)}, not {segmentation!r}",
            pyproject,
        )
    return Config(
        root=root,
        source=folder("source", "source"),
        locales=folder("locales", "locales"),
        output=folder("output", "dist"),
        languages=languages,
        segmentation=segmentation,
        source_language=str(settings.get("source_language", "en")),
        extra=extra,
    )


def with_output(config: Config, output: Path | None) -> Config:
    """The same settings writing pages to `output` (when given)."""
    return replace(config, output=output.resolve()) if output else config
