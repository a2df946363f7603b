"""Fixtures over the real Milvus engine (milvus-lite 2.5.1): embedded in tmp_path, and a
loopback gRPC server on a free 127.0.0.1 port, stopped through its process handle. glog
files go to tmp_path (GLOG_log_dir), never to the system temp folder."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("pymilvus")
pytest.importorskip("milvus_lite.server")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LoopbackServer:
    """milvus_lite's server on 127.0.0.1:PORT (what a remote Milvus looks like)."""

    def __init__(self, db: Path, port: int) -> None:
        self.db, self.port = db, port
        self.uri = f"http://127.0.0.1:{port}"
        self.srv: Any = None

    def start(self) -> None:
        from milvus_lite.server import Server

        self.srv = Server(str(self.db), address=f"127.0.0.1:{self.port}")
        assert self.srv.init()
        assert self.srv.start(), "milvus_lite server did not start"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.02)
        raise RuntimeError("milvus_lite server never opened its port")

    def stop(self) -> None:
        if self.srv is None:
            return
        process = self.srv._p  # its subprocess.Popen: Server.stop() alone waits 2 s, kills
        if process is not None and process.poll() is None:
            process.terminate()
            process.wait(timeout=10)
        self.srv.stop()
        self.srv = None


@pytest.fixture
def glog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "glog"
    folder.mkdir()
    monkeypatch.setenv("GLOG_log_dir", str(folder))
    return folder


@pytest.fixture
def lite_uri(tmp_path: Path, glog: Path) -> Iterator[str]:
    """An embedded Milvus Lite file (its engine starts with the first bot; stopped after
    the test even if a bot was left open, e.g. by a CLI command)."""
    from qa_bot.indexing.milvus.client import stop_embedded

    uri = str(tmp_path / "qa.db")
    yield uri
    stop_embedded(uri)
    assert any(glog.iterdir()), "glog files should land in GLOG_log_dir"


@pytest.fixture
def server(tmp_path: Path, glog: Path) -> Iterator[LoopbackServer]:
    srv = LoopbackServer(tmp_path / "srv.db", free_port())
    srv.start()
    yield srv
    srv.stop()
