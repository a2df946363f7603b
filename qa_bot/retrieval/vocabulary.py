"""Feature vocabularies ({term: column}) written as line files: one term a line, in column
order (terms hold no line breaks), so a saved index needs no pickle."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path


def ordered(vocabulary: Mapping[str, int]) -> list[str]:
    """The terms in column order."""
    return sorted(vocabulary, key=vocabulary.__getitem__)


def positions(terms: Sequence[str]) -> dict[str, int]:
    return dict(zip(terms, range(len(terms)), strict=True))


def write_lines(path: Path, items: Sequence[str]) -> int:
    """One item a line; how many were written."""
    if any("\n" in item for item in items):
        raise ValueError(f"{path.name}: an item holds a line break")
    path.write_text("\n".join(items), encoding="utf-8")
    return len(items)


def read_lines(path: Path, count: int) -> list[str]:
    """The lines written by write_lines; ValueError unless there are `count` of them."""
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n") if text else []
    if len(lines) != count:
        raise ValueError(f"{path}: {len(lines)} lines, {count} expected")
    return lines


def write_terms(path: Path, vocabulary: Mapping[str, int]) -> int:
    return write_lines(path, ordered(vocabulary))


def read_terms(path: Path, count: int) -> dict[str, int]:
    return positions(read_lines(path, count))
