#!/usr/bin/env python3
"""Verify questions.jsonl against the built documentation folder.

Every evidence string must occur verbatim inside ONE unit of extracted text:
  * .txt / .md      : one line of the file
  * .html           : one text node of the visible text (tags stripped,
                      entities decoded, <head>/<style>/<script> dropped)
  * .pdf            : one line of pypdf's PdfReader(f).pages[i].extract_text()
  * .docx           : one python-docx paragraph's .text (body and table cells)

Usage:
    python check.py [--folder folder] [--questions questions.jsonl]
                    [--locations evidence_locations.json] [--grep TEXT]

Needs pypdf and python-docx for the PDF/Word files (files are skipped with a
warning when the libraries are missing, and their evidence then fails).
Exit status 0 when every check passes.
"""
from __future__ import annotations

import argparse
import json
import pathlib
import re
import sys
from html.parser import HTMLParser

HERE = pathlib.Path(__file__).resolve().parent
KINDS = {"pydoc", "help", "html", "man", "pdf", "docx", "md"}
QKINDS = {"paraphrase", "direct", "howto", "list", "unanswerable-near",
          "unanswerable-off", "followup", "topic", "table"}
DIR_KIND = {"pydoc": "pydoc", "topics": "pydoc", "help": "help", "html": "html",
            "man": "man", "pdf": "pdf", "docx": "docx", "md": "md"}


class _Visible(HTMLParser):
    SKIP = {"head", "style", "script", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.nodes = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self._skip += 1

    def handle_endtag(self, tag):
        if tag in self.SKIP and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip and data.strip():
            self.nodes.append(data)


def units_of(path: pathlib.Path) -> list:
    suf = path.suffix.lower()
    if suf in (".txt", ".md"):
        return path.read_text(encoding="utf-8").split("\n")
    if suf == ".html":
        p = _Visible()
        p.feed(path.read_text(encoding="utf-8"))
        p.close()
        out = []
        for node in p.nodes:
            out.extend(node.split("\n"))
        return out
    if suf == ".pdf":
        from pypdf import PdfReader
        out = []
        for page in PdfReader(str(path)).pages:
            out.extend((page.extract_text() or "").split("\n"))
        return out
    if suf == ".docx":
        import docx
        d = docx.Document(str(path))
        out = [p.text for p in d.paragraphs]
        for t in d.tables:
            for row in t.rows:
                for cell in row.cells:
                    out.extend(p.text for p in cell.paragraphs)
        return out
    return []


def load_corpus(folder: pathlib.Path) -> dict:
    corpus = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            try:
                corpus[path.relative_to(folder).as_posix()] = units_of(path)
            except ImportError as exc:
                print("WARN cannot extract %s: %s" % (path, exc))
    return corpus


def find(corpus: dict, ev: str) -> list:
    return [name for name, units in corpus.items() if any(ev in u for u in units)]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--folder", type=pathlib.Path, default=HERE / "folder")
    ap.add_argument("--questions", type=pathlib.Path, default=HERE / "questions.jsonl")
    ap.add_argument("--locations", type=pathlib.Path, default=None,
                    help="write {question id: {evidence: [files]}} here")
    ap.add_argument("--grep", help="only print the units containing TEXT (exploration aid)")
    args = ap.parse_args()
    corpus = load_corpus(args.folder)
    if args.grep:
        for name, units in corpus.items():
            for u in units:
                if args.grep.lower() in u.lower():
                    print("%s: %s" % (name, u))
        return 0

    errors = []
    ids = set()
    locations = {}
    tagcount = {}
    n = 0
    for lineno, line in enumerate(args.questions.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        n += 1
        try:
            q = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append("line %d: bad JSON: %s" % (lineno, exc))
            continue
        qid = q.get("id")
        where = "line %d (%s)" % (lineno, qid)
        for key, typ in (("id", str), ("question", str), ("evidence", list), ("history", list),
                         ("answerable", bool), ("tags", list)):
            if not isinstance(q.get(key), typ):
                errors.append("%s: field %r missing or not %s" % (where, key, typ.__name__))
        if qid in ids:
            errors.append("%s: duplicate id" % where)
        ids.add(qid)
        tags = q.get("tags", [])
        for t in tags:
            tagcount[t] = tagcount.get(t, 0) + 1
            if t not in KINDS | QKINDS:
                errors.append("%s: unknown tag %r" % (where, t))
        for turn in q.get("history", []):
            if not (isinstance(turn, dict) and turn.get("role") in ("user", "assistant")
                    and isinstance(turn.get("content"), str)):
                errors.append("%s: bad history turn %r" % (where, turn))
        if q.get("history") and "followup" not in tags:
            errors.append("%s: has history but no followup tag" % where)
        evidence = q.get("evidence", [])
        if q.get("answerable"):
            if not evidence:
                errors.append("%s: answerable but no evidence" % where)
            if not (set(tags) & KINDS):
                errors.append("%s: answerable but no source-kind tag" % where)
        else:
            if evidence:
                errors.append("%s: unanswerable but has evidence" % where)
            if not (set(tags) & {"unanswerable-near", "unanswerable-off"}):
                errors.append("%s: unanswerable without unanswerable-* tag" % where)
        locs = {}
        found_kinds = set()
        for ev in evidence:
            words = len(ev.split())
            if "\n" in ev:
                errors.append("%s: evidence contains a newline: %r" % (where, ev))
            if not 5 <= words <= 25:
                errors.append("%s: evidence has %d words (want 5-25): %r" % (where, words, ev))
            hits = find(corpus, ev)
            locs[ev] = hits
            if not hits:
                errors.append("%s: evidence not found verbatim: %r" % (where, ev))
            for h in hits:
                found_kinds.add(DIR_KIND.get(h.split("/", 1)[0], "?"))
        if evidence:
            want = set(tags) & KINDS
            if want and not (want & found_kinds):
                errors.append("%s: tagged %s but evidence found only in %s" % (where, sorted(want), sorted(found_kinds)))
            missing = found_kinds - want
            if missing:
                errors.append("%s: evidence also found in kinds %s not in tags" % (where, sorted(missing)))
        locations[qid] = locs

    if args.locations:
        args.locations.write_text(json.dumps(locations, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    for e in errors:
        print("FAIL", e)
    print("questions: %d, answerable: %d" % (n, sum(1 for v in locations.values() if v)))
    print("tags: " + ", ".join("%s=%d" % kv for kv in sorted(tagcount.items())))
    print("OK" if not errors else "%d problem(s)" % len(errors))
    return 0 if not errors else 1


if __name__ == "__main__":
    sys.exit(main())
