"""web.feedback: vote records, safe concurrent appends, and the file as an eval question set."""

from __future__ import annotations

import json
import multiprocessing
import threading
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from qa_bot import QABot
from qa_bot.answering.answer import Answer
from qa_bot.evaluate.questions import QuestionSetError, load_questions, missing_evidence
from qa_bot.paths import feedback_path
from qa_bot.web.feedback import append_vote, vote_record

FOUND_QUESTION = "What are the weaknesses of generative AI?"  # the `found` fixture
REFUSED_QUESTION = "What is the capital of France?"  # the `refused` fixture

THREADS, PROCESSES, VOTES = 8, 2, 50
PADDING = 6000  # lines larger than PIPE_BUF (4096), so torn writes would show


def read_lines(path: Path) -> list[dict[str, Any]]:
    text = path.read_text(encoding="utf-8")
    assert text.endswith("\n")
    return [json.loads(line) for line in text.split("\n")[:-1]]


# --- vote_record ----------------------------------------------------------------------------


@pytest.mark.parametrize(("liked", "vote"), [(True, "up"), (False, "down")])
def test_vote_record_fields(found: Answer, liked: bool, vote: str) -> None:
    record = vote_record(found, ["What are LLMs?"], liked)
    assert set(record) == {
        "time",
        "vote",
        "question",
        "history",
        "query",
        "found",
        "passage_ids",
        "quotes",
        "retriever",
    }
    assert record["vote"] == vote
    assert record["question"] == FOUND_QUESTION
    assert record["history"] == ["What are LLMs?"]
    assert record["query"] == found.query
    assert record["found"] is True
    assert record["passage_ids"] == [p.id for p in found.citations]
    assert record["passage_ids"]
    assert record["quotes"] == [q.text for q in found.quotes]
    assert record["quotes"]
    assert record["retriever"] == "hybrid"
    json.dumps(record)  # serialisable


def test_vote_record_time_is_iso_utc(found: Answer) -> None:
    before = datetime.now().astimezone()
    record = vote_record(found, [], True)
    stamp = datetime.fromisoformat(record["time"])
    assert stamp.tzinfo is not None
    assert stamp.utcoffset() == timedelta(0)
    assert abs((stamp - before).total_seconds()) < 5


def test_vote_record_for_refusal(refused: Answer) -> None:
    record = vote_record(refused, [], True)
    assert record["found"] is False
    assert record["passage_ids"] == []
    assert record["quotes"] == []


def test_vote_record_for_follow_up(qa: QABot) -> None:
    history = ["What are the strengths of LLMs?"]
    answer = qa.ask("And their weaknesses?", history=history)
    record = vote_record(answer, history, False)
    assert record["question"] == "And their weaknesses?"
    assert record["history"] == history
    assert "LLMs" in record["query"]


# --- append_vote ----------------------------------------------------------------------------


def test_append_vote_creates_parent_dirs(tmp_path: Path, found: Answer) -> None:
    path = tmp_path / "a" / "b" / "c" / "feedback.jsonl"
    append_vote(path, vote_record(found, [], True))
    assert path.is_file()
    (line,) = read_lines(path)
    assert line["question"] == FOUND_QUESTION


def test_append_vote_one_line_per_call(tmp_path: Path, found: Answer, refused: Answer) -> None:
    path = tmp_path / "feedback.jsonl"
    records = [
        vote_record(found, [], True),
        vote_record(refused, ["What is fine-tuning?"], False),
        {"question": "ünïcode — “quotes” \n newline", "vote": "up"},
    ]
    for n, record in enumerate(records, start=1):
        append_vote(path, record)
        assert len(path.read_text(encoding="utf-8").splitlines()) == n
    assert read_lines(path) == records


def _write_votes(path: str, writer: str, count: int) -> None:
    for n in range(count):
        append_vote(Path(path), {"writer": writer, "n": n, "pad": writer[-1] * PADDING})


def test_concurrent_appends_never_interleave(tmp_path: Path) -> None:
    path = tmp_path / "votes" / "feedback.jsonl"
    context = multiprocessing.get_context("fork")
    processes = [
        context.Process(target=_write_votes, args=(str(path), f"process-{i}", VOTES))
        for i in range(PROCESSES)
    ]
    threads = [
        threading.Thread(target=_write_votes, args=(str(path), f"thread-{i}", VOTES))
        for i in range(THREADS)
    ]
    for worker in processes + threads:
        worker.start()
    for thread in threads:
        thread.join(timeout=60)
    for process in processes:
        process.join(timeout=60)
        assert process.exitcode == 0

    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    assert lines[-1] == ""
    records = [json.loads(line) for line in lines[:-1]]  # every line is one whole JSON object
    assert len(records) == (THREADS + PROCESSES) * VOTES
    writers = [f"thread-{i}" for i in range(THREADS)] + [f"process-{i}" for i in range(PROCESSES)]
    assert {(r["writer"], r["n"]) for r in records} == {
        (w, n) for w in writers for n in range(VOTES)
    }
    for record in records:
        assert record["pad"] == record["writer"][-1] * PADDING
    for writer in writers:  # each writer's lines stay in its own order
        assert [r["n"] for r in records if r["writer"] == writer] == list(range(VOTES))


# --- feedback_path ----------------------------------------------------------------------


def test_default_path_honours_qa_bot_feedback(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("QA_BOT_FEEDBACK", str(tmp_path / "mine.jsonl"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert feedback_path() == tmp_path / "mine.jsonl"


def test_default_path_honours_xdg_data_home(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv("QA_BOT_FEEDBACK", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert feedback_path() == tmp_path / "xdg" / "qa-bot" / "feedback.jsonl"


@pytest.mark.parametrize("empty", [None, ""])
def test_default_path_falls_back_to_local_share(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, empty: str | None
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for name in ("QA_BOT_FEEDBACK", "XDG_DATA_HOME"):
        if empty is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, empty)
    expected = tmp_path / "home" / ".local" / "share" / "qa-bot" / "feedback.jsonl"
    assert feedback_path() == expected


# --- the feedback file is an eval question set --------------------------------------------------


def test_feedback_file_loads_as_question_set(
    tmp_path: Path, qa: QABot, found: Answer, refused: Answer
) -> None:
    path = tmp_path / "feedback.jsonl"
    append_vote(path, vote_record(found, [], True))
    append_vote(path, vote_record(found, [], False))
    follow_up = qa.ask("And their weaknesses?", history=["What are the strengths of LLMs?"])
    append_vote(path, vote_record(follow_up, ["What are the strengths of LLMs?"], True))
    append_vote(path, vote_record(refused, [], True))

    loaded = load_questions(path)
    assert len(loaded.questions) == 3
    assert len(loaded.skipped) == 1
    assert "line 2" in loaded.skipped[0]

    first, second, third = loaded.questions
    assert first.question == FOUND_QUESTION
    assert first.evidence == tuple(q.text for q in found.quotes)
    assert first.answerable is True
    assert first.history == ()
    assert "feedback" in first.tags
    assert second.question == "And their weaknesses?"
    assert second.history == ("What are the strengths of LLMs?",)
    assert second.evidence == tuple(q.text for q in follow_up.quotes)
    assert third.question == REFUSED_QUESTION
    assert third.answerable is False
    assert third.evidence == ()
    assert len({q.id for q in loaded.questions}) == 3
    assert missing_evidence(loaded.questions, qa.documents) == []


def test_feedback_file_with_only_down_votes_has_no_questions(tmp_path: Path, found: Answer) -> None:
    path = tmp_path / "feedback.jsonl"
    append_vote(path, vote_record(found, [], False))
    with pytest.raises(QuestionSetError, match="no questions"):
        load_questions(path)
