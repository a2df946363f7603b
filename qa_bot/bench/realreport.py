"""The real-text table (workloads across, metrics down) and issue 12's targets per workload."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from qa_bot.bench.report import get, num, ratio

Result = dict[str, Any]
LABEL_WIDTH = 40
CELL_WIDTH = 16
NOTE = (
    "Each engine in its own process, one thread, top-10, the same question sent to each in "
    "turn. qa_bot search = bot.search(q, retriever='bm25') on raw text, question analysis "
    "included;\nask = bot.ask(q) (hybrid, composed answer). bm25s and rank-bm25 get "
    "qa_bot's tokens (build excludes tokenizing;\nbm25s's own tokenizer with PyStemmer "
    "shown apart); tantivy indexes the raw passages with its own en_stem analyzer and "
    "parses\nthe question's words (OR). qa_bot build = reading the files + QABot(documents). "
    "qa_bot started by QABot.load."
)


def _p(engine: str, metric: str = "search_ms") -> Callable[[Result], str]:
    return lambda r: (
        f"{num(get(r, f'{engine}.{metric}.p50'))} / {num(get(r, f'{engine}.{metric}.p95'))}"
    )


def _v(path: str) -> Callable[[Result], str]:
    return lambda r: num(get(r, path))


def _x(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def build_s(r: Result) -> float | None:
    read, build = get(r, "qa_bot_build.read_s"), get(r, "qa_bot_build.build_s")
    return None if build is None else build + (read or 0.0)


def peak_mb(r: Result) -> float | None:
    values = [get(r, "qa_bot_build.rss_mb"), get(r, "qa_bot.peak_rss_mb")]
    found = [v for v in values if isinstance(v, (int, float))]
    return max(found) if found else None


RATIOS: dict[str, Callable[[Result], float | None]] = {
    "build / bm25s build": lambda r: ratio(build_s(r), get(r, "bm25s.start.build_s")),
    "peak / bm25s peak": lambda r: ratio(peak_mb(r), get(r, "bm25s.peak_rss_mb")),
    "search p50 / bm25s p50": lambda r: ratio(
        get(r, "qa_bot.search_ms.p50"), get(r, "bm25s.search_ms.p50")
    ),
    "search p50 / tantivy p50": lambda r: ratio(
        get(r, "qa_bot.search_ms.p50"), get(r, "tantivy.search_ms.p50")
    ),
    "ask p50 / tantivy search p50": lambda r: ratio(
        get(r, "qa_bot.ask_ms.p50"), get(r, "tantivy.search_ms.p50")
    ),
    "first query when ready / warm p50": lambda r: ratio(
        get(r, "qa_bot.first_ready_ms"), get(r, "qa_bot.search_ms.p50")
    ),
    "first query right after load / warm p50": lambda r: ratio(
        get(r, "qa_bot.first_ms"), get(r, "qa_bot.search_ms.p50")
    ),
}
LIMITS = {  # issue 12's targets: each ratio at most this
    "build / bm25s build": 1.0,
    "peak / bm25s peak": 1.5,
    "search p50 / bm25s p50": 1.0,
    "search p50 / tantivy p50": 1.5,
    "ask p50 / tantivy search p50": 2.0,
    "first query when ready / warm p50": 2.0,
    "first query right after load / warm p50": 2.0,
}
COLD_LIMIT_S = 0.6


def _shown(f: Callable[[Result], float | None]) -> Callable[[Result], str]:
    return lambda r: _x(f(r))


def _questions(r: Result) -> str:
    q = r.get("questions") or {}
    words = q.get("words") or {}
    low, high = words.get("min"), words.get("max")
    return f"{q.get('count', '–')} ({q.get('shipped', 0)}), {low}–{high}"


ROWS: tuple[tuple[str, Callable[[Result], str]], ...] = (
    ("passages", _v("passages")),
    ("questions (hand-written), words", _questions),
    ("build s: qa_bot (read + index)", lambda r: num(build_s(r))),
    (
        "         bm25s (from tokens) / tokenize",
        lambda r: f"{num(get(r, 'bm25s.start.build_s'))} / {num(get(r, 'bm25s.start.tokenize_s'))}",
    ),
    ("         tantivy", _v("tantivy.start.build_s")),
    ("         rank-bm25", _v("rank_bm25.start.build_s")),
    (
        "peak MB: qa_bot build / serving",
        lambda r: f"{num(get(r, 'qa_bot_build.rss_mb'))} / {num(get(r, 'qa_bot.peak_rss_mb'))}",
    ),
    (
        "         bm25s / tantivy",
        lambda r: f"{num(get(r, 'bm25s.peak_rss_mb'))} / {num(get(r, 'tantivy.peak_rss_mb'))}",
    ),
    ("         rank-bm25", _v("rank_bm25.peak_rss_mb")),
    ("search p50 / p95 ms: qa_bot", _p("qa_bot")),
    ("  bm25s (numba)", _p("bm25s")),
    ("  tantivy", _p("tantivy")),
    ("  rank-bm25", _p("rank_bm25")),
    ("ask() p50 / p95 ms", _p("qa_bot", "ask_ms")),
    (
        "qa_bot load s / first query ms",
        lambda r: f"{num(get(r, 'qa_bot.start.build_s'))} / {num(get(r, 'qa_bot.first_ms'))}",
    ),
    (
        "cold ask s: python -c pass / qa-bot ask",
        lambda r: f"{num(get(r, 'cold_ask.python_s'))} / {num(get(r, 'cold_ask.ask_s'))}",
    ),
    *((f"ratio: {name}", _shown(f)) for name, f in RATIOS.items()),
    ("cold ask beyond python -c pass, s", _v("cold_ask.beyond_s")),
)


def format_real_table(results: list[Result]) -> str:
    lines = [_line("real text", [r["label"] for r in results])]
    lines.append("-" * len(lines[0]))
    lines.extend(_line(title, [cell(r) for r in results]) for title, cell in ROWS)
    for r in results:
        if r.get("error"):
            lines.append(f"{r['label']}: {r['error']}")
    return "\n".join([*lines, "", NOTE])


def _line(title: str, cells: list[str]) -> str:
    return f"{title:<{LABEL_WIDTH}}" + "".join(f"{c:>{CELL_WIDTH}}" for c in cells)


def real_targets(results: list[Result]) -> list[dict[str, Any]]:
    """Each target on each real-text workload: measured ratio (or seconds) and ok."""
    checks = []
    for r in results:
        for name, f in RATIOS.items():
            value = f(r)
            ok = None if value is None else value <= LIMITS[name]
            checks.append(
                {
                    "corpus": r["label"],
                    "name": name,
                    "limit": LIMITS[name],
                    "unit": "×",
                    "measured": value,
                    "ok": ok,
                }
            )
        beyond = get(r, "cold_ask.beyond_s")
        checks.append(
            {
                "corpus": r["label"],
                "name": "cold qa-bot ask beyond python -c pass",
                "limit": COLD_LIMIT_S,
                "unit": "s",
                "measured": beyond,
                "ok": None if beyond is None else beyond <= COLD_LIMIT_S,
            }
        )
    return checks


def format_real_targets(checks: list[dict[str, Any]]) -> str:
    lines = ["Targets on real text (issue 12):"]
    for c in checks:
        mark = {True: "✓", False: "✗", None: "·"}[c["ok"]]
        shown = "not measured" if c["measured"] is None else f"{num(c['measured'])}{c['unit']}"
        lines.append(f"  {mark} {c['corpus']}: {c['name']} ≤ {c['limit']:g}{c['unit']}: {shown}")
    return "\n".join(lines)
