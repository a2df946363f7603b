"""BM25 (Okapi) with weights precomputed at index time, stored term by term.

Scores equal rank-bm25's BM25Okapi formula for the same tokens and parameters, except for
the IDF: rank-bm25's log((N - n + 0.5) / (n + 0.5)) is zero or negative for a term in half
or more of the passages (it then substitutes a floor); here the IDF is
log(1 + (N - n + 0.5) / (n + 0.5)), always positive, so on a small corpus a common term
still counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from qa_bot.indexing.corpus_index import CorpusIndex, Query, column_slices, count_matrix, safe_idf
from qa_bot.retrieval.base import Ranking
from qa_bot.retrieval.blockmax import Bounds, range_bounds
from qa_bot.retrieval.kernel import top_k_postings

K1 = 1.5
B = 0.75


@dataclass(frozen=True)
class BM25Weights:
    """Per-term postings: indptr[t]:indptr[t+1] slices passage ids and their BM25 weight."""

    vocabulary: dict[str, int]
    indptr: np.ndarray
    indices: np.ndarray
    weights: np.ndarray
    idf: np.ndarray
    n_docs: int

    @classmethod
    def build(cls, documents: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> BM25Weights:
        """Weights of token lists (one list a passage)."""
        return cls.from_counts(*count_matrix(documents), k1=k1, b=b)

    @classmethod
    def from_counts(
        cls, counts: sparse.spmatrix, vocabulary: dict[str, int], k1: float = K1, b: float = B
    ) -> BM25Weights:
        """Weights of a passages × terms counts matrix (a passage's length: its count sum).
        A CSC matrix with sorted indices is used as it is (its index arrays are shared)."""
        postings = counts if sparse.isspmatrix_csc(counts) else sparse.csc_matrix(counts)
        postings.sort_indices()
        n_docs = postings.shape[0]
        lengths = np.zeros(n_docs)
        for first, last in column_slices(postings.indptr):
            lo, hi = postings.indptr[first], postings.indptr[last]
            lengths += np.bincount(postings.indices[lo:hi], postings.data[lo:hi], n_docs)
        avgdl = float(lengths.mean()) if n_docs and lengths.any() else 1.0
        doc_freq = np.diff(postings.indptr)
        idf = safe_idf(doc_freq, n_docs)
        norm = k1 * (1 - b + b * lengths / avgdl)
        weights = np.empty(len(postings.data), dtype=np.float32)
        for first, last in column_slices(postings.indptr):
            lo, hi = postings.indptr[first], postings.indptr[last]
            tf = postings.data[lo:hi].astype(np.float64)
            term_idf = np.repeat(idf[first:last], doc_freq[first:last])
            weights[lo:hi] = term_idf * tf * (k1 + 1) / (tf + norm[postings.indices[lo:hi]])
        return cls(
            dict(vocabulary),
            postings.indptr.astype(np.int64),
            postings.indices.astype(np.int32, copy=False),
            weights,
            idf,
            n_docs,
        )

    def columns(self, terms: Sequence[str]) -> np.ndarray:
        """The query's known terms as columns, in order (a repeated term repeats)."""
        found = [self.vocabulary[t] for t in terms if t in self.vocabulary]
        return np.array(found, dtype=np.int64)

    def top_k(self, terms: Sequence[str], k: int, compiled: bool | None = None) -> Ranking:
        """The k best (passage position, score) pairs, best first; ties by position."""
        columns = self.columns(terms)
        if not len(columns):
            return []
        ids, values = top_k_postings(
            self.indptr,
            self.indices,
            self.weights,
            columns,
            k,
            self.n_docs,
            compiled,
            bounds=self.bounds,
        )
        return [(int(i), float(v)) for i, v in zip(ids, values, strict=True)]

    def bounds(self) -> Bounds | None:
        """Per-range weight bounds for the large-corpus kernel, computed on first use."""
        if "_bounds" not in self.__dict__:
            found = range_bounds(self.indptr, self.indices, self.weights, self.n_docs)
            object.__setattr__(self, "_bounds", found)
        bounds: Bounds | None = self.__dict__["_bounds"]
        return bounds

    def scores(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Dense scores over all passages, and the positions the query touched."""
        scores = np.zeros(self.n_docs, dtype=np.float64)
        touched = []
        for term in terms:  # a repeated query term counts again, as in rank-bm25
            column = self.vocabulary.get(term)
            if column is None:
                continue
            lo, hi = self.indptr[column], self.indptr[column + 1]
            scores[self.indices[lo:hi]] += self.weights[lo:hi]
            touched.append(self.indices[lo:hi])
        hit = np.unique(np.concatenate(touched)) if touched else np.empty(0, dtype=np.int64)
        return scores, hit


@dataclass(frozen=True)
class BM25Retriever:
    weights: BM25Weights
    name: str = "bm25"

    @classmethod
    def build(cls, index: CorpusIndex) -> BM25Retriever:
        return cls(BM25Weights.from_counts(*index.term_postings()))

    def top_k(self, query: Query, k: int) -> Ranking:
        return self.weights.top_k(query.terms, k)
