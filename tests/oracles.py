"""Reference implementations the tests compare the product with (kept out of the package):
slow, obvious versions of what the engine computes in one pass or with numpy."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from scipy import sparse

from qa_bot.documents.chunking import MAX_PASSAGE_WORDS, Passage, iter_chunks
from qa_bot.documents.loading import Document
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.indexing.mentions import SENTENCE_START, Mentions, body_of
from qa_bot.indexing.names import names
from qa_bot.retrieval.matrix import count_matrix
from qa_bot.retrieval.tfidf import TfidfSpace
from qa_bot.text.analyzer import WORD, Analyzer, words


def chunk_documents(
    documents: Iterable[Document], max_words: int = MAX_PASSAGE_WORDS
) -> list[Passage]:
    """Passages of every document, in document order."""
    return list(iter_chunks(documents, max_words))


def scan_reference(text: str, segments: list[int]) -> list[tuple[int, int, bool]]:
    """(start, end, opens) of each word by the regular expressions, segment by segment
    (what `indexing.scan` must equal)."""
    found: list[tuple[int, int, bool]] = []
    bounds = [*segments, len(text)]
    for first, last in itertools.pairwise(bounds):
        piece = text[first:last]
        openers = {m.start(1) for m in SENTENCE_START.finditer(piece)}
        found.extend(
            (first + m.start(), first + m.end(), m.start() in openers) for m in WORD.finditer(piece)
        )
    return found


def word_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each normalised word (as `words` yields them) occurs in the texts."""
    raw: Counter[str] = Counter()
    for text in texts:
        raw.update(WORD.findall(text))
    counts: Counter[str] = Counter()
    for match, n in raw.items():
        for word, _, _ in words(match):
            counts[word] += n
    return counts


def mid_sentence_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each word stands inside a sentence (item labels left out)."""
    every: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    for text in texts:
        body = body_of(text)
        every.update(WORD.findall(body))
        initial.update(SENTENCE_START.findall(body))
    return every - initial


def mentions_of(analyzer: Analyzer, mid_sentence: Mapping[str, int]) -> Mentions:
    """Mentions from word counts (`mid_sentence_counts`), word by word through the analyzer."""
    seen: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for raw, count in mid_sentence.items():
        for term in analyzer(raw):
            seen[term] += count
            capitalised[term] += count if raw[0].isupper() else 0
    return Mentions(seen, capitalised)


def named_terms(analyzer: Analyzer, texts: Iterable[str]) -> frozenset[str]:
    """Named terms counted text by text with regular expressions (not in one pass)."""
    return names(analyzer, mentions_of(analyzer, mid_sentence_counts(texts)))


def build_index(documents: Mapping[str, Document], progress=None) -> CorpusIndex:
    return CorpusIndex.count(documents, progress).index


def tfidf_fit(documents: Sequence[Sequence[str]]) -> TfidfSpace:
    """The space of token lists, as TfidfVectorizer.fit does."""
    return TfidfSpace.from_counts(*count_matrix(documents))


def tfidf_vectors(space: TfidfSpace, documents: Iterable[Sequence[str]]) -> sparse.csr_matrix:
    """Sublinear tf × idf rows, each L2-normalised (TfidfVectorizer.transform)."""
    return space.weigh(count_matrix(documents, space.vocabulary)[0])
