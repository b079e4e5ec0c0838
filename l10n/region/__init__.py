"""Where the readers are: the hosts a region's readers cannot reach, and what a page loads from them.

`hosts` holds the shipped list for mainland China (with each entry's source and the date it was
checked) and the rule that matches a host to it; `resources` finds what a page loads from the
listed hosts and what the build does about each. No paths, no project: the list is package data.
"""
