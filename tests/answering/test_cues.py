"""Question types without a model: comparisons, examples, makers, mechanisms, instances."""

from __future__ import annotations

import pytest
from test_compose import check_answer_invariants

from qa_bot.answering.cues import kind, lacks_required_cue, shows_cue
from qa_bot.answering.question import search_text


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("What is the difference between LLMs and generative AI?", "subset of Generative AI"),
        (
            "What is the relationship between Large Language Models and Generative AI?",
            "subset of Generative AI",
        ),
        ("What is the main difference between LLMs and generative AI?", "subset of Generative AI"),
        ("What are examples of LLMs?", "Key examples include"),
        ("Give me some examples of LLMs.", "Key examples include"),
        ("Which company makes Claude?", "Anthropic's Claude"),
        ("How do GANs work?", "GANs involve two neural networks"),
    ],
)
def test_question_type_finds_the_answering_sentence(bot, question, expected):
    answer = bot.ask(question)
    assert answer.outcome == "answered"
    assert expected in answer.quotes[0].text
    check_answer_invariants(bot, answer)


@pytest.mark.parametrize(
    "question", ["Which company develops Midjourney?", "Who founded Anthropic?"]
)
def test_maker_question_without_a_named_maker_is_refused(bot, question):
    assert not bot.ask(question).found


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("What is the difference between cats and dogs?", "comparison"),
        ("Cats vs dogs", "comparison"),
        ("Which is broader, cats or dogs?", "comparison"),
        ("How do cats differ from dogs?", "comparison"),
        ("What are the differences between cats and dogs?", "comparison"),
        ("What is the relationship between cats and dogs?", "comparison"),
        ("How are cats related to dogs?", "comparison"),
        ("What are some examples of cats?", "examples"),
        ("Who makes this bike?", "maker"),
        ("Which company built the bridge?", "maker"),
        ("How does a lock work?", "mechanism"),
        ("How do engines operate?", "mechanism"),
        ("What is a cat?", "definition"),
        ("Which tools can sharpen a knife?", "instances"),
        ("What breeds make good pets?", "instances"),
        ("Which companies make bikes?", "maker"),  # a maker question first
        ("What kinds of cats are there?", None),  # the kind follows "of"
        ("What does a cat eat?", None),
        ("Who is the mayor?", None),
        ("How much does it cost?", None),
    ],
)
def test_kind(question, name):
    assert kind(question) == name


@pytest.mark.parametrize(
    ("name", "text", "shown"),
    [
        ("comparison", "Unlike cats, dogs bark.", True),
        ("comparison", "A cat is broader than a kitten.", True),
        ("comparison", "Cats sleep a lot.", False),
        ("examples", "Examples include Rex, Fido and Max.", True),
        ("examples", "Breeds such as poodles, pugs and boxers.", True),
        ("examples", "For example, a dog can fetch.", False),  # an instance, not a list
        ("maker", "Acme's Roadster is fast.", True),
        ("maker", "It was built by Acme in 1990.", True),
        ("maker", "The roadster is fast.", False),
        ("mechanism", "It involves two parts and then a spring.", True),
        ("mechanism", "It is a device.", False),
    ],
)
def test_shows_cue(name, text, shown):
    assert shows_cue(name, text) is shown


@pytest.mark.parametrize(
    ("question", "searched", "dropped"),
    [
        ("What is the main difference between cats and dogs?", "cats and dogs", "difference"),
        ("Cats vs dogs", "dogs", "vs"),
        ("Which company makes the Roadster?", "Roadster", "company"),
    ],
)
def test_comparison_and_maker_frames_are_not_searched(question, searched, dropped):
    text = search_text(question)
    assert searched in text
    assert dropped not in text


@pytest.mark.parametrize(
    ("question", "text", "shown"),
    [
        ("Which tools sharpen knives?", "Tools like whetstones, files, and hones work.", True),
        ("Which tools sharpen knives?", "A tool, such as a file, or a stone, works.", True),
        ("What breeds are calm?", "Calm breeds include pugs, boxers and collies.", True),
        ("Which companies ship fast?", "Companies such as Acme, Zed and Quux ship.", True),
        ("Which tools sharpen knives?", "Tools sharpen knives, stones and files.", False),
        ("Which tools sharpen knives?", "Breeds like pugs, boxers and collies.", False),
    ],
)
def test_an_instances_question_wants_a_passage_naming_instances(question, text, shown):
    assert shows_cue("instances", text, question) is shown


def test_instances_question_prefers_the_passage_naming_instances(tmp_path):
    from qa_bot import QABot

    (tmp_path / "kitchen.md").write_text(
        "# Kitchen\n\n## Care\n\nSharp knives need good tools and care; cheap tools keep "
        "knives sharp only for a while, and tools wear out.\n\n## Sharpening\n\nTools like "
        "whetstones, honing rods, and steels keep knives sharp.\n\n## Storage\n\n"
        "Keep knives on a magnetic strip.\n",
        encoding="utf-8",
    )
    answer = QABot.from_path(tmp_path).ask("Which tools keep knives sharp?")
    assert "whetstones" in answer.quotes[0].text


def test_maker_answer_must_name_a_maker():
    assert lacks_required_cue("Who makes the Roadster?", ["The Roadster is fast."])
    assert not lacks_required_cue("Who makes the Roadster?", ["Acme's Roadster is fast."])
    assert not lacks_required_cue("What is the Roadster?", ["The Roadster is fast."])


@pytest.mark.parametrize(
    ("question", "text", "defines"),
    [
        ("What is snapsort?", "snapsort is a tool that sorts photos.", True),
        ("What is snapsort?", "snapsort dedupe [OPTIONS]", False),
        ("What are GANs?", "GANs are two networks trained together.", True),
        ("What is a capacity factor?", "The capacity factor compares output.", False),
        ("What is a capacity factor?", "A capacity factor is the ratio of output.", True),
        ("What is the difference between cats and dogs?", "Cats are cats.", False),
    ],
)
def test_a_definition_question_wants_a_passage_saying_what_it_is(question, text, defines):
    from qa_bot.answering.cues import shows_cue

    assert (kind(question) in ("definition", "comparison")) is True
    assert shows_cue("definition", text, question) is defines


def test_definition_question_prefers_the_defining_passage(tmp_path):
    from qa_bot import QABot

    (tmp_path / "guide.md").write_text(
        "# Tools\n\n## Usage\n\nRun snapsort dedupe [OPTIONS] on a folder.\n\n"
        "## About\n\nThe snapsort tool is a command-line tool that sorts photos.\n\n"
        "## Other\n\nThe weather is fine today.\n",
        encoding="utf-8",
    )
    answer = QABot.from_path(tmp_path).ask("What is snapsort?")
    assert "command-line tool that sorts photos" in answer.quotes[0].text
