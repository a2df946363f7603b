"""Query understanding: which question words the corpus knows, and what they search for."""

from __future__ import annotations

import pytest

from qa_bot import Document, QABot


@pytest.fixture(scope="module")
def defined() -> QABot:
    text = (
        "Networks\n\nGenerative Adversarial Networks (GANs) pit a generator against a "
        "discriminator. GANs make realistic images.\n\nOther networks route packets between "
        "computers.\n\nModels can be specialized for medicine and law."
    )
    return QABot({"nets.txt": Document("nets.txt", "Networks", text)})


def test_a_word_seen_only_inside_a_defined_phrase_is_not_foreign(defined):
    query = defined.parser.analyse("Why do adversarial networks improve?")
    assert "adversarial" not in query.unknown_words
    assert query.foreign == ()
    assert "gan" in query.terms  # searched as the phrase's short form


def test_a_word_of_a_defined_phrase_finds_the_passage_that_defines_it(defined):
    answer = defined.ask("What do adversarial networks pit against each other?")
    assert answer.found
    assert answer.quotes[0].text.startswith("Generative Adversarial Networks")


def test_the_article_s_phrase_words_are_not_foreign(bot):
    query = bot.parser.parse("Why do the pictures from adversarial networks get more lifelike?")
    assert "adversarial" not in query.foreign
    _, hits = bot.rank(query.text)
    assert "increasingly realistic image generation" in bot.passages[hits[0].position].text


def test_a_word_the_corpus_lacks_searches_for_its_everyday_equivalents(bot):
    """The article says "Weaknesses of LLMs", never "drawbacks": the question searches for
    the article's word, as one unit (coverage counts it once)."""
    query = bot.parser.parse("What are the drawbacks of LLMs?")
    assert "weak" in query.terms
    assert "drawback" not in query.unknown
    assert any({"weak"} <= unit for unit in query.units)
    answer = bot.ask("What are the drawbacks of LLMs?")
    assert answer.outcome == "answered"
    assert any(q.text.startswith("Hallucinations:") for q in answer.quotes)


def test_a_word_the_corpus_has_is_searched_as_it_is(tmp_path):
    from qa_bot import QABot

    (tmp_path / "notes.md").write_text(
        "# Notes\n\n## Drawbacks\n\nThe drawbacks are cost and noise.\n\n"
        "## Weaknesses\n\nThe weaknesses are size and weight.\n",
        encoding="utf-8",
    )
    query = QABot.from_path(tmp_path).parser.parse("What are the drawbacks?")
    assert query.terms == ("drawback",)


def test_a_misspelt_frame_word_is_read_as_spelt_right(bot):
    """ "wich company makes Claude?" is the maker question "which company makes Claude?":
    its frame words are dropped and its cue is known."""
    query = bot.parser.parse("wich company makes Claude?")
    assert query.text == "which company makes Claude?"
    assert query.corrections == {"wich": "which"}
    assert "compani" not in query.terms
    answer = bot.ask("wich company makes Claude?")
    assert "Anthropic's Claude" in answer.quotes[0].text
