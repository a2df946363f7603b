"""A saved index: build once, load fast (memory-mapped arrays), rebuild when anything changes.

An index is a folder of .npy arrays, line files of terms and words and one meta.json (no
pickle: a foreign file can only fail to load, never run code); each component writes and
reads its own files (Engine.write/read). The store adds the meta, the fingerprint (of the
documents' content and of the code that builds indexes, so changed files or code simply
miss the cache) and the atomic rename.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from qa_bot.documents.loading import Document
from qa_bot.errors import IndexFileError
from qa_bot.indexing.engine import Engine

FORMAT = "qa-bot-index/3"
_PACKAGE = Path(__file__).resolve().parent.parent
# Everything that decides what an index holds: its sources are hashed into the fingerprint.
BUILD_PACKAGES = ("documents", "text", "retrieval", "indexing")


def fingerprint(documents: Mapping[str, Document]) -> str:
    """A digest of every document's content and of the code that builds the index."""
    digest = hashlib.blake2b(FORMAT.encode(), digest_size=16)
    for package in BUILD_PACKAGES:
        for file in sorted((_PACKAGE / package).rglob("*.py")):
            digest.update(file.read_bytes())
    for source in sorted(documents):
        digest.update(source.encode() + b"\0")
        digest.update(hashlib.blake2b(documents[source].text.encode()).digest())
    return digest.hexdigest()


def saved_corpus(directory: Path) -> str | None:
    """The corpus path a saved index was built from, if it was saved with one."""
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise IndexFileError(f"{directory}: unreadable index ({err})") from None
    corpus = meta.get("corpus") if isinstance(meta, dict) else None
    return corpus if isinstance(corpus, str) else None


def save(directory: Path, engine: Engine, key: str, corpus: str | None = None) -> None:
    """Write the index to `directory` (atomically: a temporary folder, then a rename)."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".qa-bot-", dir=directory.parent))
    try:
        meta = {"format": FORMAT, "fingerprint": key, "corpus": corpus, **engine.write(staging)}
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        if directory.exists():
            shutil.rmtree(directory)
        staging.rename(directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def load(directory: Path, documents: Mapping[str, Document], key: str) -> Engine:
    """Read an index saved by `save`; IndexFileError when it cannot be trusted."""
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise IndexFileError(f"{directory}: not a {FORMAT} index")
        if meta.get("fingerprint") != key:
            raise IndexFileError(f"{directory}: built from other documents or settings")
        return Engine.read(directory, meta, documents)
    except IndexFileError:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError) as err:
        raise IndexFileError(f"{directory}: unreadable index ({err})") from None
