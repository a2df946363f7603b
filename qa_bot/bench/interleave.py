"""Real-text measurement: every engine in its own process, timed query by query in turn.

For one workload: qa_bot builds its index in a process of its own (build time, peak memory;
it also writes the passages and tokens the others index), then qa_bot (loading that index,
as a user's start-up does), bm25s, tantivy and rank-bm25 are started side by side and sent
the same question in turn (the order rotates per question), so a noisy moment hits all of
them alike. Latencies are p50/p95 over the questions; rank-bm25, seconds per query at 100k
passages, gets every n-th question only. Then the cold start of `qa-bot ask` on the workload
against `python -c pass`, several runs each.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import numpy as np

from qa_bot.bench.engines import ENGINES
from qa_bot.bench.realtext import (
    SIZES,
    Workload,
    article_workload,
    docs_workload,
    write_questions,
)

RANK_BM25_BUDGET = 3_000_000  # passages × questions rank-bm25 is given (its cost per query ∝ N)
COLD_RUNS = 5
ONE_THREAD = dict.fromkeys(
    ("NUMBA_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1"
)


def percentiles(values: list[float]) -> dict[str, float] | None:
    if not values:
        return None
    array = np.array(values)
    p50, p95 = np.percentile(array, [50, 95])
    return {"p50": float(p50), "p95": float(p95), "n": len(values)}


class Worker:
    """One engine's process and its request/reply pipe."""

    def __init__(self, engine: str, work: Path, env: dict[str, str], log: IO[bytes]) -> None:
        command = [sys.executable, "-m", "qa_bot.bench.engines", engine, str(work)]
        self.engine = engine
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=log, env=env, text=True
        )

    def read(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError(f"{self.engine} stopped (exit code {self.process.wait()})")
        message: dict[str, Any] = json.loads(line)
        return message

    def ask(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        return self.read()

    def close(self) -> dict[str, Any]:
        try:
            return self.ask({"end": True})
        finally:
            self.process.wait(timeout=60)


def run_real(
    names: tuple[str, ...],
    docs_folder: Path | None,
    docs_questions: Path | None,
    queries: int,
    seed: int,
    echo: Callable[[str], None] = print,
) -> list[dict[str, Any]]:
    """Each named workload ("docs" needs `docs_folder`), measured in turn; a workload that
    fails is reported with its error and the others go on."""
    results = []
    for name in names:
        echo(f"measuring {name} (real text) …")
        started = time.perf_counter()
        with tempfile.TemporaryDirectory(prefix="qa-bot-corpus-") as tmp:
            try:
                if name == "docs":
                    if docs_folder is None:
                        raise ValueError("the docs workload needs --docs-folder DIR")
                    workload = docs_workload(docs_folder, docs_questions, queries, seed)
                else:
                    workload = article_workload(Path(tmp), SIZES[name], queries, seed)
                result = run_workload(workload)
            except (ValueError, OSError, RuntimeError, subprocess.SubprocessError) as err:
                result = {"label": name, "kind": "real", "error": f"{type(err).__name__}: {err}"}
        result["wall_s"] = time.perf_counter() - started
        echo(
            f"  {'error: ' + result['error'] if result.get('error') else 'done'} "
            f"({result['wall_s']:.0f} s)"
        )
        results.append(result)
    return results


def run_workload(
    workload: Workload, engines: tuple[str, ...] = ENGINES, cold: bool = True
) -> dict[str, Any]:
    """Everything measured on one workload (see the module docstring)."""
    env = {**os.environ, **ONE_THREAD}
    with tempfile.TemporaryDirectory(prefix="qa-bot-real-") as tmp:
        work = Path(tmp)
        (work / "corpus").symlink_to(workload.folder.resolve(), target_is_directory=True)
        write_questions(work / "questions.jsonl", workload.questions)
        result: dict[str, Any] = {"label": workload.name, "kind": "real"}
        result["questions"] = {"count": len(workload.questions), "shipped": workload.shipped}
        lengths = [len(q.split()) for q in workload.questions]
        result["questions"]["words"] = {"min": min(lengths), "max": max(lengths)}
        with (work / "log.txt").open("wb") as log:
            build = Worker("qa_bot_build", work, env, log)
            result["qa_bot_build"] = build.read()
            build.process.wait()
            result["passages"] = result["qa_bot_build"]["passages"]
            result.update(interleaved(workload, work, env, log, engines))
        if cold:
            result["cold_ask"] = cold_ask(workload, env)
        return result


def interleaved(
    workload: Workload, work: Path, env: dict[str, str], log: IO[bytes], engines: tuple[str, ...]
) -> dict[str, Any]:
    terms = [json.loads(line) for line in (work / "terms.jsonl").read_text().splitlines()]
    workers: list[Worker] = []
    found: dict[str, Any] = {}
    for engine in engines:  # one at a time: each builds with the machine to itself
        workers.append(Worker(engine, work, env, log))
        found[engine] = {"start": workers[-1].read()}
        if engine == "qa_bot":  # its first queries right after start, before any other runs
            found[engine].update(first_queries(workers[-1], workload.questions))
    times: dict[str, dict[str, list[float]]] = {w.engine: {} for w in workers}
    every = max(1, round(len(terms) * _passages(work) / RANK_BM25_BUDGET))
    for i, (question, query) in enumerate(zip(workload.questions, terms, strict=True)):
        for step in range(len(workers)):
            worker = workers[(i + step) % len(workers)]
            if worker.engine == "rank_bm25" and i % every:
                continue
            reply = worker.ask({"q": question, "terms": query})
            for key, value in reply.items():
                times[worker.engine].setdefault(key, []).append(value)
    for worker in workers:
        found[worker.engine].update(worker.close())
        found[worker.engine].update({k: percentiles(v) for k, v in times[worker.engine].items()})
    return found


def first_queries(qa_bot: Worker, questions: tuple[str, ...]) -> dict[str, float]:
    """The first query right after QABot.load, the wait for the compiled kernels, and the
    first query after that (what `qa-bot chat` serves first)."""
    second = questions[min(1, len(questions) - 1)]
    return {
        "first_ms": qa_bot.ask({"first": questions[0]})["first"],
        "kernels_wait_s": qa_bot.ask({"wait": True})["wait"],
        "first_ready_ms": qa_bot.ask({"first_ready": second})["first_ready"],
    }


def _passages(work: Path) -> int:
    return sum(1 for _ in (work / "texts.jsonl").open(encoding="utf-8"))


def _seconds(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(
        command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    return time.perf_counter() - started


def cold_ask(workload: Workload, env: dict[str, str], runs: int = COLD_RUNS) -> dict[str, Any]:
    """`python -m qa_bot ask --corpus FOLDER QUESTION` (its index already cached, as on a
    user's second run) against `python -c pass`: median seconds of `runs` runs each."""
    with tempfile.TemporaryDirectory(prefix="qa-bot-cold-") as cache:
        env = {**env, "QA_BOT_CACHE": cache}
        ask = [sys.executable, "-m", "qa_bot", "ask", "--corpus", str(workload.folder)]
        ask.append(workload.questions[0])
        _seconds(ask, env)  # builds and caches the index (and the kernels)
        nothing = [sys.executable, "-c", "pass"]
        pairs = [(_seconds(nothing, env), _seconds(ask, env)) for _ in range(runs)]
    base = float(np.median([a for a, _ in pairs]))
    full = float(np.median([b for _, b in pairs]))
    return {"python_s": base, "ask_s": full, "beyond_s": full - base, "runs": runs}
