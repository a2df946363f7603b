"""Real-text benchmark workloads anyone can rebuild offline, with real-sounding questions.

- "docs": the documentation folder that `corpus/docs-folder/build.py --out DIR` builds
  from the Python standard library's pydoc output (≈300 files), with its hand-written
  questions (`questions.jsonl` beside the builder) and questions generated from its text.
- "article-10k", "article-100k": the bundled article, copied until the corpus has about that
  many passages; every copy is perturbed (a tenth of its words swapped for other words of the
  article or for a few words of the copy's own, as documents on one subject differ in their
  names and details), so passages are not exact duplicates and rare words exist. Questions:
  the article's shipped first-turn questions and generated ones.

Generated questions are 5–40 words: a natural opener or frame around a span of a real
passage's running text (a word dropped here and there), e.g. "Can you explain how the
writer flushes buffered data when the file is closed?". Deterministic for a seed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from qa_bot.bench.synthetic import vocabulary
from qa_bot.paths import bundled_article, bundled_questions

QUESTION_WORDS = (5, 40)  # inclusive bounds on a generated question's length in words
SWAP = 0.10  # share of an article copy's words replaced
OWN_WORDS = 6  # words of a copy's own (its "names"), drawn from the synthetic vocabulary
ARTICLE_PASSAGES = 47  # passages one copy of the bundled article makes
FRAMES = (
    "What does it say about {}?",
    "How does {} work?",
    "Can you explain {}?",
    "I read that {}. Is that right, and why?",
    "Why is it that {}?",
    "Where is it explained that {}?",
    "What is meant by {}, and when does it matter?",
    "Is there anything on {}?",
    "Tell me more about {}.",
    "I'm trying to understand {}; what should I know?",
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_.'-]*")
SIZES = {"article-10k": 10_000, "article-100k": 100_000}
WORKLOADS = ("docs", *SIZES)


@dataclass(frozen=True)
class Workload:
    """A corpus folder on disk and questions to ask it."""

    name: str
    folder: Path
    questions: tuple[str, ...]
    shipped: int  # how many of the questions are hand-written (the rest generated)


def frame_question(rng: np.random.Generator, text: str) -> str | None:
    """One question of 5–40 words around a span of `text`'s words; None if it is too short."""
    words = _WORD.findall(text)
    if len(words) < 4:
        return None
    frame = FRAMES[int(rng.integers(len(FRAMES)))]
    low, high = QUESTION_WORDS
    room = int(rng.integers(low, high + 1)) - len(frame.split()) + 1
    size = max(2, min(room, len(words)))
    first = int(rng.integers(0, len(words) - size + 1))
    span = [w for w in words[first : first + size] if size < 6 or rng.random() > 0.08]
    if span and span[0][0].isupper() and not span[0].isupper():
        span[0] = span[0].lower()
    return frame.format(" ".join(span).rstrip(".'-"))


def generate_questions(texts: list[str], count: int, seed: int = 0) -> list[str]:
    """`count` framed questions from randomly chosen texts (passages or paragraphs)."""
    rng = np.random.default_rng([seed, 12])
    found: list[str] = []
    for _ in range(count * 4):
        if len(found) == count:
            break
        question = frame_question(rng, texts[int(rng.integers(len(texts)))])
        if question is not None:
            found.append(question)
    return found


def shipped_questions(path: Path) -> list[str]:
    """The questions of a JSON Lines question set that stand alone (no history)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [row["question"] for row in rows if not row.get("history")]


def write_questions(path: Path, questions: tuple[str, ...] | list[str]) -> None:
    """One JSON string a line (what the engine processes read)."""
    lines = [json.dumps(q, ensure_ascii=False) for q in questions]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def paragraphs(folder: Path, limit: int = 20_000) -> list[str]:
    """Blank-line separated paragraphs of a folder's text files (for question generation)."""
    found: list[str] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix in (".txt", ".md", ".html") and len(found) < limit:
            text = path.read_text(encoding="utf-8", errors="replace")
            found.extend(p for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 8)
    return found


def docs_workload(folder: Path, questions_file: Path | None, count: int, seed: int) -> Workload:
    """The documentation folder (already built) and `count` questions: up to half of them
    hand-written (the shipped set's standalone ones), the rest generated."""
    if not folder.is_dir():
        raise ValueError(
            f"{folder}: no documentation folder; build it with "
            "`python corpus/docs-folder/build.py --out DIR`"
        )
    shipped = shipped_questions(questions_file)[: count // 2] if questions_file else []
    generated = generate_questions(paragraphs(folder), max(0, count - len(shipped)), seed)
    return Workload("docs", folder, tuple([*shipped, *generated][:count]), len(shipped))


def perturbed_copy(rng: np.random.Generator, text: str, pool: list[str], own: list[str]) -> str:
    """The text with about SWAP of its words replaced: by article words or the copy's own."""

    def swap(match: re.Match[str]) -> str:
        if rng.random() >= SWAP:
            return match.group(0)
        word = own[int(rng.integers(len(own)))] if rng.random() < 0.4 else None
        return word or pool[int(rng.integers(len(pool)))]

    return _WORD.sub(swap, text)


def article_workload(folder: Path, passages: int, count: int, seed: int) -> Workload:
    """≈`passages` passages of perturbed copies of the bundled article, written under
    `folder` (one file a copy); shipped questions first, then generated ones."""
    text = bundled_article().read_text(encoding="utf-8")
    pool = _WORD.findall(text)
    names = list(vocabulary(seed, 50_000)[-50_000:])
    rng = np.random.default_rng([seed, 13])
    folder.mkdir(parents=True, exist_ok=True)
    copies = max(1, round(passages / ARTICLE_PASSAGES))
    written: list[str] = []
    for copy in range(copies):
        own = [names[int(i)] for i in rng.integers(0, len(names), OWN_WORDS)]
        body = perturbed_copy(rng, text, pool, own)
        (folder / f"copy{copy:05d}.txt").write_text(body, encoding="utf-8")
        if copy % 50 == 0:
            written.append(body)
    shipped = shipped_questions(bundled_questions())[: count // 2]
    texts = [p for body in written for p in re.split(r"\n\s*\n", body) if len(p.split()) >= 8]
    generated = generate_questions(texts, max(0, count - len(shipped)), seed)
    name = next((k for k, v in SIZES.items() if v == passages), f"article-{passages}")
    return Workload(name, folder, tuple([*shipped, *generated][:count]), len(shipped))
