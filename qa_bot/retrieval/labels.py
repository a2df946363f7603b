"""Exact-label matching: "What is Generative AI?" prefers the item labelled "Generative AI:".

A passage's label is the "Label:" that opens a list item, else its innermost heading. When
its terms are exactly the question's, the passage is what the question names: its score is
raised, the way search engines favour an exact title match. Applied to every retriever's
best POOL passages, after retrieval.
"""

from __future__ import annotations

from qa_bot.indexing.corpus_index import CorpusIndex, Query, label_key
from qa_bot.retrieval.base import Ranking

LABEL_BOOST = 0.5  # relative score increase for an exact label match
POOL = 20  # how many of the best passages are re-ranked


def rerank(ranking: Ranking, query: Query, index: CorpusIndex, k: int) -> Ranking:
    """The k best after raising exact label matches."""
    wanted = label_key(query.terms)
    if not wanted:
        return ranking[:k]
    keys = index.label_keys
    boosted = [
        (position, score * (1 + LABEL_BOOST) if keys[position] == wanted else score)
        for position, score in ranking
    ]
    boosted.sort(key=lambda item: (-item[1], item[0]))
    return boosted[:k]
