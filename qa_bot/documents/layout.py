"""What a line of plain text is: its content after indentation and pydoc's `|` gutter,
and whether it is layout (a ruler, a gutter), a bullet, an option, a man-page header, a
heading's shape (upper case, title case) or the end of a sentence. Used by structure.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import NamedTuple

from qa_bot.documents.titles import MAN_HEADER, MD_HEADING, clean

# "- ", "* ", "• ", "1. ", "a)" or any other symbol (such as an emoji) before a space
BULLET = re.compile(
    r"^[ \t]*(?:[-*+•–—▪◦]|\d{1,3}[.)]|[^\w\s\"'(\[|`][\ufe0e\ufe0f\u200d]*)[ \t]+(?=\S)"
)
_SMALL_WORDS = frozenset(
    "a an and as at but by for from in into of on or per the to vs vs. via with".split()
)
_MAX_HEADING_WORDS = 10
_MAX_CAPS_WORDS = 6
_GUTTER = re.compile(r"[ \t]*\|(?=[ \t]|$)[ \t]*")  # pydoc's class layout: "     |  text"
_LAYOUT = re.compile(r"^[\s\-=_~*+#.:|`'\"^<>]*$")  # rulers and gutters: no word at all
UNDERLINE = re.compile(r"^([=\-~^\"'*+#`:.])\1{2,}[ \t]*$")
FENCE = re.compile(r"^[ \t]{0,3}(```+|~~~+)")
OPTION = re.compile(r"^([-+][\w?#-][^\s]*(?:,? [-+]?[\w<>\[\]=.,-]+)*?|\S{1,30}?)[ \t]{2,}\S")
CLOSES = re.compile(r"[.!?…]$")  # a line ending a sentence is no term
_OPTION_START = re.compile(r"^[-+]{1,2}[\w?#]")  # "-s/--setup S: …", "--strict"
GROUP = re.compile(r"^[a-z][\w ]{0,40}:$")  # argparse's "options:", "positional arguments:"
TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")


class Line(NamedTuple):
    start: int  # where the line's content starts (after indentation and any gutter)
    end: int
    text: str  # the content
    indent: int  # columns before the content


def lines(text: str, start: int, markdown: bool) -> Iterator[Line]:
    offset = start
    for raw in text[start:].splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        gutter = None if markdown else _GUTTER.match(body)
        lead = gutter.end() if gutter else len(body) - len(body.lstrip())
        content = body[lead:].rstrip()
        indent = len(body[:lead].replace("|", " ").expandtabs(8))
        yield Line(offset + lead, offset + lead + len(content), content, indent)
        offset += len(raw)


def is_layout(content: str) -> bool:
    return bool(_LAYOUT.match(content)) and not FENCE.match(content)


def is_layout_line(line: Line | None) -> bool:
    return line is None or not line.text or is_layout(line.text)


def option_start(line: Line) -> bool:
    """An indented line opening with an option ("  -s/--setup S: …"); at the margin, "-c"
    may be a wrapped sentence going on ("Commands supplied with\n-c are executed")."""
    return line.indent > 0 and bool(_OPTION_START.match(line.text))


def man_header(line: Line) -> bool:
    """A man page's running header or footer line ("LS(1)   User Commands   LS(1)")."""
    return bool(MAN_HEADER.search(line.text))


def heading_name(stripped: str, markdown: bool) -> str:
    if markdown:
        match = MD_HEADING.match(stripped)
        return clean(match.group(2)) if match else clean(stripped)
    return clean(stripped.rstrip(":"))


def upper_case(line: str) -> bool:
    """A short upper-case line such as a man page's "EXIT STATUS"."""
    letters = [char for char in line if char.isalpha()]
    return (
        len(letters) >= 3
        and len(line.split()) <= _MAX_CAPS_WORDS
        and all(_is_upper(char) for char in letters)
        and line[-1] not in ".!?;,…"
    )


def title_case(line: str) -> bool:
    """Short, starts upper-case, and its longer words are capitalised (small words aside)."""
    words = line.split()
    if not words or len(words) > _MAX_HEADING_WORDS or "," in line:
        return False
    if not _is_upper(words[0][0]):
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS and w[0].isalpha()]
    return all(_is_upper(w[0]) for w in content)


def _is_upper(char: str) -> bool:
    return unicodedata.category(char) == "Lu" or char.isdigit()


def last_with_text(lines: list[Line]) -> int:
    """The index of the last line that is not blank (-1 for none)."""
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].text and not is_layout(lines[index].text):
            return index
    return -1


def ends_sentence(text: str) -> bool:
    """Does the line end a sentence (a full stop, perhaps closed by a quote or bracket)?
    A bracket alone ends none: "The [global]" wraps onto "section holds …"."""
    return bool(re.search(r"[.!?:;…][\"”’)\]]*\s*$", text)) or bool(BULLET.match(text))
