"""Read a qa_bot index back from Milvus: the documents, the statistics and the passages.

The passages come from the stored passage rows (where each one is, not its text), not
from chunking the stored documents again: the rows are exactly what was indexed whatever
the chunker's version, and reading them costs one pass over small fields. The documents
(their text, in chunks) let answers quote at the stored offsets with no local files.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document
from qa_bot.documents.table import PassageTable
from qa_bot.errors import CollectionNotFoundError
from qa_bot.indexing.corpus_index import CorpusIndex, DocFreq, PassageTerms
from qa_bot.indexing.milvus import schema
from qa_bot.indexing.milvus.client import Client
from qa_bot.indexing.milvus.sync import FORMAT
from qa_bot.text.analyzer import Analyzer
from qa_bot.text.spelling import Speller


@dataclass(frozen=True)
class Stored:
    """A collection's index as read: documents, corpus index, named terms, and the
    Milvus primary key of each passage position."""

    documents: dict[str, Document]
    index: CorpusIndex
    named: frozenset[str]
    keys: list[int]


def read(client: Client, collection: str) -> Stored:
    """The index in `collection` (CollectionNotFoundError when there is none)."""
    if not schema.exists(client, collection):
        raise CollectionNotFoundError(
            f"no qa_bot collection {collection!r} at Milvus {client.uri}; index one with "
            f"`qa-bot index PATH --milvus {client.uri} --collection {collection}`"
        )
    for name in (collection, schema.side(collection, schema.DOCS)):
        schema.load(client, name)
    stats = _stats(client, collection)
    found = _chunked(client, schema.side(collection, schema.DOCS))
    order = [s for s in stats["sources"] if s in found] + sorted(set(found) - {*stats["sources"]})
    documents = {source: _document(source, *found[source]) for source in order}
    rank = {source: n for n, source in enumerate(order)}
    rows = sorted(
        (
            r
            for r in client.rows(collection, "", ["id", *schema.PASSAGE_FIELDS])
            if r["source"] in rank
        ),
        key=lambda r: (rank[r["source"]], r["start"], r["end"]),
    )
    passages = [_passage(row, documents[row["source"]]) for row in rows]
    table = PassageTable.from_passages(documents, passages)
    analyzer = Analyzer.from_state(stats)
    terms = list(stats["terms"])
    titles = bool(stats["titles"])
    index = CorpusIndex(
        table,
        analyzer,
        PassageTerms(table, analyzer, titles),
        frozenset(terms),
        Speller(tuple(stats["speller"])),
        DocFreq({t: n for n, t in enumerate(terms)}, np.array(stats["doc_freq"], np.int64)),
        np.array([int(r["label"]) for r in rows], dtype=np.int64),
        titles,
    )
    return Stored(documents, index, frozenset(stats["named"]), [int(r["id"]) for r in rows])


def _stats(client: Client, collection: str) -> dict[str, Any]:
    chunks = _chunked(client, schema.side(collection, schema.STATS))
    if "" not in chunks:
        raise CollectionNotFoundError(
            f"Milvus collection {collection!r} at {client.uri} holds no complete qa_bot index "
            "(never indexed, or an indexing run was cut short: index it again)"
        )
    meta, text = chunks[""]
    stats = json.loads(text)
    if meta != FORMAT or stats.get("format") != FORMAT:
        raise CollectionNotFoundError(f"Milvus collection {collection!r} is not a {FORMAT} index")
    return dict(stats)


def _chunked(client: Client, name: str) -> dict[str, tuple[str, str]]:
    """source -> (meta, text) reassembled from complete chunked rows (blank hash: skipped)."""
    parts: dict[str, dict[int, dict[str, Any]]] = {}
    fields = ["source", "meta", "chunk_no", "n_chunks", "text"]
    for row in client.rows(name, 'source_hash != ""', fields):
        parts.setdefault(row["source"], {})[int(row["chunk_no"])] = row
    return {
        source: (chunks[0]["meta"], "".join(chunks[n]["text"] for n in sorted(chunks)))
        for source, chunks in parts.items()
        if 0 in chunks and len(chunks) == int(chunks[0]["n_chunks"])
    }


def _document(source: str, meta: str, text: str) -> Document:
    fields: Mapping[str, Any] = json.loads(meta)
    pages = tuple(int(p) for p in fields.get("pages", ()))
    return Document(source, str(fields["title"]), text, str(fields["format"]), pages)


def _passage(row: Mapping[str, Any], document: Document) -> Passage:
    text = document.text
    start, end = int(row["start"]), int(row["end"])
    return Passage(
        str(row["pid"]),
        document.source,
        document.title,
        str(row["section"]),
        start,
        end,
        text[start:end],
        text[int(row["lead_start"]) : int(row["lead_end"])],
        document.page_at(start),
    )
