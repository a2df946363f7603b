"""Term proximity: query words close together raise a passage among the best hits."""

from __future__ import annotations

import pytest

from qa_bot.retrieval import Hit
from qa_bot.retrieval.proximity import closeness, rerank


@pytest.mark.parametrize(
    ("query", "terms", "share"),
    [
        (["a", "b"], ["a", "b"], 1.0),
        (["a", "b"], ["b", "x", "a"], 1.0),  # any order
        (["a", "b"], ["a", "x", "x", "x", "x", "x", "b"], 0.0),  # too far apart
        (["a", "b", "c"], ["a", "b", "x", "x", "x", "x", "x", "x", "c"], 0.5),
        (["a", "a", "b"], ["a", "b"], 1.0),  # repeats count once
        (["a"], ["a"], 0.0),  # a single term has no pairs
        (["a", "b"], ["a"], 0.0),
    ],
)
def test_closeness(query, terms, share):
    assert closeness(query, terms, window=4) == share


def test_rerank_raises_the_passage_whose_words_stand_together():
    terms = {0: ["a", "x", "x", "x", "x", "x", "b"], 1: ["a", "b"]}
    hits = [Hit(0, 1.0), Hit(1, 0.9)]
    assert [h.position for h in rerank(hits, ["a", "b"], terms.__getitem__)] == [1, 0]
    assert rerank(hits, ["a", "b"], terms.__getitem__, boost=0.0) == hits


def test_rerank_leaves_hits_past_the_pool_alone():
    terms = {0: ["a"], 1: ["a", "b"]}
    hits = [Hit(0, 1.0), Hit(1, 0.9)]
    assert rerank(hits, ["a", "b"], terms.__getitem__, pool=1) == hits
