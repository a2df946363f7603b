"""BM25Weights against rank-bm25's BM25Okapi (with qa_bot's safe IDF swapped in)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from rank_bm25 import BM25Okapi

from qa_bot.answering.query import Query
from qa_bot.retrieval.bm25 import K1, B, BM25Retriever, BM25Weights
from qa_bot.retrieval.matrix import safe_idf


class SafeIdfBM25Okapi(BM25Okapi):
    """rank-bm25's Okapi scoring with qa_bot's always-positive IDF."""

    def _calc_idf(self, nd):
        for word, freq in nd.items():
            self.idf[word] = float(safe_idf(np.asarray(freq), self.corpus_size))


def synthetic_corpus(seed: int = 7, n_docs: int = 300, vocab: int = 800) -> list[list[str]]:
    """Documents drawn from a Zipf-ish vocabulary: a few words are everywhere, most are rare."""
    rng = np.random.default_rng(seed)
    words = np.array([f"w{i}" for i in range(vocab)])
    p = 1.0 / np.arange(1, vocab + 1) ** 1.1
    p /= p.sum()
    lengths = rng.integers(1, 80, size=n_docs)
    return [list(rng.choice(words, size=n, p=p)) for n in lengths]


def query_sets(documents: list[list[str]]) -> list[list[str]]:
    counts: dict[str, int] = {}
    for doc in documents:
        for term in set(doc):
            counts[term] = counts.get(term, 0) + 1
    by_df = sorted(counts, key=lambda t: (-counts[t], t))
    common, mid, rare = by_df[0], by_df[len(by_df) // 3], by_df[-1]
    return [
        [common],
        [rare],
        [common, mid, rare],
        [mid, mid, mid],  # a repeated query term counts each time
        [rare, "never-seen-term", common],  # unknown terms add nothing
        ["never-seen-term"],
        [],
        by_df[:25],
    ]


def assert_matches_rank_bm25(documents, queries):
    weights = BM25Weights.build(documents, k1=K1, b=B)
    reference = SafeIdfBM25Okapi(documents, k1=K1, b=B)
    for terms in queries:
        expected = reference.get_scores(terms)
        scores, touched = weights.scores(terms)
        np.testing.assert_allclose(scores, expected, rtol=1e-5, atol=1e-9, err_msg=str(terms))
        # touched = exactly the passages containing a query term (all positive with safe IDF)
        np.testing.assert_array_equal(np.sort(touched), np.flatnonzero(expected > 0))


def test_matches_rank_bm25_on_article_passages(bot):
    documents = [list(terms) for terms in bot.index.passage_terms]
    queries = query_sets(documents) + [
        list(bot.parser.analyse(q).terms)
        for q in (
            "What is fine-tuning?",
            "What are the weaknesses of generative AI?",
            "LLMs LLMs LLMs transformer",
            "GPT-4 self-attention hallucinations",
        )
    ]
    assert_matches_rank_bm25(documents, queries)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_matches_rank_bm25_on_synthetic_zipf_corpus(seed):
    documents = synthetic_corpus(seed)
    counts = {}
    for doc in documents:
        for term in set(doc):
            counts[term] = counts.get(term, 0) + 1
    # the corpus has terms in more than half the documents (where plain BM25 IDF is ≤ 0)
    assert max(counts.values()) > len(documents) / 2
    assert_matches_rank_bm25(documents, query_sets(documents))


@pytest.mark.parametrize(("k1", "b"), [(1.2, 0.75), (2.0, 0.0), (0.5, 1.0)])
def test_matches_rank_bm25_with_other_parameters(k1, b):
    documents = synthetic_corpus(11, n_docs=120)
    weights = BM25Weights.build(documents, k1=k1, b=b)
    reference = SafeIdfBM25Okapi(documents, k1=k1, b=b)
    for terms in query_sets(documents):
        np.testing.assert_allclose(
            weights.scores(terms)[0], reference.get_scores(terms), rtol=1e-5, atol=1e-9
        )


def test_safe_idf_is_positive_for_a_term_in_every_document():
    documents = [["shared", f"own{i}"] for i in range(10)]
    n = len(documents)
    plain = math.log(n - n + 0.5) - math.log(n + 0.5)  # rank-bm25's raw IDF
    assert plain <= 0
    assert float(safe_idf(np.asarray(n), n)) > 0
    weights = BM25Weights.build(documents)
    assert weights.idf[weights.vocabulary["shared"]] > 0
    scores, touched = weights.scores(["shared"])
    assert np.all(scores > 0)
    assert len(touched) == n


def test_safe_idf_decreases_with_document_frequency():
    idf = safe_idf(np.arange(0, 51), 50)
    assert np.all(idf > 0)
    assert np.all(np.diff(idf) < 0)


def test_shorter_document_scores_higher_for_same_term_frequency():
    weights = BM25Weights.build([["a", "x"], ["a", "x", "y", "z", "q", "r"], ["b"]])
    scores, _ = weights.scores(["a"])
    assert scores[0] > scores[1] > 0
    assert scores[2] == 0


@pytest.mark.filterwarnings("error")
def test_build_on_passages_without_terms_is_quiet():
    # e.g. a document whose only paragraph is stop words ("It is what it is.")
    weights = BM25Weights.build([[], []])
    scores, touched = weights.scores(["anything"])
    assert scores.tolist() == [0.0, 0.0]
    assert len(touched) == 0


def query(*terms: str) -> Query:
    return Query(" ".join(terms), terms, units=tuple(frozenset([t]) for t in terms))


@pytest.mark.parametrize("k", [1, 3, 10, 1000])
def test_top_k_is_best_first_positive_and_at_most_k(k):
    documents = synthetic_corpus(5)
    retriever = BM25Retriever(BM25Weights.build(documents))
    terms = query_sets(documents)[2]
    ranking = retriever.top_k(query(*terms).terms, k)
    scores, _ = retriever.weights.scores(terms)
    positive = int((scores > 0).sum())
    assert len(ranking) == min(k, positive)
    assert all(score > 0 for _, score in ranking)
    values = [score for _, score in ranking]
    assert values == sorted(values, reverse=True)
    # exactly the k best (ties in document order)
    expected = sorted(np.flatnonzero(scores > 0), key=lambda i: (-scores[i], i))[:k]
    assert [position for position, _ in ranking] == [int(i) for i in expected]
    for position, score in ranking:
        assert score == pytest.approx(scores[position])


def test_top_k_without_matches_is_empty():
    retriever = BM25Retriever(BM25Weights.build([["a"], ["b"]]))
    assert retriever.top_k(query("zzz").terms, 5) == []
    assert retriever.top_k(query().terms, 5) == []


def test_top_k_ties_keep_document_order():
    retriever = BM25Retriever(BM25Weights.build([["a", "b"], ["c"], ["a", "b"], ["a", "b"]]))
    ranking = retriever.top_k(query("a").terms, 2)
    assert [position for position, _ in ranking] == [0, 2]


def test_bot_bm25_ranks_fine_tuning_item_first(bot):
    ranking = bot.retrievers["bm25"].top_k(bot.parser.analyse("What is fine-tuning?").terms, 3)
    assert bot.passages[ranking[0][0]].text.startswith("Fine-Tuning:")
