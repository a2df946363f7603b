"""Progress over stages of work: one bar for the phases of indexing a corpus.

Indexing a folder is chunking every document (and finding boilerplate), then counting the
passages' terms, then weighing them; each reports `progress(done, total)` on its own
scale. `staged` maps one phase onto its share of a common scale of STEPS, so a bar moves
through every phase and never sits near its end while a slow phase runs.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[int, int], None]  # progress(done, total)

STEPS = 1000


def staged(progress: Progress | None, start: int, end: int) -> Progress | None:
    """A progress callback of one phase, reported as steps start…end of STEPS."""
    if progress is None:
        return None
    if not 0 <= start <= end <= STEPS:
        raise ValueError(f"a stage is 0 <= start <= end <= {STEPS}, not {start}…{end}")
    outer = progress

    def report(done: int, total: int) -> None:
        outer(start + (end - start) * min(done, total) // max(total, 1), STEPS)

    return report
