"""`qa-bot chat`: the chat web page, started on a bot and a free port."""

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
