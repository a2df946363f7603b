import pytest

from qa_bot.evaluate.calibrate import best, operating_point, sweep
from qa_bot.evaluate.runner import Outcome


def outcome(answerable: bool, confidence: float, rank: int | None = 1) -> Outcome:
    return Outcome(
        id="q",
        question="?",
        retriever="bm25",
        tags=(),
        answerable=answerable,
        rank=rank,
        relevant=(rank == 1,),
        recall=1.0,
        ndcg=1.0,
        found=confidence >= 0.5,
        answer_correct=True,
        confidence=confidence,
        seconds=0.001,
        query="?",
        answer="",
    )


OUTCOMES = [
    outcome(True, 0.9),
    outcome(True, 0.6),
    outcome(True, 0.3, rank=2),
    outcome(False, 0.4),
    outcome(False, 0.1),
]


def test_operating_point_by_hand() -> None:
    point = operating_point(OUTCOMES, 0.5)
    assert point.coverage == pytest.approx(2 / 3)
    assert point.false_refusals == pytest.approx(1 / 3)
    assert point.correct_refusals == 1.0
    assert point.precision == 1.0  # both answered questions are answerable and ranked first


def test_best_point_balances_coverage_and_refusals() -> None:
    chosen = best(sweep(OUTCOMES))
    assert 0.4 < chosen.threshold <= 0.6
    assert chosen.correct_refusals == 1.0
