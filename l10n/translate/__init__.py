"""Translating: suggestions for empty entries, from memory, pseudo-localisation or a service.

`prefill` fills catalogs, `providers` talks to services through deep-translator, `protect`
keeps placeholders and terms away from them, `pseudo` pseudo-localises, `cache` keeps answers.
"""
