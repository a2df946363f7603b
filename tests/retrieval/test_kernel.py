"""The compiled and numpy top-k paths give identical rankings, equal to a dense sort."""

import numpy as np
import pytest

from qa_bot.retrieval import blockmax, kernel
from qa_bot.retrieval.bm25 import BM25Weights


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


# The range-pruned kernel (blockmax.py) against the numpy path: same ids, same float scores.

needs_numba = pytest.mark.skipif(kernel.compiled_kernel() is None, reason="numba is missing")


def zipf_postings(
    seed: int, n_docs: int = 3000, vocab: int = 400, copies: int = 1
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """BM25 postings of a Zipf-like corpus: column 0 is in every passage, the last 20 columns
    in none, and each passage is repeated `copies` times in a row (ties)."""
    from scipy import sparse

    rng = np.random.default_rng(seed)
    p = 1 / np.arange(1, vocab - 20) ** rng.uniform(0.8, 1.2)
    lengths = rng.integers(0, 60, size=n_docs // copies)
    terms = rng.choice(vocab - 21, size=lengths.sum(), p=p / p.sum()) + 1
    rows = np.concatenate([np.repeat(np.arange(len(lengths)), lengths), np.arange(len(lengths))])
    terms = np.concatenate([terms, np.zeros(len(lengths), dtype=terms.dtype)])
    counts = sparse.csr_matrix((np.ones(len(rows)), (rows, terms)), shape=(len(lengths), vocab))
    counts = sparse.csr_matrix(sparse.vstack([counts] * copies)[_interleave(len(lengths), copies)])
    w = BM25Weights.from_counts(counts, {f"t{i}": i for i in range(vocab)})
    p = w.postings
    return p.indptr, p.indices, p.weights


def _interleave(n: int, copies: int) -> np.ndarray:
    return (np.arange(n * copies) % copies) * n + np.arange(n * copies) // copies


def random_queries(seed: int, vocab: int = 400, count: int = 25) -> list[np.ndarray]:
    """1–8 columns, Zipf-like (common and rare), repeats allowed; some single-column queries,
    the every-passage column and empty columns."""
    rng = np.random.default_rng(seed + 1000)
    p = 1 / np.arange(1, vocab + 1)
    found = [rng.choice(vocab, size=rng.integers(1, 9), p=p / p.sum()) for _ in range(count)]
    found += [np.array([0]), np.array([vocab - 1]), np.array([0, 0, 3]), np.array([5, vocab - 2])]
    found += [np.array([int(rng.integers(1, 60))]), np.array([7, 2, 7, 0, 7])]
    return [q.astype(np.int64) for q in found]


def bounds_of(postings: tuple[np.ndarray, np.ndarray, np.ndarray], shift: int) -> blockmax.Bounds:
    indptr, indices, weights = postings
    bounds = blockmax.range_bounds(indptr, indices, weights, int(indices.max()) + 1, shift, 40)
    assert bounds is not None
    return bounds


def ranges_equal_numpy(
    postings: tuple[np.ndarray, np.ndarray, np.ndarray],
    bounds: blockmax.Bounds,
    columns: np.ndarray,
    multipliers: np.ndarray | None,
    k: int,
) -> None:
    indptr, indices, weights = postings
    n_docs = int(indices.max()) + 1
    called = []

    def provide() -> blockmax.Bounds | None:
        called.append(1)
        return bounds

    args = (indptr, indices, weights, columns, k, n_docs)
    ids, values = kernel.top_k_postings(*args, True, multipliers, bounds=provide)
    want_ids, want_values = kernel.top_k_postings(*args, False, multipliers)
    assert called, "the range kernel was not used"
    assert ids.tolist() == want_ids.tolist()
    assert values.tolist() == want_values.tolist()  # bit-identical floats


@pytest.fixture
def ranges_always(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(kernel, "RANGES_FROM", 0)


@needs_numba
@pytest.mark.usefixtures("ranges_always")
@pytest.mark.parametrize("seed", range(12))
@pytest.mark.parametrize("k", [1, 3, 10, 50])
def test_range_kernel_equals_numpy_path(seed: int, k: int) -> None:
    postings = zipf_postings(seed)
    bounds = bounds_of(postings, shift=4 + seed % 5)
    for columns in random_queries(seed):
        ranges_equal_numpy(postings, bounds, columns, None, k)


@needs_numba
@pytest.mark.usefixtures("ranges_always")
@pytest.mark.parametrize("seed", range(8))
def test_range_kernel_with_multipliers_and_float64_weights(seed: int) -> None:
    indptr, indices, weights = zipf_postings(seed, n_docs=2000)
    postings = (indptr, indices, weights.astype(np.float64) / 7.0)  # TF-IDF-like float64
    rng = np.random.default_rng(seed)
    bounds = bounds_of(postings, shift=5)
    for columns in random_queries(seed):
        multipliers = rng.choice([0.0, 0.3, 1.0, 2.5], size=len(columns)) * rng.random()
        multipliers[rng.random(len(columns)) < 0.3] = 1.0
        for k in (1, 10, 3000):  # k beyond the passages that match
            ranges_equal_numpy(postings, bounds, columns, multipliers, k)


@needs_numba
@pytest.mark.usefixtures("ranges_always")
@pytest.mark.parametrize("seed", range(6))
def test_range_kernel_breaks_ties_like_numpy(seed: int) -> None:
    postings = zipf_postings(seed, n_docs=3000, copies=6)  # runs of identical passages
    bounds = bounds_of(postings, shift=3 + seed % 4)
    for columns in random_queries(seed):
        for k in (1, 4, 10, 25):
            ranges_equal_numpy(postings, bounds, columns, None, k)


def test_range_bounds_are_each_ranges_largest_weight() -> None:
    indptr, indices, weights = zipf_postings(3, n_docs=1000)
    bounds = blockmax.range_bounds(indptr, indices, weights, 1000, shift=6, long=30)
    assert bounds is not None
    assert (bounds.slot[-20:] == -1).all()  # empty columns are short
    for column in range(len(indptr) - 1):
        lo, hi = indptr[column], indptr[column + 1]
        dense = np.zeros(1000 // 64 + 1)
        np.maximum.at(dense, indices[lo:hi] >> 6, weights[lo:hi])
        if hi - lo >= 30:
            assert bounds.table[bounds.slot[column]].tolist() == dense.tolist()
        else:
            assert bounds.slot[column] == -1


def test_range_bounds_refuse_negative_weights() -> None:
    indptr, indices = np.array([0, 2]), np.array([0, 1], dtype=np.int32)
    assert blockmax.range_bounds(indptr, indices, np.array([1.0, -0.5]), 2) is None
    assert blockmax.range_bounds(indptr, indices, np.array([1.0, 0.5]), 2) is not None


@needs_numba
@pytest.mark.usefixtures("ranges_always")
def test_bm25_weights_use_the_range_kernel_and_memoize_bounds() -> None:
    weights = BM25Weights.build(synthetic(n_docs=3000, vocab=200, seed=5))
    for terms in queries():
        assert weights.top_k(terms, 10, compiled=True) == weights.top_k(terms, 10, compiled=False)
    assert weights.postings.bounds is weights.postings.bounds


@needs_numba
@pytest.mark.usefixtures("ranges_always")
def test_range_kernel_with_a_negative_multiplier_does_not_skip() -> None:
    postings = zipf_postings(4, n_docs=2000)
    bounds = bounds_of(postings, shift=5)
    for columns in random_queries(4):
        multipliers = np.linspace(1.0, -0.5, len(columns))
        for k in (1, 10, 100):
            ranges_equal_numpy(postings, bounds, columns, multipliers, k)
