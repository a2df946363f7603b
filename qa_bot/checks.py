"""Validation at the boundary: each check returns the value or raises a typed error whose
message names the bad value and what is allowed (limits from qa_bot.defaults)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa_bot.defaults import (
    MAX_HISTORY_CHARS,
    MAX_HISTORY_ITEM_CHARS,
    MAX_HISTORY_ITEMS,
    MAX_K,
    MAX_QUESTION_CHARS,
    RETRIEVERS,
)
from qa_bot.errors import (
    EmptyQuestionError,
    HistoryTooLongError,
    InvalidArgumentError,
    InvalidTypeError,
    QuestionTooLongError,
)


def check_question(question: object) -> str:
    if not isinstance(question, str):
        raise InvalidTypeError(f"question must be a string, not {type(question).__name__}")
    if not question.strip():
        raise EmptyQuestionError("question is empty; ask something about the corpus")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionTooLongError(
            f"question is {len(question)} characters long; the limit is {MAX_QUESTION_CHARS}"
        )
    return question


def check_k(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, int):
        raise InvalidTypeError(f"k must be an integer, not {type(k).__name__}")
    if not 1 <= k <= MAX_K:
        raise InvalidArgumentError(f"k must be between 1 and {MAX_K}, got {k}")
    return k


def check_retriever(name: object) -> str:
    if not isinstance(name, str) or name not in RETRIEVERS:
        raise InvalidArgumentError(f"unknown retriever {name!r}; allowed: {', '.join(RETRIEVERS)}")
    return name


def check_prefix(prefix: object) -> str:
    if not isinstance(prefix, str):
        raise InvalidTypeError(f"source_prefix must be a string, not {type(prefix).__name__}")
    if "\n" in prefix or "\r" in prefix:
        raise InvalidArgumentError(f"source_prefix cannot hold line breaks: {prefix!r}")
    return prefix


def check_collection(name: object) -> str:
    """A Milvus collection name: a letter or _, then letters, digits, _ (<= 200)."""
    if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z_]\w{0,199}", name, re.ASCII):
        raise InvalidArgumentError(
            f"bad Milvus collection name {name!r}: a letter or _, then letters, digits or _"
        )
    return name


def check_history(history: object) -> list[str]:
    """Earlier questions, bounded: at most MAX_HISTORY_ITEMS of MAX_HISTORY_ITEM_CHARS
    each, MAX_HISTORY_CHARS in all (checked before any is read)."""
    if history is None:
        return []
    if isinstance(history, str) or not isinstance(history, Sequence):
        raise InvalidTypeError("history must be a list of earlier questions (strings)")
    if len(history) > MAX_HISTORY_ITEMS:
        raise HistoryTooLongError(
            f"history has {len(history)} items; the limit is {MAX_HISTORY_ITEMS} earlier questions"
        )
    total = 0
    for number, item in enumerate(history, start=1):
        if not isinstance(item, str):
            raise InvalidTypeError(f"history items must be strings, not {type(item).__name__}")
        if len(item) > MAX_HISTORY_ITEM_CHARS:
            raise HistoryTooLongError(
                f"history item {number} is {len(item)} characters long; "
                f"the limit is {MAX_HISTORY_ITEM_CHARS}"
            )
        total += len(item)
    if total > MAX_HISTORY_CHARS:
        raise HistoryTooLongError(
            f"history is {total} characters long in all; the limit is {MAX_HISTORY_CHARS}"
        )
    return [item for item in history if item.strip()]
