"""Speed and memory at scale, side by side with rank-bm25 and bm25s: `qa-bot bench`.

Each corpus (the bundled article, then generated corpora of the given sizes — or the
user's --corpus) is measured in a fresh process (qa_bot.bench.measure) with one thread, a time
budget and a memory cap, so sizes don't pollute each other's peak memory. Prints one table
(absolute numbers and ratios) and the targets with ✓/✗; --json writes everything, --plot
a PNG of p50 latency against corpus size. `python -m qa_bot.bench.runner` runs the defaults.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

from qa_bot.bench.report import format_table, format_targets, save_plot, targets

DEFAULT_SIZES = "1k,10k"
DEFAULT_QUERIES = 200
DEFAULT_TIMEOUT = 1800.0  # seconds per corpus
RANK_BM25_MAX = 100_000  # rank-bm25 takes seconds per query beyond this
ONE_THREAD = dict.fromkeys(
    ("NUMBA_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"), "1"
)
_SIZE = re.compile(r"^(\d+(?:\.\d+)?)([kKmM]?)$")
_UNITS = {"": 1, "k": 1_000, "m": 1_000_000}
Echo = Callable[[str], None]


def default_memory_cap() -> float | None:
    """80% of the machine's memory, in GB (None where unknown)."""
    try:
        return round(0.8 * os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1)
    except (ValueError, OSError, AttributeError):
        return None


@dataclass(frozen=True)
class BenchOptions:
    sizes: tuple[int, ...] = (1_000, 10_000)
    corpus: Path | None = None
    queries: int = DEFAULT_QUERIES
    seed: int = 0
    timeout: float = DEFAULT_TIMEOUT
    baselines: bool = True
    rank_bm25_max: int = RANK_BM25_MAX
    max_memory_gb: float | None = field(default_factory=default_memory_cap)
    real: tuple[str, ...] = ()  # real-text workloads (realtext.WORKLOADS), measured first
    docs_folder: Path | None = None  # built by corpus/docs-folder/build.py --out DIR
    docs_questions: Path | None = None  # corpus/docs-folder/questions.jsonl


def parse_sizes(text: str) -> tuple[int, ...]:
    """ "1k,10k,100k,1M" → (1000, 10000, 100000, 1000000), "none" → (); ValueError when
    malformed."""
    if text.strip().lower() == "none":
        return ()
    sizes = []
    for part in text.split(","):
        match = _SIZE.match(part.strip())
        value = float(match.group(1)) * _UNITS[match.group(2).lower()] if match else 0
        if not match or value < 1 or value != int(value):
            raise ValueError(
                f"invalid size {part.strip()!r} in {text!r}: use whole passage counts "
                "such as 500,1k,10k,100k,1M"
            )
        sizes.append(int(value))
    return tuple(sizes)


def parse_real(text: str, docs_folder: Path | None) -> tuple[str, ...]:
    """ "docs,article-10k" → the real-text workloads ("none": none); "docs" is added when a
    docs folder is given. ValueError for an unknown name."""
    from qa_bot.bench.realtext import WORKLOADS

    names = [] if text.strip().lower() == "none" else [p.strip() for p in text.split(",")]
    for name in names:
        if name not in WORKLOADS:
            raise ValueError(f"unknown workload {name!r}; allowed: {', '.join(WORKLOADS)}, none")
    if docs_folder is not None and "docs" not in names:
        names.insert(0, "docs")
    return tuple(names)


def size_label(passages: int) -> str:
    for suffix, unit in (("M", 1_000_000), ("k", 1_000)):
        if passages >= unit and passages % unit == 0:
            return f"{passages // unit}{suffix}"
    return str(passages)


def specs(options: BenchOptions) -> list[dict[str, Any]]:
    """What each child process measures."""
    common = {
        "queries": options.queries,
        "seed": options.seed,
        "baselines": options.baselines,
        "rank_bm25_max": options.rank_bm25_max,
        "max_memory_gb": options.max_memory_gb,
    }
    if options.corpus is not None:
        label = options.corpus.name or str(options.corpus)
        return [{"label": label, "kind": "corpus", "corpus": str(options.corpus), **common}]
    article = {"label": "article", "kind": "article", **common}
    return [article] + [
        {"label": size_label(n), "kind": "synthetic", "passages": n, **common}
        for n in options.sizes
    ]


def run_one(spec: dict[str, Any], timeout: float) -> dict[str, Any]:
    """Measure one corpus in a child process; a timeout or crash keeps what was finished."""
    with tempfile.TemporaryDirectory(prefix="qa-bot-bench-") as tmp:
        spec_path, out_path = Path(tmp) / "spec.json", Path(tmp) / "out.json"
        spec_path.write_text(json.dumps(spec), encoding="utf-8")
        command = [sys.executable, "-m", "qa_bot.bench.measure", str(spec_path), str(out_path)]
        started = time.perf_counter()
        error, peak = _run(command, timeout)
        result = {"label": spec["label"], "kind": spec["kind"]}
        if out_path.exists():
            result = json.loads(out_path.read_text(encoding="utf-8"))
    result["wall_s"] = time.perf_counter() - started
    if error and not result.get("error"):
        result["error"] = f"{error} (during {result.get('phase', 'start-up')})"
    if peak is not None:
        result["peak_rss_at_stop_mb"] = peak
    return result


def _run(command: list[str], timeout: float) -> tuple[str | None, float | None]:
    """Run the child with one thread; (error, its peak memory in MB when stopped)."""
    env = {**os.environ, **ONE_THREAD}
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    ) as child:
        try:
            _, stderr = child.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            peak = _peak_mb(child.pid)
            child.kill()
            child.communicate()
            return f"timed out after {timeout:.0f} s", peak
    if child.returncode:
        return _failure(child.returncode, stderr.decode(errors="replace")), None
    return None, None


def _peak_mb(pid: int) -> float | None:
    """A running process's peak resident memory (Linux /proc), in MB."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="ascii")
    except OSError:
        return None
    match = re.search(r"^VmHWM:\s+(\d+) kB", status, re.MULTILINE)
    return int(match.group(1)) / 1024 if match else None


def _failure(code: int, stderr: str) -> str:
    if code < 0:
        return f"killed by signal {-code}" + (" (out of memory?)" if code == -9 else "")
    lines = [line for line in stderr.strip().splitlines() if line.strip()]
    return lines[-1] if lines else f"exit code {code}"


def environment() -> dict[str, Any]:
    versions: dict[str, str | None] = {}
    for package in ("qa-bot", "numpy", "scipy", "rank-bm25", "bm25s", "numba"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "threads": 1,
        "versions": versions,
    }


def run_bench(
    options: BenchOptions,
    echo: Echo = print,
    json_path: Path | None = None,
    plot_path: Path | None = None,
) -> dict[str, Any]:
    """Measure every corpus, print the table and the targets; write JSON and PNG if asked."""
    from qa_bot.bench.interleave import run_real
    from qa_bot.bench.realreport import format_real_table, format_real_targets, real_targets

    real = run_real(
        options.real,
        options.docs_folder,
        options.docs_questions,
        options.queries,
        options.seed,
        echo,
    )
    results = []
    for spec in specs(options):
        echo(f"measuring {spec['label']} …")
        result = run_one(spec, options.timeout)
        status = f"error: {result['error']}" if result.get("error") else "done"
        echo(f"  {status} ({result['wall_s']:.0f} s)")
        results.append(result)
    checks = targets(results)
    real_checks = real_targets(real)
    if real:
        echo("")
        echo(format_real_table(real))
        echo("")
        echo(format_real_targets(real_checks))
    echo("")
    echo(format_table(results))
    echo("")
    echo(format_targets(checks))
    paths = ("corpus", "docs_folder", "docs_questions")
    settings = {**asdict(options), "k": 10}
    settings.update({key: settings[key] and str(settings[key]) for key in paths})
    report = {
        "environment": environment(),
        "settings": settings,
        "real": real,
        "real_targets": real_checks,
        "results": results,
        "targets": checks,
    }
    if json_path is not None:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    if plot_path is not None:
        save_plot(plot_path, results)
    return report


def main() -> None:
    run_bench(BenchOptions())


if __name__ == "__main__":
    main()
