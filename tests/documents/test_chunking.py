from __future__ import annotations

import pytest
from oracles import chunk_documents

from qa_bot.documents.chunking import MAX_PASSAGE_WORDS, Passage, chunk_document
from qa_bot.documents.loading import parse_document
from qa_bot.documents.sentences import sentence_spans
from qa_bot.documents.structure import heading_names


def doc(text: str, source: str = "doc.txt", markdown: bool = False):
    return parse_document(text.encode("utf-8"), source, markdown=markdown)


def one(passages, prefix: str) -> Passage:
    found = [p for p in passages if p.text.startswith(prefix)]
    assert len(found) == 1, f"{len(found)} passages start with {prefix!r}"
    return found[0]


def test_every_article_passage_is_verbatim(bot):
    assert len(bot.passages) > 30
    for p in bot.passages:
        assert bot.documents[p.source].text[p.start : p.end] == p.text
        assert p.text == p.text.strip()
        assert p.text


def test_article_passages_are_in_document_order_and_disjoint(bot):
    ends = 0
    for p in bot.passages:
        assert p.start >= ends
        ends = p.end


def test_article_passage_fields(bot, article):
    for p in bot.passages:
        assert p.source == article.source
        assert p.title == article.title
        assert p.id.startswith("p")
    assert len({p.id for p in bot.passages}) == len(bot.passages)


@pytest.mark.parametrize(
    ("prefix", "section"),
    [
        ("Hallucinations:", "Strengths and Weaknesses › Weaknesses of LLMs"),
        ("Conversational Interfaces:", "User Experience and Interaction › LLMs"),
        ("Quality Control:", "Strengths and Weaknesses › Weaknesses of Generative AI"),
        ("Fine-Tuning:", "Functionality and How They Operate › How LLMs Operate"),
        ("LLMs and Generative AI represent", "Conclusion"),
        ("Within the broad field of AI", ""),
    ],
)
def test_article_sections(bot, prefix, section):
    passage = one(bot.passages, prefix)
    assert passage.section == section
    assert passage.headings == (tuple(section.split(" › ")) if section else ())


def test_table_of_contents_lines_are_not_passages(bot, article):
    toc = [
        "Definitions and Core Concepts",
        "Functionality and How They Operate",
        "Applications and Use Cases",
        "Strengths and Weaknesses",
        "User Experience and Interaction",
        "Conclusion",
    ]
    texts = {p.text for p in bot.passages}
    for entry in toc:
        assert f"- {entry}\n" in article.text
        assert entry not in texts
    assert not any(p.section.startswith("Table of Contents") for p in bot.passages)
    names = {n.casefold() for n in heading_names(article.text)}
    assert not any(p.text.casefold() in names for p in bot.passages)


def test_title_line_is_not_a_passage(bot, article):
    assert not any(p.text == article.title for p in bot.passages)
    assert min(p.start for p in bot.passages) > len(article.title)


def test_lead_in_is_not_a_passage_but_the_items_lead(bot):
    lead = "With PromptLayer, you can:"
    assert not any(p.text == lead for p in bot.passages)
    items = [p for p in bot.passages if p.lead == lead]
    assert [p.text.split()[0] for p in items] == ["Create", "Log", "Collaborate", "Retrieve"]
    # the paragraph after the list has no lead
    after = one(bot.passages, "Start optimizing your AI workflows")
    assert after.lead == ""


def test_lead_is_reset_by_a_new_section(bot):
    lead = one(bot.passages, "Data Bias:").lead
    assert lead == "Both LLMs and Generative AI have their pros and cons:"
    assert one(bot.passages, "LLMs and Generative AI represent").lead == ""
    assert one(bot.passages, "Training Process:").lead == ""


def test_ids_are_stable_across_builds(article):
    first = [p.id for p in chunk_document(article)]
    second = [p.id for p in chunk_document(article)]
    assert first == second


def test_ids_change_when_text_changes_and_only_there():
    text = "Title\n\nAlpha paragraph here.\nBeta paragraph here.\n"
    before = chunk_document(doc(text))
    after = chunk_document(doc(text.replace("Beta", "Gamma")))
    assert before[0].id == after[0].id
    assert before[1].id != after[1].id


def test_ids_differ_between_sources_and_repeated_text():
    text = "Title\n\nSame sentence here.\nSame sentence here.\n"
    a = chunk_document(doc(text, "a.txt"))
    b = chunk_document(doc(text, "b.txt"))
    assert a[0].text == a[1].text
    assert a[0].id != a[1].id
    assert {p.id for p in a}.isdisjoint(p.id for p in b)


def long_paragraph(n_sentences: int, prefix: str = "Sentence") -> str:
    return " ".join(
        f"{prefix} number {i} talks about retrieval and ranking quality today."
        for i in range(n_sentences)
    )


def test_long_paragraph_splits_at_sentence_boundaries_and_never_crosses_a_heading():
    body = long_paragraph(40)
    assert len(body.split()) > 3 * MAX_PASSAGE_WORDS
    text = f"Title\n\nFirst Section\n{body}\nSecond Section\n{long_paragraph(15, 'Other')}\n"
    d = doc(text)
    passages = chunk_document(d)
    first = [p for p in passages if p.section == "First Section"]
    second = [p for p in passages if p.section == "Second Section"]
    assert len(first) >= 4
    assert len(second) == 2
    first_start = text.index("Sentence number 0")
    second_start = text.index("Other number 0")
    spans = sentence_spans(text, first_start, first_start + len(body))
    spans += sentence_spans(text, second_start, len(text))
    starts, ends = {a for a, _ in spans}, {b for _, b in spans}
    for p in passages:
        assert d.text[p.start : p.end] == p.text
        assert len(p.text.split()) <= MAX_PASSAGE_WORDS
        assert p.start in starts
        assert p.end in ends
        assert "Section" not in p.text
    # together the pieces cover the paragraph, in order
    assert " ".join(p.text for p in first) == body
    assert first[-1].end == text.index("\nSecond Section")
    assert second[0].start == text.index("Other number 0")


def test_max_words_parameter():
    text = f"Title\n\n{long_paragraph(10)}\n"
    assert len(chunk_document(doc(text))) == 1
    small = chunk_document(doc(text), max_words=25)
    assert len(small) == 5
    assert all(len(p.text.split()) <= 25 for p in small)


def test_single_sentence_longer_than_limit_is_kept_whole():
    sentence = "word " * (MAX_PASSAGE_WORDS + 30) + "end."
    text = f"Title\n\n{sentence.strip()}\n"
    (passage,) = chunk_document(doc(text))
    assert passage.text == sentence.strip()


def test_markdown_passages_carry_heading_paths():
    text = (
        "# Guide\n\n"
        "Intro sentence.\n\n"
        "## Setup\n\n"
        "Install it first, as follows:\n\n"
        "- Download the file.\n"
        "- Run the installer.\n\n"
        "### Options\n\n"
        "Options are optional.\n\n"
        "## Use\n\n"
        "Use it daily.\n"
    )
    passages = chunk_document(doc(text, "guide.md", markdown=True))
    got = [(p.text, p.section, p.lead) for p in passages]
    assert got == [
        ("Intro sentence.", "", ""),
        ("Download the file.", "Setup", "Install it first, as follows:"),
        ("Run the installer.", "Setup", "Install it first, as follows:"),
        ("Options are optional.", "Setup › Options", ""),
        ("Use it daily.", "Use", ""),
    ]
    assert all(p.title == "Guide" for p in passages)


@pytest.mark.parametrize(
    ("lead", "content"),
    [
        (
            "Members can borrow up to 20 items at a time. Within that total, some have limits:",
            "Members can borrow up to 20 items at a time.",
        ),
        ("Yes. With your card you can use these:", None),  # "Yes." alone is a fragment
        ("With your card you can use these:", None),  # one sentence: only a lead
    ],
)
def test_what_a_lead_in_says_before_its_last_sentence_is_a_passage(lead, content):
    text = f"# Loans\n\n{lead}\n\n- five DVDs at most\n- three magazines at most\n"
    passages = chunk_document(doc(text, "loans.md", markdown=True))
    items = [p for p in passages if p.lead]
    assert [p.text for p in items] == ["five DVDs at most", "three magazines at most"]
    assert all(p.lead == lead for p in items)  # the items are still found by all of it
    assert [p.text for p in passages if not p.lead] == ([content] if content else [])


def test_colon_paragraph_without_a_list_is_a_passage():
    text = "Title\n\nThe answer is this:\n\nA plain paragraph follows.\n"
    texts = [p.text for p in chunk_document(doc(text))]
    assert texts == ["The answer is this:", "A plain paragraph follows."]


def test_chunk_documents_keeps_document_order():
    a = doc("A title\n\nFrom the first.\n", "a.txt")
    b = doc("B title\n\nFrom the second.\n", "b.txt")
    passages = chunk_documents([a, b])
    assert [(p.source, p.title, p.text) for p in passages] == [
        ("a.txt", "A title", "From the first."),
        ("b.txt", "B title", "From the second."),
    ]


def test_to_dict_has_offsets_and_text(bot):
    p = bot.passages[0]
    d = p.to_dict()
    assert d == {
        "id": p.id,
        "source": p.source,
        "title": p.title,
        "section": p.section,
        "start": p.start,
        "end": p.end,
        "text": p.text,
    }
