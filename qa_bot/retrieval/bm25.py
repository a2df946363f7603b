"""BM25 (Okapi) with weights precomputed at index time, stored term by term.

Scores equal rank-bm25's BM25Okapi formula for the same tokens and parameters, except for
the IDF: rank-bm25's log((N - n + 0.5) / (n + 0.5)) is zero or negative for a term in half
or more of the passages (it then substitutes a floor); here the IDF is Lucene's
log(1 + (N - n + 0.5) / (n + 0.5)), always positive, so on a small corpus a common term
still counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from qa_bot.retrieval.base import Hit
from qa_bot.retrieval.matrix import column_slices, count_matrix, safe_idf
from qa_bot.retrieval.postings import Postings, load_array
from qa_bot.retrieval.vocabulary import read_terms, write_terms

K1 = 1.5
B = 0.75


@dataclass(frozen=True)
class BM25Weights:
    """Per-term postings of BM25 weights, the term columns and their IDF."""

    vocabulary: dict[str, int]
    postings: Postings
    idf: np.ndarray

    @property
    def n_docs(self) -> int:
        return self.postings.n_docs

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
        counted = counts if sparse.isspmatrix_csc(counts) else sparse.csc_matrix(counts)
        counted.sort_indices()
        n_docs = counted.shape[0]
        lengths = np.zeros(n_docs)
        for first, last in column_slices(counted.indptr):
            lo, hi = counted.indptr[first], counted.indptr[last]
            lengths += np.bincount(counted.indices[lo:hi], counted.data[lo:hi], n_docs)
        avgdl = float(lengths.mean()) if n_docs and lengths.any() else 1.0
        doc_freq = np.diff(counted.indptr)
        idf = safe_idf(doc_freq, n_docs)
        norm = k1 * (1 - b + b * lengths / avgdl)
        weights = np.empty(len(counted.data), dtype=np.float32)
        for first, last in column_slices(counted.indptr):
            lo, hi = counted.indptr[first], counted.indptr[last]
            tf = counted.data[lo:hi].astype(np.float64)
            term_idf = np.repeat(idf[first:last], doc_freq[first:last])
            weights[lo:hi] = term_idf * tf * (k1 + 1) / (tf + norm[counted.indices[lo:hi]])
        postings = Postings(
            counted.indptr.astype(np.int64),
            counted.indices.astype(np.int32, copy=False),
            weights,
            n_docs,
        )
        return cls(dict(vocabulary), postings, idf)

    def columns(self, terms: Sequence[str]) -> np.ndarray:
        """The query's known terms as columns, in order (a repeated term repeats)."""
        found = [self.vocabulary[t] for t in terms if t in self.vocabulary]
        return np.array(found, dtype=np.int64)

    def top_k(self, terms: Sequence[str], k: int, compiled: bool | None = None) -> list[Hit]:
        """The k best hits, best first; ties by position."""
        return self.postings.top_k(self.columns(terms), k, compiled=compiled)

    def scores(self, terms: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Dense scores over all passages, and the positions the query touched."""
        p = self.postings
        scores = np.zeros(p.n_docs, dtype=np.float64)
        touched = []
        for term in terms:  # a repeated query term counts again, as in rank-bm25
            column = self.vocabulary.get(term)
            if column is None:
                continue
            lo, hi = p.indptr[column], p.indptr[column + 1]
            scores[p.indices[lo:hi]] += p.weights[lo:hi]
            touched.append(p.indices[lo:hi])
        hit = np.unique(np.concatenate(touched)) if touched else np.empty(0, dtype=np.int64)
        return scores, hit

    def save(self, folder: Path) -> dict[str, Any]:
        """Write postings, IDF and the terms (one a line); the meta to keep."""
        self.postings.save(folder, "bm25")
        np.save(folder / "bm25_idf.npy", self.idf)
        return {"n_docs": self.n_docs, "terms": write_terms(folder / "terms.txt", self.vocabulary)}

    @classmethod
    def load(cls, folder: Path, meta: dict[str, Any]) -> BM25Weights:
        postings = Postings.load(folder, "bm25", int(meta["n_docs"]))
        vocabulary = read_terms(folder / "terms.txt", int(meta["terms"]))
        idf = load_array(folder, "bm25_idf")
        if not (postings.consistent() and postings.columns == len(vocabulary) == len(idf)):
            raise ValueError("inconsistent BM25 arrays (sizes do not match)")
        return cls(vocabulary, postings, idf)


@dataclass(frozen=True)
class BM25Retriever:
    weights: BM25Weights
    name: str = "bm25"

    @classmethod
    def from_counts(cls, counts: sparse.spmatrix, vocabulary: dict[str, int]) -> BM25Retriever:
        return cls(BM25Weights.from_counts(counts, vocabulary))

    def top_k(self, terms: Sequence[str], k: int) -> list[Hit]:
        return self.weights.top_k(terms, k)
