from __future__ import annotations

import pytest

from qa_bot.documents.sentences import sentence_spans


def sentences(text: str, *args: int) -> list[str]:
    return [text[a:b] for a, b in sentence_spans(text, *args)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One here. Two there.", ["One here.", "Two there."]),
        ("Is it? Yes! Sure… Done.", ["Is it?", "Yes!", "Sure…", "Done."]),
        ("No final stop", ["No final stop"]),
        ("Version 2. 3 apples remain.", ["Version 2.", "3 apples remain."]),
        # no split before a lower-case word
        ("It costs 3.5 dollars. the end.", ["It costs 3.5 dollars. the end."]),
    ],
)
def test_basic_splitting(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Models (e.g. GPT) work well. Others do not.",
            ["Models (e.g. GPT) work well.", "Others do not."],
        ),
        (
            "Use a model, e.g. BERT or GPT. Then test it.",
            ["Use a model, e.g. BERT or GPT.", "Then test it."],
        ),
        (
            "LLMs vs. GANs is a common comparison. It matters.",
            ["LLMs vs. GANs is a common comparison.", "It matters."],
        ),
        (
            "Books, articles, etc. Many sources are used.",
            ["Books, articles, etc. Many sources are used."],
        ),
        ("That is, i.e. The same thing. Next.", ["That is, i.e. The same thing.", "Next."]),
        ("Written by J. Smith in 2020. Read it.", ["Written by J. Smith in 2020.", "Read it."]),
        ("Dr. Who met Mr. Bean. They talked.", ["Dr. Who met Mr. Bean.", "They talked."]),
    ],
)
def test_abbreviations_do_not_split(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('He said "stop." Then he left.', ['He said "stop."', "Then he left."]),
        ("It is called “tokens.” Next one.", ["It is called “tokens.”", "Next one."]),
        ("She wrote 'done.' Others agreed.", ["She wrote 'done.'", "Others agreed."]),
        ("(This is aside.) Back to it.", ["(This is aside.)", "Back to it."]),
        ('Was it "real?" Nobody knew.', ['Was it "real?"', "Nobody knew."]),
    ],
)
def test_closing_quotes_and_brackets_stay_with_their_sentence(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('First one. "Quoted start" follows.', ["First one.", '"Quoted start" follows.']),
        ("First one. (Bracketed start) follows.", ["First one.", "(Bracketed start) follows."]),
        ("First one. Élan follows.", ["First one.", "Élan follows."]),
    ],
)
def test_sentence_may_start_with_quote_bracket_or_accent(text, expected):
    assert sentences(text) == expected


def test_spans_are_offsets_into_the_text_and_trimmed():
    text = "  Leading space.   Two spaces before me.\nA new line here.  "
    spans = sentence_spans(text)
    assert spans == [(2, 16), (19, 40), (41, 57)]
    for a, b in spans:
        assert text[a:b] == text[a:b].strip()
        assert text[a:b]
    assert [text[a:b] for a, b in spans] == [
        "Leading space.",
        "Two spaces before me.",
        "A new line here.",
    ]


def test_window_offsets_stay_absolute():
    text = "IGNORED PART. Hello world. Bye now. TRAILING PART."
    start = text.index("Hello")
    end = text.index(" TRAILING")
    spans = sentence_spans(text, start, end)
    assert [text[a:b] for a, b in spans] == ["Hello world.", "Bye now."]
    assert spans[0][0] == start
    assert spans[-1][1] == end


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_blank_text_has_no_sentences(text):
    assert sentence_spans(text) == []


def test_article_sentences_roundtrip(article_text):
    spans = sentence_spans(article_text)
    assert len(spans) > 40
    previous = 0
    for a, b in spans:
        assert previous <= a < b
        assert article_text[a:b].strip() == article_text[a:b]
        previous = b
