"""The word table: one id per distinct word, whichever way it arrives, and its terms."""

from __future__ import annotations

from collections import Counter

import numpy as np
import pytest
from oracles import word_counts

from qa_bot.indexing.scan import scan
from qa_bot.indexing.wordtable import CollisionError, WordTable
from qa_bot.text.analyzer import Analyzer, stem

TEXT = "Models model the LLMs' data. Self-attention: GPT-4 models data, says the Model."


def test_ids_of_scanned_words_and_of_strings_agree() -> None:
    table = WordTable(Analyzer())
    found = scan(TEXT, np.zeros(1, dtype=np.int64))
    ids = table.ids_of(TEXT, found).tolist()
    words = [TEXT[a:b] for a, b in zip(found.starts.tolist(), found.ends.tolist(), strict=True)]
    assert [table.words[i] for i in ids] == words
    assert [table.id_of(w) for w in words] == ids
    assert len(table) == len(set(words))
    again = table.ids_of(TEXT, found).tolist()
    assert again == ids


def test_new_string_words_are_added_once() -> None:
    table = WordTable(Analyzer())
    first = table.id_of("Transformer")
    assert table.id_of("Transformer") == first
    found = scan("a Transformer", np.zeros(1, dtype=np.int64))
    assert table.ids_of("a Transformer", found).tolist() == [table.id_of("a"), first]


def test_term_counts_and_form_counts() -> None:
    table = WordTable(Analyzer())
    found = scan(TEXT, np.zeros(1, dtype=np.int64))
    ids = table.ids_of(TEXT, found)
    rows = np.zeros(len(ids), dtype=np.int64)
    counts = table.term_counts(rows, ids, 1, np.ones(len(ids), dtype=bool))
    terms = sorted(table.terms, key=table.terms.__getitem__)
    got = Counter({terms[c]: n for c, n in zip(counts.indices, counts.data, strict=True)})
    assert got == Counter(Analyzer()(TEXT))
    assert got[stem("model")] == 4
    assert table.form_counts() == word_counts([TEXT])


def test_left_out_words_are_not_counted_as_terms() -> None:
    table = WordTable(Analyzer())
    found = scan("data data models", np.zeros(1, dtype=np.int64))
    ids = table.ids_of("data data models", found)
    keep = np.array([True, False, True])
    counts = table.term_counts(np.zeros(3, dtype=np.int64), ids, 1, keep)
    assert counts.sum() == 2
    assert table.form_counts()["data"] == 2  # still seen


def test_words_that_may_open_an_alias_are_flagged() -> None:
    table = WordTable(Analyzer({(stem("large"), stem("language")): "ll"}))
    for word in ("large", "Language", "small"):
        table.id_of(word)
    assert table.opens_phrase().tolist() == [True, False, False]


def test_a_key_collision_is_an_error_not_a_merge() -> None:
    table = WordTable(Analyzer())
    found = scan("alpha beta", np.zeros(1, dtype=np.int64))
    forged = type(found)(found.starts, found.ends, found.keys * 0, found.checks, found.opens)
    with pytest.raises(CollisionError, match="same key"):
        table.ids_of("alpha beta", forged)
