"""Bounds on what one request may carry (checked at the page's and the API's boundary).

A conversation's history is re-read on every question, so an unbounded one lets a single
client slow every other session down. (Defaults to move into qa_bot/defaults.py.)
"""

from __future__ import annotations

from collections.abc import Sequence

MAX_HISTORY_ITEMS = 20  # earlier questions one request may carry
MAX_HISTORY_ITEM_CHARS = 2000  # characters per earlier question
MAX_HISTORY_CHARS = 20_000  # characters of all earlier questions together
MAX_SESSION_TURNS = 100  # questions one page session keeps before it asks for a Clear


def check_history_size(history: object) -> None:
    """ValueError naming the bound when `history` is too long; types are checked by QABot."""
    if not isinstance(history, (list, tuple)):
        return
    if len(history) > MAX_HISTORY_ITEMS:
        raise ValueError(
            f"history has {len(history)} items; the limit is {MAX_HISTORY_ITEMS} earlier questions"
        )
    texts = [item for item in history if isinstance(item, str)]
    for number, item in enumerate(texts, start=1):
        if len(item) > MAX_HISTORY_ITEM_CHARS:
            raise ValueError(
                f"history item {number} is {len(item)} characters long; "
                f"the limit is {MAX_HISTORY_ITEM_CHARS}"
            )
    total = sum(len(item) for item in texts)
    if total > MAX_HISTORY_CHARS:
        raise ValueError(
            f"history is {total} characters long in all; the limit is {MAX_HISTORY_CHARS}"
        )


def recent(questions: Sequence[str]) -> list[str]:
    """The latest questions that fit the bounds (what a long conversation passes on)."""
    kept: list[str] = []
    total = 0
    for question in reversed(questions[-MAX_HISTORY_ITEMS:]):
        text = question[:MAX_HISTORY_ITEM_CHARS]
        if total + len(text) > MAX_HISTORY_CHARS:
            break
        kept.append(text)
        total += len(text)
    return kept[::-1]
