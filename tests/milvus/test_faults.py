"""Faults: a server stopped mid-session, wrong URIs and collections, processes sharing one
server, the extra not installed — each a clear, typed error; nothing crashes or is lost."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import LoopbackServer, free_port

from qa_bot import QABot
from qa_bot.cli import main
from qa_bot.errors import (
    BackendConnectionError,
    CollectionNotFoundError,
    InvalidArgumentError,
    MissingExtraError,
)
from qa_bot.paths import bundled_article

ROOT = Path(__file__).resolve().parents[2]


def test_server_stopped_mid_session_then_back(server: LoopbackServer) -> None:
    bot = QABot.from_path(bundled_article(), milvus=server.uri)
    try:
        expected = bot.ask("What is fine-tuning?").to_dict()
        server.stop()
        began = time.monotonic()
        with pytest.raises(BackendConnectionError, match=server.uri):
            bot.ask("What is fine-tuning?")
        assert time.monotonic() - began < 5
        server.start()
        assert bot.ask("What is fine-tuning?").to_dict() == expected  # the next one works
    finally:
        bot.close()


@pytest.mark.parametrize(
    "uri", ["ftp://host/x", "localhost:19530", "http://", "http://h:port", "{tmp}/bad name!.db"]
)
def test_malformed_uri_names_it(uri: str, tmp_path: Path) -> None:
    uri = uri.format(tmp=tmp_path)
    with pytest.raises(InvalidArgumentError, match="Milvus"):
        QABot.from_milvus(uri)


def test_nothing_listening_names_the_uri() -> None:
    uri = f"http://127.0.0.1:{free_port()}"
    began = time.monotonic()
    with pytest.raises(BackendConnectionError, match=uri):
        QABot.from_milvus(uri)
    assert time.monotonic() - began < 5


def test_wrong_collection_and_retriever(lite_uri: str) -> None:
    bot = QABot.from_path(bundled_article(), milvus=lite_uri)
    bot.close()
    with pytest.raises(CollectionNotFoundError, match="'nope'"):
        QABot.from_milvus(lite_uri, collection="nope")
    with pytest.raises(InvalidArgumentError, match="bad Milvus collection name 'a-b'"):
        QABot.from_milvus(lite_uri, collection="a-b")
    with pytest.raises(InvalidArgumentError, match=r"'tfidf' is not available.*bm25, hybrid"):
        QABot.from_milvus(lite_uri, retriever="tfidf")
    bot = QABot.from_milvus(lite_uri)  # nothing was lost on the way
    try:
        assert bot.ask("What is fine-tuning?").found
        with pytest.raises(InvalidArgumentError, match="'tfidf' is not available"):
            bot.ask("What is fine-tuning?", retriever="tfidf")
        with pytest.raises(InvalidArgumentError, match="only an in-process index"):
            bot.save(lite_uri + ".saved")
    finally:
        bot.close()


def test_missing_extra_names_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pymilvus", None)  # `import pymilvus` fails
    with pytest.raises(MissingExtraError, match=r"pip install 'qa-bot\[milvus\]'"):
        QABot.from_milvus("http://127.0.0.1:1")


CHILD = textwrap.dedent(
    """
    import json, sys, time
    from qa_bot import QABot
    from qa_bot.errors import CollectionNotFoundError
    uri, mine, other, folder = sys.argv[1:5]
    QABot.from_path(folder, milvus=uri, collection=mine).close()
    deadline = time.monotonic() + 60
    while True:  # until the other process has written its collection
        try:
            bot = QABot.from_milvus(uri, collection=other)
            break
        except CollectionNotFoundError:
            assert time.monotonic() < deadline, "the other process never wrote"
            time.sleep(0.2)
    answer = bot.ask(f"Where does the {other} animal live?")
    print(json.dumps([q.to_dict() for q in answer.quotes]))
    """
)


def test_two_processes_share_one_server(server: LoopbackServer, tmp_path: Path) -> None:
    for name, place in (("alpha", "mountains"), ("beta", "desert")):
        (tmp_path / name).mkdir()
        text = f"The {name} animal lives in the {place}, far from any town."
        (tmp_path / name / f"{name}.txt").write_text(text)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, server.uri, mine, other, str(tmp_path / mine)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for mine, other in (("alpha", "beta"), ("beta", "alpha"))
    ]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err[-2000:] for _, err in outs]
    quotes = [json.loads(out)[0] for out, _ in outs]
    assert [q["source"] for q in quotes] == ["beta.txt", "alpha.txt"]
    assert "desert" in quotes[0]["text"]
    assert "mountains" in quotes[1]["text"]


def test_cli_index_then_ask(tmp_path: Path, lite_uri: str) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "article.txt").write_text(bundled_article().read_text(encoding="utf-8"))
    runner = CliRunner()
    first = runner.invoke(main, ["index", str(folder), "--milvus", lite_uri])
    assert first.exit_code == 0, first.output
    assert "1 added, 0 updated, 0 removed, 0 unchanged" in first.output
    again = runner.invoke(main, ["index", str(folder), "--milvus", lite_uri])
    assert "0 added, 0 updated, 0 removed, 1 unchanged (0 passages written)" in again.output
    asked = runner.invoke(main, ["ask", "--milvus", lite_uri, "--json", "What is fine-tuning?"])
    assert asked.exit_code == 0, asked.output
    local = QABot.from_path(folder).ask("What is fine-tuning?")
    data = json.loads(asked.output)
    assert [c["id"] for c in data["citations"]] == [p.id for p in local.citations]
    wrong = runner.invoke(main, ["ask", "--milvus", lite_uri, "--collection", "nope", "x"])
    assert wrong.exit_code == 1
    assert "no qa_bot collection 'nope'" in wrong.output


def test_embedded_file_held_by_another_process(server: LoopbackServer) -> None:
    code = (
        "import sys\nfrom qa_bot import QABot\nfrom qa_bot.errors import BackendConnectionError\n"
        "try:\n    QABot.from_milvus(sys.argv[1])\nexcept BackendConnectionError as e:\n"
        "    print(e)"
    )
    lock = server.db.parent / f".{server.db.name}.lock"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for _ in range(2):  # milvus_lite alone would unlink the lock file at the first refusal
        out = subprocess.run(
            [sys.executable, "-c", code, str(server.db)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert "another process holds it" in out.stdout, out.stderr[-2000:]
        assert lock.exists()
