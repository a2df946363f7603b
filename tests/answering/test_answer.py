from __future__ import annotations

import json

import pytest

from qa_bot.answering.answer import Answer, Quote, render_text, where
from qa_bot.documents.chunking import Passage


def passage(pid: str, start: int, text: str, section: str = "Part › Sub") -> Passage:
    return Passage(pid, "doc.txt", "Doc Title", section, start, start + len(text), text)


FIRST = passage("p1", 10, "Alpha is the first letter.")
SECOND = passage("p2", 50, "Beta comes next.", section="")
OTHER = passage("p3", 90, "Gamma is unrelated.")


@pytest.fixture
def answer() -> Answer:
    return Answer(
        question="what is alpha",
        query="what is alpha (letters)",
        text="Alpha is the first letter. [1] Beta comes next. [2]",
        found=True,
        citations=[FIRST, SECOND],
        quotes=[
            Quote("Alpha is the first letter.", "doc.txt", 10, 36, 1),
            Quote("Beta comes next.", "doc.txt", 50, 66, 2),
        ],
        related=[OTHER],
        confidence=0.123456,
        retriever="bm25",
        corrections={"alpah": "alpha"},
    )


def test_to_dict_is_json_serialisable(answer):
    data = json.loads(json.dumps(answer.to_dict()))
    assert data["question"] == "what is alpha"
    assert data["query"] == "what is alpha (letters)"
    assert data["found"] is True
    assert data["confidence"] == 0.1235
    assert data["retriever"] == "bm25"
    assert data["corrections"] == {"alpah": "alpha"}
    assert [c["number"] for c in data["citations"]] == [1, 2]
    assert data["citations"][0] == {"number": 1, **FIRST.to_dict()}
    assert data["quotes"] == [
        {
            "text": "Alpha is the first letter.",
            "source": "doc.txt",
            "start": 10,
            "end": 36,
            "citation": 1,
        },
        {"text": "Beta comes next.", "source": "doc.txt", "start": 50, "end": 66, "citation": 2},
    ]
    assert data["related"] == [OTHER.to_dict()]


def test_to_dict_of_real_answers_is_json_serialisable(bot):
    for question in ("What is fine-tuning?", "What is the capital of France?", "🙂"):
        text = json.dumps(bot.ask(question).to_dict(), ensure_ascii=False)
        data = json.loads(text)
        assert set(data) >= {"text", "found", "citations", "quotes", "query", "related"}
        assert [c["number"] for c in data["citations"]] == list(
            range(1, len(data["citations"]) + 1)
        )


def test_str_shows_sources_with_numbers(answer):
    text = str(answer)
    assert text == render_text(answer)
    assert text.startswith(answer.text)
    assert "Sources:" in text
    assert "[1] Doc Title › Part › Sub (doc.txt, chars 10–36)" in text
    assert "[2] Doc Title (doc.txt, chars 50–66)" in text
    assert "    Alpha is the first letter." in text
    assert "(understood as: what is alpha (letters))" in text
    assert "Related passages:" in text
    assert "Related reading (not an answer)" not in text
    assert text.index("Sources:") < text.index("Related passages:")


def test_refusal_renders_related_reading_not_sources():
    refusal = Answer(
        question="What is the capital of France?",
        query="What is the capital of France?",
        text="The article does not cover this question.",
        found=False,
        related=[OTHER],
    )
    text = str(refusal)
    assert "Related reading (not an answer):" in text
    assert "Sources:" not in text
    assert "[1]" not in text
    assert "understood as" not in text
    assert f"- {where(OTHER)}" in text


def test_bot_refusal_renders_related_reading(bot):
    text = str(bot.ask("What is the capital of France?"))
    assert "Related reading (not an answer)" in text
    assert "Sources:" not in text


def test_where():
    assert where(FIRST) == "Doc Title › Part › Sub (doc.txt, chars 10–36)"
    assert where(SECOND) == "Doc Title (doc.txt, chars 50–66)"


def test_answer_defaults_are_not_shared():
    a = Answer("q", "q", "t", False)
    b = Answer("q", "q", "t", False)
    assert a.citations == []
    assert a.quotes == []
    assert a.related == []
    assert a.citations is not b.citations
