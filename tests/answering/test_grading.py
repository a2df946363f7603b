"""Graded answers: answered, tentative (the closest the documents come) or not covered."""

from __future__ import annotations

import pytest

from qa_bot.answering.compose import TENTATIVE, Settings
from qa_bot.answering.grading import asks_for_fact, grade
from qa_bot.answering.query import Query
from qa_bot.text.lexicon import is_english, is_everyday, is_filler


@pytest.mark.parametrize(
    ("question", "outcome", "opening"),
    [
        # "language models" shortens the article's "Large Language Models": a sure answer
        ("Can language models be biased?", "answered", "Data Bias:"),
        ("Can LLMs be biased?", "answered", "Data Bias:"),
        ("Do LLMs consume a lot of energy?", "tentative", "Resource Intensive:"),
    ],
)
def test_paraphrase_gets_an_answer_not_a_refusal(bot, question, outcome, opening):
    answer = bot.ask(question)
    assert answer.found
    assert answer.outcome == outcome
    assert answer.text.startswith(TENTATIVE) is (outcome == "tentative")
    assert answer.quotes[0].text.startswith(opening)
    source = bot.documents[answer.quotes[0].source].text
    assert all(source[q.start : q.end] == q.text for q in answer.quotes)


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of France?",
        "Who won the 2018 FIFA World Cup?",
        "How do I bake sourdough bread?",
        "who won the world cup",
        "Who founded Anthropic?",
        "Is Stable Diffusion open source?",
    ],
)
def test_questions_the_article_does_not_cover_are_refused(bot, question):
    answer = bot.ask(question)
    assert not answer.found
    assert answer.outcome == "not_covered"
    assert answer.quotes == []


@pytest.mark.parametrize(
    "question", ["How much energy does training need?", "What makes generative AI creative?"]
)
def test_answer_covering_part_of_the_question_is_tentative(bot, question):
    answer = bot.ask(question)
    assert Settings().min_coverage <= answer.confidence < Settings().confident
    assert answer.found
    assert answer.outcome == "tentative"
    assert answer.text.startswith(TENTATIVE)


def test_confident_answer_is_answered(bot):
    answer = bot.ask("What is fine-tuning?")
    assert answer.outcome == "answered"
    assert not answer.text.startswith(TENTATIVE)


def _query(text: str, *, foreign: tuple[str, ...] = (), lacking: tuple[str, ...] = ()) -> Query:
    return Query(text, ("term",), foreign=foreign, unknown_words=lacking)


@pytest.mark.parametrize(
    ("query", "support", "outcome"),
    [
        (_query("what is x"), 0.9, "answered"),
        (_query("what is x"), 0.6, "tentative"),  # above the bar, short of confident
        (_query("who made x"), 0.6, "tentative"),
        (_query("what is x"), 0.3, "tentative"),
        (_query("what is x"), 0.1, "not_covered"),  # below the floor
        (_query("what is x in France", foreign=("France",)), 0.3, "not_covered"),
        (_query("who made x"), 0.3, "not_covered"),  # a fact, not an approximation
        (
            _query("what temperature setting", lacking=("temperature", "setting")),
            0.3,
            "not_covered",
        ),
        (_query("why do x make things up", lacking=("things",)), 0.3, "tentative"),  # filler
        (_query("is x open source", lacking=("source",)), 0.3, "not_covered"),
        (_query("is x a source of energy", lacking=("source",)), 0.3, "tentative"),
        (Query("?", ()), 0.9, "not_covered"),
    ],
)
def test_grade(query, support, outcome):
    assert grade(query, support, min_coverage=0.45, floor=0.25, confident=0.75) == outcome


@pytest.mark.parametrize(
    ("question", "fact"),
    [
        ("Who invented GANs?", True),
        ("When was it founded?", True),
        ("How many parameters does it have?", True),
        ("And where is it sold?", True),
        ("What are GANs?", False),
        ("How do GANs work?", False),
        ("Why do models hallucinate?", False),
    ],
)
def test_asks_for_fact(question, fact):
    assert asks_for_fact(question) is fact


@pytest.mark.parametrize(
    ("word", "english", "everyday", "filler"),
    [
        ("world", True, True, True),
        ("consume", True, True, False),
        ("sourdough", False, False, False),
        ("waht", False, False, False),
        ("zorbleflax", False, False, False),
        ("lot", True, True, True),
    ],
)
def test_lexicon_bands(word, english, everyday, filler):
    assert (is_english(word), is_everyday(word), is_filler(word)) == (english, everyday, filler)


@pytest.mark.parametrize(
    "question",
    [
        "Why do language models sometimes make things up?",
        "Which tools can make pictures from text?",
    ],
)
def test_paraphrase_sharing_few_words_is_not_refused(bot, question):
    answer = bot.ask(question)
    assert answer.found
    assert answer.outcome == "tentative"  # not confidently wrong, not refused


def test_a_shortened_name_finds_the_passage_a_reader_would(bot):
    """ "language models" shortens "Large Language Models (LLMs)", which the article never
    uses for anything else: the question searches for LLMs."""
    answer = bot.ask("Why do language models sometimes make things up?")
    assert answer.quotes[0].text.startswith("Hallucinations:")


def test_paraphrase_finds_the_passage_a_reader_would(bot):
    """ "Which tools …" asks for instances of tools: the passage naming "Tools like DALL·E,
    Midjourney, …" comes first though it shares only "tools" and "text" with the question."""
    answer = bot.ask("Which tools can make pictures from text?")
    assert answer.quotes[0].text.startswith("Art and Design:")
