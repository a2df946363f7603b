"""The distinct words of a corpus as it is read: ids, each word's terms, how often it is seen.

Words arrive as `scan.Words` keys (numpy) or as strings (headings, item labels); each
distinct word is analysed once, when first met, and a passage's term counts are then
array arithmetic over the ids of its words.
"""

from __future__ import annotations

from array import array
from collections import Counter
from itertools import chain, repeat

import numpy as np
from scipy import sparse

from qa_bot.errors import CollisionError
from qa_bot.indexing.mentions import Mentions
from qa_bot.indexing.scan import PRIMES, Words
from qa_bot.text.analyzer import STOP_WORDS, Analyzer, stem_all, word_forms
from qa_bot.text.phrases import Phrases

_MASK = (1 << 64) - 1


def word_key(word: str) -> tuple[int, int]:
    """The (key, check) pair `scan` gives the same word."""
    found = []
    for prime in PRIMES:
        total, power = 0, 1
        for char in word:
            total = (total + (ord(char) + 1) * power) & _MASK
            power = power * prime & _MASK
        found.append(total)
    return found[0], found[1]


class WordTable:
    """Word ids in order of first sight, and their analysis (terms, normalised forms)."""

    def __init__(self, analyzer: Analyzer) -> None:
        self.analyzer = analyzer
        self.words: list[str] = []
        self._by_key: dict[int, int] = {}  # key → id
        self._checks = array("Q")  # id → second hash of the word
        self._by_word: dict[str, int] = {}
        self.terms: dict[str, int] = {}  # term → column
        self.forms: dict[str, int] = {}  # normalised word → id
        self._offsets, self._columns = array("q", [0]), array("i")
        self._form_offsets, self._form_ids = array("q", [0]), array("i")
        self._opens_phrase = array("b")
        self._phrase_starts = analyzer.phrase_starts()
        self._column_of: dict[str, int] = {}  # normalised word → term column (-1: stop word)
        self._phrase_form: dict[str, bool] = {}  # normalised word → its term opens an alias
        self._phrases: tuple[int, Phrases[int]] = (-1, Phrases.of({}))  # (terms known, trie)
        self.seen = np.zeros(0, dtype=np.int64)  # occurrences of each word

    def __len__(self) -> int:
        return len(self.words)

    def ids_of(
        self,
        text: str,
        words: Words,
        grouped: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None,
    ) -> np.ndarray:
        """The id of each word `scan` found in `text` (new words are added); `grouped`:
        `np.unique(words.keys, return_index=True, return_inverse=True)`, if already known."""
        if grouped is None:
            grouped = np.unique(words.keys, return_index=True, return_inverse=True)
        distinct, first, inverse = grouped
        checks = words.checks[first]
        keys = distinct.tolist()
        ids = np.fromiter(map(self._by_key.get, keys, repeat(-1)), np.int64, len(keys))
        new = np.flatnonzero(ids < 0)
        ids[new] = np.arange(len(self.words), len(self.words) + len(new))
        starts, ends = words.starts[first[new]].tolist(), words.ends[first[new]].tolist()
        self.words.extend(map(text.__getitem__, map(slice, starts, ends)))
        self._by_key.update(zip(distinct[new].tolist(), ids[new].tolist(), strict=True))
        self._checks.frombytes(checks[new].astype(np.uint64).tobytes())
        known = np.frombuffer(self._checks, dtype=np.uint64)
        if not np.array_equal(known[ids][inverse], words.checks):
            raise CollisionError("two different words got the same key")
        return ids[inverse]

    def id_of(self, word: str) -> int:
        """The id of one word (a `text.WORD` match)."""
        found = self._by_word.get(word)
        if found is None:
            key, check = word_key(word)
            found = self._by_key.get(key)
            if found is None:
                found = self._by_key[key] = len(self.words)
                self.words.append(word)
                self._checks.append(check)
            elif self._checks[found] != check:
                raise CollisionError("two different words got the same key")
            self._by_word[word] = found
        return found

    def term_counts(
        self, rows: np.ndarray, ids: np.ndarray, height: int, keep: np.ndarray | None = None
    ) -> sparse.csr_matrix:
        """Rows × terms counts of words `ids` standing in rows `rows` (sorted), the words
        where `keep` is False left out (all are counted as seen)."""
        self.count(ids)
        if keep is not None:
            rows, ids = rows[keep], ids[keep]
        columns, sizes = self.term_columns_of(ids)
        indptr = np.zeros(height + 1, dtype=np.int64)
        np.cumsum(np.bincount(np.repeat(rows, sizes), minlength=height), out=indptr[1:])
        data = np.ones(len(columns), dtype=np.float32)
        matrix = sparse.csr_matrix((data, columns, indptr), shape=(height, len(self.terms)))
        matrix.sum_duplicates()
        return matrix

    def count(self, ids: np.ndarray) -> None:
        """Add occurrences of words."""
        if len(self.seen) < len(self.words):
            self.seen = np.concatenate([self.seen, np.zeros(len(self.words) - len(self.seen), int)])
        self.seen += np.bincount(ids, minlength=len(self.seen))

    def opens_phrase(self) -> np.ndarray:
        """For each word, whether one of its terms may open an alias phrase."""
        self._analyse_new()
        return np.frombuffer(self._opens_phrase, dtype=np.int8).astype(bool)

    def phrases(self) -> Phrases[int]:
        """The alias phrases over term columns: those whose terms all have columns so far
        (rebuilt when terms were added)."""
        known, trie = self._phrases
        if known != len(self.terms):
            terms = self.terms
            trie = Phrases.of(
                {
                    tuple(terms[t] for t in phrase): canonical
                    for phrase, canonical in self.analyzer.aliases.items()
                    if all(t in terms for t in phrase)
                }
            )
            self._phrases = (len(terms), trie)
        return trie

    def term_columns_of(self, ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The term columns of the words `ids`, one after another, and how many each has."""
        self._analyse_new()
        offsets = np.frombuffer(self._offsets, dtype=np.int64)
        sizes = np.diff(offsets)[ids]
        ends = np.cumsum(sizes)
        where = np.arange(int(ends[-1]) if len(ends) else 0)
        where += np.repeat(offsets[:-1][ids] - (ends - sizes), sizes)
        return np.frombuffer(self._columns, dtype=np.int32)[where], sizes

    def form_counts(self) -> Counter[str]:
        """How often each normalised word occurs (a compound counts its parts and itself)."""
        self._analyse_new()
        self.count(np.zeros(0, dtype=np.int64))
        offsets = np.frombuffer(self._form_offsets, dtype=np.int64)
        weights = np.repeat(self.seen, np.diff(offsets)).astype(np.float64)
        totals = np.bincount(
            np.frombuffer(self._form_ids, dtype=np.int32),
            weights=weights,
            minlength=len(self.forms),
        )
        return Counter({form: int(totals[i]) for form, i in self.forms.items() if totals[i]})

    def _analyse_new(self) -> None:
        """Terms and forms of the words added since the last call (each distinct form is
        stemmed once; the rest is array work)."""
        done = len(self._opens_phrase)
        if done == len(self.words):
            return
        forms = [word_forms(word) for word in self.words[done:]]
        flat = list(chain.from_iterable(forms))
        for form in set(flat) - self.forms.keys():
            self.forms[form] = len(self.forms)
        fresh = list(set(flat) - self._column_of.keys())
        stems = stem_all(fresh)
        for form, stemmed in zip(fresh, stems, strict=True):
            stop = form in STOP_WORDS
            self._column_of[form] = -1 if stop else self.terms.setdefault(stemmed, len(self.terms))
            self._phrase_form[form] = not stop and stemmed in self._phrase_starts
        columns = np.fromiter(map(self._column_of.__getitem__, flat), np.int64, len(flat))
        phrase = np.fromiter(map(self._phrase_form.__getitem__, flat), bool, len(flat))
        bounds = np.zeros(len(forms) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, forms), np.int64, len(forms)), out=bounds[1:])
        kept = np.concatenate([[0], np.cumsum(columns >= 0)])[bounds]
        self._columns.frombytes(columns[columns >= 0].astype(np.int32).tobytes())
        self._offsets.frombytes((kept[1:] + self._offsets[-1]).tobytes())
        form_ids = np.fromiter(map(self.forms.__getitem__, flat), np.int32, len(flat))
        self._form_ids.frombytes(form_ids.tobytes())
        self._form_offsets.frombytes((bounds[1:] + self._form_offsets[-1]).tobytes())
        opens = np.concatenate([[0], np.cumsum(phrase)])[bounds]
        self._opens_phrase.frombytes((np.diff(opens) > 0).astype(np.int8).tobytes())

    def mentions(self, mid_sentence: np.ndarray) -> Mentions:
        """Mentions from counts by word id (how often each word stands mid-sentence),
        from the words' term columns: a word whose own terms hold an alias phrase (a
        compound, a one-term alias) counts the phrase's canonical term instead."""
        phrase = self.opens_phrase()
        counted = np.flatnonzero(mid_sentence > 0)
        columns, sizes = self.term_columns_of(counted)
        capital = np.fromiter((self.words[i][0].isupper() for i in counted), bool, len(counted))
        weights = np.repeat(mid_sentence[counted], sizes).astype(np.float64)
        width = len(self.terms)
        seen = np.bincount(columns, weights=weights, minlength=width)
        upper = np.bincount(columns, weights=weights * np.repeat(capital, sizes), minlength=width)
        extra_seen: Counter[str] = Counter()
        extra_upper: Counter[str] = Counter()
        trie, offsets = self.phrases(), np.frombuffer(self._offsets, dtype=np.int64)
        every = np.frombuffer(self._columns, dtype=np.int32)
        for at in np.flatnonzero(phrase[counted]).tolist():
            word = int(counted[at])
            own = every[offsets[word] : offsets[word + 1]].tolist()
            n, big = int(mid_sentence[word]), bool(capital[at])
            for match in trie.matches(own):
                for column in own[match.start : match.start + match.size]:
                    seen[column] -= n
                    upper[column] -= n * big
                extra_seen[match.canonical] += n
                extra_upper[match.canonical] += n * big
        terms = sorted(self.terms, key=self.terms.__getitem__)
        found = Mentions(
            Counter({terms[c]: int(seen[c]) for c in np.flatnonzero(seen)}),
            Counter({terms[c]: int(upper[c]) for c in np.flatnonzero(upper)}),
        )
        found.seen.update(extra_seen)
        found.capitalised.update(extra_upper)
        return found
