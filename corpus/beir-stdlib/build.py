#!/usr/bin/env python3
"""Build a BEIR-layout retrieval set from Python 3.11 standard-library docstrings.

Usage:
    python build.py --out DIR      # write DIR/corpus.jsonl, DIR/queries.jsonl, DIR/qrels/test.tsv
    python build.py --check        # build the corpus in memory, check every judged id; write nothing
    python build.py --list         # print "id<TAB>title" of every document (to write/judge queries)

Corpus: one document per documented public function, class or method (and
Python-level property) of the modules in MODULES, found by walking each
module's public names:

* public names are the module's ``__all__`` when it has one, else its names
  without a leading "_"; for asyncio, urllib.request, typing, unittest and
  unittest.mock only an allow-list of widely used names is taken; submodules
  and plain data are skipped;
* an object is kept only if it belongs to the module: its ``__module__`` is the
  module itself, a submodule of it, the module's private C twin (``_functools``
  for functools, ``_io`` for io) or one listed in IMPLEMENTATION (``posix`` for
  os, ``genericpath`` for os.path); objects re-exported from another module
  (``pathlib.S_ISDIR`` is ``stat.S_ISDIR``, ``functools.RLock`` is
  ``_thread.RLock``) are skipped;
* the same object is emitted once only (first module in MODULES wins; within
  a module its own name before an alias, top-level names before methods);
* methods are those in the class's own ``__dict__`` (not inherited), plus
  those of its private C twin base (``socket.socket.bind`` lives on
  ``_socket.socket``, ``io.IOBase.readline`` on ``_io._IOBase``);
* the object must carry its own docstring (an undocumented override does not
  inherit its parent's text), of at least MIN_DOC (40) characters after
  ``inspect.cleandoc``; a docstring identical to one already kept is skipped
  (``bytearray.strip`` repeats ``bytes.strip``).

MIN_DOC is 40, not 80: at 80 the corpus loses one-line docstrings of the most
used functions (``os.path.exists``, ``os.path.basename``, ``re.compile``,
``os.getcwd``, ``random.choice``, ``str.lower``, ``datetime.datetime.strptime``).

Document ``_id`` is the dotted name (``os.path.join``, ``pathlib.Path.rglob``),
``title`` the dotted name plus ``inspect.signature`` when that works, ``text``
the docstring.  Object addresses in signature defaults (``<object object at
0x7f...>``) are removed so the output is the same on every run.

Queries and relevance judgements are hand-written in ``queries.src.jsonl``
beside this file (one JSON object per line: ``_id``, ``text``, ``relevant`` =
{corpus id: grade}); they are copied to ``queries.jsonl`` and ``qrels/test.tsv``.
The build fails (exit 1) naming every judged id that is not in the corpus it
built -- which is what happens on a Python other than 3.11 when a docstring
changed, or an object was added or removed.

Only the standard library is needed.
"""
from __future__ import annotations

import argparse
import importlib
import inspect
import json
import pathlib
import re
import sys
import types

HERE = pathlib.Path(__file__).resolve().parent
QUERIES_SRC = HERE / "queries.src.jsonl"
JUDGED_WITH = "3.11.7"  # the Python whose docstrings the queries were judged against

MIN_DOC = 40

# Modules walked, in order (earlier modules win when the same object is reachable
# from two of them).  A value other than None is an allow-list of top-level names:
# only those (and, for classes, their methods) are taken from that module.
MODULES: list[tuple[str, list[str] | None]] = [
    ("builtins", None),
    ("sys", None),
    ("os", None),
    ("os.path", None),
    ("shutil", None),
    ("pathlib", None),
    ("glob", None),
    ("fnmatch", None),
    ("tempfile", None),
    ("io", None),
    ("json", None),
    ("csv", None),
    ("pickle", None),
    ("struct", None),
    ("base64", None),
    ("hashlib", None),
    ("uuid", None),
    ("zipfile", None),
    ("tarfile", None),
    ("gzip", None),
    ("re", None),
    ("string", None),
    ("textwrap", None),
    ("difflib", None),
    ("shlex", None),
    ("datetime", None),
    ("time", None),
    ("calendar", None),
    ("collections", None),
    ("heapq", None),
    ("bisect", None),
    ("copy", None),
    ("itertools", None),
    ("functools", None),
    ("operator", None),
    ("contextlib", None),
    ("dataclasses", None),
    ("enum", None),
    ("math", None),
    ("statistics", None),
    ("random", None),
    ("secrets", None),
    ("decimal", None),
    ("fractions", None),
    ("subprocess", None),
    ("threading", None),
    ("asyncio", [
        "run", "sleep", "gather", "wait", "wait_for", "as_completed", "shield",
        "create_task", "to_thread", "run_coroutine_threadsafe", "get_event_loop",
        "get_running_loop", "new_event_loop", "Queue", "Lock", "Event",
        "Semaphore", "Task", "TaskGroup", "Timeout", "timeout",
        "create_subprocess_exec", "create_subprocess_shell",
        "open_connection", "start_server", "StreamReader", "StreamWriter",
    ]),
    ("logging", None),
    ("argparse", None),
    ("sqlite3", None),
    ("socket", None),
    ("urllib.parse", None),
    ("urllib.request", [
        "urlopen", "Request", "urlretrieve", "build_opener", "install_opener",
        "pathname2url", "url2pathname", "getproxies",
    ]),
    ("http.client", None),
    ("typing", [
        "Any", "Callable", "Generic", "Literal", "NamedTuple", "Optional",
        "Protocol", "TypedDict", "TypeVar", "Union", "cast", "final",
        "get_args", "get_origin", "get_type_hints", "overload",
        "runtime_checkable", "Annotated", "ClassVar",
    ]),
    ("unittest", [
        "TestCase", "main", "skip", "skipIf", "skipUnless", "expectedFailure",
        "TestSuite", "TestLoader", "TextTestRunner", "IsolatedAsyncioTestCase",
    ]),
    ("concurrent.futures", None),
    ("queue", None),
    ("xml.etree.ElementTree", None),
    ("traceback", None),
    ("warnings", None),
    ("configparser", None),
    ("pprint", None),
    ("timeit", None),
    ("zlib", None),
    ("signal", None),
    ("platform", None),
    ("mimetypes", None),
    ("zoneinfo", None),
    ("atexit", None),
    ("getpass", None),
    ("unittest.mock", [
        "Mock", "MagicMock", "patch", "call", "create_autospec", "mock_open",
        "AsyncMock", "sentinel", "seal",
    ]),
]

# Modules other than the walked one (and its submodules and its own private
# twin: _functools for functools, _io for io, ...) whose objects still belong
# to it.
IMPLEMENTATION = {
    "os": {"posix"},
    "os.path": {"genericpath", "posixpath"},
    "hashlib": {"_hashlib", "_blake2", "_md5", "_sha1", "_sha256", "_sha512", "_sha3"},
    "threading": {"_thread"},
    "random": {"_random"},
    "xml.etree.ElementTree": {"_elementtree"},
}

# Classes whose methods are walked first in their module, so that when two
# methods carry the same docstring the common one is kept (str.strip, bytes.strip
# and set.union rather than bytearray.strip and frozenset.union).
FIRST_CLASSES = {"builtins": ["str", "bytes", "list", "dict", "set", "tuple", "int", "float"]}

_ADDRESS = re.compile(r" at 0x[0-9A-Fa-f]+")


def _belongs(obj, modname: str, module) -> bool:
    m = getattr(obj, "__module__", None)
    if not isinstance(m, str):
        return True  # no owner recorded (bound methods of random's hidden instance)
    if m == modname or m == module.__name__ or m.startswith(modname + "."):
        return True
    if m in IMPLEMENTATION.get(modname, ()):
        return True
    # the module's private C twin: _functools for functools, _io for io
    return m.startswith("_") and m.lstrip("_") == modname.rsplit(".", 1)[-1]


def _own_doc(obj) -> str | None:
    """The object's own docstring, cleaned, or None (never an inherited one)."""
    if isinstance(obj, type):
        raw = obj.__dict__.get("__doc__")
    else:
        raw = getattr(obj, "__doc__", None)
        if not (inspect.isroutine(obj) or isinstance(obj, property)) and raw == type(obj).__doc__:
            raw = None  # an instance (typing.Optional) showing its class's docstring
    if not isinstance(raw, str) or not raw.strip():
        return None
    return inspect.cleandoc(raw).strip()


def _signature(obj) -> str:
    try:
        sig = str(inspect.signature(obj))
    except (ValueError, TypeError, RuntimeError):
        return ""
    # platform.architecture(executable=sys.executable): not the path of this interpreter
    sig = sig.replace(repr(sys.executable), "sys.executable")
    return _ADDRESS.sub("", sig)


def _is_candidate(obj) -> bool:
    return inspect.isclass(obj) or inspect.isroutine(obj)


def _key(obj):
    """Identity used to emit an object once (bound methods -> their function)."""
    return id(getattr(obj, "__func__", obj))


def _twin_bases(cls) -> list[type]:
    """cls's private C twin among its direct bases: _socket.socket for socket.socket,
    _io._IOBase for io.IOBase, _random.Random for random.Random."""
    return [b for b in cls.__bases__
            if b.__module__.startswith("_") and b.__name__.lstrip("_") == cls.__name__]


def _method_objects(cls):
    """(name, object to document) for the public methods/properties defined in
    cls.__dict__ (or in the __dict__ of its private C twin base), not inherited."""
    out = []
    seen = set()
    for owner in [cls] + _twin_bases(cls):
        names = sorted(vars(owner))
        names.sort(key=lambda n: getattr(vars(owner)[n], "__name__", None) != n)
        for name in names:
            if name.startswith("_") or name in seen:
                continue
            raw = vars(owner)[name]
            if isinstance(raw, (staticmethod, classmethod)):
                obj = raw.__func__
            elif isinstance(raw, property):
                obj = raw
            elif inspect.isroutine(raw):
                obj = raw
            else:
                continue
            seen.add(name)
            out.append((name, obj))
    return out


def _public_names(module, allow) -> list[str]:
    """The module's public names: the allow-list, else __all__, else the names
    without a leading underscore; an object's own name before its aliases
    (array.array, not array.ArrayType)."""
    if allow is not None:
        names = [n for n in allow if hasattr(module, n)]
    elif isinstance(getattr(module, "__all__", None), (list, tuple)):
        names = [n for n in module.__all__ if hasattr(module, n)]
    else:
        names = [n for n in dir(module) if not n.startswith("_")]
    names = sorted(set(n for n in names if not n.startswith("_")))
    names.sort(key=lambda n: getattr(getattr(module, n), "__name__", None) != n)
    return names


def build_corpus(log=None) -> list[dict]:
    docs: list[dict] = []
    seen_obj: set[int] = set()
    seen_text: set[str] = set()  # a docstring identical to one already kept is skipped
    keep_alive: list = []  # keep objects alive so id() values stay unique
    for modname, allow in MODULES:
        module = importlib.import_module(modname)
        if allow is not None:
            missing = [n for n in allow if not hasattr(module, n)]
            if missing and log:
                log(f"note: {modname} has no {', '.join(missing)}")
        names = _public_names(module, allow)
        classes = []
        for name in names:
            obj = getattr(module, name)
            if isinstance(obj, types.ModuleType):
                continue
            special = allow is not None and not _is_candidate(obj)  # typing.Optional etc.
            if not (_is_candidate(obj) or special):
                continue
            if not special and not _belongs(obj, modname, module):
                continue
            k = _key(obj)
            if k in seen_obj:
                continue
            seen_obj.add(k)
            keep_alive.append(obj)
            if inspect.isclass(obj):
                classes.append((name, obj))
            doc = _own_doc(obj)
            if doc is None or len(doc) < MIN_DOC or doc in seen_text:
                continue
            seen_text.add(doc)
            dotted = f"{modname}.{name}"
            sig = "" if special else _signature(obj)
            docs.append({"_id": dotted, "title": dotted + sig, "text": doc})
        first = FIRST_CLASSES.get(modname, [])
        classes.sort(key=lambda c: first.index(c[0]) if c[0] in first else len(first))
        for cname, cls in classes:
            for mname, obj in _method_objects(cls):
                k = _key(obj)
                if k in seen_obj:
                    continue
                seen_obj.add(k)
                keep_alive.append(obj)
                doc = _own_doc(obj)
                if doc is None or len(doc) < MIN_DOC or doc in seen_text:
                    continue
                seen_text.add(doc)
                dotted = f"{modname}.{cname}.{mname}"
                sig = "" if isinstance(obj, property) else _signature(obj)
                docs.append({"_id": dotted, "title": dotted + sig, "text": doc})
    ids = [d["_id"] for d in docs]
    if len(ids) != len(set(ids)):
        raise SystemExit("internal error: duplicate document ids")
    return docs


def load_queries(path: pathlib.Path = QUERIES_SRC) -> list[dict]:
    queries = []
    seen = set()
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            q = json.loads(line)
            qid, text, rel = q["_id"], q["text"], q["relevant"]
            if qid in seen:
                raise SystemExit(f"{path.name}:{lineno}: duplicate query id {qid}")
            seen.add(qid)
            if not isinstance(text, str) or not text.strip():
                raise SystemExit(f"{path.name}:{lineno}: empty query text")
            if not rel:
                raise SystemExit(f"{path.name}:{lineno}: query {qid} has no relevant document")
            for doc_id, grade in rel.items():
                if grade not in (1, 2):
                    raise SystemExit(f"{path.name}:{lineno}: grade {grade!r} for {doc_id} (must be 1 or 2)")
            if 2 not in rel.values():
                raise SystemExit(f"{path.name}:{lineno}: query {qid} has no grade-2 document")
            queries.append(q)
    return queries


def check(docs: list[dict], queries: list[dict]) -> list[str]:
    """Problems: judged ids missing from the corpus."""
    ids = {d["_id"] for d in docs}
    problems = []
    for q in queries:
        for doc_id in q["relevant"]:
            if doc_id not in ids:
                problems.append(f"query {q['_id']} ({q['text']!r}): judged document {doc_id!r} is not in the corpus")
    return problems


def _dump(obj) -> str:
    return json.dumps(obj, ensure_ascii=False, sort_keys=False)


def write(out: pathlib.Path, docs: list[dict], queries: list[dict]) -> None:
    (out / "qrels").mkdir(parents=True, exist_ok=True)
    with open(out / "corpus.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for d in docs:
            fh.write(_dump({"_id": d["_id"], "title": d["title"], "text": d["text"]}) + "\n")
    with open(out / "queries.jsonl", "w", encoding="utf-8", newline="\n") as fh:
        for q in queries:
            fh.write(_dump({"_id": q["_id"], "text": q["text"]}) + "\n")
    with open(out / "qrels" / "test.tsv", "w", encoding="utf-8", newline="\n") as fh:
        fh.write("query-id\tcorpus-id\tscore\n")
        for q in queries:
            for doc_id, grade in q["relevant"].items():
                fh.write(f"{q['_id']}\t{doc_id}\t{grade}\n")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    g = ap.add_mutually_exclusive_group(required=True)
    g.add_argument("--out", type=pathlib.Path, help="directory to write the BEIR files into")
    g.add_argument("--check", action="store_true", help="only check that every judged id is in the corpus")
    g.add_argument("--list", action="store_true", help="print id<TAB>title of every document")
    args = ap.parse_args(argv)

    if sys.version_info[:2] != (3, 11):
        print(f"warning: built for Python 3.11, running {sys.version.split()[0]}: "
              "documents may differ and judged ids may be missing", file=sys.stderr)
    docs = build_corpus(log=lambda s: print(s, file=sys.stderr))
    if args.list:
        for d in docs:
            print(f"{d['_id']}\t{d['title']}")
        return 0
    queries = load_queries()
    problems = check(docs, queries)
    if problems:
        for p in problems:
            print("error: " + p, file=sys.stderr)
        print(f"error: {len(problems)} judged id(s) missing from the corpus built by Python "
              f"{sys.version.split()[0]} (the set was judged against Python {JUDGED_WITH}); "
              "nothing written", file=sys.stderr)
        return 1
    n_judg = sum(len(q["relevant"]) for q in queries)
    by_grade = {g: sum(1 for q in queries for v in q["relevant"].values() if v == g) for g in (2, 1)}
    summary = (f"{len(docs)} documents, {len(queries)} queries, {n_judg} judgements "
               f"(grade 2: {by_grade[2]}, grade 1: {by_grade[1]})")
    if args.check:
        print("ok: every judged id is in the corpus; " + summary)
        return 0
    write(args.out, docs, queries)
    print(f"wrote {args.out}: " + summary)
    return 0


if __name__ == "__main__":
    sys.exit(main())
