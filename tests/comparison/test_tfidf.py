"""TfidfSpace / char_wb_ngrams against scikit-learn's TfidfVectorizer (the reference)."""

from __future__ import annotations

import numpy as np
import pytest
from oracles import tfidf_fit, tfidf_vectors
from sklearn.feature_extraction.text import TfidfVectorizer

from qa_bot import QABot
from qa_bot.answering.query import Query
from qa_bot.retrieval.tfidf import (
    CHAR_NGRAMS,
    CHAR_WEIGHT,
    TfidfRetriever,
    TfidfSpace,
    char_wb_ngrams,
)


def identity(doc):
    return doc


def reference_vectorizer() -> TfidfVectorizer:
    return TfidfVectorizer(analyzer=identity, sublinear_tf=True)


def aligned(reference: TfidfVectorizer, matrix, vocabulary: dict[str, int]) -> np.ndarray:
    """The reference matrix with its columns in `vocabulary`'s order."""
    assert set(reference.vocabulary_) == set(vocabulary)
    order = np.empty(len(vocabulary), dtype=int)
    for feature, column in vocabulary.items():
        order[column] = reference.vocabulary_[feature]
    return matrix.toarray()[:, order]


def synthetic_documents(seed: int, n_docs: int = 120) -> list[list[str]]:
    rng = np.random.default_rng(seed)
    words = [f"t{i}" for i in range(300)]
    p = 1.0 / np.arange(1, len(words) + 1)
    p /= p.sum()
    return [list(rng.choice(words, size=int(rng.integers(1, 40)), p=p)) for _ in range(n_docs)]


def assert_space_matches(documents, queries):
    space = tfidf_fit(documents)
    reference = reference_vectorizer()
    expected = reference.fit_transform(documents)
    np.testing.assert_allclose(
        tfidf_vectors(space, documents).toarray(),
        aligned(reference, expected, space.vocabulary),
        rtol=1e-9,
        atol=1e-12,
    )
    idf = np.array([reference.idf_[reference.vocabulary_[f]] for f in space.vocabulary])
    np.testing.assert_allclose(space.idf, idf, rtol=1e-12)
    if queries:
        np.testing.assert_allclose(
            tfidf_vectors(space, queries).toarray(),
            aligned(reference, reference.transform(queries), space.vocabulary),
            rtol=1e-9,
            atol=1e-12,
        )


def test_word_space_matches_sklearn_on_article(bot):
    documents = [list(terms) for terms in bot.index.passage_terms]
    queries = [list(bot.parser.analyse(q).terms) for q in ("What is fine-tuning?", "GANs vs VAEs")]
    queries.append(["llm", "llm", "llm", "transform"])  # repeated terms: sublinear tf
    assert_space_matches(documents, queries)


@pytest.mark.parametrize("seed", [0, 1])
def test_word_space_matches_sklearn_on_synthetic_corpus(seed):
    documents = synthetic_documents(seed)
    queries = [documents[0] * 3, ["t0", "t1", "t299", "unknown-feature"], ["t5"]]
    assert_space_matches(documents, queries)


def test_vectors_keeps_one_row_per_document_even_without_known_features():
    documents = [["a", "b"], ["b", "c"]]
    space = tfidf_fit(documents)
    reference = reference_vectorizer().fit(documents)
    for batch in ([["zzz"]], [["zzz"], ["a"]], [["a"], ["zzz"]], [[], []]):
        got = tfidf_vectors(space, batch)
        assert got.shape == reference.transform(batch).shape == (len(batch), 3)


def test_char_space_matches_sklearn_char_wb(bot):
    texts = [" ".join(terms) for terms in bot.index.passage_terms]
    grams = [char_wb_ngrams(text) for text in texts]
    space = tfidf_fit(grams)
    reference = TfidfVectorizer(
        analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True, lowercase=False
    )
    expected = reference.fit_transform(texts)
    np.testing.assert_allclose(
        tfidf_vectors(space, grams).toarray(),
        aligned(reference, expected, space.vocabulary),
        rtol=1e-9,
        atol=1e-12,
    )


def test_retriever_matrix_is_the_weighted_sklearn_matrices(bot):
    retriever = bot.retrievers["tfidf"]
    documents = [list(terms) for terms in bot.index.passage_terms]
    words_ref = reference_vectorizer()
    words_expected = aligned(
        words_ref, words_ref.fit_transform(documents), retriever.words.vocabulary
    )
    texts = [" ".join(terms) for terms in documents]
    chars_ref = TfidfVectorizer(
        analyzer="char_wb", ngram_range=CHAR_NGRAMS, sublinear_tf=True, lowercase=False
    )
    chars_expected = aligned(chars_ref, chars_ref.fit_transform(texts), retriever.chars.vocabulary)
    expected = np.hstack(
        [words_expected * np.sqrt(1 - CHAR_WEIGHT), chars_expected * np.sqrt(CHAR_WEIGHT)]
    )
    np.testing.assert_allclose(retriever.matrix.toarray(), expected, rtol=1e-9, atol=1e-12)
    norms = np.sqrt(np.asarray(retriever.matrix.multiply(retriever.matrix).sum(axis=1)).ravel())
    np.testing.assert_allclose(norms[norms > 0], 1.0, rtol=1e-9)


CHAR_TEXTS = [
    "",
    "a",
    "ab",
    "abc",
    "abcd",
    "abcde",
    "a ab abc abcd abcde abcdef",
    "  leading and   repeated\tspaces\nand newlines  ",
    "llm transform selfattent gpt4",
    "ünïcödé naïve café",
    "日本語 テキスト 中",
    "emoji 🙂 🙂🙂 x🙂y",
    "ﬁne ligature",
    "ωμέγα σ",
]


@pytest.mark.parametrize("text", CHAR_TEXTS)
def test_char_wb_ngrams_equal_sklearn(text):
    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5)).build_analyzer()
    assert char_wb_ngrams(text) == analyzer(text)


@pytest.mark.parametrize("text", ["GPT Straße", "ABC aB", "ÉCOLE Ωmega"])
def test_char_wb_ngrams_equal_sklearn_without_lowercasing(text):
    analyzer = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), lowercase=False
    ).build_analyzer()
    assert char_wb_ngrams(text) == analyzer(text)


@pytest.mark.parametrize("ngram_range", [(1, 1), (2, 4), (3, 5), (4, 6)])
def test_char_wb_ngrams_random_words(ngram_range):
    rng = np.random.default_rng(sum(ngram_range))
    alphabet = list("abcxyzéüßøλж中🙂")
    analyzer = TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range).build_analyzer()
    for _ in range(50):
        words = [
            "".join(rng.choice(alphabet, size=int(rng.integers(1, 6))))
            for _ in range(int(rng.integers(0, 6)))
        ]
        text = " ".join(words)
        assert char_wb_ngrams(text, ngram_range) == analyzer(text), text


def test_misspelt_query_ranks_hallucinations_first(bot):
    passages = bot.search("hallucinatons", retriever="tfidf")
    assert passages[0].text.startswith("Hallucinations:")


@pytest.mark.parametrize("word", ["hallucinatons", "halucinashuns", "hallucinationz"])
def test_char_ngrams_find_misspelling_without_the_speller(bot, word):
    terms = tuple(bot.index.analyzer(word))
    assert not set(terms) & bot.index.vocabulary  # the word itself is unknown
    query = Query(word, terms)
    assert bot.retrievers["bm25"].top_k(query.terms, 3) == []
    ranking = bot.retrievers["tfidf"].top_k(query.terms, 3)
    assert bot.passages[ranking[0][0]].text.startswith("Hallucinations:")


def test_top_k_best_first_positive_at_most_k(bot):
    query = bot.parser.analyse("transformer self-attention architecture")
    ranking = bot.retrievers["tfidf"].top_k(query.terms, 4)
    assert 0 < len(ranking) <= 4
    scores = [s for _, s in ranking]
    assert scores == sorted(scores, reverse=True)
    assert all(0 < s <= 1 + 1e-9 for s in scores)
    assert bot.passages[ranking[0][0]].text.startswith("Transformer Architecture:")


def test_query_without_terms_returns_nothing(bot):
    assert bot.retrievers["tfidf"].top_k((), 5) == []


def test_query_vector_is_unit_length(bot):
    retriever: TfidfRetriever = bot.retrievers["tfidf"]
    columns, values = retriever.query_vector(("fine", "tune", "finetun"))
    assert np.linalg.norm(values) == pytest.approx(1.0)
    assert len(columns) == len(set(columns.tolist())) > 3
    columns, values = retriever.query_vector(())
    assert len(columns) == len(values) == 0


def test_large_corpus_is_matched_on_words_only(monkeypatch):
    from qa_bot.retrieval import tfidf

    monkeypatch.setattr(tfidf, "CHAR_GRAMS_UP_TO", 10)
    big = QABot.default()
    retriever = big.retrievers["tfidf"]
    assert not retriever.chars.vocabulary
    assert retriever.matrix.shape[1] == len(retriever.words.vocabulary)
    assert big.search("What is fine-tuning?", k=1, retriever="tfidf")[0].text.startswith(
        "Fine-Tuning:"
    )
    assert big.ask("waht is fine-tunning?", retriever="tfidf").found  # the speller still helps


@pytest.mark.parametrize("seed", [0, 1])
def test_weighing_postings_equals_weighing_rows_and_sklearn(seed, monkeypatch):
    from scipy import sparse

    from qa_bot.retrieval import tfidf
    from qa_bot.retrieval.matrix import count_matrix

    documents = synthetic_documents(seed)
    counts, vocabulary = count_matrix(documents)
    space = TfidfSpace.from_counts(counts, vocabulary)
    postings = sparse.csc_matrix(counts, dtype=np.float32)
    assert np.array_equal(TfidfSpace.from_counts(postings, vocabulary).idf, space.idf)
    original = tfidf.column_slices
    monkeypatch.setattr(tfidf, "column_slices", lambda indptr: original(indptr, postings=7))
    by_term = space.weigh_postings(postings)  # in many small slices
    np.testing.assert_allclose(by_term.toarray(), space.weigh(counts).toarray(), rtol=1e-12)
    reference = reference_vectorizer().fit(documents)
    expected = aligned(reference, reference.transform(documents), vocabulary)
    np.testing.assert_allclose(by_term.toarray(), expected, rtol=1e-9, atol=1e-12)
