"""What l10n knows of its languages' text, shared by checks, suggestions and pages.

`chinese`: Chinese character classes and the punctuation of machine output; `numbers`: figures
and dates in English and Chinese as comparable values (£31 billion = 310亿英镑). Imports segment
(its token grammar) and the plumbing only.
"""
