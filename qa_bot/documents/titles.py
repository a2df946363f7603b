"""The one rule for a document's title line, shared by loading (the title) and structure
(where the body starts), so a title is never also a passage or a heading.

Markdown: front matter (`---` … `---`) is skipped and its `title:` wins; a first `#`
heading or setext heading (`Title` over `=====`) is the title line. Any text: the first
non-blank line is a title only when it looks like one: short, no closing sentence
punctuation, not indented, not a man-page header (`LS(1)  User Commands  LS(1)`), and
followed by a blank line or by a line that does not continue it; a shell command line
(`$ python3 -m gzip --help`) over its output never is. Otherwise the body starts at the
top. A NAME section (man pages, pydoc: "shutil - Utility functions for copying…") names
the document better than a generic first line; the file name is the last resort.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")  # "## C# ##" → C#
# a man page's running header or footer: "LS(1)   User Commands   LS(1)", "GNU 9.1   LS(1)"
# (a section starts with a digit: "disk_usage(path)" is a pydoc signature, not a header)
MAN_HEADER = re.compile(
    r"^\s*[\w.:-]+\(\d\w*\)(?:[ \t]{2,}|\t|\s*$)|[ \t]{2,}[\w.:-]+\(\d\w*\)\s*$"
)
SETEXT = re.compile(r"^(=+|-+)[ \t]*$")
MAX_TITLE_WORDS = 14
MAX_TITLE_CHARS = 100
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)
_FRONT_TITLE = re.compile(r"^title:[ \t]*(.+?)[ \t]*$", re.M)
_NAME_SECTION = re.compile(r"^NAME[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]+(\S[^\n]*)", re.M)


@dataclass(frozen=True)
class TitleLine:
    """The document's title and where its body starts (after the title line, if any)."""

    title: str  # "" when the document has no title line of its own
    body_start: int


def clean(name: str) -> str:
    """A title or section label for display: whitespace (tabs, runs of spaces) collapsed."""
    return " ".join(name.split())


def title_line(text: str, *, markdown: bool = False) -> TitleLine:
    """The title of a document and the offset its body starts at."""
    start = 0
    title = ""
    if markdown:
        front = _FRONT_MATTER.match(text)
        if front:
            start = front.end()
            named = _FRONT_TITLE.search(front.group(1))
            title = clean(named.group(1).strip("\"'")) if named else ""
    lines = _lines_from(text, start)
    first = next((i for i, line in enumerate(lines) if line[2].strip()), None)
    if first is None:
        return TitleLine(title, start)
    _, line_end, body = lines[first]
    following = lines[first + 1] if first + 1 < len(lines) else None
    if markdown:
        heading = MD_HEADING.match(body.strip())
        if heading:
            return TitleLine(title or clean(heading.group(2)), _after(text, line_end))
        if following and body.strip() and SETEXT.match(following[2].strip()):
            return TitleLine(title or clean(body), _after(text, following[1]))
    if _looks_like_title(body, following[2] if following else None):
        # pydoc's "Python Library Documentation: module shutil" over its NAME line
        return TitleLine(title or man_name(text) or clean(body), _after(text, line_end))
    return TitleLine(title or man_name(text), start)


def man_name(text: str) -> str:
    """The NAME line of a man page ("ls - list directory contents"), else ""."""
    found = _NAME_SECTION.search(text[:5000])
    return clean(found.group(1)) if found else ""


def _looks_like_title(line: str, following: str | None) -> bool:
    stripped = line.strip()
    if following is None or MAN_HEADER.search(line):
        return False  # a one-line file is all body
    if stripped.startswith("$ "):
        return False  # a shell command ("$ python3 -m gzip --help") over its output
    if "\t" in stripped or "   " in stripped:
        return False  # a layout line (columns), not a title
    if len(stripped) > MAX_TITLE_CHARS or len(stripped.split()) > MAX_TITLE_WORDS:
        return False
    if stripped[-1] in ".!?;,…" or not any(char.isalpha() for char in stripped):
        return False
    nxt = following.strip()
    if not nxt:
        return True
    if _indent(following) > _indent(line):
        return False  # the line is a term and the indented text its description
    return not (nxt[0].islower() or nxt[0] in ",;)")  # a lower-case line continues it


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _lines_from(text: str, start: int) -> list[tuple[int, int, str]]:
    lines: list[tuple[int, int, str]] = []
    offset = start
    for raw in text[start:].splitlines(keepends=True)[:200]:
        body = raw.rstrip("\r\n")
        lines.append((offset, offset + len(body), body))
        offset += len(raw)
    return lines


def _after(text: str, end: int) -> int:
    """The offset after the line break that ends a line at `end`."""
    if text.startswith("\r\n", end):
        return end + 2
    return end + 1 if text[end : end + 1] in ("\n", "\r") else end
