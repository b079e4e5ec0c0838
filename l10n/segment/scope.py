"""Which part of a page is the article, and which is the site around it (menus, footers, teasers).

The article is found by the project's `content` selectors (CSS, the first that matches a page
wins), else automatically: schema.org `articleBody`, a single `<article>`, `<main>`,
`[role=main]`, else the block holding most of the page's running text (a text-density rule like
readability's). Inside it, navigation, asides, footers, forms and share, related or comment
blocks are site furniture. The headline (`<h1>`, `<title>`), the description and title metas and
the article's figure captions count as article wherever they are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache

from lxml import etree
from lxml.cssselect import CSSSelector

ARTICLE, SITE = "article", "site"
# Metas of the article: its title and description as search engines and social sites show them.
ARTICLE_METAS = frozenset(
    {
        "description",
        "og:title",
        "og:description",
        "og:image:alt",
        "twitter:title",
        "twitter:description",
        "twitter:image:alt",
    }
)
_FURNITURE_TAGS = ("nav", "aside", "footer", "form", "dialog")
_FURNITURE_ROLES = frozenset(
    {
        "navigation",
        "complementary",
        "contentinfo",
        "search",
        "banner",
        "dialog",
        "menu",
        "menubar",
        "toolbar",
        "alert",
        "alertdialog",
    }
)
# Words of class and id names that mark furniture (as readability and boilerpipe judge them), and
# words that mark content: `sidebar-and-content-body` is content, `share-buttons` furniture.
_FURNITURE_WORDS = frozenset(
    {
        "share",
        "sharing",
        "sharebar",
        "social",
        "related",
        "recommended",
        "recommendations",
        "promo",
        "promotion",
        "advert",
        "advertisement",
        "ad",
        "ads",
        "adslot",
        "sponsor",
        "sponsored",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "comments",
        "comment",
        "disqus",
        "breadcrumb",
        "breadcrumbs",
        "pagination",
        "pager",
        "sidebar",
        "toolbar",
        "masthead",
        "popup",
        "modal",
        "outbrain",
        "taboola",
        "tags",
        "taglist",
        "trending",
        "popular",
        "nav",
        "navbar",
        "navigation",
        "menu",
        "skip",
        "jump",
        "print",
        "footer",
        "header",
        "banner",
        "teaser",
        "teasers",
        "author",
        "bio",
        "vjs",
        "overlay",
        "buybox",
        "disclaimer",
        "credit",
        "disclosure",
        "paywall",
    }
)
_CONTENT_WORDS = frozenset({"content", "body", "post", "article", "entry", "text", "main", "story", "prose", "copy"})
_FURNITURE_ENDINGS = ("menu", "nav", "navigation", "sidebar", "footer")  # sidemenu, mainnav
# Layout words that name a neighbour, not the element: `for_sidebar`, `above-footer`.
_LAYOUT = re.compile(
    r"\b(?:for|with|has|no|above|below|before|after|pre|post)[-_](?:sidebar|footer|header|nav)\b", re.I
)
# A block named like furniture that holds more than this share of the article's text is not furniture.
_MOST_OF_IT = 0.4
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}")
_NAME_WORD = re.compile(r"[a-z]+|[A-Z][a-z]*")
_POSITIVE = re.compile(r"article|body|content|entry|main|page|post|text|blog|story|hentry|prose", re.I)
_NEGATIVE = re.compile(
    r"comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|"
    r"advert|disclosure|disclaimer|"
    r"scroll|shoutbox|sidebar|sponsor|shopping|tags|tool|widget|nav|menu|header|share|social|"
    r"cookie|banner|teaser|card|newsletter|subscribe",
    re.I,
)
_PARAGRAPHS = ("p", "pre", "td", "blockquote", "div")
# Short blocks inside an article that are the site talking, not the article: calls to subscribe,
# follow or share, copyright lines, "related stories" headings. Calls to act count where a sentence
# starts ("Leave a comment."): inside a sentence they are the article's ("viewers can now leave a
# comment", "waiting for someone to tell us what was going on").
_BOILERPLATE = re.compile(
    r"\b(?:subscri(?:ber|bers|ption)|newsletter|all rights reserved|"
    r"copyright|related (?:stories|articles|posts|news|content)|you (?:may|might) (?:also )?like|read more|"
    r"recommended (?:for you|stories|articles|reading|videos)|more (?:stories|from)|advertisement|"
    r"(?:our|from|by) advertisers|please (?:subscribe|sign up|log ?in|support)|post a comment|leave a reply|"
    r"(?:get|download) (?:the|our) .{0,60}\bapps?|"
    r"release date|advertiser disclosure|affiliate links?|amazon associate|rely on your support|we want to hear|"
    r"(?:we|you) may (?:receive|earn) (?:a )?(?:compensation|commission)|"
    r"terms of (?:use|service)|privacy (?:policy|notice)|"
    r"cookies?|posted (?:in|by)|filed under|is not responsible for|written permission)\b|"
    r"(?:^|(?<=[.!?:] )|(?<=[.!?:][\"'”’] ))(?:subscribe|sign(?:ing)? up|log ?in|follow (?:us|the|@)|"
    r"(?:get|download)\b.{0,80}\bapps?|support (?:our|independent)|(?:tell|let) us (?:what|know)|"
    r"share (?:this|on)|click here|leave a comment)\b|"
    r"\b(?:tags?|categor(?:y|ies)) ?:|©",
    re.I,
)
# The first words of every `_BOILERPLATE` phrase: a text with none of them cannot match it.
_TRIGGERS = frozenset(
    "subscriber subscribers subscription newsletter all copyright related you read recommended more advertisement "
    "our from by please post leave get download release advertiser affiliate amazon rely we terms privacy "
    "cookie cookies posted filed is written subscribe sign signing log login follow support tell let share click "
    "tag tags category categories ©".split()
)
_WORD = re.compile(r"[a-z]+|©")
_SHORT_BLOCK = 300  # characters
# Blocks that are mostly link text (more than this share) and hold at least this much text.
_LINK_BLOCKS = frozenset({"div", "section", "ul", "ol", "p", "table", "dl"})
_LINK_DENSITY = 0.6
_LINKS_ONLY = 20
_BLOCKS = frozenset(
    {
        "p",
        "div",
        "section",
        "ul",
        "ol",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "span",
        "small",
        "strong",
        "em",
        "b",
        "i",
        "figure",
        "header",
        "li",
        "dl",
        "table",
    }
)
# A <main> or [role=main] holding less running text than this is not the article (a widget).
_LEAST_TEXT = 200
# Running prose outside the article: blocks of at least this many characters with a sentence end.
_PROSE = 80
_SENTENCE = 40  # a paragraph (`<p>`, `<blockquote>`) of one sentence this long is prose too
_SENTENCE_END = re.compile(r"\w[.!?][\"'”’)]?\s+\S|\w[.!?][\"'”’)]?$")
_HEADLINE = 20  # characters of link text that make a headline
_CARD = 300  # characters besides a summary in a card of another page's heading and summary
_PROSE_SECTION = 400  # characters of prose paragraphs that make a block named like furniture the article's
_COMMENTS = re.compile(r"comment|disqus|respond|discussion", re.I)
_PROSE_BLOCKS = frozenset({"p", "blockquote", "li", "dd", "td", "th", "figcaption"})
_NOT_PROSE = frozenset(
    {"head", "script", "style", "noscript", "template", "select", "button", "label", "a", "pre", "code", "textarea"}
    | {"h1", "h2", "h3", "h4", "h5", "h6", "iframe", "svg", "math", "object", "header"}
)
_NO_TEXT = frozenset({"script", "style", "noscript", "template"})
# The elements the article is looked for by, found in the pass that measures the text.
_LANDMARKS = ("article", "main", "h1", "title", "meta", "figcaption", "articleBody", "role=main")  # (two are no tags)
_INLINE = frozenset(
    {"a", "b", "i", "em", "strong", "span", "font", "u", "small", "big", "sup", "sub", "abbr", "cite", "q"}
)


@cache
def selectors(content: tuple[str, ...]) -> tuple[CSSSelector, ...]:
    """The `content` selectors compiled (settings checked them: see `config`)."""
    return tuple(CSSSelector(selector) for selector in content)


class Scope:
    """The article and site parts of one page's tree, and why (`how`, `reasons`: see `explain`).

    Recall first: when the article was found by text density (no selector, `articleBody`, single
    `<article>` or `<main>` said where it is), a block of running prose outside it is the
    article's too, unless it sits in furniture (a nav, footer, aside, form, or a block named so).
    """

    def __init__(self, root: etree._Element, content: tuple[str, ...] = (), warn: Callable[[str], None] | None = None):
        survey = _Survey(root)
        self.lengths, self.linked, landmarks = survey.lengths, survey.linked, survey.found
        self.reasons: dict[etree._Element, str] = {}  # furniture, and prose taken from outside the article
        found = _chosen(root, selectors(content))
        self.sure = True
        if found is not None:
            roots, self.how = found
        else:
            if content and warn is not None:
                warn("no content selector matches this page; the article was found automatically")
            roots, self.how = self._automatic(root, landmarks)
        self.whole = any(r is root for r in roots)  # no article found apart from the page: all of it is
        self.roots: list[etree._Element] = roots  # the elements holding the article, in page order
        self.article: set[etree._Element] = set(roots)  # the set holds the proxies, so identity holds
        self.furniture: set[etree._Element] = set()
        if not self.whole and (not self.sure or __import__("os").environ.get("RESCUE")):
            prose = self._prose_outside(root, set(roots))
            self.article.update(prose)
            roots = roots + prose
        for r in roots:
            self._furniture_in(r)
        self.article.update(
            h1 for h1 in landmarks["h1"] if not any(_structural(a) or a in self.furniture for a in h1.iterancestors())
        )
        self.article.update(landmarks["title"])
        self.article.update(
            m for m in landmarks["meta"] if (m.get("name") or m.get("property") or "").lower() in ARTICLE_METAS
        )
        self.article.update(
            caption
            for caption in landmarks["figcaption"]
            if not any(_is_furniture(el) or el.tag == "header" for el in caption.iterancestors())
        )

    @property
    def outside(self) -> str:
        """The scope of what no mark covers: the page's, when no article was found apart from it."""
        return ARTICLE if self.whole else SITE

    def mark(self, el: etree._Element, inherited: str) -> str:
        """The scope of an element whose parent's is `inherited`: the deepest mark wins."""
        if el in self.furniture:
            return SITE
        return ARTICLE if el in self.article else inherited

    def _furniture_in(self, r: etree._Element) -> None:
        """Mark the furniture inside an article block: navigation, share and related blocks, lists
        of links, short blocks of the site talking."""
        lengths, linked = self.lengths, self.linked
        most = lengths.get(r, 0) * _MOST_OF_IT
        inside: set[etree._Element] = set()  # furniture, and what is inside it: not looked at again
        read: set[etree._Element] = set()  # short blocks whose text was read whole, and what is inside them
        for el in r.iterdescendants():
            parent = el.getparent()
            if parent in inside:
                inside.add(el)
                continue
            size = lengths.get(el, 0)
            if not size:
                continue
            if _is_furniture(el) and (
                _structural(el) or size <= most and not self._mostly_prose(el) or self._mostly_teasers(el)
            ):
                self._site(el, _why_furniture(el))
                inside.add(el)
            elif el.tag in _LINK_BLOCKS and _LINKS_ONLY <= size <= most and linked.get(el, 0) > size * _LINK_DENSITY:
                self._site(el, "mostly links")  # related stories, "read more"
                inside.add(el)
            elif parent in read:
                read.add(el)  # its text is part of its parent's, read already
            elif size <= _SHORT_BLOCK and el.tag in _BLOCKS:
                read.add(el)
                if match := _site_talking(el.xpath("string()")):
                    self._site_part(el, match)

    def _mostly_prose(self, el: etree._Element) -> bool:
        """A block named like furniture that is paragraphs of running prose (a section whose id is
        its heading, `sharing-with-a-team`), but for comments and for summaries of other pages (a
        sidebar of teasers: each paragraph in a card beside its page's headline link)."""
        if _COMMENTS.search(f"{el.get('class') or ''} {el.get('id') or ''}"):
            return False
        prose = sum(
            self.lengths.get(p, 0)
            for p in el.iter("p", "blockquote")
            if _is_prose("".join(p.itertext()), self.linked.get(p, 0)) and not self._is_teaser(p)
        )
        return prose >= _PROSE_SECTION and prose >= self.lengths.get(el, 0) * 0.6

    def _mostly_teasers(self, el: etree._Element) -> bool:
        """A block named like furniture that is mostly summaries of other pages (a sidebar of
        cards), however much of the article's block it is."""
        teasers = sum(
            self.lengths.get(p, 0)
            for p in el.iter("p")
            if self.lengths.get(p, 0) >= _SENTENCE and not self.linked.get(p, 0) and self._is_teaser(p)
        )
        return teasers >= self.lengths.get(el, 0) / 2

    def _site_part(self, el: etree._Element, match: re.Match[str]) -> None:
        """A short block that says what the site says: the smaller blocks inside it that say it
        (a credit `© Agency` in a paragraph's caption), else the whole block."""
        half = self.lengths.get(el, 0) / 2
        parts: set[etree._Element] = set()
        for part in el.iterdescendants(*_BLOCKS):
            if self.lengths.get(part, 0) < half and parts.isdisjoint(part.iterancestors()):
                if inner := _site_talking(part.xpath("string()")):
                    self._site(part, f"short, and says {inner.group(0).strip()!r}")
                    parts.add(part)
        rest = _text_outside(el, parts)
        if not parts or _site_talking(rest) or not _is_prose(rest, 0, _SENTENCE):
            self._site(el, f"short, and says {match.group(0).strip()!r}")

    def _site(self, el: etree._Element, why: str) -> None:
        self.furniture.add(el)
        self.reasons[el] = why

    def _automatic(
        self, root: etree._Element, landmarks: dict[str, list[etree._Element]]
    ) -> tuple[list[etree._Element], str]:
        """schema.org articleBody, a single <article>, <main>, [role=main], else the densest block."""
        if body := landmarks["articleBody"]:
            return body, "schema.org articleBody"
        articles = [a for a in landmarks["article"] if not any(p.tag == "article" for p in a.iterancestors())]
        if len(articles) == 1 and self.lengths.get(articles[0], 0) > _LEAST_TEXT:
            return articles, "the page's only <article>"
        for found, how in ((landmarks["main"], "<main>"), (landmarks["role=main"], "[role=main]")):
            if found and self.lengths.get(found[0], 0) > _LEAST_TEXT:
                return found[:1], how
        self.sure = False
        dense = _densest(root)
        if not dense:
            return [root], "no block of running text: the whole page"
        share = 100 * sum(self.lengths.get(el, 0) for el in dense) / max(1, self.lengths.get(root, 0))
        return (
            dense,
            f"text density: the block{'s' * (len(dense) > 1)} with most running text ({share:.0f}% of the page's)",
        )

    def _prose_outside(self, root: etree._Element, roots: set[etree._Element]) -> list[etree._Element]:
        """Blocks of running prose outside the article and outside furniture, in page order."""
        found: list[etree._Element] = []
        skipped: set[etree._Element] = set()  # in the article, in furniture, or in a block taken
        for el in root.iter():
            if not isinstance(el.tag, str):
                continue
            parent = el.getparent()
            if (
                el in roots
                or parent in skipped
                or el.tag in _NOT_PROSE
                or el.tag not in ("html", "body")  # their classes name the page (`paywall`), not a block
                and _is_furniture(el, loosely=True)
            ):
                skipped.add(el)
                continue
            if self.lengths.get(el, 0) < _SENTENCE and el.tag not in ("html", "body"):
                skipped.add(el)  # too little text below it to hold a block of prose
                continue
            text = _own_text(el) if el.tag not in _PROSE_BLOCKS else "".join(el.itertext())
            least = _SENTENCE if el.tag in ("p", "blockquote") else _PROSE  # a paragraph of one sentence
            if (
                len(text) >= least
                and _is_prose(text, self.linked.get(el, 0) if el.tag in _PROSE_BLOCKS else 0, least)
                and not self._is_teaser(el)
            ):
                found.append(el)
                skipped.add(el)
                self.reasons[el] = "running prose outside the article"
        return found

    def _is_teaser(self, el: etree._Element) -> bool:
        """A summary of another page: a list item or block with that page's headline as a link, or
        in a card (a block of little more than it) with such a link beside it (related stories)."""
        if el.tag not in ("p", "blockquote") and self.linked.get(el, 0) >= _HEADLINE:
            return True
        up = el
        for _ in range(2):
            up = up.getparent()
            if up is None or up.tag in ("body", "html") or self.lengths.get(up, 0) > self.lengths.get(el, 0) + _CARD:
                return False
            if self.linked.get(up, 0) - self.linked.get(el, 0) >= _HEADLINE:
                return True
        return False

    def explain(self, describe: Callable[[etree._Element], str]) -> list[str]:
        """Lines saying which element was taken as the article and why, and what went to the site."""
        lines = [f"article: {', '.join(describe(r) for r in self.roots)} ({self.how})"]
        for el, why in self.reasons.items():
            side = "site" if el in self.furniture else "article"
            lines.append(f"{side}: {describe(el)}: {why}")
        return lines


def _chosen(root: etree._Element, selectors: Sequence[CSSSelector]) -> tuple[list[etree._Element], str] | None:
    for selector in selectors:
        found = selector(root)
        if found:
            return found, f"content selector {selector.css!r}"
    return None


def _structural(el: etree._Element) -> bool:
    """Furniture by what the page says it is: a nav, aside, footer, form, or such a role, or hidden."""
    return el.tag in _FURNITURE_TAGS or (el.get("role") or "") in _FURNITURE_ROLES or el.get("aria-hidden") == "true"


def _why_furniture(el: etree._Element) -> str:
    if el.tag in _FURNITURE_TAGS:
        return f"a <{el.tag}>"
    if role := el.get("role"):
        if role in _FURNITURE_ROLES:
            return f"role={role}"
    if el.get("aria-hidden") == "true":
        return "hidden (aria-hidden)"
    return "named like furniture"


def _is_furniture(el: etree._Element, loosely: bool = False) -> bool:
    """Furniture by its tag or role, or by its class and id (a class can be wrong: the caller
    checks that such an element is not most of the article); `loosely`: any word of its names
    that names furniture will do (`article-most-popular`), for blocks outside the article."""
    if not isinstance(el.tag, str):
        return False
    if _structural(el):
        return True
    names, ident = el.get("class"), el.get("id")
    if not names and not ident:
        return False
    return _named_furniture(names or "", ident or "", loosely)


@lru_cache(maxsize=4096)
def _named_furniture(names: str, ident: str, loosely: bool) -> bool:
    """Whether class and id names say furniture (a site's pages repeat the same few names)."""
    if _SLUG.fullmatch(ident):
        ident = ""  # a heading's anchor (`sharing-with-a-single-developer`), not a name for the block
    names = _LAYOUT.sub(" ", f"{names} {ident}")
    if not names.strip():
        return False
    words = {w.lower() for w in _NAME_WORD.findall(names)}
    return (loosely or words.isdisjoint(_CONTENT_WORDS)) and any(
        w in _FURNITURE_WORDS or w.endswith(_FURNITURE_ENDINGS) for w in words
    )


def _text_outside(el: etree._Element, parts: set[etree._Element]) -> str:
    """The text of an element but for that of `parts` (elements inside it)."""
    out = [el.text or ""]
    for child in el:
        if child not in parts and isinstance(child.tag, str):
            out.append(_text_outside(child, parts))
        out.append(child.tail or "")
    return "".join(out)


def _own_text(el: etree._Element) -> str:
    """The text directly in an element, and in its inline children (a `<font>` of text and `<br>`s)."""
    parts = [el.text or ""]
    for child in el:
        if isinstance(child.tag, str) and child.tag in _INLINE:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _site_talking(text: str) -> re.Match[str] | None:
    """The words that make a short block the site talking ("subscribe", "©")."""
    if _TRIGGERS.isdisjoint(_WORD.findall(text.lower())):
        return None  # no word any of them starts with: most blocks, told without the long expression
    return _BOILERPLATE.search(" ".join(text.split()))


def _is_prose(text: str, linked: int, least: int = _PROSE) -> bool:
    """Running prose: sentences (a full stop, question or exclamation mark between words), little
    of it in links, not the site talking."""
    text = " ".join(text.split())
    if len(text) < least or linked > len(text) / 2 or not _SENTENCE_END.search(text):
        return False
    return len(text) > _SHORT_BLOCK or not _site_talking(text)


class _Survey:
    """One pass over a page's tree, from the leaves up: the length of every element's text (with
    its descendants', spaces at the ends of each piece left out; an element without text has
    none), of the part of it inside links, and the elements the article is looked for by
    (`found`: by tag, and `articleBody` and `role=main` for those attributes, in page order)."""

    def __init__(self, root: etree._Element):
        lengths: dict[etree._Element, int] = {}
        linked: dict[etree._Element, int] = {}
        found: dict[str, list[etree._Element]] = {key: [] for key in _LANDMARKS}
        size_of, links_of, strip = lengths.get, linked.get, str.strip
        nodes = list(root.iter())
        nodes.reverse()  # children before their parent
        for el in nodes:
            tag = el.tag
            size = size_of(el, 0)  # its children's, added as they were passed
            if tag.__class__ is str:
                if tag in found:
                    found[tag].append(el)
                if el.get("itemprop") == "articleBody":
                    found["articleBody"].append(el)
                if el.get("role") == "main":
                    found["role=main"].append(el)
                text = el.text
                if text and tag not in _NO_TEXT and (own := len(strip(text))):
                    size += own
                    lengths[el] = size
            links = size if tag == "a" else links_of(el, 0)
            if links:
                linked[el] = links
            tail = el.tail
            if tail:
                size += len(strip(tail))
            if size and (parent := el.getparent()) is not None:
                lengths[parent] = size_of(parent, 0) + size
                if links:
                    linked[parent] = links_of(parent, 0) + links
        for elements in found.values():
            elements.reverse()
        self.lengths, self.linked, self.found = lengths, linked, found


def _densest(root: etree._Element) -> list[etree._Element]:
    """The block holding most running text, and its siblings that hold much of it too (readability's
    rule: paragraphs scored by length and commas, less their links; the score given to the
    parent and half to the grandparent). A best block holding less than half the page's running
    text gives way to the ancestor that holds that much (an article in several sections)."""
    scores: dict[etree._Element, float] = {}
    held: dict[etree._Element, float] = {}  # the running text inside each element, scored
    total = 0.0
    for para in root.iter(*_PARAGRAPHS):
        if para.tag == "div" and not "".join([para.text or "", *(c.tail or "" for c in para)]).strip():
            continue  # a div counts only for text of its own
        if any(a.tag in ("script", "style", "noscript") or _structural(a) for a in para.iterancestors()):
            continue
        text = " ".join("".join(t for t in para.itertext() if t).split())
        if len(text) < 40:
            continue
        linked = sum(len("".join(a.itertext())) for a in para.iter("a"))
        if linked > len(text) / 2:
            continue
        score = 1 + text.count(",") + min(len(text) // 100, 3)
        total += score
        for ancestor in para.iterancestors():
            held[ancestor] = held.get(ancestor, 0.0) + score
        parent = para.getparent()
        if parent is None or parent.tag in ("body", "html"):
            continue
        scores[parent] = scores.get(parent, _weight(parent)) + score
        grand = parent.getparent()
        if grand is not None and grand.tag not in ("body", "html"):
            scores[grand] = scores.get(grand, _weight(grand)) + score / 2
    if not scores:
        return []
    best = max(scores, key=lambda el: scores[el])
    while held.get(best, 0.0) < total / 2 and (up := best.getparent()) is not None and up.tag not in ("body", "html"):
        best = up
    parent = best.getparent()
    if parent is None:
        return [best]
    least = max(10.0, scores.get(best, 0.0) * 0.2)
    return [
        el
        for el in parent
        if el is best or scores.get(el, 0) >= least or (el.tag == best.tag and held.get(el, 0.0) >= least)
    ]


def _weight(el: etree._Element) -> float:
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return (25.0 if _POSITIVE.search(names) else 0.0) - (25.0 if _NEGATIVE.search(names) else 0.0)
