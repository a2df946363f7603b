"""Where qa_bot finds and keeps files: the bundled data, the index cache, the feedback file.

Platform folders come from platformdirs (XDG on Linux: $XDG_CACHE_HOME, $XDG_DATA_HOME);
$QA_BOT_CACHE and $QA_BOT_FEEDBACK override them.
"""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import platformdirs

APP = "qa-bot"
ARTICLE = "llm-vs-generative-ai.txt"
ARTICLE_QUESTIONS = "llm-vs-generative-ai.questions.jsonl"


def bundled(name: str) -> Path:
    """A file of the package's data folder (the bundled article and its question set)."""
    return Path(str(resources.files("qa_bot.data") / name))


def bundled_article() -> Path:
    """The article qa_bot ships with (the default corpus)."""
    return bundled(ARTICLE)


def bundled_questions() -> Path:
    """The question set shipped with the bundled article."""
    return bundled(ARTICLE_QUESTIONS)


def cache_dir() -> Path:
    """$QA_BOT_CACHE, else the user cache folder ($XDG_CACHE_HOME/qa-bot, ~/.cache/qa-bot)."""
    explicit = os.environ.get("QA_BOT_CACHE")
    if explicit:
        return Path(explicit)
    return Path(platformdirs.user_cache_dir(APP, appauthor=False))


def feedback_path() -> Path:
    """$QA_BOT_FEEDBACK, else feedback.jsonl in the user data folder
    ($XDG_DATA_HOME/qa-bot, ~/.local/share/qa-bot)."""
    explicit = os.environ.get("QA_BOT_FEEDBACK")
    if explicit:
        return Path(explicit)
    return Path(platformdirs.user_data_dir(APP, appauthor=False)) / "feedback.jsonl"
