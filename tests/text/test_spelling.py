from __future__ import annotations

from collections import Counter

import pytest

from qa_bot.text.analyzer import STOP_WORDS
from qa_bot.text.spelling import MIN_WORD_LENGTH, Speller


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


@pytest.mark.parametrize("word", ["cta", "mdl", "ab"])
def test_short_words_are_not_corrected(speller, word):
    """Not into content words ("cta" is no "cat"); only a slip of a stop word ("teh") is
    read as that stop word (below)."""
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
    # "dark" is English: only a speller without the background lexicon corrects it
    speller = Speller.from_counts(Counter({"bark": 1, "park": 7}), background=False)
    assert speller.correct("dark") == "park"
    speller = Speller.from_counts(Counter({"bark": 7, "park": 1}), background=False)
    assert speller.correct("dark") == "bark"


@pytest.mark.parametrize(
    ("word", "near"),
    [("world", "word"), ("much", "such"), ("dark", "park"), ("France", "trance")],
)
def test_real_english_words_are_never_corrected(word, near):
    speller = Speller.from_counts(Counter({near: 9}))
    assert speller.correct(word) is None
    assert Speller.from_counts(Counter({near: 9}), background=False).correct(word) == near


@pytest.mark.parametrize(
    ("question", "kept"),
    [("who won the world cup", "world"), ("how much data do LLMs need?", "much")],
)
def test_bot_keeps_real_words_the_article_lacks(bot, question, kept):
    query = bot.understand(question)
    assert kept not in query.corrections
    assert query.corrections == {}


def test_bot_speller_knows_article_words(bot):
    assert bot.index.speller.correct("tunning") == "tuning"
    assert bot.index.speller.correct("transfromer") == "transformer"


def _brute_force(speller: Speller, word: str) -> str | None:
    from rapidfuzz import process
    from rapidfuzz.distance import DamerauLevenshtein

    if len(word) < 4:
        return None  # too short to correct, by design
    limit = 1 if len(word) < 9 else 2
    matches = process.extract(
        word, speller.known, scorer=DamerauLevenshtein.distance, score_cutoff=limit, limit=None
    )
    if not matches:
        return None

    def slip(known: str) -> bool:  # letters left out, or the same letters reordered
        if len(known) == len(word):
            return sorted(known) == sorted(word)
        rest = known
        for ch in word:
            found = rest.find(ch)
            if found < 0:
                return False
            rest = rest[found + 1 :]
        return len(word) < len(known)

    return min(matches, key=lambda m: (m[1], not slip(m[0]), m[2]))[0]


@pytest.mark.parametrize(
    ("counts", "typo", "fix"),
    [
        ({"with": 9, "which": 1}, "wich", "which"),  # a letter left out, not one changed
        ({"field": 1, "file": 9}, "fiel", "file"),  # two letters swapped: a slip too …
        ({"field": 9, "file": 1}, "fiel", "field"),  # … so the more frequent wins
        ({"bark": 1, "park": 7}, "dark", "park"),  # no slip: the more frequent
    ],
)
def test_a_slip_of_the_fingers_wins_a_tie(counts, typo, fix):
    speller = Speller.from_counts(Counter(counts), background=False)
    assert speller.correct(typo) == fix


def test_bucketed_lookup_equals_a_full_scan_for_typical_typos():
    import random

    rng = random.Random(5)
    letters = "abcdefghijklmnopqrstuvwxyz"
    vocabulary = Counter(
        {
            "".join(rng.choice(letters) for _ in range(rng.randint(4, 12))): rng.randint(1, 50)
            for _ in range(3000)
        }
    )
    speller = Speller.from_counts(vocabulary)
    words = list(vocabulary)
    checked = 0
    for _ in range(400):
        word = list(rng.choice(words))
        kind = rng.choice(["substitute", "delete", "insert", "swap", "first", "firstpair"])
        i = rng.randrange(1, len(word) - 1)
        if kind == "substitute":
            word[i] = rng.choice(letters)
        elif kind == "delete":
            del word[i]
        elif kind == "insert":
            word.insert(i, rng.choice(letters))
        elif kind == "swap":
            word[i], word[i + 1] = word[i + 1], word[i]
        elif kind == "first":
            word[0] = rng.choice(letters)
        else:
            word[0], word[1] = word[1], word[0]
        typo = "".join(word)
        assert speller.correct(typo) == _brute_force(speller, typo), typo
        checked += 1
    assert checked == 400


def test_wordfreq_is_imported_on_first_look_up_not_with_qa_bot():
    import subprocess
    import sys

    code = (
        "import sys, qa_bot.bot; before = 'wordfreq' in sys.modules;"
        " from qa_bot.text.lexicon import zipf; zipf('world');"
        " print(before, 'wordfreq' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert done.stdout.split() == ["False", "True"]


@pytest.mark.parametrize(
    ("typo", "fix"),
    [("wat", "what"), ("teh", "the"), ("hwo", "how"), ("adn", "and"), ("yuo", "you")],
)
def test_a_three_letter_slip_of_a_stop_word_is_that_stop_word(typo, fix):
    speller = Speller.from_counts(Counter({"router": 3, "mesh": 2}))
    assert speller.correct(typo) == fix


@pytest.mark.parametrize("word", ["eve", "cat", "api", "nas", "sql"])
def test_other_three_letter_words_are_left_alone(word):
    """Everyday words, and names no stop word is a slip of, are not typos."""
    speller = Speller.from_counts(Counter({"router": 3, "mesh": 2}))
    assert speller.correct(word) is None
