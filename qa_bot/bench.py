"""Speed on the bundled article, side by side in one run: `python -m qa_bot.bench`.

Prints build time, ask()/search() p50 and p95 per retriever, and BM25 scoring against
rank-bm25 on the same tokens (as a ratio) when rank-bm25 is installed.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from qa_bot.bot import QABot
from qa_bot.retrievers import RETRIEVERS

QUESTIONS = (
    "What is fine-tuning?",
    "What are the weaknesses of generative AI?",
    "How do GANs work?",
    "What is the capital of France?",
    "waht is fine-tunning?",
    "Which applications of LLMs are there?",
)
ROUNDS = 200


def timings(call: Callable[[str], object], rounds: int = ROUNDS) -> list[float]:
    out = []
    for _ in range(rounds):
        for question in QUESTIONS:
            started = time.perf_counter()
            call(question)
            out.append((time.perf_counter() - started) * 1000)
    return sorted(out)


def p(values: list[float], q: float) -> float:
    return values[min(len(values) - 1, int(q / 100 * len(values)))]


def main() -> None:
    builds = []
    for _ in range(10):
        started = time.perf_counter()
        bot = QABot.default()
        builds.append((time.perf_counter() - started) * 1000)
    print(f"build QABot.default(): median {statistics.median(builds):.1f} ms")
    for name in RETRIEVERS:
        asks = timings(lambda q, n=name: bot.ask(q, retriever=n))  # type: ignore[misc]
        searches = timings(lambda q, n=name: bot.search(q, retriever=n))  # type: ignore[misc]
        print(
            f"{name:>7}: ask p50 {p(asks, 50):.3f} ms  p95 {p(asks, 95):.3f} ms   "
            f"search p50 {p(searches, 50):.3f} ms"
        )
    try:
        from rank_bm25 import BM25Okapi
    except ImportError:
        print("rank-bm25 not installed: no side-by-side scoring")
        return
    reference = BM25Okapi([list(t) for t in bot.index.passage_terms])
    weights = bot.retrievers["bm25"].weights  # type: ignore[attr-defined]
    queries = [list(bot.understand(q).terms) for q in QUESTIONS]
    ours = timings(lambda q: weights.scores(queries[QUESTIONS.index(q)]))
    theirs = timings(lambda q: reference.get_scores(queries[QUESTIONS.index(q)]))
    print(
        f"BM25 scoring p50: qa_bot {p(ours, 50) * 1000:.1f} µs, rank-bm25 "
        f"{p(theirs, 50) * 1000:.1f} µs ({p(theirs, 50) / p(ours, 50):.1f}× faster)"
    )


if __name__ == "__main__":
    main()
