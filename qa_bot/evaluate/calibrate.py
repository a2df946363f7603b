"""The abstention trade-off: what each confidence threshold would answer and refuse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from qa_bot.evaluate.runner import Outcome

THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(21))


@dataclass(frozen=True)
class OperatingPoint:
    threshold: float
    coverage: float  # share of answerable questions answered
    precision: float  # share of answered questions that were answerable and answered right
    correct_refusals: float  # share of unanswerable questions refused
    false_refusals: float  # share of answerable questions refused

    @property
    def balanced(self) -> float:
        """Mean of the two abstention rates to get right: answer what can be, refuse the rest."""
        return (self.coverage + self.correct_refusals) / 2


def sweep(
    outcomes: Sequence[Outcome], thresholds: Sequence[float] = THRESHOLDS
) -> list[OperatingPoint]:
    return [operating_point(outcomes, t) for t in thresholds]


def operating_point(outcomes: Sequence[Outcome], threshold: float) -> OperatingPoint:
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    answered = [o for o in outcomes if o.confidence >= threshold]
    right = [o for o in answered if o.answerable and o.rank == 1]
    covered = sum(1 for o in answerable if o.confidence >= threshold)
    return OperatingPoint(
        threshold=threshold,
        coverage=covered / len(answerable) if answerable else 0.0,
        precision=len(right) / len(answered) if answered else 1.0,
        correct_refusals=(
            sum(1 for o in unanswerable if o.confidence < threshold) / len(unanswerable)
            if unanswerable
            else 1.0
        ),
        false_refusals=1 - covered / len(answerable) if answerable else 0.0,
    )


def best(points: Sequence[OperatingPoint]) -> OperatingPoint:
    """The threshold with the best balanced rate (ties: the higher threshold, the safer)."""
    return max(points, key=lambda p: (round(p.balanced, 9), p.threshold))
