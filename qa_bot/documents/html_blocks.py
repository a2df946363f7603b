"""An HTML page's title and visible blocks, in reading order: headings, paragraphs, list
items, table rows, code and definition terms, read with the standard library's html.parser
(what the reader never sees, the page's chrome and blocks of links left out). The
documents.html module writes them as Markdown."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

from qa_bot.documents.html_chrome import INVISIBLE, MAIN, all_links, is_chrome

# the only elements allowed in <head>: any other start tag ends an unclosed <head>
_HEAD_CONTENT = frozenset(
    {"title", "meta", "link", "base", "style", "script", "noscript", "template", "head"}
)
_HEADINGS = {f"h{level}": level for level in range(1, 7)}
_LISTS = frozenset({"ul", "ol", "menu"})
_CELLS = frozenset({"td", "th"})
_BREAKS = frozenset(
    {
        *("p", "div", "br", "tr", "hr", "pre", "blockquote", "address", "center"),
        *("html", "body", "main", "section", "article", "header", "footer", "nav", "aside"),
        *("table", "thead", "tbody", "tfoot", "caption", "dl", "dt", "dd"),
        *("figure", "figcaption", "form", "fieldset", "legend", "details", "summary"),
    }
)
_CELL_SEPARATOR = " | "
_LINE_BREAK = "\u2028"  # a <br> in the buffer (a newline there is the markup's whitespace)
ITEM, PARAGRAPH, ROW, CODE, TERM, DESCRIPTION = 0, -1, -2, -3, -4, -5  # Block kinds; and levels 1–6


@dataclass(frozen=True)
class Block:
    kind: int  # ITEM, PARAGRAPH, ROW, CODE, TERM, DESCRIPTION or a heading level
    text: str
    depth: int = 0  # nesting of a list item


def page_blocks(markup: str) -> tuple[str, list[Block]]:
    """A page's <title> ("" if none) and its visible blocks; with a <main>, only its own."""
    parser = _Extractor(has_main=bool(MAIN.search(markup)))
    parser.feed(markup)
    parser.close()
    return parser.title, parser.blocks


class _Extractor(HTMLParser):
    """Collects the title and the visible blocks of a page, in order."""

    def __init__(self, *, has_main: bool = False) -> None:
        super().__init__(convert_charrefs=True)
        self._outside_main = has_main  # with a <main>, only its content is read
        self._main_depth = 0
        self._pre = 0  # open <pre> elements
        self._dl = ""  # the open <dt> or <dd>, if any
        self.title = ""
        self.blocks: list[Block] = []
        self._invisible: list[str] = []  # open invisible elements, innermost last
        self._title_parts: list[str] | None = None  # collecting the <title>
        self._buffer: list[str] = []
        self._heading = 0  # level of the open heading, 0 if none
        self._lists: list[bool] = []  # per open list: is one of its items open?
        self._cells = 0  # cells seen in the current table row
        self._tables = 0  # open <table> elements
        self._title_cell = False  # in a cell that titles its table (pydoc's section titles)
        self._links = 0  # open <a href> elements
        self._link_letters = 0  # letters of the buffer inside links

    # -- tags -------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body" and "head" in self._invisible:
            del self._invisible[self._invisible.index("head") :]
        elif self._invisible == ["head"] and tag not in _HEAD_CONTENT:
            self._invisible.clear()  # an unclosed <head> ends where the body starts
        if tag == "main" or dict(attrs).get("role") == "main":
            self._main_depth += 1 if tag == "main" else 0
            if self._outside_main:
                self._outside_main = False
                self._flush()
                self.blocks.clear()  # what came before <main> is the page's chrome
        if tag == "title" and not self.title and set(self._invisible) <= {"head"}:
            self._title_parts = []
        elif tag in INVISIBLE or (not self._invisible and is_chrome(tag, attrs)):
            self._flush()
            self._invisible.append(tag)
        elif self._invisible:
            if tag in self._invisible:
                self._invisible.append(tag)  # nested like the hidden one: keep the count
            return
        elif tag == "pre":
            self._flush()
            self._pre += 1
        elif tag in ("dt", "dd"):
            self._flush()
            self._dl = tag
        elif tag in _HEADINGS:
            self._flush()
            self._heading = _HEADINGS[tag]
        elif tag == "li":
            self._flush()
            if not self._lists:
                self._lists.append(False)  # an item outside a list
            self._lists[-1] = True
        elif tag in _LISTS:
            self._flush()
            self._lists.append(False)
        elif tag in _CELLS and _title_class(attrs):
            self._flush()
            self._title_cell = True
            classes = (dict(attrs).get("class") or "").split()
            self._heading = 1 if "title" in classes else min(6, 1 + self._tables)
        elif tag in _CELLS:
            if self._cells and "".join(self._buffer).strip():
                self._buffer.append(_CELL_SEPARATOR)
            self._cells += 1
        elif tag == "a" and dict(attrs).get("href") is not None:
            self._links += 1
        elif tag in _BREAKS:
            self._break(tag)
            if tag == "tr":
                self._cells = 0
            elif tag == "table":
                self._tables += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"svg", "math"}:
            return  # a self-closed foreign element (an icon) has no content
        self.handle_starttag(tag, attrs)  # HTML ignores the '/' of other elements

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self._title_parts is not None:
            self.title = " ".join("".join(self._title_parts).split())
            self._title_parts = None
        elif tag in self._invisible:
            position = len(self._invisible) - 1 - self._invisible[::-1].index(tag)
            del self._invisible[position:]
        elif self._invisible:
            return
        elif tag == "pre" and self._pre:
            self._flush()
            self._pre -= 1
        elif tag in ("dt", "dd"):
            self._flush()
            self._dl = ""
        elif tag == "main":
            self._flush()
            self._main_depth -= 1
            self._outside_main = self._main_depth <= 0  # what follows is chrome again
        elif tag in _HEADINGS or (tag in _CELLS and self._title_cell):
            self._flush()
            self._heading = 0
            self._title_cell = False
        elif tag == "a" and self._links:
            self._links -= 1
        elif tag == "li" and self._lists:
            self._flush()
            self._lists[-1] = False
        elif tag in _LISTS and self._lists:
            self._flush()
            self._lists.pop()
        elif tag in _BREAKS:
            self._break(tag)
            if tag in ("tr", "table"):
                self._cells = 0  # what follows a row is in no cell of it
            if tag == "table" and self._tables:
                self._tables -= 1

    # -- text -------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self._title_parts is not None:
            self._title_parts.append(data)
        elif not self._invisible and not self._outside_main:
            self._buffer.append(data)
            if self._links:
                self._link_letters += sum(char.isalpha() for char in data)

    def close(self) -> None:
        super().close()
        if self._title_parts is not None:  # an unclosed <title>
            self.handle_endtag("title")
        self._flush()

    def _break(self, tag: str) -> None:
        if self._pre:
            self._buffer.append("\n")
        elif self._heading:
            self._buffer.append(" ")  # a heading is one line, whatever it contains
        elif tag == "br" and self._in_paragraph():
            self._buffer.append(_LINE_BREAK)  # a wrapped line of the paragraph goes on
        else:
            self._flush()

    def _in_paragraph(self) -> bool:
        return not (self._dl or self._cells or (self._lists and self._lists[-1]))

    def _flush(self) -> None:
        raw = "".join(self._buffer)
        text = " ".join(raw.split())
        self._buffer.clear()
        links, self._link_letters = self._link_letters, 0
        if not text:
            return
        if not self._heading and not self._pre and all_links(text, links):
            return  # an index or a row of links: navigation, not content
        if self._pre:
            code = "\n".join(line.rstrip() for line in raw.strip("\n").splitlines())
            self.blocks.append(Block(CODE, code))
        elif self._heading:
            self.blocks.append(Block(self._heading, text))
        elif self._dl:
            self.blocks.append(Block(TERM if self._dl == "dt" else DESCRIPTION, text))
        elif self._cells:
            self.blocks.append(Block(ROW, text))
        elif self._lists and self._lists[-1]:
            depth = sum(1 for open_item in self._lists if open_item) - 1
            self.blocks.append(Block(ITEM, text, max(depth, 0)))
        else:
            self.blocks.extend(Block(PARAGRAPH, lines) for lines in _line_groups(raw))


def _line_groups(raw: str) -> list[str]:
    """A paragraph's lines (as <br> broke them), whitespace collapsed in each; an empty
    line (<br><br>) parts it in two."""
    groups: list[list[str]] = [[]]
    for line in raw.split(_LINE_BREAK):
        words = " ".join(line.split())
        if words:
            groups[-1].append(words)
        elif groups[-1]:
            groups.append([])
    return ["\n".join(group) for group in groups if group]


def _title_class(attrs: list[tuple[str, str | None]]) -> bool:
    """Is the cell a table's title ("title", "section-title": pydoc's module pages)?"""
    classes = (dict(attrs).get("class") or "").split()
    return "title" in classes or "section-title" in classes
