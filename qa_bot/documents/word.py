"""A Word (.docx) file as a Document (python-docx, the `office` extra), as Markdown.

Paragraphs in body order: the Title style is the title line, "Heading N" styles are
headings, list paragraphs (a List style or numbering) bullet items, and each table row a
line of cells separated by " | " (a Markdown table row). Empty paragraphs are dropped.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import PurePosixPath

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from qa_bot.documents.loading import Document
from qa_bot.documents.titles import MD_HEADING, clean
from qa_bot.errors import DocumentError

_HEADING_STYLE = re.compile(r"^Heading (\d)$")


def read_docx(raw: bytes, source: str) -> Document:
    """The document's text, its headings from the paragraph styles."""
    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as err:
        reason = f"not a readable Word file ({err})"
        raise DocumentError(f"{source!r} is {reason}", reason) from None
    blocks = list(document.iter_inner_content())
    styles = [_style(block) for block in blocks if isinstance(block, Paragraph)]
    shift = 1 if "Title" in styles else 0  # under a Title, "Heading 1" is a section
    title = clean(document.core_properties.title or "")
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, Table):
            parts.append(_table(block))
            continue
        text = clean(block.text)
        if not text:
            continue
        style = _style(block)
        heading = _HEADING_STYLE.match(style)
        if style == "Title":
            title = title or text
            parts.insert(0, f"# {text}")
        elif heading:
            parts.append(f"{'#' * min(int(heading.group(1)) + shift, 6)} {text}")
        elif "List" in style or _numbered(block):
            if parts and parts[-1].startswith("- "):
                parts[-1] += f"\n- {text}"  # the next item of the same list
            else:
                parts.append(f"- {text}")
        else:
            parts.append(f"\\{text}" if MD_HEADING.match(text) else text)
    if not any(parts):
        reason = "empty: a document needs some text"
        raise DocumentError(f"{source!r} is {reason}", reason)
    title = title or PurePosixPath(source).stem
    if not parts[0].startswith("# "):
        parts.insert(0, f"# {title}")
    return Document(source, title, "\n\n".join(part for part in parts if part) + "\n", "markdown")


def _style(paragraph: Paragraph) -> str:
    style = paragraph.style
    return str(style.name) if style is not None and style.name else ""


def _numbered(paragraph: Paragraph) -> bool:
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def _table(table: Table) -> str:
    rows = []
    for row in table.rows:
        cells = [clean(cell.text) for cell in row.cells]
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)
