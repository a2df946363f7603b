"""QABot: the one facade the Python API, the CLI, the web page and the evaluation use."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from pathlib import Path

from qa_bot.answering.answer import Answer
from qa_bot.answering.compose import Settings, compose
from qa_bot.answering.conversation import Conversation, names
from qa_bot.answering.question import search_text
from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document, Progress, Skipped, load_corpus
from qa_bot.indexing import store
from qa_bot.indexing.corpus_index import CorpusIndex, Query
from qa_bot.indexing.store import Parts
from qa_bot.paths import bundled_article, cache_dir
from qa_bot.retrieval import DEFAULT_RETRIEVER, Ranking, build_retrievers, check_retriever, labels

MAX_QUESTION_CHARS = 2000
MAX_K = 100
DEFAULT_K = 5


class QABot:
    """Answers questions about a corpus with verbatim, cited passages.

    >>> bot = QABot.default()
    >>> bot.ask("What is fine-tuning?").found
    True
    """

    skipped: tuple[Skipped, ...] = ()  # files of the corpus folder that were left out

    def __init__(
        self,
        documents: Mapping[str, Document],
        retriever: str = DEFAULT_RETRIEVER,
        k: int = DEFAULT_K,
        settings: Settings | None = None,
        parts: Parts | None = None,
        index_progress: Progress | None = None,
    ) -> None:
        if not documents:
            raise ValueError("a QABot needs at least one document")
        self.retriever = check_retriever(retriever)
        self.k = check_k(k)
        self.settings = settings or Settings()
        self.documents: dict[str, Document] = dict(documents)
        parts = parts or build_parts(self.documents, index_progress)
        self.index = parts.index
        self.retrievers = parts.retrievers
        self.conversation = parts.conversation
        self.corpus: str | None = None  # the path it was loaded from, if any
        self.index_status = "built in memory"

    @property
    def parts(self) -> Parts:
        return Parts(self.index, self.retrievers, self.conversation)

    def save(self, directory: str | Path) -> Path:
        """Save the index to `directory` (reload it with QABot.load)."""
        path = Path(directory)
        store.save(path, self.parts, store.fingerprint(self.documents), corpus=self.corpus)
        return path

    @classmethod
    def load(
        cls,
        directory: str | Path,
        documents: Mapping[str, Document] | None = None,
        retriever: str = DEFAULT_RETRIEVER,
        k: int = DEFAULT_K,
    ) -> QABot:
        """A bot from a saved index; the documents are read again from the saved corpus
        path unless given. IndexFileError when the index does not match them."""
        path = Path(directory)
        corpus = store.saved_corpus(path) if documents is None else None
        if documents is None:
            if corpus is None:
                raise store.IndexFileError(f"{path}: no corpus path saved; pass the documents")
            documents = load_corpus(corpus).documents
        parts = store.load(path, documents, store.fingerprint(documents))
        bot = cls(documents, retriever=retriever, k=k, parts=parts)
        bot.corpus, bot.index_status = corpus, f"loaded from {path}"
        return bot

    @classmethod
    def from_path(
        cls,
        path: str | Path,
        retriever: str = DEFAULT_RETRIEVER,
        k: int = DEFAULT_K,
        progress: Progress | None = None,
        cache: bool | str | Path = False,
        index_progress: Progress | None = None,
    ) -> QABot:
        """A bot over one .txt/.md/.html file or a folder of them (recursively).

        Files of a folder that cannot be loaded are left out and listed in `bot.skipped`;
        `progress(done, total)` is called after each file is read, `index_progress(done,
        total)` as passages are indexed. With `cache` (True: the
        default cache folder, or a folder path) the index is saved and reused while the
        files and settings stay the same (content hashes), and rebuilt when they change.
        """
        if not isinstance(path, (str, Path)):
            raise TypeError(f"path must be a str or Path, not {type(path).__name__}")
        report = load_corpus(path, progress)
        corpus = str(Path(path).resolve())
        if cache is False:
            bot = cls(report.documents, retriever, k, index_progress=index_progress)
        else:
            root = cache_dir() if cache is True else Path(cache)
            bot = cls._cached(report.documents, root, retriever, k, index_progress, corpus)
        bot.skipped = report.skipped
        bot.corpus = corpus
        return bot

    @classmethod
    def _cached(
        cls,
        documents: Mapping[str, Document],
        root: Path,
        retriever: str,
        k: int,
        index_progress: Progress | None = None,
        corpus: str | None = None,
    ) -> QABot:
        key = store.fingerprint(documents)  # hashed once: used to find, and to save
        directory = root / key
        status = "built and saved to"
        if (directory / "meta.json").exists():
            try:
                bot = cls(documents, retriever, k, parts=store.load(directory, documents, key))
                bot.index_status = f"loaded from {directory}"
                return bot
            except store.IndexFileError as err:
                warnings.warn(f"{err}; rebuilding it", stacklevel=3)
                status = "rebuilt (the saved one was unreadable) and saved to"
        bot = cls(documents, retriever, k, index_progress=index_progress)
        store.save(directory, bot.parts, key, corpus=corpus)
        bot.index_status = f"{status} {directory}"
        return bot

    @classmethod
    def default(cls, retriever: str = DEFAULT_RETRIEVER, k: int = DEFAULT_K) -> QABot:
        """A bot over the bundled article."""
        return cls.from_path(bundled_article(), retriever=retriever, k=k)

    @property
    def passages(self) -> Sequence[Passage]:
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
        ranking = self.retrievers[name].top_k(query, max(size, labels.POOL))
        return query, labels.rerank(ranking, query, self.index, size)

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


def build_parts(documents: Mapping[str, Document], progress: Progress | None = None) -> Parts:
    """Index, retrievers and conversation model of a set of documents."""
    index, mentions = CorpusIndex.build_counted(documents, progress)
    conversation = Conversation(index.analyzer, names(index.analyzer, mentions))
    retrievers = build_retrievers(index)
    return Parts(index.lean(), retrievers, conversation)


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
