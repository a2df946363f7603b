"""Answer-type cues: what kind of passage a kind of question wants, in plain English.

"What is the difference between X and Y?" wants a passage that contrasts ("unlike",
"whereas", "broader than"); "What are examples of X?" one that enumerates ("examples
include A, B", "such as A, B"); "Who makes X?" / "Which company …" one that names a maker
("A's X", "by A"); "How does X work?" one that describes a mechanism ("involves", "by
…ing", "then"); "What is X?" one that says what X is ("X is …", "X refers to …");
"Which tools …?" one that names instances of the kind ("tools like A, B", "such as").
Among the passages that already score close to the best, the ones showing the cue move up.
Nothing here names a corpus's words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.retrieval import Hit, best_first

CUE_BOOST = 0.5  # relative score increase for a passage that shows the wanted cue
NEAR = 0.6  # only passages scoring at least this share of the best are moved
WINDOW = 5  # … among the first few
# both sides of a comparison are named all over a document about them: look further down
WINDOWS = {"comparison": 20}

_KINDS: dict[str, re.Pattern[str]] = {
    "comparison": re.compile(
        r"\b(?:differen(?:ces?|t)|differ|distinguish|compare[sd]?|comparison|vs\.?|versus"
        r"|relationship\s+between|relation\s+between|related\s+to"
        r"|broader|narrower|which\s+is\s+(?:more|less|better|bigger|wider))\b",
        re.IGNORECASE,
    ),
    "examples": re.compile(r"\b(?:examples?|instances?)\s+of\b|\bname\s+some\b", re.IGNORECASE),
    "maker": re.compile(
        r"^\s*(?:who|which\s+(?:company|companies|firm|organi[sz]ation|lab|vendor))\s+"
        r"(?:\w+\s+)?(?:makes?|made|develops?|developed|builds?|built|creates?|created"
        r"|offers?|sells?|owns?|released?|produces?|produced)\b",
        re.IGNORECASE,
    ),
    "mechanism": re.compile(
        r"^\s*how\s+(?:do|does|did|can|could)\b.*\b(?:work|operate|function)s?\b", re.IGNORECASE
    ),
    # "Which tools …?" / "What models …?": instances of a kind, which a passage names as
    # "tools like A, B", "models such as A, B", "models, including A, B"
    "instances": re.compile(
        r"^\s*(?:which|what)\s+(?P<noun>(?!(?:is|was|has|does|this|its|always|sometimes)\b)"
        r"[a-z]{3,}s)\b(?!\s+of\b)",
        re.IGNORECASE,
    ),
    # "What is X?" alone: a definition, which says "X is …" (not a passage that only names X)
    "definition": re.compile(
        r"^\s*what\s+(?:is|are|was|were)\s+(?:an?\s+|the\s+)?(?P<subject>[^?,;:]{1,40}?)\s*\??\s*$",
        re.IGNORECASE,
    ),
}
_CUES: dict[str, re.Pattern[str]] = {
    "comparison": re.compile(
        r"\b(?:unlike|whereas|while|in\s+contrast|on\s+the\s+other\s+hand|compared\s+(?:to|with)"
        r"|rather\s+than|subset|superset|broader|narrower|\w+er\s+than|more\s+\w+\s+than)\b",
        re.IGNORECASE,
    ),
    # an enumeration: a marker followed, within the sentence, by a list (a comma)
    "examples": re.compile(
        r"\b(?:examples?\s+(?:include|are)|includ(?:e|es|ing)|such\s+as|e\.g\.|like)\s+[^.;:]*,",
        re.IGNORECASE,
    ),
    "maker": re.compile(r"\b[A-Z][\w.-]*['’]s\s+[A-Z]|\bby\s+[A-Z][\w-]+"),
    "mechanism": re.compile(
        r"\b(?:involv(?:e|es|ing)|consists?\s+of|works?\s+by|by\s+\w+ing|through|process"
        r"|then|steps?|stages?|relies\s+on|rely\s+on)\b",
        re.IGNORECASE,
    ),
}
_MIN_CUES = {"comparison": 1, "examples": 1, "maker": 1, "mechanism": 2}


def kind(question: str) -> str | None:
    """The kind of answer a question wants, if it is one of the cued kinds."""
    return next((name for name, pattern in _KINDS.items() if pattern.search(question)), None)


def shows_cue(name: str, text: str, question: str = "") -> bool:
    if name == "definition":
        return _defines(question, text)
    if name == "instances":
        return _names_instances(question, text)
    return len(_CUES[name].findall(text)) >= _MIN_CUES[name]


def _defines(question: str, text: str) -> bool:
    """The text says what the question's subject is: "X is …", "X are …", "X refers to …"."""
    match = _KINDS["definition"].match(question)
    if match is None:
        return False
    subject = re.escape(match.group("subject").strip()).replace(r"\ ", r"\s+")
    copula = r"(?:is|are|was|were|refers?\s+to|means|stands\s+for)"
    return bool(re.search(rf"\b{subject}s?\b[^.;:]{{0,40}}?\b{copula}\b", text, re.IGNORECASE))


def _names_instances(question: str, text: str) -> bool:
    """The text names instances of the question's kind: "tools like A, B", "such as"."""
    match = _KINDS["instances"].match(question)
    if match is None:
        return False
    noun = match.group("noun").lower()
    stem = noun[:-3] if noun.endswith("ies") else noun[:-1]
    marker = r"(?:like|such\s+as|including|includes?|e\.g\.)"
    return bool(re.search(rf"\b{stem}\w*,?\s+{marker}\s+[^.;:]*,", text, re.IGNORECASE))


def rerank(
    question: str, hits: Sequence[Hit], index: CorpusIndex, kinds: frozenset[str]
) -> list[Hit]:
    """The hits with those near the top that show the question's cue raised."""
    wanted = kind(question)
    if wanted is None or wanted not in kinds or not hits:
        return list(hits)
    best = hits[0].score
    return best_first(
        Hit(hit.position, hit.score * (1 + CUE_BOOST))
        if rank < WINDOWS.get(wanted, WINDOW)
        and hit.score >= NEAR * best
        and shows_cue(wanted, index.passages[hit.position].text, question)
        else hit
        for rank, hit in enumerate(hits)
    )


def lacks_required_cue(question: str, texts: Sequence[str]) -> bool:
    """A maker question ("Who makes X?") whose answer names no maker is no answer."""
    return kind(question) == "maker" and not any(shows_cue("maker", t) for t in texts)
