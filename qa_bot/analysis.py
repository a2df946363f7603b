"""One pass over the passages: the term counts the retrievers are built from, and the word
statistics the speller (word counts) and the conversation model (mid-sentence capitals)
need.

Each distinct word match (`text.WORD`) is analysed once: a passage becomes an array of
word ids and the counting is numpy work, so the cost per passage is one regex scan.
Passages holding a word whose terms could open an alias phrase are analysed again in full
by the analyzer, so alias phrases are replaced exactly as `Analyzer.__call__` does.
"""

from __future__ import annotations

import re
from array import array
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from qa_bot.chunking import ITEM_LABEL, Passage, item_label
from qa_bot.text import STOP_WORDS, WORD, Analyzer, stem_all, word_forms

PROGRESS_EVERY = 1_000
BLOCK = 100_000  # passages expanded to terms at once (bounds the temporary arrays)
# a sentence's first word (as WORD reads it), after a line start or end punctuation
SENTENCE_START = re.compile(
    r"(?:^|[.!?…:][\"'”’)\]]*\s+)[\"'“‘(\[*_]*(" + WORD.pattern + ")", re.MULTILINE
)
LINE_LABEL = re.compile(ITEM_LABEL.pattern, re.MULTILINE)  # a label opening any line


class _Ids(dict[str, int]):
    """Word → id, numbered in order of first sight."""

    def __missing__(self, key: str) -> int:
        value = self[key] = len(self)
        return value


@dataclass(frozen=True)
class CorpusCounts:
    """What one pass over the passages gives."""

    counts: sparse.csr_matrix  # passages × terms: how often each term is in the indexed text
    vocabulary: dict[str, int]  # term → column (every column is used)
    words: Counter[str]  # normalised word → occurrences in the indexed texts (the speller's)
    mentions: Mentions  # of terms inside sentences of the passage texts (names)
    labels: list[str]  # each passage's label (see Passage.label)


@dataclass(frozen=True)
class Mentions:
    """How often each term stands inside a sentence, and how often capitalised there."""

    seen: Counter[str]
    capitalised: Counter[str]

    @classmethod
    def of(cls, analyzer: Analyzer, mid_sentence: Mapping[str, int]) -> Mentions:
        """Mentions from word counts (`mid_sentence_counts`)."""
        seen: Counter[str] = Counter()
        capitalised: Counter[str] = Counter()
        for raw, count in mid_sentence.items():
            for term in analyzer(raw):
                seen[term] += count
                capitalised[term] += count if raw[0].isupper() else 0
        return cls(seen, capitalised)


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


def mid_sentence_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each word stands inside a sentence (item labels left out)."""
    every: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    for text in texts:
        body = _body(text)
        every.update(WORD.findall(body))
        initial.update(SENTENCE_START.findall(body))
    return every - initial


def _body(text: str) -> str:
    """The text without item labels ("Label:" is title-cased, not a name)."""
    return LINE_LABEL.sub("", text) if ":" in text else text


def count_corpus(
    passages: Sequence[Passage],
    analyzer: Analyzer,
    with_title: bool,
    progress: Callable[[int, int], None] | None = None,
) -> CorpusCounts:
    """Count terms, words and capitals of the passages; `progress(done, total)` is told
    every 1,000 passages."""
    ids = _Ids()
    tokens, lengths, context_lengths = array("i"), array("q"), array("q")
    bodies, initial, labelled = array("i"), array("i"), array("q")
    contexts: dict[tuple[str, str, str, str], list[int]] = {}
    labels: list[str] = []
    for done, passage in enumerate(passages, start=1):
        text = passage.text
        label = item_label(text)
        key = (passage.title if with_title else "", passage.section, passage.lead, label)
        context = contexts.get(key)
        if context is None:
            parts = context_parts(passage, label, with_title)
            context = contexts[key] = [ids[w] for part in parts for w in WORD.findall(part)]
        tokens.extend(context)
        size = len(tokens)
        tokens.extend(map(ids.__getitem__, WORD.findall(text)))
        lengths.append(len(tokens) - size + len(context))
        context_lengths.append(len(context))
        body = _body(text)
        if body is not text:  # its words are counted from the body, without item labels
            labelled.append(done - 1)
            bodies.extend(map(ids.__getitem__, WORD.findall(body)))
        initial.extend(map(ids.__getitem__, SENTENCE_START.findall(body)))
        labels.append(label or (passage.headings[-1] if passage.section else ""))
        if progress is not None and (done % PROGRESS_EVERY == 0 or done == len(passages)):
            progress(done, len(passages))
    raws = list(ids)
    flat = np.frombuffer(tokens, dtype=np.int32)
    sizes = np.frombuffer(lengths, dtype=np.int64)
    table = _TermTable.of(raws, np.bincount(flat, minlength=len(raws)), analyzer)
    counts = table.counts(flat, sizes, passages, with_title)
    counts, vocabulary = _drop_unused(counts, table.vocabulary)
    own = _own_words(flat, sizes, np.frombuffer(context_lengths, dtype=np.int64), labelled)
    mid = np.bincount(own, minlength=len(raws)) + np.bincount(
        np.frombuffer(bodies, dtype=np.int32), minlength=len(raws)
    )
    mid -= np.bincount(np.frombuffer(initial, dtype=np.int32), minlength=len(raws))
    mentions = table.mentions(np.maximum(mid, 0), raws)
    return CorpusCounts(counts, vocabulary, table.words, mentions, labels)


def _own_words(
    tokens: np.ndarray, sizes: np.ndarray, context_sizes: np.ndarray, labelled: array[int]
) -> np.ndarray:
    """The word ids of the passage texts (not their context), passages with item labels
    left out."""
    bounds = np.concatenate([[0], np.cumsum(sizes)])
    text_starts = bounds[:-1] + context_sizes
    text_ends = bounds[1:].copy()
    skipped = np.frombuffer(labelled, dtype=np.int64)
    text_ends[skipped] = text_starts[skipped]
    inside = np.zeros(len(tokens) + 1, dtype=np.int8)
    np.add.at(inside, text_starts, 1)
    np.add.at(inside, text_ends, -1)
    own: np.ndarray = tokens[np.cumsum(inside[:-1], dtype=np.int8).astype(bool)]
    return own


@dataclass(frozen=True)
class _TermTable:
    """Each word id's term columns (a flat table sliced by offsets), and word counts."""

    vocabulary: _Ids  # term → column
    offsets: np.ndarray  # word id → start in `columns`; offsets[-1] is the end
    columns: np.ndarray
    phrase_start: np.ndarray  # word id → whether one of its terms may open an alias
    words: Counter[str]
    analyzer: Analyzer

    @classmethod
    def of(cls, raws: list[str], occurrences: np.ndarray, analyzer: Analyzer) -> _TermTable:
        forms = [word_forms(raw) for raw in raws]
        distinct = list({word for found in forms for word in found} - STOP_WORDS)
        stems = dict(zip(distinct, stem_all(distinct), strict=True))
        vocabulary = _Ids()
        columns, offsets = array("i"), array("q", [0])
        counted: Counter[str] = Counter()
        starts = analyzer.phrase_starts()
        opens = np.zeros(len(raws), dtype=bool)
        for i, found in enumerate(forms):
            for word in found:
                counted[word] += int(occurrences[i])
            terms = [stems[word] for word in found if word not in STOP_WORDS]
            columns.extend(vocabulary[t] for t in terms)
            offsets.append(len(columns))
            opens[i] = bool(starts) and not starts.isdisjoint(terms)
        return cls(
            vocabulary,
            np.frombuffer(offsets, dtype=np.int64),
            np.frombuffer(columns, dtype=np.int32),
            opens,
            counted,
            analyzer,
        )

    def mentions(self, mid_sentence: np.ndarray, raws: list[str]) -> Mentions:
        """`Mentions.of` for word-id counts: the same numbers, counted with numpy (words
        that may open an alias go through the analyzer)."""
        capital = np.array([raw[0].isupper() for raw in raws], dtype=bool)
        plain = (mid_sentence > 0) & ~self.phrase_start
        sizes = np.diff(self.offsets)[plain]
        where = np.repeat(self.offsets[:-1][plain] - np.cumsum(sizes) + sizes, sizes)
        columns = self.columns[where + np.arange(len(where))]
        weights = np.repeat(mid_sentence[plain], sizes)
        width = len(self.vocabulary)
        seen = np.bincount(columns, weights=weights, minlength=width)
        weights_upper = weights * np.repeat(capital[plain], sizes)
        upper = np.bincount(columns, weights=weights_upper, minlength=width)
        terms = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        found = Mentions(
            Counter({terms[c]: int(seen[c]) for c in np.flatnonzero(seen)}),
            Counter({terms[c]: int(upper[c]) for c in np.flatnonzero(upper)}),
        )
        rest = np.flatnonzero((mid_sentence > 0) & self.phrase_start)
        extra = Mentions.of(self.analyzer, {raws[i]: int(mid_sentence[i]) for i in rest})
        found.seen.update(extra.seen)
        found.capitalised.update(extra.capitalised)
        return found

    def counts(
        self,
        tokens: np.ndarray,
        lengths: np.ndarray,
        passages: Sequence[Passage],
        with_title: bool,
    ) -> sparse.csr_matrix:
        """Passages × terms counts of the passages' word ids (`lengths` words each)."""
        bounds = np.concatenate([[0], np.cumsum(lengths)])
        blocks, phrased_blocks = [], []
        for first in range(0, len(lengths), BLOCK):
            last = min(first + BLOCK, len(lengths))
            block, sizes = tokens[bounds[first] : bounds[last]], lengths[first:last]
            opens = np.concatenate([[0], np.cumsum(self.phrase_start[block])])
            inner = bounds[first : last + 1] - bounds[first]
            phrased_here = (opens[inner[1:]] - opens[inner[:-1]]) > 0
            phrased_blocks.append(first + np.flatnonzero(phrased_here))
            blocks.append(self._rows(block, sizes, np.repeat(~phrased_here, sizes)))
        phrased = np.concatenate(phrased_blocks) if phrased_blocks else np.zeros(0, np.int64)
        exact = [self.analyzer(indexed_text(passages[i], with_title=with_title)) for i in phrased]
        rows = [[self.vocabulary[t] for t in terms] for terms in exact]  # may add columns
        width = len(self.vocabulary)
        if not blocks:
            return sparse.csr_matrix((0, width))
        counts = sparse.vstack([_widen(b, width) for b in blocks], format="csr")
        if rows:
            counts = counts + _rows_matrix(phrased, rows, len(lengths), width)
        return sparse.csr_matrix(counts)

    def _rows(self, tokens: np.ndarray, lengths: np.ndarray, mask: np.ndarray) -> sparse.csr_matrix:
        """Counts of one block of passages (tokens where `mask` is False are left out)."""
        per_token = np.diff(self.offsets)[tokens] * mask
        starts = self.offsets[tokens]
        ends = np.cumsum(per_token)
        position = np.arange(int(ends[-1]) if len(ends) else 0)
        position += np.repeat(starts - (ends - per_token), per_token)
        columns = self.columns[position]
        token_bounds = np.concatenate([[0], np.cumsum(lengths)])
        indptr = np.concatenate([[0], ends])[token_bounds]
        data = np.ones(len(columns), dtype=np.float64)
        matrix = sparse.csr_matrix(
            (data, columns, indptr), shape=(len(lengths), len(self.vocabulary))
        )
        matrix.sum_duplicates()
        return matrix


def _widen(matrix: sparse.csr_matrix, width: int) -> sparse.csr_matrix:
    """The matrix with more (empty) columns, up to `width`."""
    return sparse.csr_matrix(
        (matrix.data, matrix.indices, matrix.indptr), shape=(matrix.shape[0], width)
    )


def _rows_matrix(
    positions: np.ndarray, rows: list[list[int]], height: int, width: int
) -> sparse.csr_matrix:
    row_of = np.repeat(positions, [len(r) for r in rows])
    columns = np.fromiter((c for r in rows for c in r), dtype=np.int64, count=len(row_of))
    matrix = sparse.csr_matrix((np.ones(len(row_of)), (row_of, columns)), shape=(height, width))
    matrix.sum_duplicates()
    return matrix


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
