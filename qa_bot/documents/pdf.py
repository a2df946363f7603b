"""A PDF as a Document: the text of its pages (pypdf, the `office` extra), as Markdown.

Each page's text is extracted in reading order and the pages are joined with blank lines;
`Document.pages` holds where each page starts, so a passage knows its page. Headings come
from the PDF's outline (bookmarks): the outline title's line on its page becomes a `#`
heading (it is added at the page's top when no line matches). A word hyphenated at a line
end is joined again ("exam-\nple" → "example"); lines repeated at the top or the bottom of
most pages (running headers, footers, page numbers) are left out as boilerplate. A PDF
with no text at all (a scan without a text layer) is not a document.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from pathlib import PurePosixPath
from typing import Any

from pypdf import PdfReader
from pypdf.errors import PdfReadError

from qa_bot.documents.loading import Document
from qa_bot.documents.titles import clean
from qa_bot.errors import DocumentError

RUNNING_SHARE = 0.6  # a top or bottom line on this share of the pages is a running one
MIN_PAGES_FOR_RUNNING = 3
_HYPHENATED = re.compile(r"(?<=[^\W\d_])-\n(?=[^\W\d_]*[a-z])")


def read_pdf(raw: bytes, source: str) -> Document:
    """The PDF's text, page by page, with headings from its outline."""
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [_lines(page.extract_text() or "") for page in reader.pages]
        outline = _outline(reader, reader.outline, 0)
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except (PdfReadError, ValueError, KeyError, TypeError) as err:
        reason = f"not a readable PDF ({err})"
        raise DocumentError(f"{source!r} is {reason}", reason) from None
    if not any(line.strip() for lines in pages for line in lines):
        reason = "no text layer (a scanned PDF?): nothing to search"
        raise DocumentError(f"{source!r} has {reason}", reason)
    _drop_running_lines(pages)
    for title, page, level in outline:
        _mark_heading(pages, title, page, level)
    title = clean(meta_title) or PurePosixPath(source).stem
    text = f"# {title}\n\n"
    starts: list[int] = []
    for lines in pages:
        starts.append(len(text) if starts else 0)
        body = "\n".join(lines).strip("\n")
        text += (body + "\n\n") if body else "\n"
    return Document(source, title, text.rstrip("\n") + "\n", "markdown", tuple(starts))


def _lines(page_text: str) -> list[str]:
    text = _HYPHENATED.sub("", page_text.replace("\r\n", "\n"))
    lines = []
    for line in text.split("\n"):
        stripped = line.rstrip()
        # a line that would read as a Markdown heading is escaped (headings come from the outline)
        lines.append(f"\\{stripped}" if stripped.lstrip().startswith("#") else stripped)
    return lines


def _outline(reader: PdfReader, items: Any, level: int) -> list[tuple[str, int, int]]:
    """(title, page index, depth) of each outline entry, in order."""
    found: list[tuple[str, int, int]] = []
    for item in items or []:
        if isinstance(item, list):
            found.extend(_outline(reader, item, level + 1))
            continue
        page = reader.get_destination_page_number(item)
        title = clean(str(item.title or ""))
        if title and page is not None and page >= 0:
            found.append((title, page, level))
    return found


def _mark_heading(pages: list[list[str]], title: str, page: int, level: int) -> None:
    if page >= len(pages):
        return
    marks = "#" * min(level + 2, 6)
    lines = pages[page]
    for index, line in enumerate(lines):
        if clean(line).casefold() == title.casefold():
            lines[index] = f"{marks} {clean(line)}"
            return
    lines.insert(0, f"{marks} {title}")


def _drop_running_lines(pages: list[list[str]]) -> None:
    """Leave out lines repeated at the top or bottom of most pages (digits aside)."""
    if len(pages) < MIN_PAGES_FOR_RUNNING:
        return
    for edge in (0, -1):
        seen = Counter(_shape(edges[edge]) for edges in map(_edges, pages) if edges)
        running = {shape for shape, n in seen.items() if n >= RUNNING_SHARE * len(pages)}
        for lines in pages:
            edges = _edges(lines)
            if edges and _shape(edges[edge]) in running:
                lines[lines.index(edges[edge]) if edge == 0 else _last(lines)] = ""


def _edges(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip()]


def _last(lines: list[str]) -> int:
    return max(i for i, line in enumerate(lines) if line.strip())


def _shape(line: str) -> str:
    """A line with its numbers as '#': "Page 3 of 9" and "Page 4 of 9" are one shape."""
    return re.sub(r"\d+", "#", clean(line).casefold())
