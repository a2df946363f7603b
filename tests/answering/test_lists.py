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


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    from qa_bot import QABot

    folder = tmp_path_factory.mktemp("shop")
    (folder / "shop.md").write_text(
        "# Corner Shop\n\n## Opening\n\nWe open early every day of the week.\n\n"
        "## Paying\n\nYou can pay in three ways:\n\n"
        "- Cash at the till, in pounds only.\n"
        "- Cards of every major network, contactless too.\n"
        "- Vouchers from the parish council.\n\n"
        "Receipts are printed on request.\n",
        encoding="utf-8",
    )
    return QABot.from_path(folder)


@pytest.mark.parametrize(
    "question", ["What are the ways to pay?", "Which ways of paying are there?"]
)
def test_question_asking_for_several_gets_the_whole_bulleted_run(shop, question):
    answer = shop.ask(question)
    assert answer.found
    joined = " ".join(q.text for q in answer.quotes)
    for item in ("Cash at the till", "Cards of every major network", "Vouchers from"):
        assert item in joined


@pytest.mark.parametrize(
    ("question", "asks"),
    [
        ("What are the ways to pay?", True),
        ("List the shops", True),
        ("Which options are there?", True),
        ("What is a voucher?", False),
        ("How do I pay by card?", False),
    ],
)
def test_asks_for_several(question, asks):
    from qa_bot.answering.lists import asks_for_several

    assert asks_for_several(question) is asks


PROMPTLAYER_CAN = [
    "Create and manage prompts",
    "Log and track request history",
    "Collaborate with teams",
    "Retrieve prompt templates",
]


@pytest.mark.parametrize(
    "question", ["What can you do with PromptLayer?", "What can I do with PromptLayer?"]
)
def test_question_restating_a_lists_lead_in_gets_the_whole_list(bot, question):
    """ "With PromptLayer, you can:" restates the question: its list is the answer, even
    though a passage about PromptLayer in general ranks first."""
    answer = bot.ask(question)
    assert answer.found
    assert [next(i for i in PROMPTLAYER_CAN if q.text.startswith(i)) for q in answer.quotes] == (
        PROMPTLAYER_CAN
    )
    check_answer_invariants(bot, answer)


@pytest.fixture(scope="module")
def club(tmp_path_factory):
    from qa_bot import QABot

    folder = tmp_path_factory.mktemp("club")
    (folder / "club.txt").write_text(
        "Rowing Club\n\nThe Rowing Club meets on the river every Saturday morning.\n\n"
        "As a member of the club you can:\n"
        "- Borrow a boat for up to two hours.\n"
        "- Join the coached sessions on Tuesday evenings.\n"
        "- Store one private boat in the shed.\n\n"
        "Membership costs forty pounds a year.\n",
        encoding="utf-8",
    )
    return QABot.from_path(folder)


def test_lead_in_list_is_read_out_whole_when_the_question_restates_it(club):
    answer = club.ask("What can a member of the club do?")
    joined = " ".join(q.text for q in answer.quotes)
    for item in ("Borrow a boat", "Join the coached sessions", "Store one private boat"):
        assert item in joined


def test_lead_in_list_is_not_read_out_for_a_question_about_one_item(club):
    answer = club.ask("How long can a member borrow a boat?")
    assert answer.quotes[0].text.startswith("Borrow a boat")
    assert len(answer.quotes) == 1


def test_a_definition_question_is_not_answered_with_a_lead_in_list(bot):
    answer = bot.ask("What is PromptLayer?")
    assert answer.quotes[0].text.startswith("PromptLayer is a prompt management system")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many items can I borrow at once?", "up to 20 items at a time"),
        ("Are there late fees?", "no late fees on books"),
    ],
)
def test_a_lead_in_that_answers_is_quoted_with_its_list(tmp_path, question, expected):
    from qa_bot import QABot

    (tmp_path / "faq.md").write_text(
        "# Library FAQ\n\n### How many items can I borrow at once?\n\n"
        "Adult members can borrow up to 20 items at a time. Within that total, there are "
        "limits for some kinds of item:\n\n- up to 5 DVDs\n- up to 3 magazines\n\n"
        "### Are there late fees?\n\nSince April there are no late fees on books. "
        "The following items are still charged when they are returned late:\n\n"
        "- DVDs: 50 cents a day\n- games: $1 a day\n",
        encoding="utf-8",
    )
    bot = QABot.from_path(tmp_path)
    answer = bot.ask(question)
    assert expected in answer.quotes[0].text
    assert len(answer.quotes) == 3  # the lead-in's content, then each item of its list
    check_answer_invariants(bot, answer)


@pytest.fixture(scope="module")
def steps(tmp_path_factory):
    from qa_bot import QABot

    folder = tmp_path_factory.mktemp("steps")
    (folder / "guide.md").write_text(
        "# Guide\n\n## Dates\n\nsnapsort looks for a date in this order:\n\n"
        "1. the EXIF field of the photo\n2. the creation date of a video file\n"
        "3. a date in the file name\n4. the modification time, if allowed\n\n"
        "## Other\n\nNothing else here.\n",
        encoding="utf-8",
    )
    return QABot.from_path(folder)


def _items(bot, *prefixes):
    return [next(i for i, p in enumerate(bot.passages) if p.text.startswith(x)) for x in prefixes]


@pytest.mark.parametrize(
    ("question", "whole"),
    [
        ("In what order does snapsort look for the date of a photo?", True),
        ("Does snapsort read the EXIF field or the file name of a photo?", False),  # names two
    ],
)
def test_answers_landing_on_several_items_of_a_list_get_all_of_it(steps, question, whole):
    from qa_bot.answering.lists import spanned_list

    chosen = _items(steps, "the EXIF field", "a date in the file name")
    query = steps.understand(question)
    got = spanned_list(chosen, query, steps.engine.index, steps.documents)
    every = _items(steps, "the EXIF", "the creation", "a date in", "the modification")
    assert got == (every if whole else None)


def test_one_item_is_not_a_list(steps):
    from qa_bot.answering.lists import spanned_list

    query = steps.understand("Where does the EXIF field come from?")
    chosen = _items(steps, "the EXIF field")
    assert spanned_list(chosen, query, steps.engine.index, steps.documents) is None


def test_a_question_whose_answer_spans_list_items_shows_the_whole_list():
    """tune-faq: "How can I give feedback?" lands on two of the three ways."""
    from pathlib import Path

    from qa_bot import QABot

    faq = Path(__file__).parents[2] / "corpus" / "tune-faq" / "faq.md"
    bot = QABot.from_path(faq)
    answer = bot.ask("How can I give feedback?")
    joined = " ".join(q.text for q in answer.quotes)
    for item in ("comment card", "emailing feedback@", "calling 555-0142"):
        assert item in joined
    check_answer_invariants(bot, answer)
