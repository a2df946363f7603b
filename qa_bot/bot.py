"""QABot: the one facade the Python API, the CLI, the web page and the evaluation use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from qa_bot.answer import Answer
from qa_bot.chunking import Passage
from qa_bot.compose import Settings, compose
from qa_bot.conversation import Conversation
from qa_bot.corpus import Document, bundled_article, load_path
from qa_bot.index import CorpusIndex, Query
from qa_bot.question import search_text
from qa_bot.retrievers import DEFAULT_RETRIEVER, Ranking, build_retrievers, check_retriever

MAX_QUESTION_CHARS = 2000
MAX_K = 100
DEFAULT_K = 5


class QABot:
    """Answers questions about a corpus with verbatim, cited passages.

    >>> bot = QABot.default()
    >>> bot.ask("What is fine-tuning?").found
    True
    """

    def __init__(
        self,
        documents: Mapping[str, Document],
        retriever: str = DEFAULT_RETRIEVER,
        k: int = DEFAULT_K,
        settings: Settings | None = None,
    ) -> None:
        if not documents:
            raise ValueError("a QABot needs at least one document")
        self.retriever = check_retriever(retriever)
        self.k = check_k(k)
        self.settings = settings or Settings()
        self.documents: dict[str, Document] = dict(documents)
        self.index = CorpusIndex.build(self.documents)
        self.retrievers = build_retrievers(self.index)
        self.conversation = Conversation.build(
            self.index.analyzer, (p.text for p in self.index.passages)
        )

    @classmethod
    def from_path(
        cls, path: str | Path, retriever: str = DEFAULT_RETRIEVER, k: int = DEFAULT_K
    ) -> QABot:
        """A bot over one .txt/.md file or a folder of them (recursively)."""
        if not isinstance(path, (str, Path)):
            raise TypeError(f"path must be a str or Path, not {type(path).__name__}")
        return cls(load_path(path), retriever=retriever, k=k)

    @classmethod
    def default(cls, retriever: str = DEFAULT_RETRIEVER, k: int = DEFAULT_K) -> QABot:
        """A bot over the bundled article."""
        return cls.from_path(bundled_article(), retriever=retriever, k=k)

    @property
    def passages(self) -> tuple[Passage, ...]:
        return self.index.passages

    def understand(self, question: str, history: Sequence[str] | None = None) -> Query:
        """The effective query for a question, follow-ups resolved from `history`."""
        check_question(question)
        earlier = check_history(history)
        resolved = self.conversation.resolve(question, earlier)
        return self.index.query(resolved, search=search_text(resolved))

    def rank(
        self,
        question: str,
        k: int | None = None,
        history: Sequence[str] | None = None,
        retriever: str | None = None,
    ) -> tuple[Query, Ranking]:
        """The effective query and the k best (passage position, score) pairs."""
        query = self.understand(question, history)
        size = self.k if k is None else check_k(k)
        name = self.retriever if retriever is None else check_retriever(retriever)
        return query, self.retrievers[name].top_k(query, size)

    def search(
        self,
        question: str,
        k: int | None = None,
        history: Sequence[str] | None = None,
        retriever: str | None = None,
    ) -> list[Passage]:
        """The k passages that best match the question, best first."""
        _, ranking = self.rank(question, k, history, retriever)
        return [self.index.passages[position] for position, _ in ranking]

    def ask(
        self,
        question: str,
        history: Sequence[str] | None = None,
        k: int | None = None,
        retriever: str | None = None,
    ) -> Answer:
        """A cited answer, or a plain refusal when the corpus does not cover the question."""
        return self.respond(question, history, k, retriever)[0]

    def respond(
        self,
        question: str,
        history: Sequence[str] | None = None,
        k: int | None = None,
        retriever: str | None = None,
    ) -> tuple[Answer, list[Passage]]:
        """The answer and the ranked passages it was made from (for evaluation)."""
        query, ranking = self.rank(question, k, history, retriever)
        name = self.retriever if retriever is None else retriever
        answer = compose(question, query, ranking, self.index, self.documents, name, self.settings)
        return answer, [self.index.passages[position] for position, _ in ranking]


def check_question(question: object) -> str:
    if not isinstance(question, str):
        raise TypeError(f"question must be a string, not {type(question).__name__}")
    if not question.strip():
        raise ValueError("question is empty; ask something about the corpus")
    if len(question) > MAX_QUESTION_CHARS:
        raise ValueError(
            f"question is {len(question)} characters long; the limit is {MAX_QUESTION_CHARS}"
        )
    return question


def check_k(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, int):
        raise TypeError(f"k must be an integer, not {type(k).__name__}")
    if not 1 <= k <= MAX_K:
        raise ValueError(f"k must be between 1 and {MAX_K}, got {k}")
    return k


def check_history(history: Sequence[str] | None) -> list[str]:
    if history is None:
        return []
    if isinstance(history, str) or not isinstance(history, Sequence):
        raise TypeError("history must be a list of earlier questions (strings)")
    for item in history:
        if not isinstance(item, str):
            raise TypeError(f"history items must be strings, not {type(item).__name__}")
    return [item for item in history if item.strip()]
