"""Every default and limit in one place: the API, the CLI, the page and eval read them here."""

from __future__ import annotations

RETRIEVERS = ("hybrid", "bm25", "tfidf")
DEFAULT_RETRIEVER = "hybrid"
DEFAULT_K = 5  # passages cited / shown per answer
MAX_K = 100

MAX_QUESTION_CHARS = 2_000
# A conversation's history is re-read on every question: bounded, so that one client
# cannot slow every other session down.
MAX_HISTORY_ITEMS = 20  # earlier questions one request may carry
MAX_HISTORY_ITEM_CHARS = MAX_QUESTION_CHARS  # characters per earlier question
MAX_HISTORY_CHARS = 20_000  # characters of all earlier questions together
MAX_SESSION_TURNS = 100  # questions one chat-page session keeps before it asks for a Clear
