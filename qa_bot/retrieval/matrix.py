"""Sparse-matrix helpers the weighting schemes share: counts from token lists, column
slices of bounded size, and BM25's safe IDF."""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator, Sequence

import numpy as np
from scipy import sparse


def count_matrix(
    documents: Iterable[Sequence[str]], vocabulary: dict[str, int] | None = None
) -> tuple[sparse.csr_matrix, dict[str, int]]:
    """Documents × features counts. With no vocabulary, one is grown (first seen, first
    column); with one, unknown features are left out."""
    grow = vocabulary is None
    columns_of: dict[str, int] = {} if vocabulary is None else vocabulary
    columns = array("l")
    lengths = []
    for doc in documents:
        if grow:
            ids = [columns_of.setdefault(f, len(columns_of)) for f in doc]
        else:
            ids = [c for c in map(columns_of.get, doc) if c is not None]
        columns.extend(ids)
        lengths.append(len(ids))
    rows = np.repeat(np.arange(len(lengths)), lengths)
    counts = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, np.frombuffer(columns, dtype=np.int64))),
        shape=(len(lengths), len(columns_of)),
    )
    counts.sum_duplicates()
    return counts, columns_of


def column_slices(indptr: np.ndarray, postings: int = 4_000_000) -> Iterator[tuple[int, int]]:
    """(first, last) column ranges of about `postings` entries each (bounded temporaries
    when a large matrix is weighted)."""
    columns = len(indptr) - 1
    first = 0
    while first < columns:
        last = int(np.searchsorted(indptr, indptr[first] + postings, side="right")) - 1
        last = min(max(last, first + 1), columns)
        yield first, last
        first = last


def safe_idf(doc_freq: np.ndarray, n_docs: int) -> np.ndarray:
    """BM25 IDF that never goes to zero or below: log(1 + (N - n + 0.5) / (n + 0.5))."""
    return np.log1p((n_docs - doc_freq + 0.5) / (doc_freq + 0.5))
