"""Deterministic synthetic corpora for benchmarks: Markdown documents of ~100-word passages.

Words follow Zipf's law over a ranked vocabulary: common English stop words at the top
ranks (so the analyzer has something to drop), then generated, pronounceable words whose
length grows with their rank, as in natural language. Each document has a title, "## "
sections and ~20 passages (paragraphs and some bullet items) of sentences with capitals,
commas and full stops. Sampling and rendering are vectorised (text is assembled as bytes)
and done in chunks, each with its own generator seeded by (seed, chunk number).
Queries are 3–8 words: a question opener of stop words, then 2–6 distinct content words of
one passage (a mix of frequent and rare words), so nearly every query has matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from qa_bot.documents.loading import Document
from qa_bot.text.analyzer import STOP_WORDS, words

VOCABULARY_SIZE = 400_000  # content words; a 1M-passage corpus meets most of them
ZIPF_EXPONENT = 1.0
PASSAGES_PER_DOCUMENT = 20
PASSAGE_WORDS = (100, 12, 60, 118)  # mean, standard deviation, min, max (chunker splits >120)
SENTENCE_END = 1 / 13  # chance a word ends its sentence (sentences average ~13 words)
COMMA = 0.06
BULLET = 0.15  # share of passages written as bullet items
SECTION_PASSAGES = (3, 7)  # passages per "## " section: [low, high)
NAME_RANKS = 20_000  # titles and headings use the more common content words
CHUNK = 10_000  # passages sampled at once
OPENERS = ("what is", "what are the", "how does", "how do", "why is", "which", "when did", "how")
_COMMON = """the of and to a in is that for it as was with be by on are this at from or have
an they which you were their has would there been all can more if its but we also other into
these such only when some than between about after so most"""
STOP_RANKED = tuple(w for w in _COMMON.split() if w in STOP_WORDS)
_ONSETS = "b c d f g h j k l m n p r s t v w z br cr dr fl gr pl pr st tr ch sh th sn".split()
_NUCLEI = "a e i o u a e i o ai ea ou oo ie".split()
_CODAS = ["", "", "", "n", "r", "l", "t", "m", "k", "nd", "x"]


@dataclass(frozen=True)
class SyntheticCorpus:
    """Generated documents (by source) and questions that have matches in them."""

    documents: dict[str, Document]
    queries: list[str]


def vocabulary(seed: int = 0, size: int = VOCABULARY_SIZE) -> tuple[str, ...]:
    """The ranked vocabulary: stop words first, then `size` distinct generated words."""
    rng = np.random.default_rng([seed, 1])
    syllables = [o + n + c for o in _ONSETS for n in dict.fromkeys(_NUCLEI) for c in _CODAS]
    parts = np.array(["", *syllables], dtype=object)
    found = dict.fromkeys(rng.permutation(syllables).tolist())
    while len(found) < size + len(STOP_WORDS):
        first, second, third = rng.integers(1, len(parts), size=(3, size))
        third[rng.random(size) < 0.7] = 0  # most words have two syllables, some three
        found.update(dict.fromkeys((parts[first] + parts[second] + parts[third]).tolist()))
    content = [w for w in found if len(w) > 2 and w not in STOP_WORDS][:size]
    return STOP_RANKED + tuple(sorted(content, key=len))  # stable: short words are common


def zipf_ranks(rng: np.random.Generator, count: int, size: int, exponent: float) -> np.ndarray:
    """`count` ranks in [0, size) with P(rank r) ≈ (r + 1)^-exponent (inverse-CDF sampling)."""
    u = rng.random(count)
    top = float(size + 1)
    if abs(exponent - 1.0) < 1e-9:
        x = np.power(top, u)
    else:
        a = 1.0 - exponent
        x = np.power(1.0 + u * (top**a - 1.0), 1.0 / a)
    return np.minimum(x.astype(np.int64) - 1, size - 1)


@dataclass(frozen=True)
class Lexicon:
    """The ranked vocabulary, also as zero-padded rows of ASCII bytes to render text: each
    row has two spare columns, for a punctuation mark and a separator."""

    words: tuple[str, ...]
    rows: np.ndarray  # uint8

    @classmethod
    def of(cls, words: tuple[str, ...]) -> Lexicon:
        width = max(map(len, words))
        rows = np.zeros((len(words), width + 2), dtype=np.uint8)
        rows[:, :width] = np.array(words, dtype=f"S{width}").view(np.uint8).reshape(-1, width)
        return cls(words, rows)

    def render(
        self, ids: np.ndarray, marks: np.ndarray, capital: np.ndarray, breaks: np.ndarray
    ) -> str:
        """Words `ids`, capitalised where `capital`, each followed by its mark (b"." or
        b"," or 0 for none) and a space, or a line break where `breaks`."""
        grid = self.rows[ids]
        grid[capital, 0] -= 32  # ASCII lower → upper case
        grid[:, -2] = marks
        grid[:, -1] = np.where(breaks, ord("\n"), ord(" "))
        return str(grid.tobytes().translate(None, b"\x00").decode("ascii"))


_LEXICONS: dict[tuple[int, int], Lexicon] = {}


def lexicon(seed: int = 0, size: int = VOCABULARY_SIZE) -> Lexicon:
    """The vocabulary of (seed, size), made once per process."""
    if (seed, size) not in _LEXICONS:
        _LEXICONS.clear()
        _LEXICONS[seed, size] = Lexicon.of(vocabulary(seed, size))
    return _LEXICONS[seed, size]


def generate(
    passages: int,
    queries: int = 100,
    seed: int = 0,
    vocabulary_size: int = VOCABULARY_SIZE,
    exponent: float = ZIPF_EXPONENT,
) -> SyntheticCorpus:
    """A corpus of exactly `passages` passages in ⌈passages / 20⌉ documents, and queries."""
    if passages < 1:
        raise ValueError(f"a corpus needs at least one passage, got {passages}")
    lex = lexicon(seed, vocabulary_size)
    targets = np.sort(
        np.random.default_rng([seed, 2]).choice(passages, size=queries, replace=queries > passages)
    )
    documents: dict[str, Document] = {}
    found: list[str] = []
    for first in range(0, passages, CHUNK):
        count = min(CHUNK, passages - first)
        rng = np.random.default_rng([seed, 3, first // CHUNK])
        lengths, ids, texts = _passages(rng, lex, count, exponent)
        for doc in _documents(rng, lex, first, texts):
            documents[doc.source] = doc
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        for index in (targets[(targets >= first) & (targets < first + count)] - first).tolist():
            found.append(_query(rng, lex, ids[offsets[index] : offsets[index + 1]]))
    order = np.random.default_rng([seed, 4]).permutation(len(found))
    return SyntheticCorpus(documents, [found[i] for i in order.tolist()])


def _passages(
    rng: np.random.Generator, lex: Lexicon, count: int, exponent: float
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Word counts, word ids and texts of `count` passages."""
    mean, spread, low, high = PASSAGE_WORDS
    lengths = np.clip(np.rint(rng.normal(mean, spread, count)), low, high).astype(np.int64)
    total = int(lengths.sum())
    ids = zipf_ranks(rng, total, len(lex.words), exponent)
    last = np.zeros(total, dtype=bool)
    last[np.cumsum(lengths) - 1] = True
    stop = (rng.random(total) < SENTENCE_END) | last
    marks = np.where(rng.random(total) < COMMA, ord(","), 0).astype(np.uint8)
    marks[stop] = ord(".")
    capital = np.concatenate([[True], stop[:-1]])
    texts = lex.render(ids, marks, capital, last).split("\n")[:-1]
    return lengths, ids, texts


def _documents(
    rng: np.random.Generator, lex: Lexicon, first: int, texts: list[str]
) -> list[Document]:
    """Documents of 20 passages (from passage number `first`), titled, in sections."""
    sizes = rng.integers(*SECTION_PASSAGES, size=len(texts)).tolist()
    bullets = (rng.random(len(texts)) < BULLET).tolist()
    names = _Names(rng, lex, len(texts))
    docs = []
    for lo in range(0, len(texts), PASSAGES_PER_DOCUMENT):
        hi = min(lo + PASSAGES_PER_DOCUMENT, len(texts))
        title = names.take(int(rng.integers(2, 6)))
        parts, section = [f"# {title}"], lo
        for position in range(lo, hi):
            if position == section:
                parts.append(f"## {names.take(1 + position % 4)}")
                section += sizes[position]
            parts.append(f"- {texts[position]}" if bullets[position] else texts[position])
        source = f"synthetic/doc{(first + lo) // PASSAGES_PER_DOCUMENT:07d}.md"
        text = "\n\n".join(parts) + "\n"
        docs.append(Document(source=source, title=title, text=text, format="markdown"))
    return docs


class _Names:
    """Title Case names drawn from the more common content words, a pool at a time."""

    def __init__(self, rng: np.random.Generator, lex: Lexicon, passages: int) -> None:
        ranks = len(STOP_RANKED) + zipf_ranks(rng, passages * 2, NAME_RANKS, 0.8)
        self.words = [lex.words[r].capitalize() for r in ranks.tolist()]
        self.next = 0

    def take(self, count: int) -> str:
        picked = self.words[self.next : self.next + count]
        self.next = (self.next + count) % max(1, len(self.words) - 8)
        return " ".join(picked)


def _query(rng: np.random.Generator, lex: Lexicon, ids: np.ndarray) -> str:
    content = np.unique(ids[ids >= len(STOP_RANKED)])
    return _question(rng, [lex.words[i] for i in content.tolist()])


def _question(rng: np.random.Generator, content: list[str]) -> str:
    """An opener and 2–6 distinct words of `content`, at most 8 words in all."""
    opener = OPENERS[int(rng.integers(len(OPENERS)))]
    room = min(6, 8 - len(opener.split()), len(content))
    count = int(rng.integers(min(2, room), room + 1))
    picked = rng.choice(len(content), size=count, replace=False).tolist()
    return f"{opener} {' '.join(content[i] for i in picked)}?".capitalize()


def queries_from_texts(texts: Sequence[str], count: int, seed: int = 0) -> list[str]:
    """Questions in the same style from the words of real passages (e.g. a user's corpus)."""
    rng = np.random.default_rng([seed, 5])
    found = []
    for index in rng.integers(0, len(texts), size=count).tolist():
        content = dict.fromkeys(
            w for w, _, _ in words(texts[index]) if w.isalpha() and w not in STOP_WORDS
        )
        found.append(_question(rng, list(content)) if content else texts[index][:80])
    return found
