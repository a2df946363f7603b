"""Every default and limit in one place: the API, the CLI, the page and eval read them here."""

from __future__ import annotations

RETRIEVERS = ("hybrid", "bm25", "tfidf")
DEFAULT_RETRIEVER = "hybrid"
DEFAULT_K = 5  # passages cited / shown per answer
MAX_K = 100

MAX_QUESTION_CHARS = 2_000
MAX_HISTORY_ITEMS = 100  # earlier questions kept for follow-ups
MAX_HISTORY_CHARS = 20_000  # all of them together
