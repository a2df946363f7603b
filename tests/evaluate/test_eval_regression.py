"""Guard: the shipped evaluation must not fall below the recorded baseline.

Raising the baseline (tests/evaluate/eval_baseline.json) is a deliberate edit in the same commit
as the change that earns it.
"""

import json
from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.evaluate.questions import load_questions
from qa_bot.evaluate.runner import evaluate
from qa_bot.evaluate.shell import shipped_questions
from qa_bot.evaluate.summary import summarize

BASELINE = json.loads((Path(__file__).parent / "eval_baseline.json").read_text())
LOWER_IS_BETTER = {"false_refusals"}


@pytest.fixture(scope="module")
def headline() -> dict[str, float]:
    bot = QABot.default()
    outcomes = evaluate(bot, load_questions(shipped_questions()).questions, [bot.retriever])
    return summarize(bot.retriever, outcomes).headline()


@pytest.mark.parametrize("metric", sorted(BASELINE))
def test_metric_holds_baseline(headline: dict[str, float], metric: str) -> None:
    if metric in LOWER_IS_BETTER:
        assert headline[metric] <= BASELINE[metric] + 0.0005, (metric, headline[metric])
    else:
        assert headline[metric] >= BASELINE[metric] - 0.0005, (metric, headline[metric])


def test_baseline_covers_every_headline_metric(headline: dict[str, float]) -> None:
    assert set(BASELINE) == set(headline)
