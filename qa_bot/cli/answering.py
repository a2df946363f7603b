"""`qa-bot ask` (one answer, or a chat in the terminal) and `qa-bot search`."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import click

from qa_bot.answering.answer import Answer, where
from qa_bot.cli.options import (
    corpus_option,
    friendly_errors,
    k_option,
    load_bot,
    retriever_option,
)
from qa_bot.errors import QABotError


@click.command()
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
    if question is not None:
        one_question()
    bot = load_bot(corpus, retriever, k, no_cache)
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


@click.command()
@click.argument("query")
@corpus_option
@retriever_option
@k_option
@click.option("--json", "as_json", is_flag=True, help="Print the ranked passages as JSON.")
def search(
    query: str, corpus: Path | None, no_cache: bool, retriever: str, k: int, as_json: bool
) -> None:
    """List the passages that best match QUERY, with their scores."""
    one_question()
    bot = load_bot(corpus, retriever, k, no_cache)
    with friendly_errors():
        _, hits = bot.rank(query)
    rows = [(bot.passages[hit.position], hit.score) for hit in hits]
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
