import math

import pytest

from qa_bot.evaluate import metrics


@pytest.mark.parametrize(
    ("relevant", "k", "expected"),
    [
        ([True, False, False], 1, 1.0),
        ([False, True, False], 1, 0.0),
        ([False, True, False], 3, 1.0),
        ([False, False, False], 3, 0.0),
        ([], 5, 0.0),
    ],
)
def test_hit_at(relevant: list[bool], k: int, expected: float) -> None:
    assert metrics.hit_at(relevant, k) == expected


@pytest.mark.parametrize(
    ("relevant", "expected"),
    [([True], 1.0), ([False, True], 0.5), ([False, False, True], 1 / 3), ([False] * 12, 0.0)],
)
def test_reciprocal_rank(relevant: list[bool], expected: float) -> None:
    assert metrics.reciprocal_rank(relevant) == pytest.approx(expected)


def test_reciprocal_rank_ignores_hits_beyond_k() -> None:
    assert metrics.reciprocal_rank([False] * 10 + [True], k=10) == 0.0


def test_ndcg_by_hand() -> None:
    # relevant at ranks 2 and 3, three relevant passages exist
    dcg = 1 / math.log2(3) + 1 / math.log2(4)
    ideal = 1 + 1 / math.log2(3) + 1 / math.log2(4)
    assert metrics.ndcg([False, True, True], n_relevant=3) == pytest.approx(dcg / ideal)
    assert metrics.ndcg([True, False], n_relevant=1) == 1.0
    assert metrics.ndcg([False, False], n_relevant=0) == 0.0


def test_relevance_by_quote_containment_either_way() -> None:
    assert metrics.is_relevant("Alpha beta gamma. Delta.", ["beta gamma"])
    assert metrics.is_relevant("beta gamma", ["Alpha beta gamma delta"])  # sentence-sized
    assert not metrics.is_relevant("Alpha beta", ["gamma"])


def test_recall_counts_each_quote() -> None:
    passages = ["one two", "three four", "five"]
    assert metrics.recall(passages, ["two", "four", "six"], k=3) == pytest.approx(2 / 3)
    assert metrics.recall(passages, ["two", "four"], k=1) == 0.5


@pytest.mark.parametrize(("q", "expected"), [(0, 1.0), (50, 2.5), (100, 4.0), (25, 1.75)])
def test_percentile(q: float, expected: float) -> None:
    assert metrics.percentile([4.0, 1.0, 3.0, 2.0], q) == pytest.approx(expected)
