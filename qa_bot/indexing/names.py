"""The corpus's named terms: words it capitalises mid-sentence most of the time ("OpenAI",
"Transformer") plus the canonical terms of mined aliases — the subjects a follow-up
question keeps ("And their weaknesses?")."""

from __future__ import annotations

from qa_bot.indexing.mentions import Mentions
from qa_bot.text.analyzer import Analyzer

NAMED_SHARE = 0.7  # a term is a name when capitalised this often mid-sentence
NAMED_MIN = 2  # … and seen there at least this often


def names(analyzer: Analyzer, mentions: Mentions) -> frozenset[str]:
    seen, upper = mentions.seen, mentions.capitalised
    found = {t for t, n in seen.items() if n >= NAMED_MIN and upper[t] >= NAMED_SHARE * n}
    return frozenset(found | set(analyzer.aliases.values()))
