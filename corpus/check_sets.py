#!/usr/bin/env python3
"""Validate the unseen evaluation question sets.

For each set (article, manual, faq) this script
  * loads every document of the set (.txt/.md/.html as raw text; for .html also a
    tag-stripped, entity-decoded, whitespace-collapsed version),
  * parses questions.jsonl (every line must be a JSON object),
  * checks ids are unique (within the set and across all sets),
  * checks field types, that `answerable` agrees with `evidence`, that unanswerable tags
    only appear on unanswerable questions, that follow-ups carry a history,
  * checks every evidence string and every list_items string occurs verbatim in a document
    (.txt/.md: in the raw text; .html: in the tag-stripped, entity-decoded, whitespace-collapsed
    text -- a string found only in the raw markup is reported as an error of its own),
  * checks each list_items entry is contained in one of the question's evidence strings,
  * prints per-set counts of questions per tag.

Errors make the exit status 1; warnings are printed but do not fail the run.

Usage: python3 check.py [--quiet] [--markdown]
"""
import glob
import html
import json
import os
import re
import sys
from collections import Counter
from html.parser import HTMLParser

ROOT = os.path.dirname(os.path.abspath(__file__))
SETS = {
    "article": {"docs": ["../qa_bot/data/llm-vs-generative-ai.txt"],
                "questions": "article-unseen/questions.jsonl"},
    "manual": {"docs": ["manual/docs/*.md", "manual/docs/*.txt", "manual/docs/*.html"],
               "questions": "manual/questions.jsonl"},
    "faq": {"docs": ["faq/*.md"], "questions": "faq/questions.jsonl"},
}
# Optional: the article copy must be byte-identical to the bundled seed if the seed exists.
SEED = os.path.join(ROOT, "..", "qa_bot", "data", "llm-vs-generative-ai.txt")

KNOWN_TAGS = {"direct", "paraphrase", "imperative", "comparison", "examples", "list", "who",
              "how-works", "misspelt", "followup", "unanswerable-near", "unanswerable-off",
              "numeric", "definition"}
REQUIRED = {"id": str, "question": str, "evidence": list, "history": list,
            "answerable": bool, "tags": list}


class _Stripper(HTMLParser):
    """Collect text content, skipping <script>/<style>; block tags become line breaks."""
    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "pre", "table",
             "tr", "td", "th", "nav", "main", "footer", "header", "section", "article", "br",
             "dt", "dd", "dl", "blockquote", "title"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def strip_html(raw):
    p = _Stripper()
    p.feed(raw)
    p.close()
    text = html.unescape("".join(p.parts))
    return re.sub(r"\s+", " ", text).strip()


def load_docs(spec):
    docs = []  # (path, kind, text) ; kind "raw" or "stripped"
    for pattern in spec["docs"]:
        for path in sorted(glob.glob(os.path.join(ROOT, pattern))):
            with open(path, encoding="utf-8") as f:
                raw = f.read()
            docs.append((path, "raw", raw))
            if path.endswith(".html"):
                docs.append((path, "stripped", strip_html(raw)))
    return docs


def find(s, docs):
    """Documents containing s. An HTML file counts only if s occurs in its tag-stripped text
    (a match in the raw markup alone is reported separately by raw_html_only)."""
    hits = []
    for p, kind, t in docs:
        if p.endswith(".html") and kind == "raw":
            continue
        if s in t:
            hits.append(os.path.relpath(p, ROOT))
    return hits


def raw_html_only(s, docs):
    return [os.path.relpath(p, ROOT) for p, kind, t in docs
            if p.endswith(".html") and kind == "raw" and s in t]


def check_set(name, spec, seen_ids, errors, warnings, quiet):
    docs = load_docs(spec)
    if not docs:
        errors.append(f"[{name}] no documents found")
        return Counter(), 0, 0
    if name == "article" and os.path.exists(SEED):
        with open(SEED, "rb") as a, open(docs[0][0], "rb") as b:
            if a.read() != b.read():
                errors.append(f"[{name}] {docs[0][0]} differs from seed {SEED}")
    qpath = os.path.join(ROOT, spec["questions"])
    if not os.path.exists(qpath):
        errors.append(f"[{name}] missing {qpath}")
        return Counter(), 0, 0
    tags = Counter()
    n_ans = 0
    n = 0
    questions_seen = {}
    doc_hits = Counter()
    with open(qpath, encoding="utf-8") as f:
        lines = f.read().splitlines()
    for lineno, line in enumerate(lines, 1):
        where = f"[{name}] line {lineno}"
        if not line.strip():
            errors.append(f"{where}: blank line")
            continue
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as e:
            errors.append(f"{where}: invalid JSON: {e}")
            continue
        if not isinstance(rec, dict):
            errors.append(f"{where}: not a JSON object")
            continue
        n += 1
        for key, typ in REQUIRED.items():
            if key not in rec:
                errors.append(f"{where}: missing field {key!r}")
            elif not isinstance(rec[key], typ):
                errors.append(f"{where}: field {key!r} should be {typ.__name__}")
        extra = set(rec) - set(REQUIRED) - {"list_items"}
        if extra:
            warnings.append(f"{where}: unexpected fields {sorted(extra)}")
        qid = rec.get("id")
        where = f"[{name}] {qid}"
        if qid in seen_ids:
            errors.append(f"{where}: duplicate id (also {seen_ids[qid]})")
        seen_ids[qid] = name
        q = rec.get("question", "")
        if not isinstance(q, str) or not q.strip():
            errors.append(f"{where}: empty question")
        elif q.strip().lower() in questions_seen:
            warnings.append(f"{where}: same question text as {questions_seen[q.strip().lower()]}")
        else:
            questions_seen[q.strip().lower()] = qid
        ev = rec.get("evidence", []) if isinstance(rec.get("evidence"), list) else []
        tg = rec.get("tags", []) if isinstance(rec.get("tags"), list) else []
        hist = rec.get("history", []) if isinstance(rec.get("history"), list) else []
        for t in tg:
            tags[t] += 1
            if t not in KNOWN_TAGS:
                warnings.append(f"{where}: unknown tag {t!r}")
        if not tg:
            warnings.append(f"{where}: no tags")
        if any(not isinstance(h, str) or not h.strip() for h in hist):
            errors.append(f"{where}: history must contain non-empty strings")
        if hist and "followup" not in tg:
            warnings.append(f"{where}: has history but no 'followup' tag")
        if "followup" in tg and not hist:
            errors.append(f"{where}: 'followup' tag but empty history")
        # answerable consistency
        answerable = rec.get("answerable")
        n_ans += answerable is True
        if answerable is True and not ev:
            errors.append(f"{where}: answerable but no evidence")
        if answerable is False and ev:
            errors.append(f"{where}: unanswerable but has evidence")
        if answerable is True and any(t.startswith("unanswerable") for t in tg):
            errors.append(f"{where}: unanswerable-* tag on an answerable question")
        if answerable is False and not any(t.startswith("unanswerable") for t in tg):
            warnings.append(f"{where}: unanswerable question without unanswerable-* tag")
        # evidence
        if len(set(ev)) != len(ev):
            warnings.append(f"{where}: duplicate evidence strings")
        for e in ev:
            if not isinstance(e, str) or not e.strip():
                errors.append(f"{where}: empty/non-string evidence")
                continue
            if e != e.strip():
                warnings.append(f"{where}: evidence has leading/trailing whitespace: {e!r}")
            hits = find(e, docs)
            if not hits:
                raw_only = raw_html_only(e, docs)
                if raw_only:
                    errors.append(f"{where}: evidence occurs only in raw HTML markup of {raw_only}, "
                                  f"not in the tag-stripped text: {e!r}")
                else:
                    errors.append(f"{where}: evidence not found verbatim: {e!r}")
            for h in hits:
                doc_hits[h] += 1
            words = len(e.split())
            if words < 2 or words > 45:
                warnings.append(f"{where}: evidence length {words} words: {e[:60]!r}")
            if re.search(r"`|\*\*", e):
                warnings.append(f"{where}: evidence contains Markdown markup: {e[:70]!r}")
        # list items
        li = rec.get("list_items")
        if li is not None:
            if not isinstance(li, list) or not li:
                errors.append(f"{where}: list_items must be a non-empty list")
            else:
                if "list" not in tg:
                    warnings.append(f"{where}: list_items present but no 'list' tag")
                for item in li:
                    if not isinstance(item, str) or not item.strip():
                        errors.append(f"{where}: empty list item")
                        continue
                    if not find(item, docs):
                        errors.append(f"{where}: list item not found verbatim: {item!r}")
                    if not any(item in e for e in ev):
                        errors.append(f"{where}: list item not inside any evidence string: {item!r}")
                # order check: in the first document containing all items, they appear in order
                for p, kind, t in docs:
                    if p.endswith(".html") and kind == "raw":
                        continue
                    pos = [t.find(i) for i in li]
                    if all(x >= 0 for x in pos):
                        if pos != sorted(pos):
                            warnings.append(f"{where}: list_items not in document order in {os.path.relpath(p, ROOT)}")
                        break
        elif "list" in tg and answerable:
            warnings.append(f"{where}: 'list' tag but no list_items")
    if not quiet:
        print(f"[{name}] evidence hits per document:")
        for p, kind, _ in docs:
            if kind == "stripped":
                continue
            rp = os.path.relpath(p, ROOT)
            print(f"    {doc_hits[rp]:4d}  {rp}")
    return tags, n, n_ans


def main():
    quiet = "--quiet" in sys.argv
    markdown = "--markdown" in sys.argv
    errors, warnings, seen_ids = [], [], {}
    results = {}
    for name, spec in SETS.items():
        results[name] = check_set(name, spec, seen_ids, errors, warnings, quiet)
    for name, (tags, n, ans) in results.items():
        if markdown:
            print(f"\n#### Set {name}: {n} questions ({ans} answerable, {n - ans} unanswerable)\n")
            print("| tag | questions |\n|---|---|")
            for t, c in sorted(tags.items(), key=lambda x: (-x[1], x[0])):
                print(f"| {t} | {c} |")
        else:
            print(f"\n== {name}: {n} questions ({ans} answerable, {n - ans} unanswerable)")
            print("   " + ", ".join(f"{t}={c}" for t, c in sorted(tags.items(), key=lambda x: (-x[1], x[0]))))
    for w in warnings:
        print("WARNING", w)
    for e in errors:
        print("ERROR", e)
    print(f"\n{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
