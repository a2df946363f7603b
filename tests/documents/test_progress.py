"""Indexing progress over its phases: one scale, the document cut counted too."""

from __future__ import annotations

import pytest

from qa_bot.documents.boilerplate import corpus_passages
from qa_bot.documents.loading import parse_document
from qa_bot.documents.progress import STEPS, staged


def test_a_stage_maps_its_work_onto_its_share_of_the_steps():
    calls = []
    report = staged(lambda done, total: calls.append((done, total)), 200, 600)
    assert report is not None
    for done in (0, 1, 2, 4):
        report(done, 4)
    assert calls == [(200, STEPS), (300, STEPS), (400, STEPS), (600, STEPS)]


def test_no_callback_no_stage():
    assert staged(None, 0, STEPS) is None


@pytest.mark.parametrize(("start", "end"), [(-1, 10), (600, 200), (0, STEPS + 1)])
def test_a_stage_outside_the_scale_is_refused(start, end):
    with pytest.raises(ValueError, match=r"0 <= start <= end <= 1000"):
        staged(lambda done, total: None, start, end)


def test_cutting_the_documents_reports_each_document():
    documents = {
        f"{name}.txt": parse_document(f"{name} is a word of this document.".encode(), f"{name}.txt")
        for name in ("alpha", "beta", "gamma")
    }
    calls = []
    table = corpus_passages(documents, lambda done, total: calls.append((done, total)))
    assert len(table) == 3
    assert calls == [(1, 3), (2, 3), (3, 3)]
