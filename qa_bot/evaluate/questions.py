"""Question sets: JSON Lines in the documented schema, or the web page's feedback file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_bot.documents.loading import Document
from qa_bot.errors import QuestionSetError, QuestionSetNotFoundError

FIELDS = {"id", "question", "evidence", "history", "answerable", "tags", "list_items"}


@dataclass(frozen=True)
class Question:
    """One evaluation question; `evidence` quotes are verbatim corpus text.

    `list_items` (list questions only): a short verbatim part of every item of the list
    the answer should give in full; eval reports how many of them the answer shows.
    """

    id: str
    question: str
    evidence: tuple[str, ...] = ()
    history: tuple[str, ...] = ()
    answerable: bool = True
    tags: tuple[str, ...] = ()
    list_items: tuple[str, ...] = ()


@dataclass(frozen=True)
class QuestionSet:
    questions: tuple[Question, ...]
    skipped: tuple[str, ...] = field(default=())  # e.g. feedback votes that carry no evidence


def load_questions(path: str | Path) -> QuestionSet:
    """Read a question set (or a feedback file) from JSON Lines; errors name file and line."""
    file = Path(path)
    if not file.is_file():
        raise QuestionSetNotFoundError(f"question set {str(path)!r} does not exist")
    try:
        lines = file.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError:
        raise QuestionSetError(f"{file}: not valid UTF-8") from None
    return parse_questions(lines, str(file))


def json_records(
    lines: Iterable[tuple[int, str]], name: str
) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(line number, "NAME, line N", object) of each non-blank JSON Lines line; a line that
    is not a JSON object is a QuestionSetError naming the file and line."""
    for number, line in lines:
        if not line.strip():
            continue
        where = f"{name}, line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise QuestionSetError(f"{where}: invalid JSON ({err.msg})") from None
        if not isinstance(record, dict):
            raise QuestionSetError(f"{where}: expected a JSON object, got {type(record).__name__}")
        yield number, where, record


def parse_questions(lines: Iterable[str], name: str = "<questions>") -> QuestionSet:
    questions: list[Question] = []
    skipped: list[str] = []
    seen: set[str] = set()
    for number, where, record in json_records(enumerate(lines, start=1), name):
        if "vote" in record:
            question = _from_feedback(record, where, number)
            if question is None:
                skipped.append(f"{where}: a 👎 vote has no known right answer")
                continue
        else:
            question = _from_record(record, where)
        if question.id in seen:
            raise QuestionSetError(f"{where}: duplicate id {question.id!r}")
        seen.add(question.id)
        questions.append(question)
    if not questions:
        raise QuestionSetError(f"{name}: no questions")
    return QuestionSet(tuple(questions), tuple(skipped))


def _from_record(record: dict[str, Any], where: str) -> Question:
    unknown = set(record) - FIELDS
    if unknown:
        raise QuestionSetError(
            f"{where}: unknown field(s) {sorted(unknown)}; allowed: {sorted(FIELDS)}"
        )
    for key in ("id", "question"):
        if not isinstance(record.get(key), str) or not record[key].strip():
            raise QuestionSetError(f"{where}: {key!r} must be a non-empty string")
    evidence = _strings(record, "evidence", where)
    answerable = record.get("answerable", bool(evidence))
    if not isinstance(answerable, bool):
        raise QuestionSetError(f"{where}: 'answerable' must be true or false")
    if answerable and not evidence:
        raise QuestionSetError(f"{where}: an answerable question needs at least one evidence quote")
    if not answerable and evidence:
        raise QuestionSetError(f"{where}: an unanswerable question cannot have evidence")
    list_items = _strings(record, "list_items", where)
    if record.get("list_items") == []:
        raise QuestionSetError(f"{where}: 'list_items', when given, needs at least one item")
    if list_items and not answerable:
        raise QuestionSetError(f"{where}: an unanswerable question cannot have list_items")
    return Question(
        record["id"],
        record["question"],
        evidence,
        _history(record, where),
        answerable,
        _strings(record, "tags", where),
        list_items,
    )


def _from_feedback(record: dict[str, Any], where: str, number: int) -> Question | None:
    """A 👍 on an answer: its quotes are the evidence; a 👍 on a refusal: unanswerable."""
    if record.get("vote") not in ("up", "down"):
        raise QuestionSetError(f"{where}: 'vote' must be 'up' or 'down'")
    if not isinstance(record.get("question"), str) or not record["question"].strip():
        raise QuestionSetError(f"{where}: 'question' must be a non-empty string")
    if record["vote"] == "down":
        return None
    quotes = _strings(record, "quotes", where)
    return Question(
        f"feedback-{number}",
        record["question"],
        quotes,
        _strings(record, "history", where),
        bool(record.get("found", bool(quotes))),
        ("feedback",),
    )


def _history(record: dict[str, Any], where: str) -> tuple[str, ...]:
    """Earlier questions: strings, or chat turns {"role": "user" | "assistant", "content"}
    of which the user's are kept (the bot's history is the questions asked before)."""
    value = record.get("history", [])
    if not isinstance(value, list) or not all(isinstance(turn, dict) for turn in value):
        return _strings(record, "history", where)
    questions = []
    for turn in value:
        if (
            set(turn) != {"role", "content"}
            or turn["role"] not in ("user", "assistant")
            or not isinstance(turn["content"], str)
            or not turn["content"].strip()
        ):
            raise QuestionSetError(
                f"{where}: a 'history' turn must be {{'role': 'user' or 'assistant', "
                f"'content': a non-empty string}}, got {turn!r}"
            )
        if turn["role"] == "user":
            questions.append(turn["content"])
    return tuple(questions)


def _strings(record: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = record.get(key, [])
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise QuestionSetError(f"{where}: {key!r} must be a list of non-empty strings")
    return tuple(value)


def missing_evidence(
    questions: Iterable[Question], documents: dict[str, Document]
) -> list[tuple[str, str]]:
    """(question id, quote) for every evidence quote or list item found in no document."""
    texts = [doc.text for doc in documents.values()]
    return [
        (q.id, quote)
        for q in questions
        for quote in dict.fromkeys((*q.evidence, *q.list_items))
        if not any(quote in text for text in texts)
    ]
