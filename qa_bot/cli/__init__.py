"""The `qa-bot` command line: ask, search, chat (web page), eval, index, bench. Never
imports Gradio except for `chat`, which starts the web page."""

from __future__ import annotations

import click

from qa_bot.cli.answering import ask, search
from qa_bot.cli.benchmarking import bench
from qa_bot.cli.evaluation import evaluate_command
from qa_bot.cli.indexing import index
from qa_bot.cli.serving import chat


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
    qa-bot index notes/                    build (or reuse) the saved index of a folder
    qa-bot bench --sizes 1k,10k            speed side by side with rank-bm25 and bm25s
    """


for command in (ask, search, chat, evaluate_command, index, bench):
    main.add_command(command)
