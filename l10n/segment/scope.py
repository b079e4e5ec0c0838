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
from functools import cache

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
# follow or share, copyright lines, "related stories" headings.
_BOILERPLATE = re.compile(
    r"\b(?:subscri(?:be|ber|bers|ption)|newsletter|sign(?:ing)? up|log ?in|follow (?:us|the|@)|all rights reserved|"
    r"copyright|related (?:stories|articles|posts|news|content)|you (?:may|might) (?:also )?like|read more|"
    r"recommended (?:for you|stories|articles|reading|videos)|more (?:stories|from)|advertisement|"
    r"(?:our|from|by) advertisers|"
    r"(?:get|download)\b.{0,80}\bapps?\b|support (?:our|independent)|we want to hear|(?:tell|let) us (?:what|know)|"
    r"release date|advertiser disclosure|affiliate links?|amazon associate|"
    r"(?:we|you) may (?:receive|earn) (?:a )?(?:compensation|commission)|"
    r"rely on your support|share (?:this|on)|click here|terms of (?:use|service)|privacy (?:policy|notice)|"
    r"cookies?|posted (?:in|by)|filed under|leave a (?:reply|comment)|post a comment|"
    r"is not responsible for|written permission)\b|\b(?:tags?|categor(?:y|ies)) ?:|©",
    re.I,
)
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


@cache
def selectors(content: tuple[str, ...]) -> tuple[CSSSelector, ...]:
    """The `content` selectors compiled (settings checked them: see `config`)."""
    return tuple(CSSSelector(selector) for selector in content)


class Scope:
    """The article and site parts of one page's tree."""

    def __init__(self, root: etree._Element, content: tuple[str, ...] = (), warn: Callable[[str], None] | None = None):
        roots = _chosen(root, selectors(content))
        if roots is None:
            if content and warn is not None:
                warn("no content selector matches this page; the article was found automatically")
            roots = _automatic(root)
        self.whole = any(r is root for r in roots)  # no article found apart from the page: all of it is
        self.roots: list[etree._Element] = roots  # the elements holding the article, in page order
        self.article: set[etree._Element] = set(roots)  # the set holds the proxies, so identity holds
        self.furniture: set[etree._Element] = set()
        for r in roots:
            lengths, linked = _text_lengths(r)
            most = lengths[r] * _MOST_OF_IT
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
                if (_is_furniture(el) and (_structural(el) or size <= most)) or (
                    el.tag in _LINK_BLOCKS and _LINKS_ONLY <= size <= most and linked[el] > size * _LINK_DENSITY
                ):
                    self.furniture.add(el)  # a list of links to elsewhere too: related stories, "read more"
                    inside.add(el)
                elif parent in read:
                    read.add(el)  # its text is part of its parent's, read already
                elif size <= _SHORT_BLOCK and el.tag in _BLOCKS:
                    read.add(el)
                    if _BOILERPLATE.search(el.xpath("string()")):
                        self.furniture.add(el)
                        inside.add(el)
        self.article.update(
            h1 for h1 in root.iter("h1") if not any(_structural(a) or a in self.furniture for a in h1.iterancestors())
        )
        self.article.update(root.iter("title"))
        self.article.update(
            m for m in root.iter("meta") if (m.get("name") or m.get("property") or "").lower() in ARTICLE_METAS
        )
        self.article.update(
            caption
            for caption in root.iter("figcaption")
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


def _chosen(root: etree._Element, selectors: Sequence[CSSSelector]) -> list[etree._Element] | None:
    for selector in selectors:
        found = selector(root)
        if found:
            return found
    return None


def _automatic(root: etree._Element) -> list[etree._Element]:
    """schema.org articleBody, a single <article>, <main>, [role=main], else the densest block."""
    body = root.xpath("//*[@itemprop='articleBody']")
    if body:
        return body
    articles = [a for a in root.iter("article") if not any(p.tag == "article" for p in a.iterancestors())]
    if len(articles) == 1 and _text_length(articles[0]) > _LEAST_TEXT:
        return articles
    for found in (root.xpath("//main"), root.xpath("//*[@role='main']")):
        if found and _text_length(found[0]) > _LEAST_TEXT:
            return found[:1]
    return _densest(root) or [root]


def _structural(el: etree._Element) -> bool:
    """Furniture by what the page says it is: a nav, aside, footer, form, or such a role, or hidden."""
    return el.tag in _FURNITURE_TAGS or (el.get("role") or "") in _FURNITURE_ROLES or el.get("aria-hidden") == "true"


def _is_furniture(el: etree._Element) -> bool:
    """Furniture by its tag or role, or by its class and id (a class can be wrong: the caller
    checks that such an element is not most of the article)."""
    if not isinstance(el.tag, str):
        return False
    if _structural(el):
        return True
    names = _LAYOUT.sub(" ", f"{el.get('class') or ''} {el.get('id') or ''}")
    if not names.strip():
        return False
    words = {w.lower() for w in _NAME_WORD.findall(names)}
    return words.isdisjoint(_CONTENT_WORDS) and any(
        w in _FURNITURE_WORDS or w.endswith(_FURNITURE_ENDINGS) for w in words
    )


def _text_lengths(root: etree._Element) -> tuple[dict[etree._Element, int], dict[etree._Element, int]]:
    """The length of every element's text (with its descendants'), and of the part of it that
    is inside links, in one pass from the leaves up."""
    lengths: dict[etree._Element, int] = {}
    linked: dict[etree._Element, int] = {}
    for el in reversed(list(root.iter())):
        size = len(el.text or "") if isinstance(el.tag, str) and el.tag not in ("script", "style") else 0
        links = 0
        for child in el:
            size += lengths.get(child, 0) + len(child.tail or "")
            links += linked.get(child, 0)
        lengths[el] = size
        linked[el] = size if el.tag == "a" else links
    return lengths, linked


def _text_length(el: etree._Element) -> int:
    return len(" ".join("".join(t for t in el.itertext() if t).split()))


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
