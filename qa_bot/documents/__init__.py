"""Documents: loading files (text, Markdown, HTML), their structure, sentences and passages."""

from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document, LoadReport, Skipped, load_corpus, load_path
from qa_bot.documents.table import PassageTable

__all__ = [
    "Document",
    "LoadReport",
    "Passage",
    "PassageTable",
    "Skipped",
    "load_corpus",
    "load_path",
]
