"""Answer → safe HTML for the web page (pure functions; every text is escaped).

Question and corpus text are always shown as text: HTML in them never runs. A message is
one HTML block without blank lines, so the chat's markdown renderer leaves it as it is.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from qa_bot.answering.answer import Answer, place, render_text, searched_for
from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document
from qa_bot.documents.structure import MD_HEADING, headings

_BULLET = re.compile(r"[ \t]*(?:[-*•]|\d{1,3}[.)])[ \t]+")


def escape(text: str) -> str:
    """Escape for HTML, so the page shows the text literally; newlines become <br>."""
    return html.escape(text, quote=True).replace("\n", "<br>")


def render_user(question: str) -> str:
    """A user's question as literal text: one HTML block, so the chat's Markdown (and
    its links, images and headings) never applies to it."""
    return f'<div class="qa-user">{escape(question)}</div>'


def plain_text(answer: Answer) -> str:
    """What Copy copies: the answer and its numbered sources, as plain text."""
    return render_text(answer)


def render_answer(answer: Answer, turn: int = 0) -> str:
    """The chat message: the answer (the hero) with [n] links to compact sources below."""
    parts = [_direct(answer, turn)]
    meta = []
    if answer.outcome == "tentative":
        meta.append(
            '<span class="qa-tentative">not a direct answer: the closest passage found</span>'
        )
    if answer.query != answer.question:
        meta.append(f'<span class="qa-query">understood as: <em>{escape(answer.query)}</em></span>')
    if answer.corrections:
        searched = escape(searched_for(answer))
        meta.append(f'<span class="qa-corrections">searched for: <em>{searched}</em></span>')
    if meta:
        parts.append(f'<div class="qa-meta">{" · ".join(meta)}</div>')
    if answer.citations:
        items = [
            _source(turn, number, passage, answer)
            for number, passage in enumerate(answer.citations, start=1)
        ]
        parts.append(
            '<div class="qa-sources"><div class="qa-sources-title">Sources</div>'
            f'<ol class="qa-source-list">{"".join(items)}</ol></div>'
        )
    if answer.related:
        title = "Related passages" if answer.found else "Related reading — not an answer"
        items = [f"<li>{_related(p, answer)}</li>" for p in answer.related]
        parts.append(
            f'<details class="qa-related"><summary>{title}</summary><ul>{"".join(items)}</ul>'
            "</details>"
        )
    copy = html.escape(plain_text(answer), quote=True).replace("\n", "&#10;")
    parts.append(
        f'<div class="qa-tools"><span class="qa-plain" hidden>{copy}</span>'
        '<button type="button" class="qa-copy">Copy answer</button></div>'
    )
    return '<div class="qa-message">' + "".join(parts) + "</div>"


def _direct(answer: Answer, turn: int) -> str:
    if not answer.found:
        return f'<div class="qa-answer qa-refusal">{escape(answer.text)}</div>'
    pieces = [
        f'{escape(q.text)} <sup><a class="qa-ref" href="#qa-src-{turn}-{q.citation}" '
        f'aria-label="source {q.citation}">[{q.citation}]</a></sup>'
        for q in answer.quotes
    ]
    return '<div class="qa-answer">' + " ".join(pieces) + "</div>"


def offsets(passage: Passage) -> str:
    return f"{passage.where}, characters {passage.start}–{passage.end}"


def where_html(passage: Passage) -> str:
    tip = escape(offsets(passage))
    return f'<span class="qa-place" title="{tip}">{escape(place(passage))}</span>'


def _source(turn: int, number: int, passage: Passage, answer: Answer) -> str:
    quotes = [q for q in answer.quotes if q.citation == number]
    marks = [(q.start - passage.start, q.end - passage.start) for q in quotes]
    body = passage_html(passage.text, marks, answer.highlights(passage))
    return (
        f'<li class="qa-source" id="qa-src-{turn}-{number}"><details>'
        f'<summary><span class="qa-number">[{number}]</span> {where_html(passage)}</summary>'
        f'<blockquote>{body}</blockquote><div class="qa-offsets">{escape(offsets(passage))}</div>'
        "</details></li>"
    )


def _related(passage: Passage, answer: Answer) -> str:
    body = passage_html(passage.text, [], answer.highlights(passage))
    return f'<div class="qa-where">{where_html(passage)}</div><blockquote>{body}</blockquote>'


def passage_html(
    text: str, marks: Sequence[tuple[int, int]], strong: Sequence[tuple[int, int]]
) -> str:
    """A passage line by line: bullet lines become a list (marker kept out of the text),
    other lines paragraphs; `highlight` marks inside each line."""
    blocks: list[str] = []
    items: list[str] = []
    cursor = 0
    for line in text.split("\n"):
        start, end = cursor, cursor + len(line)
        cursor = end + 1
        bullet = _BULLET.match(line)
        skip = bullet.end() if bullet else 0
        body = highlight(
            line[skip:],
            _clip(marks, start + skip, end),
            _clip(strong, start + skip, end),
        )
        if bullet:
            items.append(f"<li>{body}</li>")
            continue
        if items:
            blocks.append(f"<ul>{''.join(items)}</ul>")
            items = []
        if line.strip():
            blocks.append(f"<p>{body}</p>")
    if items:
        blocks.append(f"<ul>{''.join(items)}</ul>")
    return "".join(blocks)


def _clip(spans: Sequence[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    return [
        (max(a, start) - start, min(b, end) - start)
        for a, b in spans
        if max(a, start) < min(b, end)
    ]


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


def render_document(
    document: Document, marks: Sequence[tuple[int, int]] = (), title: bool = True
) -> str:
    """The whole document as HTML: an outline of its sections, then its text with headings
    shown as headings (a Markdown heading without its `#` marks; corpus HTML is never
    rendered) and `marks` (cited passages) highlighted; the first has id qa-cited."""
    markdown = document.format == "markdown"
    found = headings(document.text, markdown=markdown)
    outline = "".join(
        f'<li class="qa-level-{h.level}"><a href="#qa-h-{i}">{html.escape(h.name)}</a></li>'
        for i, h in enumerate(found)
    )
    cuts = [
        (h.start, _eol(document.text, h.end), _heading_tags(i, h.level), h.name if markdown else "")
        for i, h in enumerate(found)
    ]
    first = MD_HEADING.match(document.text.split("\n", 1)[0]) if markdown else None
    if first:  # the title line of a Markdown file
        end = _eol(document.text, len(document.text.split("\n", 1)[0]))
        cuts.append((0, end, ('<h3 class="qa-doc-title">', "</h3>"), first.group(2)))
    cuts += [(a, b, ('<mark class="qa-cited">', "</mark>"), "") for a, b in marks]
    pieces, cursor = [], 0
    for start, end, (opening, closing), shown in sorted(cuts):
        if start < cursor:
            continue
        pieces.append(html.escape(document.text[cursor:start]))
        pieces.append(opening + html.escape(shown or document.text[start:end]) + closing)
        cursor = end
    pieces.append(html.escape(document.text[cursor:]))
    body = "".join(pieces).replace(
        '<mark class="qa-cited">', '<mark class="qa-cited" id="qa-cited">', 1
    )
    heading = f"<h3>{html.escape(document.title)}</h3>" if title and not first else ""
    return (
        f'<div class="qa-document">{heading}'
        f'<details class="qa-outline"><summary>Sections</summary><ul>{outline}</ul></details>'
        f'<div class="qa-text" style="white-space: pre-wrap">{body}</div></div>'
    )


def _heading_tags(number: int, level: int) -> tuple[str, str]:
    tag = f"h{min(level + 2, 6)}"
    return f'<{tag} id="qa-h-{number}" class="qa-heading">', f"</{tag}>"


def _eol(text: str, end: int) -> int:
    """A heading's end, with its line break (the heading is a block of its own)."""
    return end + 1 if text[end : end + 1] == "\n" else end
