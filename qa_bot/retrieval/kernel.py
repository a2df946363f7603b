"""Top-k BM25 accumulation over postings: numba kernels (compiled.py) for corpora of
COMPILED_FROM passages or more, else numpy.

numpy and the term-at-a-time kernel add each query term's postings in the query's order
into a float64 accumulator (a repeated term adds again, as rank-bm25 does) and keep the k best
by (score desc, position asc). The accumulator is reused per thread and cleared after each
query: a query touches only its terms' postings, never every passage. From RANGES_FROM
passages, given the corpus's per-range weight bounds, the compiled path instead sums one range
of passages at a time in a cache-sized accumulator and skips the ranges that cannot reach the
k best (blockmax.py), with the same positions and bit-identical scores. While the compiled
kernels are still loading (compiled.warm_up), a query takes the numpy path: same answer, and
never a wait for the compiler.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import cast

import numpy as np

from qa_bot.retrieval import compiled as jit
from qa_bot.retrieval.blockmax import Bounds

COMPILED_FROM = 2_000  # passages: below, numba's import (~0.5 s once) costs more than it saves
RANGES_FROM = 400_000  # passages: below, the plain kernel is faster (its accumulator fits a cache)
_LOCAL = threading.local()


def accumulator(n_docs: int) -> np.ndarray:
    """This thread's zeroed score buffer for a corpus of n_docs passages."""
    buffer = getattr(_LOCAL, "buffer", None)
    if buffer is None or len(buffer) != n_docs:
        buffer = np.zeros(n_docs, dtype=np.float64)
        _LOCAL.buffer = buffer
    return buffer


def uses_compiled(n_docs: int) -> bool:
    """Whether a corpus of n_docs passages is searched with the compiled kernels."""
    return n_docs >= COMPILED_FROM and not jit.disabled()


def wait_until_fast(n_docs: int) -> None:
    """Return once a corpus of n_docs passages is searched at full speed (its compiled
    kernels loaded, when it uses them): what a server waits for before it says it is up."""
    if uses_compiled(n_docs):
        jit.kernels(wait=True)


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


def frozen(array: np.ndarray, dtype: type | None = None) -> np.ndarray:
    """A read-only C-contiguous view (a copy only when the dtype or layout differ): the one
    array type the kernels are compiled for, whether built in memory or memory-mapped."""
    view = np.ascontiguousarray(array, dtype=dtype).view()
    view.flags.writeable = False
    return view


def _compiled_args(
    indptr: np.ndarray, indices: np.ndarray, weights: np.ndarray, columns: np.ndarray
) -> tuple[np.ndarray, ...] | None:
    """The arrays as the kernels' signatures want them; None for a dtype not compiled."""
    if weights.dtype.name not in jit.WEIGHTS or indices.dtype.kind not in "iu":
        return None
    if indices.dtype != np.int32 and len(indices) and int(indices.max()) >= 2**31:
        return None
    return (
        frozen(indptr, np.int64),
        frozen(indices, np.int32),
        frozen(weights),
        frozen(columns, np.int64),
    )


def compiled_kernel() -> jit.Kernels | None:
    """The compiled kernels, waiting for them to load; None without numba."""
    return None if jit.disabled() else jit.kernels(wait=True)


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
    `compiled`: True waits for the compiled kernels (numpy when numba is missing), False
    forces numpy, None uses the compiled kernels from COMPILED_FROM passages on once they
    are loaded. `bounds` (the corpus's blockmax.range_bounds, memoized by the caller; called
    only when needed) lets the compiled path skip ranges of passages from RANGES_FROM on."""
    factors = np.ones(len(columns)) if multipliers is None else multipliers.astype(np.float64)
    use = uses_compiled(n_docs) if compiled is None else compiled and not jit.disabled()
    kernels = jit.kernels(wait=compiled is True) if use else None
    args = _compiled_args(indptr, indices, weights, columns) if kernels else None
    if kernels is None or args is None:
        buffer = accumulator(n_docs)
        return top_k_numpy(indptr, indices, weights, columns, factors, k, buffer)
    ranges = bounds() if bounds is not None and n_docs >= RANGES_FROM else None
    if ranges is not None:
        shift, slot, table = ranges
        found = kernels.ranges(
            *args, frozen(factors), frozen(slot, np.int64), frozen(table), shift, k
        )
    else:
        found = kernels.terms(*args, frozen(factors), k, accumulator(n_docs))
    return cast(tuple[np.ndarray, np.ndarray], found)
