"""Hybrid retrieval: fuse the BM25 and TF-IDF rankings into one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_bot.indexing.corpus_index import Query
from qa_bot.retrieval.base import Ranking, Retriever

FUSIONS = ("max-normalized", "rrf")
RRF_K = 60
POOL = 50  # candidates taken from each retriever before fusing


def max_normalized(rankings: Sequence[Ranking], weights: Sequence[float]) -> dict[int, float]:
    """Each ranking's scores divided by its best, then a weighted sum."""
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        if not ranking:
            continue
        best = ranking[0][1]
        for position, score in ranking:
            fused[position] = fused.get(position, 0.0) + weight * score / best
    return fused


def reciprocal_rank(rankings: Sequence[Ranking], weights: Sequence[float]) -> dict[int, float]:
    """Reciprocal rank fusion: sum of weight / (RRF_K + rank)."""
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, (position, _) in enumerate(ranking, start=1):
            fused[position] = fused.get(position, 0.0) + weight / (RRF_K + rank)
    return fused


@dataclass(frozen=True)
class HybridRetriever:
    parts: tuple[Retriever, ...]
    weights: tuple[float, ...]
    fusion: str = "max-normalized"
    name: str = "hybrid"

    def __post_init__(self) -> None:
        if self.fusion not in FUSIONS:
            raise ValueError(f"unknown fusion {self.fusion!r}; allowed: {', '.join(FUSIONS)}")

    def top_k(self, query: Query, k: int) -> Ranking:
        rankings = [part.top_k(query, max(k, POOL)) for part in self.parts]
        combine = max_normalized if self.fusion == "max-normalized" else reciprocal_rank
        fused = combine(rankings, self.weights)
        ordered = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
        return ordered[:k]
