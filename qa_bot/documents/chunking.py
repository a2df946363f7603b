"""Cut documents into passages sized for a reader, each with exact character offsets.

A passage is never only punctuation or layout, and a fragment (fewer than three words, or
a bare signature without its description) joins its neighbour in the same section. A
definition-list entry (a term line and its indented description, or "-l, --lines  print
the newline counts") is labelled by its term.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from qa_bot.documents.loading import Document
from qa_bot.documents.sentences import sentence_spans
from qa_bot.documents.structure import (
    SECTION_SEPARATOR,
    Block,
    parse,
    section_path,
)

MAX_PASSAGE_WORDS = 120
MIN_PASSAGE_WORDS = 3  # words of letters: a passage with fewer joins a neighbour
# an item's own little heading: "Label: text" or, in Markdown, "**Label:** text"
ITEM_LABEL = re.compile(r"^[*_]{0,2}([^:.!?\n*_]{1,60}):[*_]{0,2}\s")
# a term line over its indented description (pydoc, man pages, glossaries)
_TERM_LINE = re.compile(r"^([^\n]{1,100}?)[ \t]*\r?\n[ \t|]*[ \t]\S")
# "-l, --lines   print the newline counts", "FILE   the input" (two spaces or more)
_OPTION_LINE = re.compile(r"^((?:[-+]\S+(?:,? [-+]?\S+)*?)|\S{1,30}?)[ \t]{2,}\S")
# one line: "name(args)" (one level of nested brackets), then perhaps "-> type", "from …"
_SIGNATURE = re.compile(
    r"(?:class |def )?[A-Za-z_][\w.]*\((?:[^()\n]|\([^()\n]*\))*\)"
    r"(?: (?:->|from|method of) [^\n]*)?"
)
_CALLABLE = re.compile(r"^(?:class |def )?([A-Za-z_][\w.]*)\(")
_LETTER_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE_END = re.compile(r"[^\W\d][.!?…][\"”’)]*\s*$")  # a word, then a full stop
MAX_TERM_WORDS = 6  # a longer first line over an indented one is a wrapped sentence
_CONTINUES = frozenset("a an and as at by for from in into is of on or that the to with".split())


@dataclass(frozen=True, slots=True)
class Passage:
    """A verbatim span of a document: `documents[source].text[start:end] == text`."""

    id: str
    source: str
    title: str
    section: str
    start: int
    end: int
    text: str
    lead: str = ""  # the sentence introducing the list this item belongs to, if any
    page: int | None = None  # the page it starts on, for a document with pages (a PDF)

    @property
    def label(self) -> str:
        """What the passage is about by name: its item label, else its innermost heading."""
        return item_label(self.text) or (self.headings[-1] if self.headings else "")

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(self.section.split(SECTION_SEPARATOR)) if self.section else ()

    def to_dict(self) -> dict[str, object]:
        """The passage's fields ("page" only for a document with pages)."""
        found: dict[str, object] = {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.page is not None:
            found["page"] = self.page
        return found

    @property
    def where(self) -> str:
        """The source as a citation names it: "report.pdf, p. 12" or "notes.txt"."""
        return f"{self.source}, p. {self.page}" if self.page else self.source


def item_label(text: str) -> str:
    """The "Label" of a text that opens with "Label: …", the term of a definition-list
    entry (a callable's name for a signature), else ""."""
    match = ITEM_LABEL.match(text)
    if match and "  " not in match.group(1):  # "port   bind to this port (default: 8000)"
        return match.group(1)
    entry = _OPTION_LINE.match(text) or _TERM_LINE.match(text)  # a column gap comes first
    term = " ".join(entry.group(1).split()) if entry else ""
    if not term or (term[-1] in ".!?:" and not term.endswith("...")):
        return ""  # a sentence over an indented line ("PATTERN..." repeats: a term)
    callable_name = _CALLABLE.match(term)
    if callable_name:
        return callable_name.group(1)
    return term if term[0] in "-+" or _a_term(term.split()) else ""


def _a_term(words: list[str]) -> bool:
    """A few words, not a sentence wrapped onto the next line ("Notice that this has no
    effect on")."""
    return (
        letter_words(" ".join(words)) <= MAX_TERM_WORDS and words[-1].casefold() not in _CONTINUES
    )


def letter_words(text: str) -> int:
    """How many words of letters the text has ("-l, --lines" has two)."""
    return len(_LETTER_WORD.findall(text))


def iter_chunks(
    documents: Iterable[Document], max_words: int = MAX_PASSAGE_WORDS
) -> Iterator[Passage]:
    """Passages of every document, one document at a time."""
    for doc in documents:
        yield from chunk_document(doc, max_words)


def chunk_document(doc: Document, max_words: int = MAX_PASSAGE_WORDS) -> list[Passage]:
    """One passage per item or paragraph; long ones split at sentence boundaries.

    Lines that merely repeat a heading (a table of contents) are navigation, not content;
    a paragraph ending in a colon that opens a list ("With X, you can:") is the `lead` of
    each item of that list, which is then found by its words too, and is a passage only for
    what it says before its last sentence ("Members can borrow 20 items. Within that, …:").
    """
    markdown = doc.format == "markdown"
    blocks, names = parse(doc.text, markdown=markdown)
    navigation = {name.casefold() for name in names}
    spans: list[_Span] = []
    lead: str = ""
    lead_path: tuple[str, ...] = ()
    for index, block in enumerate(blocks):
        body = doc.text[block.start : block.end]
        if body.strip().casefold() in navigation:
            continue
        if block.kind != "item" or block.headings[: len(lead_path)] != lead_path:
            lead, lead_path = "", ()
        if block.kind != "item" and _opens_list(body, block, blocks[index + 1 : index + 2]):
            lead, lead_path = body, block.headings
            # what the lead-in says before its last sentence is content of its own
            sentences = sentence_spans(doc.text, block.start, block.end)
            if len(sentences) > 1 and not _fragment(doc.text[block.start : sentences[-2][1]]):
                said = Block(block.kind, block.start, sentences[-2][1], block.headings)
                spans.extend(_spans(doc.text, said, max_words, ""))
            continue
        spans.extend(_spans(doc.text, block, max_words, lead))
    passages: list[Passage] = []
    seen: dict[str, int] = {}
    for span in _joined(doc.text, spans):
        text = doc.text[span.start : span.end]
        key = f"{doc.source}\n{span.section}\n{text}"
        seen[key] = seen.get(key, 0) + 1
        pid = _passage_id(key, seen[key])
        page = doc.page_at(span.start)
        passages.append(
            Passage(
                pid,
                doc.source,
                doc.title,
                span.section,
                span.start,
                span.end,
                text,
                span.lead,
                page,
            )
        )
    return passages


@dataclass(frozen=True, slots=True)
class _Span:
    start: int
    end: int
    section: str
    lead: str


def _spans(text: str, block: Block, max_words: int, lead: str) -> Iterator[_Span]:
    """The block's spans; the parts after the first of a long entry are in a section
    named by its term (`FUNCTIONS › copytree`), so each part is found by that name."""
    section = section_path(block.headings)
    parts = _split(text, block, max_words)
    term = item_label(text[block.start : block.end]) if block.kind == "item" else ""
    for number, (start, end) in enumerate(parts):
        if number and term:
            section = section_path((*block.headings, term))
        yield _Span(start, end, section, lead)


def _joined(text: str, spans: list[_Span]) -> list[_Span]:
    """The spans with fragments (under MIN_PASSAGE_WORDS words of letters) joined to the
    next span of their section, else the previous one; a fragment that is a bare value
    (pydoc's `VERSION 1.0`, `FILE (built-in)`) joins a neighbour in another section too.
    Spans without a word or digit go; a document of one fragment keeps it."""
    kept = [span for span in spans if any(c.isalnum() for c in text[span.start : span.end])]
    out: list[_Span] = []
    carry: _Span | None = None  # fragments waiting for the next span of their section
    for span in kept:
        if carry is not None and (
            carry.section == span.section or (not out and _bare(text, carry))
        ):
            span = _Span(carry.start, span.end, span.section, carry.lead or span.lead)
        elif carry is not None:
            out.append(_closed(text, out, carry))
        carry = None
        if not _fragment(text[span.start : span.end]):
            out.append(span)
        else:
            carry = span
    if carry is not None:
        out.append(_closed(text, out, carry))
    return out


def _fragment(text: str) -> bool:
    """Too little to cite alone: under MIN_PASSAGE_WORDS words of letters, or a bare
    signature with no description (pydoc's `unregister_archive_format(name)`)."""
    return letter_words(text) < MIN_PASSAGE_WORDS or bool(_SIGNATURE.fullmatch(text))


def _closed(text: str, out: list[_Span], carry: _Span) -> _Span:
    """A fragment that ends its section: joined to the span before it, if of its section
    or if the fragment is a bare value rather than a sentence."""
    if out and (out[-1].section == carry.section or _bare(text, carry)):
        previous = out.pop()
        return _Span(previous.start, carry.end, previous.section, previous.lead)
    return carry


def _bare(text: str, span: _Span) -> bool:
    """A value such as `1.0` or `(built-in)`, not a short sentence ("Use it daily.")."""
    return not _SENTENCE_END.search(text[span.start : span.end])


def _opens_list(body: str, block: Block, following: list[Block]) -> bool:
    return (
        body.rstrip().endswith(":")
        and bool(following)
        and following[0].kind == "item"
        and following[0].headings[: len(block.headings)] == block.headings
    )


def _split(text: str, block: Block, max_words: int) -> list[tuple[int, int]]:
    if len(text[block.start : block.end].split()) <= max_words:
        return [(block.start, block.end)]
    groups: list[tuple[int, int]] = []
    group_start, group_end, words = -1, -1, 0
    for start, end in sentence_spans(text, block.start, block.end, code=True):
        size = len(text[start:end].split())
        if group_start >= 0 and words + size > max_words:
            groups.append((group_start, group_end))
            group_start, words = -1, 0
        if group_start < 0:
            group_start = start
        group_end, words = end, words + size
    groups.append((group_start, group_end))
    return groups


def _passage_id(key: str, occurrence: int) -> str:
    digest = hashlib.blake2b(f"{key}\n{occurrence}".encode(), digest_size=6).hexdigest()
    return f"p{digest}"
