"""File formats: each module parses and dumps (text or bytes ⇄ the catalog model), as Babel's
`read_po`/`write_po` do. No paths, no lock, no cache, no settings: the store reads and writes files.

`pofile` (with `powrap` and `linebreak`: GNU gettext's layout), `mofile`, `xliff`, `tmx`, `tbx`;
`transunits` (catalog entries as units with inline codes) and `xmlio` (one safe XML parser) are
what the exchange formats share.
"""
