"""The benchmark's output: one table side by side, the targets with ✓/✗, and the plot."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Result = dict[str, Any]
Cell = Callable[[Result], str]
LABEL_WIDTH = 36
CELL_WIDTH = 17
NOTE = (
    "search = bot.search(q, k=10, retriever='bm25'), query analysis included; kernel = "
    "BM25Weights.top_k on\npre-tokenized terms, as the baselines get them (same tokens, "
    "top-10). Ratios: their p50 / qa_bot p50\n(> 1: qa_bot faster). One thread; p50/p99 "
    "over --queries questions (rank-bm25: over a few)."
)
SERIES = (
    ("qa_bot search (bm25)", "qa_bot.search_bm25_ms.p50"),
    ("qa_bot kernel (pre-tokenized)", "qa_bot.kernel_ms.p50"),
    ("qa_bot hybrid", "qa_bot.search_hybrid_ms.p50"),
    ("qa_bot ask()", "qa_bot.ask_ms.p50"),
    ("bm25s", "bm25s.search_ms.p50"),
    ("rank-bm25", "rank_bm25.search_ms.p50"),
)


def get(result: Result, path: str) -> Any:
    """A nested value by dotted path, or None."""
    value: Any = result
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def num(value: Any) -> str:
    """A number with about three significant digits ("–" for none)."""
    if not isinstance(value, (int, float)):
        return "–"
    if isinstance(value, int) or abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}" if abs(value) >= 1 else f"{value:.3f}"


def ratio(theirs: Any, ours: Any) -> float | None:
    if isinstance(theirs, (int, float)) and isinstance(ours, (int, float)) and ours > 0:
        return float(theirs) / float(ours)
    return None


def times(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.0f}×" if value >= 10 else f"{value:.2f}×"


def pair(first: str, second: str) -> Cell:
    def cell(result: Result) -> str:
        a, b = get(result, first), get(result, second)
        return "–" if a is None and b is None else f"{num(a)} / {num(b)}"

    return cell


def single(path: str) -> Cell:
    return lambda result: num(get(result, path))


def speedup(theirs: str) -> Cell:
    def cell(result: Result) -> str:
        other = get(result, theirs)
        search = ratio(other, get(result, "qa_bot.search_bm25_ms.p50"))
        kernel = ratio(other, get(result, "qa_bot.kernel_ms.p50"))
        return "–" if search is None else f"{times(search)} / {times(kernel)}"

    return cell


def _skipped(result: Result) -> str:
    reason = get(result, "rank_bm25.skipped")
    return (
        "skipped" if reason else pair("rank_bm25.search_ms.p50", "rank_bm25.search_ms.p99")(result)
    )


def _peak(result: Result) -> str:
    value, stopped = _peak_gb(result)
    return "–" if value is None else f"> {num(value * 1024)}" if stopped else num(value * 1024)


def _overlap(result: Result) -> str:
    value = get(result, "bm25s.overlap_at_10")
    return "–" if value is None else f"{100 * value:.0f}%"


def _status(result: Result) -> str:
    if result.get("error"):
        return "failed (below)"
    return "warning (below)" if result.get("warnings") else "ok"


ROWS: tuple[tuple[str, Cell], ...] = (
    ("passages", single("passages")),
    ("corpus MB / generated (read) in s", pair("corpus_mb", "generate_s")),
    ("build s: qa_bot", single("qa_bot.build_s")),
    ("         bm25s", single("bm25s.build_s")),
    ("         rank-bm25", single("rank_bm25.build_s")),
    ("saved index MB / load s", pair("qa_bot.index_mb", "qa_bot.load_s")),
    ("peak memory MB (qa_bot)", _peak),
    (
        "search p50 / p99 ms: qa_bot bm25",
        pair("qa_bot.search_bm25_ms.p50", "qa_bot.search_bm25_ms.p99"),
    ),
    ("  qa_bot kernel (pre-tokenized)", pair("qa_bot.kernel_ms.p50", "qa_bot.kernel_ms.p99")),
    ("  qa_bot hybrid", pair("qa_bot.search_hybrid_ms.p50", "qa_bot.search_hybrid_ms.p99")),
    ("  bm25s", pair("bm25s.search_ms.p50", "bm25s.search_ms.p99")),
    ("  rank-bm25", _skipped),
    ("× vs bm25s: search / kernel", speedup("bm25s.search_ms.p50")),
    ("× vs rank-bm25: search / kernel", speedup("rank_bm25.search_ms.p50")),
    ("batch queries/s: qa_bot / bm25s", pair("qa_bot.batch_qps", "bm25s.batch_qps")),
    ("ask() p50 / p99 ms (hybrid)", pair("qa_bot.ask_ms.p50", "qa_bot.ask_ms.p99")),
    ("top-10 overlap with bm25s", _overlap),
)


def format_table(results: list[Result]) -> str:
    """Metrics down, corpora across; errors listed below the table."""
    backend = next((get(r, "bm25s.backend") for r in results if get(r, "bm25s.backend")), None)
    lines = [_line("corpus", [r["label"] for r in results])]
    lines.append("-" * len(lines[0]))
    for title, cell in ROWS:
        if backend and title.strip() == "bm25s":
            title = f"{title} ({backend})"
        lines.append(_line(title, [cell(r) for r in results]))
    lines.append(_line("status", [_status(r) for r in results]))
    for result in results:
        problems = [result["error"]] if result.get("error") else []
        lines.extend(f"{result['label']}: {p}" for p in [*problems, *result.get("warnings", [])])
    return "\n".join([*lines, "", NOTE])


def _line(title: str, cells: list[str]) -> str:
    return f"{title:<{LABEL_WIDTH}}" + "".join(f"{c:>{CELL_WIDTH}}" for c in cells)


Measure = tuple[float | None, bool]  # a value, and whether it is only a lower bound


@dataclass(frozen=True)
class Target:
    name: str
    corpus: str
    metric: Callable[[Result], Measure]
    unit: str
    limit: float
    upper: bool = True  # the limit is a maximum (else a minimum)


def _at(path: str) -> Callable[[Result], Measure]:
    return lambda result: (get(result, path), False)


def _vs(engine: str) -> Callable[[Result], Measure]:
    def measure(result: Result) -> Measure:
        ours = get(result, "qa_bot.search_bm25_ms.p50")
        return ratio(get(result, f"{engine}.search_ms.p50"), ours), False

    return measure


def _build_s(result: Result) -> Measure:
    """The build time, or at least the time spent building when the run was stopped."""
    if get(result, "qa_bot.build_s") is not None or result.get("phase") != "qa_bot build":
        return get(result, "qa_bot.build_s"), False
    return result["wall_s"] - (result.get("generate_s") or 0.0), True


def _peak_gb(result: Result) -> Measure:
    value, stopped = get(result, "qa_bot.peak_rss_mb"), False
    if value is None and result.get("error"):
        value, stopped = result.get("peak_rss_at_stop_mb") or result.get("peak_rss_total_mb"), True
    return (value / 1024 if isinstance(value, (int, float)) else None), stopped


TARGETS = (
    Target("search p50 at 1M", "1M", _at("qa_bot.search_bm25_ms.p50"), "ms", 0.7),
    Target("faster than bm25s at 100k", "100k", _vs("bm25s"), "×", 2.0, upper=False),
    Target("faster than bm25s at 1M", "1M", _vs("bm25s"), "×", 2.0, upper=False),
    *(
        Target(f"faster than rank-bm25 at {size}", size, _vs("rank_bm25"), "×", 1e3, upper=False)
        for size in ("10k", "100k", "1M")
    ),
    Target("ask() p50 at 1M", "1M", _at("qa_bot.ask_ms.p50"), "ms", 5.0),
    Target("ask() p50 on the bundled article", "article", _at("qa_bot.ask_ms.p50"), "ms", 1.0),
    Target("build from text at 1M", "1M", _build_s, "s", 60.0),
    Target("loading a saved 1M index", "1M", _at("qa_bot.load_s"), "s", 3.0),
    Target("peak memory at 1M", "1M", _peak_gb, "GB", 3.0),
)


def targets(results: list[Result]) -> list[dict[str, Any]]:
    """Each target, its measured value and ok (None: not measured, or not decidable)."""
    by_label = {r["label"]: r for r in results if r["kind"] in ("synthetic", "article")}
    checks = []
    for target in TARGETS:
        value, at_least = (
            target.metric(by_label[target.corpus]) if target.corpus in by_label else (None, False)
        )
        ok = (
            None
            if value is None
            else value <= target.limit
            if target.upper
            else value >= target.limit
        )
        if at_least and ok:
            ok = None  # stopped below the limit: undecided
        checks.append(
            {
                "name": target.name,
                "corpus": target.corpus,
                "limit": target.limit,
                "unit": target.unit,
                "upper": target.upper,
                "measured": value,
                "at_least": at_least,
                "ok": ok,
            }
        )
    return checks


def format_targets(checks: list[dict[str, Any]]) -> str:
    lines = ["Targets (one thread, top-10, 3–8-word questions; search = bm25):"]
    for check in checks:
        sign = "≤" if check["upper"] else "≥"
        limit = f"{sign} {check['limit']:,g} {check['unit']}".replace(" ×", "×")
        mark = {True: "✓", False: "✗", None: "·"}[check["ok"]]
        value = check["measured"]
        shown = "not measured" if value is None else f"measured {num(value)} {check['unit']}"
        if check.get("at_least") and value is not None:
            shown = f"more than {num(value)} {check['unit']} when stopped"
        lines.append(f"  {mark} {check['name']} {limit}: {shown.replace(' ×', '×')}")
    return "\n".join(lines)


def save_plot(path: Path, results: list[Result]) -> None:
    """p50 latency against corpus size, log-log, one line per engine (needs matplotlib)."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ValueError("--plot needs matplotlib: pip install 'qa-bot[bench]'") from None
    figure, axes = plt.subplots(figsize=(8, 5))
    measured = [r for r in results if r["kind"] != "article" and r.get("passages")]
    for name, series in SERIES:
        points = [(r["passages"], get(r, series)) for r in measured if get(r, series)]
        if points:
            xs, ys = zip(*points, strict=True)
            axes.plot(xs, ys, marker="o", label=name)
    axes.axhline(0.7, color="grey", linestyle="--", linewidth=1, label="target: search p50 at 1M")
    axes.set(xscale="log", yscale="log", xlabel="passages", ylabel="p50 latency per query (ms)")
    axes.set_title("Query latency against corpus size (one thread, top-10)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=8)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
