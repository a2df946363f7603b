"""Correct unknown query words against the corpus vocabulary (a typo-tolerant lookup).

A word English knows (the background lexicon: "world", "much") is never a typo, even when
the corpus lacks it: it is left as it is, not "corrected" into a corpus word."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein

from qa_bot.text.analyzer import STOP_WORDS
from qa_bot.text.lexicon import is_english, is_everyday

MIN_WORD_LENGTH = 4
SHORT_TYPO = 3  # a word this short is only a slip of a stop word ("wat"), if anything
LONG_WORD = 9  # from this length on, two edits are still a typo (not another word)


@dataclass(frozen=True)
class Speller:
    """Known words, most frequent first; stop words are known too, so "waht" → "what"."""

    known: tuple[str, ...]
    background: bool = True  # leave real English words alone (text.lexicon)

    @classmethod
    def from_counts(cls, counts: Counter[str], background: bool = True) -> Speller:
        words = [w for w, _ in counts.most_common() if w.isalpha() and len(w) >= 2]
        return cls(tuple(words) + tuple(sorted(STOP_WORDS - set(words))), background)

    def correct(self, word: str) -> str | None:
        """The closest known word within 1 edit (2 for words of 9+ letters), else None;
        None for a real English word too (with `background`).

        Only words of a near length that share the first letter (or its second, for a
        swapped pair) or the second letter (for a wrong first one) are compared, so a
        vocabulary of a million words costs far less than a scan; ties go to the more
        frequent word — or, before it, one the typed word is a slip of (a letter left out,
        two swapped: "wich" → "which", not "with")."""
        if len(word) == SHORT_TYPO and word.isalpha():
            return self._stop_word_slip(word)
        if len(word) < MIN_WORD_LENGTH or not word.isalpha():
            return None
        if self.background and is_english(word.casefold()):
            return None
        limit = 1 if len(word) < LONG_WORD else 2
        candidates = self._candidates(word, limit)
        matches = process.extract(
            word, candidates, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=None
        )
        if not matches:
            return None
        # closest first; among equals, a slip of the fingers — a letter left out or two
        # swapped ("wich": which, not with; "fiel": file) — then the more frequent
        best = min(matches, key=lambda m: (m[1], not _slip(word, m[0]), m[2]))
        return str(best[0])

    def _stop_word_slip(self, word: str) -> str | None:
        """A three-letter word no one writes every day that is a slip of a stop word
        ("wat" of "what", "teh" of "the"): that stop word, the most frequent if several."""
        folded = word.casefold()
        if self.background and is_everyday(folded):
            return None
        slips = [
            known
            for known in self._stop_words
            if len(known) - len(folded) <= 1 and _slip(folded, known)
        ]
        return slips[0] if slips else None

    @cached_property
    def _stop_words(self) -> list[str]:
        return [known for known in self.known if known in STOP_WORDS]

    def _candidates(self, word: str, limit: int) -> list[str]:
        buckets = self._buckets
        ranks: set[int] = set()
        keys = {word[0], word[1], "2" + word[1]}
        for key in keys:
            for length in range(len(word) - limit, len(word) + limit + 1):
                ranks.update(buckets.get((key, length), ()))
        return [self.known[rank] for rank in sorted(ranks)]

    @cached_property
    def _buckets(self) -> dict[tuple[str, int], list[int]]:
        """(first letter, length) and ("2" + second letter, length) → ranks of the known
        words (most frequent first)."""
        buckets: dict[tuple[str, int], list[int]] = {}
        for rank, known in enumerate(self.known):
            buckets.setdefault((known[0], len(known)), []).append(rank)
            buckets.setdefault(("2" + known[1:2], len(known)), []).append(rank)
        return buckets


def _slip(typed: str, known: str) -> bool:
    """`typed` is `known` with letters left out ("wich" of "which") or the same letters
    in another order ("fiel" of "file")."""
    if len(typed) == len(known):
        return sorted(typed) == sorted(known)
    letters = iter(known)
    return len(typed) < len(known) and all(ch in letters for ch in typed)
