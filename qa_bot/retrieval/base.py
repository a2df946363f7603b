"""What every retriever offers: the best passages for a query, as (position, score)."""

from __future__ import annotations

from typing import Protocol

from qa_bot.indexing.corpus_index import Query

Ranking = list[tuple[int, float]]


class Retriever(Protocol):
    @property
    def name(self) -> str: ...

    def top_k(self, query: Query, k: int) -> Ranking:
        """Up to k (passage position, score) pairs, best first; only positive scores."""
        ...
