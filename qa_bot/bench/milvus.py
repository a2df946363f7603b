"""`python -m qa_bot.bench.milvus`: the in-process engine beside Milvus Lite (embedded) on
the same generated corpus, in one run: build/insert time, query p50/p95 (retriever
top_k on the same analysed terms) and ask() p50. A measurement, not a timed test."""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from qa_bot.bench.synthetic import generate
from qa_bot.bot import QABot
from qa_bot.indexing.engine import Engine
from qa_bot.indexing.milvus.client import connect
from qa_bot.indexing.milvus.engine import MilvusEngine


def _timed(run: Callable[[], object], times: int) -> tuple[float, float]:
    spent = []
    for _ in range(times):
        began = time.perf_counter()
        run()
        spent.append((time.perf_counter() - began) * 1000)
    return float(np.percentile(spent, 50)), float(np.percentile(spent, 95))


def measure(passages: int, queries: int, folder: Path) -> dict[str, Any]:
    corpus = generate(passages, queries=queries)
    began = time.perf_counter()
    local = QABot(corpus.documents, engine=Engine.build(corpus.documents))
    built = time.perf_counter() - began
    client = connect(str(folder / f"bench{passages}.db"), timeout=60)
    began = time.perf_counter()
    engine, report = MilvusEngine.synced(corpus.documents, client, "bench")
    inserted = time.perf_counter() - began
    remote = QABot(corpus.documents, engine=engine)
    result: dict[str, Any] = {"passages": len(local.passages), "synced": str(report)}
    for name, bot, seconds in (("in-process", local, built), ("milvus-lite", remote, inserted)):
        terms = [bot.understand(q).terms for q in corpus.queries]
        retriever = bot.engine.retrievers["bm25"]
        pending, questions = iter(terms * 2), iter(corpus.queries * 2)

        def search(r: Any = retriever, i: Any = pending) -> object:
            return r.top_k(next(i), 10)

        def answer(b: QABot = bot, i: Any = questions) -> object:
            return b.ask(next(i), retriever="bm25")

        query, ask = _timed(search, len(terms)), _timed(answer, len(terms))
        result[name] = {
            "build_s": round(seconds, 2),
            "query_p50_ms": round(query[0], 2),
            "query_p95_ms": round(query[1], 2),
            "ask_p50_ms": round(ask[0], 2),
        }
    began = time.perf_counter()
    MilvusEngine.opened(client, "bench")
    result["milvus-lite"]["reopen_s"] = round(time.perf_counter() - began, 2)
    client.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="10000", help="passages, comma-separated")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        import os

        os.environ.setdefault("GLOG_log_dir", folder)
        for size in (int(s) for s in args.sizes.split(",")):
            print(json.dumps(measure(size, args.queries, Path(folder))), flush=True)


if __name__ == "__main__":
    main()
