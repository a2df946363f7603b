"""Retrievers selectable by name: bm25, tfidf and the fused hybrid (the default)."""

from __future__ import annotations

from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.retrieval.base import Ranking, Retriever
from qa_bot.retrieval.bm25 import BM25Retriever
from qa_bot.retrieval.fusion import HybridRetriever
from qa_bot.retrieval.tfidf import TfidfRetriever

RETRIEVERS = ("hybrid", "bm25", "tfidf")
DEFAULT_RETRIEVER = "hybrid"
HYBRID_WEIGHTS = (0.5, 0.5)  # bm25, tfidf

__all__ = ["DEFAULT_RETRIEVER", "RETRIEVERS", "Ranking", "Retriever", "build_retrievers"]


def check_retriever(name: object) -> str:
    if not isinstance(name, str) or name not in RETRIEVERS:
        raise ValueError(f"unknown retriever {name!r}; allowed: {', '.join(RETRIEVERS)}")
    return name


def build_retrievers(index: CorpusIndex) -> dict[str, Retriever]:
    """Every retriever over one index (the hybrid reuses the other two)."""
    return assemble_retrievers(BM25Retriever.build(index), TfidfRetriever.build(index))


def assemble_retrievers(bm25: BM25Retriever, tfidf: TfidfRetriever) -> dict[str, Retriever]:
    return {
        "hybrid": HybridRetriever((bm25, tfidf), HYBRID_WEIGHTS),
        "bm25": bm25,
        "tfidf": tfidf,
    }
