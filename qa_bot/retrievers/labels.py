"""Exact-label matching: "What is Generative AI?" prefers the item labelled "Generative AI:".

A passage's label is the "Label:" that opens a list item, else its innermost heading. When
its terms are exactly the question's, the passage is what the question names: its score is
raised, the way search engines favour an exact title match. Applied to every retriever's
best POOL passages, after retrieval.
"""

from __future__ import annotations

import re

from qa_bot.chunking import Passage
from qa_bot.index import CorpusIndex, Query
from qa_bot.retrievers.base import Ranking

LABEL_BOOST = 0.5  # relative score increase for an exact label match
POOL = 20  # how many of the best passages are re-ranked
_LABEL = re.compile(r"^[*_]{0,2}([^:.!?\n*_]{1,60}):[*_]{0,2}\s")


def label_of(passage: Passage) -> str:
    """The item's "Label:", else the passage's innermost heading, else ""."""
    match = _LABEL.match(passage.text)
    return match.group(1) if match else (passage.headings[-1] if passage.headings else "")


def rerank(ranking: Ranking, query: Query, index: CorpusIndex, k: int) -> Ranking:
    """The k best after raising exact label matches."""
    wanted = frozenset(query.terms)
    if not wanted:
        return ranking[:k]
    boosted = [
        (position, score * (1 + LABEL_BOOST) if _label_terms(index, position) == wanted else score)
        for position, score in ranking
    ]
    boosted.sort(key=lambda item: (-item[1], item[0]))
    return boosted[:k]


def _label_terms(index: CorpusIndex, position: int) -> frozenset[str]:
    return frozenset(index.analyzer(label_of(index.passages[position])))
