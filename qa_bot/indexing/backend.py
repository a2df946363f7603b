"""What QABot searches with, as one interface: the in-process Engine and MilvusEngine
(qa_bot.indexing.milvus) are two implementations; a third backend is one more module.

A backend gives the corpus index (passages, analyzer, speller, document frequencies,
label keys: query understanding and answer composition run on it, in process, whatever
the backend), its retrievers by name (analysed terms in, passage positions out) and the
corpus's named terms (the conversation model's subjects).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from qa_bot.documents.chunking import Passage
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.retrieval import Hit, Retriever


class SearchBackend(Protocol):
    @property
    def index(self) -> CorpusIndex: ...

    @property
    def retrievers(self) -> Mapping[str, Retriever]: ...

    @property
    def named(self) -> frozenset[str]: ...


@runtime_checkable
class PrefixFiltering(Protocol):
    """A retriever that filters by source prefix itself (Milvus: a scalar filter)."""

    def where(self, source_prefix: str) -> Retriever: ...


@dataclass(frozen=True)
class SourceFiltered:
    """A retriever's hits from sources starting with a prefix (an in-process retriever:
    it ranks every passage, then keeps those; fine at in-process sizes)."""

    retriever: Retriever
    passages: Sequence[Passage]
    source_prefix: str

    @property
    def name(self) -> str:
        return self.retriever.name

    def top_k(self, terms: Sequence[str], k: int) -> list[Hit]:
        hits = self.retriever.top_k(terms, len(self.passages))
        wanted = self.source_prefix
        return [hit for hit in hits if self.passages[hit.position].source.startswith(wanted)][:k]


def filtered(retriever: Retriever, passages: Sequence[Passage], source_prefix: str) -> Retriever:
    """The retriever restricted to sources starting with `source_prefix`."""
    if isinstance(retriever, PrefixFiltering):
        return retriever.where(source_prefix)
    return SourceFiltered(retriever, passages, source_prefix)
