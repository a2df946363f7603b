"""Documents: loading files (text, Markdown, HTML), their structure, sentences and passages."""

from qa_bot.documents.chunking import Passage, PassageTable
from qa_bot.documents.loading import Document, LoadReport, Skipped, load_corpus, load_path

__all__ = [
    "Document",
    "LoadReport",
    "Passage",
    "PassageTable",
    "Skipped",
    "load_corpus",
    "load_path",
]
