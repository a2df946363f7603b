"""What a question asks, beyond its words: the frame to ignore and the answer type expected.

"What does SSID stand for?" searches for SSID; "How do GANs work?" for GANs; "List the
applications of X" for the applications of X: the frame words (stand for, mean, work, list,
give me, explain…) say what kind of answer is wanted, not where it is.
"How many…?" or "What year…?" wants a number: an answer without one is not an answer.
"""

from __future__ import annotations

import re

_FRAME = re.compile(
    r"\b(?:stands?\s+for|is\s+short\s+for|(?:do|does|did)\s+\S+(?:\s+\S+)?\s+mean"
    r"|meaning\s+of|definition\s+of|define|explain|describe|tell\s+me\s+about"
    r"|(?:what|which)\s+(?:kinds?|types?|sorts?)\s+of"
    # comparisons: "the main difference between X and Y", "X vs Y", "compared to"
    r"|(?:(?:main|key|major|biggest|principal|real)\s+)?differences?\s+between"
    r"|relation(?:ship)?s?\s+between|related\s+to"
    r"|(?:how\s+)?(?:do|does)\s+(?=\S+(?:\s+\S+)?\s+differ\b)|\bdiffer\s+from|vs\.?|versus"
    r"|compared\s+(?:to|with)"
    # makers: "which company makes X" asks for a name next to X, not for these words
    r"|^\s*(?:who|which\s+(?:company|companies|firm|organi[sz]ation|lab|vendor))\s+"
    r"(?:makes?|made|develops?|developed|builds?|built|creates?|created|offers?|sells?"
    r"|produces?|produced))\b",
    re.IGNORECASE,
)
# a request opening a question or one of its sentences ("List the …", "… ? Give me some
# examples.", "Can you tell me …"): its verb says how to answer, not what about
# ("List files in a directory" is itself what is looked up: list, give, show and name
# frame a question only before a determiner, a pronoun or a number — "List the …")
_REQUEST = re.compile(
    r"(?:^|(?<=[.?!]))\s*(?:(?:please|can\s+you|could\s+you|would\s+you)\s+)?"
    r"(?:(?:tell|explain|describe|summari[sz]e|outline|enumerate)\b"
    r"|(?:list|give|show|name)\b(?=\s+(?:the|a|an|all|any|some|every|each|me|us|them|it"
    r"|its|their|his|her|your|my|our|this|that|these|those|what|which|who|how|why|where"
    r"|when|several|few|many|\d+|two|three|four|five|six|seven|eight|nine|ten)\b))",
    re.IGNORECASE,
)
_YES_NO = re.compile(
    r"^\s*(?:is|are|was|were|can|could|do|does|did|will|would|should|has|have)\b", re.IGNORECASE
)
_WORK = re.compile(
    r"^\s*how\s+(?:do|does|did|can|could|would)\b.*?\b(work|function)s?\b", re.IGNORECASE
)
_NUMERIC = re.compile(
    r"\b(?:how\s+many|what\s+(?:year|percentage|percent|number)|which\s+year|in\s+what\s+year"
    r"|how\s+old)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(
    r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty"
    r"|forty|fifty|hundred|thousand|million|billion|dozen|percent|half|twice|single|double)\b",
    re.IGNORECASE,
)


def search_text(question: str) -> str:
    """The question without its frame words (kept: everything that says what it is about)."""
    without = _FRAME.sub(lambda m: _keep_subject(m.group()), _REQUEST.sub(" ", question))
    work = _WORK.match(without)
    if work:
        without = without[: work.start(1)] + without[work.end(1) :]
    return without


def _keep_subject(frame: str) -> str:
    """From "does X mean" keep X; drop the rest of the frame."""
    inner = re.match(r"(?i)(?:do|does|did)\s+(.+?)\s+mean$", frame)
    return f" {inner.group(1)} " if inner else " "


def is_yes_no(question: str) -> bool:
    """A question answered yes or no ("Is it free?", "Can I …?")."""
    return bool(_YES_NO.match(question))


def expects_number(question: str) -> bool:
    return bool(_NUMERIC.search(question))


def has_number(text: str) -> bool:
    return bool(_NUMBER.search(text))
