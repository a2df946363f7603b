"""`qa-bot bench`: sizes, child processes, the JSON report, the table, targets and plot.

Correctness only: timings are printed, never asserted."""

from __future__ import annotations

import importlib.util
import json

import pytest
from click.testing import CliRunner

from qa_bot.bench.report import format_table, format_targets, targets
from qa_bot.bench.runner import BenchOptions, parse_sizes, run_one, size_label, specs
from qa_bot.cli import main

RESULT_KEYS = {"label", "kind", "passages", "documents", "corpus_mb", "queries", "qa_bot"}
QA_BOT_KEYS = {
    "build_s",
    "index_mb",
    "load_s",
    "peak_rss_mb",
    "search_bm25_ms",
    "search_hybrid_ms",
    "kernel_ms",
    "batch_qps",
    "ask_ms",
}


def installed(module: str) -> bool:
    return importlib.util.find_spec(module) is not None


@pytest.mark.parametrize(
    ("text", "sizes"),
    [
        ("1k,10k,100k,1M", (1_000, 10_000, 100_000, 1_000_000)),
        ("500", (500,)),
        (" 2.5k , 3M ", (2_500, 3_000_000)),
    ],
)
def test_parse_sizes(text, sizes):
    assert parse_sizes(text) == sizes


@pytest.mark.parametrize("text", ["abc", "0", "", "1k,,2k", "1.5", "-3", "10x"])
def test_parse_sizes_rejects(text):
    with pytest.raises(ValueError, match="invalid size"):
        parse_sizes(text)


def test_size_labels():
    assert [size_label(n) for n in (500, 1_000, 2_500, 100_000, 1_000_000)] == [
        "500",
        "1k",
        "2500",
        "100k",
        "1M",
    ]


def test_specs_measure_the_article_then_each_size(tmp_path):
    labels = [s["label"] for s in specs(BenchOptions(sizes=(500, 1_000_000)))]
    assert labels == ["article", "500", "1M"]
    (only,) = specs(BenchOptions(corpus=tmp_path))
    assert only["kind"] == "corpus"


def test_bench_writes_json_and_plot(tmp_path, monkeypatch):
    monkeypatch.setenv("NUMBA_DISABLE_JIT", "1")  # correctness only: skip compiling
    out, png = tmp_path / "out.json", tmp_path / "out.png"
    args = ["bench", "--sizes", "500", "--queries", "20", "--json", str(out), "--plot", str(png)]
    args += ["--real", "none"]  # the real-text workloads: tests/test_bench_real.py
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Targets" in result.output
    assert "search p50 / p99 ms" in result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert set(report) == {"environment", "settings", "real", "real_targets", "results", "targets"}
    assert report["real"] == []
    assert [r["label"] for r in report["results"]] == ["article", "500"]
    for measured in report["results"]:
        assert not measured.get("error"), measured
        assert set(measured) >= RESULT_KEYS
        assert set(measured["qa_bot"]) >= QA_BOT_KEYS
        assert measured["qa_bot"]["search_bm25_ms"]["n"] == 20
    assert report["results"][1]["passages"] == 500
    for engine, module in (("rank_bm25", "rank_bm25"), ("bm25s", "bm25s")):
        if installed(module):
            assert report["results"][1][engine]["search_ms"]["p50"] > 0
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_bench_on_a_corpus_folder(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "a.md").write_text(
        "# Tea\n\nGreen tea is steamed soon after picking.\n\n"
        "Black tea is fully oxidised before drying.\n",
        encoding="utf-8",
    )
    (folder / "b.txt").write_text("Coffee\n\nCoffee beans are roasted seeds.\n", encoding="utf-8")
    out = tmp_path / "out.json"
    args = ["bench", "--corpus", str(folder), "--queries", "5", "--no-baselines"]
    result = CliRunner().invoke(main, [*args, "--json", str(out)])
    assert result.exit_code == 0, result.output
    (measured,) = json.loads(out.read_text(encoding="utf-8"))["results"]
    assert measured["kind"] == "corpus"
    assert measured["passages"] == 3
    assert measured["queries"] == 5
    assert "bm25s" not in measured


@pytest.mark.parametrize("sizes", ["abc", "0", "1k,zero"])
def test_invalid_sizes_are_a_clean_error(sizes):
    result = CliRunner().invoke(main, ["bench", "--sizes", sizes])
    assert result.exit_code != 0
    assert isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert "Invalid value for '--sizes'" in result.output


def test_missing_corpus_is_a_clean_error(tmp_path):
    result = CliRunner().invoke(main, ["bench", "--corpus", str(tmp_path / "nope")])
    assert result.exit_code != 0
    assert "does not exist" in result.output


def test_time_budget_keeps_what_finished():
    spec = specs(BenchOptions(sizes=(200_000,), baselines=False))[1]
    result = run_one(spec, timeout=1)
    assert "timed out after 1 s" in result["error"]
    assert result["label"] == "200k"
    assert result["peak_rss_at_stop_mb"] > 0


def fake(label: str, search: float, ask: float, **engines: float) -> dict:
    result = {
        "label": label,
        "kind": "article" if label == "article" else "synthetic",
        "passages": 1_000_000,
        "qa_bot": {
            "build_s": 50.0,
            "load_s": 4.0,
            "peak_rss_mb": 2048.0,
            "search_bm25_ms": {"p50": search, "p99": search * 2},
            "ask_ms": {"p50": ask, "p99": ask * 2},
        },
    }
    for engine, p50 in engines.items():
        result[engine] = {"search_ms": {"p50": p50, "p99": p50}}
    return result


def test_targets_are_checked_where_measured():
    results = [fake("article", 0.2, 0.8), fake("1M", 0.5, 6.0, bm25s=0.8, rank_bm25=900.0)]
    checks = {c["name"]: c for c in targets(results)}
    assert checks["search p50 at 1M"]["ok"] is True
    assert checks["faster than bm25s at 1M"]["ok"] is False  # 1.6×
    assert checks["faster than rank-bm25 at 1M"]["ok"] is True  # 1,800×
    assert checks["faster than bm25s at 100k"]["ok"] is None  # not run
    assert checks["ask() p50 at 1M"]["ok"] is False
    assert checks["ask() p50 on the bundled article"]["ok"] is True
    assert checks["build from text at 1M"]["ok"] is True
    assert checks["loading a saved 1M index"]["ok"] is False
    assert checks["peak memory at 1M"]["ok"] is True
    text = format_targets(list(checks.values()))
    assert "✓ search p50 at 1M ≤ 0.7 ms: measured 0.500 ms" in text
    assert "✗ faster than bm25s at 1M ≥ 2×: measured 1.60×" in text
    assert "· faster than bm25s at 100k ≥ 2×: not measured" in text


def test_table_shows_ratios_and_errors():
    broken = {"label": "1M", "kind": "synthetic", "error": "timed out after 60 s (during bm25s)"}
    table = format_table([fake("10k", 0.5, 2.0, bm25s=1.0, rank_bm25=500.0), broken])
    assert "2.00×" in table  # bm25s: 1.0 / 0.5
    assert "1,000×" in table  # rank-bm25: 500 / 0.5
    assert "1M: timed out after 60 s (during bm25s)" in table


def test_a_stopped_run_bounds_build_time_and_memory():
    stopped = {
        "label": "1M",
        "kind": "synthetic",
        "phase": "qa_bot build",
        "error": "timed out after 600 s (during qa_bot build)",
        "generate_s": 30.0,
        "wall_s": 601.0,
        "peak_rss_at_stop_mb": 9 * 1024.0,
    }
    checks = {c["name"]: c for c in targets([stopped])}
    assert checks["build from text at 1M"]["ok"] is False
    assert checks["build from text at 1M"]["measured"] == 571.0
    assert checks["peak memory at 1M"]["ok"] is False
    assert checks["search p50 at 1M"]["ok"] is None
    text = format_targets(list(checks.values()))
    assert "✗ build from text at 1M ≤ 60 s: more than 571 s when stopped" in text
    assert "> 9,216" in format_table([stopped])
