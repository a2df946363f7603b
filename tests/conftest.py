"""Shared fixtures: one bot over the bundled article for the whole session (it is read-only)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.paths import bundled_article, bundled_questions

QUESTION_SET = bundled_questions()


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Saved indexes go to a temporary folder, never to the user's ~/.cache."""
    import os

    os.environ["QA_BOT_CACHE"] = str(tmp_path_factory.mktemp("qa-bot-cache"))


@pytest.fixture(scope="session")
def bot() -> QABot:
    return QABot.default()


@pytest.fixture(scope="session")
def article_text() -> str:
    return bundled_article().read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def article(bot: QABot):
    """The bundled article as the bot loaded it (a Document)."""
    (document,) = bot.documents.values()
    return document


@pytest.fixture(scope="session")
def shipped_questions() -> list[dict]:
    """The question set shipped beside the article (question, history, ...)."""
    lines = Path(QUESTION_SET).read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


FOUND_QUESTION = "What are the weaknesses of generative AI?"
REFUSED_QUESTION = "What is the capital of France?"


@pytest.fixture(scope="session")
def qa(bot: QABot) -> QABot:
    """The session's bot under the name the page and render tests use."""
    return bot


@pytest.fixture(scope="session")
def found(bot: QABot):
    """A found answer (a list from one section)."""
    answer = bot.ask(FOUND_QUESTION)
    assert answer.found
    return answer


@pytest.fixture(scope="session")
def refused(bot: QABot):
    """A refusal (the article does not cover it)."""
    answer = bot.ask(REFUSED_QUESTION)
    assert not answer.found
    return answer
