"""A defined name's shortened form ("language models" of "Large Language Models (LLMs)")
searches for the name, unless the documents use it for something else too."""

from __future__ import annotations

import pytest

from qa_bot import Document, QABot


def _bot(text: str) -> QABot:
    return QABot({"a.txt": Document("a.txt", "A", text)})


@pytest.fixture(scope="module")
def named() -> QABot:
    return _bot(
        "Models\n\nLarge Language Models (LLMs) write text. LLMs can sometimes invent facts."
        "\n\nConcentrated Solar Power (CSP) uses mirrors to heat a fluid.\n\n"
        "Solar power from panels is cheap and quiet.\n\nDiffusion models make images, and "
        "sign language is a language of its own.\n\nThe weather changes every day."
    )


def test_a_shortened_name_used_for_nothing_else_searches_for_the_name(named):
    query = named.parser.analyse("Do language models invent facts?")
    assert "llm" in query.terms


def test_a_shortened_name_the_documents_use_on_its_own_is_searched_as_words(named):
    query = named.parser.analyse("Is solar power cheap?")
    assert "csp" not in query.terms
    assert {"solar", "power"} <= set(query.terms)


def test_the_whole_name_still_searches_for_the_name(named):
    assert "llm" in named.parser.analyse("What are large language models?").terms
    assert "csp" in named.parser.analyse("What is concentrated solar power?").terms


def test_short_forms_survive_save_and_load(named, tmp_path):
    named.save(tmp_path / "index")
    loaded = QABot.load(tmp_path / "index", named.documents)
    assert "llm" in loaded.parser.analyse("Do language models invent facts?").terms
