"""Hybrid retrieval: fuse the BM25 and TF-IDF rankings into one.

Each ranking's scores are divided by its best, then summed with weights (reciprocal-rank
fusion and other weights measured no better on the question sets; see docs/design.md).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_bot.retrieval.base import Hit, Retriever

POOL = 50  # candidates taken from each retriever before fusing


def max_normalized(rankings: Sequence[Sequence[Hit]], weights: Sequence[float]) -> dict[int, float]:
    """Each ranking's scores divided by its best, then a weighted sum."""
    fused: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        if not ranking:
            continue
        best = ranking[0].score
        for position, score in ranking:
            fused[position] = fused.get(position, 0.0) + weight * score / best
    return fused


@dataclass(frozen=True)
class HybridRetriever:
    parts: tuple[Retriever, ...]
    weights: tuple[float, ...]
    name: str = "hybrid"

    def top_k(self, terms: Sequence[str], k: int) -> list[Hit]:
        rankings = [part.top_k(terms, max(k, POOL)) for part in self.parts]
        fused = max_normalized(rankings, self.weights)
        ordered = sorted(fused.items(), key=lambda item: (-item[1], item[0]))
        return [Hit(position, score) for position, score in ordered[:k]]
