"""Checking: quality checks of translations, progress statistics and review pages.

A role beside translate and site: none of the three imports another.
"""
