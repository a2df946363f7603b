"""Reference implementations the tests compare the product with (kept out of the package):
slow, obvious versions of what the engine computes in one pass."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from scipy import sparse

from qa_bot.documents.loading import Document
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.indexing.mentions import Mentions, mid_sentence_counts
from qa_bot.indexing.names import names
from qa_bot.retrieval.matrix import count_matrix
from qa_bot.retrieval.tfidf import TfidfSpace
from qa_bot.text.analyzer import Analyzer


def named_terms(analyzer: Analyzer, texts: Iterable[str]) -> frozenset[str]:
    """Named terms counted text by text with regular expressions (not in one pass)."""
    return names(analyzer, Mentions.of(analyzer, mid_sentence_counts(texts)))


def build_index(documents: Mapping[str, Document], progress=None) -> CorpusIndex:
    return CorpusIndex.count(documents, progress).index


def tfidf_fit(documents: Sequence[Sequence[str]]) -> TfidfSpace:
    """The space of token lists, as TfidfVectorizer.fit does."""
    return TfidfSpace.from_counts(*count_matrix(documents))


def tfidf_vectors(space: TfidfSpace, documents: Iterable[Sequence[str]]) -> sparse.csr_matrix:
    """Sublinear tf × idf rows, each L2-normalised (TfidfVectorizer.transform)."""
    return space.weigh(count_matrix(documents, space.vocabulary)[0])
