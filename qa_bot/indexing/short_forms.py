"""A defined name's shortened forms: "language models" for "Large Language Models (LLMs)"
when the documents never use those words together for anything else.

Such a shortened form names it too: a question saying "language models" searches for llm,
as one saying "large language models" does. One the documents also use on its own
("solar power" beside "Concentrated Solar Power (CSP)") stays two words. No passage holds
a kept form outside the full name, so only questions read them (Analyzer.short_forms).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from scipy import sparse

from qa_bot.documents.chunking import Passage
from qa_bot.indexing.analysis import indexed_text
from qa_bot.text.aliases import shortened
from qa_bot.text.analyzer import Analyzer

MAX_CHECKED = 64  # passages holding all of a form's terms read to find it; more: it is used


def with_short_forms(
    analyzer: Analyzer,
    postings: sparse.csc_matrix,
    vocabulary: dict[str, int],
    passages: Sequence[Passage],
    with_title: bool,
) -> Analyzer:
    """The analyzer with each shortened name the passages never use on their own."""
    unused = {
        tail: canonical
        for tail, canonical in shortened(analyzer.aliases).items()
        if not _used(tail, analyzer, postings, vocabulary, passages, with_title)
    }
    return replace(analyzer, short_forms=unused) if unused else analyzer


def _used(
    tail: tuple[str, ...],
    analyzer: Analyzer,
    postings: sparse.csc_matrix,
    vocabulary: dict[str, int],
    passages: Sequence[Passage],
    with_title: bool,
) -> bool:
    """Whether some passage has the terms in a row, outside the full name (whose
    occurrences the counts hold as the name's own term)."""
    columns = [vocabulary.get(term) for term in tail]
    rows: np.ndarray | None = None
    for column in columns:
        if column is None:
            return False
        found = postings.indices[postings.indptr[column] : postings.indptr[column + 1]]
        rows = found if rows is None else np.intersect1d(rows, found, assume_unique=True)
        if rows.size == 0:
            return False
    assert rows is not None
    if rows.size > MAX_CHECKED:
        return True
    size = len(tail)
    for row in rows.tolist():
        terms = analyzer(indexed_text(passages[row], with_title=with_title))
        if any(tuple(terms[i : i + size]) == tail for i in range(len(terms) - size + 1)):
            return True
    return False
