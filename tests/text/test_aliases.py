from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qa_bot.text.aliases import last_words, mine_aliases, words_before
from qa_bot.text.analyzer import Analyzer, stem


def phrase(*words: str) -> tuple[str, ...]:
    return tuple(stem(w) for w in words)


def test_article_aliases(article_text):
    aliases = mine_aliases([article_text])
    assert aliases[phrase("large", "language", "models")] == "llm"
    assert aliases[phrase("generative", "adversarial", "networks")] == "gan"
    assert aliases[phrase("variational", "autoencoders")] == "vae"
    assert set(aliases.values()) == {"llm", "gan", "vae"}


def test_bot_analyzer_uses_the_mined_aliases(bot):
    analyzer = bot.index.analyzer
    assert analyzer("Large Language Models") == analyzer("LLMs") == ["llm"]
    assert analyzer("generative adversarial network") == ["gan"]
    assert analyzer("Variational Autoencoder") == analyzer("VAEs") == ["vae"]


@pytest.mark.parametrize(
    ("text", "words", "canonical"),
    [
        ("Variational Autoencoders (VAEs) compress data.", ("variational", "autoencoders"), "vae"),
        (
            "We use Natural Language Processing (NLP) here.",
            ("natural", "language", "processing"),
            "nlp",
        ),
        (
            "Retrieval-Augmented Generation (RAG) helps.",
            ("retrieval", "augmented", "generation"),
            "rag",
        ),
        ("the World Health Organization (WHO) said", ("world", "health", "organization"), "who"),
        ("a Graphics Processing Unit ( GPU ) is fast", ("graphics", "processing", "unit"), "gpu"),
    ],
)
def test_schwartz_hearst_long_forms(text, words, canonical):
    aliases = mine_aliases([text])
    found = {k: v for k, v in aliases.items() if v == canonical}
    assert found, aliases
    (long_form,) = found
    assert set(phrase(*words)) <= set(long_form)
    assert long_form[-1] == stem(words[-1])


def test_long_form_skips_words_before_the_definition():
    aliases = mine_aliases(["Today we talk about Large Language Models (LLMs)."])
    assert aliases == {phrase("large", "language", "models"): "llm"}


@pytest.mark.parametrize(
    "text",
    [
        "the quick brown fox (XYZ) ran away",
        "some unrelated words here (QRS) again",
        "Large Language Models (GAN) are not GANs",
        "(LLMs) with nothing before",
        "a lowercase definition (abc) is no acronym",
        "Networking (NW) matters",  # a one-word long form is not an alias
    ],
)
def test_no_alias_when_letters_do_not_match(text):
    assert mine_aliases([text]) == {}


def test_first_definition_wins():
    aliases = mine_aliases(
        ["Large Language Models (LLMs) first.", "Later: Large Language Models (LMS) again."]
    )
    assert aliases[phrase("large", "language", "models")] == "llm"


def test_aliases_plug_into_analyzer():
    analyzer = Analyzer(mine_aliases(["Natural Language Processing (NLP) is old."]))
    assert analyzer("natural language processing") == ["nlp"]
    assert analyzer("NLP") == ["nlp"]


@given(st.text(alphabet="ab \n\t\u00a0\u2003.-", max_size=60), st.integers(1, 12))
def test_last_words_are_the_last_words_of_a_split(text: str, n: int) -> None:
    assert last_words(text, n) == text.split()[-n:]


@given(st.text(alphabet="ab \n.", max_size=300), st.integers(1, 12), st.data())
def test_words_before_a_position_are_those_of_the_whole_text_before_it(
    text: str, n: int, data: st.DataObject
) -> None:
    import qa_bot.text.aliases

    end = data.draw(st.integers(0, len(text)))
    qa_bot.text.aliases._STRETCH = 10
    try:
        assert words_before(text, end, n) == text[:end].split()[-n:]
    finally:
        qa_bot.text.aliases._STRETCH = 1_000
