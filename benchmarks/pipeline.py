"""Time l10n's own pipeline on generated news pages: segment, extract and build (issue 2).

Run from the repo root: `python benchmarks/pipeline.py [--pages N]`. The pages (seeded, the same
every run) go to a temporary project that is removed afterwards. Everything runs in this one
process (the library's default, `jobs=1`). The build is the first after translators filled
every catalog, so it merges every catalog again before writing every page.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from corpus import PYPROJECT, generate_site, translate_files  # noqa: E402

from l10n.commands import catalogs as pipeline  # noqa: E402
from l10n.config import load_config  # noqa: E402
from l10n.locales import parse_locale  # noqa: E402
from l10n.segment.document import Document  # noqa: E402
from l10n.site.build import build  # noqa: E402
from l10n.store import Project  # noqa: E402

T = TypeVar("T")


def timed(step: Callable[..., T], *args: Any) -> tuple[float, T]:
    """Seconds `step(*args)` took, and what it returned."""
    start = time.perf_counter()
    result = step(*args)
    return time.perf_counter() - start, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=500, help="news pages to generate (default 500)")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "pyproject.toml").write_text(PYPROJECT.format(name="pipeline-bench"))
        generate_site(folder / "source", args.pages, 8000, seed="pipeline")
        project = Project(load_config(folder))
        pages = sorted((folder / "source").rglob("*.html"))
        size = sum(p.stat().st_size for p in pages)
        zh = parse_locale("zh")

        seconds, documents = timed(lambda: [Document.load(p) for p in pages])
        units = sum(len(d.units) for d in documents)
        steps = {"segment (Document.load)": seconds}
        steps["extract (templates)"] = timed(pipeline.extract, project)[0]
        pipeline.init(project, zh)
        translate_files(folder / "locales" / "zh", ".po")
        steps["build zh (merge + pages)"] = timed(build, project, [zh])[0]

    print(f"{len(pages)} generated news pages, {size / 1e6:.1f} MB, {units:,} units\n")
    print(f"{'step':<28}{'seconds':>9}{'pages/s':>10}{'units/s':>11}")
    for step, seconds in steps.items():
        print(f"{step:<28}{seconds:>9.2f}{len(pages) / seconds:>10.0f}{units / seconds:>11,.0f}")


if __name__ == "__main__":
    main()
