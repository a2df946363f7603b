"""Exact-label matching: "What is Generative AI?" prefers the item labelled "Generative AI:".

A passage's label is the "Label:" that opens a list item, else its innermost heading. When
its terms are exactly the question's, the passage is what the question names: its score is
raised, the way search engines favour an exact title match. Applied to every retriever's
best POOL passages, after retrieval.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

import numpy as np

from qa_bot.retrieval.base import Hit, best_first

LABEL_BOOST = 0.5  # relative score increase for an exact label match
POOL = 20  # how many of the best passages are re-ranked


def label_key(terms: Iterable[str]) -> int:
    """A stable 63-bit key of a set of terms (0 for none): equal sets, equal keys."""
    unique = sorted(set(terms))
    if not unique:
        return 0
    digest = hashlib.blake2b("\x1f".join(unique).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1 or 1


def rerank(hits: Sequence[Hit], terms: Sequence[str], keys: np.ndarray, k: int) -> list[Hit]:
    """The k best after raising the passages whose label key (`keys[position]`) is the
    query terms' key."""
    wanted = label_key(terms)
    if not wanted:
        return list(hits[:k])
    boosted = best_first(
        Hit(hit.position, hit.score * (1 + LABEL_BOOST)) if keys[hit.position] == wanted else hit
        for hit in hits
    )
    return boosted[:k]
