"""Tools that share the files: Poedit's Language header, Weblate's component discovery."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import polib
import pytest
from conftest import ROOT, SEED, l10n, msgfmt_check


@pytest.mark.parametrize("language", ["zh", "zh_CN", "zh-Hans", "zh_Hans"])
def test_update_leaves_a_language_header_naming_the_locale_as_the_file_has_it(seeded: Path, language: str):
    path = seeded / "locales" / "zh" / "LC_MESSAGES" / "china-visit-boosts-business-links.po"
    text = path.read_text().replace('"Language: zh_Hans\\n"', f'"Language: {language}\\n"')
    path.write_text(text)  # as Poedit saves it
    (seeded / "source" / SEED.name).write_text(SEED.read_text().replace("Sichuan", "Sichuan province", 1))
    l10n("update")
    after = path.read_text()
    assert after != text  # the new English is in
    assert polib.pofile(str(path)).metadata["Language"] == language
    msgfmt_check(path)


def test_update_corrects_a_language_header_naming_another_locale(seeded: Path):
    path = seeded / "locales" / "zh" / "LC_MESSAGES" / "china-visit-boosts-business-links.po"
    path.write_text(path.read_text().replace('"Language: zh_Hans\\n"', '"Language: zh_TW\\n"'))
    l10n("update")
    assert polib.pofile(str(path)).metadata["Language"] == "zh_Hans"


def _weblate_discovery() -> re.Pattern[str]:
    """The discovery regular expression the README gives."""
    readme = (ROOT / "README.md").read_text()
    found = re.findall(r"^(locales/\(\?P<language>.*)$", readme, re.MULTILINE)
    assert len(found) == 1, found
    return re.compile(found[0])


def test_the_readmes_weblate_discovery_matches_every_catalog_of_the_layout(project: Path):
    for path in ("a.html", "news/b.html", "news/2025/c.d.html", "x/y/z/e.html"):
        (project / "source" / path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(SEED, project / "source" / path)
    l10n("init", "zh")
    l10n("init", "zh_Hant")
    l10n("compile", "zh")
    pattern = _weblate_discovery()
    files = [p.relative_to(project).as_posix() for p in sorted((project / "locales").rglob("*")) if p.is_file()]
    catalogs = [f for f in files if f.endswith(".po")]
    assert len(catalogs) == 2 * 5 and any(f.endswith(".mo") for f in files) and any(f.endswith(".pot") for f in files)
    # Weblate matches the regex at the start of each path in the repository.
    matched = {f: m for f in files if (m := pattern.match(f))}
    assert sorted(matched) == catalogs
    for name, match in matched.items():
        component = match.group("component")
        assert (project / "locales" / "templates" / f"{component}.pot").is_file(), name
        assert match.group("language") in ("zh", "zh_Hant")
    assert matched["locales/zh/LC_MESSAGES/news/2025/c.d.po"].group("component") == "news/2025/c.d"
