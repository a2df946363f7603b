"""The compiled kernels: bound without patching blockmax, compiled once for the eager
signatures (no compile inside a query, whatever the corpus size or where its arrays come
from), loaded in the background (queries use numpy meanwhile), cached where the user says."""

import os
import subprocess
import sys
import types
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from qa_bot.documents.loading import Document
from qa_bot.indexing import engine
from qa_bot.retrieval import blockmax, compiled, kernel
from qa_bot.retrieval.bm25 import BM25Weights
from qa_bot.retrieval.postings import Postings

KERNELS = kernel.compiled_kernel()
needs_numba = pytest.mark.skipif(KERNELS is None, reason="numba is missing")


def corpus(n_docs: int, seed: int = 2) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    p = 1 / np.arange(1, 301)
    return [[f"t{i}" for i in rng.choice(300, size=30, p=p / p.sum())] for _ in range(n_docs)]


QUERIES = [["t0", "t3"], ["t7", "t7", "t250"], ["t1", "t2", "t40", "t99", "t5"], ["t299"]]


@needs_numba
@pytest.mark.parametrize("name", [*compiled.HELPERS, "top_k_terms", "top_k_ranges"])
def test_blockmax_functions_stay_plain_python(name: str) -> None:
    assert isinstance(getattr(blockmax, name), types.FunctionType)


def test_bind_gives_a_copy_with_its_own_globals() -> None:
    def helper() -> int:
        return 1

    copy = compiled.bind(blockmax.top_k_terms, {"insert_best": helper})
    assert copy.__globals__["insert_best"] is helper
    assert blockmax.top_k_terms.__globals__["insert_best"] is blockmax.insert_best
    assert copy.__qualname__ == blockmax.top_k_terms.__qualname__
    with pytest.raises(TypeError, match="plain Python function, not int"):
        compiled.bind(3, {})  # type: ignore[arg-type]


@pytest.fixture
def spied(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    """Counts the calls of each compiled kernel."""
    assert KERNELS is not None
    calls = {"terms": 0, "ranges": 0}

    def spy(name: str, function: Any) -> Any:
        def call(*args: Any) -> Any:
            calls[name] += 1
            return function(*args)

        return call

    both = compiled.Kernels(spy("terms", KERNELS.terms), spy("ranges", KERNELS.ranges))
    monkeypatch.setattr(compiled, "kernels", lambda wait=True: both)
    return calls


def signatures() -> dict[str, list[Any]]:
    assert KERNELS is not None
    return {"terms": list(KERNELS.terms.signatures), "ranges": list(KERNELS.ranges.signatures)}


@needs_numba
@pytest.mark.parametrize("ranges_from", [0, kernel.RANGES_FROM])
@pytest.mark.parametrize("n_docs", [kernel.COMPILED_FROM, 2_345])
def test_queries_after_warm_up_never_compile(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    spied: dict[str, int],
    ranges_from: int,
    n_docs: int,
) -> None:
    monkeypatch.setattr(kernel, "RANGES_FROM", ranges_from)
    eager = signatures()
    assert len(eager["terms"]) == len(eager["ranges"]) == len(compiled.WEIGHTS)
    built = BM25Weights.build(corpus(n_docs))
    built.postings.save(tmp_path, "bm25")
    mapped = Postings.load(tmp_path, "bm25", n_docs)  # read-only memory maps
    as_float64 = Postings(built.postings.indptr, built.postings.indices, mapped.weights, n_docs)
    wide = Postings(  # int32 offsets, int64 positions: converted, not compiled for
        mapped.indptr.astype(np.int32), mapped.indices.astype(np.int64), mapped.weights, n_docs
    )
    for postings in (built.postings, mapped, wide):
        for terms in QUERIES:
            columns = built.columns(terms)
            assert postings.top_k(columns, 10) == postings.top_k(columns, 10, compiled=False)
            factors = np.linspace(0.5, 2.0, len(columns))
            hits = as_float64.top_k(columns, 7, multipliers=factors)
            assert hits == as_float64.top_k(columns, 7, multipliers=factors, compiled=False)
    assert spied["ranges" if ranges_from == 0 else "terms"] == 2 * 3 * len(QUERIES)
    assert signatures() == eager  # nothing compiled inside a query


@needs_numba
def test_weights_of_a_dtype_not_compiled_take_the_numpy_path(spied: dict[str, int]) -> None:
    built = BM25Weights.build(corpus(kernel.COMPILED_FROM))
    p = built.postings
    half = Postings(p.indptr, p.indices, p.weights.astype(np.float16), p.n_docs)
    columns = built.columns(["t0", "t9"])
    assert half.top_k(columns, 5) == half.top_k(columns, 5, compiled=False)
    assert spied == {"terms": 0, "ranges": 0}


def test_queries_do_not_wait_for_the_warm_up(monkeypatch: pytest.MonkeyPatch) -> None:
    loading = compiled._State()
    loading.thread = object()  # type: ignore[assignment]  # started, never finishes
    monkeypatch.setattr(compiled, "_STATE", loading)
    weights = BM25Weights.build(corpus(kernel.COMPILED_FROM))
    assert compiled.kernels(wait=False) is None
    for terms in QUERIES:
        assert weights.top_k(terms, 10) == weights.top_k(terms, 10, compiled=False)
    assert not compiled.ready()


def test_qa_bot_no_numba_turns_the_kernels_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QA_BOT_NO_NUMBA", "1")
    assert kernel.compiled_kernel() is None
    assert not kernel.uses_compiled(10**6)


@pytest.mark.parametrize(("compiled_from", "started"), [(1, True), (10**6, False)])
def test_engine_build_starts_the_warm_up_for_large_corpora(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, compiled_from: int, started: bool
) -> None:
    calls: list[Path | None] = []
    monkeypatch.setenv("QA_BOT_CACHE", str(tmp_path))
    monkeypatch.setattr(compiled, "warm_up", lambda folder=None: calls.append(folder))
    monkeypatch.setattr(kernel, "COMPILED_FROM", compiled_from)
    text = "Kernels load in the background.\n\nQueries use numpy meanwhile.\n"
    engine.Engine.build({"a.md": Document("a.md", "A", text, "markdown")})
    assert calls == ([tmp_path / "numba"] if started else [])


SHOW_CACHE = """
import sys
from pathlib import Path
from qa_bot.retrieval import compiled
compiled.compile_kernels = lambda numba: None
compiled.exercised = lambda kernels: kernels
compiled._load(Path(sys.argv[1]))
import numba
print(numba.config.CACHE_DIR)
"""


@needs_numba
@pytest.mark.parametrize("user_set", [False, True])
def test_the_cache_folder_is_ours_unless_the_user_sets_one(tmp_path: Path, user_set: bool) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NUMBA_CACHE_DIR"}
    if user_set:
        env["NUMBA_CACHE_DIR"] = str(tmp_path / "theirs")
    ours = tmp_path / "ours"
    found = subprocess.run(
        [sys.executable, "-c", SHOW_CACHE, str(ours)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    ).stdout.strip()
    assert found == str(tmp_path / "theirs" if user_set else ours)


NUMPY_ONLY = """
import sys
from qa_bot.retrieval import compiled, kernel
compiled.numpy_only()
compiled.warm_up()
print(kernel.compiled_kernel() is None, compiled.ready(), "numba" in sys.modules)
"""


def test_a_one_question_process_never_imports_numba() -> None:
    found = subprocess.run(
        [sys.executable, "-c", NUMPY_ONLY], capture_output=True, text=True, check=True
    ).stdout.split()
    assert found == ["True", "True", "False"]


def test_qa_bot_ask_with_a_question_answers_without_numba(tmp_path: Path) -> None:
    code = (
        "import sys; from qa_bot.cli import main; from qa_bot.retrieval import kernel; "
        "kernel.COMPILED_FROM = 1; sys.argv = ['qa-bot', 'ask', 'What is fine-tuning?']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('numba' in sys.modules, file=sys.stderr)"
    )
    env = {**os.environ, "QA_BOT_CACHE": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert "fine-tun" in done.stdout.lower()
    assert done.stderr.strip().splitlines()[-1] == "False", done.stderr
