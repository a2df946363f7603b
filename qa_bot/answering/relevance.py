"""Scores a reader can compare: for each hit, its raw BM25 score and how much of the
question it covers.

The hybrid retriever divides each ranking by its best, so the first hit of every query
scores 1.0 — relevant or not. The raw BM25 score is not normalised, and coverage (the
share of the question's weight the passage holds) means the same on every query: its cue
("strong", "partial", "weak") uses the thresholds that grade answers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_bot.answering.compose import Settings, coverage
from qa_bot.answering.query import Query
from qa_bot.indexing.backend import SearchBackend
from qa_bot.retrieval import Hit
from qa_bot.retrieval.bm25 import BM25Retriever

DEFAULT_SETTINGS = Settings()
RAW_POOL = 1_000  # a backend without dense BM25 scores: raw scores of its best this many


@dataclass(frozen=True)
class Relevance:
    position: int
    score: float  # the retriever's own score (hybrid: fused, its best is always 1.0)
    bm25: float  # the raw BM25 score of the passage for the query
    coverage: float  # share of the question's weight (IDF) the passage contains, 0–1
    cue: str  # "strong" (would be answered), "partial" (tentative) or "weak"


def relevance(
    query: Query,
    hits: Sequence[Hit],
    backend: SearchBackend,
    settings: Settings = DEFAULT_SETTINGS,
) -> list[Relevance]:
    """The readable scores of each hit, in the order given."""
    raw = raw_bm25(query, hits, backend)
    out = []
    for (position, score), bm25 in zip(hits, raw, strict=True):
        share = coverage(query, backend.index.passage_terms[position], backend.index)
        out.append(Relevance(position, score, bm25, share, cue(share, settings)))
    return out


def raw_bm25(query: Query, hits: Sequence[Hit], backend: SearchBackend) -> list[float]:
    """Each hit's raw BM25 score: exact in process; from another backend (Milvus), its
    BM25 ranking's best RAW_POOL scores (0 below them)."""
    bm25 = backend.retrievers["bm25"]
    if isinstance(bm25, BM25Retriever):
        dense, _ = bm25.weights.scores(query.terms)
        return [float(dense[hit.position]) for hit in hits]
    found = {hit.position: hit.score for hit in bm25.top_k(query.terms, RAW_POOL)}
    return [found.get(hit.position, 0.0) for hit in hits]


def cue(share: float, settings: Settings = DEFAULT_SETTINGS) -> str:
    if share >= settings.min_coverage:
        return "strong"
    return "partial" if share >= settings.tentative_floor else "weak"
