"""The evaluation plot: hit@k for k = 1..10 per retriever, and the abstention trade-off."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from qa_bot.errors import MissingExtraError
from qa_bot.evaluate.calibrate import OperatingPoint
from qa_bot.evaluate.summary import Summary


def save_plot(
    path: Path, summaries: Sequence[Summary], points: dict[str, list[OperatingPoint]]
) -> None:
    """Write a PNG; needs matplotlib (pip install 'qa-bot[plot]')."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise MissingExtraError("--plot", "plot") from None
    figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    for summary in summaries:
        ks = range(1, len(summary.hit_at) + 1)
        left.plot(ks, summary.hit_at, marker="o", label=summary.retriever)
    left.set(xlabel="k", ylabel="hit@k", title="Right passage within the top k", ylim=(0, 1.02))
    left.legend()
    for name, series in points.items():
        right.plot(
            [p.coverage for p in series],
            [p.correct_refusals for p in series],
            marker=".",
            label=name,
        )
    right.set(
        xlabel="coverage (answerable questions answered)",
        ylabel="unanswerable questions refused",
        title="Abstention trade-off",
        xlim=(0, 1.02),
        ylim=(0, 1.02),
    )
    right.legend()
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
