"""Segmenting: English HTML read into a document model of translatable units.

`htmlio` reads and writes pages, `sentences` splits English into sentences, `placeholders` is
the token grammar of msgids (inline markup ⇄ `<a1>…</a1>`), `scope` tells the article from the
site around it, `verbatim` text that is not for translation, `jsonld` structured data, and
`document` the model that both extraction and the build use. Imports only the plumbing.
"""
