"""Translating: suggestions for empty entries, from memory, pseudo-localisation or a service.

`prefill` fills catalogs, `facts` keeps suggestions' figures and dates those of their English,
`providers` talks to services through deep-translator, `protect` keeps placeholders and terms
away from them, `pseudo` pseudo-localises, `cache` keeps answers. A role beside check and site:
none of the three imports another.
"""
