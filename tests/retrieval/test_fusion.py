from __future__ import annotations

from dataclasses import dataclass

import pytest

from qa_bot.checks import check_retriever
from qa_bot.defaults import RETRIEVERS
from qa_bot.retrieval import HYBRID_WEIGHTS, Hit, assemble_retrievers
from qa_bot.retrieval.fusion import POOL, HybridRetriever, max_normalized

A = [Hit(0, 2.0), Hit(1, 1.0), Hit(3, 0.5)]
B = [Hit(1, 4.0), Hit(2, 2.0)]


def test_max_normalized_exact():
    fused = max_normalized([A, B], [0.5, 0.5])
    assert fused == pytest.approx({0: 0.5, 1: 0.25 + 0.5, 2: 0.25, 3: 0.125})


def test_max_normalized_weights():
    fused = max_normalized([A, B], [1.0, 0.0])
    assert fused == pytest.approx({0: 1.0, 1: 0.5, 2: 0.0, 3: 0.25})
    fused = max_normalized([A, B], [0.2, 0.8])
    assert fused[1] == pytest.approx(0.2 * 0.5 + 0.8 * 1.0)


def test_max_normalized_skips_empty_rankings():
    assert max_normalized([[], B], [0.5, 0.5]) == pytest.approx({1: 0.5, 2: 0.25})
    assert max_normalized([[], []], [0.5, 0.5]) == {}


def test_max_normalized_needs_one_weight_per_ranking():
    with pytest.raises(ValueError, match="zip"):
        max_normalized([A, B], [1.0])


@dataclass(frozen=True)
class Fixed:
    ranking: list[Hit]
    name: str = "fixed"

    def top_k(self, terms, k: int):
        return self.ranking[:k]


QUERY = ("q",)


def test_hybrid_orders_fused_scores():
    hybrid = HybridRetriever((Fixed(A), Fixed(B)), (0.5, 0.5))
    ranking = hybrid.top_k(QUERY, 10)
    assert [p for p, _ in ranking] == [1, 0, 2, 3]
    assert dict(ranking) == pytest.approx(max_normalized([A, B], [0.5, 0.5]))


def test_hybrid_truncates_to_k_and_breaks_ties_by_position():
    hybrid = HybridRetriever((Fixed([Hit(5, 1.0), Hit(2, 1.0)]), Fixed([])), (0.5, 0.5))
    assert hybrid.top_k(QUERY, 1) == [(2, 0.5)]
    assert [p for p, _ in hybrid.top_k(QUERY, 5)] == [2, 5]


def test_hybrid_asks_parts_for_a_pool():
    seen = []

    @dataclass(frozen=True)
    class Spy:
        name: str = "spy"

        def top_k(self, terms, k):
            seen.append(k)
            return []

    HybridRetriever((Spy(), Spy()), (0.5, 0.5)).top_k(QUERY, 3)
    assert seen == [POOL, POOL]
    assert HybridRetriever((Spy(),), (1.0,)).top_k(QUERY, POOL + 10) == []
    assert seen[-1] == POOL + 10


def test_built_retrievers(bot):
    retrievers = assemble_retrievers(bot.retrievers["bm25"], bot.retrievers["tfidf"])
    assert tuple(retrievers) == RETRIEVERS == tuple(bot.retrievers)
    hybrid = retrievers["hybrid"]
    assert hybrid.parts == (retrievers["bm25"], retrievers["tfidf"])
    assert hybrid.weights == HYBRID_WEIGHTS
    for name, retriever in retrievers.items():
        assert retriever.name == name


def test_bot_hybrid_equals_fusion_of_parts(bot):
    query = bot.parser.analyse("What are the weaknesses of generative AI?")
    parts = [bot.retrievers[n].top_k(query.terms, POOL) for n in ("bm25", "tfidf")]
    fused = max_normalized(parts, HYBRID_WEIGHTS)
    ranking = bot.retrievers["hybrid"].top_k(query.terms, 5)
    expected = sorted(fused.items(), key=lambda item: (-item[1], item[0]))[:5]
    assert ranking == expected
    assert ranking[0][1] <= sum(HYBRID_WEIGHTS) + 1e-9


@pytest.mark.parametrize("name", [None, "", "BM25", "dense", 3])
def test_check_retriever_rejects(name):
    with pytest.raises(ValueError, match="allowed: hybrid, bm25, tfidf"):
        check_retriever(name)


@pytest.mark.parametrize("name", RETRIEVERS)
def test_check_retriever_accepts(name):
    assert check_retriever(name) == name
