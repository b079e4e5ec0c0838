"""l10n: localise English HTML articles into Chinese through gettext catalogs.

Data flows one way:

    source HTML → document (units, placeholders) → catalogs (pot/po, merge)
                → skeletons (the page with markers) + catalogs → build (localised pages)
"""

__version__ = "0.3.0"
