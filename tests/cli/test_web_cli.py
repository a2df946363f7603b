"""`qa-bot chat`: the start-up message names the CLI's own flags; a busy port is named."""

from __future__ import annotations

import socket
import sys
import types
from typing import Any

import pytest
from click.testing import CliRunner

from qa_bot.cli import main


def test_busy_port_says_which_port_to_try() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        result = CliRunner().invoke(main, ["chat", "--port", str(port)])
    assert result.exit_code != 0
    assert f"port {port} is in use; try --port {port + 1}" in result.output
    assert "Traceback" not in result.output


def test_start_up_message_names_share_flag(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[dict[str, Any]] = []
    fake = types.ModuleType("qa_bot.web.app")
    fake.launch = lambda bot, path, **kwargs: calls.append(kwargs)  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "qa_bot.web.app", fake)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = CliRunner().invoke(main, ["chat", "--port", str(port)])
    assert result.exit_code == 0, result.output
    assert "--share" in result.output
    assert "share=True" not in result.output
    assert calls
    assert calls[0]["quiet"] is True
