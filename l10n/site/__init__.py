"""The site: skeletons of pages, the build of every language version, what surrounds the pages
(switcher, indexes, chooser), Traditional Chinese derivation and the preview server.
Imports segment and catalogs, never translate.
"""
