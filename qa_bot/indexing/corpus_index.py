"""The analysed corpus: passages, their terms (text and headings), and query analysis."""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import overload

import numpy as np
from scipy import sparse

from qa_bot.documents.boilerplate import corpus_passages
from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document, Progress
from qa_bot.documents.sentences import sentence_spans
from qa_bot.indexing.analysis import PROGRESS_EVERY, count_corpus, indexed_text
from qa_bot.indexing.mentions import Mentions
from qa_bot.text.aliases import mine_aliases
from qa_bot.text.analyzer import STOP_WORDS, Analyzer, Token, words
from qa_bot.text.spelling import Speller

SENTENCE_CACHE = 100_000


__all__ = ["PROGRESS_EVERY", "CorpusIndex", "Query", "indexed_text"]


@dataclass(frozen=True)
class Query:
    """A question as the retrievers see it: its terms after spelling correction."""

    text: str
    terms: tuple[str, ...]
    corrections: Mapping[str, str] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()
    units: tuple[frozenset[str], ...] = ()  # terms of one word, compound or alias phrase


@dataclass(frozen=True)
class CorpusIndex:
    """Passages with the terms each is found by (its own words plus its headings)."""

    passages: Sequence[Passage]
    analyzer: Analyzer
    passage_terms: Sequence[tuple[str, ...]]
    vocabulary: frozenset[str]
    speller: Speller
    doc_freq: DocFreq
    label_keys: np.ndarray  # label_key of each passage's label terms (see retrievers.labels)
    titles: bool  # whether document titles are indexed with each passage (titles_indexed)
    _sentence_cache: dict[int, list[tuple[int, int, frozenset[str]]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def build(
        cls, documents: Mapping[str, Document], progress: Progress | None = None
    ) -> CorpusIndex:
        """Index the documents; `progress(done, total)` is told about every 1,000 passages."""
        return cls.build_counted(documents, progress)[0]

    @classmethod
    def build_counted(
        cls, documents: Mapping[str, Document], progress: Progress | None = None
    ) -> tuple[CorpusIndex, Mentions]:
        """The index and how its terms are mentioned mid-sentence (for the conversation
        model); the term counts stay with the index only until the retrievers take them."""
        docs = list(documents.values())
        passages = corpus_passages(documents)
        analyzer = Analyzer(mine_aliases(doc.text for doc in docs))
        with_title = titles_indexed(documents)
        found = count_corpus(passages, analyzer, with_title, progress)
        key_of = {label: label_key(analyzer(label)) for label in set(found.labels)}
        keys = np.array([key_of[label] for label in found.labels], dtype=np.int64)
        frequencies = np.bincount(found.counts.indices, minlength=len(found.vocabulary))
        doc_freq = DocFreq(found.vocabulary, frequencies)
        index = cls(
            passages,
            analyzer,
            PassageTerms(passages, analyzer, with_title),
            frozenset(doc_freq),
            Speller.from_counts(found.words),
            doc_freq,
            keys,
            with_title,
        )
        object.__setattr__(index, "_term_counts", (found.counts, found.vocabulary))
        return index, found.mentions

    def idf(self, term: str) -> float:
        """How telling a term is (BM25's safe IDF); an unknown term is the most telling."""
        table: dict[str, float] | None = self.__dict__.get("_idf")
        if table is None:
            frequencies = self.doc_freq
            columns = np.fromiter(frequencies.columns.values(), np.int64, len(frequencies))
            values = safe_idf(frequencies.counts[columns], len(self.passages))
            table = dict(zip(frequencies.columns, values.tolist(), strict=True))
            table[""] = float(safe_idf(np.zeros(1), len(self.passages))[0])
            object.__setattr__(self, "_idf", table)
        return table.get(term, table[""])

    def lean(self) -> CorpusIndex:
        """The same index without its build-time caches (the term counts the retrievers
        were built from): what a long-running bot keeps in memory."""
        return replace(self)

    def term_counts(self) -> tuple[sparse.csr_matrix, dict[str, int]]:
        """Passages × terms counts and the term columns (computed once, shared by the
        retrievers that are built from them)."""
        cached = self.__dict__.get("_term_counts")
        if cached is None:
            cached = count_matrix(self.passage_terms)
            object.__setattr__(self, "_term_counts", cached)
        counts, vocabulary = cached
        return counts, vocabulary

    def term_postings(self) -> tuple[sparse.csc_matrix, dict[str, int]]:
        """The counts by term (CSC: each column a term's postings, passage ids sorted;
        float32 counts), computed once and shared by BM25 and TF-IDF. The row-wise counts
        are let go once these exist (a large corpus keeps one copy)."""
        cached = self.__dict__.get("_term_postings")
        if cached is None:
            counts, vocabulary = self.term_counts()
            postings = sparse.csc_matrix(counts, dtype=np.float32)
            postings.sort_indices()
            cached = (postings, vocabulary)
            object.__setattr__(self, "_term_postings", cached)
            self.__dict__.pop("_term_counts", None)
        postings, vocabulary = cached
        return postings, vocabulary

    def sentences(self, position: int) -> list[tuple[int, int, frozenset[str]]]:
        """The passage's sentences as (start, end, terms), offsets within the passage.

        Computed on first use and kept (a bounded cache: the answer step costs the same
        whatever the corpus size)."""
        cache = self._sentence_cache
        found = cache.get(position)
        if found is None:
            text = self.passages[position].text
            found = [(a, b, frozenset(self.analyzer(text[a:b]))) for a, b in sentence_spans(text)]
            if len(cache) >= SENTENCE_CACHE:
                cache.clear()
            cache[position] = found
        return found

    def query(self, text: str, search: str | None = None) -> Query:
        """Analyse a question (or `search`, the words of it to look up); words the corpus
        does not know are corrected when close."""
        fixes: dict[str, str] = {}
        unknown: list[str] = []
        edits: list[tuple[int, int, str]] = []
        source = text if search is None else search
        spans = words(source)
        for word, start, end in spans:
            term = self.analyzer.term(word)
            if term is None or term in self.vocabulary or _is_compound(start, end, spans):
                continue
            fix = self.speller.correct(word)
            if fix is not None and (
                fix in STOP_WORDS or self.analyzer.term(fix) in self.vocabulary
            ):
                fixes[word] = fix
                edits.append((start, end, fix))
            else:
                unknown.append(term)
        corrected = source
        for start, end, fix in reversed(edits):
            corrected = corrected[:start] + fix + corrected[end:]
        tokens = self.analyzer.tokens(corrected)
        terms = tuple(token.term for token in tokens)
        return Query(text, terms, fixes, tuple(unknown), _units(tokens))


def _is_compound(start: int, end: int, spans: list[tuple[str, int, int]]) -> bool:
    return any(start <= s and e <= end and (s, e) != (start, end) for _, s, e in spans)


class DocFreq(Mapping[str, int]):
    """How many passages hold each term: a view over the term columns and an array of
    counts (no dict of a million entries to build or load)."""

    def __init__(self, columns: Mapping[str, int], counts: np.ndarray) -> None:
        self.columns = columns
        self.counts = counts

    def __getitem__(self, term: str) -> int:
        return int(self.counts[self.columns[term]])

    def __iter__(self) -> Iterator[str]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    def __contains__(self, term: object) -> bool:
        return term in self.columns


class PassageTerms(Sequence[tuple[str, ...]]):
    """Each passage's terms, analysed when asked for (a loaded index keeps no term lists)."""

    def __init__(self, passages: Sequence[Passage], analyzer: Analyzer, with_title: bool) -> None:
        self._passages = passages
        self._analyzer = analyzer
        self._with_title = with_title

    def __len__(self) -> int:
        return len(self._passages)

    @overload
    def __getitem__(self, index: int) -> tuple[str, ...]: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple[str, ...]]: ...

    def __getitem__(self, index: int | slice) -> tuple[str, ...] | list[tuple[str, ...]]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        text = indexed_text(self._passages[index], with_title=self._with_title)
        return tuple(self._analyzer(text))


def _units(tokens: list[Token]) -> tuple[frozenset[str], ...]:
    """Group tokens whose spans overlap: "gpt-4" gives gpt, 4 and gpt4 — one unit."""
    units: list[tuple[int, set[str]]] = []
    for token in sorted(tokens, key=lambda t: (t.start, -t.end)):
        if units and token.start < units[-1][0]:
            units[-1][1].add(token.term)
        else:
            units.append((token.end, {token.term}))
    return tuple(frozenset(terms) for _, terms in units)


def count_matrix(
    documents: Iterable[Sequence[str]], vocabulary: dict[str, int] | None = None
) -> tuple[sparse.csr_matrix, dict[str, int]]:
    """Documents × features counts. With no vocabulary, one is grown (first seen, first
    column); with one, unknown features are left out."""
    grow = vocabulary is None
    columns_of: dict[str, int] = {} if vocabulary is None else vocabulary
    columns = array("l")
    lengths = []
    for doc in documents:
        if grow:
            ids = [columns_of.setdefault(f, len(columns_of)) for f in doc]
        else:
            ids = [c for c in map(columns_of.get, doc) if c is not None]
        columns.extend(ids)
        lengths.append(len(ids))
    rows = np.repeat(np.arange(len(lengths)), lengths)
    counts = sparse.csr_matrix(
        (np.ones(len(rows)), (rows, np.frombuffer(columns, dtype=np.int64))),
        shape=(len(lengths), len(columns_of)),
    )
    counts.sum_duplicates()
    return counts, columns_of


def column_slices(indptr: np.ndarray, postings: int = 4_000_000) -> Iterator[tuple[int, int]]:
    """(first, last) column ranges of about `postings` entries each (bounded temporaries
    when a large matrix is weighted)."""
    columns = len(indptr) - 1
    first = 0
    while first < columns:
        last = int(np.searchsorted(indptr, indptr[first] + postings, side="right")) - 1
        last = min(max(last, first + 1), columns)
        yield first, last
        first = last


def label_key(terms: Iterable[str]) -> int:
    """A stable 63-bit key of a set of terms (0 for none): equal sets, equal keys."""
    unique = sorted(set(terms))
    if not unique:
        return 0
    digest = hashlib.blake2b("\x1f".join(unique).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "little") >> 1 or 1


def titles_indexed(documents: Mapping[str, Document]) -> bool:
    """Titles tell passages apart only when the corpus has more than one document."""
    return len(documents) > 1


def safe_idf(doc_freq: np.ndarray, n_docs: int) -> np.ndarray:
    """BM25 IDF that never goes to zero or below: log(1 + (N - n + 0.5) / (n + 0.5))."""
    return np.log1p((n_docs - doc_freq + 0.5) / (doc_freq + 0.5))
