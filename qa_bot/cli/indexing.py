"""`qa-bot index`: build (or check) the saved index of a corpus, or sync it into Milvus."""

from __future__ import annotations

from pathlib import Path

import click

from qa_bot.cli.options import friendly_errors, load_bot, milvus_options
from qa_bot.defaults import DEFAULT_K, DEFAULT_RETRIEVER


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
