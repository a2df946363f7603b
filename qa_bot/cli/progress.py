"""What the terminal shows while a corpus folder loads: a progress bar and a load report.

Both go to stderr, so that stdout (answers, --json) stays clean.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from click._termui_impl import ProgressBar


@contextmanager
def progress_bar(
    enabled: bool, label: str = "Reading files"
) -> Iterator[Callable[[int, int], None] | None]:
    """A progress(done, total) callback drawing a bar on stderr, if stderr is a terminal.

    Yields None (no callback) when disabled or when stderr is redirected.
    """
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    with ExitStack() as stack:
        bars: list[ProgressBar[int]] = []  # created at the first call, once total is known

        def progress(done: int, total: int) -> None:
            if not bars:
                bar = click.progressbar(length=total, label=label, file=sys.stderr)
                bars.append(stack.enter_context(bar))
            bars[0].update(done - bars[0].pos)

        yield progress


def report_load(bot: Any) -> None:
    """'indexed N files (M passages); skipped K:' then '  path: reason' per skipped file."""
    files, passages, skipped = len(bot.documents), len(bot.passages), bot.skipped
    line = f"indexed {_count(files, 'file')} ({_count(passages, 'passage')})"
    click.echo(f"{line}; skipped {len(skipped)}:" if skipped else line, err=True)
    for item in skipped:
        click.echo(f"  {item.path}: {item.reason}", err=True)


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"
