"""Alias phrases found in one left-to-right pass: a trie over term sequences.

At each position the longest phrase starting there wins and the pass resumes after it
(else after the one term). A walk from a position only follows the trie, so the cost is
the number of terms times the length of the longest partial match there, whatever the
number of phrases. Keys are generic: the analyzer matches term strings, the corpus
counter matches term columns (ints).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

import numpy as np

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Match:
    """`size` terms from `start` are the phrase of `canonical`."""

    start: int
    size: int
    canonical: str


@dataclass(frozen=True)
class Phrases(Generic[K]):
    """A trie: node 0 is the root; `children[node]` maps a key to the next node, and
    `canonical[node]` is the phrase ending there (None: no phrase ends there)."""

    children: tuple[dict[K, int], ...]
    canonical: tuple[str | None, ...]

    @classmethod
    def of(cls, phrases: Mapping[tuple[K, ...], str]) -> Phrases[K]:
        """The trie of `phrases` (each a non-empty tuple of keys → its canonical term)."""
        children: list[dict[K, int]] = [{}]
        canonical: list[str | None] = [None]
        for phrase, term in phrases.items():
            if not phrase:
                raise ValueError(f"an alias phrase needs at least one term, got {phrase!r}")
            node = 0
            for key in phrase:
                child = children[node].get(key)
                if child is None:
                    child = children[node][key] = len(children)
                    children.append({})
                    canonical.append(None)
                node = child
            canonical[node] = term
        return cls(tuple(children), tuple(canonical))

    @property
    def first(self) -> dict[K, int]:
        """The keys a phrase can open with (→ their nodes)."""
        return self.children[0]

    def longest_at(self, keys: Sequence[K], start: int) -> tuple[int, str]:
        """(size, canonical) of the longest phrase at `keys[start:]`, or (0, "")."""
        children, canonical = self.children, self.canonical
        size, found = 0, ""
        node, at, end = 0, start, len(keys)
        while at < end:
            child = children[node].get(keys[at])
            if child is None:
                break
            node, at = child, at + 1
            term = canonical[node]
            if term is not None:
                size, found = at - start, term
        return size, found

    def matches(self, keys: Sequence[K], candidates: Iterable[int] | None = None) -> list[Match]:
        """The phrases of `keys`, left to right, the longest at each position; `candidates`
        (ascending) must hold every position whose key opens a phrase, if given."""
        first = self.children[0]
        if candidates is None:
            candidates = [i for i, key in enumerate(keys) if key in first]
        found: list[Match] = []
        free = 0
        for start in candidates:
            if start < free:
                continue
            size, term = self.longest_at(keys, start)
            if size:
                found.append(Match(start, size, term))
                free = start + size
        return found

    def replace(self, keys: list[K]) -> list[K | str]:
        """`keys` with each phrase found replaced by its canonical term."""
        first = self.children[0]
        if first.keys().isdisjoint(keys):
            return list(keys)
        out: list[K | str] = []
        done = 0
        for match in self.matches(keys):
            out.extend(keys[done : match.start])
            out.append(match.canonical)
            done = match.start + match.size
        out.extend(keys[done:])
        return out


def possible_starts(phrases: Phrases[int], keys: np.ndarray) -> np.ndarray:
    """The positions of int `keys` (≥ 0; other keys are in no phrase) where a phrase may
    start: a one-term phrase, or the first two keys of a longer one (array work; the
    trie then walks only from these)."""
    first = phrases.first
    top = max(int(keys.max(initial=-1)), max(first, default=-1)) + 2
    opens = np.zeros(top, dtype=bool)  # index -1 (= top - 1): never
    alone = np.zeros(top, dtype=bool)
    pairs: list[int] = []
    for key, node in first.items():
        opens[key] = True
        alone[key] = phrases.canonical[node] is not None
        pairs.extend(key * top + then for then in phrases.children[node] if then >= 0)
    keys = np.append(np.where(keys >= 0, keys, top - 1), top - 1)
    at = np.flatnonzero(opens[keys])
    pair = keys[at] * top + keys[at + 1]
    found: np.ndarray = at[alone[keys[at]] | np.isin(pair, np.array(pairs, dtype=np.int64))]
    return found
