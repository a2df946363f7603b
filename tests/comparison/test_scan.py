"""scan() finds what the regular expressions find, on random texts of tricky characters."""

from __future__ import annotations

import random

import numpy as np
import pytest
from oracles import scan_reference as reference

from qa_bot.indexing.scan import scan
from qa_bot.indexing.wordtable import word_key

ALPHABET = [*"ab Zé1-‐'’.·/_\"“‘([*)]”!?…:\n\t ", "中", "\u00a0", "ﬁ", "Ⅳ", "٣"]


def random_case(rng: random.Random) -> tuple[str, list[int]]:
    size = rng.randint(0, 40)
    text = "".join(rng.choice(ALPHABET) for _ in range(size))
    segments = sorted({0, *(rng.randint(0, size) for _ in range(rng.randint(0, 3)))})
    return text, segments


@pytest.mark.parametrize("seed", range(20))
def test_words_and_sentence_openers_equal_the_regular_expressions(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(200):
        text, segments = random_case(rng)
        found = scan(text, np.array(segments, dtype=np.int64))
        got = list(
            zip(found.starts.tolist(), found.ends.tolist(), found.opens.tolist(), strict=True)
        )
        assert got == reference(text, segments), (text, segments)


def test_reference_reads_each_segment_on_its_own() -> None:
    text = "end. Next-word\nStart"
    assert reference(text, [0]) == [(0, 3, True), (5, 14, True), (15, 20, True)]
    # "-word" is read on its own: "-" is no opening quote, so "word" opens nothing
    assert reference(text, [0, 9]) == [(0, 3, True), (5, 9, True), (10, 14, False), (15, 20, True)]


@pytest.mark.parametrize("seed", range(5))
def test_equal_words_get_equal_keys_and_python_keys_agree(seed: int) -> None:
    rng = random.Random(seed)
    text = " ".join(
        "".join(rng.choice("abcé中1") for _ in range(rng.randint(1, 4))) for _ in range(3000)
    )
    found = scan(text, np.zeros(1, dtype=np.int64))
    words = [text[a:b] for a, b in zip(found.starts.tolist(), found.ends.tolist(), strict=True)]
    by_key: dict[int, str] = {}
    for word, key, check in zip(words, found.keys.tolist(), found.checks.tolist(), strict=True):
        assert by_key.setdefault(key, word) == word
        assert word_key(word) == (key, check)
    assert len(by_key) == len(set(words))


def test_empty_text() -> None:
    found = scan("", np.zeros(1, dtype=np.int64))
    assert len(found.starts) == len(found.keys) == 0
