"""Resolve elliptical follow-up questions from the earlier turns, deterministically.

"And their weaknesses?" after "What are the strengths of LLMs?" keeps the earlier subject
(LLMs); "What about generative AI?" after "What are the weaknesses of LLMs?" keeps the
earlier aspect (weaknesses) and swaps the subject. Subjects are the corpus's named terms:
words it writes capitalised mid-sentence (and mined acronyms).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa_bot.answering.question import search_text
from qa_bot.text.analyzer import STOP_WORDS, Analyzer, words

_LEAD = re.compile(
    r"^\s*(?:and|but|also|so|then|what about|how about|and what about|and how about|"
    r"what of|same for|and for)\b",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\b", re.IGNORECASE)
_PRONOUNS = frozenset(
    [
        "it",
        "its",
        "they",
        "them",
        "their",
        "theirs",
        "he",
        "she",
        "him",
        "her",
        "his",
        "this",
        "these",
        "those",
    ]
)
SHORT_QUESTION_TERMS = 2  # a question of this many terms or fewer, naming no subject, leans back


@dataclass(frozen=True)
class Conversation:
    """What follow-up resolution needs to know about the corpus: its analyzer and named
    terms (indexing.names)."""

    analyzer: Analyzer
    named: frozenset[str]

    def resolve(self, question: str, history: Sequence[str] = ()) -> str:
        """The effective query: the question, with context from earlier turns if elliptical."""
        context = ""
        for earlier in history:
            context = self._merge(earlier, context)
        return self._merge(question, context)

    def _merge(self, question: str, context: str) -> str:
        if not context:
            return question
        own = set(self.analyzer(question))
        new_subject = bool(_ABOUT.match(question)) or bool(own & self.named)
        if not (is_follow_up(question) or _short_without_subject(own, new_subject)):
            return question
        subject, aspect = self._split(context)
        keep = [w for w in (aspect if new_subject else subject) if not set(self.analyzer(w)) & own]
        kept = " ".join(dict.fromkeys(keep))
        return f"{question.strip()} ({kept})" if kept else question

    def _split(self, context: str) -> tuple[list[str], list[str]]:
        """(subject words, aspect words) of an earlier question: the subject is what it names
        (capitalised terms), else what follows its last "of" ("the advantages of solar
        power"), else all of it."""
        text = search_text(context)
        content = _content_words(text)
        named = [w for w in content if set(self.analyzer(w)) & self.named]
        if named:
            return named, [w for w in content if w not in named]
        head, of, tail = text.rpartition(" of ")
        if of:
            return _content_words(tail), _content_words(head)
        return content, []


def is_follow_up(question: str) -> bool:
    """Starts like a continuation ("And …", "What about …") or leans on a pronoun."""
    if _LEAD.match(question):
        return True
    return any(w in _PRONOUNS for w, _, _ in words(question))


def _short_without_subject(terms: set[str], has_subject: bool) -> bool:
    """A question of two words or fewer that names no subject leans on the earlier turn."""
    return not has_subject and len(terms) <= SHORT_QUESTION_TERMS


def _content_words(text: str) -> list[str]:
    return [
        m.group()
        for m in re.finditer(r"[^\W_][\w'’·-]*", re.sub(r"[()]", " ", text))
        if m.group().casefold() not in STOP_WORDS
    ]
