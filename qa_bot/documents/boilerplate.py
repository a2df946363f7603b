"""Boilerplate: passages whose text is repeated across many files of a corpus.

Navigation lines, "Filename: src/main.rs", inherited-method blurbs of pydoc pages,
licence notices: text found in at least max(3, 5 % of the files) files says nothing
about any one of them. Such passages are set aside when a corpus is indexed, so they are
neither ranked nor quoted; the table says how many. (A PDF's running headers and footers,
repeated page after page of one file, are left out when it is read: see pdf.) A passage's
fenced code does not count: the line introducing it is what repeats. A passage repeating
word for word one before it in its own document (pydoc lists an inherited method under
every subclass) is set aside too: its first copy stays.
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Iterable, Iterator, Mapping

import numpy as np

from qa_bot.documents.chunking import Passage, iter_chunks
from qa_bot.documents.loading import Document
from qa_bot.documents.progress import Progress
from qa_bot.documents.sentences import FENCED
from qa_bot.documents.table import PassageTable

MIN_FILES = 3
SHARE_OF_FILES = 0.05


def corpus_passages(
    documents: Mapping[str, Document], progress: Progress | None = None
) -> PassageTable:
    """The passages of every document, boilerplate set aside (`table.set_aside` of them);
    `progress(done, total)` is told after each document is cut."""
    keys, exact = array("q"), array("q")
    chunks = iter_chunks(_told(documents, progress))
    table = PassageTable.from_passages(documents, _keyed(chunks, keys, exact))
    sources = table.columns["source"]
    repeated = boilerplate(np.frombuffer(keys, dtype=np.int64), sources, len(documents))
    repeated |= copies(np.frombuffer(exact, dtype=np.int64), sources)
    if not repeated.any():
        return table
    return table.select(np.flatnonzero(~repeated), set_aside=int(repeated.sum()))


def boilerplate(keys: np.ndarray, sources: np.ndarray, files: int) -> np.ndarray:
    """Which passages (by text key and source) have a text found in too many files."""
    threshold = max(MIN_FILES, math.ceil(SHARE_OF_FILES * files))
    if files < threshold or not len(keys):
        return np.zeros(len(keys), dtype=bool)
    pairs = np.unique(np.stack([keys, sources.astype(np.int64)]), axis=1)
    texts, spread = np.unique(pairs[0], return_counts=True)
    return np.isin(keys, texts[spread >= threshold])


def copies(keys: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """Which passages repeat, word for word, a passage before them in their own document
    (pydoc repeats a method under every class inheriting it): the first copy is kept."""
    later = np.ones(len(keys), dtype=bool)
    if len(keys):
        pairs = np.stack([keys, sources.astype(np.int64)])
        later[np.unique(pairs, axis=1, return_index=True)[1]] = False
    return later


def text_key(text: str) -> int:
    """The same for texts that differ only in case, spacing and the code they introduce
    ("Filename: src/main.rs" over each chapter's own listing is the same line)."""
    if "```" in text or "~~~" in text:
        text = FENCED.sub("", text)
    return hash(" ".join(text.casefold().split()))


def note(passages: object) -> str:
    """ "; set aside N boilerplate passages" for a table that set some aside, else ""."""
    count = getattr(passages, "set_aside", 0)
    return f"; set aside {count} boilerplate passage{'s' * (count != 1)}" if count else ""


def _told(documents: Mapping[str, Document], progress: Progress | None) -> Iterator[Document]:
    """The documents, telling progress about the one before as each is taken."""
    total = len(documents)
    for done, document in enumerate(documents.values()):
        if progress is not None and done:
            progress(done, total)
        yield document
    if progress is not None:
        progress(total, total)


def _keyed(passages: Iterable[Passage], keys: array[int], exact: array[int]) -> Iterator[Passage]:
    for passage in passages:
        keys.append(text_key(passage.text))
        exact.append(hash(passage.text))
        yield passage
