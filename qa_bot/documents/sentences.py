"""Split text into sentences, as character spans (so quotes stay verbatim).

A fenced code block (``` … ```) is no sentence: it is never quoted as the answer, and when
a long passage is cut it is kept whole, as one unit, with the sentences around it.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? or … (plus closing quotes/brackets), before white space and
# the start of a new sentence (a capital, a digit or an opening quote/bracket).
_BOUNDARY = re.compile(r"(?<=[.!?…])([\"'”’)\]]*)\s+(?=[\"'“‘(\[]?[A-Z0-9À-Ý])")
_ABBREVIATIONS = frozenset(
    "e.g i.e etc vs cf al approx dr mr mrs ms prof inc ltd co fig no st jr sr u.s".split()
)


FENCED = re.compile(r"^[ \t]{0,3}(```+|~~~+)[^\n]*\n(?:.*?\n)??[ \t]{0,3}\1[ \t]*$", re.M | re.S)


def sentence_spans(
    text: str, start: int = 0, end: int | None = None, *, code: bool = False
) -> list[tuple[int, int]]:
    """Sentences of text[start:end] as (start, end) offsets into `text`, trimmed of spaces.

    Fenced code blocks are left out, or with `code` are units of their own."""
    stop = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for fence in FENCED.finditer(text, start, stop):
        spans.extend(_prose(text, cursor, fence.start()))
        if code:
            spans.append((fence.start(), fence.end()))
        cursor = fence.end()
    spans.extend(_prose(text, cursor, stop))
    return spans


def _prose(text: str, start: int, stop: int) -> list[tuple[int, int]]:
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
