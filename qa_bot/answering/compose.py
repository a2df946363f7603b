"""Turn a ranking into an Answer: pick the answering sentences (a whole list when the
question asks for it), merge and number the citations, and grade it — answered, tentative
or not covered (grading.py) — by how much of the question the best passage supports."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from qa_bot.answering.answer import Answer, Quote
from qa_bot.answering.cues import lacks_required_cue
from qa_bot.answering.grading import CONFIDENT, TENTATIVE_FLOOR, grade
from qa_bot.answering.highlights import highlighter
from qa_bot.answering.lists import restated_list, spanned_list, whole_list
from qa_bot.answering.query import Query
from qa_bot.answering.question import expects_number, has_number
from qa_bot.documents.chunking import Passage
from qa_bot.documents.loading import Document
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.retrieval import Hit

# Calibrated with `qa-bot eval` on the shipped question set (see README, "Abstention").
MIN_COVERAGE = 0.45  # share of the question's weight (IDF) the best passage must contain
RELATIVE_SCORE = 0.75  # further passages are quoted when they score this close to the best
MAX_QUOTES = 4
FOCUS = 1.5  # the question's first word, in choosing the answer sentence (best_sentence)
TENTATIVE = "The closest the documents come:"  # opens a tentative answer's text


@dataclass(frozen=True)
class Settings:
    min_coverage: float = MIN_COVERAGE
    relative_score: float = RELATIVE_SCORE
    max_quotes: int = MAX_QUOTES
    tentative_floor: float = TENTATIVE_FLOOR
    confident: float = CONFIDENT  # from this coverage on an answer is not tentative
    whole_lists: bool = True  # a question naming a heading gets all of its list (lists.py)


def coverage(query: Query, terms: Sequence[str], index: CorpusIndex) -> float:
    """IDF-weighted share of the query's words (a compound counts once) found in `terms`.

    A word counts as found when any of its terms is; it weighs as much as its rarest term.
    """
    if not query.units:
        return 0.0
    present = set(terms)
    weights = [max(index.idf(t) for t in unit) for unit in query.units]
    found = [w for w, unit in zip(weights, query.units, strict=True) if unit & present]
    return sum(found) / sum(weights)


def compose(
    question: str,
    query: Query,
    ranking: Sequence[Hit],
    index: CorpusIndex,
    documents: Mapping[str, Document],
    retriever: str,
    settings: Settings = Settings(),
) -> Answer:
    """The Answer for a ranking: quotes and citations, or a plain refusal with related
    reading; it carries the ranked passages and a highlighter of the query's words."""
    passages = [index.passages[position] for position, _ in ranking]
    support = coverage(query, index.passage_terms[ranking[0][0]], index) if ranking else 0.0
    base = Answer(
        question=question,
        query=query.text,
        text=refusal(question, query, documents),
        found=False,
        related=passages[:3],
        confidence=support,
        retriever=retriever,
        corrections=dict(query.corrections),
        terms=query.terms,
        ranked=tuple(passages),
        highlighter=highlighter(query.terms, index.analyzer),
    )
    outcome = grade(
        query, support, settings.min_coverage, settings.tentative_floor, settings.confident
    )
    if outcome == "not_covered":
        return base
    best = ranking[0][1]
    top = index.passages[ranking[0][0]]
    listed = (
        whole_list(ranking[0][0], query, index, documents) or restated_list(ranking, query, index)
        if settings.whole_lists
        else None
    )
    chosen = listed or [
        position
        for position, score in ranking[: settings.max_quotes]
        if score >= settings.relative_score * best
        and index.passages[position].section == top.section
    ]
    if settings.whole_lists and not listed:
        chosen = spanned_list(chosen, query, index, documents) or chosen
    quotes, citations = _quote(_introduced(chosen, index), query, index, documents)
    texts = [q.text for q in quotes]
    if (expects_number(query.text) and not any(has_number(t) for t in texts)) or (
        lacks_required_cue(query.text, texts)
    ):
        return replace(base, confidence=min(support, settings.min_coverage) / 2)
    text = " ".join(f"{q.text} [{q.citation}]" for q in quotes)
    if outcome == "tentative":
        text = f"{TENTATIVE} {text}"
    cited = {p.id for p in citations}
    related = [p for p in passages if p.id not in cited and not _inside(p, citations)]
    return replace(
        base,
        text=text,
        found=True,
        citations=citations,
        quotes=quotes,
        related=related,
        outcome=outcome,
    )


def refusal(question: str, query: Query, documents: Mapping[str, Document]) -> str:
    what = "The article does not" if len(documents) == 1 else "The documents do not"
    if not query.terms and not query.unknown:
        return f"I found no words to look up in “{question.strip()}”. Please ask a question."
    return f"{what} cover this question (“{question.strip()}”)."


def best_sentence(
    position: int, query: Query, index: CorpusIndex, follow_on: bool = False
) -> tuple[int, int]:
    """Offsets (in the document) of the passage sentence that shares most of the query
    (IDF-weighted, the question's first word — its focus, "What does an *inverter* do in
    a solar installation?" — weighing FOCUS times as much; words the passage's heading
    already says count for none: under "How do I connect to the Wi-Fi?" the sentence
    repeating them is not the answer); with `follow_on`, through the sentence after it too
    (a label or a claim is often explained by the next sentence)."""
    passage = index.passages[position]
    sentences = index.sentences(position)
    if not sentences:
        return passage.start, passage.end
    heading = set(index.analyzer(passage.headings[-1])) if passage.headings else set()
    wanted = set(query.terms) - heading
    focus = query.units[0] if query.units else frozenset()
    weight = {t: index.idf(t) * (FOCUS if t in focus else 1.0) for t in wanted}
    scores = [sum(weight[t] for t in wanted & terms) for _, _, terms in sentences]
    best = max(range(len(sentences)), key=lambda i: (scores[i], -i))
    last = min(best + 1, len(sentences) - 1) if follow_on else best
    return passage.start + sentences[best][0], passage.start + sentences[last][1]


def _quote(
    chosen: list[int], query: Query, index: CorpusIndex, documents: Mapping[str, Document]
) -> tuple[list[Quote], list[Passage]]:
    positions = list(chosen)
    if len({(index.passages[p].source, index.passages[p].section) for p in positions}) == 1:
        positions.sort(key=lambda p: index.passages[p].start)  # one list: the document's order
    citations: list[Passage] = []
    quotes: list[Quote] = []
    for position in positions:
        passage = index.passages[position]
        start, end = best_sentence(position, query, index, follow_on=len(positions) == 1)
        number = _cite(passage, citations, documents)
        text = documents[passage.source].text[start:end]
        quotes.append(Quote(text, passage.source, start, end, number))
    return quotes, citations


def _cite(passage: Passage, citations: list[Passage], documents: Mapping[str, Document]) -> int:
    """Add the passage to the citations (merged with an adjacent one); its 1-based number."""
    text = documents[passage.source].text
    for number, cited in enumerate(citations, start=1):
        if cited.source != passage.source or cited.section != passage.section:
            continue
        gap = text[min(cited.end, passage.end) : max(cited.start, passage.start)]
        if (passage.start <= cited.end and cited.start <= passage.end) or _only_markers(gap):
            start, end = min(cited.start, passage.start), max(cited.end, passage.end)
            citations[number - 1] = Passage(
                f"{cited.id}+{passage.id}",
                cited.source,
                cited.title,
                cited.section,
                start,
                end,
                text[start:end],
            )
            return number
    citations.append(passage)
    return len(citations)


def _introduced(chosen: list[int], index: CorpusIndex) -> list[int]:
    """A lone passage ending in a colon ("The default template is:") with what it
    introduces: the next passage of its section."""
    if len(chosen) != 1 or not index.passages[chosen[0]].text.rstrip().endswith(":"):
        return chosen
    position, passages = chosen[0], index.passages
    after = position + 1
    if after < len(passages) and (passages[after].source, passages[after].section) == (
        passages[position].source,
        passages[position].section,
    ):
        return [position, after]
    return chosen


def _only_markers(gap: str) -> bool:
    """True when only white space and list markers separate two passages."""
    return len(gap) <= 8 and not any(ch.isalnum() for ch in gap)


def _inside(passage: Passage, citations: list[Passage]) -> bool:
    return any(
        c.source == passage.source and c.start <= passage.start and passage.end <= c.end
        for c in citations
    )
