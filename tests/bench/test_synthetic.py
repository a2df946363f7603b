"""The benchmark's generated corpora: deterministic, the right size, natural-looking."""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
import pytest
from oracles import chunk_documents

from qa_bot.bench.synthetic import (
    STOP_RANKED,
    generate,
    queries_from_texts,
    vocabulary,
    zipf_ranks,
)
from qa_bot.text.analyzer import STOP_WORDS

WORD = re.compile(r"[a-z]+")


@pytest.fixture(scope="module")
def corpus():
    return generate(1234, queries=60, seed=7)


def tokens(corpus) -> list[str]:
    return [w for doc in corpus.documents.values() for w in WORD.findall(doc.text.lower())]


def test_same_seed_same_corpus(corpus):
    again = generate(1234, queries=60, seed=7)
    assert again.documents == corpus.documents
    assert again.queries == corpus.queries


def test_other_seed_other_corpus(corpus):
    other = generate(1234, queries=60, seed=8)
    first = next(iter(corpus.documents.values()))
    assert next(iter(other.documents.values())).text != first.text
    assert other.queries != corpus.queries


def test_exact_passage_count_in_documents_of_twenty(corpus):
    documents = list(corpus.documents.values())
    assert len(documents) == math.ceil(1234 / 20)
    assert len(chunk_documents(documents)) == 1234
    assert all(doc.format == "markdown" and doc.title for doc in documents)
    assert all(doc.text.startswith(f"# {doc.title}\n\n## ") for doc in documents)


def test_passages_are_about_a_hundred_words(corpus):
    sizes = [len(p.text.split()) for p in chunk_documents(corpus.documents.values())]
    assert 95 <= np.mean(sizes) <= 105
    assert max(sizes) <= 120  # never split by the chunker


def test_paragraphs_and_bullet_items():
    docs = generate(200, queries=1).documents.values()
    blocks = [block for doc in docs for block in doc.text.split("\n\n")]
    assert any(block.startswith("- ") for block in blocks)
    assert any(block[0].isupper() and block.endswith(".") for block in blocks)


def test_word_frequencies_are_zipfian(corpus):
    counts = sorted(Counter(tokens(corpus)).values(), reverse=True)
    assert counts[0] > 100 * np.median(counts)
    ranks = np.arange(1, 1001)
    slope = np.polyfit(np.log(ranks), np.log(counts[:1000]), 1)[0]
    assert -1.3 < slope < -0.7


def test_stop_words_are_the_most_frequent(corpus):
    top = [w for w, _ in Counter(tokens(corpus)).most_common(10)]
    assert top[0] == "the"
    assert all(w in STOP_WORDS for w in top)


def test_vocabulary_is_distinct_pronounceable_and_ranked():
    words = vocabulary(seed=3, size=20_000)
    assert len(words) == len(set(words)) == 20_000 + len(STOP_RANKED)
    assert words[: len(STOP_RANKED)] == STOP_RANKED
    content = words[len(STOP_RANKED) :]
    assert all(WORD.fullmatch(w) and w not in STOP_WORDS for w in content)
    assert [len(w) for w in content] == sorted(len(w) for w in content)
    assert all(re.search(r"[aeiou]", w) for w in content)


def test_zipf_ranks_stay_in_range():
    ranks = zipf_ranks(np.random.default_rng(0), 10_000, 50, 1.1)
    assert ranks.min() == 0
    assert ranks.max() <= 49
    assert (ranks == 0).sum() > (ranks == 10).sum() > (ranks == 40).sum()


def test_queries_have_three_to_eight_words_that_occur(corpus):
    assert len(corpus.queries) == 60
    vocabulary_seen = set(tokens(corpus))
    for query in corpus.queries:
        words = WORD.findall(query.lower())
        assert 3 <= len(words) <= 8, query
        assert query.endswith("?")
        content = [w for w in words if w not in STOP_WORDS]
        assert len(content) >= 2
        assert all(w in vocabulary_seen for w in content)


def test_queries_from_real_texts():
    texts = ["Transformers use self-attention over tokens to model language.", "Short one."]
    found = queries_from_texts(texts, 10, seed=1)
    assert len(found) == 10
    assert all(3 <= len(q.split()) <= 8 or q == "Short one." for q in found)


def test_no_passages_is_an_error():
    with pytest.raises(ValueError, match="at least one passage"):
        generate(0)
