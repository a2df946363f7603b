#!/usr/bin/env python3
"""Check a question set against its documents.

Usage:
    python corpus/tune-faq/check.py corpus/tune-faq/questions.jsonl corpus/tune-faq/faq.md
    python corpus/tune-faq/check.py corpus/tune-manual/questions.jsonl corpus/tune-manual/docs

The second argument is a document file or a folder of documents (.md, .txt,
searched recursively). The check fails (exit status 1) when a line is not a
valid JSON object, a required field is missing or has the wrong type, an id
repeats, an evidence or list_items string is not found verbatim in one of the
documents, or `answerable` disagrees with the evidence. On success it prints
the number of questions, how many are answerable and the counts by tag.
"""
import collections
import json
import pathlib
import sys

DOC_SUFFIXES = {".md", ".txt", ".markdown", ".rst"}


def load_documents(path):
    path = pathlib.Path(path)
    if path.is_file():
        files = [path]
    elif path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in DOC_SUFFIXES)
    else:
        sys.exit(f"no such document file or folder: {path}")
    if not files:
        sys.exit(f"no documents found under {path}")
    return {str(p): p.read_text(encoding="utf-8") for p in files}


def found(text, docs):
    return any(text in body for body in docs.values())


def check(questions_path, docs):
    problems = []
    ids = {}
    tags = collections.Counter()
    n = answerable_n = 0
    with open(questions_path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            where = f"{questions_path}:{lineno}"
            if not line.strip():
                continue
            try:
                q = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(f"{where}: invalid JSON ({exc})")
                continue
            if not isinstance(q, dict):
                problems.append(f"{where}: not a JSON object")
                continue
            n += 1
            qid = q.get("id")
            if not isinstance(qid, str) or not qid:
                problems.append(f"{where}: missing or empty id")
            elif qid in ids:
                problems.append(f"{where}: id {qid!r} repeats (first on line {ids[qid]})")
            else:
                ids[qid] = lineno
            if not isinstance(q.get("question"), str) or not q["question"].strip():
                problems.append(f"{where}: missing or empty question")
            evidence = q.get("evidence", [])
            if not isinstance(evidence, list) or not all(isinstance(e, str) and e for e in evidence):
                problems.append(f"{where}: evidence must be a list of non-empty strings")
                evidence = []
            answerable = q.get("answerable", bool(evidence))
            if not isinstance(answerable, bool):
                problems.append(f"{where}: answerable must be true or false")
            elif answerable and not evidence:
                problems.append(f"{where}: answerable question without evidence")
            elif not answerable and evidence:
                problems.append(f"{where}: unanswerable question with evidence")
            if answerable is True:
                answerable_n += 1
            for e in evidence:
                if not found(e, docs):
                    problems.append(f"{where}: evidence not found verbatim: {e!r}")
            items = q.get("list_items")
            if items is not None:
                if not isinstance(items, list) or not all(isinstance(i, str) and i for i in items) or not items:
                    problems.append(f"{where}: list_items must be a non-empty list of non-empty strings")
                else:
                    if not answerable:
                        problems.append(f"{where}: list_items on an unanswerable question")
                    for i in items:
                        if not found(i, docs):
                            problems.append(f"{where}: list item not found verbatim: {i!r}")
            history = q.get("history")
            if history is not None and not (isinstance(history, list) and history):
                problems.append(f"{where}: history must be a non-empty list")
            qtags = q.get("tags", [])
            if not isinstance(qtags, list) or not all(isinstance(t, str) for t in qtags):
                problems.append(f"{where}: tags must be a list of strings")
            else:
                tags.update(qtags)
                if "followup" in qtags and not history:
                    problems.append(f"{where}: followup question without history")
                if "list" in qtags and items is None:
                    print(f"note: {where}: tagged list but has no list_items", file=sys.stderr)
    return problems, n, answerable_n, tags


def main(argv):
    if len(argv) != 3:
        sys.exit(__doc__)
    docs = load_documents(argv[2])
    problems, n, answerable_n, tags = check(argv[1], docs)
    for p in problems:
        print(p)
    print(f"{argv[1]}: {n} questions, {answerable_n} answerable, {n - answerable_n} unanswerable")
    for tag, count in sorted(tags.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {tag}: {count} ({count / n:.0%})" if n else f"  {tag}: {count}")
    if problems:
        print(f"FAILED: {len(problems)} problem(s)")
        return 1
    print("OK")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
