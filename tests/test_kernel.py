"""The compiled and numpy top-k paths give identical rankings, equal to a dense sort."""

import numpy as np
import pytest

from qa_bot.retrievers import kernel
from qa_bot.retrievers.bm25 import BM25Weights


def synthetic(n_docs: int = 400, vocab: int = 300, seed: int = 7) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    p = 1 / np.arange(1, vocab + 1)
    p /= p.sum()
    return [
        [f"t{i}" for i in rng.choice(vocab, size=rng.integers(0, 40), p=p)] for _ in range(n_docs)
    ]


@pytest.fixture(scope="module")
def weights() -> BM25Weights:
    return BM25Weights.build(synthetic())


def queries(seed: int = 3) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    out = [[f"t{i}" for i in rng.integers(0, 320, size=rng.integers(1, 8))] for _ in range(60)]
    return [*out, ["t0", "t0", "t5"], ["nope"], []]


def dense_top_k(weights: BM25Weights, terms: list[str], k: int) -> list[tuple[int, float]]:
    scores, _ = weights.scores(terms)
    order = np.lexsort((np.arange(len(scores)), -scores))
    return [(int(i), float(scores[i])) for i in order[:k] if scores[i] > 0]


@pytest.mark.parametrize("k", [1, 3, 10, 50])
def test_numpy_path_equals_dense_sort(weights: BM25Weights, k: int) -> None:
    for terms in queries():
        assert weights.top_k(terms, k, compiled=False) == dense_top_k(weights, terms, k)


@pytest.mark.skipif(kernel.compiled_kernel() is None, reason="numba is not installed")
@pytest.mark.parametrize("k", [1, 3, 10, 50])
def test_compiled_path_equals_numpy_path(weights: BM25Weights, k: int) -> None:
    for terms in queries():
        assert weights.top_k(terms, k, compiled=True) == weights.top_k(terms, k, compiled=False)


def test_ties_are_broken_by_position() -> None:
    same = BM25Weights.build([["a", "b"], ["c"], ["a", "b"], ["a", "b"]])
    for compiled in (True, False):
        assert [i for i, _ in same.top_k(["a"], 2, compiled=compiled)] == [0, 2]


def test_accumulator_is_clean_after_each_query(weights: BM25Weights) -> None:
    for compiled in (True, False):
        weights.top_k(["t0", "t1", "t2"], 5, compiled=compiled)
        assert not kernel.accumulator(weights.n_docs).any()


def test_numpy_path_dense_and_sparse_candidate_selection_agree() -> None:
    # many postings (scan) and few postings (unique) must rank the same way
    docs = synthetic(n_docs=2000, vocab=50, seed=1)
    weights = BM25Weights.build(docs)
    for terms in (["t0"], ["t49"], ["t0", "t49", "t20"]):
        assert weights.top_k(terms, 10, compiled=False) == dense_top_k(weights, terms, 10)


@pytest.mark.parametrize("compiled", [True, False])
def test_weighted_columns_equal_a_sparse_product(compiled: bool) -> None:
    from scipy import sparse

    rng = np.random.default_rng(11)
    matrix = sparse.random(300, 40, density=0.2, random_state=3, format="csc")
    for _ in range(30):
        columns = rng.choice(40, size=rng.integers(1, 6), replace=False).astype(np.int64)
        values = rng.random(len(columns))
        ids, scores = kernel.top_k_postings(
            matrix.indptr,
            matrix.indices,
            matrix.data,
            columns,
            7,
            300,
            compiled=compiled,
            multipliers=values,
        )
        dense = matrix[:, columns] @ values
        order = [i for i in np.lexsort((np.arange(300), -dense)) if dense[i] > 0][:7]
        assert ids.tolist() == order
        np.testing.assert_allclose(scores, dense[order], rtol=1e-12)


def test_small_corpora_do_not_import_numba() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from qa_bot import QABot; QABot.default().ask('What is fine-tuning?'); "
        "print('numba' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
