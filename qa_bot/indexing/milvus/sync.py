"""Make a Milvus collection hold exactly a corpus's index, touching only what changed.

The corpus is analysed here in full first (a local CorpusIndex: aliases, boilerplate and
document frequencies are corpus-wide), then each source's rows are hashed — its text,
title and its passages' rows as written, search terms and label keys included — and
compared with the hashes stored in NAME_docs: a source with the same hash is left alone,
a changed one replaced, a removed one deleted, a new one added. A source's rows change
only when its text changes, or when a corpus-wide change (a newly mined alias, titles
indexed once a second file comes) changes how its passages are analysed: then it is
rightly counted as updated. The statistics chunk is rewritten when it differs.

Order, so that a sync cut short anywhere is redone by the next: delete the stale
sources' rows (documents first), write the documents' chunks with a blank hash (= under
way), the passages, then the hashes; readers skip documents whose hash is blank.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import product
from typing import Any

import numpy as np
from scipy import sparse

from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document
from qa_bot.errors import InvalidArgumentError
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.indexing.milvus import schema
from qa_bot.indexing.milvus.client import Client

FORMAT = "qa-bot-milvus/1"
DELETE_BATCH = 100  # sources per delete request
DOC_BATCH = 16  # document chunks per upsert (<= 16 x 64 KiB)
PASSAGE_BATCH = 500


@dataclass(frozen=True)
class SyncReport:
    """What a sync did, by source file, and how many passage rows it wrote."""

    added: int
    updated: int
    removed: int
    unchanged: int
    passages_written: int

    def __str__(self) -> str:
        return (
            f"{self.added} added, {self.updated} updated, {self.removed} removed, "
            f"{self.unchanged} unchanged ({self.passages_written} passages written)"
        )


def row_key(source: str, start: int, end: int) -> int:
    """A passage's primary key: a signed 64-bit digest of where it is."""
    digest = hashlib.blake2b(f"{source}\0{start}\0{end}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def source_key(source: str) -> int:
    """A source's document-chunk key (< 2**53, times 1024 plus the chunk number)."""
    return int.from_bytes(hashlib.blake2b(source.encode(), digest_size=6).digest(), "big") + 1


def search_text(terms: Sequence[str]) -> str:
    """Terms as Milvus's whitespace tokenizer splits them back (a term never holds a space)."""
    return " ".join("_".join(term.split()) for term in terms)


def bag_texts(counts: sparse.spmatrix, vocabulary: Mapping[str, int]) -> list[str]:
    """Each passage's search text from its term counts (passages × terms), each term as
    often as counted: what BM25 reads of a text (order does not matter to it), without
    analysing every passage again; the terms sorted, so the same in every process."""
    rows = sparse.csr_matrix(counts)
    names = np.empty(len(vocabulary), dtype=object)
    for term, column in vocabulary.items():
        names[column] = "_".join(term.split())
    repeats = rows.data.astype(np.int64)
    tokens = np.repeat(names[rows.indices], repeats).tolist()
    ends = np.cumsum(np.add.reduceat(repeats, rows.indptr[:-1]) * (np.diff(rows.indptr) > 0))
    starts = np.concatenate([[0], ends[:-1]])
    # sorted: the columns' order differs between processes (string hashing), the text not
    pairs = zip(starts.tolist(), ends.tolist(), strict=True)
    return [" ".join(sorted(tokens[a:b])) for a, b in pairs]


def passage_row(passage: Passage, document: Document, text: str, label: int) -> dict[str, Any]:
    lead_start = document.text.rfind(passage.lead, 0, passage.start) if passage.lead else -1
    lead = (lead_start, lead_start + len(passage.lead)) if lead_start >= 0 else (0, 0)
    return {
        "id": row_key(passage.source, passage.start, passage.end),
        "pid": passage.id,
        "source": passage.source,
        "section": passage.section,
        "start": passage.start,
        "end": passage.end,
        "lead_start": lead[0],
        "lead_end": lead[1],
        "label": label,
        "search_text": text,
    }


def document_meta(document: Document) -> str:
    return json.dumps(
        {"title": document.title, "format": document.format, "pages": list(document.pages)}
    )


def corpus_stats(index: CorpusIndex, named: frozenset[str], sources: Sequence[str]) -> str:
    """What query understanding needs of the corpus, beyond its passages, as JSON."""
    frequencies = index.doc_freq
    terms = list(frequencies)
    return json.dumps(
        {
            "format": FORMAT,
            **index.analyzer.state(),
            "speller": list(index.speller.known),
            "terms": terms,
            "doc_freq": [frequencies[t] for t in terms],
            "named": sorted(named),
            "titles": index.titles,
            "sources": list(sources),
            "passages": len(index.passages),
        },
        ensure_ascii=False,
    )


def sync(
    client: Client,
    collection: str,
    documents: Mapping[str, Document],
    index: CorpusIndex,
    named: frozenset[str],
    texts: Sequence[str] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SyncReport:
    """Write the index of `documents` into `collection` (see the module docstring);
    `texts`: each passage's search text (bag_texts), else its terms analysed again."""
    schema.ensure(client, collection)
    docs = schema.side(collection, schema.DOCS)
    rows: dict[str, list[dict[str, Any]]] = {source: [] for source in documents}
    for position, passage in enumerate(index.passages):
        text = texts[position] if texts is not None else search_text(index.passage_terms[position])
        label = int(index.label_keys[position])
        rows[passage.source].append(passage_row(passage, documents[passage.source], text, label))
    for source in rows:
        check_lengths(source, rows[source])
    hashes = {source: _source_hash(documents[source], rows[source]) for source in documents}
    done = {
        row["source"]: row["source_hash"]
        for row in client.rows(docs, "chunk_no == 0", ["source", "source_hash"])
    }
    added = [s for s in documents if s not in done]
    updated = [s for s in documents if s in done and done[s] != hashes[s]]
    removed = [s for s in done if s not in documents]
    changed = [*added, *updated]
    stale = [*updated, *removed, *added]  # added too: a cut-short sync may have left rows
    for name, batch in product((docs, collection), range(0, len(stale), DELETE_BATCH)):
        listed = ", ".join(schema.quote(s) for s in stale[batch : batch + DELETE_BATCH])
        client.call("delete", name, filter=f"source in [{listed}]")
    chunks = [
        row
        for s in changed
        for row in schema.chunk_rows(
            source_key(s), s, hashes[s], document_meta(documents[s]), documents[s].text
        )
    ]
    heads = [row for row in chunks if row["chunk_no"] == 0]
    rest = [row for row in chunks if row["chunk_no"]] + [{**r, "source_hash": ""} for r in heads]
    written = [row for s in changed for row in rows[s]]
    _upsert(client, docs, rest, DOC_BATCH)
    _upsert(client, collection, written, PASSAGE_BATCH, progress)
    _upsert(client, docs, heads, DOC_BATCH)
    write_stats(client, collection, corpus_stats(index, named, list(documents)))
    unchanged = len(documents) - len(changed)
    return SyncReport(len(added), len(updated), len(removed), unchanged, len(written))


def write_stats(client: Client, collection: str, text: str) -> None:
    """Replace the statistics chunks (unless they are the same)."""
    stats = schema.side(collection, schema.STATS)
    digest = hashlib.sha256(text.encode()).hexdigest()
    rows = schema.chunk_rows(0, "", digest, FORMAT, text)
    old = client.call("query", stats, filter="chunk_no == 0", output_fields=["source_hash"])
    if old and old[0]["source_hash"] == digest:
        return
    _upsert(client, stats, [*rows[1:], {**rows[0], "source_hash": ""}], DOC_BATCH)
    client.call("delete", stats, filter=f"chunk_no >= {len(rows)}")
    _upsert(client, stats, rows[:1], DOC_BATCH)


def check_lengths(source: str, rows: list[dict[str, Any]]) -> None:
    """Values Milvus would refuse (Standalone counts VARCHAR lengths in UTF-8 bytes)."""
    if len(source.encode()) > schema.SOURCE_BYTES:
        raise InvalidArgumentError(
            f"source name longer than {schema.SOURCE_BYTES} bytes: {source!r}"
        )
    for row in rows:
        for name in ("section", "search_text"):
            if len(row[name].encode()) > schema.TEXT_BYTES:
                raise InvalidArgumentError(
                    f"{source}: a passage's {name} is longer than {schema.TEXT_BYTES} bytes"
                )


def _upsert(
    client: Client,
    name: str,
    rows: list[dict[str, Any]],
    size: int,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    for first in range(0, len(rows), size):
        client.call("upsert", name, rows[first : first + size])
        if progress is not None:
            progress(min(first + size, len(rows)), len(rows))


def _source_hash(document: Document, rows: list[dict[str, Any]]) -> str:
    digest = hashlib.sha256(document.text.encode())
    digest.update(document_meta(document).encode())
    digest.update(json.dumps(rows, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()
