"""A background model of English: how common a word is in general text (the `wordfreq`
package, which ships its data; no network).

The corpus alone cannot tell a real word it lacks ("world", "France") from a typo of one
it has, nor a specific word ("France") from an everyday one ("fits"): this can. Zipf
frequency is log10 of occurrences per billion words: "the" ≈ 7.7, "world" ≈ 5.9, a
misspelling like "waht" ≈ 2.0, an unknown string 0. wordfreq is imported on the first
look-up (~0.2 s), not with qa_bot: a question whose words the corpus knows never needs it.
"""

from __future__ import annotations

from functools import lru_cache

REAL_WORD = 3.0  # from this Zipf frequency on, a word is English, not a typo
EVERYDAY_WORD = 3.5  # from here on, an ordinary word a paraphrase may use in passing
FILLER_WORD = 5.5  # from here on, so common it says next to nothing ("lot", "thing")


@lru_cache(maxsize=65_536)
def zipf(word: str) -> float:
    """The word's Zipf frequency in English (0.0 when wordfreq does not know it)."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(word, "en"))


def is_english(word: str) -> bool:
    """A real English word (not to be "corrected" into another one)."""
    return zipf(word) >= REAL_WORD


def is_everyday(word: str) -> bool:
    """Common enough in English that a question may use it without naming its topic."""
    return zipf(word) >= EVERYDAY_WORD


def is_filler(word: str) -> bool:
    """So common that a question's meaning does not hang on it."""
    return zipf(word) >= FILLER_WORD
