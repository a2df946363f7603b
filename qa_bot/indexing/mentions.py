"""Which words a corpus writes inside its sentences, and how often capitalised there: what
tells names ("OpenAI", "Transformer") from ordinary words, for the conversation model."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from qa_bot.documents.chunking import ITEM_LABEL
from qa_bot.text.analyzer import WORD, Analyzer

# a sentence's first word (as WORD reads it), after a line start or end punctuation
SENTENCE_START = re.compile(
    r"(?:^|[.!?…:][\"'”’)\]]*\s+)[\"'“‘(\[*_]*(" + WORD.pattern + ")", re.MULTILINE
)
LINE_LABEL = re.compile(ITEM_LABEL.pattern, re.MULTILINE)  # a label opening any line


@dataclass(frozen=True)
class Mentions:
    """How often each term stands inside a sentence, and how often capitalised there."""

    seen: Counter[str]
    capitalised: Counter[str]

    @classmethod
    def of(cls, analyzer: Analyzer, mid_sentence: Mapping[str, int]) -> Mentions:
        """Mentions from word counts (`mid_sentence_counts`)."""
        seen: Counter[str] = Counter()
        capitalised: Counter[str] = Counter()
        for raw, count in mid_sentence.items():
            for term in analyzer(raw):
                seen[term] += count
                capitalised[term] += count if raw[0].isupper() else 0
        return cls(seen, capitalised)


def mid_sentence_counts(texts: Iterable[str]) -> Counter[str]:
    """How often each word stands inside a sentence (item labels left out)."""
    every: Counter[str] = Counter()
    initial: Counter[str] = Counter()
    for text in texts:
        body = body_of(text)
        every.update(WORD.findall(body))
        initial.update(SENTENCE_START.findall(body))
    return every - initial


def _body(text: str) -> str:
    """The text without item labels ("Label:" is title-cased, not a name)."""
    return LINE_LABEL.sub("", text) if ":" in text else text


def body_of(text: str) -> str:
    """The text without item labels ("Label:" is title-cased, not a name)."""
    return LINE_LABEL.sub("", text) if ":" in text else text


def has_item_labels(text: str) -> bool:
    """Whether some line of the text opens with an item label ("Label: …")."""
    return ":" in text and LINE_LABEL.search(text) is not None
