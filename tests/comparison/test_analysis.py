"""The one-pass corpus counts equal analysing every passage with the analyzer."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from oracles import chunk_documents, mentions_of, mid_sentence_counts, word_counts

from qa_bot.bench.synthetic import generate
from qa_bot.documents.loading import Document, parse_document
from qa_bot.indexing.analysis import count_corpus, indexed_text
from qa_bot.retrieval.matrix import count_matrix
from qa_bot.text.aliases import mine_aliases
from qa_bot.text.analyzer import Analyzer, stem

MARKDOWN = """# Field notes

## Large Language Models

Large Language Models (LLMs) read text. An LLM's weights are large; LLMs are models.
Researchers at OpenAI and DeepMind train large language models.

- Key point: self-attention links words. The Transformer does it.
- **Scale:** GPT-4 and GPT-3.5 are large language models, said OpenAI.

## Empty

## Café culture

Naïve café owners — and ﬁne baristas — serve coffee. The U.S. and e.g. Paris.
"""

PLAIN = """Notes on Transformers

Transformers and Attention

Attention lets a Transformer weigh words. Vaswani et al. proposed the Transformer.
The Transformer is fast. Attention is all you need, said Vaswani.
"""


PHRASE_WORDS = ["large", "Language", "model", "deep", "neural", "network", "graph", "GAN"]
DEFINED = [
    "Large Language Models (LLMs)",
    "Neural Networks (NN)",
    "Deep Neural Networks (DNN)",
    "Deep Neural Network Models (DNNM)",
    "graph neural network (GNN)",
    "Language Model (LM)",
]


def many_aliases(seed: int, size: int = 40) -> dict[str, Document]:
    """Documents dense with overlapping, nested alias phrases, in headings, across a
    heading and the text below it, in compounds ("large-language-model") and repeated."""
    rng = np.random.default_rng(seed)
    pick = lambda options, n: [options[i] for i in rng.integers(0, len(options), n)]  # noqa: E731
    documents = {}
    for d in range(size):
        lines = [f"# {' '.join(pick(PHRASE_WORDS, 3))}", ""]
        for _ in range(int(rng.integers(1, 4))):
            lines += [f"## {' '.join(pick(PHRASE_WORDS, int(rng.integers(1, 4))))}", ""]
            words = pick([*PHRASE_WORDS, "the", "of", "and", "LLMs", "large-language-model"], 30)
            words[int(rng.integers(0, 30))] = pick(DEFINED, 1)[0]
            lines += [" ".join(words) + ".", ""]
        text = "\n".join(lines)
        documents[f"d{d}.md"] = parse_document(text.encode(), f"d{d}.md")
    return documents


def corpora() -> dict[str, dict[str, Document]]:
    one = parse_document(MARKDOWN.encode(), "notes.md")
    two = parse_document(PLAIN.encode(), "transformers.txt")
    synthetic = generate(300, 1, seed=3).documents
    return {
        "markdown": {one.source: one},
        "two documents": {one.source: one, two.source: two},
        "synthetic": synthetic,
        "many aliases": many_aliases(seed=5),
    }


@pytest.fixture(params=sorted(corpora()), scope="module")
def corpus(request: pytest.FixtureRequest) -> dict[str, Document]:
    return corpora()[request.param]


@pytest.fixture(params=["one batch", "many batches"], autouse=True)
def batches(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test runs with the corpus scanned at once and in batches of ~700 characters."""
    import qa_bot.indexing.analysis

    if request.param == "many batches":
        monkeypatch.setattr(qa_bot.indexing.analysis, "BATCH_CHARS", 700)


def analyse(documents: dict[str, Document], extra: dict[tuple[str, ...], str] | None = None):
    docs = list(documents.values())
    passages = chunk_documents(docs)
    analyzer = Analyzer({**mine_aliases(d.text for d in docs), **(extra or {})})
    with_title = len(docs) > 1
    return passages, analyzer, with_title, count_corpus(passages, analyzer, with_title)


def as_rows(counts, vocabulary: dict[str, int]) -> list[Counter[str]]:
    terms = sorted(vocabulary, key=vocabulary.__getitem__)
    return [
        Counter({terms[c]: n for c, n in zip(row.indices, row.data, strict=True)}) for row in counts
    ]


def test_counts_equal_the_analyzer_on_every_passage(corpus):
    passages, analyzer, with_title, found = analyse(corpus)
    texts = [indexed_text(p, with_title=with_title) for p in passages]
    expected, vocabulary = count_matrix(analyzer(t) for t in texts)
    assert as_rows(found.counts, found.vocabulary) == as_rows(expected, vocabulary)
    assert set(found.vocabulary) == set(vocabulary)  # no unused columns
    assert sorted(found.vocabulary.values()) == list(range(len(vocabulary)))


def test_word_counts_are_those_of_the_indexed_texts(corpus):
    passages, _, with_title, found = analyse(corpus)
    assert found.words == word_counts(indexed_text(p, with_title=with_title) for p in passages)


def test_mentions_equal_counting_mid_sentence_words(corpus):
    passages, analyzer, _, found = analyse(corpus)
    expected = mentions_of(analyzer, mid_sentence_counts(p.text for p in passages))
    assert +found.mentions.seen == +expected.seen
    assert +found.mentions.capitalised == +expected.capitalised


def test_labels_are_the_passages_labels(corpus):
    passages, _, _, found = analyse(corpus)
    assert found.labels == [p.label for p in passages]


def test_alias_phrases_are_replaced_as_the_analyzer_does():
    _passages, analyzer, _, found = analyse(corpora()["markdown"])
    assert analyzer.aliases  # "Large Language Models (LLMs)"
    llm = found.vocabulary["llm"]
    assert stem("language") not in found.vocabulary  # only ever part of the phrase
    assert found.counts[:, llm].sum() > 3


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_phrases_and_one_term_aliases_count_as_the_analyzer_does(seed: int):
    extra = {(stem("gan"),): "generat", (stem("graph"), stem("graph")): "gg"}
    passages, analyzer, with_title, found = analyse(many_aliases(seed), extra)
    assert len(analyzer.aliases) >= 6
    texts = [indexed_text(p, with_title=with_title) for p in passages]
    expected, vocabulary = count_matrix(analyzer(t) for t in texts)
    assert as_rows(found.counts, found.vocabulary) == as_rows(expected, vocabulary)
    assert set(found.vocabulary) == set(vocabulary)
    mentions = mentions_of(analyzer, mid_sentence_counts(p.text for p in passages))
    assert +found.mentions.seen == +mentions.seen
    assert +found.mentions.capitalised == +mentions.capitalised
    assert found.mentions.seen["generat"] > 0  # "GAN" stood mid-sentence as its alias


def test_an_empty_corpus_gives_empty_counts():
    found = count_corpus([], Analyzer(), with_title=False)
    assert found.counts.shape == (0, 0)
    assert found.words == Counter()
    assert found.labels == []


def test_progress_is_reported_every_thousand_passages():
    documents = generate(2_100, 1, seed=0).documents
    passages = chunk_documents(documents.values())
    calls: list[tuple[int, int]] = []
    count_corpus(passages, Analyzer(), False, lambda done, total: calls.append((done, total)))
    total = len(passages)
    assert calls[-1] == (total, total)
    assert [done for done, _ in calls[:-1]] == list(range(1000, total, 1000))
    assert np.all(np.diff([d for d, _ in calls]) > 0)
