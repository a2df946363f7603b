"""Deprecated: the loading API moved to `qa_bot.documents` (this shim goes in 0.3)."""

import warnings

from qa_bot.documents import Document, LoadReport, Skipped, load_corpus, load_path

warnings.warn(
    "qa_bot.corpus is deprecated; import from qa_bot.documents", DeprecationWarning, stacklevel=2
)

__all__ = ["Document", "LoadReport", "Skipped", "load_corpus", "load_path"]
