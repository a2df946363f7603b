"""`qa-bot chat` (the web page), `eval`, `index` and `bench`."""

from __future__ import annotations

from pathlib import Path

import click

from qa_bot.cli.options import (
    corpus_option,
    friendly_errors,
    k_option,
    load_bot,
    milvus_options,
    retriever_option,
)
from qa_bot.defaults import DEFAULT_K, DEFAULT_RETRIEVER, MAX_K, RETRIEVERS


@click.command()
@corpus_option
@retriever_option
@k_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=7860, show_default=True)
@click.option("--share", is_flag=True, help="Also open a public Gradio share link.")
@milvus_options
@click.option(
    "--feedback",
    type=click.Path(path_type=Path),
    default=None,
    help="Where 👍/👎 votes are saved (default: $QA_BOT_FEEDBACK or "
    "~/.local/share/qa-bot/feedback.jsonl).",
)
def chat(
    corpus: Path | None,
    no_cache: bool,
    retriever: str,
    k: int,
    host: str,
    port: int,
    share: bool,
    milvus: str | None,
    collection: str,
    feedback: Path | None,
) -> None:
    """Start the chat web page (default: on the bundled article) and print its address."""
    from qa_bot.paths import feedback_path
    from qa_bot.retrieval.kernel import wait_until_fast

    if port_in_use(host, port):
        raise click.ClickException(f"port {port} is in use; try --port {port + 1}")
    bot = load_bot(corpus, retriever, k, no_cache, milvus, collection)
    wait_until_fast(len(bot.passages))  # the compiled kernels, loading since the index did
    path = feedback or feedback_path()
    click.echo(f"Loaded {len(bot.documents)} document(s), {len(bot.passages)} passages.")
    click.echo(f"Votes go to {path}")
    click.echo(f"Starting the chat page on http://{host}:{port} … (Ctrl-C to stop)")
    if not share:
        click.echo("For a public link, start it again with --share.")
    from qa_bot.web.app import launch

    with friendly_errors():
        launch(bot, path, host=host, port=port, share=share, quiet=not share)


def port_in_use(host: str, port: int) -> bool:
    """True when something already listens on host:port."""
    import socket

    with socket.socket() as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return True
    return False


@click.command("eval")
@click.argument("questions", required=False, type=click.Path(path_type=Path))
@corpus_option
@click.option(
    "--retriever",
    default="all",
    show_default=True,
    type=click.Choice(["all", *RETRIEVERS]),
    help="One retriever, or all side by side.",
)
@click.option(
    "--k",
    type=click.IntRange(1, MAX_K),
    default=DEFAULT_K,
    show_default=True,
    help="Cut-off for recall@k.",
)
@click.option(
    "--json",
    "json_path",
    type=click.Path(path_type=Path),
    help="Write every metric and per-question result to this JSON file.",
)
@click.option(
    "--plot",
    "plot_path",
    type=click.Path(path_type=Path),
    help="Write a PNG of hit@k and the abstention trade-off.",
)
@click.option(
    "--misses/--no-misses",
    default=True,
    show_default=True,
    help="List the questions each retriever got wrong.",
)
@click.option(
    "--beir",
    "beir",
    type=click.Path(path_type=Path),
    help="Rank the documents of a BEIR-layout folder (corpus.jsonl, queries.jsonl, "
    "qrels/test.tsv): nDCG@10, recall@100, MRR@10 and refusals, beside plain BM25.",
)
@click.option(
    "--run",
    "run_path",
    type=click.Path(path_type=Path),
    help="With --beir: write the (first) retriever's ranking as a TREC run file.",
)
@click.option(
    "--all-sets",
    is_flag=True,
    help="Every set of the checkout's corpus/ folder (and the shipped one), one table "
    "each and a summary row per set; rebuilds the documentation folder.",
)
@milvus_options
def evaluate_command(
    questions: Path | None,
    corpus: Path | None,
    no_cache: bool,
    retriever: str,
    k: int,
    json_path: Path | None,
    plot_path: Path | None,
    misses: bool,
    beir: Path | None,
    run_path: Path | None,
    all_sets: bool,
    milvus: str | None,
    collection: str,
) -> None:
    """Measure accuracy on a question set (default: the shipped set on the bundled article).

    QUESTIONS is a JSON Lines file ({"id", "question", "evidence", "history", "answerable",
    "tags", "list_items"} per line) or a feedback file written by the chat page.
    """
    from qa_bot.evaluate.shell import run_eval, run_other

    if milvus is not None:  # the shipped set on the bundled article, unless --corpus
        if beir is not None or all_sets or run_path is not None:
            raise click.UsageError("--milvus works with a question set, not --beir/--all-sets")
        source = corpus if corpus is not None else (None if questions else _article())
        bot = load_bot(source, "bm25", k, True, milvus, collection)
        with friendly_errors():
            run_eval(questions, None, retriever, k, json_path, plot_path, misses, bot=bot)
        return
    with friendly_errors():
        if beir is not None or all_sets or run_path is not None:
            run_other(
                questions, corpus, retriever, k, json_path, plot_path, beir, run_path, all_sets
            )
        else:
            run_eval(questions, corpus, retriever, k, json_path, plot_path, misses, not no_cache)


def _article() -> Path:
    from qa_bot.paths import bundled_article

    return bundled_article()


@click.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Save the index here (default: the cache folder, keyed by content).",
)
@milvus_options
def index(path: Path, out: Path | None, milvus: str | None, collection: str) -> None:
    """Build (or check) the saved index of the corpus at PATH and say what was done;
    with --milvus, index it into that collection (only what changed)."""
    import time

    from qa_bot.bot import IndexStatus
    from qa_bot.documents.boilerplate import note
    from qa_bot.retrieval.kernel import wait_until_fast

    if out is not None and milvus is not None:
        raise click.UsageError("--out and --milvus: one index at a time")
    started = time.perf_counter()
    bot = load_bot(path, DEFAULT_RETRIEVER, DEFAULT_K, out is not None, milvus, collection)
    if milvus is not None:
        seconds = time.perf_counter() - started
        click.echo(
            f"{len(bot.documents)} document(s), {len(bot.passages)} passages"
            f"{note(bot.passages)}; Milvus {milvus} collection {collection!r}: "
            f"{bot.sync_report} in {seconds:.2f} s"
        )
        bot.close()
        return
    wait_until_fast(len(bot.passages))  # compiled (or loaded) at index time, kept on disk
    status = bot.index_status
    if out is not None:
        with friendly_errors():
            bot.save(out)
        status = IndexStatus("saved", out)
    seconds = time.perf_counter() - started
    click.echo(
        f"{len(bot.documents)} document(s), {len(bot.passages)} passages{note(bot.passages)}; "
        f"index {status} in {seconds:.2f} s"
    )


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
