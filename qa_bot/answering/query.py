"""Query understanding, in one place: from a question (and the earlier turns) to the Query
the retrievers search — follow-ups resolved, frame words dropped, unknown words corrected
against the corpus, aliases and compounds analysed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from qa_bot.answering.conversation import Conversation
from qa_bot.answering.question import search_text
from qa_bot.indexing.corpus_index import CorpusIndex
from qa_bot.text.analyzer import STOP_WORDS, Token, words
from qa_bot.text.equivalents import equivalents
from qa_bot.text.lexicon import is_everyday


@dataclass(frozen=True)
class Query:
    """A question as the retrievers see it: its terms after spelling correction."""

    text: str  # the effective question (with the context a follow-up kept)
    terms: tuple[str, ...]
    corrections: Mapping[str, str] = field(default_factory=dict)
    unknown: tuple[str, ...] = ()
    units: tuple[frozenset[str], ...] = ()  # terms of one word, compound or alias phrase
    # words the corpus lacks that name something specific: rare in English, or written
    # with a capital inside the sentence ("France", "sourdough"; not "make" or "things")
    foreign: tuple[str, ...] = ()
    unknown_words: tuple[str, ...] = ()  # every word the corpus lacks, as written, repeats kept


@dataclass(frozen=True)
class QueryParser:
    index: CorpusIndex
    conversation: Conversation

    def parse(self, question: str, history: Sequence[str] = ()) -> Query:
        """The effective query of a question asked after `history` (earlier questions)."""
        resolved = self.conversation.resolve(question, history)
        query = self.analyse(resolved, search=search_text(resolved))
        if not query.corrections:
            return query
        # read again as spelt right, so that "wich company makes …" is the maker question
        # "which company makes …" is (its frame words dropped, its cue known)
        spelled = _spelled(resolved, query.corrections)
        again = self.analyse(spelled, search=search_text(spelled))
        return replace(again, corrections={**query.corrections, **again.corrections})

    def analyse(self, text: str, search: str | None = None) -> Query:
        """Analyse a text (or `search`, the words of it to look up); words the corpus
        does not know are corrected when close."""
        index, analyzer = self.index, self.index.analyzer
        fixes: dict[str, str] = {}
        unknown: list[str] = []
        foreign: list[str] = []
        lacking: list[str] = []
        source = text if search is None else search
        spans = words(source)
        for word, start, end in spans:
            term = analyzer.term(word)
            if term is None or term in index.vocabulary or _is_compound(start, end, spans):
                continue
            if term in analyzer.phrase_words:
                continue  # seen inside a defined phrase: searched as its short form (below)
            if self._equivalent_terms(word):
                continue  # "drawbacks": searched as the corpus's "disadvantages" (below)
            fix = index.speller.correct(word)
            if fix is not None and (fix in STOP_WORDS or analyzer.term(fix) in index.vocabulary):
                fixes[word] = fix
            else:
                unknown.append(term)
                lacking.append(word)
                if _names_something(word, start, source):
                    foreign.append(word)
        corrected = _spelled(source, fixes)
        tokens = analyzer.read_short_forms(_phrase_members(analyzer.tokens(corrected), index))
        tokens = self._with_equivalents(tokens, corrected)
        terms = tuple(token.term for token in tokens)
        return Query(
            text, terms, fixes, tuple(unknown), _units(tokens), tuple(foreign), tuple(lacking)
        )

    def _equivalent_terms(self, word: str) -> list[str]:
        """The corpus's terms for a word it lacks but whose everyday equivalents it has."""
        index = self.index
        if index.analyzer.term(word) in index.vocabulary:
            return []
        terms = (index.analyzer.term(other) for other in equivalents(word))
        return sorted({t for t in terms if t is not None and t in index.vocabulary})

    def _with_equivalents(self, tokens: list[Token], text: str) -> list[Token]:
        out = []
        for token in tokens:
            found = self._equivalent_terms(text[token.start : token.end])
            if not found:
                out.append(token)
            else:
                out.extend(Token(term, token.start, token.end) for term in found)
        return out


def _spelled(text: str, corrections: Mapping[str, str]) -> str:
    """The text with each corrected word (as written) replaced by its correction."""
    out, last = [], 0
    for word, start, end in words(text):
        if word in corrections:
            out.append(text[last:start] + corrections[word])
            last = end
    return "".join(out) + text[last:]


def _phrase_members(tokens: list[Token], index: CorpusIndex) -> list[Token]:
    """A word the index saw only inside a defined phrase ("adversarial", of "Generative
    Adversarial Networks (GANs)") searches for the phrase's short form (gan)."""
    members = index.analyzer.phrase_words
    out = []
    for token in tokens:
        if token.term in index.vocabulary or token.term not in members:
            out.append(token)
            continue
        out.extend(
            Token(canonical, token.start, token.end)
            for canonical in members[token.term]
            if canonical in index.vocabulary
        )
    return out


def _names_something(word: str, start: int, text: str) -> bool:
    """A word English does not use every day, or a capitalised one past the first word."""
    if not word.isalpha():
        return True  # "2018", "gpt5": a name or a figure
    capital = word[0].isupper() and bool(text[:start].strip()) and not _sentence_start(text, start)
    return capital or not is_everyday(word.casefold())


def _sentence_start(text: str, start: int) -> bool:
    before = text[:start].rstrip()
    return not before or before[-1] in '.?!:;"“('


def _is_compound(start: int, end: int, spans: list[tuple[str, int, int]]) -> bool:
    return any(start <= s and e <= end and (s, e) != (start, end) for _, s, e in spans)


def _units(tokens: list[Token]) -> tuple[frozenset[str], ...]:
    """Group tokens whose spans overlap: "gpt-4" gives gpt, 4 and gpt4 — one unit."""
    units: list[tuple[int, set[str]]] = []
    for token in sorted(tokens, key=lambda t: (t.start, -t.end)):
        if units and token.start < units[-1][0]:
            units[-1][1].add(token.term)
        else:
            units.append((token.end, {token.term}))
    return tuple(frozenset(terms) for _, terms in units)
