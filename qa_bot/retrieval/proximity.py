"""Term proximity: a passage where the query's words stand close together, in any order,
is more likely about what the query asks than one where they are scattered (the
unordered-window feature of lexical QA rankers). Applied to the best few hits only."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from qa_bot.retrieval.base import Hit, best_first

PROXIMITY_BOOST = 0.2  # relative score increase for a passage with every pair close
WINDOW = 4  # two terms this many positions apart or fewer are close
POOL = 10  # how many of the best hits are re-ranked


def closeness(query: Sequence[str], terms: Sequence[str], window: int = WINDOW) -> float:
    """Share of the query's consecutive pairs of distinct terms (in question order) that
    occur within `window` positions of each other in `terms` (0 when fewer than two)."""
    wanted = list(dict.fromkeys(query))
    if len(wanted) < 2:
        return 0.0
    positions: dict[str, list[int]] = {term: [] for term in wanted}
    for index, term in enumerate(terms):
        if term in positions:
            positions[term].append(index)
    pairs = list(pairwise(wanted))
    close = sum(
        1 for a, b in pairs if any(abs(i - j) <= window for i in positions[a] for j in positions[b])
    )
    return close / len(pairs)


def rerank(
    hits: Sequence[Hit],
    query: Sequence[str],
    terms_of: Callable[[int], Sequence[str]],
    boost: float = PROXIMITY_BOOST,
    pool: int = POOL,
) -> list[Hit]:
    """The hits with the first `pool` raised by `boost` × their closeness."""
    if boost <= 0 or not hits:
        return list(hits)
    return best_first(
        Hit(hit.position, hit.score * (1 + boost * closeness(query, terms_of(hit.position))))
        if rank < pool
        else hit
        for rank, hit in enumerate(hits)
    )
