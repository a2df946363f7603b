"""The trie matcher against the matcher it replaced (copied below as the oracle), on random
term streams and alias sets: overlapping phrases, phrases that are prefixes of others,
single-term aliases, repeated terms."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qa_bot.text.analyzer import STOP_WORDS, Analyzer, Token, stem, words
from qa_bot.text.phrases import Match, Phrases, possible_starts

# --- the oracle: Analyzer._alias_starts/_alias_at/_longest and its loops as of 82058c2 ---


def _alias_starts(aliases: dict[tuple[str, ...], str]) -> dict[str, tuple[int, ...]]:
    lengths: dict[str, set[int]] = {}
    for phrase in aliases:
        lengths.setdefault(phrase[0], set()).add(len(phrase))
    return {t: tuple(sorted(n, reverse=True)) for t, n in lengths.items()}


def _alias_at(
    aliases: dict[tuple[str, ...], str], window: list[str], starts: dict[str, tuple[int, ...]]
) -> tuple[int, str]:
    for size in starts.get(window[0], ()) if window else ():
        canonical = aliases.get(tuple(window[:size])) if len(window) >= size else None
        if canonical is not None:
            return size, canonical
    return 0, ""


def _longest(starts: dict[str, tuple[int, ...]]) -> int:
    return max(starts.get(first, (0,))[0] for first in starts)


def reference_spans(aliases: dict[tuple[str, ...], str], terms: list[str]) -> list[Match]:
    """The old `tokens` loop, as matches."""
    starts = _alias_starts(aliases)
    found, i = [], 0
    while i < len(terms):
        size, canonical = _alias_at(aliases, terms[i : i + _longest(starts)], starts)
        if size:
            found.append(Match(i, size, canonical))
        i += size or 1
    return found


def reference_call(aliases: dict[tuple[str, ...], str], terms: list[str]) -> list[str]:
    """The old `__call__` loop."""
    starts = _alias_starts(aliases)
    longest = _longest(starts)
    if starts.keys().isdisjoint(terms):
        return terms
    out: list[str] = []
    i = 0
    while i < len(terms):
        size, canonical = (0, "")
        if terms[i] in starts:
            size, canonical = _alias_at(aliases, terms[i : i + longest], starts)
        out.append(canonical if size else terms[i])
        i += size or 1
    return out


def reference_tokens(aliases: dict[tuple[str, ...], str], text: str) -> list[Token]:
    """The old `Analyzer.tokens`."""
    base = [Token(stem(w), s, e) for w, s, e in words(text) if w not in STOP_WORDS]
    starts = _alias_starts(aliases)
    out: list[Token] = []
    i = 0
    while i < len(base):
        window = [t.term for t in base[i : i + _longest(starts)]]
        size, canonical = _alias_at(aliases, window, starts)
        if size:
            out.append(Token(canonical, base[i].start, base[i + size - 1].end))
        else:
            out.append(base[i])
        i += size or 1
    return out


# --- random alias sets and streams over a small alphabet, so that phrases overlap ---

TERMS = st.sampled_from(["a", "b", "c", "d", "e"])
PHRASE = st.lists(TERMS, min_size=1, max_size=5).map(tuple)
ALIASES = st.dictionaries(PHRASE, st.sampled_from(["x", "y", "z", "a"]), min_size=1, max_size=12)
STREAM = st.lists(TERMS, max_size=60)


@given(ALIASES, STREAM)
@settings(max_examples=400, deadline=None)
def test_matches_are_the_old_matchers(aliases, terms) -> None:
    phrases = Phrases.of(aliases)
    assert phrases.matches(terms) == reference_spans(aliases, terms)
    assert phrases.replace(terms) == reference_call(aliases, terms)


@given(ALIASES, STREAM)
@settings(max_examples=200, deadline=None)
def test_given_candidates_change_nothing(aliases, terms) -> None:
    phrases = Phrases.of(aliases)
    candidates = [i for i, t in enumerate(terms) if t in phrases.first]
    assert phrases.matches(terms, candidates) == phrases.matches(terms)


@given(
    st.dictionaries(
        st.lists(st.integers(0, 5), min_size=1, max_size=4).map(tuple),
        st.sampled_from(["x", "y"]),
        min_size=1,
        max_size=10,
    ),
    st.lists(st.integers(-3, 7), max_size=60),
)
@settings(max_examples=300, deadline=None)
def test_possible_starts_leave_out_no_match(aliases, keys) -> None:
    phrases = Phrases.of(aliases)
    starts = possible_starts(phrases, np.array(keys, dtype=np.int64)).tolist()
    assert phrases.matches(keys, starts) == phrases.matches(keys)
    assert set(starts) <= {i for i, key in enumerate(keys) if key in phrases.first}


WORDS = ["large", "language", "models", "model", "deep", "neural", "networks", "of", "GANs"]


@given(
    st.dictionaries(
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(
            lambda ws: tuple(stem(w.lower().rstrip("s")) for w in ws if w not in STOP_WORDS)
        ),
        st.sampled_from(["llm", "dnn", "gan", "model"]),
        min_size=1,
        max_size=8,
    ).map(lambda d: {k: v for k, v in d.items() if k}),
    st.lists(st.sampled_from([*WORDS, "self-attention", "large-language-model", "LLMs'"])),
)
@settings(max_examples=300, deadline=None)
def test_the_analyzer_gives_the_old_terms_and_spans(aliases, chosen) -> None:
    text = " ".join(chosen)
    if not aliases:
        return
    analyzer = Analyzer(aliases)
    base = [stem(w) for w, _, _ in words(text) if w not in STOP_WORDS]
    assert analyzer(text) == reference_call(aliases, base)
    assert analyzer.tokens(text) == reference_tokens(aliases, text)
    assert [t.term for t in analyzer.tokens(text)] == analyzer(text)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_large_random_cases_agree(seed: int) -> None:
    rng = np.random.default_rng(seed)
    vocabulary = [f"t{i}" for i in range(400)]
    aliases: dict[tuple[str, ...], str] = {}
    for _ in range(3_000):
        size = int(rng.integers(1, 7))
        phrase = tuple(vocabulary[i] for i in rng.zipf(1.3, size) % len(vocabulary))
        aliases[phrase] = f"c{int(rng.integers(0, 500))}"
    terms = [vocabulary[i] for i in rng.zipf(1.3, 20_000) % len(vocabulary)]
    phrases = Phrases.of(aliases)
    found = phrases.matches(terms)
    assert len(found) > 100  # the case exercises phrases
    assert found == reference_spans(aliases, terms)
    assert phrases.replace(terms) == reference_call(aliases, terms)


def test_repeated_terms_take_the_longest_at_each_step() -> None:
    phrases = Phrases.of({("a", "a"): "x", ("a", "a", "a"): "y", ("a",): "z"})
    assert phrases.replace(["a"] * 7) == ["y", "y", "z"]


@pytest.mark.parametrize("bad", [{(): "x"}, {("a",): 3}, {"ab": "x"}])
def test_an_alias_must_map_a_tuple_of_terms_to_a_term(bad) -> None:
    with pytest.raises(ValueError, match="non-empty tuple of terms"):
        Analyzer(bad)


def test_an_empty_phrase_is_refused_by_the_trie() -> None:
    with pytest.raises(ValueError, match="at least one term"):
        Phrases.of({(): "x"})


def test_the_trie_is_built_once_per_analyzer() -> None:
    analyzer = Analyzer({("a", "b"): "x"})
    assert analyzer.phrases is analyzer.phrases
