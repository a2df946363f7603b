"""Retrieval, a leaf: analysed terms in, Hits (passage position, score) out.

BM25 and TF-IDF over shared Postings, and the fused hybrid (the default); nothing here knows
about documents, questions or answers.
"""

from __future__ import annotations

from scipy import sparse

from qa_bot.retrieval.base import Hit, Retriever, best_first
from qa_bot.retrieval.bm25 import BM25Retriever
from qa_bot.retrieval.fusion import HybridRetriever
from qa_bot.retrieval.tfidf import TfidfRetriever

HYBRID_WEIGHTS = (0.5, 0.5)  # bm25, tfidf

__all__ = ["Hit", "Retriever", "assemble_retrievers", "best_first", "build_retrievers"]


def build_retrievers(
    postings: sparse.csc_matrix, vocabulary: dict[str, int]
) -> dict[str, Retriever]:
    """Every retriever over one passages × terms counts matrix (CSC, sorted indices): BM25
    and TF-IDF share its index arrays; the hybrid reuses the two."""
    return assemble_retrievers(
        BM25Retriever.from_counts(postings, vocabulary),
        TfidfRetriever.from_counts(postings, vocabulary),
    )


def assemble_retrievers(bm25: BM25Retriever, tfidf: TfidfRetriever) -> dict[str, Retriever]:
    return {
        "hybrid": HybridRetriever((bm25, tfidf), HYBRID_WEIGHTS),
        "bm25": bm25,
        "tfidf": tfidf,
    }
