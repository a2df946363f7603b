"""`qa-bot ask` (one answer, or a chat in the terminal) and `qa-bot search`."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import click

from qa_bot.answering.answer import Answer, plain_lines, where
from qa_bot.answering.relevance import relevance
from qa_bot.cli.options import (
    corpus_option,
    friendly_errors,
    k_option,
    load_bot,
    milvus_options,
    retriever_option,
)
from qa_bot.errors import QABotError


@click.command()
@click.argument("question", required=False)
@corpus_option
@retriever_option
@k_option
@milvus_options
@click.option("--json", "as_json", is_flag=True, help="Print Answer.to_dict() as JSON.")
def ask(
    question: str | None,
    corpus: Path | None,
    no_cache: bool,
    retriever: str,
    k: int,
    milvus: str | None,
    collection: str,
    as_json: bool,
) -> None:
    """Answer QUESTION with cited quotes; with no QUESTION, chat in the terminal."""
    if question is not None:
        one_question()
    bot = load_bot(corpus, retriever, k, no_cache, milvus, collection)
    if question is not None:
        with friendly_errors():
            answer = bot.ask(question)
        _print_answer(answer, as_json)
        return
    _terminal_chat(bot, as_json)


def one_question() -> None:
    """This process answers one question: the numpy kernel, no numba import (see compiled)."""
    from qa_bot.retrieval.compiled import numpy_only

    numpy_only()


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
        except QABotError as err:
            click.secho(f"Error: {err}", fg="red", err=True)
            continue
        _print_answer(answer, as_json)
        history.append(question)
        click.echo()


STYLES: dict[str, dict[str, Any]] = {
    "answer": {"bold": True},
    "note": {"fg": "yellow"},
    "heading": {"dim": True},
    "source": {"fg": "cyan"},
    "related": {"dim": True},
}


def _print_answer(answer: Answer, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(answer.to_dict(), ensure_ascii=False, indent=2))
        return
    for text, role in plain_lines(answer):
        click.secho(text, **STYLES.get(role, {}))


@click.command()
@click.argument("query")
@corpus_option
@retriever_option
@k_option
@milvus_options
@click.option("--source", "source_prefix", help="Only passages of sources starting with this.")
@click.option("--json", "as_json", is_flag=True, help="Print the ranked passages as JSON.")
def search(
    query: str,
    corpus: Path | None,
    no_cache: bool,
    retriever: str,
    k: int,
    milvus: str | None,
    collection: str,
    source_prefix: str | None,
    as_json: bool,
) -> None:
    """List the passages that best match QUERY, with their scores."""
    one_question()
    bot = load_bot(corpus, retriever, k, no_cache, milvus, collection)
    with friendly_errors():
        understood, hits = bot.rank(query, source_prefix=source_prefix)
        scored = relevance(understood, hits, bot.engine, bot.settings)
    rows = [(bot.passages[r.position], r) for r in scored]
    if as_json:
        data = [
            {
                "rank": n,
                "score": round(r.score, 6),
                "bm25": round(r.bm25, 6),
                "coverage": round(r.coverage, 4),
                "cue": r.cue,
                **p.to_dict(),
            }
            for n, (p, r) in enumerate(rows, start=1)
        ]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"No passage matches {query!r}.")
    for rank, (passage, r) in enumerate(rows, start=1):
        # the raw BM25 score, and the share of the query the passage covers (the cue
        # reads the same on every query; the hybrid's fused score always starts at 1.0)
        line = f"{rank}. bm25 {r.bm25:.2f}  covers {r.coverage:.0%} ({r.cue})  {where(passage)}"
        click.secho(line, fg="cyan")
        click.echo(textwrap.indent(passage.text, "    "))
