"""Which words of a passage matched the query: the Answer carries a highlighter bound to
its terms and the corpus analyzer, so a renderer asks for a passage's spans without knowing
the analyzer, and answers nobody renders (eval, the CLI) never pay for them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from qa_bot.text.analyzer import Analyzer

Spans = tuple[tuple[int, int], ...]
Highlighter = Callable[[str], Spans]


def highlighter(terms: Iterable[str], analyzer: Analyzer) -> Highlighter:
    """The matched spans of any text for these query terms (bound, computed on call)."""
    wanted = frozenset(terms)
    return lambda text: matched_spans(text, wanted, analyzer)


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
