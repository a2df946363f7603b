"""The visible text of an HTML page, written as Markdown so its headings become sections.

Only the standard library's html.parser is used. Invisible content (scripts, styles,
<head>, templates …) is dropped; h1–h6 become "#" headings, list items "- " bullets, and
block elements (p, div, …) paragraph breaks, a <br> in a paragraph a line break (two: a
paragraph break), table rows lines of one block, <pre> fenced code and a <dl> term over
its indented description. A cell titling its table (pydoc's `section-title`) is a
heading, nested by table depth; a block that is all link text (an index of modules, a
row of links) is navigation and left out. A page with <main> is read from it alone;
otherwise navigation, sidebars and footers (<nav>, <aside>, <footer>, role navigation …)
are left out. Entities are decoded and whitespace is collapsed as a browser would (not
inside <pre>). Passages index into this extracted text, never into the markup, so
`text[start:end]` of a passage is exactly what a reader sees on the page. The page is read
into blocks by documents.html_blocks (documents.html_chrome decides what is not content);
this module writes them as Markdown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from qa_bot.documents.html_blocks import (
    CODE,
    DESCRIPTION,
    ITEM,
    PARAGRAPH,
    ROW,
    TERM,
    Block,
    page_blocks,
)
from qa_bot.documents.structure import MD_HEADING


@dataclass(frozen=True)
class HtmlText:
    """A page's title and its visible text in Markdown form ("# Title" on the first line)."""

    title: str
    text: str  # "" when the page has no visible body text


def extract_html(markup: str, default_title: str = "Untitled") -> HtmlText:
    """Title and visible text of an HTML page.

    The title is the page's <title>, else its first <h1>, else `default_title`. An <h1>
    that merely repeats the title (the page's main heading) is the title line, not a
    section: the passages below it are in no section, those under an <h2> in that <h2>.
    """
    title, blocks = page_blocks(markup)
    first_h1 = next((i for i, block in enumerate(blocks) if block.kind == 1), None)
    if first_h1 is not None and (not title or _repeats(blocks[first_h1].text, title)):
        title = title or blocks[first_h1].text
        del blocks[first_h1]
    if not blocks:
        return HtmlText(title or default_title, "")
    return HtmlText(title or default_title, _markdown(title or default_title, blocks))


def _repeats(heading: str, title: str) -> bool:
    """Does the title contain the heading as whole words ("Setup" in "Setup – Acme")?"""
    pattern = rf"(?<!\w){re.escape(heading.casefold())}(?!\w)"
    return re.search(pattern, title.casefold()) is not None


def _markdown(title: str, blocks: list[Block]) -> str:
    parts = [_heading_line(1, title)]
    previous = PARAGRAPH
    for block in blocks:
        if block.kind == ITEM:
            separator = "\n" if previous == ITEM else "\n\n"
            parts.append(f"{separator}{'  ' * block.depth}- {block.text}")
        elif block.kind == ROW:
            parts.append(f"{chr(10) if previous == ROW else chr(10) * 2}{block.text}")
        elif block.kind == CODE:
            fence = "````" if "```" in block.text else "```"
            parts.append(f"\n\n{fence}\n{block.text}\n{fence}")
        elif block.kind == TERM:
            parts.append(f"\n\n{block.text}")
        elif block.kind == DESCRIPTION:
            separator = "\n" if previous in (TERM, DESCRIPTION) else "\n\n"
            parts.append(f"{separator}    {block.text}")
        elif block.kind == PARAGRAPH:
            # a line that would read as a heading ("# not a heading") is escaped
            lines = (
                f"\\{line}" if MD_HEADING.match(line) else line for line in block.text.split("\n")
            )
            parts.append(f"\n\n{chr(10).join(lines)}")
        else:
            parts.append(f"\n\n{_heading_line(block.kind, block.text)}")
        previous = block.kind
    return "".join(parts) + "\n"


def _heading_line(level: int, name: str) -> str:
    marks = "#" * level
    # a name ending in '#' gets a closing sequence so the '#' stays part of the name
    return f"{marks} {name} {marks}" if name.endswith("#") else f"{marks} {name}"
