"""New articles from what comms staff have: a Word file, Markdown, plain text, an HTML file or a
live page, made into a page of the site (`l10n add`).

Each kind of source is read into a `<div>` of blocks by a module of its own (`word`, `markdown`,
`text`, `webpage`); `draft` finds the article in those blocks the same way for every kind
(headline, standfirst, date, what is not the article); `page` pours it into the site's own page;
`add` writes it, with its images, or nothing at all.
"""
