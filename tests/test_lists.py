"""Complete lists: a question naming a heading gets every item of its list, in order."""

from __future__ import annotations

import pytest
from test_compose import check_answer_invariants

APPLICATIONS_OF_GENERATIVE_AI = [
    "Art and Design:",
    "Music Composition:",
    "Video Game Development:",
    "Product Design:",
    "Marketing and Advertising:",
]
APPLICATIONS_OF_LLMS = [
    "Conversational AI:",
    "Content Generation:",
    "Language Translation:",
    "Text Summarization:",
    "Code Generation:",
    "Domain-Specific Applications:",
]


@pytest.mark.parametrize(
    ("question", "items"),
    [
        ("What are the applications of generative AI?", APPLICATIONS_OF_GENERATIVE_AI),
        ("List the applications of generative AI", APPLICATIONS_OF_GENERATIVE_AI),
        ("Give me the applications of generative AI", APPLICATIONS_OF_GENERATIVE_AI),
        ("What are the applications of LLMs?", APPLICATIONS_OF_LLMS),
    ],
)
def test_list_answer_has_every_item_in_order(bot, question, items):
    answer = bot.ask(question)
    assert answer.outcome == "answered"
    assert [next(i for i in items if q.text.startswith(i)) for q in answer.quotes] == items
    assert len(answer.citations) == 1  # adjacent items merge into one citation
    check_answer_invariants(bot, answer)


def test_question_naming_one_item_gets_that_item(bot):
    answer = bot.ask("What are the applications of generative AI in music?")
    assert answer.quotes[0].text.startswith("Music Composition:")
    assert len(answer.quotes) < len(APPLICATIONS_OF_GENERATIVE_AI)


def test_question_not_naming_the_heading_is_not_read_out_whole(bot):
    answer = bot.ask("What is fine-tuning?")
    assert len(answer.quotes) == 1
