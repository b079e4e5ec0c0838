"""The site: skeletons of pages, the build of every language version, what surrounds the pages
(switcher, indexes, chooser), Traditional Chinese derivation and the preview server.

A role beside translate and check: none of the three imports another.
"""
