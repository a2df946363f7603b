"""Everyday words for a thing's good and bad sides."""

from __future__ import annotations

import pytest

from qa_bot.text.equivalents import GROUPS, equivalents


@pytest.mark.parametrize(
    ("word", "member"),
    [("drawbacks", "disadvantages"), ("Downsides", "weaknesses"), ("benefits", "advantages")],
)
def test_a_word_s_equivalents_are_its_group(word, member):
    assert member in equivalents(word)
    assert word.casefold() not in equivalents(word)


def test_a_word_in_no_group_has_none():
    assert list(equivalents("router")) == []


def test_the_groups_do_not_overlap():
    assert not GROUPS[0] & GROUPS[1]
