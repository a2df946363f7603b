"""Grade an answer: answered (confident), tentative (the closest the documents come) or
not covered.

A paraphrase shares few words with the passage that answers it, so low coverage alone is
no reason to refuse; nor is coverage short of most of the question a reason to sound sure
(below CONFIDENT an answer is tentative). The documents do not cover a question when its
specific words are foreign to them (the background lexicon tells "France" from "make"),
when the best passage holds almost none of its weight, or when it asks for a fact (who,
when, how many) that an approximate passage cannot give.
"""

from __future__ import annotations

import re

from qa_bot.answering.answer import Outcome
from qa_bot.answering.query import Query
from qa_bot.answering.question import is_yes_no
from qa_bot.text.analyzer import STOP_WORDS, words
from qa_bot.text.lexicon import is_filler

TENTATIVE_FLOOR = 0.25  # below this share of the question's weight, nothing comes close
CONFIDENT = 0.75  # from this share on an answer is confident; below it, tentative
_FACTOID = re.compile(
    r"^\s*(?:(?:and|but|so)\s+)?(?:who|whom|whose|when|where|which\s+(?:year|company|person)"
    r"|what\s+(?:year|date|time)|how\s+(?:many|much|long|old|often))\b",
    re.IGNORECASE,
)


MAX_UNFAMILIAR = 1  # more of the question's telling words than this foreign: not covered


def grade(
    query: Query, support: float, min_coverage: float, floor: float, confident: float = CONFIDENT
) -> Outcome:
    """The outcome for a question whose best passage has `support` (coverage.coverage):
    answered from `confident` on, tentative from `min_coverage` (or, for a question that
    passes the checks below, from `floor`), else not covered."""
    if not query.terms:
        return "not_covered"
    if support >= min_coverage:
        return "answered" if support >= confident else "tentative"
    if query.foreign or support < floor or asks_for_fact(query.text):
        return "not_covered"
    unfamiliar = [w for w in query.unknown_words if not is_filler(w.casefold())]
    if len(unfamiliar) > MAX_UNFAMILIAR or _asks_unmentioned_property(query):
        return "not_covered"
    return "tentative"


def _asks_unmentioned_property(query: Query) -> bool:
    """A yes/no question whose last telling word (its predicate, "… open source?") the
    documents never use: they cannot confirm it."""
    if not is_yes_no(query.text) or not query.unknown_words:
        return False
    last = [w for w, _, _ in words(query.text) if w.casefold() not in STOP_WORDS]
    return bool(last) and last[-1] == query.unknown_words[-1]


def asks_for_fact(question: str) -> bool:
    """Who / when / where / how many…: a fact the passage holds or does not."""
    return bool(_FACTOID.match(question))
