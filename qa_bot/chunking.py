"""Cut documents into passages sized for a reader, each with exact character offsets."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass

from qa_bot.corpus import Document
from qa_bot.sentences import sentence_spans
from qa_bot.structure import Block, heading_names, parse_blocks, section_path

MAX_PASSAGE_WORDS = 120


@dataclass(frozen=True)
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

    @property
    def headings(self) -> tuple[str, ...]:
        return tuple(self.section.split(" › ")) if self.section else ()

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "source": self.source,
            "title": self.title,
            "section": self.section,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }


def chunk_documents(
    documents: Iterable[Document], max_words: int = MAX_PASSAGE_WORDS
) -> list[Passage]:
    """Passages of every document, in document order."""
    passages: list[Passage] = []
    for doc in documents:
        passages.extend(chunk_document(doc, max_words))
    return passages


def chunk_document(doc: Document, max_words: int = MAX_PASSAGE_WORDS) -> list[Passage]:
    """One passage per item or paragraph; long ones split at sentence boundaries.

    Lines that merely repeat a heading (a table of contents) are navigation, not content;
    a paragraph ending in a colon that opens a list ("With X, you can:") is not a passage
    but the `lead` of each item of that list, which is then found by its words too.
    """
    markdown = doc.format == "markdown"
    navigation = {name.casefold() for name in heading_names(doc.text, markdown=markdown)}
    blocks = parse_blocks(doc.text, markdown=markdown)
    passages: list[Passage] = []
    seen: dict[str, int] = {}
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
            continue
        for start, end in _split(doc.text, block, max_words):
            text = doc.text[start:end]
            section = section_path(block.headings)
            key = f"{doc.source}\n{section}\n{text}"
            seen[key] = seen.get(key, 0) + 1
            pid = _passage_id(key, seen[key])
            passages.append(Passage(pid, doc.source, doc.title, section, start, end, text, lead))
    return passages


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
    for start, end in sentence_spans(text, block.start, block.end):
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
