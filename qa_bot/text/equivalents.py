"""Everyday words a question may use for what a document calls otherwise.

"What are its drawbacks?" asks what a document headed "Disadvantages" lists; "Any
downsides?" too. These are general English — the words people use for a thing's good and
bad sides — not any corpus's words. A question word the corpus lacks searches for the
words of its group the corpus has (answering.query). A word whose stem is an everyday
word's ("limitations", limit) is left out: it would search for every "limit".
"""

from __future__ import annotations

from collections.abc import Iterable

GROUPS: tuple[frozenset[str], ...] = (
    frozenset(
        {
            "advantage",
            "advantages",
            "benefit",
            "benefits",
            "strength",
            "strengths",
            "pros",
            "upside",
            "upsides",
            "merits",
        }
    ),
    frozenset(
        {
            "disadvantage",
            "disadvantages",
            "drawback",
            "drawbacks",
            "downside",
            "downsides",
            "weakness",
            "weaknesses",
            "cons",
            "shortcoming",
            "shortcomings",
        }
    ),
)


def equivalents(word: str) -> Iterable[str]:
    """The other words of the word's group (none for a word in no group)."""
    folded = word.casefold()
    for group in GROUPS:
        if folded in group:
            return sorted(group - {folded})
    return ()
