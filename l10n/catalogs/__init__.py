"""Catalogs: gettext templates and catalogs made from units, merged, read and written.

`pofile` is the one PO reader and writer and its `Entry` type, `catalog` makes templates and
merges them into catalogs as msgmerge does, `steps` runs extract/update/init/compile over a
project, `memory` and `glossary` are what translators reuse, `origin` records where a
suggestion came from. Imports segment, never translate, check or site.
"""
