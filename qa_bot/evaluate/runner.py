"""Run a question set through QABot and score every question, retriever by retriever."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from qa_bot.answering.answer import Answer
from qa_bot.bot import QABot
from qa_bot.defaults import DEFAULT_K
from qa_bot.documents.chunking import Passage
from qa_bot.evaluate import metrics
from qa_bot.evaluate.questions import Question

DEPTH = 10  # how many passages each question ranks (for hit@k up to 10, MRR@10, nDCG@10)

NOT_RETRIEVED = "not retrieved"
RANKED_BELOW_1 = "ranked below 1"
WRONG_SENTENCE = "right passage but wrong answer sentence"
SHOULD_REFUSE = "answered but should have refused"
FALSE_REFUSAL = "refused but answerable"
LIST_INCOMPLETE = "list incomplete"


@dataclass(frozen=True)
class Outcome:
    """How one question went for one retriever."""

    id: str
    question: str
    retriever: str
    tags: tuple[str, ...]
    answerable: bool
    rank: int | None  # 1-based rank of the first right passage within DEPTH
    relevant: tuple[bool, ...]
    recall: float
    ndcg: float
    found: bool
    answer_correct: bool
    confidence: float
    seconds: float
    query: str
    answer: str
    outcome: str = "answered"  # the Answer's grade: answered / tentative / not_covered
    list_items: int = 0  # items of the expected list (0: not a list question)
    list_shown: int = 0  # how many of them the answer's quotes or citations show

    @property
    def right(self) -> bool:
        """Refused an unanswerable question, or gave the evidence in its quoted sentences."""
        return self.answer_correct if self.answerable else not self.found

    @property
    def confidently_wrong(self) -> bool:
        """Answered without caution, yet the evidence is not in the quoted sentences."""
        return self.outcome == "answered" and not self.right

    @property
    def failures(self) -> list[str]:
        """Failure classes, most fundamental first (empty for a full success)."""
        if not self.answerable:
            return [SHOULD_REFUSE] if self.found else []
        out = []
        if self.rank is None:
            out.append(NOT_RETRIEVED)
        elif self.rank > 1:
            out.append(RANKED_BELOW_1)
        if not self.found:
            out.append(FALSE_REFUSAL)
        elif not self.answer_correct:
            out.append(WRONG_SENTENCE)
        if self.found and self.list_shown < self.list_items:
            out.append(f"{LIST_INCOMPLETE} ({self.list_shown} of {self.list_items} items)")
        return out

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["failures"] = self.failures
        data["right"] = self.right
        data["confidently_wrong"] = self.confidently_wrong
        return data


def evaluate(
    bot: QABot,
    questions: Sequence[Question],
    retrievers: Iterable[str],
    k: int = DEFAULT_K,
    progress: Callable[[Iterable[Question]], Iterable[Question]] = lambda items: items,
) -> list[Outcome]:
    """Every question through `bot.ask` for each retriever; `k` bounds recall@k."""
    relevant_counts = {q.id: _count_relevant(bot.passages, q.evidence) for q in questions}
    outcomes = []
    for name in retrievers:
        for question in progress(questions):
            outcomes.append(_one(bot, question, name, k, relevant_counts[question.id]))
    return outcomes


def _one(bot: QABot, question: Question, retriever: str, k: int, n_relevant: int) -> Outcome:
    started = time.perf_counter()
    answer = bot.ask(
        question.question, list(question.history), k=max(k, DEPTH), retriever=retriever
    )
    ranked = answer.ranked
    seconds = time.perf_counter() - started
    relevant = tuple(metrics.is_relevant(p.text, question.evidence) for p in ranked[:DEPTH])
    return Outcome(
        id=question.id,
        question=question.question,
        retriever=retriever,
        tags=question.tags,
        answerable=question.answerable,
        rank=metrics.first_hit(relevant),
        relevant=relevant,
        recall=metrics.recall([p.text for p in ranked], question.evidence, k),
        ndcg=metrics.ndcg(relevant, n_relevant, DEPTH),
        found=answer.found,
        answer_correct=answer_holds(answer, question.evidence),
        confidence=answer.confidence,
        seconds=seconds,
        query=answer.query,
        answer=answer.text,
        outcome=answer.outcome,
        list_items=len(question.list_items),
        list_shown=list_shown(answer, question.list_items),
    )


def answer_holds(answer: Answer, evidence: Sequence[str]) -> bool:
    """The evidence lies in the direct answer's quoted sentences (not just some passage)."""
    return answer.found and any(metrics.is_relevant(q.text, evidence) for q in answer.quotes)


def list_shown(answer: Answer, items: Sequence[str]) -> int:
    """How many list items some quote or cited passage of the answer contains."""
    if not answer.found:
        return 0
    shown = [q.text for q in answer.quotes] + [p.text for p in answer.citations]
    return sum(1 for item in items if any(item in text for text in shown))


def _count_relevant(passages: Sequence[Passage], evidence: Sequence[str]) -> int:
    return sum(1 for p in passages if metrics.is_relevant(p.text, evidence))
