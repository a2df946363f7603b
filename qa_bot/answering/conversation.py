"""Resolve elliptical follow-up questions from the earlier turns, deterministically.

"And their weaknesses?" after "What are the strengths of LLMs?" keeps the earlier subject
(LLMs); "What about generative AI?" after "What are the weaknesses of LLMs?" keeps the
earlier aspect (weaknesses) and swaps the subject; "And what about its examples?" keeps
the subject (a pronoun, not a new one). A standalone question stays as it is. Subjects
are the corpus's named terms: words it writes capitalised mid-sentence (and mined
acronyms).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from qa_bot.answering.question import is_yes_no, search_text
from qa_bot.text.analyzer import STOP_WORDS, Analyzer, words

_LEAD = re.compile(
    r"^\s*(?:and|but|also|so|then|what about|how about|and what about|and how about|"
    r"what of|same for|and for)\b",
    re.IGNORECASE,
)
_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\b", re.IGNORECASE)
# opens a whole question (not a fragment such as "Any downsides?")
_WHOLE_QUESTION = re.compile(
    r"^\s*(?:what|which|who|whom|whose|when|where|why|how|is|are|was|were|am|can|could"
    r"|do|does|did|will|would|should|shall|may|might|must|has|have|had)\b",
    re.IGNORECASE,
)
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
# words after which "that" points back to something said before
_POINTING = frozenset(
    "in on at for with from about of to by into is was does did call use change rename fix"
    " get set keep make do".split()
)
SHORT_QUESTION_TERMS = 2  # a question of this many terms or fewer, naming no subject, leans back


@dataclass(frozen=True)
class Conversation:
    """What follow-up resolution needs to know about the corpus: its analyzer and named
    terms (indexing.names)."""

    analyzer: Analyzer
    named: frozenset[str]
    vocabulary: frozenset[str] = frozenset()  # the corpus's terms (empty: not consulted)

    def resolve(self, question: str, history: Sequence[str] = ()) -> str:
        """The effective query: the question, with context from earlier turns if elliptical."""
        context = ""
        for earlier in history:
            merged = self._merge(earlier, context)
            if self._known(merged):  # a turn about nothing in the corpus sets no topic
                context = merged
        return self._merge(question, context)

    def _known(self, text: str) -> bool:
        return not self.vocabulary or bool(set(self.analyzer(search_text(text))) & self.vocabulary)

    def _merge(self, question: str, context: str) -> str:
        if not context:
            return question
        own = set(self.analyzer(search_text(question)))  # request words are no topic
        about = _ABOUT.match(question)
        swaps = about is not None and not _has_pronoun(question[about.end() :])
        new_subject = swaps or bool(own & self.named)
        if not (is_follow_up(question) or self._elliptical(question, own, new_subject)):
            return question
        subject, aspect = self._split(context)
        keep = [w for w in (aspect if new_subject else subject) if not set(self.analyzer(w)) & own]
        kept = " ".join(dict.fromkeys(keep))
        return f"{question.strip()} ({kept})" if kept else question

    def _split(self, context: str) -> tuple[list[str], list[str]]:
        """(subject words, aspect words) of an earlier question: the subject is what it names
        (capitalised terms), else what follows its last "of" ("the advantages of solar
        power"), else, in a yes/no question, all but its last word (the predicate: "Can
        Quick Picks be *renewed*?"), else all of it."""
        text = search_text(context)
        content = _content_words(text)
        named = [w for w in content if set(self.analyzer(w)) & self.named]
        if named:
            return named, [w for w in content if w not in named]
        head, of, tail = text.rpartition(" of ")
        if of:
            return _content_words(tail), _content_words(head)
        if is_yes_no(text) and len(content) > 1:
            return content[:-1], content[-1:]  # "Can Quick Picks be renewed?": its predicate
        return content, []

    def _elliptical(self, question: str, terms: set[str], has_subject: bool) -> bool:
        """A question of one or two words that names no subject leans on the earlier turn:
        a fragment ("Any downsides?") always; a whole question ("What is the capital of
        France?") only when the corpus knows all its words (new words: a new topic).
        One with no words at all ("?") never."""
        if has_subject or not terms or len(terms) > SHORT_QUESTION_TERMS:
            return False
        if not _WHOLE_QUESTION.match(question):
            return True
        return not self.vocabulary or terms <= self.vocabulary


def is_follow_up(question: str) -> bool:
    """Starts like a continuation ("And …", "What about …") or leans on a pronoun."""
    if _LEAD.match(question):
        return True
    return _has_pronoun(question)


def _has_pronoun(text: str) -> bool:
    """A pronoun, or "that" pointing back ("in that release", "call that folder"; not "files
    that match", "true that")."""
    spans = [w.casefold() for w, _, _ in words(text)]
    return any(
        w in _PRONOUNS or (w == "that" and (i == 0 or spans[i - 1] in _POINTING))
        for i, w in enumerate(spans)
    )


def _content_words(text: str) -> list[str]:
    return [
        m.group()
        for m in re.finditer(r"[^\W_][\w'’·-]*", re.sub(r"[()]", " ", text))
        if m.group().casefold() not in STOP_WORDS
    ]
