"""Checking: quality checks of translations, figures, progress statistics and review pages."""
