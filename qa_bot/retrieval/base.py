"""What every retriever offers: terms in, the best passages out as Hits (position, score)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple, Protocol


class Hit(NamedTuple):
    """A passage (by its position in the corpus) and its score for one query."""

    position: int
    score: float


class Retriever(Protocol):
    @property
    def name(self) -> str: ...

    def top_k(self, terms: Sequence[str], k: int) -> list[Hit]:
        """Up to k hits, best first (ties by position); only positive scores."""
        ...
