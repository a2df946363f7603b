"""Which words of a passage matched the query: spans computed once, with the answer, so
every renderer can show them without analysing text again."""

from __future__ import annotations

from collections.abc import Iterable

from qa_bot.text.analyzer import Analyzer

Spans = tuple[tuple[int, int], ...]


def matched_spans(text: str, terms: Iterable[str], analyzer: Analyzer) -> Spans:
    """Spans (offsets in `text`) of the words whose term is one of `terms`, overlaps merged."""
    wanted = set(terms)
    spans = sorted({(t.start, t.end) for t in analyzer.tokens(text) if t.term in wanted})
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return tuple(merged)
