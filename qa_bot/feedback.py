"""👍/👎 votes, one JSON line each, appended safely when several users vote at once.

The file is also a question set for `qa-bot eval` (a 👍 answer's quotes are its evidence).
"""

from __future__ import annotations

import fcntl
import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from qa_bot.answer import Answer

_LOCK = threading.Lock()


def default_feedback_path() -> Path:
    """$QA_BOT_FEEDBACK, else $XDG_DATA_HOME/qa-bot/feedback.jsonl (~/.local/share/…)."""
    explicit = os.environ.get("QA_BOT_FEEDBACK")
    if explicit:
        return Path(explicit)
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "qa-bot" / "feedback.jsonl"


def vote_record(answer: Answer, history: list[str], liked: bool) -> dict[str, Any]:
    """What one vote stores: question, effective query, cited passage ids, vote, time."""
    return {
        "time": datetime.now(UTC).isoformat(timespec="seconds"),
        "vote": "up" if liked else "down",
        "question": answer.question,
        "history": history,
        "query": answer.query,
        "found": answer.found,
        "passage_ids": [p.id for p in answer.citations],
        "quotes": [q.text for q in answer.quotes],
        "retriever": answer.retriever,
    }


def append_vote(path: Path, record: dict[str, Any]) -> None:
    """Append one line atomically: a thread lock, an exclusive file lock, one write."""
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with _LOCK:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            os.write(fd, line)
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)
