from __future__ import annotations

import pytest

from qa_bot.text.analyzer import STOP_WORDS, Analyzer, Token, normalize, stem, words

analyze = Analyzer()


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("self-attention", ["self", stem("attention"), "self" + stem("attention")]),
        ("LLM's", ["llm"]),
        ("LLMs", ["llm"]),
        ("LLM’s abilities", ["llm", stem("abilities")]),
        ("GPT-4", ["gpt", "4", "gpt4"]),
        ("AI/ML", ["ai", "ml", "aiml"]),
        ("DALL·E", ["dall", stem("dalle")]),  # "e" alone is a stop word
        ("aren't weaknesses", [stem("weakness")]),
    ],
)
def test_analyzer_terms(text, terms):
    assert analyze(text) == terms


def test_hyphenated_compound_yields_parts_and_joined_form():
    terms = analyze("self-attention")
    assert "self" in terms
    assert stem("attention") in terms
    assert stem("selfattention") in terms
    assert len(terms) == 3


@pytest.mark.parametrize("dash", ["-", "‐", "‑"])
def test_unicode_hyphens_join_compounds(dash):
    assert analyze(f"fine{dash}tuning") == analyze("fine-tuning")


def test_possessive_and_plural_acronym_match_the_acronym():
    assert analyze("LLM's") == analyze("LLMs") == analyze("LLM") == analyze("llm") == ["llm"]
    assert analyze("GANs") == ["gan"]
    # only all-caps words lose the plural s: ordinary words are stemmed instead
    assert analyze("Gas") != ["ga"]
    assert normalize("Gas") == "gas"
    assert normalize("LLMs") == "llm"
    assert normalize("GPUs") == "gpu"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("STRASSE", "Straße"),
        ("ÉCOLE", "école"),
        ("ﬁne", "fine"),  # ligature: compatibility normalisation
        ("ＬＬＭ", "llm"),  # full-width letters
        ("ΣΊΣΥΦΟΣ", "σίσυφος"),
    ],
)
def test_unicode_case_folding(a, b):
    assert analyze(a) == analyze(b)
    assert analyze(a)


def test_stop_words_are_removed():
    assert analyze("What is the difference between them and us?") == [stem("difference")]
    assert analyze("the of and to") == []
    for word in ("what", "the", "is", "their", "e", "g", "etc"):
        assert word in STOP_WORDS
    assert "not" not in STOP_WORDS
    assert analyze("not") == ["not"]


@pytest.mark.parametrize(
    ("typed", "with_apostrophe"),
    [
        ("whats the late fee", "what's the late fee"),
        ("dont I need a card", "don't I need a card"),
        ("im locked out and theres no key", "I'm locked out and there's no key"),
    ],
)
def test_contractions_typed_without_the_apostrophe_read_as_with_it(typed, with_apostrophe):
    assert analyze(typed) == analyze(with_apostrophe)


def test_stop_words_are_matched_case_insensitively():
    assert analyze("THE What Is") == []


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("weaknesses", "weakness"),
        ("generating", "generated"),
        ("models", "model"),
        ("Hallucinations", "hallucinating"),
        ("training", "trains"),
    ],
)
def test_stemming_merges_inflections(a, b):
    assert analyze(a) == analyze(b)
    assert len(analyze(a)) == 1


def test_stemming_keeps_different_words_apart():
    assert analyze("strength") != analyze("weakness")


def test_words_spans_point_into_the_text():
    text = "Self-attention isn't GPT-4's trick."
    for word, start, end in words(text):
        assert normalize(text[start:end].replace("-", "").split("'")[0]) == word


def test_tokens_carry_spans_into_original_text():
    text = "  The Transformer's self-attention, in LLMs!"
    tokens = analyze.tokens(text)
    assert all(isinstance(t, Token) for t in tokens)
    spans = {t.term: text[t.start : t.end] for t in tokens}
    assert spans[stem("transformer")] == "Transformer"
    assert spans["self"] == "self"
    assert spans[stem("attention")] == "attention"
    assert spans["self" + stem("attention")] == "self-attention"
    assert spans["llm"] == "LLMs"


def test_alias_phrase_becomes_canonical_term_with_phrase_span():
    aliases = {(stem("large"), stem("language"), stem("model")): "llm"}
    analyzer = Analyzer(aliases)
    text = "We like Large Language Models a lot"
    tokens = analyzer.tokens(text)
    assert [t.term for t in tokens] == [stem("like"), "llm", stem("lot")]
    llm = tokens[1]
    assert text[llm.start : llm.end] == "Large Language Models"
    # the acronym and the phrase now share a term
    assert analyzer("large language model") == analyzer("LLMs") == ["llm"]


def test_alias_needs_the_whole_phrase():
    analyzer = Analyzer({(stem("large"), stem("language"), stem("model")): "llm"})
    assert analyzer("large language") == [stem("large"), stem("language")]
    assert analyzer("language models") == [stem("language"), stem("model")]


def test_longest_alias_wins():
    aliases = {
        (stem("neural"), stem("network")): "nn",
        (stem("deep"), stem("neural"), stem("network")): "dnn",
    }
    analyzer = Analyzer(aliases)
    assert analyzer("deep neural networks") == ["dnn"]
    assert analyzer("neural networks") == ["nn"]


def test_term_of_single_word():
    analyzer = Analyzer({(stem("variational"), stem("autoencoder")): "vae"})
    assert analyzer.term("what") is None
    assert analyzer.term("models") == stem("models")
    assert Analyzer({("gan",): "generat"}).term("gan") == "generat"


def test_analyzer_is_deterministic_on_the_article(article_text):
    assert analyze(article_text) == analyze(article_text)
    tokens = analyze.tokens(article_text)
    assert len(tokens) > 500
    for token in tokens[:200]:
        assert 0 <= token.start < token.end <= len(article_text)


def test_word_counts_equal_counting_every_word():
    from collections import Counter

    from oracles import word_counts

    from qa_bot.text.analyzer import words

    texts = ["LLMs and LLM's self-attention; GPT-4, GPT-4.", "naïve Naïve NAÏVE e.g. DALL·E"]
    assert word_counts(texts) == Counter(w for t in texts for w, _, _ in words(t))


@pytest.mark.parametrize(
    "raw", ["LLMs", "GPUs", "A1s", "As", "Abs", "ABCS", "gpt4", "GPT-4's", "U.S", "naïve", "ﬁne"]
)
def test_word_forms_are_the_words_of_one_match(raw):
    from qa_bot.text.analyzer import word_forms

    assert word_forms(raw) == [word for word, _, _ in words(raw)]
