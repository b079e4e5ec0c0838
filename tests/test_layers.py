"""The house by role: imports run one way, from the command line down to segmenting.

    cli → site, check, translate → catalogs → segment → shared plumbing (errors, config, …)

Read from the source with `ast`, so a forbidden import fails here even if it is never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "l10n"
ROLES = ("segment", "catalogs", "translate", "check", "site")
# What each role may not import (besides the command line, which no module imports).
FORBIDDEN = {
    "shared": {"segment", "catalogs", "translate", "check", "site", "cli"},
    "segment": {"catalogs", "translate", "check", "site", "cli"},
    "catalogs": {"translate", "check", "site", "cli"},
    "check": {"translate", "site", "cli"},
    "translate": {"site", "cli"},
    "site": {"translate", "cli"},
    "cli": set(),
}


def role(module: str) -> str:
    """The role of a module named `l10n.x.y`: its sub-package, `cli`, or `shared`."""
    parts = module.split(".")
    if len(parts) > 1 and parts[1] in ROLES:
        return parts[1]
    return "cli" if parts[1:2] == ["cli"] else "shared"


def imports(path: Path, package: Path = PACKAGE) -> set[str]:
    """The l10n modules a source file imports (relative imports resolved)."""
    rel = path.relative_to(package.parent).with_suffix("").parts
    here = list(rel[:-1]) if path.name != "__init__.py" else list(rel[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = here[:len(here) - node.level + 1] if node.level else []
            target = [*base, *(node.module.split(".") if node.module else [])]
            names = [f"{'.'.join(target)}.{alias.name}" for alias in node.names] if not node.module else []
            found.update(names or [".".join(target)])
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return {name for name in found if name.split(".")[0] == "l10n"}


def violations(package: Path = PACKAGE) -> list[str]:
    """`module imports module` lines for every import against the direction."""
    found = []
    for path in sorted(package.rglob("*.py")):
        module = ".".join(path.relative_to(package.parent).with_suffix("").parts)
        if path.name == "__init__.py" and path.parent == package:
            continue  # the public API re-exports from every role
        for target in sorted(imports(path, package)):
            if role(target) in FORBIDDEN[role(module)]:
                found.append(f"{module} imports {target}")
    return found


def test_imports_run_one_way():
    assert violations() == []


@pytest.mark.parametrize("module, line", [
    ("segment/document.py", "from ..catalogs import pofile\n"),
    ("catalogs/catalog.py", "from ..site.build import build\n"),
    ("site/build.py", "from ..translate.prefill import prefill\n"),
    ("errors.py", "from .segment import placeholders\n"),
])
def test_a_forbidden_import_is_caught(tmp_path: Path, module: str, line: str):
    copy = tmp_path / "l10n"
    for path in PACKAGE.rglob("*.py"):
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    changed = copy / module
    changed.write_text(line + changed.read_text(encoding="utf-8"), encoding="utf-8")
    assert violations(copy) and all(v.startswith("l10n." + module[:-3].replace("/", ".")) for v in violations(copy))
