"""One benchmark corpus, measured in a fresh process so peak memory is its own.

`python -m qa_bot.bench.measure SPEC.json OUT.json`: SPEC says which corpus (synthetic size, a
path, or the bundled article) and how many queries; the results are written to OUT after
every phase, so a run stopped by the time budget still reports what it finished. qa_bot is
measured first (build, save/load, search, ask, then peak memory); rank-bm25 and bm25s, when
installed, run afterwards on exactly the same tokens (qa_bot's analyzer output).
"""

from __future__ import annotations

import gc
import json
import resource
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import numpy as np

from qa_bot.bench.synthetic import generate, queries_from_texts
from qa_bot.bot import QABot
from qa_bot.documents.loading import Document, load_path
from qa_bot.paths import bundled_article, bundled_questions

K = 10
WARMUP = 3


class Recorder:
    """The results so far, written to a JSON file after each phase."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path, self.data = path, data

    def save(self) -> None:
        self.path.write_text(json.dumps(self.data, indent=1), encoding="utf-8")

    @contextmanager
    def phase(self, name: str, optional: bool = False) -> Iterator[None]:
        """Record progress; an optional phase that fails is noted and the run goes on."""
        self.data["phase"] = name
        self.save()
        try:
            yield
        except MemoryError:
            raise
        except Exception as err:
            if not optional:
                raise
            self.data.setdefault("warnings", []).append(f"{name}: {type(err).__name__}: {err}")
        self.data["phase"] = "done"
        self.save()


def timed(call: Callable[[], Any]) -> tuple[Any, float]:
    started = time.perf_counter()
    value = call()
    return value, time.perf_counter() - started


def latencies(call: Callable[[Any], Any], items: Sequence[Any]) -> dict[str, float]:
    """p50/p99 in ms of one call per item, after a few warm-up calls."""
    for item in list(items)[:WARMUP]:
        call(item)
    times = []
    for item in items:
        started = time.perf_counter()
        call(item)
        times.append((time.perf_counter() - started) * 1000)
    values = np.array(times)
    return {
        "p50": float(np.percentile(values, 50)),
        "p99": float(np.percentile(values, 99)),
        "n": len(times),
    }


def peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes vs KiB


def load_spec_corpus(spec: dict[str, Any]) -> tuple[dict[str, Document], list[str] | None]:
    """The documents and, for a synthetic corpus or the article, the queries."""
    if spec["kind"] == "synthetic":
        corpus = generate(spec["passages"], spec["queries"], spec["seed"])
        return corpus.documents, corpus.queries
    if spec["kind"] == "article":
        return load_path(bundled_article()), article_questions(spec["queries"])
    return load_path(Path(spec["corpus"])), None


def article_questions(count: int) -> list[str] | None:
    """The question set shipped with the article (first questions of each conversation)."""
    path = bundled_questions()
    if not path.is_file():
        return None
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    found = [row["question"] for row in rows if not row.get("history")]
    return [found[i % len(found)] for i in range(count)] if found else None


def measure(spec: dict[str, Any], rec: Recorder) -> None:
    with rec.phase("corpus"):
        loaded, rec.data["generate_s"] = timed(lambda: load_spec_corpus(spec))
        rec.data["documents"] = len(loaded[0])
        rec.data["passages"] = spec.get("passages")  # known ahead for a generated corpus
        rec.data["corpus_mb"] = sum(len(d.text.encode()) for d in loaded[0].values()) / 2**20
    tokens, terms, rankings = measure_qa_bot(spec, rec, *loaded)
    del loaded
    gc.collect()
    if spec["baselines"]:
        with rec.phase("rank-bm25", optional=True):
            rec.data["rank_bm25"] = measure_rank_bm25(tokens, terms, spec["rank_bm25_max"])
        with rec.phase("bm25s", optional=True):
            rec.data["bm25s"] = measure_bm25s(tokens, terms, rankings)


def measure_qa_bot(
    spec: dict[str, Any], rec: Recorder, documents: dict[str, Document], queries: list[str] | None
) -> tuple[list[list[str]], list[list[str]], list[list[int]]]:
    """qa_bot's numbers; returns its passage and query tokens, and its top-10 rankings."""
    with rec.phase("qa_bot build"):
        bot, build_s = timed(lambda: QABot(documents))
    if queries is None:
        queries = queries_from_texts([p.text for p in bot.passages], spec["queries"], spec["seed"])
    rec.data.update(passages=len(bot.passages), queries=len(queries))
    ours: dict[str, Any] = {"build_s": build_s}
    rec.data["qa_bot"] = ours
    with rec.phase("qa_bot queries"):
        ours.update(measure_queries(bot, queries))
        ours["peak_rss_mb"] = peak_rss_mb()
    with rec.phase("qa_bot save/load", optional=True):
        ours.update(save_and_load(bot, documents, queries[0]))
    terms = [list(bot.understand(q).terms) or [""] for q in queries]
    return passage_tokens(bot), terms, ours.pop("rankings")


def measure_queries(bot: QABot, queries: list[str]) -> dict[str, Any]:
    """Single-query latency (bm25, hybrid, ask), the raw kernel, and batch throughput."""
    kernel = bot.retrievers["bm25"].top_k  # the raw kernel: analysed terms in, hits out
    terms = [list(bot.understand(q).terms) for q in queries]
    rankings = [kernel(t, K) for t in terms]
    started = time.perf_counter()
    for question in queries:
        bot.search(question, k=K, retriever="bm25")
    batch_s = time.perf_counter() - started
    return {  # in this order: the kernel and bm25 search back to back, on equal footing
        "kernel_ms": latencies(lambda t: kernel(t, K), terms),
        "search_bm25_ms": latencies(lambda q: bot.search(q, k=K, retriever="bm25"), queries),
        "search_hybrid_ms": latencies(lambda q: bot.search(q, k=K, retriever="hybrid"), queries),
        "batch_qps": len(queries) / batch_s,
        "ask_ms": latencies(bot.ask, queries),
        "rankings": [[position for position, _ in r] for r in rankings],
    }


def save_and_load(bot: QABot, documents: dict[str, Document], query: str) -> dict[str, Any]:
    """Saved index size and load time."""
    folder = Path(tempfile.mkdtemp(prefix="qa-bot-bench-"))
    try:
        _, save_s = timed(lambda: bot.save(folder / "index"))
        size = sum(f.stat().st_size for f in folder.rglob("*") if f.is_file())
        loaded, load_s = timed(lambda: QABot.load(folder / "index", documents=documents))
        same = loaded.search(query, k=K) == bot.search(query, k=K)
        return {"index_mb": size / 2**20, "save_s": save_s, "load_s": load_s, "load_same": same}
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def passage_tokens(bot: QABot) -> list[list[str]]:
    """What qa_bot's BM25 indexes, for the baselines: the same tokens."""
    return [list(t) for t in bot.index.passage_terms]


def measure_rank_bm25(
    tokens: list[list[str]], terms: list[list[str]], largest: int
) -> dict[str, Any] | None:
    try:
        from rank_bm25 import BM25Okapi
    except ImportError:
        return None
    if len(tokens) > largest:
        return {"skipped": f"more than {largest:,} passages (seconds per query)"}
    model, build_s = timed(lambda: BM25Okapi(tokens))
    count = min(len(terms), max(5, 200_000 // len(tokens)))  # bounded work per size

    def search(query: list[str]) -> Any:
        return np.argsort(-model.get_scores(query))[:K]

    return {"build_s": build_s, "search_ms": latencies(search, terms[:count])}


def measure_bm25s(
    tokens: list[list[str]], terms: list[list[str]], ours: list[list[int]]
) -> dict[str, Any] | None:
    try:
        import bm25s
    except ImportError:
        return None
    backend = "numba" if _has_numba() else "numpy"
    model = bm25s.BM25(backend=backend)  # method "lucene": the same IDF and ranking as ours
    _, build_s = timed(lambda: model.index(tokens, show_progress=False))
    k = min(K, len(tokens))

    def retrieve(batch: list[list[str]]) -> Any:
        return model.retrieve(batch, k=k, show_progress=False, n_threads=1)

    _, warmup_s = timed(lambda: retrieve(terms[:1]))  # numba compiles on first use
    found, batch_s = timed(lambda: retrieve(terms))
    return {
        "backend": backend,
        "build_s": build_s,
        "warmup_s": warmup_s,
        "search_ms": latencies(lambda t: retrieve([t]), terms),
        "batch_qps": len(terms) / batch_s,
        "overlap_at_10": _overlap(ours, found.documents.tolist()) if ours else None,
    }


def _has_numba() -> bool:
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def _overlap(ours: list[list[int]], theirs: list[list[int]]) -> float:
    """Mean share of our top-10 that the other engine also returns (sanity: same work)."""
    shares = [len(set(a) & set(b)) / len(a) for a, b in zip(ours, theirs, strict=False) if a]
    return float(np.mean(shares)) if shares else 1.0


def limit_memory(gigabytes: float | None) -> None:
    if gigabytes:
        cap = int(gigabytes * 2**30)
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))


def main(argv: Sequence[str]) -> None:
    spec = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    rec = Recorder(Path(argv[1]), {"label": spec["label"], "kind": spec["kind"]})
    limit_memory(spec.get("max_memory_gb"))
    try:
        measure(spec, rec)
    except MemoryError:
        rec.data["error"] = f"out of memory (limit {spec.get('max_memory_gb')} GB)"
    except Exception as err:  # a failed run is reported, not raised: other sizes go on
        rec.data["error"] = f"{type(err).__name__}: {err}"
        raise
    finally:
        rec.data["peak_rss_total_mb"] = peak_rss_mb()
        rec.save()


if __name__ == "__main__":
    main(sys.argv[1:])
