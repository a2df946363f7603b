"""Every error qa_bot raises on purpose, as types: shells catch these and print their
message; nothing matches on message text.

Each keeps the built-in base it had before (ValueError, TypeError, FileNotFoundError,
ImportError), so `except ValueError` written against earlier releases still works.
"""

from __future__ import annotations


class QABotError(Exception):
    """Base of qa_bot's errors; the message names the bad value and what is allowed."""


class InvalidArgumentError(QABotError, ValueError):
    """A value the API does not accept: empty or over-long question, k out of range,
    unknown retriever, history too long."""


class EmptyQuestionError(InvalidArgumentError):
    """The question has no text."""


class QuestionTooLongError(InvalidArgumentError):
    """The question is longer than defaults.MAX_QUESTION_CHARS."""


class HistoryTooLongError(InvalidArgumentError):
    """The history has too many questions or characters (defaults.MAX_HISTORY_*)."""


class InvalidTypeError(QABotError, TypeError):
    """An argument of the wrong type (a question that is not a string, …)."""


class CorpusNotFoundError(QABotError, FileNotFoundError):
    """The corpus path does not exist."""


class CorpusError(QABotError, ValueError):
    """A corpus that cannot be used as a whole: an empty folder, no usable document."""


class DocumentError(QABotError, ValueError):
    """One file that is not a usable document; `reason` says why, without naming it."""

    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason


class IndexFileError(QABotError, ValueError):
    """A saved index is missing, corrupted or not ours; the message says which and why."""


class QuestionSetError(QABotError, ValueError):
    """A question set line is invalid; the message names the file and line."""


class QuestionSetNotFoundError(QABotError, FileNotFoundError):
    """The question set file does not exist."""


class MissingExtraError(QABotError, ImportError):
    """An optional feature whose packages are not installed; names the extra to install."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(f"{feature} needs pip install 'qa-bot[{extra}]'")
        self.extra = extra


class CollisionError(QABotError, RuntimeError):
    """Two different words got the same 64-bit key while counting a corpus (never merged:
    indexing stops; astronomically rare)."""


class BackendConnectionError(QABotError, ConnectionError):
    """A search backend (Milvus) at a URI cannot be reached or did not answer in time
    (`timed_out`); the message names the URI. Nothing is lost: ask again once it is back."""

    def __init__(self, message: str, timed_out: bool = False) -> None:
        super().__init__(message)
        self.timed_out = timed_out


class CollectionNotFoundError(QABotError, LookupError):
    """A backend collection that does not exist (or holds no qa_bot index); names it."""
