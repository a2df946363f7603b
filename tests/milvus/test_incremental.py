"""Re-indexing a folder into Milvus changes exactly the passages of the files that changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from qa_bot import QABot
from qa_bot.indexing.milvus.engine import MilvusEngine
from qa_bot.indexing.milvus.sync import SyncReport

FILES = {
    f"topic{n}.md": f"# Topic {n}\n\nFirst paragraph about subject{n} and its habits.\n\n"
    f"Second paragraph: subject{n} lives near river{n}, far from the city.\n"
    for n in range(5)
}


def rows(bot: QABot) -> dict[int, dict[str, Any]]:
    engine = bot.engine
    assert isinstance(engine, MilvusEngine)
    fields = ["source", "start", "end", "search_text"]
    return {r["id"]: r for r in engine.client.rows(engine.collection, "", ["id", *fields])}


def test_change_one_remove_one_add_one(tmp_path: Path, lite_uri: str) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for name, text in FILES.items():
        (folder / name).write_text(text)
    bot = QABot.from_path(folder, milvus=lite_uri)
    assert bot.sync_report == SyncReport(5, 0, 0, 0, len(bot.passages))
    before = rows(bot)
    bot.close()

    (folder / "topic1.md").write_text(FILES["topic1.md"].replace("river1", "lake1"))
    (folder / "topic2.md").unlink()
    (folder / "topic9.md").write_text("# Topic 9\n\nA new paragraph about subject9 and owls.\n")
    bot = QABot.from_path(folder, milvus=lite_uri)
    try:
        assert bot.sync_report == SyncReport(
            added=1, updated=1, removed=1, unchanged=3, passages_written=3
        )
        after = rows(bot)
        changed = {"topic1.md", "topic2.md", "topic9.md"}
        same = {i: r for i, r in before.items() if r["source"] not in changed}
        assert {i: r for i, r in after.items() if r["source"] not in changed} == same
        assert {r["source"] for i, r in after.items() if i not in before} == {
            "topic1.md",
            "topic9.md",
        }
        assert not any(r["source"] == "topic2.md" for r in after.values())
        assert len(after) == len(bot.passages)
        assert bot.search("lake1")[0].source == "topic1.md"
        assert bot.search("owls")[0].source == "topic9.md"
        assert all(p.source != "topic2.md" for p in bot.search("subject2 river2", k=20))
        again = QABot.from_path(folder, milvus=lite_uri, collection="qa_bot")
    finally:
        bot.close()
    assert again.sync_report == SyncReport(0, 0, 0, 5, 0)
    again.close()
