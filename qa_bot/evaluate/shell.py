"""`qa-bot eval`: load, run, print, write — the I/O around the pure evaluation core."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from qa_bot.bot import QABot
from qa_bot.defaults import RETRIEVERS
from qa_bot.errors import InvalidArgumentError
from qa_bot.evaluate import report
from qa_bot.evaluate.calibrate import sweep
from qa_bot.evaluate.questions import Question, load_questions, missing_evidence
from qa_bot.evaluate.runner import evaluate
from qa_bot.evaluate.summary import by_retriever, by_tag
from qa_bot.paths import bundled_questions


def shipped_questions() -> Path:
    return bundled_questions()


def run_eval(
    questions: Path | None,
    corpus: Path | None,
    retriever: str,
    k: int,
    json_path: Path | None,
    plot_path: Path | None,
    show_misses: bool,
    cache: bool = False,
    bot: QABot | None = None,
) -> None:
    if questions is None and corpus is not None:
        raise InvalidArgumentError("with --corpus, give the question set to evaluate (QUESTIONS)")
    qset = load_questions(questions or shipped_questions())
    if bot is None:
        bot = QABot.from_path(corpus, cache=cache) if corpus is not None else QABot.default()
    for line in qset.skipped:
        click.secho(f"skipped: {line}", fg="yellow", err=True)
    absent = missing_evidence(qset.questions, bot.documents)
    for qid, quote in absent:
        click.secho(
            f"warning: evidence of {qid} not found in the corpus: {quote!r}", fg="yellow", err=True
        )
    every = [name for name in RETRIEVERS if name in bot.engine.retrievers]  # Milvus: no tfidf
    names = every if retriever == "all" else [retriever]
    with _progress(len(qset.questions) * len(names)) as tick:
        outcomes = evaluate(bot, qset.questions, names, k, progress=tick)
    summaries = by_retriever(outcomes)
    tags = by_tag(outcomes)
    points = {name: sweep([o for o in outcomes if o.retriever == name]) for name in names}
    click.echo(f"{len(qset.questions)} questions, {len(bot.passages)} passages, k={k}\n")
    click.echo(report.table(summaries))
    click.echo("\nAnswers by outcome:\n" + report.outcome_table(summaries))
    click.echo("\nBy tag:\n" + report.tag_table(tags))
    click.echo(
        f"\nAbstention ({names[0]}):\n"
        + report.calibration(points[names[0]], bot.settings.min_coverage)
    )
    if show_misses:
        for name in names:
            click.echo(f"\nMisses ({name}):\n" + report.misses(outcomes, name))
    if json_path is not None:
        data = report.to_json(summaries, tags, outcomes, points)
        data["missing_evidence"] = [{"id": i, "quote": q} for i, q in absent]
        json_path.write_text(json.dumps(data, indent=2, ensure_ascii=False), encoding="utf-8")
        click.echo(f"\nwrote {json_path}")
    if plot_path is not None:
        from qa_bot.evaluate.plot import save_plot

        save_plot(plot_path, summaries, points)
        click.echo(f"wrote {plot_path}")


def run_other(
    questions: Path | None,
    corpus: Path | None,
    retriever: str,
    k: int,
    json_path: Path | None,
    plot_path: Path | None,
    beir: Path | None,
    run_path: Path | None,
    all_sets: bool,
) -> None:
    """--beir DIR (with --run) or --all-sets: neither takes a question set or a corpus."""
    if beir is not None and all_sets:
        raise InvalidArgumentError("--beir and --all-sets are separate runs; give one of them")
    if beir is None and run_path is not None:
        raise InvalidArgumentError("--run writes the ranking of --beir DIR; give --beir too")
    given = [
        name
        for name, value in (("QUESTIONS", questions), ("--corpus", corpus), ("--plot", plot_path))
        if value is not None
    ]
    if given:
        what = "--beir" if beir is not None else "--all-sets"
        raise InvalidArgumentError(f"{what} takes no {' or '.join(given)}")
    names = list(RETRIEVERS) if retriever == "all" else [retriever]
    if beir is None:
        from qa_bot.evaluate.sets import run_all_sets

        run_all_sets(names, k, click.echo, json_path)
        return
    from qa_bot.evaluate.beir_shell import run_beir

    def warn(line: str) -> None:
        click.secho(f"warning: {line}", fg="yellow", err=True)

    run_beir(beir, names, click.echo, warn, json_path, run_path)


@contextmanager
def _progress(total: int) -> Iterator[Callable[[Iterable[Question]], Iterable[Question]]]:
    """A progress bar on a terminal; silent otherwise."""
    with click.progressbar(
        length=total, label="evaluating", file=sys.stderr, hidden=not sys.stderr.isatty()
    ) as bar:

        def tick(items: Iterable[Question]) -> Iterable[Question]:
            for item in items:
                yield item
                bar.update(1)

        yield tick
