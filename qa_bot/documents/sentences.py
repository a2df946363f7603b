"""Split text into sentences, as character spans (so quotes stay verbatim)."""

from __future__ import annotations

import re

# A sentence ends at . ! ? or … (plus closing quotes/brackets), before white space and
# the start of a new sentence (a capital, a digit or an opening quote/bracket).
_BOUNDARY = re.compile(r"(?<=[.!?…])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9À-Ý])")
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs cf al approx dr mr mrs ms prof inc ltd co fig no st jr sr u.s".split()
)


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as (start, end) offsets into `text`, trimmed of spaces."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _BOUNDARY.finditer(text, start, stop):
        if _after_abbreviation(text, cursor, match.start()):
            continue
        spans.append((cursor, match.start() + len(match.group(1))))  # closers stay
        cursor = match.end()
    spans.append((cursor, stop))
    return [_trim(text, a, b) for a, b in spans if text[a:b].strip()]


def _after_abbreviation(text: str, start: int, boundary: int) -> bool:
    """True when the period before `boundary` ends an abbreviation such as "e.g." or "vs."."""
    head = text[start:boundary].rstrip("\"'”’)]")
    if not head.endswith("."):
        return False
    word = head[:-1].rsplit(None, 1)[-1].lstrip("(\"'“‘[").lower() if head[:-1].strip() else ""
    return word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha())


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
