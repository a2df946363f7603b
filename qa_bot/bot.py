"""QABot: the one facade the Python API, the CLI, the web page and the evaluation use."""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from qa_bot.answering import cues
from qa_bot.answering.answer import Answer
from qa_bot.answering.compose import Settings, compose
from qa_bot.answering.conversation import Conversation
from qa_bot.answering.query import Query, QueryParser
from qa_bot.checks import (
    check_collection,
    check_history,
    check_k,
    check_prefix,
    check_question,
    check_retriever,
)
from qa_bot.defaults import (
    DEFAULT_K,
    DEFAULT_RETRIEVER,
)
from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document, Progress, Skipped, load_corpus
from qa_bot.errors import (
    CorpusError,
    IndexFileError,
    InvalidArgumentError,
    InvalidTypeError,
)
from qa_bot.indexing import store
from qa_bot.indexing.backend import SearchBackend, filtered
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.indexing.engine import Engine
from qa_bot.paths import bundled_article, cache_dir
from qa_bot.retrieval import Hit, Retriever, labels, proximity

CUE_KINDS = frozenset({"comparison", "examples", "maker", "mechanism"})  # answering.cues


@dataclass(frozen=True)
class IndexStatus:
    """Where a bot's index came from: "built" (in memory), "loaded", "saved" (built, then
    saved) or "rebuilt" (the saved one was unreadable; built and saved again)."""

    action: str
    path: Path | None = None

    def __str__(self) -> str:
        words = {
            "built": "built in memory",
            "loaded": "loaded from",
            "saved": "built and saved to",
            "rebuilt": "rebuilt (the saved one was unreadable) and saved to",
            "synced": "synced into Milvus",
            "opened": "read from Milvus",
        }[self.action]
        return f"{words} {self.path}" if self.path else words


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
        engine: SearchBackend | None = None,
        index_progress: Progress | None = None,
        *,
        corpus: str | None = None,
        skipped: Sequence[Skipped] = (),
        index_status: IndexStatus = IndexStatus("built"),
    ) -> None:
        if not documents:
            raise CorpusError("a QABot needs at least one document")
        self.retriever = check_retriever(retriever)
        self.k = check_k(k)
        self.settings = settings or Settings()
        self.documents: dict[str, Document] = dict(documents)
        self.engine: SearchBackend = engine or Engine.build(self.documents, index_progress)
        self.sync_report: object = None  # what syncing into Milvus did (from_path(milvus=))
        check_available(self.retriever, self.engine)
        self.corpus = corpus  # the path it was loaded from, if any
        self.skipped: tuple[Skipped, ...] = tuple(skipped)  # files of the folder left out
        self.index_status = index_status
        index = self.engine.index
        self.conversation = Conversation(index.analyzer, self.engine.named, index.vocabulary)
        self.parser = QueryParser(self.engine.index, self.conversation)

    @property
    def index(self) -> CorpusIndex:
        return self.engine.index

    @property
    def retrievers(self) -> Mapping[str, Retriever]:
        return self.engine.retrievers

    def save(self, directory: str | Path) -> Path:
        """Save the index to `directory` (reload it with QABot.load)."""
        path = Path(directory)
        if not isinstance(self.engine, Engine):
            raise InvalidArgumentError(
                f"this bot searches {type(self.engine).__name__}, which keeps its own index; "
                "only an in-process index is saved to a folder"
            )
        store.save(path, self.engine, store.fingerprint(self.documents), corpus=self.corpus)
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
                raise IndexFileError(f"{path}: no corpus path saved; pass the documents")
            documents = load_corpus(corpus).documents
        engine = store.load(path, documents, store.fingerprint(documents))
        status = IndexStatus("loaded", path)
        return cls(documents, retriever, k, engine=engine, corpus=corpus, index_status=status)

    @classmethod
    def from_path(
        cls,
        path: str | Path,
        retriever: str = DEFAULT_RETRIEVER,
        k: int = DEFAULT_K,
        progress: Progress | None = None,
        cache: bool | str | Path = False,
        index_progress: Progress | None = None,
        *,
        milvus: str | None = None,
        collection: str = "qa_bot",
        token: str | None = None,
    ) -> QABot:
        """A bot over one supported file or a folder of them (recursively).

        Files of a folder that cannot be loaded are left out and listed in `bot.skipped`;
        `progress(done, total)` is called after each file is read, `index_progress(done,
        total)` as passages are indexed. With `cache` (True: the default cache folder, or
        a folder path) the index is saved and reused while the files and the code stay the
        same (content hashes), and rebuilt when they change.

        With `milvus` (a URI: "qa.db" for embedded Milvus Lite, "http://host:19530" for a
        server, `token` for its auth) the files are indexed into the Milvus `collection`,
        incrementally (`bot.sync_report` says what changed), and the bot searches it;
        `cache` is then not used.
        """
        if not isinstance(path, (str, Path)):
            raise InvalidTypeError(f"path must be a str or Path, not {type(path).__name__}")
        report = load_corpus(path, progress)
        corpus = str(Path(path).resolve())
        documents = report.documents
        engine: SearchBackend | None = None
        status = IndexStatus("built")
        sync_report = None
        if milvus is not None:
            from qa_bot.indexing.milvus.client import connect
            from qa_bot.indexing.milvus.engine import MilvusEngine

            client = connect(milvus, token)
            try:
                engine, sync_report = MilvusEngine.synced(
                    documents, client, check_collection(collection), index_progress
                )
            except BaseException:
                client.close()
                raise
            status = IndexStatus("synced")
        elif cache is not False:
            root = cache_dir() if cache is True else Path(cache)
            engine, status = _cached_engine(documents, root, corpus, index_progress)
        bot = cls(
            documents,
            retriever,
            k,
            engine=engine,
            index_progress=index_progress,
            corpus=corpus,
            skipped=report.skipped,
            index_status=status,
        )
        bot.sync_report = sync_report
        return bot

    @classmethod
    def from_milvus(
        cls,
        uri: str,
        collection: str = "qa_bot",
        token: str | None = None,
        retriever: str = DEFAULT_RETRIEVER,
        k: int = DEFAULT_K,
    ) -> QABot:
        """A bot over a Milvus collection indexed before (from_path(milvus=...) or
        `qa-bot index PATH --milvus URI`): documents, passages and corpus statistics are
        read from it, no local file is needed. CollectionNotFoundError when it holds none,
        BackendConnectionError when the URI cannot be reached."""
        from qa_bot.indexing.milvus.client import connect
        from qa_bot.indexing.milvus.engine import MilvusEngine

        client = connect(uri, token)
        try:
            engine = MilvusEngine.opened(client, check_collection(collection))
            return cls(
                engine.documents,
                retriever,
                k,
                engine=engine,
                corpus=f"{uri}#{collection}",
                index_status=IndexStatus("opened"),
            )
        except BaseException:
            client.close()
            raise

    def close(self) -> None:
        """Let go of the backend's connection (a Milvus bot; nothing to do in process)."""
        close = getattr(self.engine, "close", None)
        if close is not None:
            close()

    @classmethod
    def default(cls, retriever: str = DEFAULT_RETRIEVER, k: int = DEFAULT_K) -> QABot:
        """A bot over the bundled article."""
        return cls.from_path(bundled_article(), retriever=retriever, k=k)

    @property
    def passages(self) -> Sequence[Passage]:
        return self.engine.index.passages

    def understand(self, question: str, history: Sequence[str] | None = None) -> Query:
        """The effective query for a question, follow-ups resolved from `history`."""
        check_question(question)
        return self.parser.parse(question, check_history(history))

    def rank(
        self,
        question: str,
        k: int | None = None,
        history: Sequence[str] | None = None,
        retriever: str | None = None,
        source_prefix: str | None = None,
    ) -> tuple[Query, list[Hit]]:
        """The effective query and the k best hits (passage position, score); with
        `source_prefix`, only passages whose source starts with it ("notes/": a folder)."""
        query = self.understand(question, history)
        size = self.k if k is None else check_k(k)
        name = self.retriever if retriever is None else check_retriever(retriever)
        index = self.engine.index
        search = self.engine.retrievers[check_available(name, self.engine)]
        if source_prefix is not None:
            search = filtered(search, self.passages, check_prefix(source_prefix))
        hits = search.top_k(query.terms, max(size, labels.POOL))
        hits = labels.rerank(hits, query.terms, index.label_keys, max(size, labels.POOL))
        hits = proximity.rerank(hits, query.terms, index.passage_terms.__getitem__)
        return query, cues.rerank(query.text, hits, index, CUE_KINDS)[:size]

    def search(
        self,
        question: str,
        k: int | None = None,
        history: Sequence[str] | None = None,
        retriever: str | None = None,
        source_prefix: str | None = None,
    ) -> list[Passage]:
        """The k passages that best match the question, best first."""
        _, hits = self.rank(question, k, history, retriever, source_prefix)
        return [self.passages[hit.position] for hit in hits]

    def ask(
        self,
        question: str,
        history: Sequence[str] | None = None,
        k: int | None = None,
        retriever: str | None = None,
        source_prefix: str | None = None,
    ) -> Answer:
        """A cited answer, or a plain refusal when the corpus does not cover the question;
        `answer.ranked` holds every passage retrieved, best first (from sources starting
        with `source_prefix` only, when given)."""
        query, hits = self.rank(question, k, history, retriever, source_prefix)
        name = self.retriever if retriever is None else retriever
        index = self.engine.index
        return compose(question, query, hits, index, self.documents, name, self.settings)


def _cached_engine(
    documents: Mapping[str, Document], root: Path, corpus: str, progress: Progress | None
) -> tuple[Engine, IndexStatus]:
    """The saved engine of these documents under `root`, else a new one, saved there."""
    key = store.fingerprint(documents)  # hashed once: used to find, and to save
    directory = root / key
    action = "saved"
    if (directory / "meta.json").exists():
        try:
            return store.load(directory, documents, key), IndexStatus("loaded", directory)
        except IndexFileError as err:
            warnings.warn(f"{err}; rebuilding it", stacklevel=4)
            action = "rebuilt"
    engine = Engine.build(documents, progress)
    store.save(directory, engine, key, corpus=corpus)
    return engine, IndexStatus(action, directory)


def check_available(name: str, engine: SearchBackend) -> str:
    """A retriever the backend has (Milvus has no TF-IDF)."""
    if name not in engine.retrievers:
        kind = type(engine).__name__
        raise InvalidArgumentError(
            f"retriever {name!r} is not available on {kind}; available: "
            f"{', '.join(engine.retrievers)}"
        )
    return name
