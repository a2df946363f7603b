"""What every retriever offers: the best passages for a query, as (position, score)."""

from __future__ import annotations

from typing import Protocol

import numpy as np

from qa_bot.index import Query

Ranking = list[tuple[int, float]]


class Retriever(Protocol):
    @property
    def name(self) -> str: ...

    def top_k(self, query: Query, k: int) -> Ranking:
        """Up to k (passage position, score) pairs, best first; only positive scores."""
        ...


def top_k_of(scores: np.ndarray, k: int, candidates: np.ndarray | None = None) -> Ranking:
    """The k best positive scores, without sorting every passage (argpartition).

    `candidates` restricts the choice to those positions (the passages a query touched).
    """
    positions = np.arange(len(scores)) if candidates is None else candidates
    values = scores[positions]
    keep = values > 0
    positions, values = positions[keep], values[keep]
    if len(values) > k:
        part = np.argpartition(-values, k - 1)[:k]
        positions, values = positions[part], values[part]
    order = np.lexsort((positions, -values))  # ties: document order
    return [(int(positions[i]), float(values[i])) for i in order]
