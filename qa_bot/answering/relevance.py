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
from qa_bot.indexing.engine import Engine
from qa_bot.retrieval import Hit

DEFAULT_SETTINGS = Settings()


@dataclass(frozen=True)
class Relevance:
    position: int
    score: float  # the retriever's own score (hybrid: fused, its best is always 1.0)
    bm25: float  # the raw BM25 score of the passage for the query
    coverage: float  # share of the question's weight (IDF) the passage contains, 0–1
    cue: str  # "strong" (would be answered), "partial" (tentative) or "weak"


def relevance(
    query: Query, hits: Sequence[Hit], engine: Engine, settings: Settings = DEFAULT_SETTINGS
) -> list[Relevance]:
    """The readable scores of each hit, in the order given."""
    raw, _ = engine.bm25.weights.scores(query.terms)
    out = []
    for position, score in hits:
        share = coverage(query, engine.index.passage_terms[position], engine.index)
        out.append(Relevance(position, score, float(raw[position]), share, cue(share, settings)))
    return out


def cue(share: float, settings: Settings = DEFAULT_SETTINGS) -> str:
    if share >= settings.min_coverage:
        return "strong"
    return "partial" if share >= settings.tentative_floor else "weak"
