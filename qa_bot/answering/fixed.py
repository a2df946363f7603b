"""A changelog's "Fixed" entries describe behaviour that is gone.

"trash empty deleted files without asking for confirmation." under "Fixed" says what a
bug did, not what the program does: for "How can I empty the trash without being asked
to confirm?" it is the wrong answer, however many of the question's words it repeats.
Such passages rank at FIXED_SHARE of their score, unless the question asks about bugs,
fixes or releases.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from qa_bot.documents.structure import SECTION_SEPARATOR
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.retrieval import Hit, best_first

FIXED_SHARE = 0.5
_FIXED_HEADING = re.compile(
    r"^\s*(?:bug\s*fix(?:es)?|fix(?:es|ed)|fixed\s+bugs|bugs?\s+fixed|resolved\s+issues)\s*:?\s*$",
    re.IGNORECASE,
)
_ASKS_ABOUT_FIXES = re.compile(
    r"\b(?:fix(?:es|ed)?|bugs?|crash(?:es|ed)?|broke|broken|regressions?|versions?"
    r"|releases?|released|changelog|upgrad(?:e|ed|ing)|still|anymore|no\s+longer)\b",
    re.IGNORECASE,
)


def is_fixed_entry(headings: Sequence[str]) -> bool:
    """The passage is under a "Fixed" / "Bug fixes" heading."""
    return bool(headings) and bool(_FIXED_HEADING.match(headings[-1]))


def _fixed_section(section: str) -> bool:
    """is_fixed_entry of a section path ("2.3.1 › Fixed"), its last heading only read."""
    return bool(section) and is_fixed_entry((section.rsplit(SECTION_SEPARATOR, 1)[-1],))


def rerank(question: str, hits: Sequence[Hit], index: CorpusIndex) -> list[Hit]:
    """The hits with "Fixed" entries lowered, unless the question asks about fixes."""
    if _ASKS_ABOUT_FIXES.search(question):
        return list(hits)
    return best_first(
        Hit(hit.position, hit.score * FIXED_SHARE)
        if _fixed_section(index.section(hit.position))
        else hit
        for hit in hits
    )
