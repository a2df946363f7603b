"""The bot: `QABot` (facade), the one object the Python API, the CLI, the web page and the
evaluation use, and what it is opened on (opening: documents, search backend, IndexStatus)."""

from qa_bot.bot.facade import CUE_KINDS, QABot, check_available
from qa_bot.bot.opening import IndexStatus

__all__ = ["CUE_KINDS", "IndexStatus", "QABot", "check_available"]
