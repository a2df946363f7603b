"""Graded answers in eval: right/wrong per outcome, confidently wrong, tentative, lists."""

from __future__ import annotations

import pytest

from qa_bot.answering.answer import Answer, Quote
from qa_bot.documents.chunking import Passage
from qa_bot.evaluate.runner import LIST_INCOMPLETE, Outcome, list_shown
from qa_bot.evaluate.summary import breakdown, summarize


def outcome(
    answerable: bool,
    graded: str,
    correct: bool = False,
    list_items: int = 0,
    list_seen: int = 0,
) -> Outcome:
    return Outcome(
        id="q",
        question="?",
        retriever="bm25",
        tags=(),
        answerable=answerable,
        rank=1,
        relevant=(True,),
        recall=1.0,
        ndcg=1.0,
        found=graded != "not_covered",
        answer_correct=correct,
        confidence=0.5,
        seconds=0.001,
        query="?",
        answer="",
        outcome=graded,
        list_items=list_items,
        list_shown=list_seen,
    )


@pytest.mark.parametrize(
    ("answerable", "graded", "correct", "right", "confidently_wrong"),
    [
        (True, "answered", True, True, False),
        (True, "answered", False, False, True),  # evidence not in the quoted sentences
        (True, "tentative", True, True, False),
        (True, "tentative", False, False, False),  # wrong, but said so with caution
        (True, "not_covered", False, False, False),  # a false refusal
        (False, "answered", False, False, True),  # answered what the corpus does not cover
        (False, "tentative", False, False, False),
        (False, "not_covered", False, True, False),  # a correct refusal
    ],
)
def test_right_and_confidently_wrong(
    answerable: bool, graded: str, correct: bool, right: bool, confidently_wrong: bool
) -> None:
    o = outcome(answerable, graded, correct)
    assert o.right is right
    assert o.confidently_wrong is confidently_wrong
    assert o.to_dict()["confidently_wrong"] is confidently_wrong


SET = [
    outcome(True, "answered", True),
    outcome(True, "answered", False),
    outcome(True, "tentative", True),
    outcome(True, "tentative", False),
    outcome(True, "not_covered"),
    outcome(False, "answered"),
    outcome(False, "not_covered"),
    outcome(False, "not_covered"),
]


def test_breakdown_counts_every_outcome_right_and_wrong() -> None:
    assert breakdown(SET) == {
        "answered": {"right": 1, "wrong": 2},
        "tentative": {"right": 1, "wrong": 1},
        "not_covered": {"right": 2, "wrong": 1},
    }
    assert breakdown(SET[:1])["tentative"] == {"right": 0, "wrong": 0}


def test_unknown_outcome_is_an_error() -> None:
    with pytest.raises(ValueError, match=r"unknown answer outcome 'maybe'"):
        breakdown([outcome(True, "maybe")])


def test_summary_rates_over_all_questions() -> None:
    s = summarize("bm25", SET)
    assert s.confidently_wrong == pytest.approx(2 / 8)
    assert s.tentative == pytest.approx(2 / 8)
    assert s.answer_accuracy == pytest.approx(2 / 5)  # tentative with evidence counts
    assert s.list_questions == 0
    assert s.answers()["list_items"] is None


def test_list_completeness() -> None:
    lists = [
        outcome(True, "answered", True, list_items=5, list_seen=5),
        outcome(True, "answered", True, list_items=4, list_seen=3),
        outcome(True, "not_covered", list_items=2, list_seen=0),
        outcome(True, "answered", True),  # not a list question
    ]
    s = summarize("bm25", lists)
    assert s.list_questions == 3
    assert s.list_items == pytest.approx((1 + 0.75 + 0) / 3)
    assert s.lists_complete == pytest.approx(1 / 3)
    assert f"{LIST_INCOMPLETE} (3 of 4 items)" in lists[1].failures
    assert not any(f.startswith(LIST_INCOMPLETE) for f in lists[2].failures)  # refused


def passage(text: str, start: int = 0) -> Passage:
    return Passage("p", "doc", "Doc", "", start, start + len(text), text)


def test_list_items_are_seen_in_quotes_or_citations() -> None:
    cited = passage("Items: alpha; beta.")
    answer = Answer(
        question="List them.",
        query="list",
        text="gamma [1]",
        found=True,
        citations=[cited],
        quotes=[Quote("gamma", "doc", 40, 45, 1)],
        outcome="tentative",
    )
    assert list_shown(answer, ["alpha", "beta", "gamma", "delta"]) == 3
    refused = Answer("List them.", "list", "not covered", False, related=[cited])
    assert list_shown(refused, ["alpha"]) == 0  # related reading is not an answer
