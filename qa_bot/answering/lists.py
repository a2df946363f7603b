"""Complete lists: a question that names a heading gets every item under it, in order;
one that asks for several things ("What are the ways to …", "List …") and lands on an
item of a bulleted list gets the whole run of items; one that restates a list's lead-in
("With X, you can:") gets that list.

"What are the applications of generative AI?" names the heading "Applications of
Generative AI"; its answer is the whole list below it, not the few items that happened to
score close to the best. A question that also names one item ("… in music?") asks for that
item alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence

from qa_bot.answering.query import Query
from qa_bot.documents.loading import Document
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.retrieval import Hit
from qa_bot.text.analyzer import words

MAX_ITEMS = 12  # a longer section is not read out whole
NAMED_ITEMS = 2  # a question using this many of some items' own words asks about them
LEAD_DEPTH = 5  # a list whose lead-in restates the question is looked for this deep
_MARKER = re.compile(r"^[ \t]*(?:[-*+•‣◦–]|\d{1,2}[.)]|[a-z][.)])[ \t]+$")
_ASKS_FOR_SEVERAL = re.compile(
    r"^\s*(?:(?:please|can\s+you|could\s+you)\s+)?(?:list|enumerate|name)\b"
    r"|^\s*(?:what|which)\s+(?:are|were)\b|\bare\s+there\b"
    r"|\b(?:ways|types|kinds|sorts|options|steps|reasons)\b",
    re.IGNORECASE,
)


def asks_for_several(question: str) -> bool:
    """The question asks for a list ("What are …", "List …", "… are there?")."""
    return bool(_ASKS_FOR_SEVERAL.search(question))


def whole_list(
    position: int, query: Query, index: CorpusIndex, documents: Mapping[str, Document]
) -> list[int] | None:
    """The positions of the list the best passage (`position`) belongs to, in document
    order, when the question asks for all of it; else None."""
    passage = index.passages[position]
    wanted = set(query.terms)
    heading = set(index.analyzer(passage.headings[-1])) if passage.headings else set()
    label = passage.label
    own = passage.headings[-1] if passage.headings else ""
    if label and label != own and set(index.analyzer(label)) & (wanted - heading):
        return None  # the question names this item
    if heading and heading <= wanted:
        members = _run(position, index, lambda p: True)
    elif asks_for_several(query.text) and _is_item(position, index, documents):
        members = _run(position, index, lambda p: _is_item(p, index, documents))
    elif lead := opened_list(position, index):
        members = [position, *_run(position + 1, index, _led_by(index, lead))]
    else:
        return None
    return members if 2 <= len(members) <= MAX_ITEMS else None


def restated_list(
    ranking: Sequence[Hit], query: Query, index: CorpusIndex, depth: int = LEAD_DEPTH
) -> list[int] | None:
    """The items of a list whose lead-in restates the question ("With PromptLayer, you
    can:" for "What can you do with PromptLayer?": the same words to look up, and the
    lead-in's closing word, "can", asked too — "What is PromptLayer?" is not restated),
    when one of the first `depth` passages belongs to it; else None."""
    wanted = set(query.terms)
    asked = {word.casefold() for word, _, _ in words(query.text)}
    for position, _ in ranking[:depth]:
        lead = index.passages[position].lead
        spans = words(lead)
        closing = spans[-1][0].casefold() if spans else ""
        if closing not in asked or set(index.analyzer(lead)) != wanted:
            continue
        members = _run(position, index, _led_by(index, lead))
        if 2 <= len(members) <= MAX_ITEMS:
            return members
    return None


def spanned_list(
    chosen: Sequence[int], query: Query, index: CorpusIndex, documents: Mapping[str, Document]
) -> list[int] | None:
    """The whole run of a bulleted or numbered list when the passages chosen to answer are
    two or more of its items and the question names none of them (it fits the list as a
    whole: "How can I give feedback?", not "… by email or phone?"); else None."""
    if len(chosen) < 2 or not all(_is_item(p, index, documents) for p in chosen):
        return None
    passages = index.passages
    context = set(index.analyzer(passages[chosen[0]].lead))
    context.update(*(index.analyzer(heading) for heading in passages[chosen[0]].headings))
    asked = set(query.terms) - context
    named = set().union(*(asked & set(index.analyzer(passages[p].text)) for p in chosen))
    if len(named) >= NAMED_ITEMS:
        return None
    members = _run(chosen[0], index, lambda p: _is_item(p, index, documents))
    if not set(chosen) <= set(members) or len(members) > MAX_ITEMS:
        return None
    return members if len(members) > len(chosen) else None


def opened_list(position: int, index: CorpusIndex) -> str:
    """The lead of the list a passage opens, or "": "Members can borrow 20 items." is a
    passage, and "Members can borrow 20 items. Within that total, there are limits:"
    leads the items right after it."""
    passages = index.passages
    if position + 1 >= len(passages):
        return ""
    passage, following = passages[position], passages[position + 1]
    if (following.source, following.section) != (passage.source, passage.section):
        return ""
    return following.lead if following.lead.startswith(passage.text) else ""


def _led_by(index: CorpusIndex, lead: str) -> Callable[[int], bool]:
    return lambda position: index.passages[position].lead == lead


def _is_item(position: int, index: CorpusIndex, documents: Mapping[str, Document]) -> bool:
    """The passage opens a bulleted or numbered line ("- …", "2. …")."""
    passage = index.passages[position]
    text = documents[passage.source].text
    line = text.rfind("\n", 0, passage.start) + 1
    return bool(_MARKER.match(text[line : passage.start]))


def _run(position: int, index: CorpusIndex, member: Callable[[int], bool]) -> list[int]:
    """The contiguous passages around `position` of its document and section that are
    `member`s (empty when more than MAX_ITEMS)."""
    passages = index.passages
    key = (passages[position].source, passages[position].section)

    def same(p: int) -> bool:
        return (passages[p].source, passages[p].section) == key and member(p)

    first = last = position
    while first > 0 and same(first - 1):
        first -= 1
        if position - first > MAX_ITEMS:
            return []
    while last + 1 < len(passages) and same(last + 1):
        last += 1
        if last - first >= MAX_ITEMS:
            return []
    return list(range(first, last + 1))
