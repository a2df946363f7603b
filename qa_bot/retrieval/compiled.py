"""The numba-compiled kernels: compiled once per machine, loaded from disk afterwards, and
made ready in a background thread so that no question waits for a compiler.

- Eager signatures: each kernel is compiled for exactly the array types the kernel module
  passes (read-only C arrays: int64 offsets, int32 positions, float32 or float64 weights),
  so a new corpus size, or an index memory-mapped from disk, never compiles again.
- On-disk cache (`cache=True`): in $NUMBA_CACHE_DIR when set, else in the folder given to
  `warm_up` (qa_bot passes `<cache folder>/numba`); a cached kernel loads in ~0.1 s.
- No patched module globals: each loop of blockmax.py is copied with its helpers bound in
  the copy's own globals (`bind`), so blockmax's plain-Python functions stay plain Python.
- `warm_up` imports numba and loads (or compiles) the kernels in a daemon thread; until they
  are ready `kernels(wait=False)` answers None and the caller uses the numpy path, which
  returns the same hits. QA_BOT_NO_NUMBA (any value) turns numba off.
"""

from __future__ import annotations

import os
import sys
import threading
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa_bot.retrieval import blockmax

# helpers in the order they are compiled (a helper is bound to those before it)
HELPERS = ("_gallop", "insert_best", "_accumulate", "_collect", "_query_bounds")
WEIGHTS = ("float32", "float64")  # the weight dtypes compiled for (BM25, TF-IDF)


@dataclass(frozen=True)
class Kernels:
    terms: Callable[..., Any]  # blockmax.top_k_terms, compiled
    ranges: Callable[..., Any]  # blockmax.top_k_ranges, compiled


def bind(function: Callable[..., Any], helpers: Mapping[str, Any]) -> types.FunctionType:
    """A copy of `function` whose global names in `helpers` mean the given objects (numba
    reads a function's globals when it compiles it); the original is left as it was."""
    if not isinstance(function, types.FunctionType):
        raise TypeError(f"bind needs a plain Python function, not {type(function).__name__}")
    scope = {**function.__globals__, **helpers}
    copy = types.FunctionType(
        function.__code__, scope, function.__name__, function.__defaults__, function.__closure__
    )
    copy.__qualname__, copy.__module__ = function.__qualname__, function.__module__
    copy.__doc__ = function.__doc__
    return copy


def signatures(numba: types.ModuleType) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
    """The argument types of top_k_terms and of top_k_ranges, one tuple per weight dtype."""
    nt = numba.types

    def frozen(dtype: Any, dims: int = 1) -> Any:
        return nt.Array(dtype, dims, "C", readonly=True)

    offsets, positions, factors = frozen(nt.int64), frozen(nt.int32), frozen(nt.float64)
    terms, ranges = [], []
    for name in WEIGHTS:
        weights = frozen(getattr(nt, name))
        head = (offsets, positions, weights, frozen(nt.int64), factors)
        terms.append((*head, nt.int64, nt.Array(nt.float64, 1, "C")))
        ranges.append((*head, frozen(nt.int64), frozen(nt.float64, 2), nt.int64, nt.int64))
    return terms, ranges


def compile_kernels(numba: types.ModuleType) -> Kernels:
    """Load (or compile, then cache) both kernels for every signature."""
    lazy = numba.njit(cache=True, nogil=True)
    helpers: dict[str, Any] = {}
    for name in HELPERS:
        helpers[name] = lazy(bind(getattr(blockmax, name), helpers))
    terms, ranges = signatures(numba)
    return Kernels(
        numba.njit(terms, cache=True, nogil=True)(bind(blockmax.top_k_terms, helpers)),
        numba.njit(ranges, cache=True, nogil=True)(bind(blockmax.top_k_ranges, helpers)),
    )


def exercised(kernels: Kernels) -> Kernels:
    """The kernels, each called once per signature on a two-passage corpus: numba's first
    call of a loaded kernel (argument typing, linking) then happens here, not in a query."""
    import numpy as np

    def frozen(array: np.ndarray) -> np.ndarray:
        array.flags.writeable = False
        return array

    indptr, indices = frozen(np.array([0, 2], np.int64)), frozen(np.array([0, 1], np.int32))
    columns, factors = frozen(np.zeros(1, np.int64)), frozen(np.ones(1))
    slot, table = frozen(np.zeros(1, np.int64)), frozen(np.ones((1, 1)))
    for name in WEIGHTS:
        weights = frozen(np.ones(2, dtype=name))
        kernels.terms(indptr, indices, weights, columns, factors, 1, np.zeros(2))
        kernels.ranges(indptr, indices, weights, columns, factors, slot, table, 12, 1)
    return kernels


class _State:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.done = threading.Event()
        self.thread: threading.Thread | None = None
        self.kernels: Kernels | None = None
        self.error: str | None = None  # why numba is not used


_STATE = _State()


def disabled() -> bool:
    return bool(os.environ.get("QA_BOT_NO_NUMBA"))


def _load(cache_folder: Path | None) -> None:
    try:
        if disabled():
            raise ImportError("disabled by QA_BOT_NO_NUMBA")
        if cache_folder is not None and "numba" not in sys.modules:
            os.environ.setdefault("NUMBA_CACHE_DIR", str(cache_folder))
        import numba

        _STATE.kernels = exercised(compile_kernels(numba))
    except ImportError as err:
        _STATE.error = str(err)
    finally:
        _STATE.done.set()


def warm_up(cache_folder: Path | None = None) -> threading.Thread | None:
    """Start loading the kernels in a daemon thread (once per process); the thread, or None
    when it was started already. `cache_folder`: where numba keeps compiled kernels unless
    $NUMBA_CACHE_DIR says (it only applies when numba is not imported yet)."""
    with _STATE.lock:
        if _STATE.thread is not None:
            return None
        _STATE.thread = threading.Thread(
            target=_load, args=(cache_folder,), name="qa-bot-kernels", daemon=True
        )
        _STATE.thread.start()
        return _STATE.thread


def numpy_only(reason: str = "one question: numba's import costs more than it saves") -> None:
    """Never load the compiled kernels in this process (unless loading began already): for a
    process that answers one question and exits, numba's import (~0.5 s) is pure cost."""
    with _STATE.lock:
        if _STATE.thread is None:
            _STATE.thread = threading.current_thread()  # counts as started: warm_up is a no-op
            _STATE.error = reason
            _STATE.done.set()


def kernels(wait: bool = True) -> Kernels | None:
    """The compiled kernels; None without numba, or (wait=False) while still loading."""
    warm_up()
    if wait:
        _STATE.done.wait()
    return _STATE.kernels if _STATE.done.is_set() else None


def ready() -> bool:
    """Whether the warm-up has finished (with kernels, or without numba)."""
    return _STATE.done.is_set()
