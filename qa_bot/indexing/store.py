"""A saved index: build once, load fast (memory-mapped arrays), rebuild when anything changes.

An index is a folder of .npy arrays and one meta.json (no pickle: a foreign file can only
fail to load, never run code). Its name is a fingerprint of the documents' content and of
the code that builds indexes, so changed files or settings simply miss the cache.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from qa_bot.answering.conversation import Conversation
from qa_bot.documents.chunking import PassageTable
from qa_bot.documents.loading import Document
from qa_bot.indexing.corpus_index import CorpusIndex, DocFreq, PassageTerms, titles_indexed
from qa_bot.retrieval import Retriever, assemble_retrievers
from qa_bot.retrieval.bm25 import BM25Retriever, BM25Weights
from qa_bot.retrieval.tfidf import TfidfRetriever, TfidfSpace
from qa_bot.text.analyzer import Analyzer
from qa_bot.text.spelling import Speller

FORMAT = "qa-bot-index/2"
_PACKAGE = Path(__file__).resolve().parent.parent
# Everything that decides what an index holds: its sources are hashed into the fingerprint.
BUILD_PACKAGES = ("documents", "text", "retrieval", "indexing")


class IndexFileError(ValueError):
    """A saved index is missing, corrupted or not ours; the message says which and why."""


@dataclass(frozen=True)
class Parts:
    """What a QABot is built from, besides its documents."""

    index: CorpusIndex
    retrievers: dict[str, Retriever]
    conversation: Conversation


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


def save(directory: Path, parts: Parts, key: str, corpus: str | None = None) -> None:
    """Write the index to `directory` (atomically: a temporary folder, then a rename)."""
    directory.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".qa-bot-", dir=directory.parent))
    try:
        meta = _write(staging, parts)
        meta.update({"format": FORMAT, "fingerprint": key, "corpus": corpus})
        (staging / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
        if directory.exists():
            shutil.rmtree(directory)
        staging.rename(directory)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def load(directory: Path, documents: Mapping[str, Document], key: str) -> Parts:
    """Read an index saved by `save`; IndexFileError when it cannot be trusted."""
    try:
        meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT:
            raise IndexFileError(f"{directory}: not a {FORMAT} index")
        if meta.get("fingerprint") != key:
            raise IndexFileError(f"{directory}: built from other documents or settings")
        return _read(directory, meta, documents)
    except IndexFileError:
        raise
    except (OSError, ValueError, KeyError, TypeError, IndexError) as err:
        raise IndexFileError(f"{directory}: unreadable index ({err})") from None


def _write(folder: Path, parts: Parts) -> dict[str, Any]:
    table = parts.index.passages
    if not isinstance(table, PassageTable):
        raise TypeError("only an index whose passages are a PassageTable can be saved")
    for name, column in table.columns.items():
        np.save(folder / f"passage_{name}.npy", column)
    np.save(folder / "passage_label_key.npy", parts.index.label_keys)
    bm25 = parts.retrievers["bm25"].weights  # type: ignore[attr-defined]
    for name in ("indptr", "indices", "weights", "idf"):
        np.save(folder / f"bm25_{name}.npy", getattr(bm25, name))
    tfidf = parts.retrievers["tfidf"]
    matrix = tfidf.matrix.tocsc()  # type: ignore[attr-defined]
    shared = _same_postings(matrix, bm25)
    for name in ("data",) if shared else ("data", "indices", "indptr"):
        np.save(folder / f"tfidf_{name}.npy", getattr(matrix, name))
    np.save(folder / "tfidf_word_idf.npy", tfidf.words.idf)  # type: ignore[attr-defined]
    np.save(folder / "tfidf_char_idf.npy", tfidf.chars.idf)  # type: ignore[attr-defined]
    index = parts.index
    terms = _ordered(bm25.vocabulary)
    words = _ordered(tfidf.words.vocabulary)  # type: ignore[attr-defined]
    _write_lines(folder / "terms.txt", terms)
    _write_lines(folder / "speller.txt", index.speller.known)
    return {
        "sources": table.sources,
        "sections": table.sections,
        "aliases": [[list(k), v] for k, v in index.analyzer.aliases.items()],
        "terms": len(terms),
        "speller": len(index.speller.known),
        "named": sorted(parts.conversation.named),
        "bm25_n_docs": bm25.n_docs,
        "tfidf_words": None if words == terms else words,
        "tfidf_chars": _ordered(tfidf.chars.vocabulary),  # type: ignore[attr-defined]
        "tfidf_shape": list(matrix.shape),
        "tfidf_shares_bm25_postings": shared,
    }


def _same_postings(matrix: sparse.csc_matrix, bm25: BM25Weights) -> bool:
    """Whether the TF-IDF matrix has BM25's postings (the same passages per term)."""
    return matrix.shape[1] == len(bm25.indptr) - 1 and (
        matrix.indices is bm25.indices
        or (
            np.array_equal(matrix.indptr, bm25.indptr)
            and np.array_equal(matrix.indices, bm25.indices)
        )
    )


def _write_lines(path: Path, items: Sequence[str]) -> None:
    """One item a line (terms and words hold no line breaks)."""
    if any("\n" in item for item in items):
        raise ValueError(f"{path.name}: an item holds a line break")
    path.write_text("\n".join(items), encoding="utf-8")


def _read_lines(path: Path, count: int) -> list[str]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n") if text else []
    if len(lines) != count:
        raise IndexFileError(f"{path}: {len(lines)} lines, {count} expected")
    return lines


def _read(folder: Path, meta: dict[str, Any], documents: Mapping[str, Document]) -> Parts:
    def array(name: str) -> np.ndarray:
        loaded: np.ndarray = np.load(folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
        return loaded

    columns = {name: array(f"passage_{name}") for name in PassageTable.COLUMNS}
    missing = set(meta["sources"]) - set(documents)
    if missing:
        raise IndexFileError(f"{folder}: documents missing: {sorted(missing)[:3]}")
    table = PassageTable(documents, meta["sources"], meta["sections"], columns)
    analyzer = Analyzer({tuple(k): v for k, v in meta["aliases"]})
    n_docs = int(meta["bm25_n_docs"])
    terms = _read_lines(folder / "terms.txt", int(meta["terms"]))
    vocabulary = _positions(terms)
    weights = BM25Weights(
        vocabulary,
        array("bm25_indptr"),
        array("bm25_indices"),
        array("bm25_weights"),
        array("bm25_idf"),
        n_docs,
    )
    _check(len(weights.indptr) == len(terms) + 1 == len(weights.idf) + 1, folder)
    _check(len(table) == n_docs and int(weights.indptr[-1]) == len(weights.indices), folder)
    _check(not len(weights.indices) or int(np.max(weights.indices)) < n_docs, folder)
    doc_freq = DocFreq(vocabulary, np.diff(weights.indptr))
    index = CorpusIndex(
        table,
        analyzer,
        PassageTerms(table, analyzer, titles_indexed(documents)),
        frozenset(terms),
        Speller(tuple(_read_lines(folder / "speller.txt", int(meta["speller"])))),
        doc_freq,
        array("passage_label_key"),
        titles_indexed(documents),
    )
    _check(len(index.label_keys) == n_docs, folder)
    shared = bool(meta["tfidf_shares_bm25_postings"])
    matrix = sparse.csc_matrix(
        (
            array("tfidf_data"),
            weights.indices if shared else array("tfidf_indices"),
            weights.indptr if shared else array("tfidf_indptr"),
        ),
        shape=tuple(meta["tfidf_shape"]),
    )
    words = vocabulary if meta["tfidf_words"] is None else _positions(meta["tfidf_words"])
    tfidf = TfidfRetriever(
        TfidfSpace(words, array("tfidf_word_idf")),
        TfidfSpace(_positions(meta["tfidf_chars"]), array("tfidf_char_idf")),
        matrix,
    )
    _check(matrix.shape[0] == n_docs, folder)
    retrievers = assemble_retrievers(BM25Retriever(weights), tfidf)
    return Parts(index, retrievers, Conversation(analyzer, frozenset(meta["named"])))


def _check(condition: bool, folder: Path) -> None:
    if not condition:
        raise IndexFileError(f"{folder}: inconsistent index (sizes do not match)")


def _ordered(vocabulary: Mapping[str, int]) -> list[str]:
    return sorted(vocabulary, key=vocabulary.__getitem__)


def _positions(terms: list[str]) -> dict[str, int]:
    return dict(zip(terms, range(len(terms)), strict=True))
