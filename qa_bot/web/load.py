"""Load on a running chat page: N concurrent sessions × M questions over raw HTTP.

Each session asks its own sequence (follow-ups carry that session's earlier questions) and
every reply is compared with what `QABot.ask` gives for the same input, so a reply that
belongs to another session (crosstalk) counts as an error. Used by the suite (small, local)
and as a benchmark: `python -m qa_bot.web.load URL --sessions 100 --questions 5`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import httpx

QUESTIONS = (
    "What is fine-tuning?",
    "What are the weaknesses of generative AI?",
    "How do GANs work?",
    "What are the strengths of LLMs?",
    "And their weaknesses?",
    "What is the capital of France?",
    "What is prompt engineering?",
    "What are transformers?",
)

Expect = Callable[[str, list[str]], dict[str, Any]]
ROUTES = ("call", "run", "gradio_client")


@dataclass
class LoadResult:
    seconds: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    wall: float = 0.0

    @property
    def requests(self) -> int:
        return len(self.seconds)

    def percentile(self, share: float) -> float:
        if not self.seconds:
            return 0.0
        ordered = sorted(self.seconds)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))]

    def summary(self) -> str:
        mean = statistics.fmean(self.seconds) if self.seconds else 0.0
        rate = self.requests / self.wall if self.wall else 0.0
        return (
            f"{self.requests} requests in {self.wall:.1f} s ({rate:.0f} req/s): "
            f"p50 {self.percentile(0.5) * 1000:.0f} ms, p95 {self.percentile(0.95) * 1000:.0f} ms, "
            f"max {max(self.seconds, default=0) * 1000:.0f} ms, mean {mean * 1000:.0f} ms, "
            f"errors {len(self.errors)}"
        )


def session_questions(session: int, count: int) -> list[str]:
    """Session `session`'s questions: a rotation of QUESTIONS, so sessions differ."""
    return [QUESTIONS[(session + i) % len(QUESTIONS)] for i in range(count)]


def ask_answer_run(client: httpx.Client, url: str, question: str, history: list[str]) -> Any:
    """One /answer call in one round trip: POST /gradio_api/run/answer, the result in reply."""
    data = {"data": [question, history, "hybrid", 5]}
    posted = client.post(f"{url}/gradio_api/run/answer", json=data)
    posted.raise_for_status()
    return posted.json()["data"][0]


def ask_answer_api(client: httpx.Client, url: str, question: str, history: list[str]) -> Any:
    """One /answer call through Gradio's queued REST route: POST, then read the event stream."""
    data = {"data": [question, history, "hybrid", 5]}
    posted = client.post(f"{url}/gradio_api/call/answer", json=data)
    posted.raise_for_status()
    event = posted.json()["event_id"]
    with client.stream("GET", f"{url}/gradio_api/call/answer/{event}") as stream:
        kind = ""
        for line in stream.iter_lines():
            if line.startswith("event:"):
                kind = line.split(":", 1)[1].strip()
            elif line.startswith("data:") and kind in {"complete", "error"}:
                if kind == "error":
                    raise RuntimeError(f"server error: {line[5:].strip()}")
                return json.loads(line[5:])[0]
    raise RuntimeError("the event stream ended without a result")


def run_load(
    url: str,
    expect: Expect,
    sessions: int = 20,
    questions: int = 3,
    timeout: float = 30.0,
    route: str = "call",
) -> LoadResult:
    """`sessions` threads, each asking `questions` questions in turn; latencies and errors.
    `route` is how: "call" (Gradio's queued REST route: POST, then an event stream), "run"
    (one POST) or "gradio_client" (one `gradio_client.Client` per session, at its defaults)."""
    if route not in ROUTES:
        raise ValueError(f"route must be one of {', '.join(ROUTES)}, not {route!r}")
    result = LoadResult()
    lock = threading.Lock()
    start = threading.Barrier(sessions)

    def one_session(number: int) -> None:
        history: list[str] = []
        with httpx.Client(timeout=timeout) as client:
            try:
                ask = _asker(client, url, route)
            except Exception as err:  # a session that cannot connect is an error, not a hang
                with lock:
                    result.errors.append(f"session {number}: connecting: {type(err).__name__}")
                return
            finally:
                start.wait()
            for question in session_questions(number, questions):
                began = time.perf_counter()
                try:
                    got = ask(question, list(history))
                    took = time.perf_counter() - began  # the reply, not the local check
                    error = _mismatch(got, expect(question, history))
                except Exception as err:  # recorded, not raised: the run goes on
                    took = time.perf_counter() - began
                    error = f"{type(err).__name__}: {err}"
                with lock:
                    result.seconds.append(took)
                    if error:
                        result.errors.append(f"session {number}, {question!r}: {error}")
                history.append(question)

    threads = [threading.Thread(target=one_session, args=(n,)) for n in range(sessions)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.wall = time.perf_counter() - began
    return result


def _asker(client: httpx.Client, url: str, route: str) -> Callable[[str, list[str]], Any]:
    if route == "call":
        return lambda question, history: ask_answer_api(client, url, question, history)
    if route == "run":
        return lambda question, history: ask_answer_run(client, url, question, history)
    from gradio_client import Client

    remote = Client(url, verbose=False)
    return lambda question, history: remote.predict(
        question, history, "hybrid", 5, api_name="/answer"
    )


def _mismatch(got: Any, wanted: dict[str, Any]) -> str:
    if not isinstance(got, dict) or "error" in got:
        return f"bad reply {str(got)[:200]}"
    for key in ("question", "query", "text", "found"):
        if got.get(key) != wanted.get(key):
            return f"{key} is {got.get(key)!r}, expected {wanted.get(key)!r} (crosstalk?)"
    return ""


def main(argv: Sequence[str] | None = None) -> None:
    from qa_bot.bot import QABot

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("url", help="the running page, e.g. http://127.0.0.1:7860")
    parser.add_argument("--sessions", type=int, default=100)
    parser.add_argument("--questions", type=int, default=5)
    parser.add_argument("--route", choices=ROUTES, default="call", help="how to ask (see run_load)")
    options = parser.parse_args(argv)
    bot = QABot.default()

    def expect(question: str, history: list[str]) -> dict[str, Any]:
        return bot.ask(question, history=history).to_dict()

    result = run_load(
        options.url.rstrip("/"),
        expect,
        options.sessions,
        options.questions,
        route=options.route,
    )
    print(result.summary())
    for error in result.errors[:10]:
        print("  ", error)


if __name__ == "__main__":
    main()
