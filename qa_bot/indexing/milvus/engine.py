"""MilvusEngine: a SearchBackend whose BM25 runs in a Milvus collection.

The corpus index (for query understanding and answers) is in process, built from the
files (`synced`) or read back from the collection (`opened`); ranking is Milvus's BM25
over the same analysed terms, with the in-process BM25's k1 and b. Retriever names:
"bm25" is Milvus BM25; "hybrid" (qa_bot's default, BM25 fused with TF-IDF in process)
is served by the same Milvus BM25, since Milvus has no TF-IDF; "tfidf" is not available
(QABot says so, naming what is).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from qa_bot.documents.loading import Document, Progress
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.indexing.milvus import schema, stored
from qa_bot.indexing.milvus.client import Client, connect
from qa_bot.indexing.milvus.sync import SyncReport, bag_texts, row_key, search_text, sync
from qa_bot.indexing.names import names
from qa_bot.retrieval import Hit, Retriever, best_first

MAX_LIMIT = 16_384  # Milvus's largest search limit
RETRIEVER_NAMES = ("bm25", "hybrid")  # both Milvus BM25 (see the module docstring)


@dataclass(frozen=True)
class MilvusRetriever:
    """Analysed terms in, Milvus BM25 hits out as passage positions (best first, ties by
    position, only passages this engine knows: a newer row of another writer is left out)."""

    client: Client
    collection: str
    positions: Mapping[int, int]  # Milvus primary key -> passage position
    name: str = "bm25"
    source_prefix: str | None = None

    def where(self, source_prefix: str) -> MilvusRetriever:
        return replace(self, source_prefix=source_prefix)

    def top_k(self, terms: Sequence[str], k: int) -> list[Hit]:
        text = search_text(terms)
        if k <= 0 or not text:
            return []
        try:
            found = self.client.call(
                "search",
                self.collection,
                data=[text],
                anns_field="sparse",
                limit=min(k, MAX_LIMIT),
                filter=schema.prefix_filter(self.source_prefix),
                search_params={"metric_type": "BM25"},
                output_fields=[],
            )
        except Exception as err:  # 2.5.1 fails on a never-filled collection (avgdl 0)
            if "NaN or Inf" in str(err):
                return []
            raise
        positions = self.positions
        hits = [
            Hit(positions[hit["id"]], float(hit["distance"]))
            for hit in found[0]
            if hit["id"] in positions
        ]
        return best_first(hits)


@dataclass(frozen=True)
class MilvusEngine:
    index: CorpusIndex
    retrievers: dict[str, Retriever]
    named: frozenset[str]
    client: Client = field(repr=False)
    collection: str
    documents: dict[str, Document] = field(repr=False)

    @classmethod
    def of(
        cls,
        client: Client,
        collection: str,
        documents: dict[str, Document],
        index: CorpusIndex,
        named: frozenset[str],
        keys: Sequence[int],
    ) -> MilvusEngine:
        retriever = MilvusRetriever(client, collection, {key: n for n, key in enumerate(keys)})
        retrievers: dict[str, Retriever] = dict.fromkeys(RETRIEVER_NAMES, retriever)
        return cls(index, retrievers, named, client, collection, documents)

    @classmethod
    def synced(
        cls,
        documents: Mapping[str, Document],
        client: Client,
        collection: str,
        progress: Progress | None = None,
    ) -> tuple[MilvusEngine, SyncReport]:
        """Analyse the documents here, bring the collection up to date (incrementally),
        and search it; with what the sync did."""
        counted = CorpusIndex.count(documents, progress)
        index, named = counted.index, names(counted.index.analyzer, counted.mentions)
        texts = bag_texts(counted.postings, counted.vocabulary)
        report = sync(client, collection, documents, index, named, texts, progress)
        keys = [row_key(p.source, p.start, p.end) for p in index.passages]
        return cls.of(client, collection, dict(documents), index, named, keys), report

    @classmethod
    def opened(cls, client: Client, collection: str) -> MilvusEngine:
        """The index in the collection, read back: no local files."""
        found = stored.read(client, collection)
        return cls.of(client, collection, found.documents, found.index, found.named, found.keys)

    def close(self) -> None:
        """Close the connection (and stop an embedded engine this process started)."""
        self.client.close()


__all__ = ["MilvusEngine", "MilvusRetriever", "SyncReport", "connect"]
