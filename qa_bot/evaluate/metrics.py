"""Ranking and answer metrics, as pure functions of relevance judgements."""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np


def is_relevant(passage_text: str, evidence: Sequence[str]) -> bool:
    """A passage is right when it contains a quote, or (sentence-sized) lies within one."""
    return any(quote in passage_text or passage_text in quote for quote in evidence)


def first_hit(relevant: Sequence[bool]) -> int | None:
    """1-based rank of the first relevant passage, or None."""
    return next((rank for rank, ok in enumerate(relevant, start=1) if ok), None)


def hit_at(relevant: Sequence[bool], k: int) -> float:
    return 1.0 if any(relevant[:k]) else 0.0


def reciprocal_rank(relevant: Sequence[bool], k: int = 10) -> float:
    rank = first_hit(relevant[:k])
    return 0.0 if rank is None else 1.0 / rank


def ndcg(relevant: Sequence[bool], n_relevant: int, k: int = 10) -> float:
    """Binary-relevance nDCG@k; `n_relevant` is how many relevant passages exist in all."""
    dcg = sum(1.0 / math.log2(rank + 1) for rank, ok in enumerate(relevant[:k], start=1) if ok)
    ideal = sum(1.0 / math.log2(rank + 1) for rank in range(1, min(n_relevant, k) + 1))
    return dcg / ideal if ideal else 0.0


def recall(passages: Sequence[str], evidence: Sequence[str], k: int) -> float:
    """Share of the evidence quotes that some top-k passage contains (or lies within)."""
    if not evidence:
        return 0.0
    found = sum(1 for quote in evidence if any(is_relevant(p, [quote]) for p in passages[:k]))
    return found / len(evidence)


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation (numpy's); 0 for no values."""
    return float(np.percentile(values, q)) if len(values) else 0.0
