"""The analysed corpus: passages, the analyzer, the terms each passage is found by, the
speller's words and each passage's label key; built in one counting pass."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, overload

import numpy as np
from scipy import sparse

from qa_bot.documents.boilerplate import corpus_passages
from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document, Progress
from qa_bot.documents.progress import STEPS, staged
from qa_bot.documents.sentences import sentence_spans
from qa_bot.documents.table import PassageTable
from qa_bot.indexing.analysis import count_corpus, indexed_text
from qa_bot.indexing.mentions import Mentions
from qa_bot.indexing.short_forms import with_short_forms
from qa_bot.retrieval.labels import label_key
from qa_bot.retrieval.matrix import safe_idf
from qa_bot.retrieval.vocabulary import read_lines, write_lines
from qa_bot.text.aliases import mine_aliases
from qa_bot.text.analyzer import Analyzer
from qa_bot.text.spelling import Speller

SENTENCE_CACHE = 100_000
# one progress bar over the phases (see documents.progress): cutting the documents into
# passages (and finding boilerplate) takes about a third of the time, counting the rest.
# count_corpus tells its progress as batches are gathered, ahead of their counting, so its
# share ends at 60 %: the bar waits there, not at 99 %, until the counts are done
CHUNKED, COUNTED = 350, 600

__all__ = ["CorpusIndex", "Counted", "indexed_text"]


@dataclass(frozen=True)
class Counted:
    """What building an index hands on, once: the term counts by term (CSC, sorted
    indices; the retrievers are weighed from them) and the mid-sentence mentions (the
    conversation model's names). Nothing of it stays in the index."""

    index: CorpusIndex
    postings: sparse.csc_matrix
    vocabulary: dict[str, int]
    mentions: Mentions


@dataclass(frozen=True)
class CorpusIndex:
    """Passages with the terms each is found by (its own words plus its headings)."""

    passages: Sequence[Passage]
    analyzer: Analyzer
    passage_terms: Sequence[tuple[str, ...]]
    vocabulary: frozenset[str]
    speller: Speller
    doc_freq: DocFreq
    label_keys: np.ndarray  # label_key of each passage's label terms (see retrieval.labels)
    titles: bool  # whether document titles are indexed with each passage (titles_indexed)
    _sentence_cache: dict[int, list[tuple[int, int, frozenset[str]]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @classmethod
    def count(cls, documents: Mapping[str, Document], progress: Progress | None = None) -> Counted:
        """Index the documents; `progress(done, total)` is told as documents are cut into
        passages and as passages are counted (one scale over both phases)."""
        docs = list(documents.values())
        passages = corpus_passages(documents, staged(progress, 0, CHUNKED))
        analyzer = Analyzer(mine_aliases(doc.text for doc in docs))
        with_title = titles_indexed(documents)
        found = count_corpus(passages, analyzer, with_title, staged(progress, CHUNKED, COUNTED))
        key_of = {label: label_key(analyzer(label)) for label in set(found.labels)}
        keys = np.array([key_of[label] for label in found.labels], dtype=np.int64)
        postings = sparse.csc_matrix(found.counts, dtype=np.float32)
        postings.sort_indices()
        analyzer = with_short_forms(analyzer, postings, found.vocabulary, passages, with_title)
        index = cls(
            passages,
            analyzer,
            PassageTerms(passages, analyzer, with_title),
            frozenset(found.vocabulary),
            Speller.from_counts(found.words),
            DocFreq(found.vocabulary, np.diff(postings.indptr)),
            keys,
            with_title,
        )
        if progress is not None:
            progress(STEPS, STEPS)
        return Counted(index, postings, found.vocabulary, found.mentions)

    @cached_property
    def _idf(self) -> dict[str, float]:
        frequencies = self.doc_freq
        columns = np.fromiter(frequencies.columns.values(), np.int64, len(frequencies))
        values = safe_idf(frequencies.counts[columns], len(self.passages))
        table = dict(zip(frequencies.columns, values.tolist(), strict=True))
        table[""] = float(safe_idf(np.zeros(1), len(self.passages))[0])
        return table

    def idf(self, term: str) -> float:
        """How telling a term is (BM25's safe IDF); an unknown term is the most telling."""
        table = self._idf
        return table.get(term, table[""])

    def section(self, position: int) -> str:
        """The section path of a passage (from a PassageTable without building it)."""
        table = self.passages
        return (
            table.section_of(position)
            if isinstance(table, PassageTable)
            else table[position].section
        )

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

    def save(self, folder: Path) -> dict[str, Any]:
        """Write passages, label keys and speller words; the meta to keep. The document
        frequencies are not written: `load` reads them off the BM25 postings."""
        table = self.passages
        if not isinstance(table, PassageTable):
            raise TypeError("only an index whose passages are a PassageTable can be saved")
        meta = table.save(folder)
        np.save(folder / "passage_label_key.npy", self.label_keys)
        meta["speller"] = write_lines(folder / "speller.txt", self.speller.known)
        meta.update(self.analyzer.state())
        return meta

    @classmethod
    def load(
        cls,
        folder: Path,
        meta: Mapping[str, Any],
        documents: Mapping[str, Document],
        vocabulary: dict[str, int],
        doc_freq: np.ndarray,
    ) -> CorpusIndex:
        """The index `save` wrote, over the same documents, with the terms' columns and
        document frequencies (from the BM25 postings)."""
        table = PassageTable.load(folder, meta, documents)
        analyzer = Analyzer.from_state(meta)
        keys = np.load(folder / "passage_label_key.npy", mmap_mode="r", allow_pickle=False)
        if len(keys) != len(table):
            raise ValueError("label keys and passages differ in number")
        with_title = titles_indexed(documents)
        return cls(
            table,
            analyzer,
            PassageTerms(table, analyzer, with_title),
            frozenset(vocabulary),
            Speller(tuple(read_lines(folder / "speller.txt", int(meta["speller"])))),
            DocFreq(vocabulary, doc_freq),
            keys,
            with_title,
        )


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


def titles_indexed(documents: Mapping[str, Document]) -> bool:
    """Titles tell passages apart only when the corpus has more than one document."""
    return len(documents) > 1
