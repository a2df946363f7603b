from __future__ import annotations

import math

import numpy as np
import pytest
from oracles import build_index

from qa_bot.answering.query import Query
from qa_bot.documents.loading import parse_document
from qa_bot.indexing.corpus_index import indexed_text
from qa_bot.retrieval.matrix import safe_idf
from qa_bot.text.analyzer import stem


def test_misspelt_query_is_corrected(bot):
    query = bot.parser.analyse("waht is fine-tunning?")
    assert isinstance(query, Query)
    assert query.text == "waht is fine-tunning?"
    assert query.corrections == {"waht": "what", "tunning": "tuning"}
    assert "fine" in query.terms
    assert stem("tune") in query.terms
    assert query.unknown == ()


def test_correct_query_has_no_corrections(bot):
    query = bot.parser.analyse("What is fine-tuning?")
    assert query.corrections == {}
    assert set(query.terms) == {"fine", stem("tuning"), stem("finetuning")}
    assert query.units == (frozenset(query.terms),)


def test_unknown_words_are_listed(bot):
    query = bot.parser.analyse("What is zorbleflax and quantum?")
    assert "zorbleflax" in query.unknown
    assert stem("quantum") in query.unknown
    assert "zorbleflax" in query.terms  # still searched for
    assert query.corrections == {}


def test_stop_words_are_not_unknown(bot):
    query = bot.parser.analyse("What is it about?")
    assert query.terms == ()
    assert query.unknown == ()
    assert query.units == ()


def test_compound_units(bot):
    query = bot.parser.analyse("What is GPT-4?")
    assert query.units == (frozenset({"gpt", "4", "gpt4"}),)
    query = bot.parser.analyse("GPT-4 versus self-attention in LLMs")
    assert len(query.units) == 4
    assert query.units[0] == frozenset({"gpt", "4", "gpt4"})
    assert query.units[2] == frozenset({"self", stem("attention"), "self" + stem("attention")})
    assert query.units[3] == frozenset({"llm"})


def test_alias_phrase_is_one_unit(bot):
    query = bot.parser.analyse("What can large language models do?")
    assert "llm" in query.terms
    assert frozenset({"llm"}) in query.units
    assert stem("large") not in query.terms


def test_joined_form_of_compound_is_neither_corrected_nor_unknown(bot):
    query = bot.parser.analyse("fine-tunning")
    # "finetunning" is unknown but only the joined form: its misspelt part is what is fixed
    assert query.corrections == {"tunning": "tuning"}
    assert query.unknown == ()
    assert set(query.terms) == {"fine", stem("tuning"), stem("finetuning")}


def test_passage_terms_include_headings(bot):
    position = next(i for i, p in enumerate(bot.passages) if p.text.startswith("Quality Control:"))
    terms = bot.index.passage_terms[position]
    assert stem("weaknesses") in terms
    assert "weakness" not in bot.passages[position].text.lower()


def test_passage_terms_include_lead(bot):
    position = next(i for i, p in enumerate(bot.passages) if p.text.startswith("Log and track"))
    assert "PromptLayer" not in bot.passages[position].text
    assert stem("promptlayer") in bot.index.passage_terms[position]


def test_indexed_text_counts_label_twice_and_title_only_across_documents(bot):
    passage = next(p for p in bot.passages if p.text.startswith("Hallucinations:"))
    single = indexed_text(passage, with_title=False)
    assert single.split("\n") == [
        "Strengths and Weaknesses",
        "Weaknesses of LLMs",
        passage.lead,
        "Hallucinations",
        passage.text,
    ]
    assert indexed_text(passage, with_title=True).startswith(passage.title + "\n")


def test_doc_freq_and_vocabulary(bot):
    index = bot.index
    assert set(index.vocabulary) == set(index.doc_freq)
    for term in ("llm", "gan", stem("hallucinations")):
        expected = sum(term in set(terms) for terms in index.passage_terms)
        assert index.doc_freq[term] == expected > 0


def test_idf_is_bm25_safe_idf(bot):
    index = bot.index
    n = len(index.passages)
    df = index.doc_freq["llm"]
    assert index.idf("llm") == pytest.approx(math.log(1 + (n - df + 0.5) / (df + 0.5)))
    assert index.idf("never-seen-term") == pytest.approx(math.log(1 + (n + 0.5) / 0.5))
    assert index.idf("never-seen-term") > index.idf(stem("hallucinations")) > index.idf("llm") > 0


def test_safe_idf_vectorised():
    df = np.array([0, 1, 5, 10])
    got = safe_idf(df, 10)
    expected = np.log(1 + (10 - df + 0.5) / (df + 0.5))
    np.testing.assert_allclose(got, expected)
    assert np.all(got > 0)
    assert np.all(np.diff(got) < 0)


def test_build_across_documents_adds_titles():
    docs = {
        "a.txt": parse_document(b"Cooking Pasta\n\nBoil water first.\n", "a.txt"),
        "b.txt": parse_document(b"Gardening Tips\n\nWater plants daily.\n", "b.txt"),
    }
    index = build_index(docs)
    assert len(index.passages) == 2
    assert stem("pasta") in index.passage_terms[0]
    assert stem("gardening") in index.passage_terms[1]
    assert index.doc_freq[stem("water")] == 2
    single = build_index({"a.txt": docs["a.txt"]})
    assert stem("pasta") not in single.passage_terms[0]


def test_build_reports_indexing_progress(tmp_path):
    from qa_bot.documents.loading import load_path
    from qa_bot.indexing.analysis import PROGRESS_EVERY

    lines = "\n".join(f"- Item {i}: tea number {i} is green." for i in range(PROGRESS_EVERY + 5))
    (tmp_path / "big.txt").write_text(f"Big list\n\n{lines}\n")
    from qa_bot.documents.progress import STEPS
    from qa_bot.indexing.corpus_index import CHUNKED, COUNTED

    calls = []
    index = build_index(load_path(tmp_path), lambda done, total: calls.append((done, total)))
    total = len(index.passages)
    # one scale over the phases: the document cut (0…CHUNKED), the passages counted
    # (CHUNKED…COUNTED, every PROGRESS_EVERY passages), then done
    counted = CHUNKED + (COUNTED - CHUNKED) * PROGRESS_EVERY // total
    assert calls == [(CHUNKED, STEPS), (counted, STEPS), (COUNTED, STEPS), (STEPS, STEPS)]


@pytest.mark.parametrize("size", [1, 3, 7, 1000])
def test_column_slices_cover_every_column_once(size):
    from qa_bot.retrieval.matrix import column_slices

    indptr = np.cumsum([0, 5, 0, 2, 9, 1, 0, 0, 4])
    slices = list(column_slices(indptr, postings=size))
    assert slices[0][0] == 0
    assert slices[-1][1] == len(indptr) - 1
    assert all(a < b for a, b in slices)
    assert all(slices[i][1] == slices[i + 1][0] for i in range(len(slices) - 1))
    assert all(b == a + 1 or indptr[b] - indptr[a] <= size for a, b in slices)


def test_a_passage_s_section_is_read_without_building_it(bot):
    """CorpusIndex.section (PassageTable.section_of) equals each built Passage's section."""
    index = bot.engine.index
    sections = [index.section(position) for position in range(len(index.passages))]
    assert sections == [passage.section for passage in index.passages]
    assert any(sections)


def test_a_listed_index_s_section_is_the_passage_s(bot):
    from dataclasses import replace

    index = bot.engine.index
    listed = replace(index, passages=list(index.passages))
    assert [listed.section(p) for p in range(len(listed.passages))] == [
        p.section for p in index.passages
    ]
