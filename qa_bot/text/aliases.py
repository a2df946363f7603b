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


def mine_aliases(texts: Iterable[str]) -> dict[tuple[str, ...], str]:
    """Map each defined phrase's stems (and the acronym's own stem) to one canonical term."""
    aliases: dict[tuple[str, ...], str] = {}
    for text in texts:
        for match in _DEFINITION.finditer(text):
            short = match.group(1)
            long_form = _long_form(short, text[: match.start()])
            if long_form is None:
                continue
            phrase = tuple(stem(w) for w, _, _ in words(long_form) if w not in STOP_WORDS)
            canonical = stem(normalize(short))
            if len(phrase) >= 2 and phrase not in aliases:
                aliases[phrase] = canonical
    return aliases


def _long_form(short: str, before: str) -> str | None:
    letters = short[:-1] if short.endswith("s") and short[:-1].isupper() else short
    window = last_words(before, len(letters) + _MAX_EXTRA_WORDS)
    if not window:
        return None
    best = _schwartz_hearst(letters, " ".join(window))
    if best is None or len(best.split()) > min(len(letters) + _MAX_EXTRA_WORDS, 2 * len(letters)):
        return None
    return best


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
