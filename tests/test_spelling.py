from __future__ import annotations

from collections import Counter

import pytest

from qa_bot.spelling import MIN_WORD_LENGTH, Speller
from qa_bot.text import STOP_WORDS


@pytest.fixture(scope="module")
def speller() -> Speller:
    return Speller.from_counts(
        Counter({"tuning": 3, "model": 5, "cat": 2, "transformer": 2, "hallucinations": 1})
    )


@pytest.mark.parametrize(
    ("word", "fix"),
    [
        ("tunning", "tuning"),  # insertion
        ("waht", "what"),  # transposition, stop words are known
        ("modle", "model"),
        ("transfromer", "transformer"),
        ("trasnfromer", "transformer"),  # two edits allowed for 7+ letters
        ("hallucinatons", "hallucinations"),
    ],
)
def test_corrections(speller, word, fix):
    assert speller.correct(word) == fix


@pytest.mark.parametrize("word", ["cta", "mdl", "teh", "ab"])
def test_short_words_are_not_corrected(speller, word):
    assert len(word) < MIN_WORD_LENGTH
    assert speller.correct(word) is None


@pytest.mark.parametrize("word", ["zzzzzzz", "qwerty", "trnsfrmr", "mdoels"])
def test_nothing_within_distance(speller, word):
    assert speller.correct(word) is None


def test_short_words_get_one_edit_only(speller):
    # "mdoels" is two edits from "model" (transposition + insertion) and only 6 letters
    assert speller.correct("modelz") == "model"
    assert speller.correct("mdoelz") is None


@pytest.mark.parametrize("word", ["gpt4", "tun1ng", "fine-tuning"])
def test_non_alphabetic_words_are_left_alone(speller, word):
    assert speller.correct(word) is None


def test_known_words_most_frequent_first_then_stop_words():
    speller = Speller.from_counts(Counter({"rare": 1, "common": 9, "x": 50, "what": 4, "gpt4": 3}))
    assert speller.known[:3] == ("common", "what", "rare")
    assert "x" not in speller.known  # too short
    assert "gpt4" not in speller.known  # not alphabetic
    assert set(speller.known[3:]) == STOP_WORDS - {"what"}
    assert len(speller.known) == len(set(speller.known))


def test_more_frequent_word_wins_a_tie():
    speller = Speller.from_counts(Counter({"bark": 1, "park": 7}))
    assert speller.correct("dark") == "park"
    speller = Speller.from_counts(Counter({"bark": 7, "park": 1}))
    assert speller.correct("dark") == "bark"


def test_bot_speller_knows_article_words(bot):
    assert bot.index.speller.correct("tunning") == "tuning"
    assert bot.index.speller.correct("transfromer") == "transformer"
