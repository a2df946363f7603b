"""`qa-bot eval --beir DIR`: rank a BEIR-layout set's documents, print and write the results.

One row per qa_bot retriever and one for plain BM25 on the same tokens, then the issue's
target: nDCG@10 no lower than plain BM25's, and at most 5 % of the queries refused.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from qa_bot.evaluate.beir import load_beir
from qa_bot.evaluate.ir import (
    BASELINE,
    METRICS,
    SystemResult,
    bot_for,
    measure,
    rank_with_bm25,
    rank_with_bot,
    write_run,
)
from qa_bot.evaluate.report import grid

MAX_REFUSED = 0.05  # the target: at most this share of the queries refused


def run_beir(
    folder: Path,
    retrievers: Sequence[str],
    echo: Callable[[str], None],
    warn: Callable[[str], None],
    json_path: Path | None = None,
    run_path: Path | None = None,
    progress: Callable[[Iterable[str]], Iterable[str]] = lambda items: items,
) -> list[SystemResult]:
    """Evaluate `retrievers` and the BM25 baseline; `run_path` gets the first retriever's
    run in TREC format. Returns the results, the baseline last."""
    beir = load_beir(folder)
    for problem in beir.problems:
        warn(problem)
    bot = bot_for(beir)
    results = []
    for name in retrievers:
        run, outcomes = rank_with_bot(bot, beir, name, progress)
        results.append(measure(name, beir, run, outcomes))
    results.append(measure(BASELINE, beir, rank_with_bm25(bot, beir)))
    echo(
        f"{folder}: {len(beir.documents)} documents ({len(bot.passages)} passages), "
        f"{len(beir.queries)} judged queries\n"
    )
    echo(table(results))
    echo("\n" + verdict(results[0], results[-1]))
    if run_path is not None:
        write_run(run_path, results[0])
        echo(f"\nwrote {run_path} (TREC run of {results[0].name})")
    if json_path is not None:
        data = to_json(results, beir.queries, beir.problems)
        json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        echo(f"wrote {json_path}")
    return results


def table(results: Sequence[SystemResult]) -> str:
    header = ["system", *METRICS, "refused", "tentative"]
    rows = [
        [
            r.name,
            *(f"{r.metrics[m]:.3f}" for m in METRICS),
            *(_rate(r.share(o)) for o in ("not_covered", "tentative")),
        ]
        for r in results
    ]
    return grid(header, rows)


def verdict(ours: SystemResult, baseline: SystemResult) -> str:
    """The target, met or not, in one line each."""
    gap = ours.metrics["ndcg@10"] - baseline.metrics["ndcg@10"]
    refused = ours.refused or 0.0
    return "\n".join(
        [
            f"target nDCG@10 ≥ {BASELINE}: {_met(gap >= 0)} ({ours.name} {gap:+.3f})",
            f"target refused ≤ {MAX_REFUSED:.0%}: {_met(refused <= MAX_REFUSED)} "
            f"({ours.name} {refused:.1%})",
        ]
    )


def to_json(
    results: Sequence[SystemResult], queries: Mapping[str, str], problems: Sequence[str]
) -> dict[str, Any]:
    return {
        "systems": {
            r.name: {
                **r.metrics,
                "refused": r.refused,
                "tentative": r.share("tentative"),
            }
            for r in results
        },
        "queries": [
            {
                "id": query_id,
                "query": text,
                **{
                    r.name: {
                        **r.per_query[query_id],
                        "outcome": None if r.outcomes is None else r.outcomes[query_id],
                        "top10": list(r.run.get(query_id, {}))[:10],
                    }
                    for r in results
                },
            }
            for query_id, text in queries.items()
        ],
        "problems": list(problems),
    }


def _rate(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _met(ok: bool) -> str:
    return "met" if ok else "NOT met"
