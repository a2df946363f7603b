"""Shared pieces of the command line: options, friendly errors, loading the bot."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click

from qa_bot.cli.progress import progress_bar, report_load
from qa_bot.defaults import DEFAULT_K, DEFAULT_RETRIEVER, MAX_K, RETRIEVERS
from qa_bot.errors import QABotError

CORPUS_HELP = (
    "A document (.txt, .md, .rst, .html, .pdf, .docx) or a folder of them; unusable files of "
    "a folder are skipped and listed (default: the bundled article)."
)


@contextmanager
def friendly_errors() -> Iterator[None]:
    """qa_bot's errors (bad input, unusable files) and OS errors become a one-line
    message and exit code 1, never a traceback; anything else is a bug and says so."""
    try:
        yield
    except (QABotError, OSError) as err:
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
        type=click.IntRange(1, MAX_K),
        default=DEFAULT_K,
        show_default=True,
        help="How many passages to retrieve.",
    )(func)


def milvus_options(func: Callable[..., Any]) -> Callable[..., Any]:
    """--milvus URI [--collection NAME] (token from $MILVUS_TOKEN, never the command line)."""
    func = click.option(
        "--collection",
        default="qa_bot",
        show_default=True,
        help="The Milvus collection (with --milvus).",
    )(func)
    return click.option(
        "--milvus",
        metavar="URI",
        help="Search a Milvus collection: qa.db (embedded Milvus Lite) or http://HOST:19530 "
        "(a server; auth token from $MILVUS_TOKEN). With --corpus (or `index PATH`) the "
        "files are indexed into it first, incrementally; without, it is opened as it is.",
    )(func)


def load_bot(
    corpus: Path | None,
    retriever: str,
    k: int,
    no_cache: bool = False,
    milvus: str | None = None,
    collection: str = "qa_bot",
) -> Any:
    """The bundled article, or the --corpus (its index saved and reused unless --no-cache);
    with --milvus, the collection (the --corpus indexed into it first, when given)."""
    import os

    from qa_bot.bot import QABot

    token = os.environ.get("MILVUS_TOKEN") or None
    with friendly_errors():
        if corpus is None and milvus is not None:
            return QABot.from_milvus(milvus, collection, token, retriever=retriever, k=k)
        if corpus is None:
            return QABot.default(retriever=retriever, k=k)
        folder = corpus.is_dir()
        with (
            progress_bar(folder) as progress,
            progress_bar(folder or milvus is not None, "Indexing passages") as indexing,
        ):
            bot = QABot.from_path(
                corpus,
                retriever=retriever,
                k=k,
                progress=progress,
                cache=not no_cache,
                index_progress=indexing,
                milvus=milvus,
                collection=collection,
                token=token,
            )
    if folder or bot.skipped:
        report_load(bot)
    return bot
