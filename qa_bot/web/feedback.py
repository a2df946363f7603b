"""👍/👎 votes, one JSON line each, appended safely when several users vote at once.

The file is also a question set for `qa-bot eval` (a 👍 answer's quotes are its evidence).
"""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock

from qa_bot.answering.answer import Answer

_LOCK = threading.Lock()


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
    """Append one line atomically: a thread lock, a cross-process file lock (`FILE.lock`,
    any platform), one write."""
    line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    with _LOCK, FileLock(f"{path}.lock"), path.open("ab") as file:
        file.write(line)
