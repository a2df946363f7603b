"""`qa-bot eval`: accuracy on a question set, a BEIR folder or every shipped set."""

from __future__ import annotations

from pathlib import Path

import click

from qa_bot.cli.options import corpus_option, friendly_errors, load_bot, milvus_options
from qa_bot.defaults import DEFAULT_K, MAX_K, RETRIEVERS


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
