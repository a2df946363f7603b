"""The one result every interface renders: an Answer made of verbatim, cited quotes."""

from __future__ import annotations

import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from qa_bot.answering.highlights import Highlighter, Spans
from qa_bot.documents.chunking import Passage

Outcome = Literal["answered", "tentative", "not_covered"]
OUTCOMES: tuple[Outcome, ...] = ("answered", "tentative", "not_covered")


@dataclass(frozen=True)
class Quote:
    """A verbatim sentence of a document: `documents[source].text[start:end] == text`."""

    text: str
    source: str
    start: int
    end: int
    citation: int  # 1-based number of the citation it belongs to

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "source": self.source,
            "start": self.start,
            "end": self.end,
            "citation": self.citation,
        }


@dataclass(frozen=True)
class Answer:
    """What `QABot.ask` returns.

    `text` is the direct answer: quotes each followed by its citation marker [n], numbered
    in order of appearance; when `found` is False it says plainly that the corpus does not
    cover the question, and `related` holds the closest passages (never an answer).
    `outcome` grades it: "answered" (confident), "tentative" (the closest the documents
    come: `text` opens with "The closest the documents come:"; `found` is True) or
    "not_covered" (`found` is False). `confidence` is the share of the question's weight
    (IDF) the best passage holds, 0–1 (answering.grading says how it is graded).
    """

    question: str
    query: str
    text: str
    found: bool
    citations: list[Passage] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    related: list[Passage] = field(default_factory=list)
    confidence: float = 0.0
    retriever: str = ""
    corrections: Mapping[str, str] = field(default_factory=dict)
    terms: tuple[str, ...] = ()  # the analysed query terms
    ranked: tuple[Passage, ...] = ()  # every passage retrieved, best first (for evaluation)
    # finds the matched query words of a text (offsets in it); see highlights()
    highlighter: Highlighter | None = field(default=None, compare=False, repr=False)
    outcome: Outcome = "not_covered"

    def highlights(self, passage: Passage) -> Spans:
        """The passage's words that match the query (offsets in its text), computed when a
        renderer asks (most answers are never rendered)."""
        return () if self.highlighter is None else self.highlighter(passage.text)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict (the CLI's --json and the web API return this)."""
        return {
            "question": self.question,
            "query": self.query,
            "text": self.text,
            "found": self.found,
            "outcome": self.outcome,
            "confidence": round(self.confidence, 4),
            "retriever": self.retriever,
            "corrections": dict(self.corrections),
            "terms": list(self.terms),
            "quotes": [q.to_dict() for q in self.quotes],
            "citations": [
                {"number": n, **p.to_dict()} for n, p in enumerate(self.citations, start=1)
            ],
            "related": [p.to_dict() for p in self.related],
        }

    def __str__(self) -> str:
        return render_text(self)


Line = tuple[str, str]  # (text, role): role is answer, note, heading, source, passage, related


def plain_lines(answer: Answer) -> list[Line]:
    """The plain-text form every shell shares, line by line with each line's role (the
    CLI colours by role; `render_text` joins them): the answer, how the question was
    understood and searched, numbered sources with their text, related reading."""
    role = "answer" if answer.outcome == "answered" else "note"
    lines: list[Line] = [(answer.text, role)]
    if answer.query != answer.question:
        lines += [("", "blank"), (f"(understood as: {answer.query})", "note")]
    if answer.corrections:
        lines += [("", "blank"), (f"(searched for: {searched_for(answer)})", "note")]
    if answer.citations:
        lines += [("", "blank"), ("Sources:", "heading")]
        for number, passage in enumerate(answer.citations, start=1):
            lines.append((f"[{number}] {where(passage)}", "source"))
            lines.append((textwrap.indent(passage.text, "    "), "passage"))
    if answer.related:
        title = "Related passages:" if answer.found else "Related reading (not an answer):"
        lines += [("", "blank"), (title, "heading")]
        lines += [(f"- {where(passage)}", "related") for passage in answer.related]
    return lines


def render_text(answer: Answer) -> str:
    """Plain-text rendering: the answer, then numbered sources with section and offsets."""
    return "\n".join(text for text, _ in plain_lines(answer))


def searched_for(answer: Answer) -> str:
    """The query as it was searched: each corrected word replaced by its correction."""
    if not answer.corrections:
        return answer.query
    pattern = "|".join(re.escape(w) for w in sorted(answer.corrections, key=len, reverse=True))
    fixes = {word.casefold(): fix for word, fix in answer.corrections.items()}
    return re.sub(
        rf"(?<![\w])(?:{pattern})(?![\w])",
        lambda m: fixes.get(m.group().casefold(), m.group()),
        answer.query,
        flags=re.IGNORECASE,
    )


def place(passage: Passage) -> str:
    """'Title › Section' (the title alone for text before the first heading)."""
    return f"{passage.title} › {passage.section}" if passage.section else passage.title


def where(passage: Passage) -> str:
    """'Title › Section (source, chars start–end)'."""
    return f"{place(passage)} ({passage.where}, chars {passage.start}–{passage.end})"
