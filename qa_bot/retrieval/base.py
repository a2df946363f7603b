"""What every retriever offers: terms in, the best passages out as Hits (position, score)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple, Protocol


class Hit(NamedTuple):
    """A passage (by its position in the corpus) and its score for one query."""

    position: int
    score: float


def best_first(hits: Iterable[Hit]) -> list[Hit]:
    """The hits in the order every ranking has: best score first, ties by position."""
    return sorted(hits, key=lambda hit: (-hit.score, hit.position))


class Retriever(Protocol):
    @property
    def name(self) -> str: ...

    def top_k(self, terms: Sequence[str], k: int) -> list[Hit]:
        """Up to k hits, best first (ties by position); only positive scores."""
        ...
