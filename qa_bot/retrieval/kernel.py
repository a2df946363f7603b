"""Top-k BM25 accumulation over postings: numba kernels for large corpora when numba is
installed (`pip install 'qa-bot[fast]'`), else numpy.

numpy and the term-at-a-time numba kernel add each query term's postings in the query's order
into a float64 accumulator (a repeated term adds again, as rank-bm25 does) and keep the k best
by (score desc, position asc). The accumulator is reused per thread and cleared after each
query: a query touches only its terms' postings, never every passage. From RANGES_FROM
passages, given the corpus's per-range weight bounds, the compiled path instead sums one range
of passages at a time in a cache-sized accumulator and skips the ranges that cannot reach the
k best (blockmax.py), with the same positions and bit-identical scores.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from typing import Any

import numpy as np

from qa_bot.retrieval import blockmax
from qa_bot.retrieval.blockmax import Bounds, insert_best

COMPILED_FROM = 2_000  # passages: below, numba's import (~0.5 s once) costs more than it saves
RANGES_FROM = 100_000  # passages: below, the plain kernel is as fast (its accumulator is small)
_LOCAL = threading.local()
_COMPILED: list[Callable[..., Any] | None] = []  # filled on first use
_RANGES: list[Callable[..., Any]] = []  # filled on first use


def accumulator(n_docs: int) -> np.ndarray:
    """This thread's zeroed score buffer for a corpus of n_docs passages."""
    buffer = getattr(_LOCAL, "buffer", None)
    if buffer is None or len(buffer) != n_docs:
        buffer = np.zeros(n_docs, dtype=np.float64)
        _LOCAL.buffer = buffer
    return buffer


def top_k_numpy(
    indptr: np.ndarray,
    indices: np.ndarray,
    weights: np.ndarray,
    columns: np.ndarray,
    multipliers: np.ndarray,
    k: int,
    buffer: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    touched = []
    for column, multiplier in zip(columns, multipliers, strict=True):
        lo, hi = indptr[column], indptr[column + 1]
        rows = indices[lo:hi]
        contribution = weights[lo:hi] if multiplier == 1.0 else weights[lo:hi] * multiplier
        buffer[rows] += contribution  # rows are unique within one posting list
        touched.append(rows)
    total = sum(len(rows) for rows in touched)
    if total * 16 > len(buffer):  # many postings: one scan beats sorting them
        candidates = np.flatnonzero(buffer)
    else:
        candidates = np.unique(np.concatenate(touched)) if touched else np.empty(0, np.int64)
    values = buffer[candidates]
    buffer[candidates] = 0.0
    keep = values > 0
    candidates, values = candidates[keep], values[keep]
    if len(values) > k:
        part = np.argpartition(-values, k - 1)[:k]
        threshold = values[part].min()
        part = np.flatnonzero(values >= threshold)  # all ties at the boundary
        candidates, values = candidates[part], values[part]
    order = np.lexsort((candidates, -values))[:k]
    return candidates[order].astype(np.int64), values[order]


def _top_k_compiled(  # pragma: no cover - compiled by numba
    indptr: np.ndarray,
    indices: np.ndarray,
    weights: np.ndarray,
    columns: np.ndarray,
    multipliers: np.ndarray,
    k: int,
    buffer: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    total = 0
    for c in columns:
        total += indptr[c + 1] - indptr[c]
    touched = np.empty(total, dtype=np.int64)
    n_touched = 0
    for i in range(len(columns)):
        c = columns[i]
        multiplier = multipliers[i]
        for j in range(indptr[c], indptr[c + 1]):
            row = indices[j]
            if buffer[row] == 0.0:
                touched[n_touched] = row
                n_touched += 1
            if multiplier == 1.0:
                buffer[row] += np.float64(weights[j])
            else:
                buffer[row] += np.float64(weights[j]) * multiplier
    best_ids = np.empty(k, dtype=np.int64)
    best_values = np.empty(k, dtype=np.float64)
    size = 0
    for i in range(n_touched):
        row = touched[i]
        value = buffer[row]
        buffer[row] = 0.0
        if value > 0.0:
            size = insert_best(best_ids, best_values, size, row, value)
    return best_ids[:size], best_values[:size]


def compiled_kernel() -> Callable[..., Any] | None:
    """The numba-compiled kernel, imported and compiled on first use; None without numba
    (or with QA_BOT_NO_NUMBA set)."""
    if not _COMPILED:
        try:
            if os.environ.get("QA_BOT_NO_NUMBA"):
                raise ImportError("disabled by QA_BOT_NO_NUMBA")
            import numba
        except ImportError:
            _COMPILED.append(None)
        else:
            jit = numba.njit(cache=True, nogil=True)
            python = getattr(blockmax.insert_best, "py_func", blockmax.insert_best)
            globals()["insert_best"] = jit(python)  # bound before the kernel compiles
            _COMPILED.append(jit(_top_k_compiled))
    return _COMPILED[0]


def compiled_ranges() -> Callable[..., Any] | None:
    """The numba-compiled range-pruned kernel (blockmax.py), compiled on first use; None
    when `compiled_kernel()` is (numba missing or disabled)."""
    if compiled_kernel() is None:
        return None
    if not _RANGES:
        import numba

        _RANGES.append(blockmax.compile_with(numba))
    return _RANGES[0]


def top_k_postings(
    indptr: np.ndarray,
    indices: np.ndarray,
    weights: np.ndarray,
    columns: np.ndarray,
    k: int,
    n_docs: int,
    compiled: bool | None = None,
    multipliers: np.ndarray | None = None,
    bounds: Callable[[], Bounds | None] | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """The k best (positions, scores) for the query's columns, best first: each column's
    postings (indptr/indices/weights, one column a term) times its multiplier (default 1).
    `compiled`: True/False force a path; None uses numba from COMPILED_FROM passages on.
    `bounds` (the corpus's blockmax.range_bounds, memoized by the caller; called only when
    needed) lets the compiled path skip ranges of passages from RANGES_FROM passages on."""
    factors = np.ones(len(columns)) if multipliers is None else multipliers.astype(np.float64)
    use = n_docs >= COMPILED_FROM if compiled is None else compiled
    if use and bounds is not None and n_docs >= RANGES_FROM:
        kernel, ranges = compiled_ranges(), bounds()
        if kernel is not None and ranges is not None:
            shift, slot, table = ranges
            ids, values = kernel(indptr, indices, weights, columns, factors, slot, table, shift, k)
            return ids, values
    buffer = accumulator(n_docs)
    kernel = compiled_kernel() if use else None
    if kernel is not None:
        ids, values = kernel(indptr, indices, weights, columns, factors, k, buffer)
        return ids, values
    return top_k_numpy(indptr, indices, weights, columns, factors, k, buffer)
