"""Every evaluation set of a source checkout, and `qa-bot eval --all-sets` over them.

Where each set's questions and documents are, and its role (corpus/README.md): "tune"
sets may be looked at while designing a rule, "report" sets are only measured. The
documentation folder is not stored but rebuilt by its builder script into a temporary
folder (≈ 5–40 s), then indexed like any folder.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa_bot.bot import QABot
from qa_bot.errors import CorpusError, QuestionSetNotFoundError
from qa_bot.evaluate import report
from qa_bot.evaluate.questions import load_questions, missing_evidence
from qa_bot.evaluate.runner import evaluate
from qa_bot.evaluate.summary import Summary, by_retriever
from qa_bot.paths import bundled_questions

SUMMARY: tuple[tuple[str, Callable[[Summary], float]], ...] = (
    ("hit@1", lambda s: s.hit_at[0]),
    ("answer_acc", lambda s: s.answer_accuracy),
    ("false_ref", lambda s: s.false_refusals),
    ("correct_ref", lambda s: s.correct_refusals),
    ("conf_wrong", lambda s: s.confidently_wrong),
    ("tentative", lambda s: s.tentative),
)


@dataclass(frozen=True)
class EvalSet:
    name: str
    questions: Path
    corpus: Path | None  # None: the bundled article (or, with a builder, built)
    role: str  # "tune" or "report"
    builder: Path | None = None  # a script writing the corpus folder: `builder --out DIR`


def corpus_folder() -> Path:
    """The checkout's corpus/ folder (beside the qa_bot package)."""
    return Path(__file__).resolve().parents[2] / "corpus"


def eval_sets(root: Path | None = None) -> list[EvalSet]:
    """The sets of corpus/README.md, the shipped one first."""
    folder = corpus_folder() if root is None else root
    if not (folder / "README.md").is_file():
        raise QuestionSetNotFoundError(
            f"the evaluation sets live in a source checkout's corpus/ folder; none at {folder}"
        )
    return [
        EvalSet("shipped", bundled_questions(), None, "tune"),
        EvalSet("holdout", folder / "holdout/questions.jsonl", folder / "holdout", "tune"),
        EvalSet(
            "tune-faq", folder / "tune-faq/questions.jsonl", folder / "tune-faq/faq.md", "tune"
        ),
        EvalSet(
            "tune-manual",
            folder / "tune-manual/questions.jsonl",
            folder / "tune-manual/docs",
            "tune",
        ),
        EvalSet("article-unseen", folder / "article-unseen/questions.jsonl", None, "report"),
        EvalSet("manual", folder / "manual/questions.jsonl", folder / "manual/docs", "report"),
        EvalSet("faq", folder / "faq/questions.jsonl", folder / "faq", "report"),
        EvalSet(
            "docs-folder",
            folder / "docs-folder/questions.jsonl",
            None,
            "report",
            builder=folder / "docs-folder/build.py",
        ),
    ]


@contextmanager
def corpus_of(eval_set: EvalSet) -> Iterator[Path | None]:
    """The set's corpus path (None: the bundled article); a built one lives meanwhile."""
    if eval_set.builder is None:
        yield eval_set.corpus
        return
    with tempfile.TemporaryDirectory(prefix=f"qa-bot-{eval_set.name}-") as out:
        command = [sys.executable, str(eval_set.builder), "--out", out]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            tail = "\n".join(done.stderr.strip().splitlines()[-5:])
            raise CorpusError(f"{eval_set.builder} failed (exit {done.returncode}): {tail}")
        yield Path(out)


def run_all_sets(
    retrievers: Sequence[str],
    k: int,
    echo: Callable[[str], None],
    json_path: Path | None = None,
    sets: Sequence[EvalSet] | None = None,
) -> dict[str, list[Summary]]:
    """Every set: its tables, then one summary row per set (the first retriever's)."""
    results: dict[str, list[Summary]] = {}
    roles: dict[str, str] = {}
    for eval_set in eval_sets() if sets is None else sets:
        with corpus_of(eval_set) as corpus:
            bot = QABot.default() if corpus is None else QABot.from_path(corpus)
            questions = load_questions(eval_set.questions).questions
            absent = missing_evidence(questions, bot.documents)
            summaries = by_retriever(evaluate(bot, questions, retrievers, k))
        results[eval_set.name] = summaries
        roles[eval_set.name] = eval_set.role
        echo(
            f"\n== {eval_set.name} ({eval_set.role}): {len(questions)} questions, "
            f"{len(bot.documents)} document(s), {len(bot.passages)} passages =="
        )
        if absent:
            echo(f"({len(absent)} evidence quotes or list items not found in the corpus)")
        echo(report.table(summaries) + "\n" + report.outcome_table(summaries))
    echo(f"\nAll sets ({retrievers[0]}):\n" + summary_table(results, roles))
    if json_path is not None:
        import json

        data = {name: _json(summaries, roles[name]) for name, summaries in results.items()}
        json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        echo(f"\nwrote {json_path}")
    return results


def summary_table(results: dict[str, list[Summary]], roles: dict[str, str]) -> str:
    """One row per set: the first retriever's headline and graded-answer numbers."""
    header = ["set", "role", "n", *(name for name, _ in SUMMARY), "lists_complete"]
    rows = []
    for name, summaries in results.items():
        s = summaries[0]
        lists = f"{s.lists_complete:.3f} of {s.list_questions}" if s.list_questions else "-"
        cells = [f"{value(s):.3f}" for _, value in SUMMARY]
        rows.append([name, roles[name], str(s.questions), *cells, lists])
    return report.grid(header, rows)


def _json(summaries: Sequence[Summary], role: str) -> dict[str, Any]:
    return {
        "role": role,
        "summary": {s.retriever: {**s.headline(), **s.answers()} for s in summaries},
    }
