"""Correct unknown query words against the corpus vocabulary (a typo-tolerant lookup)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from qa_bot.text import STOP_WORDS

MIN_WORD_LENGTH = 4
LONG_WORD = 9  # from this length on, two edits are still a typo (not another word)


@dataclass(frozen=True)
class Speller:
    """Known words, most frequent first; stop words are known too, so "waht" → "what"."""

    known: tuple[str, ...]

    @classmethod
    def from_counts(cls, counts: Counter[str]) -> Speller:
        words = [w for w, _ in counts.most_common() if w.isalpha() and len(w) >= 2]
        return cls(tuple(words) + tuple(sorted(STOP_WORDS - set(words))))

    def correct(self, word: str) -> str | None:
        """The closest known word within 1 edit (2 for words of 9+ letters), else None."""
        if len(word) < MIN_WORD_LENGTH or not word.isalpha():
            return None
        limit = 1 if len(word) < LONG_WORD else 2
        match = process.extractOne(
            word, self.known, scorer=DamerauLevenshtein.distance, score_cutoff=limit
        )
        return None if match is None else str(match[0])
