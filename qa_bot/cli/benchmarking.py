"""`qa-bot bench`: speed and memory on real text and generated corpora, beside other
engines."""

from __future__ import annotations

from pathlib import Path

import click

from qa_bot.cli.options import friendly_errors


def _sizes(ctx: click.Context, param: click.Parameter, value: str) -> tuple[int, ...]:
    from qa_bot.bench.runner import parse_sizes

    try:
        return parse_sizes(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


@click.command()
@click.option(
    "--corpus",
    type=click.Path(exists=True, path_type=Path),
    help="Measure this .txt/.md file or folder instead of generated corpora.",
)
@click.option(
    "--sizes",
    default="1k,10k",
    show_default=True,
    callback=_sizes,
    help="Generated corpora, in passages (k = thousand, M = million), e.g. 1k,10k,100k,1M.",
)
@click.option(
    "--queries",
    type=click.IntRange(1, 100_000),
    default=200,
    show_default=True,
    help="Questions (3–8 words) timed per corpus.",
)
@click.option("--json", "json_path", type=click.Path(path_type=Path), help="Write all results.")
@click.option(
    "--plot", "plot_path", type=click.Path(path_type=Path), help="Write a PNG of latency vs size."
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=1800,
    show_default=True,
    help="Time budget per corpus, in seconds (what finished is still reported).",
)
@click.option(
    "--baselines/--no-baselines",
    default=True,
    show_default=True,
    help="Also run rank-bm25 and bm25s on the same tokens, when installed.",
)
@click.option(
    "--real",
    default=None,
    help="Real-text workloads, measured first: docs, article-10k, article-100k, or none "
    "(default: article-10k; none with --corpus).",
)
@click.option(
    "--docs-folder",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="The folder `python corpus/docs-folder/build.py --out DIR` built (adds docs).",
)
@click.option(
    "--docs-questions",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Its hand-written questions (corpus/docs-folder/questions.jsonl).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Generated corpora's seed.")
def bench(
    corpus: Path | None,
    sizes: tuple[int, ...],
    queries: int,
    json_path: Path | None,
    plot_path: Path | None,
    timeout: float,
    baselines: bool,
    real: str | None,
    docs_folder: Path | None,
    docs_questions: Path | None,
    seed: int,
) -> None:
    """Speed and memory on real text, generated corpora (or --corpus) against bm25s,
    tantivy and rank-bm25.

    Real text: each engine in its own process, the same questions sent to each in turn
    (build, peak memory, search p50/p95, ask() p50, first query after start, cold
    `qa-bot ask`). Generated corpora: each in its own process, one thread, with the targets.
    """
    from qa_bot.bench.runner import BenchOptions, parse_real, run_bench

    try:
        default = "none" if corpus is not None else "article-10k"
        workloads = parse_real(default if real is None else real, docs_folder)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--real") from None
    if docs_questions is None and docs_folder is not None:
        shipped = Path("corpus/docs-folder/questions.jsonl")
        docs_questions = shipped if shipped.is_file() else None
    options = BenchOptions(
        sizes,
        corpus,
        queries,
        seed,
        timeout,
        baselines,
        real=workloads,
        docs_folder=docs_folder,
        docs_questions=docs_questions,
    )
    with friendly_errors():
        run_bench(options, click.echo, json_path, plot_path)
