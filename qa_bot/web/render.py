"""Answer → safe HTML for the web page (pure functions; every text is escaped).

Question and corpus text are always shown as text: HTML in them never runs. A message is
one HTML block without blank lines, so the chat's markdown renderer leaves it as it is.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

from qa_bot.answering.answer import Answer, Quote, place
from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document
from qa_bot.documents.structure import headings
from qa_bot.text.analyzer import Analyzer

HIGH_CONFIDENCE = 0.8


def escape(text: str) -> str:
    """Escape for HTML, so the page shows the text literally; newlines become <br>."""
    return html.escape(text, quote=True).replace("\n", "<br>")


def confidence_label(answer: Answer) -> str:
    if not answer.found:
        return "not covered"
    return "high" if answer.confidence >= HIGH_CONFIDENCE else "medium"


def render_answer(answer: Answer, analyzer: Analyzer) -> str:
    """The chat message: direct answer with [n] markers, confidence, understood query, sources."""
    parts = [_direct(answer)]
    cue = confidence_label(answer)
    meta = f'<span class="qa-confidence qa-{cue.replace(" ", "-")}">confidence: {cue}</span>'
    if answer.query != answer.question:
        meta += f' <span class="qa-query">understood as: <em>{escape(answer.query)}</em></span>'
    if answer.corrections:
        fixes = ", ".join(f"{escape(a)} → {escape(b)}" for a, b in answer.corrections.items())
        meta += f' <span class="qa-corrections">spelling: {fixes}</span>'
    parts.append(f'<div class="qa-meta">{meta}</div>')
    if answer.citations:
        parts.append('<div class="qa-sources-title"><b>Sources</b></div>')
        for number, passage in enumerate(answer.citations, start=1):
            quotes = [q for q in answer.quotes if q.citation == number]
            parts.append(_source(number, passage, quotes, answer.terms, analyzer))
    if answer.related:
        title = "Related passages" if answer.found else "Related reading — not an answer"
        items = [_related(p, answer.terms, analyzer) for p in answer.related]
        parts.append(
            f'<details class="qa-related"><summary>{title}</summary>{"".join(items)}</details>'
        )
    return '<div class="qa-message">' + "".join(parts) + "</div>"


def _direct(answer: Answer) -> str:
    if not answer.found:
        return f'<div class="qa-refusal">{escape(answer.text)}</div>'
    pieces = [f"{escape(q.text)} <sup>[{q.citation}]</sup>" for q in answer.quotes]
    return '<div class="qa-answer">' + " ".join(pieces) + "</div>"


def where_html(passage: Passage) -> str:
    offsets = f"{escape(passage.where)}, chars {passage.start}–{passage.end}"
    return f"{escape(place(passage))} <small>({offsets})</small>"


def _source(
    number: int, passage: Passage, quotes: Sequence[Quote], terms: Iterable[str], analyzer: Analyzer
) -> str:
    marks = [(q.start - passage.start, q.end - passage.start) for q in quotes]
    body = highlight(passage.text, marks, matched_spans(passage.text, terms, analyzer))
    return (
        f'<div class="qa-source"><div class="qa-where">[{number}] {where_html(passage)}</div>'
        f"<blockquote>{body}</blockquote></div>"
    )


def _related(passage: Passage, terms: Iterable[str], analyzer: Analyzer) -> str:
    body = highlight(passage.text, [], matched_spans(passage.text, terms, analyzer))
    return f'<div class="qa-where">{where_html(passage)}</div><blockquote>{body}</blockquote>'


def matched_spans(text: str, terms: Iterable[str], analyzer: Analyzer) -> list[tuple[int, int]]:
    """Spans of the words in `text` whose term is one of the query's terms."""
    wanted = set(terms)
    spans = sorted({(t.start, t.end) for t in analyzer.tokens(text) if t.term in wanted})
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def highlight(
    text: str, marks: Sequence[tuple[int, int]], strong: Sequence[tuple[int, int]]
) -> str:
    """Escaped text with <mark> around `marks` (answer sentences) and <strong> around `strong`."""
    events: list[tuple[int, int, str]] = []
    for start, end in marks:
        events += [(start, 1, "<mark>"), (end, 0, "</mark>")]
    for start, end in strong:
        inside = [m for m in marks if m[0] < end and start < m[1]]
        if all(m[0] <= start and end <= m[1] for m in inside):  # never cross a mark's edge
            events += [(start, 2, "<strong>"), (end, -1, "</strong>")]
    events.sort()
    out, cursor = [], 0
    for offset, _, tag in events:
        out.append(escape(text[cursor:offset]))
        out.append(tag)
        cursor = offset
    out.append(escape(text[cursor:]))
    return "".join(out)


def render_document(document: Document, marks: Sequence[tuple[int, int]] = ()) -> str:
    """The whole document as HTML: an outline of its sections, then its text with headings
    shown as headings and `marks` (cited passages) highlighted; the first has id qa-cited."""
    found = headings(document.text, markdown=document.format == "markdown")
    outline = "".join(
        f'<li class="qa-level-{h.level}"><a href="#qa-h-{i}">{html.escape(h.name)}</a></li>'
        for i, h in enumerate(found)
    )
    pieces, cursor = [], 0
    cuts = sorted(
        [
            (h.start, _eol(document.text, h.end), f'<h4 id="qa-h-{i}">', "</h4>")
            for i, h in enumerate(found)
        ]
        + [(a, b, '<mark class="qa-cited">', "</mark>") for a, b in marks]
    )
    for start, end, opening, closing in cuts:
        if start < cursor:
            continue
        pieces.append(html.escape(document.text[cursor:start]))
        pieces.append(opening + html.escape(document.text[start:end]) + closing)
        cursor = end
    pieces.append(html.escape(document.text[cursor:]))
    body = "".join(pieces).replace(
        '<mark class="qa-cited">', '<mark class="qa-cited" id="qa-cited">', 1
    )
    return (
        f'<div class="qa-document"><h3>{html.escape(document.title)}</h3>'
        f'<nav class="qa-outline"><b>Sections</b><ul>{outline}</ul></nav>'
        f'<div class="qa-text" style="white-space: pre-wrap">{body}</div></div>'
    )


def _eol(text: str, end: int) -> int:
    """A heading's end, with its line break (the heading is a block of its own)."""
    return end + 1 if text[end : end + 1] == "\n" else end
