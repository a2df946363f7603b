"""Mid-sentence words and their capitals: what the conversation model calls names."""

from __future__ import annotations

from oracles import mentions_of, mid_sentence_counts

from qa_bot.indexing.mentions import body_of, has_item_labels
from qa_bot.text.analyzer import Analyzer, stem


def test_mid_sentence_counts_leave_out_sentence_openers_and_labels():
    counts = mid_sentence_counts(["Key point: The model. Models are big, said OpenAI."])
    assert counts["OpenAI"] == 1
    assert "The" not in counts
    assert "Models" not in counts
    assert "Key" not in counts
    assert counts["model"] == 1


def test_mentions_count_terms_and_their_capitals():
    mentions = mentions_of(Analyzer(), {"OpenAI": 3, "openai": 1, "models": 2})
    assert mentions.seen == {"openai": 4, stem("models"): 2}
    assert mentions.capitalised["openai"] == 3
    assert mentions.capitalised[stem("models")] == 0


def test_item_labels_are_found_and_left_out_of_the_body():
    text = "Intro line.\n**Scale:** models grow.\nKey point: data matters."
    assert has_item_labels(text)
    assert not has_item_labels("No labels here. Time: 5 pm is not at a line start")
    assert body_of(text) == "Intro line.\nmodels grow.\ndata matters."
