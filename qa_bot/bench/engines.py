"""One search engine in its own process, answering timing requests on stdin (JSON lines).

`python -m qa_bot.bench.engines ENGINE WORKDIR`: the engine builds (or loads) its index from
the files in WORKDIR, says {"ready": …, "build_s": …, "rss_mb": …}, then answers one line per
request: {"q": question, "terms": qa_bot's query terms} → {"search_ms": …} (qa_bot also
"ask_ms"), {"first": question} → the first query's latency right after start, {"wait": true}
→ seconds until the compiled kernels are loaded, {"first_ready": question} → the first query's
latency once they are (when `qa-bot chat` prints its address), {"end": true} → peak memory.
Times are taken inside the process, so the pipe costs nothing. Engines:

- qa_bot_build: builds QABot over WORKDIR/corpus, saves the index, and writes the passages'
  texts and qa_bot tokens and each question's query terms for the others; then exits.
- qa_bot: QABot.load of that index (a user's start-up), bot.search (bm25) and bot.ask.
- bm25s (numba backend) and rank-bm25: qa_bot's tokens (the same terms, pre-tokenized);
  bm25s also times its own tokenizer with PyStemmer ("tokenize_s") to show what it adds.
- tantivy: the passage texts with tantivy's own English stemming analyzer ("en_stem") and its
  query parser over the question's words (OR); one indexing thread.
"""

from __future__ import annotations

import json
import re
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

K = 10
ENGINES = ("qa_bot", "bm25s", "tantivy", "rank_bm25")
Search = Callable[[dict[str, Any]], dict[str, float]]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def read_lines(path: Path) -> list[Any]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def write_lines(path: Path, rows: list[Any]) -> None:
    with path.open("w", encoding="utf-8") as out:
        for row in rows:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")


def build_qa_bot(work: Path) -> dict[str, Any]:
    from qa_bot.bot import QABot
    from qa_bot.documents.loading import load_corpus
    from qa_bot.retrieval.kernel import wait_until_fast

    started = time.perf_counter()
    documents = load_corpus(work / "corpus").documents
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    bot = QABot(documents, corpus=str(work / "corpus"))
    build_s = time.perf_counter() - started
    peak = rss_mb()
    started = time.perf_counter()
    wait_until_fast(len(bot.passages))  # as `qa-bot index` does: kernels cached at index time
    kernels_s = time.perf_counter() - started
    bot.save(work / "index")
    write_lines(work / "texts.jsonl", [p.text for p in bot.passages])
    write_lines(work / "tokens.jsonl", [list(t) for t in bot.index.passage_terms])
    questions = read_lines(work / "questions.jsonl")
    write_lines(work / "terms.jsonl", [list(bot.understand(q).terms) for q in questions])
    return {
        "read_s": read_s,
        "build_s": build_s,
        "rss_mb": peak,
        "kernels_after_build_s": kernels_s,
        "passages": len(bot.passages),
    }


def start_qa_bot(work: Path) -> tuple[dict[str, Any], Search, dict[str, Callable[..., Any]]]:
    started = time.perf_counter()
    from qa_bot.bot import QABot
    from qa_bot.retrieval.kernel import wait_until_fast

    bot = QABot.load(work / "index")
    info = {"build_s": time.perf_counter() - started, "rss_mb": rss_mb()}

    def search(request: dict[str, Any]) -> dict[str, float]:
        question = request["q"]
        began = time.perf_counter()
        bot.search(question, k=K, retriever="bm25")
        middle = time.perf_counter()
        bot.ask(question)
        return {"search_ms": (middle - began) * 1e3, "ask_ms": (time.perf_counter() - middle) * 1e3}

    def first(question: str) -> float:
        began = time.perf_counter()
        bot.search(question, k=K, retriever="bm25")
        return (time.perf_counter() - began) * 1e3

    def wait(_: Any) -> float:
        began = time.perf_counter()
        wait_until_fast(len(bot.passages))
        return time.perf_counter() - began

    return info, search, {"first": first, "wait": wait, "first_ready": first}


def start_bm25s(work: Path) -> tuple[dict[str, Any], Search]:
    import bm25s
    import Stemmer

    tokens = read_lines(work / "tokens.jsonl")
    model = bm25s.BM25(backend="numba")  # method "lucene": the same IDF and ranking as ours
    started = time.perf_counter()
    model.index(tokens, show_progress=False)
    info = {"build_s": time.perf_counter() - started, "rss_mb": rss_mb()}
    del tokens
    texts = read_lines(work / "texts.jsonl")
    started = time.perf_counter()
    bm25s.tokenize(texts, stopwords="en", stemmer=Stemmer.Stemmer("english"), show_progress=False)
    info["tokenize_s"] = time.perf_counter() - started
    del texts
    k = min(K, model.scores["num_docs"])

    def search(request: dict[str, Any]) -> dict[str, float]:
        terms = request["terms"] or [""]
        began = time.perf_counter()
        model.retrieve([terms], k=k, show_progress=False, n_threads=1)
        return {"search_ms": (time.perf_counter() - began) * 1e3}

    began = time.perf_counter()
    model.retrieve([["warm"]], k=k, show_progress=False, n_threads=1)  # numba compiles here
    info["first_ms"] = (time.perf_counter() - began) * 1e3
    return info, search


def start_tantivy(work: Path) -> tuple[dict[str, Any], Search]:
    import tantivy

    texts = read_lines(work / "texts.jsonl")
    started = time.perf_counter()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="en_stem")
    schema = builder.build()
    index = tantivy.Index(schema)  # in memory
    writer = index.writer(heap_size=100_000_000, num_threads=1)
    for text in texts:
        writer.add_document(tantivy.Document(body=text))
    writer.commit()
    writer.wait_merging_threads()
    index.reload()
    searcher = index.searcher()
    info = {"build_s": time.perf_counter() - started, "rss_mb": rss_mb()}
    del texts
    words = re.compile(r"[A-Za-z0-9]+")

    def search(request: dict[str, Any]) -> dict[str, float]:
        began = time.perf_counter()
        query = index.parse_query(" ".join(words.findall(request["q"])) or "nothing", ["body"])
        searcher.search(query, K)
        return {"search_ms": (time.perf_counter() - began) * 1e3}

    return info, search


def start_rank_bm25(work: Path) -> tuple[dict[str, Any], Search]:
    from rank_bm25 import BM25Okapi

    tokens = read_lines(work / "tokens.jsonl")
    started = time.perf_counter()
    model = BM25Okapi(tokens)
    info = {"build_s": time.perf_counter() - started, "rss_mb": rss_mb()}
    del tokens

    def search(request: dict[str, Any]) -> dict[str, float]:
        began = time.perf_counter()
        scores = model.get_scores(request["terms"])
        np.argpartition(-scores, min(K, len(scores) - 1))[:K]
        return {"search_ms": (time.perf_counter() - began) * 1e3}

    return info, search


def serve(engine: str, work: Path) -> None:
    """Start the engine, then answer requests until {"end": true} or end of input."""
    extra: dict[str, Callable[..., Any]] = {}
    if engine == "qa_bot":
        info, search, extra = start_qa_bot(work)
    else:
        starts = {"bm25s": start_bm25s, "tantivy": start_tantivy, "rank_bm25": start_rank_bm25}
        info, search = starts[engine](work)
    reply({"ready": engine, **info})
    for line in sys.stdin:
        request = json.loads(line)
        if request.get("end"):
            break
        name = next((key for key in extra if key in request), None)
        reply({name: extra[name](request[name])} if name else search(request))
    reply({"peak_rss_mb": rss_mb()})


def reply(message: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main(argv: list[str]) -> None:
    engine, work = argv[0], Path(argv[1])
    if engine == "qa_bot_build":
        reply(build_qa_bot(work))
    elif engine in ENGINES:
        serve(engine, work)
    else:
        raise SystemExit(f"unknown engine {engine!r}; allowed: qa_bot_build, {', '.join(ENGINES)}")


if __name__ == "__main__":
    main(sys.argv[1:])
