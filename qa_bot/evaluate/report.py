"""Render evaluation results: the side-by-side table, the graded answers, the tag
breakdown, the misses, JSON."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from qa_bot.evaluate.calibrate import OperatingPoint, best
from qa_bot.evaluate.runner import Outcome
from qa_bot.evaluate.summary import Summary

COLUMNS = (
    "hit@1",
    "hit@3",
    "hit@5",
    "mrr@10",
    "ndcg@10",
    "recall@k",
    "answer_accuracy",
    "correct_refusals",
    "false_refusals",
)


def table(summaries: Sequence[Summary]) -> str:
    """One row per retriever: headline metrics and latency."""
    header = ["retriever", *COLUMNS, "p50 ms", "p95 ms"]
    rows = [
        [
            s.retriever,
            *(f"{s.headline()[c]:.3f}" for c in COLUMNS),
            f"{s.p50_ms:.2f}",
            f"{s.p95_ms:.2f}",
        ]
        for s in summaries
    ]
    return grid(header, rows)


def outcome_table(summaries: Sequence[Summary]) -> str:
    """Per retriever: questions per outcome, right (✓) and wrong (✗), the confidently-wrong
    rate and tentative share (of all questions), and list completeness ("-": no list)."""
    cells = [f"{o} {mark}" for o in ("answered", "tentative", "not_covered") for mark in "✓✗"]
    header = ["retriever", *cells, "conf_wrong", "tentative", "list_items", "lists_complete"]
    rows = []
    for s in summaries:
        counts = [
            str(s.breakdown.get(o, {}).get(key, 0))
            for o in ("answered", "tentative", "not_covered")
            for key in ("right", "wrong")
        ]
        lists = (
            [f"{s.list_items:.3f}", f"{s.lists_complete:.3f} of {s.list_questions}"]
            if s.list_questions
            else ["-", "-"]
        )
        rows.append(
            [s.retriever, *counts, f"{s.confidently_wrong:.3f}", f"{s.tentative:.3f}", *lists]
        )
    return grid(header, rows)


def tag_table(by_tag: dict[str, dict[str, Summary]]) -> str:
    """Per retriever and tag: hit@1/3 and answer accuracy over its answerable questions,
    false refusals of those, and correct refusals of its unanswerable ones ("-": none)."""
    header = ["retriever", "tag", "n", "hit@1", "hit@3", "answer_acc", "false_ref", "correct_ref"]
    rows = []
    for retriever, tags in by_tag.items():
        for tag, s in tags.items():
            answerable = (
                [
                    f"{s.hit_at[0]:.3f}",
                    f"{s.hit_at[2]:.3f}",
                    f"{s.answer_accuracy:.3f}",
                    f"{s.false_refusals:.3f}",
                ]
                if s.answerable
                else ["-"] * 4
            )
            refused = f"{s.correct_refusals:.3f}" if s.unanswerable else "-"
            rows.append([retriever, tag, str(s.questions), *answerable, refused])
    return grid(header, rows)


def misses(outcomes: Sequence[Outcome], retriever: str) -> str:
    """Every question the retriever got wrong, with its failure classes."""
    lines = []
    for o in outcomes:
        if o.retriever != retriever or not o.failures:
            continue
        rank = "-" if o.rank is None else str(o.rank)
        lines.append(
            f"{o.id:>6}  {'; '.join(o.failures)}  (rank {rank}, confidence "
            f"{o.confidence:.2f})\n        Q: {o.question}"
        )
        if o.query != o.question:
            lines.append(f"        understood as: {o.query}")
        lines.append(f"        A: {o.answer[:160]}")
    return "\n".join(lines) if lines else "(no misses)"


def calibration(points: Sequence[OperatingPoint], current: float) -> str:
    header = ["threshold", "coverage", "precision", "correct_refusals", "false_refusals"]
    rows = [
        [
            f"{p.threshold:.2f}" + (" *" if abs(p.threshold - current) < 1e-9 else ""),
            f"{p.coverage:.3f}",
            f"{p.precision:.3f}",
            f"{p.correct_refusals:.3f}",
            f"{p.false_refusals:.3f}",
        ]
        for p in points
    ]
    top = best(points)
    return (
        grid(header, rows) + f"\nbest operating point: threshold {top.threshold:.2f} "
        f"(coverage {top.coverage:.3f}, correct refusals {top.correct_refusals:.3f}); "
        f"* = current setting {current:.2f}"
    )


def to_json(
    summaries: Sequence[Summary],
    by_tag: dict[str, dict[str, Summary]],
    outcomes: Sequence[Outcome],
    points: dict[str, list[OperatingPoint]],
) -> dict[str, Any]:
    return {
        "summary": {
            s.retriever: {
                **s.headline(),
                **s.answers(),
                "hit_at": list(s.hit_at),
                "p50_ms": s.p50_ms,
                "p95_ms": s.p95_ms,
                "questions": s.questions,
            }
            for s in summaries
        },
        "by_tag": {
            r: {t: {**s.headline(), **s.answers()} for t, s in tags.items()}
            for r, tags in by_tag.items()
        },
        "calibration": {
            r: {"points": [asdict(p) for p in ps], "best": asdict(best(ps))}
            for r, ps in points.items()
        },
        "questions": [o.to_dict() for o in outcomes],
    }


def grid(header: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    fmt = "  ".join(f"{{:<{w}}}" if i == 0 else f"{{:>{w}}}" for i, w in enumerate(widths))
    lines = [fmt.format(*header), fmt.format(*("-" * w for w in widths))]
    lines += [fmt.format(*r) for r in rows]
    return "\n".join(lines)
