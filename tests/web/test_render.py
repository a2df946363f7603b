"""qa_bot.web.render: Answer → safe HTML (pure functions, no Gradio)."""

from __future__ import annotations

import html
import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.answering.answer import Answer
from qa_bot.answering.highlights import matched_spans
from qa_bot.documents.loading import Document
from qa_bot.paths import bundled_article
from qa_bot.web.render import (
    escape,
    highlight,
    passage_html,
    plain_text,
    render_answer,
    render_document,
    render_user,
)

FOUND_QUESTION = "What are the weaknesses of generative AI?"  # the `found` fixture
REFUSED_QUESTION = "What is the capital of France?"  # the `refused` fixture

XSS = ("<script>alert(1)</script>", "<img src=x onerror=alert(1)>")
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr"}


class _Nesting(HTMLParser):
    """Records tag problems: a closing tag that does not close the innermost open tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> while open: {self.stack}")
        else:
            self.stack.pop()


def nesting(markup: str) -> _Nesting:
    parser = _Nesting()
    parser.feed(markup)
    parser.close()
    return parser


def assert_well_nested(markup: str) -> None:
    parser = nesting(markup)
    assert parser.errors == [], markup
    assert parser.stack == [], markup


def text_of(markup: str) -> str:
    """The visible text of escaped markup (tags dropped, <br> back to newlines)."""
    return html.unescape(re.sub(r"<[^>]+>", "", markup.replace("<br>", "\n")))


# --- render_answer -------------------------------------------------------------------------


def test_found_answer_has_cited_quotes(qa: QABot, found: Answer) -> None:
    out = render_answer(found)
    assert found.quotes
    for quote in found.quotes:
        assert (
            f'{escape(quote.text)} <sup><a class="qa-ref" href="#qa-src-0-{quote.citation}"' in out
        )
        assert f'id="qa-src-0-{quote.citation}"' in out  # [n] links to its source
    assert ">[1]</a></sup>" in out
    assert "Quality Control" in out


def test_found_answer_lists_sources_with_section(qa: QABot, found: Answer) -> None:
    out = render_answer(found)
    assert "Sources" in out
    assert "Weaknesses of Generative AI" in out
    assert 'class="qa-source"' in out
    assert "confidence" not in out  # issue 13 item 14: no confidence labels


def test_found_answer_marks_answering_sentences(qa: QABot, found: Answer) -> None:
    out = render_answer(found)
    marked = [text_of(m) for m in re.findall(r"<mark>(.*?)</mark>", out, re.S)]
    assert marked, out
    for quote in found.quotes:
        assert quote.text in marked


def test_found_answer_bolds_matched_query_words(qa: QABot, found: Answer) -> None:
    out = render_answer(found)
    bold = {text_of(s).lower() for s in re.findall(r"<strong>(.*?)</strong>", out, re.S)}
    assert bold, out
    assert {"generative", "ai"} <= bold
    # only query words are bold
    terms = set(found.terms)
    for word in bold:
        assert {t.term for t in qa.index.analyzer.tokens(word)} & terms, word


def test_refusal_says_not_covered_without_sources(qa: QABot, refused: Answer) -> None:
    out = render_answer(refused)
    assert "does not cover" in out
    assert "Related reading — not an answer" in out
    assert "Sources" not in out
    assert "<sup>" not in out
    assert "<mark>" not in out
    assert "confidence" not in out  # issue 13 item 14 (was "confidence: not covered")


@pytest.mark.parametrize(
    "question", ["What's the capital of France?", 'Capital "of" France \u202e?']
)
def test_refusal_quotes_the_question_as_typed(qa: QABot, question: str) -> None:
    answer = qa.ask(question)
    assert not answer.found
    shown = text_of(render_answer(answer))
    assert f"“{question}”" in shown
    assert "\\u202e" not in shown
    assert repr(question) not in shown


def test_plain_text_has_numbered_sources_and_no_markup(qa: QABot, found: Answer) -> None:
    text = plain_text(found)
    assert "[1] " in text
    assert "Sources:" in text
    assert "<" not in text
    out = render_answer(found)
    plain = re.search(r'<span class="qa-plain" hidden>(.*?)</span>', out)
    assert plain
    assert html.unescape(plain.group(1)) == text


def test_user_text_is_one_literal_block() -> None:
    typed = "# Head\n\n![x](http://e.com/t.png) <b>x</b>"
    out = render_user(typed)
    assert "\n" not in out
    assert "<b>" not in out
    assert text_of(out) == typed


def test_passage_lists_stay_lists() -> None:
    out = passage_html("Intro line\n- one\n- two\nEnd", [(0, 5)], [])
    assert out == "<p><mark>Intro</mark> line</p><ul><li>one</li><li>two</li></ul><p>End</p>"


def test_follow_up_shows_understood_query(qa: QABot) -> None:
    answer = qa.ask("And their weaknesses?", history=["What are the strengths of LLMs?"])
    out = render_answer(answer)
    assert "understood as" in out
    assert "Weaknesses of LLMs" in out


@pytest.mark.parametrize(
    "question",
    [
        FOUND_QUESTION,
        REFUSED_QUESTION,
        "What is fine-tuning?",
        "How do GANs work?",
        "What are the strengths of LLMs?",
        "Wat is fine-tunning?",
        "capital\n\n\nof France",
        "What is\r\n\r\nfine-tuning?",
    ],
)
def test_answer_is_one_html_block(qa: QABot, question: str) -> None:
    out = render_answer(qa.ask(question))
    assert "\n\n" not in out
    assert re.search(r"(\r\n|\r|\n)[ \t]*(\r\n|\r|\n)", out) is None  # no markdown blank line
    assert out.startswith('<div class="qa-message">')
    assert out.endswith("</div>")
    assert_well_nested(out)


def test_answer_over_crlf_document_is_one_block(tmp_path: Path) -> None:
    source = tmp_path / "crlf.txt"
    source.write_bytes(bundled_article().read_bytes().replace(b"\n", b"\r\n"))
    bot = QABot.from_path(source)
    answer = bot.ask(FOUND_QUESTION)
    assert answer.found
    out = render_answer(answer)
    assert "\n\n" not in out
    assert re.search(r"(\r\n|\n)[ \t]*(\r\n|\n)", out) is None
    assert_well_nested(out)


@pytest.mark.parametrize("payload", XSS)
def test_question_html_is_escaped_in_the_answer(qa: QABot, payload: str) -> None:
    for question in (payload + " What is fine-tuning?", payload + " capital of France"):
        out = render_answer(qa.ask(question))
        assert "<script" not in out
        assert "<img" not in out


# --- escape / highlight ----------------------------------------------------------------------


@pytest.mark.parametrize("payload", XSS)
def test_escape_neutralises_markup(payload: str) -> None:
    out = escape(payload)
    assert "<script" not in out
    assert "<img" not in out
    assert "<" not in out
    assert ">" not in out
    assert html.unescape(out) == payload


def test_escape_quotes_and_newlines() -> None:
    assert escape("a \"b\" 'c' & d\ne") == "a &quot;b&quot; &#x27;c&#x27; &amp; d<br>e"


@pytest.mark.parametrize("payload", XSS)
@pytest.mark.parametrize(
    ("marks", "strong"),
    [
        ([], []),
        ([(0, 8)], []),
        ([], [(1, 7)]),
        ([(0, 10)], [(1, 7), (12, 15)]),
        ([(3, 20)], [(0, 5)]),
    ],
)
def test_highlight_escapes_text(
    payload: str, marks: list[tuple[int, int]], strong: list[tuple[int, int]]
) -> None:
    out = highlight(payload, marks, strong)
    assert "<script" not in out
    assert "<img" not in out
    assert text_of(out) == payload
    assert_well_nested(out)


@pytest.mark.parametrize(
    ("marks", "strong"),
    [
        ([(2, 6)], [(0, 4)]),  # strong crosses a mark's start
        ([(2, 6)], [(4, 8)]),  # strong crosses a mark's end
        ([(2, 6)], [(0, 10)]),  # strong encloses a mark
        ([(2, 6)], [(3, 5)]),  # strong inside a mark
        ([(2, 6)], [(2, 6)]),  # same span
        ([(2, 6)], [(2, 4), (4, 6)]),  # touching strongs at the edges of a mark
        ([(0, 3), (3, 6)], [(2, 4)]),  # strong across two touching marks
        ([(0, 3), (3, 6)], [(0, 3), (3, 6)]),
        ([(0, 5), (6, 10)], [(4, 7), (0, 1), (9, 10)]),
        ([], [(0, 4), (4, 8)]),
        ([(1, 9)], [(0, 2), (2, 3), (3, 5), (8, 10)]),
    ],
)
def test_highlight_tags_are_well_nested(
    marks: list[tuple[int, int]], strong: list[tuple[int, int]]
) -> None:
    text = "abcdefghij"
    out = highlight(text, marks, strong)
    assert_well_nested(out)
    assert text_of(out) == text
    assert out.count("<mark>") == len(marks)
    marked = re.findall(r"<mark>(.*?)</mark>", out)
    assert [text_of(m) for m in marked] == [text[a:b] for a, b in sorted(marks)]


def test_highlight_keeps_strong_inside_a_mark() -> None:
    assert highlight("one two three", [(0, 13)], [(4, 7)]) == (
        "<mark>one <strong>two</strong> three</mark>"
    )


def test_matched_spans_finds_query_words(qa: QABot) -> None:
    text = "Generative AI <b>generates</b> images; LLMs generate text."
    terms = {t.term for t in qa.index.analyzer.tokens("generative")}
    spans = matched_spans(text, terms, qa.index.analyzer)
    assert spans
    assert all(text[a:b].lower().startswith("generat") for a, b in spans)
    assert list(spans) == sorted(spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in itertools.pairwise(spans))
    assert_well_nested(highlight(text, [], spans))
    assert "<b>" not in highlight(text, [], spans)


# --- render_document -------------------------------------------------------------------------


def test_document_marks_cited_span(qa: QABot, found: Answer) -> None:
    (document,) = qa.documents.values()
    marks = [(p.start, p.end) for p in found.citations]
    out = render_document(document, marks)
    assert out.count('id="qa-cited"') == 1
    cited = re.search(r'<mark class="qa-cited" id="qa-cited">(.*?)</mark>', out, re.S)
    assert cited is not None
    first = found.citations[0]
    assert html.unescape(cited.group(1)) == document.text[first.start : first.end]
    assert_well_nested(out)


def test_document_lists_section_outline(qa: QABot) -> None:
    (document,) = qa.documents.values()
    out = render_document(document)
    assert "Sections" in out
    outline = re.search(r'<details class="qa-outline">(.*?)</details>', out, re.S)
    assert outline is not None
    names = re.findall(r'<a href="#qa-h-(\d+)">(.*?)</a>', outline.group(1))
    assert "Weaknesses of Generative AI" in [html.unescape(n) for _, n in names]
    assert "Strengths and Weaknesses" in [html.unescape(n) for _, n in names]
    for number, _ in names:  # every outline link has its target
        assert f'id="qa-h-{number}"' in out
    assert 'id="qa-cited"' not in out  # nothing cited


def test_every_passage_can_be_cited(qa: QABot) -> None:
    (document,) = qa.documents.values()
    for passage in qa.passages:
        out = render_document(document, [(passage.start, passage.end)])
        cited = re.search(r'<mark class="qa-cited" id="qa-cited">(.*?)</mark>', out, re.S)
        assert cited is not None, passage.id
        assert html.unescape(cited.group(1)) == document.text[passage.start : passage.end]


@pytest.mark.parametrize("markdown", [False, True])
def test_document_html_is_escaped(markdown: bool) -> None:
    text = (
        "# <b>Title</b> <script>alert(1)</script>\n\n"
        "Intro <img src=x onerror=alert(1)> about fine-tuning.\n\n"
        "## <script>alert(2)</script> Section\n\n"
        "Body with <iframe src=x></iframe> & more.\n"
    )
    document = Document(
        "evil.md" if markdown else "evil.txt",
        "<script>alert(0)</script>",
        text,
        "markdown" if markdown else "text",
    )
    start = text.index("Intro")
    out = render_document(document, [(start, start + 30)])
    assert "<script" not in out
    assert "<img" not in out
    assert "<iframe" not in out
    assert "<b>Title" not in out
    assert "&lt;script&gt;" in out
    assert 'id="qa-cited"' in out
    assert_well_nested(out)


def test_markdown_headings_render_without_marks() -> None:
    text = "# Title\n\n## Part <b>one</b>\n\nBody text here.\n"
    out = render_document(Document("a.md", "Title", text, "markdown"))
    assert '<h3 class="qa-doc-title">Title</h3>' in out
    assert re.search(r'<h4 id="qa-h-0" class="qa-heading">Part &lt;b&gt;one&lt;/b&gt;</h4>', out)
    assert "#" not in text_of(out)


@pytest.mark.parametrize(
    ("outcome", "caution"), [("answered", False), ("tentative", True), ("not_covered", False)]
)
def test_a_tentative_answer_carries_a_visible_caution(
    found: Answer, outcome: str, caution: bool
) -> None:
    from dataclasses import replace

    out = render_answer(replace(found, outcome=outcome, found=outcome != "not_covered"))
    assert ('class="qa-tentative"' in out) is caution
    assert "partial match" not in out
