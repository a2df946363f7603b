"""Guard: no evaluation set may fall below its recorded baseline (eval_baseline.json here).

Per set, hit@1, answer accuracy, correct refusals and (for a set with list questions) the
share of complete lists may not fall, and false refusals and confidently wrong answers may
not rise, by more than TOLERANCE; on the shipped set every headline metric is guarded.
Raising a baseline is a deliberate edit in the same commit as the change that earns it.
The documentation folder (rebuilt, slow) is measured by `qa-bot eval --all-sets` only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.evaluate.questions import load_questions, missing_evidence
from qa_bot.evaluate.runner import evaluate
from qa_bot.evaluate.sets import EvalSet, eval_sets
from qa_bot.evaluate.summary import summarize

BASELINE: dict[str, dict[str, float]] = json.loads(
    (Path(__file__).parent / "eval_baseline.json").read_text()
)
LOWER_IS_BETTER = {"false_refusals", "confidently_wrong"}
TOLERANCE = 0.001
GUARDED = {
    "hit@1",
    "answer_accuracy",
    "correct_refusals",
    "false_refusals",
    "confidently_wrong",
}
SETS = {s.name: s for s in eval_sets(Path(__file__).parents[2] / "corpus") if not s.builder}


@pytest.fixture(scope="module")
def bots(bot: QABot) -> dict[str | None, QABot]:
    """One bot per corpus (the bundled article's is the session's)."""
    out: dict[str | None, QABot] = {None: bot}
    for eval_set in SETS.values():
        if eval_set.corpus is not None and str(eval_set.corpus) not in out:
            out[str(eval_set.corpus)] = QABot.from_path(eval_set.corpus)
    return out


@pytest.fixture(scope="module")
def headlines(bots: dict[str | None, QABot]) -> dict[str, dict[str, float]]:
    return {name: _headline(s, bots) for name, s in SETS.items()}


def _headline(eval_set: EvalSet, bots: dict[str | None, QABot]) -> dict[str, float]:
    bot = bots[None if eval_set.corpus is None else str(eval_set.corpus)]
    outcomes = evaluate(bot, load_questions(eval_set.questions).questions, [bot.retriever])
    summary = summarize(bot.retriever, outcomes)
    if not summary.list_questions:
        return summary.headline()
    return {**summary.headline(), "lists_complete": summary.lists_complete}


@pytest.mark.parametrize("name", sorted(SETS))
def test_every_evidence_quote_and_list_item_is_verbatim_in_the_set_s_documents(
    bots: dict[str | None, QABot], name: str
) -> None:
    """A quote the documents do not hold can never be answered: the set itself is wrong
    (the loader has already checked each line's fields, types and unique ids)."""
    eval_set = SETS[name]
    bot = bots[None if eval_set.corpus is None else str(eval_set.corpus)]
    questions = load_questions(eval_set.questions).questions
    assert missing_evidence(questions, bot.documents) == []


CASES = [(name, metric) for name in sorted(BASELINE) for metric in sorted(BASELINE[name])]


@pytest.mark.parametrize(("name", "metric"), CASES)
def test_metric_holds_baseline(
    headlines: dict[str, dict[str, float]], name: str, metric: str
) -> None:
    value, floor = headlines[name][metric], BASELINE[name][metric]
    if metric in LOWER_IS_BETTER:
        assert value <= floor + TOLERANCE, (name, metric, value, floor)
    else:
        assert value >= floor - TOLERANCE, (name, metric, value, floor)


def test_baseline_covers_every_set_and_metric(headlines: dict[str, dict[str, float]]) -> None:
    assert set(BASELINE) == set(SETS)
    assert set(BASELINE["shipped"]) == set(headlines["shipped"])
    for name in SETS:
        assert set(BASELINE[name]) >= GUARDED, name
        assert ("lists_complete" in BASELINE[name]) == ("lists_complete" in headlines[name])
