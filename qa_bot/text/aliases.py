"""Mine aliases from the corpus itself: "Large Language Models (LLMs)" ⇒ llm ≡ large language model.

Long forms are found with the Schwartz–Hearst rule: the letters of the short form appear,
in order, in the words just before the parentheses, the first letter starting a word.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from qa_bot.text.analyzer import STOP_WORDS, normalize, stem, words

_DEFINITION = re.compile(r"\(\s*([A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*)\s*\)")
_MAX_EXTRA_WORDS = 5
_STRETCH = 1_000  # characters before a definition read first for its words


def mine_aliases(texts: Iterable[str]) -> dict[tuple[str, ...], str]:
    """Map each defined phrase's stems (and the acronym's own stem) to one canonical term."""
    aliases: dict[tuple[str, ...], str] = {}
    for text in texts:
        for match in _DEFINITION.finditer(text):
            short = match.group(1)
            letters = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
            window = words_before(text, match.start(), len(letters) + _MAX_EXTRA_WORDS)
            found = _defined(short, letters, " ".join(window)) if window else None
            if found is not None and found[0] not in aliases:
                aliases[found[0]] = found[1]
    return aliases


def shortened(aliases: dict[tuple[str, ...], str]) -> dict[tuple[str, ...], str]:
    """The shortened forms of the defined phrases — the phrase without its first word
    ("language model" of "large language model"), two terms at least — that are not
    phrases themselves and shorten one name only."""
    found: dict[tuple[str, ...], str | None] = {}
    for phrase, canonical in aliases.items():
        tail = phrase[1:]
        if len(tail) >= 2 and tail not in aliases:
            found[tail] = canonical if found.get(tail, canonical) == canonical else None
    return {tail: canonical for tail, canonical in found.items() if canonical is not None}


def _defined(short: str, letters: str, window: str) -> tuple[tuple[str, ...], str] | None:
    """(phrase stems, canonical) of `short` defined after the words `window`, or None."""
    long_form = _long_form(letters, window)
    if long_form is None:
        return None
    phrase = tuple(stem(w) for w, _, _ in words(long_form) if w not in STOP_WORDS)
    return (phrase, stem(normalize(short))) if len(phrase) >= 2 else None


def _long_form(letters: str, window: str) -> str | None:
    best = _schwartz_hearst(letters, window)
    if best is None or len(best.split()) > min(len(letters) + _MAX_EXTRA_WORDS, 2 * len(letters)):
        return None
    return best


def words_before(text: str, end: int, n: int) -> list[str]:
    """`text[:end].split()[-n:]` (n ≥ 1), read from a short stretch before `end` when
    that holds more than n words: a definition late in a long document reads little."""
    start = max(0, end - _STRETCH)
    found = text[start:end].rsplit(None, n)
    if start == 0 or len(found) > n:  # the first piece may be cut; the last n are whole
        return found[-n:]
    return last_words(text[:end], n)


def last_words(text: str, n: int) -> list[str]:
    """`text.split()[-n:]` (n ≥ 1), splitting off only the end of the text: a definition
    late in a long document does not split the whole text before it."""
    return text.rsplit(None, n)[-n:]


def _schwartz_hearst(short: str, long: str) -> str | None:
    s, pos = len(short) - 1, len(long) - 1
    while s >= 0:
        char = short[s].lower()
        if not char.isalnum():
            s -= 1
            continue
        while pos >= 0 and (
            long[pos].lower() != char or (s == 0 and pos > 0 and long[pos - 1].isalnum())
        ):
            pos -= 1
        if pos < 0:
            return None
        pos -= 1
        s -= 1
    start = long.rfind(" ", 0, pos + 1) + 1
    return long[start:]
