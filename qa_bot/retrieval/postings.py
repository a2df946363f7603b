"""Postings: the one shape every weighting scheme is searched in.

Column t (a term, or a character n-gram) lists its passages `indices[indptr[t]:indptr[t+1]]`
(sorted) with their weights. A Postings knows how to find a query's k best passages (the
kernel) and how to write and read itself (memory-mapped .npy arrays).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

import numpy as np

from qa_bot.retrieval.base import Hit
from qa_bot.retrieval.blockmax import Bounds, range_bounds
from qa_bot.retrieval.kernel import top_k_postings

ARRAYS = ("indptr", "indices", "weights")


@dataclass(frozen=True)
class Postings:
    indptr: np.ndarray  # int64, columns + 1
    indices: np.ndarray  # int32 passage positions, sorted within a column
    weights: np.ndarray  # float32 or float64, one per posting
    n_docs: int

    @property
    def columns(self) -> int:
        return len(self.indptr) - 1

    @cached_property
    def bounds(self) -> Bounds | None:
        """Per-range weight bounds for the large-corpus kernel (computed on first use)."""
        return range_bounds(self.indptr, self.indices, self.weights, self.n_docs)

    def top_k(
        self,
        columns: np.ndarray,
        k: int,
        multipliers: np.ndarray | None = None,
        compiled: bool | None = None,
    ) -> list[Hit]:
        """The k best hits of the sum of the given columns (each times its multiplier)."""
        if not len(columns):
            return []
        ids, values = top_k_postings(
            self.indptr,
            self.indices,
            self.weights,
            columns,
            k,
            self.n_docs,
            compiled,
            multipliers=multipliers,
            bounds=lambda: self.bounds,
        )
        return [Hit(int(i), float(v)) for i, v in zip(ids, values, strict=True)]

    def column_counts(self) -> np.ndarray:
        """How many passages each column holds (its document frequency)."""
        return np.diff(self.indptr)

    def same_lists(self, other: Postings) -> bool:
        """Whether both hold the same passages per column (their weights may differ)."""
        return self.columns == other.columns and (
            self.indices is other.indices
            or (
                np.array_equal(self.indptr, other.indptr)
                and np.array_equal(self.indices, other.indices)
            )
        )

    def save(self, folder: Path, prefix: str, names: Sequence[str] = ARRAYS) -> None:
        for name in names:
            np.save(folder / f"{prefix}_{name}.npy", getattr(self, name))

    @classmethod
    def load(
        cls, folder: Path, prefix: str, n_docs: int, lists: Postings | None = None
    ) -> Postings:
        """Memory-mapped; with `lists`, its indptr/indices are shared (only weights read)."""
        weights = load_array(folder, f"{prefix}_weights")
        if lists is not None:
            return cls(lists.indptr, lists.indices, weights, n_docs)
        indptr = load_array(folder, f"{prefix}_indptr")
        indices = load_array(folder, f"{prefix}_indices")
        return cls(indptr, indices, weights, n_docs)

    def consistent(self) -> bool:
        """Sizes agree and every position lies inside the corpus (a damaged file fails)."""
        return (
            len(self.indptr) >= 1
            and int(self.indptr[-1]) == len(self.indices) == len(self.weights)
            and (not len(self.indices) or int(np.max(self.indices)) < self.n_docs)
        )


def load_array(folder: Path, name: str) -> np.ndarray:
    loaded: np.ndarray = np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
    return loaded
