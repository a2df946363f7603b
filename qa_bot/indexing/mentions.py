"""Which words a corpus writes inside its sentences, and how often capitalised there: what
tells names ("OpenAI", "Transformer") from ordinary words, for the conversation model."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from qa_bot.documents.chunking import ITEM_LABEL
from qa_bot.text.analyzer import WORD

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


def body_of(text: str) -> str:
    """The text without item labels ("Label:" is title-cased, not a name)."""
    return LINE_LABEL.sub("", text) if ":" in text else text


def has_item_labels(text: str) -> bool:
    """Whether some line of the text opens with an item label ("Label: …")."""
    return ":" in text and LINE_LABEL.search(text) is not None
