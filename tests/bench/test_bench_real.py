"""`qa-bot bench` on real text: workloads and questions, the engines' processes, the table
and the targets. Correctness only: timings are recorded, never asserted."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import numpy as np
import pytest

from qa_bot.bench import interleave, realtext
from qa_bot.bench.realreport import format_real_table, format_real_targets, real_targets
from qa_bot.bench.runner import parse_real, parse_sizes
from qa_bot.documents.loading import load_corpus
from qa_bot.paths import bundled_article


@pytest.mark.parametrize("seed", range(5))
def test_generated_questions_are_5_to_40_words_of_the_text(seed: int) -> None:
    text = bundled_article().read_text(encoding="utf-8")
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 8]
    questions = realtext.generate_questions(paragraphs, 60, seed)
    assert len(questions) == 60
    assert questions == realtext.generate_questions(paragraphs, 60, seed)  # deterministic
    lengths = [len(q.split()) for q in questions]
    low, high = realtext.QUESTION_WORDS
    assert low <= min(lengths)
    assert max(lengths) <= high
    assert max(lengths) > 20  # long questions too
    words = set(re.findall(r"[a-z]+", text.lower()))
    framing = set(re.findall(r"[a-z]+", " ".join(realtext.FRAMES).lower()))
    for question in questions:
        assert question[0].isupper()
        assert question[-1] in "?."
        assert set(re.findall(r"[a-z]+", question.lower())) - framing <= words


def test_too_short_a_text_gives_no_question() -> None:
    assert realtext.frame_question(np.random.default_rng(0), "Too short.") is None


def test_article_workload_has_about_that_many_distinct_passages(tmp_path: Path) -> None:
    workload = realtext.article_workload(tmp_path, 500, 30, seed=1)
    documents = load_corpus(tmp_path).documents
    assert len(documents) == round(500 / realtext.ARTICLE_PASSAGES)
    texts = [d.text for d in documents.values()]
    assert len(set(texts)) == len(texts)  # every copy perturbed differently
    assert len(workload.questions) == 30
    assert workload.shipped == 15


def test_docs_workload_needs_the_built_folder(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match=r"build\.py --out DIR"):
        realtext.docs_workload(tmp_path / "missing", None, 10, 0)


@pytest.mark.parametrize(
    ("text", "folder", "names"),
    [
        ("none", None, ()),
        ("article-10k", None, ("article-10k",)),
        ("article-10k,article-100k", Path("d"), ("docs", "article-10k", "article-100k")),
        ("docs", Path("d"), ("docs",)),
    ],
)
def test_parse_real(text: str, folder: Path | None, names: tuple[str, ...]) -> None:
    assert parse_real(text, folder) == names


def test_parse_real_rejects_unknown_workloads() -> None:
    with pytest.raises(ValueError, match="unknown workload 'wiki'; allowed: docs"):
        parse_real("docs,wiki", None)


def test_sizes_none_means_no_generated_corpus() -> None:
    assert parse_sizes("none") == ()


@pytest.mark.skipif(importlib.util.find_spec("tantivy") is None, reason="tantivy is missing")
def test_engines_answer_the_same_questions_in_their_own_processes(tmp_path: Path) -> None:
    workload = realtext.article_workload(tmp_path / "corpus", 200, 6, seed=0)
    result = interleave.run_workload(workload, engines=("qa_bot", "tantivy"), cold=False)
    assert result["passages"] > 150
    assert result["qa_bot_build"]["build_s"] > 0
    for engine in ("qa_bot", "tantivy"):
        assert result[engine]["search_ms"]["n"] == 6
        assert result[engine]["peak_rss_mb"] > 0
    assert result["qa_bot"]["ask_ms"]["n"] == 6
    assert result["qa_bot"]["first_ms"] > 0
    assert result["qa_bot"]["first_ready_ms"] > 0
    table = format_real_table([result])
    assert "article-200" in table
    assert "tantivy" in table


def fake(label: str, ours: float, theirs: float) -> dict[str, object]:
    def p(value: float) -> dict[str, float]:
        return {"p50": value, "p95": value * 2, "n": 10}

    return {
        "label": label,
        "passages": 1000,
        "qa_bot_build": {"read_s": 0.5, "build_s": 1.5, "rss_mb": 300.0},
        "qa_bot": {
            "search_ms": p(ours),
            "ask_ms": p(3 * ours),
            "first_ms": 3 * ours,
            "first_ready_ms": 1.5 * ours,
        },
        "bm25s": {"start": {"build_s": 2.0}, "peak_rss_mb": 250.0, "search_ms": p(theirs)},
        "tantivy": {"search_ms": p(theirs)},
        "cold_ask": {"python_s": 0.05, "ask_s": 0.5, "beyond_s": 0.45},
    }


def test_real_targets_are_ratios_per_workload() -> None:
    checks = {c["name"]: c for c in real_targets([fake("a", ours=1.0, theirs=2.0)])}
    assert checks["build / bm25s build"]["measured"] == pytest.approx(1.0)
    assert checks["build / bm25s build"]["ok"] is True  # 2.0 s ≤ bm25s's 2.0 s
    assert checks["peak / bm25s peak"]["measured"] == pytest.approx(1.2)
    assert checks["search p50 / bm25s p50"]["ok"] is True
    assert checks["ask p50 / tantivy search p50"]["measured"] == pytest.approx(1.5)
    assert checks["first query right after load / warm p50"]["ok"] is False  # 3× warm
    assert checks["first query when ready / warm p50"]["ok"] is True  # 1.5× warm
    assert checks["cold qa-bot ask beyond python -c pass"]["ok"] is True
    slow = {c["name"]: c["ok"] for c in real_targets([fake("b", ours=4.0, theirs=2.0)])}
    assert slow["search p50 / bm25s p50"] is False


def test_real_table_and_targets_print_every_workload() -> None:
    results = [fake("docs", 1.0, 2.0), {"label": "article-10k", "error": "RuntimeError: x"}]
    table = format_real_table(results)
    assert table.splitlines()[0].split()[-2:] == ["docs", "article-10k"]
    assert "article-10k: RuntimeError: x" in table
    text = format_real_targets(real_targets(results))
    assert "✓ docs: search p50 / bm25s p50" in text
    assert "· article-10k: build / bm25s build ≤ 1×: not measured" in text
