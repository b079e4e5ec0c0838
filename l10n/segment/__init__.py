"""Segmenting: English HTML read into a document model of translatable units.

`htmlio` reads and writes pages, `sentences` splits English into sentences, `placeholders` is
the token grammar of msgids (inline markup ⇄ `<a1>…</a1>`), `document` the model that both
extraction and the build use, and `chinese` the rules of Chinese text (character classes,
punctuation) that checks, suggestions and pages share. Imports nothing from the other roles.
"""
