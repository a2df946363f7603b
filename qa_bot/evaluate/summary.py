"""Aggregate outcomes into the headline metrics, per retriever and per tag."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from qa_bot.answering.answer import OUTCOMES
from qa_bot.evaluate import metrics
from qa_bot.evaluate.runner import DEPTH, Outcome


@dataclass(frozen=True)
class Summary:
    retriever: str
    questions: int
    answerable: int
    unanswerable: int
    hit_at: tuple[float, ...]  # hit@1 … hit@DEPTH over answerable questions
    mrr: float
    ndcg: float
    recall: float
    answer_accuracy: float
    correct_refusals: float  # share of unanswerable questions refused
    false_refusals: float  # share of answerable questions refused
    p50_ms: float
    p95_ms: float
    confidently_wrong: float = 0.0  # share of all questions answered (no caution) wrongly
    tentative: float = 0.0  # share of all questions answered tentatively
    list_questions: int = 0  # answerable questions with list_items
    list_items: float = 0.0  # mean share of a list's items the answer shows
    lists_complete: float = 0.0  # share of list questions whose answer shows every item
    # outcome ("answered" / "tentative" / "not_covered") -> {"right": n, "wrong": n}
    breakdown: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    def answers(self) -> dict[str, object]:
        """The graded-answer metrics (list ones None when the set has no list question)."""
        has_lists = self.list_questions > 0
        return {
            "confidently_wrong": self.confidently_wrong,
            "tentative": self.tentative,
            "list_questions": self.list_questions,
            "list_items": self.list_items if has_lists else None,
            "lists_complete": self.lists_complete if has_lists else None,
            "breakdown": {o: dict(counts) for o, counts in self.breakdown.items()},
        }

    def headline(self) -> dict[str, float]:
        return {
            "hit@1": self.hit_at[0],
            "hit@3": self.hit_at[2],
            "hit@5": self.hit_at[4],
            "mrr@10": self.mrr,
            "ndcg@10": self.ndcg,
            "recall@k": self.recall,
            "answer_accuracy": self.answer_accuracy,
            "correct_refusals": self.correct_refusals,
            "false_refusals": self.false_refusals,
            "confidently_wrong": self.confidently_wrong,
        }


def summarize(retriever: str, outcomes: Sequence[Outcome]) -> Summary:
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    ms = [o.seconds * 1000 for o in outcomes]
    lists = [o for o in answerable if o.list_items]
    return Summary(
        retriever=retriever,
        questions=len(outcomes),
        answerable=len(answerable),
        unanswerable=len(unanswerable),
        hit_at=tuple(
            _mean(metrics.hit_at(o.relevant, k) for o in answerable) for k in range(1, DEPTH + 1)
        ),
        mrr=_mean(metrics.reciprocal_rank(o.relevant, DEPTH) for o in answerable),
        ndcg=_mean(o.ndcg for o in answerable),
        recall=_mean(o.recall for o in answerable),
        answer_accuracy=_mean(float(o.answer_correct) for o in answerable),
        correct_refusals=_mean(float(not o.found) for o in unanswerable),
        false_refusals=_mean(float(not o.found) for o in answerable),
        p50_ms=metrics.percentile(ms, 50),
        p95_ms=metrics.percentile(ms, 95),
        confidently_wrong=_mean(float(o.confidently_wrong) for o in outcomes),
        tentative=_mean(float(o.outcome == "tentative") for o in outcomes),
        list_questions=len(lists),
        list_items=_mean(o.list_shown / o.list_items for o in lists),
        lists_complete=_mean(float(o.list_shown == o.list_items) for o in lists),
        breakdown=breakdown(outcomes),
    )


def breakdown(outcomes: Sequence[Outcome]) -> dict[str, dict[str, int]]:
    """Counts per outcome of right and wrong (see Outcome.right); every outcome present."""
    out: dict[str, dict[str, int]] = {name: {"right": 0, "wrong": 0} for name in OUTCOMES}
    for o in outcomes:
        if o.outcome not in out:
            raise ValueError(f"unknown answer outcome {o.outcome!r}; expected one of {OUTCOMES}")
        out[o.outcome]["right" if o.right else "wrong"] += 1
    return out


def by_retriever(outcomes: Sequence[Outcome]) -> list[Summary]:
    names = list(dict.fromkeys(o.retriever for o in outcomes))
    return [summarize(name, [o for o in outcomes if o.retriever == name]) for name in names]


def by_tag(outcomes: Sequence[Outcome]) -> dict[str, dict[str, Summary]]:
    """{retriever: {tag: Summary}} for every tag present."""
    out: dict[str, dict[str, Summary]] = {}
    for summary in by_retriever(outcomes):
        mine = [o for o in outcomes if o.retriever == summary.retriever]
        tags = sorted({t for o in mine for t in o.tags})
        out[summary.retriever] = {
            tag: summarize(summary.retriever, [o for o in mine if tag in o.tags]) for tag in tags
        }
    return out


def _mean(values: object) -> float:
    items = list(values)  # type: ignore[call-overload]
    return sum(items) / len(items) if items else 0.0
