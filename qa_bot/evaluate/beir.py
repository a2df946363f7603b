"""Read a BEIR-layout folder: corpus.jsonl, queries.jsonl and qrels/test.tsv.

The layout of the BEIR benchmark (Thakur et al., 2021): one JSON object per line for the
corpus (`_id`, `title`, `text`) and the queries (`_id`, `text`), and tab-separated graded
judgements with the header `query-id  corpus-id  score`. Each corpus line becomes one
Document: source = its `_id`, title = its `title`, text = the title, a blank line, then its
`text` (its title again when it has no text). That is the plain-text form qa_bot reads any
file in: the first line is the document's title, not a passage, and with more than one
document every passage is indexed with its title. Every problem names the file and line;
lines that can be used despite a problem (an empty document, a judgement of a document
not in the corpus) are left out and listed in `problems`.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from qa_bot.documents.loading import Document
from qa_bot.errors import QuestionSetError, QuestionSetNotFoundError
from qa_bot.evaluate.questions import json_records

CORPUS = "corpus.jsonl"
QUERIES = "queries.jsonl"
QRELS = "qrels/test.tsv"
QRELS_HEADER = ("query-id", "corpus-id", "score")


@dataclass(frozen=True)
class BeirSet:
    """The documents, the queries that have judgements, and the judgements."""

    documents: Mapping[str, Document]
    queries: Mapping[str, str]  # query id -> text, only those with judgements, in file order
    qrels: Mapping[str, Mapping[str, int]]  # query id -> {corpus id: graded relevance}
    problems: tuple[str, ...] = field(default=())


def load_beir(folder: str | Path) -> BeirSet:
    """Read and check a BEIR-layout folder; QuestionSetError names the file and line."""
    root = Path(folder)
    if not root.is_dir():
        raise QuestionSetNotFoundError(f"BEIR folder {str(folder)!r} does not exist")
    for name in (CORPUS, QUERIES, QRELS):
        if not (root / name).is_file():
            raise QuestionSetNotFoundError(
                f"{root}: no {name}; a BEIR folder holds {CORPUS}, {QUERIES} and {QRELS}"
            )
    problems: list[str] = []
    documents = _corpus(root / CORPUS, problems)
    texts = _queries(root / QUERIES)
    qrels = _qrels(root / QRELS, texts, documents, problems)
    if not qrels:
        raise QuestionSetError(f"{root / QRELS}: no judgement of a document in the corpus")
    queries = {qid: text for qid, text in texts.items() if qid in qrels}
    return BeirSet(documents, queries, qrels, tuple(problems))


def _corpus(path: Path, problems: list[str]) -> dict[str, Document]:
    documents: dict[str, Document] = {}
    for where, record in _records(path):
        doc_id = _id(record, where)
        title, text = (_text(record, key, where) for key in ("title", "text"))
        if doc_id in documents:
            raise QuestionSetError(f"{where}: duplicate _id {doc_id!r}")
        if not (title.strip() or text.strip()):
            problems.append(f"{where}: document {doc_id!r} has neither title nor text; left out")
            continue
        documents[doc_id] = as_document(doc_id, title, text)
    if not documents:
        raise QuestionSetError(f"{path}: no documents")
    return documents


def as_document(doc_id: str, title: str, text: str) -> Document:
    """A corpus line as a plain-text Document whose first line is its title."""
    body = text if text.strip() else title
    return Document(doc_id, title, f"{title}\n\n{body}")


def _queries(path: Path) -> dict[str, str]:
    queries: dict[str, str] = {}
    for where, record in _records(path):
        query_id = _id(record, where)
        text = _text(record, "text", where)
        if not text.strip():
            raise QuestionSetError(f"{where}: query {query_id!r} has an empty 'text'")
        if query_id in queries:
            raise QuestionSetError(f"{where}: duplicate _id {query_id!r}")
        queries[query_id] = text
    return queries


def _qrels(
    path: Path,
    queries: Mapping[str, str],
    documents: Mapping[str, Document],
    problems: list[str],
) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    rows = _lines(path)
    header = next(rows, (1, ""))
    if tuple(cell.strip() for cell in header[1].split("\t")) != QRELS_HEADER:
        expected = "\t".join(QRELS_HEADER)
        raise QuestionSetError(f"{path}, line {header[0]}: expected the header {expected!r}")
    for number, line in rows:
        where = f"{path}, line {number}"
        cells = line.split("\t")
        if len(cells) != 3:
            raise QuestionSetError(
                f"{where}: expected 3 tab-separated cells (query-id, corpus-id, score), "
                f"got {len(cells)}"
            )
        query_id, doc_id, score = (cell.strip() for cell in cells)
        try:
            grade = int(score)
        except ValueError:
            raise QuestionSetError(f"{where}: score {score!r} is not an integer") from None
        if query_id not in queries:
            raise QuestionSetError(f"{where}: query {query_id!r} is not in {QUERIES}")
        if doc_id not in documents:
            problems.append(f"{where}: document {doc_id!r} is not in the corpus; left out")
            continue
        judged = qrels.setdefault(query_id, {})
        if doc_id in judged:
            raise QuestionSetError(f"{where}: ({query_id!r}, {doc_id!r}) is judged twice")
        judged[doc_id] = grade
    return qrels


def _records(path: Path) -> Iterator[tuple[str, dict[str, Any]]]:
    for _, where, record in json_records(_lines(path), str(path)):
        yield where, record


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """(1-based number, line) of every non-blank line."""
    try:
        with path.open(encoding="utf-8") as file:
            for number, line in enumerate(file, start=1):
                if line.strip():
                    yield number, line.rstrip("\r\n")
    except UnicodeDecodeError:
        raise QuestionSetError(f"{path}: not valid UTF-8") from None


def _id(record: dict[str, Any], where: str) -> str:
    value = record.get("_id")
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        raise QuestionSetError(f"{where}: '_id' must be a non-empty string, got {value!r}")
    if any(c.isspace() for c in value):
        raise QuestionSetError(
            f"{where}: '_id' {value!r} must have no whitespace (run files are split by it)"
        )
    return value


def _text(record: dict[str, Any], key: str, where: str) -> str:
    value = record.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise QuestionSetError(f"{where}: {key!r} must be a string, got {type(value).__name__}")
    return value
