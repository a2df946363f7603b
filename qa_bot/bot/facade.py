"""QABot: the one facade the Python API, the CLI, the web page and the evaluation use."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from qa_bot.answering import cues, fixed
from qa_bot.answering.answer import Answer
from qa_bot.answering.compose import Settings, compose
from qa_bot.answering.conversation import Conversation
from qa_bot.answering.query import Query, QueryParser
from qa_bot.bot.opening import IndexStatus, milvus_collection, open_path, open_saved
from qa_bot.checks import check_history, check_k, check_prefix, check_question, check_retriever
from qa_bot.defaults import DEFAULT_K, DEFAULT_RETRIEVER
from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document, Progress, Skipped
from qa_bot.errors import CorpusError, InvalidArgumentError
from qa_bot.indexing import store
from qa_bot.indexing.backend import SearchBackend, filtered
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.indexing.engine import Engine
from qa_bot.paths import bundled_article
from qa_bot.retrieval import Hit, Retriever, labels, proximity

# the question kinds of answering.cues whose passages are re-ranked
CUE_KINDS = frozenset({"comparison", "examples", "maker", "mechanism", "definition", "instances"})
_BUILT = IndexStatus("built")  # a bot's index_status unless told: built in memory


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
        index_status: IndexStatus = _BUILT,
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
        documents, engine, corpus = open_saved(path, documents)
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
        opened = open_path(path, progress, cache, index_progress, milvus, collection, token)
        bot = cls(
            opened.documents,
            retriever,
            k,
            engine=opened.engine,
            index_progress=index_progress,
            corpus=opened.corpus,
            skipped=opened.skipped,
            index_status=opened.status,
        )
        bot.sync_report = opened.sync_report
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
        with milvus_collection(uri, collection, token) as engine:
            return cls(
                engine.documents,
                retriever,
                k,
                engine=engine,
                corpus=f"{uri}#{collection}",
                index_status=IndexStatus("opened"),
            )

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
        hits = fixed.rerank(query.text, hits, index)
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


def check_available(name: str, engine: SearchBackend) -> str:
    """A retriever the backend has (Milvus has no TF-IDF)."""
    if name not in engine.retrievers:
        kind = type(engine).__name__
        raise InvalidArgumentError(
            f"retriever {name!r} is not available on {kind}; available: "
            f"{', '.join(engine.retrievers)}"
        )
    return name
