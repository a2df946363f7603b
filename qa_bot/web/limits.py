"""What one page session passes on: the latest questions that fit the history bounds
(`qa_bot.defaults.MAX_HISTORY_*`; QABot checks them at its boundary)."""

from __future__ import annotations

from collections.abc import Sequence

from qa_bot.defaults import MAX_HISTORY_CHARS, MAX_HISTORY_ITEM_CHARS, MAX_HISTORY_ITEMS


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
