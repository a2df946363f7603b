"""Recover a document's structure: headings, bullet items and paragraphs, with offsets.

Plain text has no markup, so headings are recognised by their shape: a short title-case
line without closing punctuation is a section heading; a short title-case line ending in
a colon is a sub-heading. Markdown files use their `#` headings.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from typing import NamedTuple

SECTION_SEPARATOR = " › "

# "- ", "* ", "• ", "1. ", "a)" or any other symbol (such as an emoji) before a space
_BULLET = re.compile(
    r"^[ \t]*(?:[-*+•–—▪◦]|\d{1,3}[.)]|[^\w\s\"'(\[][\ufe0e\ufe0f\u200d]*)[ \t]+(?=\S)"
)
MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")  # "## C# ##" → C#
_SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "vs",
        "vs.",
        "via",
        "with",
    ]
)
_MAX_HEADING_WORDS = 10


@dataclass(frozen=True)
class Block:
    """A unit of text in a document: kind is 'item' or 'paragraph'; offsets exclude markers."""

    kind: str
    start: int
    end: int
    headings: tuple[str, ...]


class _Line(NamedTuple):
    start: int
    end: int
    text: str


def parse_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    """Split a document into items and paragraphs, each with its heading path."""
    return parse(text, markdown=markdown)[0]


def parse(text: str, *, markdown: bool = False) -> tuple[list[Block], list[str]]:
    """The document's items and paragraphs (each with its heading path), and the names of
    all its headings in order."""
    blocks: list[Block] = []
    names: list[str] = []
    stack: list[tuple[int, str]] = []
    pending: list[_Line] = []
    pending_kind = "paragraph"
    lines = list(_lines(text))
    last = _last_with_text(lines)

    def flush() -> None:
        if pending:
            path = tuple(name for _, name in stack)
            blocks.append(Block(pending_kind, pending[0].start, pending[-1].end, path))
            pending.clear()

    for index, line in enumerate(lines):
        stripped = line.text.strip()
        if index == 0 or not stripped:
            flush()  # the first line is the document's title, not a passage
            continue
        level = _heading_level(stripped, index < last, markdown)
        if level:
            flush()
            names.append(_heading_name(stripped, markdown))
            stack = [(lvl, name) for lvl, name in stack if lvl < level]
            stack.append((level, names[-1]))
            continue
        bullet = _BULLET.match(line.text)
        if bullet:
            flush()
            pending_kind = "item"
            pending.append(_Line(line.start + bullet.end(), line.end, line.text[bullet.end() :]))
        elif pending and not _ends_sentence(pending[-1].text):
            pending.append(line)  # a wrapped line continues the block
        else:
            flush()
            pending_kind = "paragraph"
            pending.append(_trimmed(line))
    flush()
    return blocks, names


@dataclass(frozen=True)
class Heading:
    level: int
    name: str
    start: int  # offsets of the heading's line
    end: int


def headings(text: str, *, markdown: bool = False) -> list[Heading]:
    """All headings of a document (the title line excluded), in order."""
    lines = list(_lines(text))
    last = _last_with_text(lines)
    found = []
    for index, line in enumerate(lines):
        stripped = line.text.strip()
        level = _heading_level(stripped, index < last, markdown) if index and stripped else 0
        if level:
            found.append(Heading(level, _heading_name(stripped, markdown), line.start, line.end))
    return found


def heading_names(text: str, *, markdown: bool = False) -> list[str]:
    """The names of all headings, in order."""
    return [heading.name for heading in headings(text, markdown=markdown)]


def section_path(headings: tuple[str, ...]) -> str:
    return SECTION_SEPARATOR.join(headings)


def _lines(text: str) -> Iterator[_Line]:
    start = 0
    for raw in text.splitlines(keepends=True):
        body = raw.rstrip("\r\n")
        yield _Line(start, start + len(body), body)
        start += len(raw)


def _trimmed(line: _Line) -> _Line:
    lead = len(line.text) - len(line.text.lstrip())
    body = line.text.strip()
    return _Line(line.start + lead, line.start + lead + len(body), body)


def _heading_level(stripped: str, text_follows: bool, markdown: bool) -> int:
    if markdown:
        match = MD_HEADING.match(stripped)
        return len(match.group(1)) if match else 0
    if _BULLET.match(stripped) or not text_follows:
        return 0
    if stripped.endswith(":") and _title_case(stripped[:-1]):
        return 2
    if stripped[-1] not in ".!?;:,…" and _title_case(stripped):
        return 1
    return 0


def _heading_name(stripped: str, markdown: bool) -> str:
    if markdown:
        match = MD_HEADING.match(stripped)
        return match.group(2).strip() if match else stripped
    return stripped.rstrip(":").strip()


def _title_case(line: str) -> bool:
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


def _last_with_text(lines: list[_Line]) -> int:
    """The index of the last line that is not blank (-1 for none)."""
    for index in range(len(lines) - 1, -1, -1):
        if lines[index].text.strip():
            return index
    return -1


def _ends_sentence(text: str) -> bool:
    return bool(re.search(r"[.!?:;…\"”’)\]]\s*$", text)) or bool(_BULLET.match(text))
