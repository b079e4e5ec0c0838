"""The catalog model, in memory (no files): what a catalog is and what is done to it.

`catalog` holds `Entry` and `Catalog` (and what "reviewed" means, and how a catalog is counted),
`template` makes templates from units and new catalogs from templates, `merge` brings a catalog up
to date with its template as msgmerge does, `memory` and `glossary` are what translators reuse,
`origin` records where a suggestion came from. Imports segment and language only.
"""
