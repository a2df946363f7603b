"""The loops numba compiles (compiled.py), as plain Python over numpy arrays: the
term-at-a-time kernel (`top_k_terms`) and, for large corpora, exact top-k term at a time
within ranges of 4,096 passages, skipping every range whose upper bound cannot beat the k-th
best (block-max pruning, the MaxScore test applied per range of passages). They all live in
this one file because numba's on-disk cache is stamped by the source file of the function it
compiled: an edit here invalidates every cached kernel. Only numpy is imported here.

Why ranges: the plain term-at-a-time kernel adds each posting into a float64 accumulator of
one slot per passage; at 1M passages that is 8 MB, and each addition misses the cache. Here
the accumulator holds one range (32 KB, cache-resident), and each range is summed and
collected before the next. Bounds: for every long column (≥ LONG postings), its largest weight
in each range is precomputed once (`range_bounds`, a few MB at 1M passages); a short column's
are taken from its postings at query time. A range's bound is the sum over the query's
columns of their bound there times the multiplier. Once k passages are held, a range whose
bound (inflated by SLACK) is at most the k-th best score is skipped: every passage in it
scores strictly less (the inflation dwarfs float rounding), so none could enter, even on a tie.
On a synthetic 1M-passage Zipf corpus (3–8-term queries, top 10, one thread) the query p50
drops from ~3 ms to ~0.55 ms, mostly from the cache-sized accumulator (without skipping:
~0.63 ms); skipping matters more for the slowest queries. A per-passage MaxScore (document at
a time, galloping into the non-essential terms' postings) measured 0.8–0.9 ms p50 and a 4–5 ms
p99 there (its lookups miss the cache), so it was not kept.

Exactness: within a range the postings are added in the query's column order, starting from
0.0, as the numpy path does, so scores are bit-identical to it; ties go by position. Weights
must not be negative (`range_bounds` returns None otherwise); a negative multiplier turns
skipping off (the sums stay exact).
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

RANGE_SHIFT = 12  # ranges of 2**12 = 4,096 passages: a 32 KB accumulator
LONG = 4_096  # postings: a longer column's range bounds are precomputed, a shorter one's not
SLACK = 1.0 + 1e-9  # relative inflation of bounds: far above float64 rounding
DENSE = 4  # top_k_terms scans its whole buffer once postings exceed passages / DENSE


class Bounds(NamedTuple):
    """Each long column's largest weight in every range of 2**shift passages."""

    shift: int
    slot: np.ndarray  # per column: its row in `table`, or -1 (a short column)
    table: np.ndarray  # long columns × ranges, float64


def range_bounds(
    indptr: np.ndarray,
    indices: np.ndarray,
    weights: np.ndarray,
    n_docs: int,
    shift: int = RANGE_SHIFT,
    long: int = LONG,
) -> Bounds | None:
    """The corpus's Bounds (a few MB at 1M passages); None if a weight is negative."""
    if len(weights) and weights.min() < 0:
        return None
    lengths = np.diff(indptr)
    longs = np.flatnonzero(lengths >= long)
    slot = np.full(len(lengths), -1, dtype=np.int64)
    slot[longs] = np.arange(len(longs))
    table = np.zeros((len(longs), (n_docs >> shift) + 1), dtype=np.float64)
    for row, column in enumerate(longs.tolist()):  # a few thousand columns at 1M passages
        lo, hi = indptr[column], indptr[column + 1]
        ranges = indices[lo:hi] >> shift
        starts = np.flatnonzero(np.diff(ranges, prepend=-1))  # non-empty segments only
        table[row, ranges[starts]] = np.maximum.reduceat(weights[lo:hi], starts)
    return Bounds(shift, slot, table)


def _query_bounds(
    indptr: np.ndarray,
    indices: np.ndarray,
    weights: np.ndarray,
    columns: np.ndarray,
    multipliers: np.ndarray,
    slot: np.ndarray,
    table: np.ndarray,
    shift: int,
) -> np.ndarray:
    """Per range: the sum over query positions of the column's largest weight there times
    the multiplier (a long column's from the table, a short one's from its postings)."""
    total = np.zeros(table.shape[1], dtype=np.float64)
    short = np.zeros(table.shape[1], dtype=np.float64)
    for i in range(len(columns)):
        column = columns[i]
        if slot[column] >= 0:
            total += table[slot[column]] * multipliers[i]
            continue
        short[:] = 0.0
        for p in range(indptr[column], indptr[column + 1]):
            r = indices[p] >> shift
            short[r] = max(short[r], weights[p])
        total += short * multipliers[i]
    return total


def _gallop(indices: np.ndarray, start: int, end: int, target: int) -> int:
    """The first j in [start, end) with indices[j] >= target, else end (indices sorted)."""
    if start >= end or indices[start] >= target:
        return start
    low, step = start, 1  # indices[low] < target
    while low + step < end and indices[low + step] < target:
        low += step
        step *= 2
    high = min(low + step, end)  # indices[high] >= target, or high == end
    while high - low > 1:
        middle = (low + high) // 2
        if indices[middle] < target:
            low = middle
        else:
            high = middle
    return high


def _accumulate(
    indices: np.ndarray,
    weights: np.ndarray,
    multipliers: np.ndarray,
    start: np.ndarray,
    cursor: np.ndarray,
    end: np.ndarray,
    low: int,
    acc: np.ndarray,
) -> None:
    """Add each query position's postings in [low, low + len(acc)) into acc (offset by low),
    in query order; start/cursor become each position's slice of postings in the range."""
    high = low + len(acc)
    for i in range(len(cursor)):
        p = _gallop(indices, cursor[i], end[i], low)
        start[i] = p
        multiplier = multipliers[i]
        if multiplier == 1.0:
            while p < end[i] and indices[p] < high:
                acc[indices[p] - low] += np.float64(weights[p])
                p += 1
        else:
            while p < end[i] and indices[p] < high:
                acc[indices[p] - low] += np.float64(weights[p]) * multiplier
                p += 1
        cursor[i] = p


def _collect(
    indices: np.ndarray,
    start: np.ndarray,
    cursor: np.ndarray,
    low: int,
    acc: np.ndarray,
    best_ids: np.ndarray,
    best_values: np.ndarray,
    size: int,
) -> int:
    """Move the range's scores from acc (left zeroed) into the best-first arrays, which hold
    `size` entries; returns their new size."""
    for i in range(len(cursor)):
        for p in range(start[i], cursor[i]):
            row = indices[p]
            value = acc[row - low]
            if value == 0.0:
                continue  # taken already
            acc[row - low] = 0.0
            if value > 0.0:
                size = insert_best(best_ids, best_values, size, row, value)
    return size


def insert_best(
    best_ids: np.ndarray, best_values: np.ndarray, size: int, row: int, value: float
) -> int:
    """Put (row, value) among the `size` best held, ordered by (value desc, row asc), the
    last dropped when all len(best_ids) places are taken; returns the new size."""
    k = len(best_ids)
    if size == k and (
        value < best_values[k - 1] or (value == best_values[k - 1] and row > best_ids[k - 1])
    ):
        return size
    position = min(size, k - 1)
    while position > 0 and (
        best_values[position - 1] < value
        or (best_values[position - 1] == value and best_ids[position - 1] > row)
    ):
        best_values[position] = best_values[position - 1]
        best_ids[position] = best_ids[position - 1]
        position -= 1
    best_values[position] = value
    best_ids[position] = row
    return min(size + 1, k)


def top_k_ranges(
    indptr: np.ndarray,
    indices: np.ndarray,
    weights: np.ndarray,
    columns: np.ndarray,
    multipliers: np.ndarray,
    slot: np.ndarray,
    table: np.ndarray,
    shift: int,
    k: int,
) -> tuple[np.ndarray, np.ndarray]:
    """The k best (positions, scores) by (score desc, position asc), scores > 0, with a
    corpus's Bounds (slot, table, shift). A negative multiplier turns skipping off."""
    if multipliers.min() < 0.0:
        limit = np.full(table.shape[1], np.inf)
    else:
        limit = _query_bounds(indptr, indices, weights, columns, multipliers, slot, table, shift)
        limit *= SLACK
    start = np.empty(len(columns), dtype=np.int64)
    cursor = indptr[columns].astype(np.int64)
    end = indptr[columns + 1].astype(np.int64)
    acc = np.zeros(1 << shift, dtype=np.float64)
    best_ids = np.empty(k, dtype=np.int64)
    best_values = np.empty(k, dtype=np.float64)
    size = 0
    for r in range(len(limit)):
        if limit[r] <= 0.0 or (size == k and limit[r] <= best_values[k - 1]):
            continue  # nobody in the range can enter
        low = r << shift
        _accumulate(indices, weights, multipliers, start, cursor, end, low, acc)
        size = _collect(indices, start, cursor, low, acc, best_ids, best_values, size)
    return best_ids[:size], best_values[:size]


def top_k_terms(
    indptr: np.ndarray,
    indices: np.ndarray,
    weights: np.ndarray,
    columns: np.ndarray,
    multipliers: np.ndarray,
    k: int,
    buffer: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """The k best by (score desc, position asc), scores > 0: each column's postings times
    its multiplier added into `buffer` (one zeroed slot per passage, left zeroed)."""
    total = 0
    for c in columns:
        total += indptr[c + 1] - indptr[c]
    dense = total * DENSE > len(buffer)  # many postings: scan the buffer, track nothing
    touched = np.empty(0 if dense else total, dtype=np.int64)
    n_touched = 0
    for i in range(len(columns)):
        c = columns[i]
        multiplier = multipliers[i]
        for j in range(indptr[c], indptr[c + 1]):
            row = indices[j]
            if not dense and buffer[row] == 0.0:
                touched[n_touched] = row
                n_touched += 1
            if multiplier == 1.0:
                buffer[row] += np.float64(weights[j])
            else:
                buffer[row] += np.float64(weights[j]) * multiplier
    best_ids = np.empty(k, dtype=np.int64)
    best_values = np.empty(k, dtype=np.float64)
    size = 0
    for i in range(len(buffer) if dense else n_touched):
        row = i if dense else touched[i]
        value = buffer[row]
        if value != 0.0:
            buffer[row] = 0.0
            if value > 0.0:
                size = insert_best(best_ids, best_values, size, row, value)
    return best_ids[:size], best_values[:size]
