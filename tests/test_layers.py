"""The house by role: imports run one way, down these layers, and never back up.

    cli
    the package face (l10n/__init__.py)
    commands                    project-wide steps that write catalogs (extract, update, init, compile, export, import)
    translate | check | site | intake    the roles: peers, none imports another (intake: new articles from Word,
                                         Markdown, text or a live page, in the site's own page)
    store                       where a project's files are and how they are read and written
    lock, config, fingerprints  the project's lock, settings and cache (fingerprints of work done)
    formats                     parse and dump: text or bytes ⇄ the model; no paths, lock, cache or settings
    catalogs                    the model, in memory
    language                    rules of English and Chinese text (character classes, figures and dates)
    region                      where readers are: hosts they cannot reach (shipped data), what pages load from them
    segment                     HTML into units
    locales, atomic, report, parallel, digests, embargo (when a page may be published: read by intake and site)
    errors, version

A module imports only from layers below its own, and from its own sub-package. `from l10n import
x` (or `from .. import x`) is an import of the package face, above everything but the command
line. Read from the source with `ast`, so a forbidden import fails here even if it is never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "l10n"
LAYERS = [
    {"errors", "version"},
    {"locales", "atomic", "report", "parallel", "digests", "embargo"},
    {"segment"},
    {"language"},
    {"region"},  # settings (config) name hosts; the build and check find what pages load from them
    {"catalogs"},
    {"formats"},
    {"lock", "config", "fingerprints"},
    {"store"},
    {"translate", "check", "site", "intake"},
    {"commands"},
    {"__init__"},
    {"cli"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


def unit(module: str, package: Path = PACKAGE) -> str:
    """What a module belongs to: its sub-package (`segment` for `l10n.segment.document`), its own
    name for a top-level module, `__init__` for the package face (`l10n`, or a name it defines)."""
    parts = module.split(".")[1:]
    if not parts or parts == ["__init__"]:
        return "__init__"
    first = parts[0]
    if (package / first).is_dir() or (package / f"{first}.py").is_file():
        return first
    return "__init__"  # `from l10n import update`: a name of the package face


def imports(path: Path, package: Path = PACKAGE) -> set[str]:
    """The l10n modules (or names of the package face) a source file imports, relative imports resolved."""
    here = list(path.relative_to(package.parent).with_suffix("").parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            target = [*base, *(node.module.split(".") if node.module else [])]
            if len(target) == 1:  # `from l10n import x`, `from .. import x`: x is a module or a name of the face
                found.update(f"{target[0]}.{alias.name}" for alias in node.names)
            else:
                found.add(".".join(target))
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == package.name}


def violations(package: Path = PACKAGE) -> list[str]:
    """`module imports module` lines for every import against the direction."""
    found = []
    for path in sorted(package.rglob("*.py")):
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        own = unit(module, package)
        assert own in RANK, f"{module} belongs to no layer: add it to LAYERS"
        for target in sorted(imports(path, package)):
            other = unit(target, package)
            same_package = other == own and (package / own).is_dir()
            if not same_package and RANK[other] >= RANK[own]:
                found.append(f"{module} imports {target}")
    return found


def test_imports_run_one_way():
    assert violations() == []


def copy_with(tmp_path: Path, module: str, line: str) -> Path:
    """A copy of the package with `line` added at the top of `module`."""
    copy = tmp_path / "l10n"
    for path in PACKAGE.rglob("*.py"):
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    changed = copy / module
    changed.write_text(line + changed.read_text(encoding="utf-8"), encoding="utf-8")
    return copy


@pytest.mark.parametrize(
    "module, line",
    [
        ("segment/document.py", "from ..formats import pofile\n"),
        ("segment/document.py", "from l10n import update\n"),  # through the package face
        ("segment/scope.py", "from .. import __version__\n"),
        ("catalogs/catalog.py", "from ..site.build import build\n"),
        ("catalogs/merge.py", "from ..store import Project\n"),
        ("formats/pofile.py", "from ..store import save_catalog\n"),  # formats know no paths
        ("formats/tmx.py", "from ..config import Config\n"),
        ("formats/xliff.py", "from ..lock import catalogs_locked\n"),
        ("formats/xliff.py", "from ..fingerprints import State\n"),  # the cache
        ("site/build.py", "from ..translate.prefill import prefill\n"),
        ("site/build.py", "from ..check import stats\n"),  # roles are peers
        ("translate/facts.py", "from ..check.checks import figures\n"),
        ("store.py", "from .commands.catalogs import update\n"),
        ("commands/catalogs.py", "import l10n\n"),
        ("errors.py", "from .segment import placeholders\n"),
        ("config.py", "from .store import Project\n"),
        ("locales.py", "from .config import Config\n"),  # inside the plumbing too
        ("atomic.py", "from .report import Report\n"),
    ],
)
def test_a_forbidden_import_is_caught(tmp_path: Path, module: str, line: str):
    copy = copy_with(tmp_path, module, line)
    found = violations(copy)
    assert found and all(v.startswith("l10n." + module[:-3].replace("/", ".")) for v in found), found


@pytest.mark.parametrize(
    "module, line",
    [
        ("segment/document.py", "from .sentences import split_sentences\n"),  # inside its own sub-package
        ("site/build.py", "from ..store import Project\n"),
        ("cli.py", "from . import update\n"),
    ],
)
def test_an_import_down_the_layers_is_allowed(tmp_path: Path, module: str, line: str):
    assert violations(copy_with(tmp_path, module, line)) == []
