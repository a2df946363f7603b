import json
from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.evaluate.questions import (
    QuestionSetError,
    load_questions,
    missing_evidence,
    parse_questions,
)
from qa_bot.evaluate.shell import shipped_questions


def line(**record: object) -> str:
    return json.dumps(record)


def test_parses_the_documented_schema() -> None:
    qset = parse_questions(
        [
            line(
                id="q1",
                question="What?",
                evidence=["x"],
                history=["Before?"],
                answerable=True,
                tags=["paraphrase"],
            ),
            line(id="q2", question="Capital of France?", evidence=[], answerable=False),
            "",
        ]
    )
    first, second = qset.questions
    assert first.history == ("Before?",)
    assert first.tags == ("paraphrase",)
    assert second.answerable is False


def test_list_items_are_read_in_order() -> None:
    record = line(id="l", question="List them.", evidence=["a; b; c"], list_items=["a", "c"])
    (question,) = parse_questions([record]).questions
    assert question.list_items == ("a", "c")
    (plain,) = parse_questions([line(id="p", question="Q?", evidence=["x"])]).questions
    assert plain.list_items == ()


def test_history_may_be_chat_turns_of_which_the_questions_are_kept() -> None:
    turns = [
        {"role": "user", "content": "How do I list folders?"},
        {"role": "assistant", "content": "Run dirsum."},
        {"role": "user", "content": "And by size?"},
    ]
    (question,) = parse_questions(
        [line(id="f", question="Only five?", evidence=["x"], history=turns)]
    ).questions
    assert question.history == ("How do I list folders?", "And by size?")


@pytest.mark.parametrize(
    "turn",
    [{"role": "system", "content": "x"}, {"role": "user", "content": ""}, {"role": "user"}],
)
def test_bad_chat_turns_are_named(turn: dict[str, str]) -> None:
    with pytest.raises(QuestionSetError, match=r"line 1: a 'history' turn must be"):
        parse_questions([line(id="f", question="Q?", evidence=["x"], history=[turn])])


def test_answerable_defaults_to_having_evidence() -> None:
    (question,) = parse_questions([line(id="a", question="Q?", evidence=[])]).questions
    assert question.answerable is False


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{not json", r"line 1: invalid JSON"),
        ("[1, 2]", r"line 1: expected a JSON object"),
        (line(id="a"), r"line 1: 'question' must be a non-empty string"),
        (line(id="a", question="Q?", evidence="x"), r"'evidence' must be a list"),
        (line(id="a", question="Q?", evidence=[], answerable=True), r"needs at least one"),
        (line(id="a", question="Q?", evidence=["x"], answerable=False), r"cannot have evidence"),
        (line(id="a", question="Q?", evidence=["x"], colour="red"), r"unknown field"),
        (line(id="a", question="Q?", evidence=["x"], answerable="yes"), r"true or false"),
        (line(id="a", question="Q?", evidence=["x"], list_items="x"), r"'list_items' must be a"),
        (line(id="a", question="Q?", evidence=["x"], list_items=["x", ""]), r"'list_items' must"),
        (line(id="a", question="Q?", evidence=["x"], list_items=[3]), r"'list_items' must be a"),
        (line(id="a", question="Q?", evidence=["x"], list_items=[]), r"needs at least one item"),
        (
            line(id="a", question="Q?", evidence=[], answerable=False, list_items=["x"]),
            r"unanswerable question cannot have list_items",
        ),
    ],
)
def test_invalid_lines_name_the_line_and_problem(text: str, message: str) -> None:
    with pytest.raises(QuestionSetError, match=message):
        parse_questions([text], "set.jsonl")


def test_duplicate_ids_are_rejected() -> None:
    rows = [line(id="a", question="Q?", evidence=["x"])] * 2
    with pytest.raises(QuestionSetError, match=r"line 2: duplicate id 'a'"):
        parse_questions(rows)


def test_file_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"nope\.jsonl"):
        load_questions(tmp_path / "nope.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text(line(id="a", question="Q?", evidence=["x"]) + "\n{oops\n")
    with pytest.raises(QuestionSetError, match=r"bad\.jsonl, line 2"):
        load_questions(bad)


def test_missing_evidence_is_reported() -> None:
    bot = QABot.default()
    qset = parse_questions([line(id="a", question="Q?", evidence=["LLMs undergo", "not in it"])])
    assert missing_evidence(qset.questions, bot.documents) == [("a", "not in it")]
    listed = parse_questions(
        [line(id="b", question="Q?", evidence=["LLMs undergo"], list_items=["LLMs", "no such"])]
    )
    assert missing_evidence(listed.questions, bot.documents) == [("b", "no such")]


@pytest.mark.parametrize(
    ("path", "lists"),
    [
        ("corpus/holdout/questions.jsonl", True),
        ("corpus/tune-faq/questions.jsonl", True),
        ("corpus/tune-manual/questions.jsonl", True),
        ("corpus/article-unseen/questions.jsonl", True),
        ("corpus/manual/questions.jsonl", True),
        ("corpus/faq/questions.jsonl", True),
        ("corpus/docs-folder/questions.jsonl", False),
    ],
)
def test_every_corpus_set_loads(path: str, lists: bool) -> None:
    questions = load_questions(Path(__file__).parents[2] / path).questions
    assert any(q.list_items for q in questions) is lists
    assert all("list" in q.tags for q in questions if q.list_items)


def test_shipped_set_is_valid_and_grounded() -> None:
    qset = load_questions(shipped_questions())
    questions = qset.questions
    assert len(questions) >= 80
    assert missing_evidence(questions, QABot.default().documents) == []
    tags = {t for q in questions for t in q.tags}
    assert {"paraphrase", "list", "misspelt", "followup", "unanswerable"} <= tags
    assert sum(not q.answerable for q in questions) >= 15
    assert all(q.history for q in questions if "followup" in q.tags)
