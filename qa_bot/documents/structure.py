"""Recover a document's structure: headings, items, entries and paragraphs, with offsets.

Plain text has no markup, so its layout is read: a short title-case line without closing
punctuation is a section heading (ending in a colon: a sub-heading), so is a short
upper-case line (a man page's NAME, SYNOPSIS, OPTIONS) and a line underlined with
`===`/`---` (reStructuredText). A term line followed by deeper-indented text (a pydoc
signature, a man-page option, a glossary term) or an option line with its description
after two spaces (`-l, --lines  print the newline counts`) is one entry, its wrapped and
indented description included; so is a line opening with an option (`-s/--setup S: …`).
A lower-case group line over options (argparse's `options:`) is a sub-heading. Markdown
files use their `#` and setext headings; table rows are items. Layout is never text:
blank lines, rulers, pydoc's `|` gutter lines and man-page header lines; a fenced code
block, or an interactive `>>>` example, stays with the paragraph that introduces it.
The title line (see titles) is never a block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from qa_bot.documents.layout import (
    BULLET,
    CLOSES,
    FENCE,
    GROUP,
    OPTION,
    TABLE_ROW,
    UNDERLINE,
    Line,
    ends_sentence,
    heading_name,
    is_layout,
    is_layout_line,
    last_with_text,
    lines,
    man_header,
    option_start,
    title_case,
    upper_case,
)
from qa_bot.documents.titles import MD_HEADING, SETEXT, title_line

__all__ = ["MD_HEADING", "SECTION_SEPARATOR", "Block", "Heading", "headings", "parse"]

SECTION_SEPARATOR = " › "


@dataclass(frozen=True)
class Block:
    """A unit of text in a document: kind is 'item' (a list item, table row or entry of a
    definition list) or 'paragraph'; offsets exclude markers."""

    kind: str
    start: int
    end: int
    headings: tuple[str, ...]


@dataclass(frozen=True)
class Heading:
    level: int
    name: str
    start: int  # offsets of the heading's line
    end: int


def parse_blocks(text: str, *, markdown: bool = False) -> list[Block]:
    """Split a document into items and paragraphs, each with its heading path."""
    return parse(text, markdown=markdown)[0]


def parse(text: str, *, markdown: bool = False) -> tuple[list[Block], list[str]]:
    """The document's items and paragraphs (each with its heading path), and the names of
    all its headings in order."""
    blocks, found = _Parser(text, markdown).run()
    return blocks, [heading.name for heading in found]


def headings(text: str, *, markdown: bool = False) -> list[Heading]:
    """All headings of a document (the title line excluded), in order."""
    return _Parser(text, markdown).run()[1]


def heading_names(text: str, *, markdown: bool = False) -> list[str]:
    """The names of all headings, in order."""
    return [heading.name for heading in headings(text, markdown=markdown)]


def section_path(headings: tuple[str, ...]) -> str:
    return SECTION_SEPARATOR.join(headings)


class _Parser:
    """One pass over the lines after the title: blocks and headings."""

    def __init__(self, text: str, markdown: bool) -> None:
        self.text = text
        self.markdown = markdown
        self.lines = list(lines(text, title_line(text, markdown=markdown).body_start, markdown))
        self.last = last_with_text(self.lines)
        self.next_text = _next_text(self.lines)
        self.blocks: list[Block] = []
        self.found: list[Heading] = []
        self.stack: list[tuple[int, str]] = []
        self.pending: list[Line] = []
        self.kind = "paragraph"
        self.entry = -1  # the indent of the open entry's term, -1 when none is open
        self.levels: list[str] = []  # underline characters in order of first use (reST)

    def run(self) -> tuple[list[Block], list[Heading]]:
        lines, index = self.lines, 0
        while index < len(lines):
            index = self._line(index)
        self._flush()
        return self.blocks, self.found

    def _line(self, index: int) -> int:
        line = self.lines[index]
        following = self.lines[index + 1] if index + 1 < len(self.lines) else None
        if FENCE.match(line.text):
            return self._fence(index)
        if self.entry >= 0 and self._entry_goes_on(index):
            if line.text and not is_layout(line.text):
                self.pending.append(line)
            return index + 1  # the entry's description goes on, blank lines and all
        if line.text.startswith(">>>"):  # a Python prompt, never a nested blockquote
            return self._doctest(index)
        if not line.text or is_layout(line.text) or (not self.markdown and man_header(line)):
            self._flush()
            return index + 1
        level = self._underlined(line, following)
        if level:
            self._heading(level, line)
            return index + 2
        level = self._heading_level(line, index)
        if level:
            self._heading(level, line)
            return index + 1
        self._body(line, following)
        return index + 1

    def _entry_goes_on(self, index: int) -> bool:
        """Is this line, or the next one with text (within 50 lines), indented deeper than
        the entry's term?"""
        found = self.next_text[index]
        return (
            found - index < 50 and found < len(self.lines) and self.lines[found].indent > self.entry
        )

    def _body(self, line: Line, following: Line | None) -> None:
        bullet = BULLET.match(line.text)
        deeper = (
            following is not None
            and not is_layout_line(following)
            and following.indent > line.indent
            and not bullet
            and not CLOSES.search(line.text)
        )
        if TABLE_ROW.match(line.text):
            self._flush()
            self._start("item", line)
            self._flush()
        elif (not self.markdown and (OPTION.match(line.text) or option_start(line))) or deeper:
            self._flush()
            self._start("item", line)
            self.entry = line.indent
        elif bullet:
            self._flush()
            marker = bullet.end()
            self._start("item", line._replace(start=line.start + marker, text=line.text[marker:]))
        elif self.pending and not ends_sentence(self.pending[-1].text):
            self.pending.append(line)  # a wrapped line continues the block
        else:
            self._flush()
            self._start("paragraph", line)

    def _fence(self, index: int) -> int:
        """A fenced code block: part of the block before it in the same section."""
        opening = FENCE.match(self.lines[index].text)
        marker = opening.group(1) if opening else "```"
        end = index + 1
        while end < len(self.lines) and not self.lines[end].text.startswith(marker[:3]):
            end += 1
        last = self.lines[min(end, len(self.lines) - 1)]
        self._code(Line(self.lines[index].start, last.end, "", 0))
        return end + 1

    def _doctest(self, index: int) -> int:
        """An interactive example (`>>> …` and its output, up to a blank line): code, part
        of the block before it in the same section."""
        end = index
        while end < len(self.lines) and self.lines[end].text:
            end += 1
        self._code(Line(self.lines[index].start, self.lines[end - 1].end, "", 0))
        return end

    def _code(self, code: Line) -> None:
        path = self._path()
        if self.pending:
            self.pending.append(code)
            self._flush()
        elif self.blocks and self.blocks[-1].headings == path:
            self.blocks[-1] = replace(self.blocks[-1], end=code.end)
        else:
            self._start("paragraph", code)
            self._flush()

    def _underlined(self, line: Line, following: Line | None) -> int:
        """The level of a heading underlined with a row of one character, else 0."""
        if following is None or line.indent > 3 or BULLET.match(line.text):
            return 0
        if self.markdown:
            match = SETEXT.match(following.text) if following.indent < 4 else None
            if not match or self.pending:
                return 0
            return 1 if match.group(1)[0] == "=" else 2
        underline = UNDERLINE.match(following.text)
        if not underline or len(following.text.rstrip()) < len(line.text.rstrip()) * 0.7:
            return 0
        char = underline.group(1)
        if char not in self.levels:
            self.levels.append(char)
        return self.levels.index(char) + 1

    def _heading_level(self, line: Line, index: int) -> int:
        stripped = line.text.strip()
        if self.markdown:
            match = MD_HEADING.match(stripped) if line.indent < 4 else None
            return len(match.group(1)) if match else 0
        if index >= self.last or BULLET.match(stripped):
            return 0
        if stripped.startswith("class ") and self._gutter_follows(index):
            return 2  # a pydoc class: its methods are the entries below
        if line.indent:
            return 0
        if upper_case(stripped):
            return 1
        if stripped.endswith(":") and (title_case(stripped[:-1]) or self._group(index)):
            return 2
        if stripped[-1] not in ".!?;:,…" and title_case(stripped):
            return 1
        return 0

    def _group(self, index: int) -> bool:
        """Is this line a group of options ("options:" over "  -h, --help  show …")?"""
        if not GROUP.match(self.lines[index].text):
            return False
        following = next((line for line in self.lines[index + 1 :] if line.text), None)
        return (
            following is not None
            and following.indent > 0
            and bool(OPTION.match(following.text) or option_start(following))
        )

    def _gutter_follows(self, index: int) -> bool:
        following = self.text[self.lines[index].end : self.lines[index].end + 20]
        return bool(re.match(r"\r?\n[ \t]*\|", following))

    def _heading(self, level: int, line: Line) -> None:
        self._flush()
        name = heading_name(line.text.strip(), self.markdown)
        self.found.append(Heading(level, name, line.start, line.end))
        self.stack = [(lvl, n) for lvl, n in self.stack if lvl < level]
        self.stack.append((level, name))

    def _start(self, kind: str, line: Line) -> None:
        self.kind = kind
        self.pending.append(line)

    def _path(self) -> tuple[str, ...]:
        return tuple(name for _, name in self.stack)

    def _flush(self) -> None:
        self.entry = -1
        if self.pending:
            start, end = self.pending[0].start, self.pending[-1].end
            self.blocks.append(Block(self.kind, start, end, self._path()))
            self.pending.clear()


def _next_text(lines: list[Line]) -> list[int]:
    """For each line, the index of the first line from it on with text that is not layout
    (len(lines) when none: past the end)."""
    found = [len(lines)] * (len(lines) + 1)
    for index in range(len(lines) - 1, -1, -1):
        text = lines[index].text
        found[index] = index if text and not is_layout(text) else found[index + 1]
    return found
