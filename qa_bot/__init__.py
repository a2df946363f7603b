"""qa_bot: answers questions about documents with verbatim, cited passages — no hosted model."""

from qa_bot.answering.answer import Answer, Quote
from qa_bot.bot import QABot
from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document
from qa_bot.errors import (
    CorpusError,
    CorpusNotFoundError,
    DocumentError,
    IndexFileError,
    InvalidArgumentError,
    InvalidTypeError,
    MissingExtraError,
    QABotError,
    QuestionSetError,
)

__all__ = [
    "Answer",
    "CorpusError",
    "CorpusNotFoundError",
    "Document",
    "DocumentError",
    "IndexFileError",
    "InvalidArgumentError",
    "InvalidTypeError",
    "MissingExtraError",
    "Passage",
    "QABot",
    "QABotError",
    "QuestionSetError",
    "Quote",
]
__version__ = "0.1.0"
