"""What a bot is opened on: the documents of a path and their search backend (built in
memory, reused from the cache folder, or synced into Milvus), a Milvus collection indexed
before, and the IndexStatus that says which."""

from __future__ import annotations

import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from qa_bot.checks import check_collection
from qa_bot.documents.loading import Document, Progress, Skipped, load_corpus
from qa_bot.errors import IndexFileError, InvalidTypeError
from qa_bot.indexing import store
from qa_bot.indexing.backend import SearchBackend
from qa_bot.indexing.engine import Engine
from qa_bot.paths import cache_dir

if TYPE_CHECKING:
    from qa_bot.indexing.milvus.engine import MilvusEngine


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


@dataclass(frozen=True)
class OpenedPath:
    """The documents of a path and their backend (None: the bot builds one in memory)."""

    documents: dict[str, Document]
    corpus: str  # the resolved path
    skipped: tuple[Skipped, ...]
    engine: SearchBackend | None
    status: IndexStatus
    sync_report: object = None  # what syncing into Milvus did


def open_path(
    path: str | Path,
    progress: Progress | None,
    cache: bool | str | Path,
    index_progress: Progress | None,
    milvus: str | None,
    collection: str,
    token: str | None,
) -> OpenedPath:
    """Read the file or folder at `path`; with `milvus`, sync its documents into that
    collection; else with `cache`, reuse (or build and save) their index under it."""
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
    return OpenedPath(documents, corpus, report.skipped, engine, status, sync_report)


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
            # frames up: this, open_path, QABot.from_path, its caller, and that one's
            warnings.warn(f"{err}; rebuilding it", stacklevel=5)
            action = "rebuilt"
    engine = Engine.build(documents, progress)
    store.save(directory, engine, key, corpus=corpus)
    return engine, IndexStatus(action, directory)


def open_saved(
    directory: Path, documents: Mapping[str, Document] | None
) -> tuple[Mapping[str, Document], Engine, str | None]:
    """The index saved in `directory`, its documents (read again from the saved corpus path
    unless given) and that path. IndexFileError when the index does not match them."""
    corpus = store.saved_corpus(directory) if documents is None else None
    if documents is None:
        if corpus is None:
            raise IndexFileError(f"{directory}: no corpus path saved; pass the documents")
        documents = load_corpus(corpus).documents
    return documents, store.load(directory, documents, store.fingerprint(documents)), corpus


@contextmanager
def milvus_collection(uri: str, collection: str, token: str | None) -> Iterator[MilvusEngine]:
    """The engine over a Milvus collection indexed before; its connection is closed when
    opening it, or what the caller then does with it, fails."""
    from qa_bot.indexing.milvus.client import connect
    from qa_bot.indexing.milvus.engine import MilvusEngine

    client = connect(uri, token)
    try:
        yield MilvusEngine.opened(client, check_collection(collection))
    except BaseException:
        client.close()
        raise
