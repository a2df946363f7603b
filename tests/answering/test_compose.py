from __future__ import annotations

import re

import pytest

from qa_bot import QABot
from qa_bot.answering.compose import Settings, compose, coverage, refusal
from qa_bot.defaults import RETRIEVERS

MARKER = re.compile(r"\[(\d+)\]")


def position(bot, prefix: str) -> int:
    matches = [i for i, p in enumerate(bot.passages) if p.text.startswith(prefix)]
    assert len(matches) == 1, prefix
    return matches[0]


def check_answer_invariants(bot, answer):
    """What every Answer promises: verbatim quotes, citations numbered by first appearance."""
    documents = bot.documents
    for quote in answer.quotes:
        assert documents[quote.source].text[quote.start : quote.end] == quote.text
        assert quote.text
        assert 1 <= quote.citation <= len(answer.citations)
        cited = answer.citations[quote.citation - 1]
        assert cited.source == quote.source
        assert cited.start <= quote.start
        assert quote.end <= cited.end
    for passage in answer.citations + answer.related:
        assert documents[passage.source].text[passage.start : passage.end] == passage.text
    markers = [int(n) for n in MARKER.findall(answer.text)]
    first_seen = list(dict.fromkeys(markers))
    assert first_seen == list(range(1, len(answer.citations) + 1))
    assert [q.citation for q in answer.quotes] == markers
    if answer.found:
        assert answer.quotes
        assert answer.citations
        for quote in answer.quotes:
            assert f"{quote.text} [{quote.citation}]" in answer.text
    else:
        assert answer.quotes == []
        assert answer.citations == []
        assert markers == []
    cited_ids = {p.id for p in answer.citations}
    assert not any(p.id in cited_ids for p in answer.related)


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_fine_tuning(bot, retriever):
    answer = bot.ask("What is fine-tuning?", retriever=retriever)
    assert answer.found
    assert answer.retriever == retriever
    assert any(
        'LLMs can be "fine-tuned" on smaller, more specific datasets' in q.text
        for q in answer.quotes
    )
    assert answer.citations[0].section == "Functionality and How They Operate › How LLMs Operate"
    check_answer_invariants(bot, answer)


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_weaknesses_of_generative_ai_found_via_heading(bot, retriever):
    answer = bot.ask("What are the weaknesses of generative AI?", retriever=retriever)
    assert answer.found
    labels = [q.text.split(":")[0] for q in answer.quotes]
    for label in ("Quality Control", "Computational Cost", "Potential for Misuse"):
        assert label in labels
    # the bullets never say "weakness": they were found through their heading
    assert not any("weakness" in q.text.lower() for q in answer.quotes)
    # adjacent bullets merge into one citation that spans them
    assert len(answer.citations) == 1
    (citation,) = answer.citations
    assert citation.section == "Strengths and Weaknesses › Weaknesses of Generative AI"
    assert citation.text.startswith("Quality Control:")
    assert citation.text.endswith("or other harmful content.")
    assert "\n- Computational Cost:" in citation.text
    assert [q.citation for q in answer.quotes] == [1, 1, 1]
    assert answer.text.count("[1]") == 3
    # quotes of one list keep the document's order
    assert [q.start for q in answer.quotes] == sorted(q.start for q in answer.quotes)
    check_answer_invariants(bot, answer)


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_capital_of_france_is_not_covered(bot, retriever):
    question = "What is the capital of France?"
    answer = bot.ask(question, retriever=retriever)
    assert not answer.found
    assert answer.text == f"The article does not cover this question (“{question}”)."
    assert answer.citations == []
    assert answer.quotes == []
    assert answer.confidence < Settings().min_coverage
    check_answer_invariants(bot, answer)


@pytest.mark.parametrize("retriever", ["hybrid", "tfidf"])
def test_refusal_offers_related_reading(bot, retriever):
    answer = bot.ask("What is the capital of France?", retriever=retriever)
    assert 0 < len(answer.related) <= 3


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_invariants_on_the_shipped_question_set(bot, shipped_questions, retriever):
    found = 0
    for item in shipped_questions:
        answer = bot.ask(item["question"], history=item.get("history") or None, retriever=retriever)
        check_answer_invariants(bot, answer)
        found += answer.found
    assert found > len(shipped_questions) / 2


def test_hallucinations_answer_quotes_the_definition(bot):
    answer = bot.ask("What are hallucinations?")
    assert answer.found
    assert answer.quotes[0].text.startswith("Hallucinations: LLMs can sometimes generate")
    check_answer_invariants(bot, answer)


def test_misspelt_question_reports_corrections(bot):
    answer = bot.ask("waht is fine-tunning?")
    assert answer.found
    assert answer.corrections == {"waht": "what", "tunning": "tuning"}
    check_answer_invariants(bot, answer)


def test_adjacent_passages_merge_and_distant_ones_do_not(bot):
    qc = position(bot, "Quality Control:")
    cc = position(bot, "Computational Cost:")
    pm = position(bot, "Potential for Misuse:")
    query = bot.parser.analyse("What are the weaknesses of generative AI?")
    items = Settings(whole_lists=False)  # the chosen passages only, not the heading's list

    merged = compose("q", query, [(qc, 3.0), (cc, 2.9)], bot.index, bot.documents, "bm25", items)
    assert len(merged.citations) == 1
    assert merged.citations[0].start == bot.passages[qc].start
    assert merged.citations[0].end == bot.passages[cc].end
    check_answer_invariants(bot, merged)

    apart = compose("q", query, [(pm, 3.0), (qc, 2.9)], bot.index, bot.documents, "bm25", items)
    assert [c.id for c in apart.citations] == [bot.passages[qc].id, bot.passages[pm].id]
    assert MARKER.findall(apart.text) == ["1", "2"]
    check_answer_invariants(bot, apart)


def test_passages_far_below_the_best_are_not_quoted(bot):
    qc = position(bot, "Quality Control:")
    cc = position(bot, "Computational Cost:")
    query = bot.parser.analyse("What are the weaknesses of generative AI?")
    # the question names the heading, so by default its whole list is quoted (test_lists)
    items = Settings(whole_lists=False)
    answer = compose("q", query, [(qc, 3.0), (cc, 1.0)], bot.index, bot.documents, "bm25", items)
    assert len(answer.quotes) == 1
    assert [p.id for p in answer.related] == [bot.passages[cc].id]


def test_other_sections_are_not_quoted(bot):
    ft = position(bot, "Fine-Tuning:")
    ds = position(bot, "Domain-Specific Applications:")
    query = bot.parser.analyse("What is fine-tuning?")
    answer = compose("q", query, [(ft, 3.0), (ds, 2.9)], bot.index, bot.documents, "bm25")
    assert [c.id for c in answer.citations] == [bot.passages[ft].id]
    assert bot.passages[ds] in answer.related


def test_settings_change_abstention_and_quote_count(bot):
    question = "What are the weaknesses of generative AI?"
    query, ranking = bot.rank(question)
    # a confidence bar no passage reaches leaves a tentative answer; a floor too refuses
    unsure = compose(
        question, query, ranking, bot.index, bot.documents, "hybrid", Settings(min_coverage=1.01)
    )
    assert unsure.found
    assert unsure.outcome == "tentative"
    strict = Settings(min_coverage=1.01, tentative_floor=1.01)
    refused = compose(question, query, ranking, bot.index, bot.documents, "hybrid", strict)
    assert not refused.found
    assert refused.outcome == "not_covered"
    one_item = Settings(max_quotes=1, whole_lists=False)
    one = compose(question, query, ranking, bot.index, bot.documents, "hybrid", one_item)
    assert len(one.quotes) == 1


def test_empty_ranking_is_a_refusal(bot):
    query = bot.parser.analyse("zorbleflax")
    answer = compose("zorbleflax", query, [], bot.index, bot.documents, "bm25")
    assert not answer.found
    assert answer.related == []
    assert answer.confidence == 0.0


def test_coverage_is_idf_weighted_share_of_units(bot):
    index = bot.index
    query = bot.parser.analyse("fine-tuning zorbleflax")
    terms = index.passage_terms[position(bot, "Fine-Tuning:")]
    fine = max(index.idf(t) for t in ("fine", "tune", "finetun"))
    unknown = index.idf("zorbleflax")
    assert coverage(query, terms, index) == pytest.approx(fine / (fine + unknown))
    assert coverage(bot.parser.analyse("fine-tuning"), terms, index) == pytest.approx(1.0)
    assert coverage(bot.parser.analyse("the of"), terms, index) == 0.0


def test_refusal_wording(bot, tmp_path):
    assert refusal("  ???  ", bot.parser.analyse("???"), bot.documents) == (
        "I found no words to look up in “???”. Please ask a question."
    )
    (tmp_path / "a.txt").write_text("Cats\n\nCats purr softly.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Dogs\n\nDogs bark loudly.\n", encoding="utf-8")
    two = QABot.from_path(tmp_path)
    answer = two.ask("What is the capital of France?")
    assert not answer.found
    assert answer.text.startswith("The documents do not cover this question")


def test_quote_is_the_sentence_sharing_most_of_the_query(bot):
    at = position(bot, "Hallucinations:")
    passage = bot.passages[at]
    query = bot.parser.analyse("What is hallucinating referred to as?")
    answer = compose("q", query, [(at, 1.0)], bot.index, bot.documents, "bm25")
    (quote,) = answer.quotes
    assert quote.text.startswith("This is often referred to as")
    assert passage.start <= quote.start < quote.end <= passage.end
    check_answer_invariants(bot, answer)


def test_single_passage_answer_quotes_the_best_sentence_and_the_next(bot):
    answer = bot.ask("What is fine-tuning?")
    (quote,) = answer.quotes
    assert quote.text.startswith("Fine-Tuning: After the initial training")
    assert quote.text.endswith("in specific domains.")  # the explanation that follows
    assert bot.documents[quote.source].text[quote.start : quote.end] == quote.text


def test_list_answer_quotes_one_sentence_per_item(bot):
    answer = bot.ask("What are the weaknesses of generative AI?")
    assert len(answer.quotes) == 3
    assert all(q.text.count(". ") == 0 for q in answer.quotes)


@pytest.mark.parametrize(
    "question", ["What's the capital of France?", "Who is \u202eevil?", 'Say "hi" to Paris?']
)
def test_refusal_quotes_the_question_as_typed(bot, question):
    answer = bot.ask(question)
    assert not answer.found
    assert f"“{question}”" in answer.text
    assert "\\u" not in answer.text
    assert "'" + question not in answer.text


def test_the_answer_sentence_is_the_one_about_the_question_s_focus(tmp_path):
    """ "What does an inverter do in a solar installation?" is about the inverter: the
    sentence naming it answers, not the one with more of the (commoner) context words."""
    from qa_bot import QABot

    (tmp_path / "sun.txt").write_text(
        "Sun\n\nPanels\n\nSolar installations use panels on sunny roofs of solar homes. "
        "The roof must face south. An inverter converts direct current to alternating "
        "current.\n\nSolar farms cover fields.\n\nSolar power is cheap.\n\nAn installation "
        "takes a day.\n\nBatteries store energy overnight.\n",
        encoding="utf-8",
    )
    answer = QABot.from_path(tmp_path).ask("What does an inverter do in a solar installation?")
    assert answer.quotes[0].text.startswith("An inverter converts")


def test_a_passage_ending_in_a_colon_is_quoted_with_what_it_introduces(tmp_path):
    from qa_bot import QABot

    (tmp_path / "guide.md").write_text(
        "# Guide\n\n## Naming\n\nA template names each file.\n\n"
        "The default template is:\n\n    {year}/{month}/{name}\n\n"
        "Each slash starts a new folder.\n\n## Other\n\nNothing else here.\n",
        encoding="utf-8",
    )
    bot = QABot.from_path(tmp_path)
    answer = bot.ask("What is the default template?")
    joined = " ".join(q.text for q in answer.quotes)
    assert "{year}/{month}/{name}" in joined
    check_answer_invariants(bot, answer)


def test_words_the_heading_already_says_do_not_choose_the_answer_sentence(tmp_path):
    """Under the heading "How do I connect to the Wi-Fi?" every sentence is about that;
    the one repeating "connect" and "Wi-Fi" is not the answer — the section opens with it."""
    from qa_bot import QABot

    (tmp_path / "faq.md").write_text(
        "# FAQ\n\n### How do I connect to the Wi-Fi?\n\n"
        "Choose the network Guest and open your browser; you are then connected. "
        "Wi-Fi is free, and each person can connect up to 3 devices to the Wi-Fi.\n\n"
        "### How much does printing cost?\n\nPrinting costs 10 cents a page.\n",
        encoding="utf-8",
    )
    answer = QABot.from_path(tmp_path).ask("How do I connect to the Wi-Fi?")
    assert answer.quotes[0].text.startswith("Choose the network Guest")
