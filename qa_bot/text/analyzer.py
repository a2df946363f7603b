"""The one analyzer every retriever shares: words → normalised, stemmed terms.

Unicode-aware case folding, stop words, Snowball stemming, hyphenated compounds
("self-attention" → self, attention, selfattention), possessives ("LLM's" → llm),
plural acronyms ("LLMs" → llm) and corpus-mined aliases ("large language model" → llm).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from typing import Any

import Stemmer

from qa_bot.text.phrases import Phrases

# The NLTK/Snowball English stop list (negations kept out: "not" changes a question).
STOP_WORDS = frozenset(
    """
    a about above after again against all am an and any are aren as at be because been
    before being below between both but by can could couldn did didn do does doesn doing
    don down during each few for from further had hadn has hasn have haven having he her
    here hers herself him himself his how i if in into is isn it its itself just ll m ma
    me might more most must mustn my myself needn now o of off on once only or other our
    ours ourselves out over own re s same shan she should shouldn so some such t than that
    the their theirs them themselves then there these they this those through to too under
    until up upon us ve very was wasn we were weren what when where which while who whom
    why will with won would wouldn y you your yours yourself yourselves also etc e g ie eg
    """.split()
    # the same contractions typed without their apostrophe ("whats", "dont"), which a
    # question reads as the apostrophe's two stop words ("what" "s", "don" "t")
    + """
    whats thats heres theres whos hows wheres whens whys im ive youre youve youll youd
    theyre theyve weve hes shes isnt arent wasnt werent dont doesnt didnt cant couldnt
    wouldnt shouldnt wont hasnt havent hadnt
    """.split()
)

# a word as the analyzer reads it: letters/digits, joined by hyphens, apostrophes, dots…
WORD = re.compile(r"[^\W_]+(?:[-‐‑'’.·/][^\W_]+)*")
_JOINERS = re.compile(r"[-‐‑.·/]")
_APOSTROPHE = re.compile(r"['’]")
_PLURAL_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]+s$")
_STEMMER = Stemmer.Stemmer("english")


@dataclass(frozen=True)
class Token:
    """A term and the span of text it came from."""

    term: str
    start: int
    end: int


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return str(_STEMMER.stemWord(word))


def stem_all(words: list[str]) -> list[str]:
    """The stems of many words at once (faster than one by one)."""
    return [str(s) for s in _STEMMER.stemWords(words)]


def normalize(word: str) -> str:
    """Case-fold and compatibility-normalise one word; strip plural acronyms' s."""
    if _PLURAL_ACRONYM.match(word):
        word = word[:-1]
    return unicodedata.normalize("NFKC", word).casefold()


def words(text: str) -> list[tuple[str, int, int]]:
    """Normalised words with spans: compounds yield their parts and the joined form."""
    out: list[tuple[str, int, int]] = []
    for match in WORD.finditer(text):
        raw = _APOSTROPHE.split(match.group())[0]  # "LLM's" → "LLM", "aren't" → "aren"
        start = match.start()
        parts = _JOINERS.split(raw)
        offset = start
        for part in parts:
            offset = text.index(part, offset)
            out.append((normalize(part), offset, offset + len(part)))
            offset += len(part)
        if len(parts) > 1:
            out.append(("".join(normalize(p) for p in parts), start, start + len(raw)))
    return out


def word_forms(raw: str) -> list[str]:
    """The normalised words of one WORD match: `words(raw)` without spans."""
    if raw.isascii() and raw.isalnum():  # a plain word: no compound parts to split
        return [normalize(raw)]
    return [word for word, _, _ in words(raw)]


@dataclass(frozen=True)
class Analyzer:
    """Text → terms. `aliases` maps a stemmed phrase to its canonical term; `short_forms`
    maps a shortened name ("language model") to the name's term, for questions only (no
    passage holds one outside the full name: see indexing.short_forms)."""

    aliases: dict[tuple[str, ...], str] = field(default_factory=dict)
    short_forms: dict[tuple[str, ...], str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for phrase, canonical in (*self.aliases.items(), *self.short_forms.items()):
            if not (isinstance(phrase, tuple) and phrase and isinstance(canonical, str)):
                raise ValueError(
                    f"an alias maps a non-empty tuple of terms to a term, got {phrase!r}: "
                    f"{canonical!r}"
                )

    @cached_property
    def phrases(self) -> Phrases[str]:
        """The alias phrases as a trie (built once, on first use)."""
        return Phrases.of(self.aliases)

    def __call__(self, text: str) -> list[str]:
        """The terms of a text (the fast path, without spans; equal to `tokens`' terms)."""
        terms: list[str] = []
        for raw in WORD.findall(text):
            terms.extend(word_terms(raw))
        if not self.aliases:
            return terms
        return self.phrases.replace(terms)

    def tokens(self, text: str) -> list[Token]:
        """The terms of a text with the span each came from."""
        base = [
            Token(stem(word), start, end)
            for word, start, end in words(text)
            if word not in STOP_WORDS
        ]
        return _joined(base, self.phrases) if self.aliases else base

    @cached_property
    def short_phrases(self) -> Phrases[str]:
        """The shortened names as a trie (built once, on first use)."""
        return Phrases.of(self.short_forms)

    def read_short_forms(self, tokens: list[Token]) -> list[Token]:
        """A question's tokens with each shortened name among them read as the name's
        term, as an alias phrase is ("language models" → llm)."""
        return _joined(tokens, self.short_phrases) if self.short_forms else tokens

    def state(self) -> dict[str, Any]:
        """The analyzer as JSON-ready lists (what an index saves of it)."""
        return {
            "aliases": [[list(k), v] for k, v in self.aliases.items()],
            "short_forms": [[list(k), v] for k, v in self.short_forms.items()],
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> Analyzer:
        """The analyzer `state` describes (an older one without short forms too)."""
        return cls(
            {tuple(k): v for k, v in state["aliases"]},
            {tuple(k): v for k, v in state.get("short_forms", [])},
        )

    @cached_property
    def phrase_words(self) -> dict[str, tuple[str, ...]]:
        """Each term of an alias phrase → the canonical terms of the phrases it is part of
        ("adversari" → ("gan",)): a word the index only ever saw inside a phrase."""
        members: dict[str, list[str]] = {}
        for phrase, canonical in self.aliases.items():
            for term in phrase:
                found = members.setdefault(term, [])
                if canonical not in found:
                    found.append(canonical)
        return {term: tuple(found) for term, found in members.items()}

    def term(self, word: str) -> str | None:
        """The term of a single normalised word, or None for a stop word."""
        if word in STOP_WORDS:
            return None
        return self.aliases.get((stem(word),), stem(word))

    def phrase_starts(self) -> frozenset[str]:
        """The terms an alias phrase can open with."""
        return frozenset(self.phrases.first)


def _joined(tokens: list[Token], phrases: Phrases[str]) -> list[Token]:
    """The tokens with each phrase of `phrases` among them (longest first, left to right)
    replaced by one token of its canonical term, spanning the phrase's words."""
    out: list[Token] = []
    done = 0
    for match in phrases.matches([t.term for t in tokens]):
        out.extend(tokens[done : match.start])
        last = match.start + match.size - 1
        out.append(Token(match.canonical, tokens[match.start].start, tokens[last].end))
        done = last + 1
    out.extend(tokens[done:])
    return out


@lru_cache(maxsize=500_000)
def word_terms(raw: str) -> tuple[str, ...]:
    """The terms of one word match (cached: a corpus repeats its words)."""
    return tuple(stem(word) for word, _, _ in words(raw) if word not in STOP_WORDS)
