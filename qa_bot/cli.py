"""The `qa-bot` command line: ask, search, chat (web page), eval. Never imports Gradio
except for `chat`, which starts the web page."""

from __future__ import annotations

import json
import sys
import textwrap
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from qa_bot.answer import Answer, where
from qa_bot.loading import progress_bar, report_load
from qa_bot.retrievers import DEFAULT_RETRIEVER, RETRIEVERS

CORPUS_HELP = (
    "A .txt/.md/.html file or a folder of them; unreadable files of a folder are skipped "
    "and listed (default: the bundled article)."
)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """Bad input becomes a one-line message and exit code 1, never a traceback."""
    try:
        yield
    except (ValueError, TypeError, FileNotFoundError, OSError) as err:
        raise click.ClickException(str(err)) from None


def corpus_option(func: Callable[..., Any]) -> Callable[..., Any]:
    func = click.option(
        "--no-cache",
        is_flag=True,
        help="Build the index afresh instead of reusing the saved one (see `qa-bot index`).",
    )(func)
    return click.option("--corpus", type=click.Path(path_type=Path), help=CORPUS_HELP)(func)


def retriever_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--retriever",
        type=click.Choice(RETRIEVERS),
        default=DEFAULT_RETRIEVER,
        show_default=True,
        help="How passages are ranked.",
    )(func)


def k_option(func: Callable[..., Any]) -> Callable[..., Any]:
    return click.option(
        "--k",
        type=click.IntRange(1, 100),
        default=5,
        show_default=True,
        help="How many passages to retrieve.",
    )(func)


def load_bot(corpus: Path | None, retriever: str, k: int, no_cache: bool = False) -> Any:
    """The bundled article, or the --corpus (its index saved and reused unless --no-cache)."""
    from qa_bot.bot import QABot

    with friendly_errors():
        if corpus is None:
            return QABot.default(retriever=retriever, k=k)
        folder = corpus.is_dir()
        with (
            progress_bar(folder) as progress,
            progress_bar(folder, "Indexing passages") as indexing,
        ):
            bot = QABot.from_path(
                corpus,
                retriever=retriever,
                k=k,
                progress=progress,
                cache=not no_cache,
                index_progress=indexing,
            )
    if folder or bot.skipped:
        report_load(bot)
    return bot


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="qa-bot")
def main() -> None:
    """Answer questions about documents with verbatim, cited passages (no hosted model).

    \b
    qa-bot ask "What is fine-tuning?"      one cited answer
    qa-bot ask                             a chat in the terminal (keeps follow-ups)
    qa-bot search "transformer"            ranked passages with scores
    qa-bot chat                            the chat web page on http://127.0.0.1:7860
    qa-bot eval                            accuracy on the shipped question set
    """


@main.command()
@click.argument("question", required=False)
@corpus_option
@retriever_option
@k_option
@click.option("--json", "as_json", is_flag=True, help="Print Answer.to_dict() as JSON.")
def ask(
    question: str | None,
    corpus: Path | None,
    no_cache: bool,
    retriever: str,
    k: int,
    as_json: bool,
) -> None:
    """Answer QUESTION with cited quotes; with no QUESTION, chat in the terminal."""
    bot = load_bot(corpus, retriever, k, no_cache)
    if question is not None:
        with friendly_errors():
            answer = bot.ask(question)
        _print_answer(answer, as_json)
        return
    _terminal_chat(bot, as_json)


def _terminal_chat(bot: Any, as_json: bool) -> None:
    click.echo("Ask about the corpus; follow-up questions use the conversation.")
    click.echo("Type 'exit' or press Ctrl-D to quit, 'new' to start a new conversation.")
    history: list[str] = []
    while True:
        try:
            question = click.prompt("?", prompt_suffix=" ", default="", show_default=False)
        except (EOFError, click.Abort):
            click.echo()
            return
        if question.strip().lower() in {"exit", "quit"}:
            return
        if question.strip().lower() == "new":
            history.clear()
            continue
        if not question.strip():
            continue
        try:
            answer = bot.ask(question, history=history)
        except (ValueError, TypeError) as err:
            click.secho(f"Error: {err}", fg="red", err=True)
            continue
        _print_answer(answer, as_json)
        history.append(question)
        click.echo()


def _print_answer(answer: Answer, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    click.secho(answer.text, bold=answer.found)
    if answer.query != answer.question:
        click.secho(f"(understood as: {answer.query})", dim=True)
    for number, passage in enumerate(answer.citations, start=1):
        click.echo()
        click.secho(f"[{number}] {where(passage)}", fg="cyan")
        click.echo(textwrap.indent(passage.text, "    "))
    if answer.related:
        click.echo()
        title = "Related passages:" if answer.found else "Related reading (not an answer):"
        click.secho(title, dim=True)
        for passage in answer.related:
            click.secho(f"- {where(passage)}", dim=True)


@main.command()
@click.argument("query")
@corpus_option
@retriever_option
@k_option
@click.option("--json", "as_json", is_flag=True, help="Print the ranked passages as JSON.")
def search(
    query: str, corpus: Path | None, no_cache: bool, retriever: str, k: int, as_json: bool
) -> None:
    """List the passages that best match QUERY, with their scores."""
    bot = load_bot(corpus, retriever, k, no_cache)
    with friendly_errors():
        _, ranking = bot.rank(query)
    rows = [(bot.passages[position], score) for position, score in ranking]
    if as_json:
        data = [
            {"rank": r, "score": round(s, 6), **p.to_dict()}
            for r, (p, s) in enumerate(rows, start=1)
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"No passage matches {query!r}.")
    for rank, (passage, score) in enumerate(rows, start=1):
        click.secho(f"{rank}. {score:.4f}  {where(passage)}", fg="cyan")
        click.echo(textwrap.indent(passage.text, "    "))


@main.command()
@corpus_option
@retriever_option
@k_option
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind.")
@click.option("--port", type=click.IntRange(1, 65535), default=7860, show_default=True)
@click.option("--share", is_flag=True, help="Also open a public Gradio share link.")
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
    feedback: Path | None,
) -> None:
    """Start the chat web page (default: on the bundled article) and print its address."""
    from qa_bot.feedback import default_feedback_path

    bot = load_bot(corpus, retriever, k, no_cache)
    path = feedback or default_feedback_path()
    click.echo(f"Loaded {len(bot.documents)} document(s), {len(bot.passages)} passages.")
    click.echo(f"Votes go to {path}")
    click.echo(f"Starting the chat page on http://{host}:{port} … (Ctrl-C to stop)")
    from qa_bot.app import launch

    with friendly_errors():
        launch(bot, path, host=host, port=port, share=share)


@main.command("eval")
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
    "--k", type=click.IntRange(1, 100), default=5, show_default=True, help="Cut-off for recall@k."
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
def evaluate_command(
    questions: Path | None,
    corpus: Path | None,
    no_cache: bool,
    retriever: str,
    k: int,
    json_path: Path | None,
    plot_path: Path | None,
    misses: bool,
) -> None:
    """Measure accuracy on a question set (default: the shipped set on the bundled article).

    QUESTIONS is a JSON Lines file ({"id", "question", "evidence", "history", "answerable",
    "tags"} per line) or a feedback file written by the chat page.
    """
    from qa_bot.evaluate.shell import run_eval

    with friendly_errors():
        run_eval(questions, corpus, retriever, k, json_path, plot_path, misses, not no_cache)


@main.command()
@click.argument("path", type=click.Path(path_type=Path))
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Save the index here (default: the cache folder, keyed by content).",
)
def index(path: Path, out: Path | None) -> None:
    """Build (or check) the saved index of the corpus at PATH and say what was done."""
    import time

    started = time.perf_counter()
    if out is None:
        bot = load_bot(path, DEFAULT_RETRIEVER, 5)
    else:
        bot = load_bot(path, DEFAULT_RETRIEVER, 5, no_cache=True)
        with friendly_errors():
            bot.save(out)
        bot.index_status = f"built and saved to {out}"
    seconds = time.perf_counter() - started
    click.echo(
        f"{len(bot.documents)} document(s), {len(bot.passages)} passages; "
        f"index {bot.index_status} in {seconds:.2f} s"
    )


def _sizes(ctx: click.Context, param: click.Parameter, value: str) -> tuple[int, ...]:
    from qa_bot.bench import parse_sizes

    try:
        return parse_sizes(value)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


@main.command()
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
@click.option("--seed", type=int, default=0, show_default=True, help="Generated corpora's seed.")
def bench(
    corpus: Path | None,
    sizes: tuple[int, ...],
    queries: int,
    json_path: Path | None,
    plot_path: Path | None,
    timeout: float,
    baselines: bool,
    seed: int,
) -> None:
    """Speed and memory on generated corpora (or --corpus) against rank-bm25 and bm25s.

    Every corpus runs in its own process, one thread: build time, index size, load time,
    peak memory, search p50/p99, batch throughput and ask() p50, with the targets.
    """
    from qa_bot.bench import BenchOptions, run_bench

    options = BenchOptions(sizes, corpus, queries, seed, timeout, baselines)
    with friendly_errors():
        run_bench(options, click.echo, json_path, plot_path)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
