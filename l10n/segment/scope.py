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
ARTICLE_METAS = frozenset({"description", "og:title", "og:description", "og:image:alt", "twitter:title",
                           "twitter:description", "twitter:image:alt"})
_FURNITURE_TAGS = ("nav", "aside", "footer", "form", "button", "dialog", "noscript")
_FURNITURE_ROLES = frozenset({"navigation", "complementary", "contentinfo", "search", "banner", "dialog", "menu",
                              "menubar", "toolbar", "alert", "alertdialog"})
# Class and id words of furniture (as readability and boilerpipe judge them).
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:share|sharing|social|related|recommend\w*|promo|advert\w*|ads?|sponsor\w*|newsletter|subscribe|"
    r"signup|cookie\w*|consent|gdpr|comments?|disqus|breadcrumbs?|pagination|pager|sidebar|widget|toolbar|"
    r"masthead|banner|popup|modal|outbrain|taboola|byline-social|author-bio|tags?|tag-?list|more-stories|"
    r"read-?more|trending|most-?popular|nav|navbar|menu|skip-?link|print|video-?player|vjs-\w+)(?:$|[\s_-])", re.I)
_POSITIVE = re.compile(r"article|body|content|entry|main|page|post|text|blog|story|hentry|prose", re.I)
_NEGATIVE = re.compile(r"comment|com-|contact|foot|footer|footnote|masthead|media|meta|outbrain|promo|related|"
                       r"scroll|shoutbox|sidebar|sponsor|shopping|tags|tool|widget|nav|menu|header|share|social|"
                       r"cookie|banner|teaser|card|newsletter|subscribe", re.I)
_PARAGRAPHS = ("p", "pre", "td", "blockquote", "li", "dd", "div")


@cache
def selectors(content: tuple[str, ...]) -> tuple[CSSSelector, ...]:
    """The `content` selectors compiled (settings checked them: see `config`)."""
    return tuple(CSSSelector(selector) for selector in content)


class Scope:
    """The article and site parts of one page's tree."""

    def __init__(self, root: etree._Element, content: tuple[str, ...] = (),
                 warn: Callable[[str], None] | None = None):
        roots = _chosen(root, selectors(content))
        if roots is None:
            if content and warn is not None:
                warn("no content selector matches this page; the article was found automatically")
            roots = _automatic(root)
        self.whole = any(r is root for r in roots)  # no article found apart from the page: all of it is
        self.article: set[etree._Element] = set(roots)  # the set holds the proxies, so identity holds
        self.furniture: set[etree._Element] = {el for r in roots for el in r.iterdescendants() if _is_furniture(el)}
        self.article.update(root.iter("h1", "title"))
        self.article.update(m for m in root.iter("meta")
                            if (m.get("name") or m.get("property") or "").lower() in ARTICLE_METAS)
        self.article.update(caption for caption in root.iter("figcaption")
                            if not any(_is_furniture(el) or el.tag == "header" for el in caption.iterancestors()))

    def of(self, path: Sequence[etree._Element]) -> str:
        """The scope of a unit at `path` (its elements from <body> or <head> down): the deepest mark wins."""
        scope = ARTICLE if self.whole else SITE
        for el in path:
            if el in self.furniture:
                scope = SITE
            elif el in self.article:
                scope = ARTICLE
        return scope


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
    if len(articles) == 1 and _text_length(articles[0]) > 200:
        return articles
    for found in (root.xpath("//main"), root.xpath("//*[@role='main']")):
        if found:
            return found[:1]
    densest = _densest(root)
    return [densest] if densest is not None else [root]


def _is_furniture(el: etree._Element) -> bool:
    tag = el.tag
    if not isinstance(tag, str):
        return False
    if tag in _FURNITURE_TAGS or (el.get("role") or "") in _FURNITURE_ROLES or el.get("aria-hidden") == "true":
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(names.strip()) and _FURNITURE.search(names) is not None


def _text_length(el: etree._Element) -> int:
    return len(" ".join("".join(t for t in el.itertext() if t).split()))


def _densest(root: etree._Element) -> etree._Element | None:
    """The block holding most running text: paragraphs scored by length and commas, less their
    links, the score given to the parent and half to the grandparent (readability's rule)."""
    scores: dict[etree._Element, float] = {}
    for para in root.iter(*_PARAGRAPHS):
        if para.tag == "div" and not (para.text or "").strip():
            continue  # a div counts only for text of its own
        if any(isinstance(a.tag, str) and a.tag in ("script", "style", "nav", "footer") for a in para.iterancestors()):
            continue
        text = " ".join("".join(t for t in para.itertext() if t).split())
        if len(text) < 40:
            continue
        linked = sum(len("".join(a.itertext())) for a in para.iter("a"))
        if linked > len(text) / 2:
            continue
        score = 1 + text.count(",") + min(len(text) // 100, 3)
        parent = para.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, _weight(parent)) + score
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, _weight(grand)) + score / 2
    if not scores:
        return None
    return max(scores, key=lambda el: scores[el])


def _weight(el: etree._Element) -> float:
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return (25.0 if _POSITIVE.search(names) else 0.0) - (25.0 if _NEGATIVE.search(names) else 0.0)
