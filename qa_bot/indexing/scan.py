"""Word matches of a long text found with numpy over its code points, not one regex match
at a time: what `text.WORD.finditer` finds, and which of them open a sentence (as
`analysis.SENTENCE_START` reads a segment of the text on its own).

Equal words get equal keys (a polynomial hash over the code points, checked by a second,
independent one), so a corpus is counted without making a string of every word.
tests/test_scan.py checks both against the regular expressions on random texts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

WORD_CHAR, JOINER, SPACE, PREFIX, CLOSER, END, NEWLINE = (1 << i for i in range(7))
_JOINERS = "-‐‑'’.·/"  # what may join two parts of one word (text.WORD)
_PREFIXES = "\"'“‘([*_"  # may stand before a sentence's first word
_CLOSERS = "\"'”’)]"  # may follow the mark ending a sentence
_ENDS = ".!?…:"
_LETTER = re.compile(r"[^\W_]")
_SPACE = re.compile(r"\s")
PRIMES = (0x9E3779B97F4A7C15, 0xC2B2AE3D27D4EB4F)  # odd, so invertible mod 2^64
_MASK = 2**64 - 1


@dataclass(frozen=True)
class Words:
    """The word matches of a text: [starts, ends) offsets, keys, and sentence openers."""

    starts: np.ndarray  # int64
    ends: np.ndarray  # int64
    keys: np.ndarray  # uint64: equal words, equal keys
    checks: np.ndarray  # uint64: a second hash (equal keys with unequal checks: a collision)
    opens: np.ndarray  # bool: the word opens a sentence of its segment


@lru_cache(maxsize=65_536)
def char_class(code: int) -> int:
    """The classes of one character, as bits."""
    char = chr(code)
    bits = WORD_CHAR if _LETTER.match(char) else 0
    bits |= JOINER if char in _JOINERS else 0
    bits |= SPACE if _SPACE.match(char) else 0
    bits |= PREFIX if char in _PREFIXES else 0
    bits |= CLOSER if char in _CLOSERS else 0
    bits |= END if char in _ENDS else 0
    return bits | (NEWLINE if char == "\n" else 0)


_ASCII = np.array([char_class(c) for c in range(128)], dtype=np.uint8)


def classes(codes: np.ndarray) -> np.ndarray:
    """Each code point's class bits."""
    found: np.ndarray = _ASCII[np.minimum(codes, 127)]
    wide = codes > 127
    if wide.any():
        distinct, inverse = np.unique(codes[wide], return_inverse=True)
        bits = np.array([char_class(int(c)) for c in distinct], dtype=np.uint8)
        found[wide] = bits[inverse]
    return found


def scan(text: str, segments: np.ndarray) -> Words:
    """The word matches of `text` read segment by segment: `segments` (sorted offsets, the
    first 0) start pieces that are read on their own (no word runs across two)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    kind = classes(codes)
    letter = (kind & WORD_CHAR) > 0
    cut = np.zeros(len(codes) + 1, dtype=bool)  # cut[i]: i starts a segment
    cut[segments[(segments > 0) & (segments < len(codes))]] = True
    inside = letter.copy()
    if len(codes) > 2:
        left = letter[:-2] & ~cut[1:-2]  # the letter before, in the same segment
        right = letter[2:] & ~cut[2:-1]  # the letter after, in the same segment
        inside[1:-1] |= ((kind[1:-1] & JOINER) > 0) & left & right
    before = np.concatenate([[False], inside[:-1]]) & ~cut[:-1]
    after = np.concatenate([inside[1:], [False]]) & ~cut[1:]
    starts = np.flatnonzero(inside & ~before)
    ends = np.flatnonzero(inside & ~after) + 1
    keys, checks = (_hashes(codes, starts, ends, prime) for prime in PRIMES)
    opens = _opens(kind, starts, segments)
    return Words(starts, ends, keys, checks, opens)


def _hashes(codes: np.ndarray, starts: np.ndarray, ends: np.ndarray, prime: int) -> np.ndarray:
    """sum((code + 1) · prime^i) over each word's code points, mod 2^64."""
    powers, inverses = _powers(len(codes) + 1, prime)
    prefix = np.zeros(len(codes) + 1, dtype=np.uint64)
    np.cumsum((codes.astype(np.uint64) + np.uint64(1)) * powers[: len(codes)], out=prefix[1:])
    hashed: np.ndarray = (prefix[ends] - prefix[starts]) * inverses[starts]
    return hashed


_POWERS: dict[int, tuple[np.ndarray, np.ndarray]] = {}


def forget_powers() -> None:
    """Let go of the kept powers (~150 MB after scanning a large corpus in 4M batches)."""
    _POWERS.clear()


def _powers(size: int, prime: int) -> tuple[np.ndarray, np.ndarray]:
    """prime^i and prime^-i mod 2^64 for i < size (kept, grown when a longer text comes)."""
    cached = _POWERS.get(prime)
    if cached is None or len(cached[0]) < size:
        size = max(size, 1 << 16)
        inverse = pow(prime, -1, 2**64)
        powers = np.full(size, prime, dtype=np.uint64)
        powers[0] = 1
        inverses = np.full(size, inverse & _MASK, dtype=np.uint64)
        inverses[0] = 1
        cached = (np.cumprod(powers, dtype=np.uint64), np.cumprod(inverses, dtype=np.uint64))
        _POWERS[prime] = cached
    return cached


def _opens(kind: np.ndarray, starts: np.ndarray, segments: np.ndarray) -> np.ndarray:
    """Whether each word opens a sentence: at its segment's start or a line's start, or
    after a sentence mark, closing quotes and white space (prefixes such as quotes,
    brackets or emphasis may stand between)."""
    own = segments[np.searchsorted(segments, starts, side="right") - 1]
    mark = _back_over(kind, starts - 1, own, PREFIX)
    opens = mark < own
    at = np.maximum(mark, 0)
    opens |= ~opens & ((kind[at] & NEWLINE) > 0)
    spaced = ~opens & ((kind[at] & SPACE) > 0)
    word_end = _back_over(kind, mark, own, SPACE)
    closed = _back_over(kind, word_end, own, CLOSER)
    punct = (kind[np.maximum(closed, 0)] & END) > 0
    opens |= spaced & (closed >= own) & punct
    return opens


def _back_over(kind: np.ndarray, positions: np.ndarray, floors: np.ndarray, bit: int) -> np.ndarray:
    """Step each position back over characters of class `bit`, not below its floor (then it
    ends at floor - 1): the last position at or before it without `bit`."""
    found = positions.copy()
    moving = np.flatnonzero(found >= floors)
    while len(moving):
        has = (kind[found[moving]] & bit) > 0
        moving = moving[has]
        found[moving] -= 1
        moving = moving[found[moving] >= floors[moving]]
    stopped: np.ndarray = np.maximum(found, floors - 1)
    return stopped
