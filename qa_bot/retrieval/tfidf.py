"""TF-IDF cosine similarity over the shared analyzer's terms plus their character n-grams,
so a misspelt or inflected word still meets its neighbours.

The weighting is scikit-learn's TfidfVectorizer (smooth IDF, sublinear TF, L2 rows; for the
n-grams its `char_wb` analyzer), computed here with numpy/scipy: importing scikit-learn
costs seconds at start-up. tests/test_tfidf.py checks both give the same matrix.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from qa_bot.retrieval.base import Hit
from qa_bot.retrieval.matrix import column_slices, count_matrix
from qa_bot.retrieval.postings import ARRAYS, Postings, load_array
from qa_bot.retrieval.vocabulary import ordered, positions, read_terms, write_terms

CHAR_NGRAMS = (3, 5)
CHAR_WEIGHT = 0.5  # share of the similarity carried by character n-grams
CHAR_GRAMS_UP_TO = 5_000  # passages; a larger corpus is matched on words only (speed, memory)


def char_wb_ngrams(text: str, ngram_range: tuple[int, int] = CHAR_NGRAMS) -> list[str]:
    """Character n-grams inside word boundaries, padded with a space (sklearn's char_wb)."""
    low, high = ngram_range
    grams: list[str] = []
    for word in text.split():
        padded = f" {word} "
        for n in range(low, high + 1):
            grams.extend(padded[i : i + n] for i in range(max(len(padded) - n, 0) + 1))
            if len(padded) <= n:  # a short word counts once
                break
    return grams


@dataclass(frozen=True)
class TfidfSpace:
    """A fitted vocabulary and IDF; `vectors` weighs documents as TfidfVectorizer does
    (smooth IDF, sublinear TF, rows L2-normalised)."""

    vocabulary: dict[str, int]
    idf: np.ndarray

    @classmethod
    def from_counts(cls, counts: sparse.csr_matrix, vocabulary: dict[str, int]) -> TfidfSpace:
        """The space of a counts matrix (duplicates summed: one entry per document and feature)."""
        if sparse.isspmatrix_csc(counts):
            doc_freq = np.diff(counts.indptr)
        else:
            doc_freq = np.bincount(counts.indices, minlength=len(vocabulary))
        idf = np.log((1 + counts.shape[0]) / (1 + doc_freq)) + 1
        return cls(vocabulary, idf)

    def weigh(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Counts → sublinear tf × idf, rows L2-normalised."""
        weighted = sparse.csr_matrix(counts, dtype=np.float64, copy=True)
        weighted.data = (1.0 + np.log(weighted.data)) * self.idf[weighted.indices]
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ weighted)

    def weigh_postings(self, postings: sparse.csc_matrix) -> sparse.csc_matrix:
        """`weigh` for counts by term (CSC), a slice of terms at a time: the result shares
        the postings' index arrays, and no temporary is as large as the matrix."""
        data = np.log(postings.data, dtype=np.float64)
        doc_freq = np.diff(postings.indptr)
        squares = np.zeros(postings.shape[0])
        for first, last in column_slices(postings.indptr):
            lo, hi = postings.indptr[first], postings.indptr[last]
            part = data[lo:hi]
            part += 1.0
            part *= np.repeat(self.idf[first:last], doc_freq[first:last])
            squares += np.bincount(
                postings.indices[lo:hi], weights=part * part, minlength=len(squares)
            )
        norms = np.sqrt(squares)
        norms[norms == 0] = 1.0
        inverse = 1.0 / norms
        for first, last in column_slices(postings.indptr):
            lo, hi = postings.indptr[first], postings.indptr[last]
            data[lo:hi] *= inverse[postings.indices[lo:hi]]
        return sparse.csc_matrix((data, postings.indices, postings.indptr), shape=postings.shape)

    def terms(self) -> list[str]:
        """The vocabulary in column order."""
        return sorted(self.vocabulary, key=self.vocabulary.__getitem__)

    def vector(self, features: Sequence[str]) -> dict[int, float]:
        """Sublinear tf × idf of one document, L2-normalised: {column: weight}."""
        counts: dict[int, int] = {}
        for feature in features:
            column = self.vocabulary.get(feature)
            if column is not None:
                counts[column] = counts.get(column, 0) + 1
        idf = self.idf
        raw = {c: (1.0 + math.log(n)) * idf.item(c) for c, n in counts.items()}
        norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
        return {c: v / norm for c, v in raw.items()}


@dataclass(frozen=True)
class TfidfRetriever:
    """Word TF-IDF plus, up to CHAR_GRAMS_UP_TO passages, the character n-grams of every
    passage (whose matrix grows with the text: beyond that size typos are left to the
    speller, which corrects query words against the vocabulary)."""

    words: TfidfSpace
    chars: TfidfSpace  # empty when the corpus is too large for character n-grams
    matrix: sparse.csc_matrix  # passages × (word features + char features), rows unit length
    name: str = "tfidf"

    @classmethod
    def from_counts(cls, postings: sparse.csc_matrix, vocabulary: dict[str, int]) -> TfidfRetriever:
        """From passages × terms counts by term (CSC, sorted indices; see BM25Weights)."""
        words = TfidfSpace.from_counts(postings, vocabulary)
        if postings.shape[0] > CHAR_GRAMS_UP_TO:
            return cls(words, TfidfSpace({}, np.zeros(0)), words.weigh_postings(postings))
        word_counts = sparse.csr_matrix(postings, dtype=np.float64)
        word_matrix = words.weigh(word_counts)
        # a passage's n-grams are its terms' n-grams: counts = term counts × n-grams per term
        term_grams, gram_vocabulary = count_matrix(char_wb_ngrams(t) for t in words.terms())
        char_counts = sparse.csr_matrix(word_counts @ term_grams)
        chars = TfidfSpace.from_counts(char_counts, gram_vocabulary)
        matrix = sparse.hstack(
            [
                word_matrix * np.sqrt(1 - CHAR_WEIGHT),
                chars.weigh(char_counts) * np.sqrt(CHAR_WEIGHT),
            ],
            format="csc",
        )
        return cls(words, chars, matrix)

    @cached_property
    def postings(self) -> Postings:
        """The matrix as postings (CSC: a feature's column lists its passages)."""
        m = self.matrix
        return Postings(m.indptr, m.indices, m.data, m.shape[0])

    def top_k(self, terms: Sequence[str], k: int) -> list[Hit]:
        columns, values = self.query_vector(terms)
        return self.postings.top_k(columns, k, multipliers=values)

    def query_vector(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The unit-length query vector as (feature columns, weights)."""
        with_chars = bool(self.chars.vocabulary)
        word_share = np.sqrt(1 - CHAR_WEIGHT) if with_chars else 1.0
        weights = {c: w * word_share for c, w in self.words.vector(terms).items()}
        if with_chars:
            offset = len(self.words.vocabulary)
            for column, weight in self.chars.vector(char_wb_ngrams(" ".join(terms))).items():
                weights[offset + column] = weight * np.sqrt(CHAR_WEIGHT)
        columns = np.fromiter(weights, dtype=np.int64, count=len(weights))
        values = np.fromiter(weights.values(), dtype=np.float64, count=len(weights))
        norm = float(np.linalg.norm(values))
        return columns, values / norm if norm else values

    def save(
        self, folder: Path, lists: Postings | None = None, terms: dict[str, int] | None = None
    ) -> dict[str, Any]:
        """Write the matrix and IDFs. When `lists` (BM25's postings) hold the same passages
        per column, only the weights are written (one copy of the index arrays on disk),
        and when `terms` are its words, no second word list."""
        shared = lists is not None and self.postings.same_lists(lists)
        self.postings.save(folder, "tfidf", ("weights",) if shared else ARRAYS)
        np.save(folder / "tfidf_word_idf.npy", self.words.idf)
        np.save(folder / "tfidf_char_idf.npy", self.chars.idf)
        same_words = terms is not None and ordered(terms) == ordered(self.words.vocabulary)
        words_file = folder / "tfidf_words.txt"
        return {
            "shape": list(self.matrix.shape),
            "shares_postings": shared,
            "words": None if same_words else write_terms(words_file, self.words.vocabulary),
            "chars": ordered(self.chars.vocabulary),
        }

    @classmethod
    def load(
        cls, folder: Path, meta: dict[str, Any], lists: Postings, terms: dict[str, int]
    ) -> TfidfRetriever:
        """Read what `save` wrote (memory-mapped), sharing `lists`' arrays when it did."""
        rows, columns = (int(n) for n in meta["shape"])
        shared = lists if meta["shares_postings"] else None
        postings = Postings.load(folder, "tfidf", rows, shared)
        if not postings.consistent() or postings.columns != columns:
            raise ValueError("inconsistent TF-IDF arrays (sizes do not match)")
        matrix = sparse.csc_matrix(
            (postings.weights, postings.indices, postings.indptr), shape=(rows, columns)
        )
        count = meta["words"]
        words = terms if count is None else read_terms(folder / "tfidf_words.txt", int(count))
        return cls(
            TfidfSpace(words, load_array(folder, "tfidf_word_idf")),
            TfidfSpace(positions(meta["chars"]), load_array(folder, "tfidf_char_idf")),
            matrix,
        )
