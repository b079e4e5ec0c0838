"""How fast the PO writer lays out a large catalog: 20,000 entries of the seed catalog's English and Chinese.

    python benchmarks/po_writer.py

Prints the best of five `pofile.dump` runs (gettext's layout, wrapped at 79 columns) and of
`pofile.dump(..., width=NO_WRAP)`.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from l10n.catalogs.catalog import Catalog, Entry  # noqa: E402
from l10n.formats import pofile  # noqa: E402

SEED = ROOT / "locales" / "zh" / "LC_MESSAGES" / "china-visit-boosts-business-links.po"


def catalog(size: int = 20_000) -> Catalog:
    rng = random.Random(5)
    base = pofile.load(SEED)
    pairs = [(e.msgid, e.msgstr) for e in base if e.msgstr]
    entries = []
    for n in range(size):
        msgid, msgstr = rng.choice(pairs)
        entries.append(
            Entry(f"{msgid} ({n})", f"{msgstr}（{n}）", comment="p", occurrences=[("source/docs/page.html", str(n))])
        )
    return Catalog(entries, metadata=dict(base.metadata))


def best(run, times: int = 5) -> float:
    found = []
    for _ in range(times):
        start = time.perf_counter()
        run()
        found.append(time.perf_counter() - start)
    return min(found)


def main() -> None:
    big = catalog()
    print(f"dump, 20,000 entries, wrapped:   {best(lambda: pofile.dump(big)):.3f} s")
    print(f"dump, 20,000 entries, unwrapped: {best(lambda: pofile.dump(big, pofile.NO_WRAP)):.3f} s")


if __name__ == "__main__":
    main()
