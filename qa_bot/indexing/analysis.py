"""One pass over the passages: the term counts the retrievers are built from, and the word
statistics the speller (word counts) and the conversation model (mid-sentence capitals)
need.

Passage texts are scanned a batch at a time with numpy (`scan`), each distinct word match
is analysed once (`wordtable`), and the counting is array arithmetic over word ids.
Alias phrases are then found in the same pass, over the term columns of each passage
(the trie of `text.phrases`), and replaced exactly as `Analyzer.__call__` does.
"""

from __future__ import annotations

from array import array
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from qa_bot.documents.chunking import Passage, item_label
from qa_bot.indexing.mentions import SENTENCE_START, Mentions, body_of, has_item_labels
from qa_bot.indexing.scan import Words, forget_powers, scan
from qa_bot.indexing.wordtable import WordTable
from qa_bot.text.analyzer import WORD, Analyzer
from qa_bot.text.phrases import possible_starts

PROGRESS_EVERY = 1_000
BATCH_CHARS = 4_000_000  # text scanned at once (bounds the temporary arrays)


@dataclass(frozen=True)
class CorpusCounts:
    """What one pass over the passages gives."""

    counts: sparse.csr_matrix  # passages × terms: how often each term is in the indexed text
    vocabulary: dict[str, int]  # term → column (every column is used)
    words: Counter[str]  # normalised word → occurrences in the indexed texts (the speller's)
    mentions: Mentions  # of terms inside sentences of the passage texts (names)
    labels: list[str]  # each passage's label (see Passage.label)


def indexed_text(passage: Passage, *, with_title: bool) -> str:
    """What a passage is found by: its headings (and title, across documents) and its text."""
    return "\n".join([*context_parts(passage, item_label(passage.text), with_title), passage.text])


def context_parts(passage: Passage, label: str, with_title: bool) -> list[str]:
    """The texts a passage is also found by: title (across documents), headings, the list
    lead-in, and its item label (its own little heading: the label counts twice)."""
    parts = [passage.title] if with_title else []
    parts.extend(passage.headings)
    if passage.lead:
        parts.append(passage.lead)
    if label:
        parts.append(label)
    return parts


def count_corpus(
    passages: Sequence[Passage],
    analyzer: Analyzer,
    with_title: bool,
    progress: Callable[[int, int], None] | None = None,
) -> CorpusCounts:
    """Count terms, words and capitals of the passages; `progress(done, total)` is told
    every 1,000 passages. The next batch is scanned in a second thread (numpy lets go of
    the GIL) while this one is counted."""
    counting = _Counting(analyzer, with_title)
    with ThreadPoolExecutor(max_workers=1) as pool:
        pending: tuple[list[Passage], Future[_Scanned]] | None = None
        for batch in _batches(passages, progress):
            scanning = pool.submit(_Scanned.of, [p.text for p in batch])
            if pending is not None:
                counting.add(pending[0], pending[1].result())
            pending = (batch, scanning)
        if pending is not None:
            counting.add(pending[0], pending[1].result())
    forget_powers()
    return counting.result()


def _batches(
    passages: Sequence[Passage], progress: Callable[[int, int], None] | None
) -> Iterator[list[Passage]]:
    """The passages in batches of about BATCH_CHARS characters."""
    batch: list[Passage] = []
    size = 0
    for done, passage in enumerate(passages, start=1):
        batch.append(passage)
        size += len(passage.text)
        if size >= BATCH_CHARS or done == len(passages):
            yield batch
            batch, size = [], 0
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(passages)):
            progress(done, len(passages))


@dataclass(frozen=True)
class _Scanned:
    """A batch's texts joined, their words (`scan`), and the words grouped by key."""

    texts: list[str]
    joined: str
    segments: np.ndarray
    words: Words
    grouped: tuple[np.ndarray, np.ndarray, np.ndarray]  # np.unique: keys, first, inverse

    @classmethod
    def of(cls, texts: list[str]) -> _Scanned:
        segments = np.zeros(len(texts), dtype=np.int64)
        np.cumsum([len(t) for t in texts[:-1]], out=segments[1:])
        joined = "".join(texts)
        words = scan(joined, segments)
        grouped = np.unique(words.keys, return_index=True, return_inverse=True)
        return cls(texts, joined, segments, words, grouped)


class _Counting:
    """The state of one pass: word table, term counts so far, mid-sentence counts."""

    def __init__(self, analyzer: Analyzer, with_title: bool) -> None:
        self.analyzer, self.with_title = analyzer, with_title
        self.table = WordTable(analyzer)
        # the counts so far, as CSR arrays that grow (no list of blocks to stack: one copy)
        self.data, self.indices, self.indptr = array("f"), array("i"), array("q", [0])
        self.labels: list[str] = []
        self.contexts: dict[tuple[str, str, str, str], list[int]] = {}
        self.mid = np.zeros(0, dtype=np.int64)

    def add(self, batch: list[Passage], scanned: _Scanned) -> None:
        """Count a batch of passages (their texts scanned together)."""
        texts, words = scanned.texts, scanned.words
        ids = self.table.ids_of(scanned.joined, words, scanned.grouped)
        rows = np.searchsorted(scanned.segments, words.starts, side="right") - 1
        context_ids, context_sizes, labelled = self._contexts(batch)
        context_rows = np.repeat(np.arange(len(batch)), context_sizes)
        counts = self.table.term_counts(rows, ids, len(batch))
        counts += self.table.term_counts(context_rows, context_ids, len(batch))
        if self.analyzer.aliases:
            phrased = self._phrase_counts(
                np.concatenate([context_rows, rows]), np.concatenate([context_ids, ids]), len(batch)
            )
            counts = _widen(counts, phrased.shape[1]) + phrased
            counts.eliminate_zeros()  # the terms a phrase always took
        counts = sparse.csr_matrix(counts)
        counts.sort_indices()
        self.data.frombytes(counts.data.astype(np.float32).tobytes())
        self.indices.frombytes(counts.indices.astype(np.int32).tobytes())
        self.indptr.frombytes((counts.indptr[1:] + self.indptr[-1]).astype(np.int64).tobytes())
        self._count_mid_sentence(words, ids, rows, texts, labelled)

    def _phrase_counts(self, rows: np.ndarray, ids: np.ndarray, height: int) -> sparse.csr_matrix:
        """What replacing alias phrases changes in the counts of words `ids` in rows `rows`
        (each row's context words first, then its text's): -1 for each term a phrase
        takes, +1 for its canonical term, phrases matched as `Analyzer.__call__` does on
        the passage's indexed text."""
        table = self.table
        order = np.argsort(rows, kind="stable")  # by row; context before text in each
        columns, sizes = table.term_columns_of(ids[order])
        token_rows = np.repeat(rows[order], sizes)
        trie = table.phrases()
        # a row's last term is followed by a separator (-1, in no phrase): no phrase spans rows
        ends = np.flatnonzero(np.diff(token_rows)) + 1
        keys = np.insert(columns.astype(np.int64), ends, -1)
        token_rows = np.insert(token_rows, ends, -1)
        found = trie.matches(keys.tolist(), possible_starts(trie, keys).tolist())
        at = np.array([m.start for m in found], dtype=np.int64)
        size = np.array([m.size for m in found], dtype=np.int64)
        taken = np.repeat(at - np.cumsum(size) + size, size) + np.arange(int(size.sum()))
        canonical = [table.terms.setdefault(m.canonical, len(table.terms)) for m in found]
        data = np.concatenate([-np.ones(len(taken)), np.ones(len(found))]).astype(np.float32)
        changed = (
            np.concatenate([token_rows[taken], token_rows[at]]),
            np.concatenate([keys[taken], np.array(canonical, dtype=np.int64)]),
        )
        return sparse.csr_matrix((data, changed), shape=(height, len(table.terms)))

    def _contexts(self, batch: list[Passage]) -> tuple[np.ndarray, list[int], np.ndarray]:
        """The word ids of each passage's context (headings…), and the passages whose
        text has item labels."""
        ids: array[int] = array("i")
        sizes: list[int] = []
        labelled = []
        for row, passage in enumerate(batch):
            text = passage.text
            label = item_label(text)
            self.labels.append(passage.label)
            key = (passage.title if self.with_title else "", passage.section, passage.lead, label)
            context = self.contexts.get(key)
            if context is None:
                parts = context_parts(passage, label, self.with_title)
                found = [self.table.id_of(w) for part in parts for w in WORD.findall(part)]
                context = self.contexts[key] = found
            ids.extend(context)
            sizes.append(len(context))
            if has_item_labels(text):
                labelled.append(row)
        return np.frombuffer(ids, dtype=np.int32), sizes, np.array(labelled, dtype=np.int64)

    def _count_mid_sentence(
        self,
        words: Words,
        ids: np.ndarray,
        rows: np.ndarray,
        texts: list[str],
        labelled: np.ndarray,
    ) -> None:
        plain = ~np.isin(rows, labelled)
        self._add_mid(ids[plain], 1)
        self._add_mid(ids[plain & words.opens], -1)
        for row in labelled.tolist():  # without their item labels: count from the body
            body = body_of(texts[row])
            self._add_mid([self.table.id_of(w) for w in WORD.findall(body)], 1)
            self._add_mid([self.table.id_of(w) for w in SENTENCE_START.findall(body)], -1)

    def _add_mid(self, ids: np.ndarray | list[int], sign: int) -> None:
        size = len(self.table)
        if len(self.mid) < size:
            self.mid = np.concatenate([self.mid, np.zeros(size - len(self.mid), dtype=np.int64)])
        self.mid += sign * np.bincount(np.asarray(ids, dtype=np.int64), minlength=size)

    def result(self) -> CorpusCounts:
        shape = (len(self.indptr) - 1, len(self.table.terms))
        arrays = (
            np.frombuffer(self.data, dtype=np.float32),
            np.frombuffer(self.indices, dtype=np.int32),
            np.frombuffer(self.indptr, dtype=np.int64),
        )
        counts = sparse.csr_matrix(arrays, shape=shape)
        counts, vocabulary = _drop_unused(counts, self.table.terms)
        self._add_mid([], 0)
        mentions = self.table.mentions(np.maximum(self.mid, 0))
        return CorpusCounts(counts, vocabulary, self.table.form_counts(), mentions, self.labels)


def _widen(matrix: sparse.csr_matrix, width: int) -> sparse.csr_matrix:
    """The matrix with more (empty) columns, up to `width`."""
    matrix = sparse.csr_matrix(matrix)
    return sparse.csr_matrix(
        (matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], width)
    )


def _drop_unused(
    counts: sparse.csr_matrix, vocabulary: dict[str, int]
) -> tuple[sparse.csr_matrix, dict[str, int]]:
    """Remove columns no passage uses (a word whose terms always joined an alias)."""
    used = np.bincount(counts.indices, minlength=counts.shape[1]) > 0
    if used.all():
        return counts, dict(vocabulary)
    new_column = np.cumsum(used) - 1
    kept = {t: int(new_column[c]) for t, c in vocabulary.items() if used[c]}
    return sparse.csr_matrix(counts[:, np.flatnonzero(used)]), kept
