"""The Engine: everything a QABot searches with, built from documents in one pass or read
back from a saved index — the corpus index, the retrievers and the corpus's named terms
(the subjects follow-up questions keep). Building or reading one starts loading the compiled
kernels in the background when the corpus is large enough to use them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa_bot.documents.loading import Document, Progress
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.indexing.names import names
from qa_bot.paths import cache_dir
from qa_bot.retrieval import Retriever, assemble_retrievers, build_retrievers, compiled, kernel
from qa_bot.retrieval.bm25 import BM25Retriever, BM25Weights
from qa_bot.retrieval.tfidf import TfidfRetriever


@dataclass(frozen=True)
class Engine:
    index: CorpusIndex
    retrievers: dict[str, Retriever]
    named: frozenset[str]

    @classmethod
    def build(cls, documents: Mapping[str, Document], progress: Progress | None = None) -> Engine:
        """Chunk, analyse and count the documents once; weigh BM25 and TF-IDF from the
        counts (which are let go afterwards)."""
        counted = CorpusIndex.count(documents, progress)
        warm_up(len(counted.index.passages))
        named = names(counted.index.analyzer, counted.mentions)
        retrievers = build_retrievers(counted.postings, counted.vocabulary)
        return cls(counted.index, retrievers, named)

    @property
    def bm25(self) -> BM25Retriever:
        bm25 = self.retrievers["bm25"]
        assert isinstance(bm25, BM25Retriever)
        return bm25

    @property
    def tfidf(self) -> TfidfRetriever:
        tfidf = self.retrievers["tfidf"]
        assert isinstance(tfidf, TfidfRetriever)
        return tfidf

    def write(self, folder: Path) -> dict[str, Any]:
        """Each component writes its own files into `folder`; the meta of all of them."""
        weights = self.bm25.weights
        return {
            "index": self.index.save(folder),
            "bm25": weights.save(folder),
            "tfidf": self.tfidf.save(folder, weights.postings, weights.vocabulary),
            "named": sorted(self.named),
        }

    @classmethod
    def read(
        cls, folder: Path, meta: Mapping[str, Any], documents: Mapping[str, Document]
    ) -> Engine:
        """The engine `write` wrote, over the same documents (ValueError, OSError or
        KeyError when a file is missing or inconsistent)."""
        weights = BM25Weights.load(folder, meta["bm25"])
        warm_up(weights.n_docs)
        index = CorpusIndex.load(
            folder, meta["index"], documents, weights.vocabulary, weights.postings.column_counts()
        )
        if len(index.passages) != weights.n_docs:
            raise ValueError("passages and BM25 postings differ in number")
        tfidf = TfidfRetriever.load(folder, meta["tfidf"], weights.postings, weights.vocabulary)
        if tfidf.matrix.shape[0] != weights.n_docs:
            raise ValueError("passages and TF-IDF rows differ in number")
        retrievers = assemble_retrievers(BM25Retriever(weights), tfidf)
        return cls(index, retrievers, frozenset(meta["named"]))


def warm_up(n_docs: int) -> None:
    """Load the compiled kernels in a background thread if a corpus of n_docs uses them
    (numba keeps them in <cache folder>/numba unless $NUMBA_CACHE_DIR says otherwise)."""
    if kernel.uses_compiled(n_docs):
        compiled.warm_up(cache_dir() / "numba")
