"""What of an HTML page is not its content: elements a reader never sees, navigation,
sidebars and footers, blocks that are (nearly) all link text, and a page's <main>, which
alone is read when there is one."""

from __future__ import annotations

import re

# elements whose content a reader never sees (svg/iframe: icons and fallback text)
# (a <title> other than the page's own, such as an svg's, is never shown either)
INVISIBLE = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "iframe"})
_CHROME = frozenset({"nav", "aside", "footer"})  # navigation, sidebars, footers
_CHROME_ROLES = frozenset({"navigation", "banner", "contentinfo", "complementary", "search"})
_LINK_SHARE = 0.9  # a block whose letters are this much link text is navigation
MAIN = re.compile(r"<main[\s>]|role=[\"']?main\b", re.I)


def all_links(text: str, link_letters: int) -> bool:
    """Is (nearly) all of a block's text the text of links?"""
    letters = sum(char.isalpha() for char in text)
    return link_letters > 0 and link_letters >= _LINK_SHARE * letters


def is_chrome(tag: str, attrs: list[tuple[str, str | None]]) -> bool:
    """Is the element navigation, a sidebar or a footer (not the page's content)?"""
    if tag in _CHROME:
        return True
    found = dict(attrs)
    return (
        found.get("role") in _CHROME_ROLES
        or "hidden" in found
        or (found.get("aria-hidden") == "true")
    )
