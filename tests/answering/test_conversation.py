from __future__ import annotations

import pytest
from oracles import named_terms

from qa_bot.answering.conversation import Conversation, is_follow_up
from qa_bot.defaults import RETRIEVERS
from qa_bot.text.analyzer import Analyzer


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_and_their_weaknesses_keeps_the_subject(bot, retriever):
    history = ["What are the strengths of LLMs?"]
    query = bot.understand("And their weaknesses?", history)
    assert "LLMs" in query.text
    assert "llm" in query.terms
    top = bot.search("And their weaknesses?", history=history, retriever=retriever)[0]
    assert top.section == "Strengths and Weaknesses › Weaknesses of LLMs"
    answer = bot.ask("And their weaknesses?", history=history, retriever=retriever)
    assert answer.found
    assert answer.query == query.text
    assert all(c.section.endswith("Weaknesses of LLMs") for c in answer.citations)


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_what_about_swaps_the_subject_and_keeps_the_aspect(bot, retriever):
    history = ["What are the weaknesses of LLMs?"]
    query = bot.understand("What about generative AI?", history)
    assert "weaknesses" in query.text
    assert "LLMs" not in query.text
    top = bot.search("What about generative AI?", history=history, retriever=retriever)[0]
    assert top.section == "Strengths and Weaknesses › Weaknesses of Generative AI"
    answer = bot.ask("What about generative AI?", history=history, retriever=retriever)
    assert answer.found
    assert answer.citations[0].section == "Strengths and Weaknesses › Weaknesses of Generative AI"


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_is_it_free_after_promptlayer(bot, retriever):
    answer = bot.ask("Is it free?", history=["What is PromptLayer?"], retriever=retriever)
    assert answer.found
    assert any("free" in c.text for c in answer.citations)
    assert any("free" in q.text for q in answer.quotes)


@pytest.mark.parametrize(
    "question",
    ["What is fine-tuning?", "What are the applications of Generative AI?", "How do GANs work?"],
)
def test_standalone_question_is_not_changed(bot, question):
    history = ["What are the strengths of LLMs?", "And their weaknesses?"]
    assert bot.understand(question, history).text == question
    assert bot.conversation.resolve(question, history) == question


def test_no_history_means_no_change(bot):
    assert bot.conversation.resolve("And their weaknesses?") == "And their weaknesses?"
    assert bot.conversation.resolve("And their weaknesses?", []) == "And their weaknesses?"


def test_blank_history_items_are_ignored(bot):
    history = ["   ", "What are the strengths of LLMs?", ""]
    assert bot.understand("And their weaknesses?", history).text == (
        bot.understand("And their weaknesses?", ["What are the strengths of LLMs?"]).text
    )


def test_context_carries_across_several_turns(bot):
    history = ["What are the strengths of LLMs?", "And their weaknesses?"]
    query = bot.understand("What about generative AI?", history)
    assert "weaknesses" in query.text
    top = bot.search("What about generative AI?", history=history)[0]
    assert top.section == "Strengths and Weaknesses › Weaknesses of Generative AI"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("And their weaknesses?", True),
        ("and what about VAEs?", True),
        ("What about generative AI?", True),
        ("How about images?", True),
        ("But why?", True),
        ("Is it free?", True),
        ("Does this need training data?", True),
        ("What is fine-tuning?", False),
        ("Andromeda galaxy facts", False),  # "and" must be a whole word
        ("Butterflies and moths", False),
        ("Items listed here", False),  # "it" inside a word is not a pronoun
        ("What else changed in that release?", True),  # "that" pointing back
        ("Can I call that folder something else?", True),
        ("Why is that?", True),
        ("Which files that match a pattern are skipped?", False),  # "that" relative
        ("Is it true that cats sleep?", True),  # (for "it")
        ("Do models that learn from text forget?", False),
    ],
)
def test_is_follow_up(question, expected):
    assert is_follow_up(question) is expected


def test_named_terms_of_the_article(bot):
    named = bot.conversation.named
    assert {"llm", "gan", "vae", "ai"} <= named
    for common in ("weak", "strength", "model", "train"):
        assert common not in named


def test_named_terms_need_repeated_mid_sentence_capitals():
    analyzer = Analyzer()
    texts = [
        "We met Alice today. Then Alice left. Cats sleep. The cats purr.",
        "Label: Alice again. Some words here.",
    ]
    named = named_terms(analyzer, texts)
    assert analyzer("Alice")[0] in named
    assert analyzer("cats")[0] not in named  # capitalised only at a sentence start
    assert analyzer("words")[0] not in named


def test_named_terms_include_alias_canonicals():
    analyzer = Analyzer({("foo", "bar"): "fb"})
    assert "fb" in named_terms(analyzer, ["nothing named here."])


def test_conversation_build_on_tiny_corpus():
    text = "We love Paris. We love Rome. Visit Paris often. Visit Rome soon."
    conversation = Conversation(Analyzer(), named_terms(Analyzer(), [text]))
    assert conversation.named == frozenset(Analyzer()("Paris Rome"))
    # subject swapped: the earlier aspect ("big") is kept, the earlier subject is not
    assert conversation.resolve("And Rome?", ["How big is Paris?"]) == "And Rome? (big)"
    # aspect swapped: the earlier subject is kept
    assert conversation.resolve("And small?", ["How big is Paris?"]) == "And small? (Paris)"


@pytest.mark.parametrize(
    ("history", "question", "kept"),
    [
        (["What is fine-tuning?"], "And what about its examples?", "fine-tuning"),
        (["What are the strengths of LLMs?"], "What about their weaknesses?", "LLMs"),
        (["What are the strengths of LLMs?"], "Any weaknesses?", "LLMs"),
    ],
)
def test_follow_up_keeps_the_earlier_subject(bot, history, question, kept):
    assert kept in bot.understand(question, history).text


@pytest.mark.parametrize(
    ("history", "question"),
    [
        (["What is fine-tuning?"], "What is the capital of France?"),
        (["What are LLMs?"], "What is the capital of France?"),
        (["What are LLMs?"], "?"),
        (["What is the capital of France?"], "What is AI?"),
    ],
)
def test_standalone_question_stays_standalone(bot, history, question):
    assert bot.understand(question, history).text == question


def test_and_what_about_its_examples_finds_the_example(bot):
    answer = bot.ask("And what about its examples?", history=["What is fine-tuning?"])
    assert answer.found
    assert any("For example, an LLM could be fine-tuned" in q.text for q in answer.quotes)


def test_a_turn_the_corpus_does_not_cover_sets_no_topic(bot):
    history = ["How do GANs work?", "What is the capital of France?"]
    query = bot.understand("And their weaknesses?", history)
    assert "GANs" in query.text
    assert "France" not in query.text


def test_what_about_after_a_yes_no_question_keeps_its_predicate(tmp_path):
    """ "What about Library of Things items?" after "Can Quick Picks be renewed?" asks
    whether those can be renewed: the earlier question's last word is its predicate."""
    from qa_bot import QABot

    (tmp_path / "faq.md").write_text(
        "# Loans\n\n## Renewals\n\nQuick picks cannot be renewed. Library of Things items "
        "can only be renewed once.\n\n## Fines\n\nLibrary of Things items: $1 a day per "
        "item.\n\n## Other\n\nQuick picks are popular new books on a short loan.\n",
        encoding="utf-8",
    )
    bot = QABot.from_path(tmp_path)
    history = ["Can Quick Picks be renewed?"]
    query = bot.understand("What about Library of Things items?", history)
    assert "renewed" in query.text
    assert "Quick" not in query.text
    answer = bot.ask("What about Library of Things items?", history=history)
    assert "renewed once" in answer.quotes[0].text
