"""A connection to Milvus: per-call timeouts, typed errors, a reconnect after a lost link.

A URI is a local file ("qa.db", or a folder that gets "milvus.db": embedded Milvus Lite,
started here as a subprocess) or a server ("http://host:19530", Standalone, Distributed,
Zilliz Cloud or a Milvus Lite loopback server). pymilvus and milvus_lite are imported
only when a connection is made (MissingExtraError names the `milvus` extra otherwise).
Why each knob is set is measured in docs/milvus.md ("Facts").
"""

from __future__ import annotations

import fcntl
import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from qa_bot.errors import (
    BackendConnectionError,
    CollectionNotFoundError,
    InvalidArgumentError,
    MissingExtraError,
)

DEFAULT_TIMEOUT = 10.0  # seconds per call: without one pymilvus retries ~75 times (minutes)
LOAD_TIMEOUT = 600.0  # a cold collection load after an engine start (100k passages: 9–25 s)
_GLOG = "GLOG_log_dir"
# a restarted server is reachable at once (no shared subchannel backoff); no idle pings
# (the Lite engine answers them with GOAWAY too_many_pings after a minute)
_GRPC = {"grpc.use_local_subchannel_pool": 1, "grpc.keepalive_permit_without_calls": 0}
_SERVER = re.compile(r"(https?|tcp)://([^/@\s]+@)?[\w.-]+(:\d{1,5})?(/\w*)?")
_CONNECT_FAILED, _COLLECTION_NOT_FOUND = 2, 100  # pymilvus ErrorCode values


def require(name: str) -> Any:
    """The module `name` of the milvus extra (MissingExtraError when it cannot be imported;
    milvus_lite 2.5.1 also needs pkg_resources, i.e. setuptools < 81)."""
    try:
        return __import__(name, fromlist=["_"])
    except ImportError as err:
        raise MissingExtraError(f"Milvus ({name}: {err})", "milvus") from err


def lite_path(uri: str) -> Path | None:
    """The Milvus Lite file a URI names, None for a server; InvalidArgumentError if malformed."""
    if not isinstance(uri, str) or not uri.strip():
        raise InvalidArgumentError(f"Milvus URI must be a path or http://HOST:PORT, got {uri!r}")
    if "://" in uri:
        if not _SERVER.fullmatch(uri):
            raise InvalidArgumentError(
                f"bad Milvus URI {uri!r}: expected http(s)://HOST:PORT or a local path"
            )
        return None
    if re.fullmatch(r"[\w.-]+:\d+", uri):
        raise InvalidArgumentError(
            f"Milvus URI {uri!r} looks like host:port; did you mean http://{uri}?"
        )
    path = Path(uri).expanduser()
    path = (path if path.suffix == ".db" else path / "milvus.db").absolute()
    if not re.fullmatch(r"[\w.-]{1,36}", path.name, re.ASCII):  # what milvus_lite accepts
        raise InvalidArgumentError(
            f"bad Milvus Lite file name {path.name!r}: use A-Z a-z 0-9 . _ - (at most 36)"
        )
    return path


class Client:
    """A pymilvus MilvusClient (`raw`) and, for a local file, the embedded engine."""

    def __init__(self, uri: str, token: str | None = None, timeout: float = DEFAULT_TIMEOUT):
        self.uri, self.timeout, self.db_path = uri, timeout, lite_path(uri)
        self._token = token or ""
        self.raw: Any = None
        self._locked = False  # holds a share of this process's lock on the .db
        self.reconnect()

    def reconnect(self) -> None:
        milvus = require("pymilvus")
        log = logging.getLogger("pymilvus")
        if log.level == logging.WARNING:  # its default: it logs each RPC error we re-raise
            log.setLevel(logging.CRITICAL)
        # pymilvus "checks" a row's string by iterating its characters (each is a str of
        # length 1: it cannot fail) — half of indexing time; sync checks lengths itself
        require("pymilvus.client.entity_helper").CHECK_STR_ARRAY = False
        target = self.uri if self.db_path is None else self._start_lite(self.db_path)
        with self.errors():
            raw = milvus.MilvusClient(
                uri=target,
                token=self._token,
                timeout=self.timeout,
                dedicated=True,
                grpc_options=_GRPC,
            )
        self.close(stop_engine=False)  # only now: a failed reconnect keeps the old one
        self.raw = raw

    def _start_lite(self, path: Path) -> str:
        """Start (or reuse) this process's embedded engine on `path`; its socket URI."""
        saved = os.environ.get(_GLOG)
        logs = Path(saved or path.parent / f"{path.name}.logs")
        path.parent.mkdir(parents=True, exist_ok=True)
        logs.mkdir(parents=True, exist_ok=True)
        os.environ[_GLOG] = str(logs)  # the engine subprocess inherits it
        try:
            manager = require("milvus_lite.server_manager").server_manager_instance
            if not self._locked:
                _lock(path)
                self._locked = True
            target = str(manager.start_and_get_uri(str(path)) or "")
        except OSError:
            target = ""
        finally:
            if saved is None:
                del os.environ[_GLOG]
        if not target:
            raise BackendConnectionError(
                f"Milvus Lite cannot open {self.uri}: another process holds it (serve it with "
                f"a Milvus server to share it), or its folder is read-only"
            )
        return target

    @contextmanager
    def errors(self, collection: object = None) -> Iterator[None]:
        """pymilvus and grpc errors as qa_bot's: unreachable, timed out, no such collection."""
        try:
            yield
        except Exception as err:
            grpc = require("grpc")
            code = err.code() if isinstance(err, grpc.RpcError) else getattr(err, "code", None)
            timed_out = code == grpc.StatusCode.DEADLINE_EXCEEDED or "Retry timeout" in str(err)
            if timed_out or code in (_CONNECT_FAILED, grpc.StatusCode.UNAVAILABLE):
                what = "did not answer in time" if timed_out else "is unreachable"
                raise BackendConnectionError(
                    f"Milvus at {self.uri} {what}: {err}", timed_out
                ) from err
            if code == _COLLECTION_NOT_FOUND:
                raise CollectionNotFoundError(
                    f"no collection {collection!r} at Milvus {self.uri}; index one with "
                    f"`qa-bot index PATH --milvus {self.uri} --collection NAME`"
                ) from err
            raise

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """`raw.method(*args, **kwargs)` with the timeout; once retried after a reconnect
        when the link was lost (not when the engine hung: a new channel would not help)."""
        kwargs.setdefault("timeout", self.timeout)
        collection = args[0] if args else kwargs.get("collection_name")
        try:
            with self.errors(collection):
                return getattr(self.raw, method)(*args, **kwargs)
        except BackendConnectionError as err:
            if err.timed_out:
                raise
            self.reconnect()  # raises BackendConnectionError while the engine is down
        with self.errors(collection):
            return getattr(self.raw, method)(*args, **kwargs)

    def rows(self, collection: str, expr: str, fields: list[str]) -> Iterator[dict[str, Any]]:
        """Every matching row (a plain query stops silently at 16,383 rows)."""
        found = self.call(
            "query_iterator", collection, filter=expr, output_fields=fields, batch_size=1000
        )
        while True:
            with self.errors(collection):
                batch = found.next()
            if not batch:
                found.close()
                return
            yield from batch

    def close(self, stop_engine: bool = True) -> None:
        """Close the connection; the last client of an embedded engine also stops it."""
        if self.raw is not None:
            self.raw.close()
        self.raw = None
        if stop_engine and self._locked and self.db_path is not None:
            self._locked = False
            _unlock(self.db_path)


# This process's lock on each embedded .db, shared by its clients: taken before
# milvus_lite tries (a refused milvus_lite start unlinks the lock file another process
# holds), and closed only when the last client goes, after the engine is released —
# closing any handle on the file drops the process's lock, and the engine stops with it.
_LOCKS: dict[Path, tuple[Any, int]] = {}


def _lock(path: Path) -> None:
    handle, users = _LOCKS.get(path, (None, 0))
    if handle is None:
        handle = (path.parent / f".{path.name}.lock").open("a")
        try:
            fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # OSError: held elsewhere
        except OSError:
            handle.close()
            raise
    _LOCKS[path] = (handle, users + 1)


def _unlock(path: Path) -> None:
    handle, users = _LOCKS.pop(path)
    if users > 1:
        _LOCKS[path] = (handle, users - 1)
        return
    manager = sys.modules["milvus_lite.server_manager"].server_manager_instance
    manager.release_server(str(path))
    handle.close()


def connect(uri: str, token: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> Client:
    """A connection to the Milvus at `uri` (see the module docstring)."""
    return Client(uri, token, timeout)


def stop_embedded(uri: str) -> None:
    """Stop this process's embedded engine on `uri`, whatever clients still hold it (for
    a shell or a test that made bots it never closed)."""
    path = lite_path(uri)
    while path is not None and path in _LOCKS:
        _unlock(path)
