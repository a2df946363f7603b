"""Complete lists: a question that names a heading gets every item under it, in order.

"What are the applications of generative AI?" names the heading "Applications of
Generative AI"; its answer is the whole list below it, not the few items that happened to
score close to the best. A question that also names one item ("… in music?") asks for that
item alone.
"""

from __future__ import annotations

from qa_bot.answering.query import Query
from qa_bot.indexing.corpus_index import CorpusIndex

MAX_ITEMS = 12  # a longer section is not read out whole


def whole_list(position: int, query: Query, index: CorpusIndex) -> list[int] | None:
    """The positions of every passage of the section the question names by its innermost
    heading, in document order, when `position` (the best passage) lies in it; else None."""
    passage = index.passages[position]
    if not passage.headings:
        return None
    wanted = set(query.terms)
    heading = set(index.analyzer(passage.headings[-1]))
    if not heading or not heading <= wanted:
        return None
    label = passage.label
    if label != passage.headings[-1] and set(index.analyzer(label)) & (wanted - heading):
        return None  # the question names this item too
    members = _section(position, index)
    return members if 2 <= len(members) <= MAX_ITEMS else None


def _section(position: int, index: CorpusIndex) -> list[int]:
    """The contiguous run of passages sharing the passage's document and section."""
    passages = index.passages
    key = (passages[position].source, passages[position].section)
    first = last = position
    while first > 0 and (passages[first - 1].source, passages[first - 1].section) == key:
        first -= 1
        if position - first > MAX_ITEMS:
            return []
    while (
        last + 1 < len(passages) and (passages[last + 1].source, passages[last + 1].section) == key
    ):
        last += 1
        if last - first >= MAX_ITEMS:
            return []
    return list(range(first, last + 1))
