"""Document ranking on a BEIR-layout set, scored with ranx (nDCG@10, recall@100, MRR@10).

qa_bot answers every judged query through `QABot.ask` (the path a user's question takes)
and ranks DOCUMENTS by their best passage: each document at the place of its first
passage in `answer.ranked` (MAX_K passages, so fewer documents than that when a document
has several passages). The run's scores are derived from those places (ask() returns
passages, not scores), so a run file orders documents exactly as the bot did. Beside it,
plain BM25 (bm25s, Lucene IDF, the same k1 and b) over whole documents, on the same
tokens: qa_bot's own analyzer applied to each document's text (its title line and body) and to the
query.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa_bot.bot import QABot
from qa_bot.defaults import MAX_K
from qa_bot.errors import InvalidArgumentError, MissingExtraError, QuestionSetError
from qa_bot.evaluate.beir import QUERIES, BeirSet
from qa_bot.retrieval.bm25 import K1, B

METRICS = ("ndcg@10", "recall@100", "mrr@10")
DEPTH = 100  # documents per query in a run (recall@100)
BASELINE = "plain bm25"

Run = dict[str, dict[str, float]]  # query id -> {document id: score}


@dataclass(frozen=True)
class SystemResult:
    """One system's run on the set, its mean and per-query metrics and, for qa_bot, the
    outcome of each query's answer (answered / tentative / not_covered)."""

    name: str
    run: Mapping[str, Mapping[str, float]]
    metrics: Mapping[str, float]
    per_query: Mapping[str, Mapping[str, float]]  # query id -> {metric: value}
    outcomes: Mapping[str, str] | None = None  # None: a ranking only (the baseline)

    def share(self, outcome: str) -> float | None:
        """Share of the queries whose answer had this outcome (None for the baseline)."""
        if self.outcomes is None:
            return None
        values = list(self.outcomes.values())
        return sum(1 for o in values if o == outcome) / len(values) if values else 0.0

    @property
    def refused(self) -> float | None:
        return self.share("not_covered")


def bot_for(beir: BeirSet) -> QABot:
    return QABot(beir.documents)


def rank_with_bot(
    bot: QABot,
    beir: BeirSet,
    retriever: str,
    progress: Callable[[Iterable[str]], Iterable[str]] = lambda items: items,
) -> tuple[Run, dict[str, str]]:
    """Every judged query through `bot.ask`: documents by their best passage, and outcomes."""
    run: Run = {}
    outcomes: dict[str, str] = {}
    for query_id in progress(beir.queries):
        try:
            answer = bot.ask(beir.queries[query_id], k=MAX_K, retriever=retriever)
        except InvalidArgumentError as err:
            raise QuestionSetError(f"{QUERIES}: query {query_id!r}: {err}") from None
        order = list(dict.fromkeys(p.source for p in answer.ranked))[:DEPTH]
        run[query_id] = {doc: float(len(order) - place) for place, doc in enumerate(order)}
        outcomes[query_id] = answer.outcome
    return run, outcomes


def rank_with_bm25(bot: QABot, beir: BeirSet) -> Run:
    """Plain BM25 over whole documents on qa_bot's tokens (needs bm25s: the eval extra)."""
    try:
        import bm25s
    except ImportError:
        raise MissingExtraError("the BM25 baseline of --beir", "eval") from None
    analyze = bot.index.analyzer
    ids = list(beir.documents)
    tokens = [analyze(d.text) for d in beir.documents.values()]
    model = bm25s.BM25(k1=K1, b=B, method="lucene")
    model.index(tokens, show_progress=False)
    query_ids = list(beir.queries)
    queries = [analyze(beir.queries[q]) for q in query_ids]
    found = model.retrieve(queries, k=min(DEPTH, len(ids)), show_progress=False, n_threads=1)
    run: Run = {}
    for query_id, terms, places, scores in zip(
        query_ids, queries, found.documents.tolist(), found.scores.tolist(), strict=True
    ):
        hits = zip(places, scores, strict=True) if terms else iter(())
        run[query_id] = {ids[i]: float(score) for i, score in hits if score > 0}
    return run


def measure(
    name: str, beir: BeirSet, run: Run, outcomes: Mapping[str, str] | None = None
) -> SystemResult:
    """Score a run against the judgements with ranx (every judged query; none left out)."""
    ranx = _ranx()
    if not any(run.get(q) for q in beir.qrels):  # nothing retrieved (ranx cannot take it)
        zeros = dict.fromkeys(METRICS, 0.0)
        return SystemResult(name, run, zeros, {q: dict(zeros) for q in beir.qrels}, outcomes)
    qrels = ranx.Qrels({q: dict(judged) for q, judged in beir.qrels.items()})
    scored = ranx.Run({q: dict(run.get(q, {})) for q in beir.qrels}, name=_tag(name))
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="unsafe cast")  # numba, inside ranx
        means = ranx.evaluate(qrels, scored, list(METRICS), make_comparable=True)
    per_query = {q: {m: float(scored.scores[m][q]) for m in METRICS} for q in beir.qrels}
    return SystemResult(name, run, {m: float(means[m]) for m in METRICS}, per_query, outcomes)


def write_run(path: Path, result: SystemResult) -> None:
    """A TREC run file: `query-id Q0 doc-id rank score tag` per line, each query's
    documents best first (ties in file order), queries in set order; what trec_eval,
    ranx and ir_measures read."""
    tag = _tag(result.name)
    lines = []
    for query_id, docs in result.run.items():
        ranked = sorted(docs.items(), key=lambda item: -item[1])
        lines += [
            f"{query_id} Q0 {doc} {rank} {score!r} {tag}"
            for rank, (doc, score) in enumerate(ranked, start=1)
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")


def _tag(name: str) -> str:
    """The run tag: one word (TREC's last column)."""
    return "qa_bot-" + name.replace(" ", "-") if name != BASELINE else "bm25-baseline"


def _ranx() -> Any:
    try:
        import ranx
    except ImportError:
        raise MissingExtraError("--beir", "eval") from None
    return ranx
