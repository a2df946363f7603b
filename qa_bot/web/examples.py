"""Example questions taken from the corpus itself (never hard-coded for one article).

Defined terms ("Fine-Tuning: …", "- GANs: …") become "What is …?"; headings are the
fallback. Only examples the bot actually answers are offered, spread over the corpus.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from qa_bot.bot import QABot
from qa_bot.documents.structure import headings

MAX_EXAMPLES = 4
_TERM = re.compile(
    r"^[ \t]*(?:[-*•][ \t]+)?(?:\*\*)?([A-Z][\w'’-]*(?: [\w'’-]+){0,4}?)(?:\*\*)?"
    r"(?: \([^)\n]{1,20}\))?(?:\*\*)?:[ \t]+\S",
    re.MULTILINE,
)
_SKIP = {
    "table of contents",
    "contents",
    "conclusion",
    "introduction",
    "summary",
    "note",
    "in short",
    "for example",
}


def candidates(bot: QABot) -> Iterator[str]:
    """Questions about defined terms, then about headings, in corpus order."""
    seen: set[str] = set()
    for document in bot.documents.values():
        for match in _TERM.finditer(document.text):
            term = match.group(1).strip()
            if term.lower() not in seen and term.lower() not in _SKIP:
                seen.add(term.lower())
                yield f"What {_verb(term)} {term}?"
    for document in bot.documents.values():
        for heading in headings(document.text, markdown=document.format == "markdown"):
            name = heading.name.strip().rstrip(":")
            if name.lower() not in seen and name.lower() not in _SKIP and len(name) <= 60:
                seen.add(name.lower())
                yield f"What about {name}?"


def corpus_examples(bot: QABot, limit: int = MAX_EXAMPLES) -> list[str]:
    """Up to `limit` example questions the bot answers, spread evenly over the corpus."""
    answered = [q for q in _first(candidates(bot), 40) if bot.ask(q).found]
    if len(answered) <= limit:
        return answered
    step = len(answered) / limit
    return [answered[int(i * step)] for i in range(limit)]


def _verb(term: str) -> str:
    """'are' for a plural-looking term ("Transformers"), else 'is'."""
    last = term.split()[-1].lower()
    plural = last.endswith("s") and not last.endswith(("ss", "is", "us", "as"))
    return "are" if plural else "is"


def _first(items: Iterator[str], count: int) -> list[str]:
    out: list[str] = []
    for item in items:
        out.append(item)
        if len(out) == count:
            break
    return out
