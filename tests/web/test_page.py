"""qa_bot.web.page.ChatPage: the page's behaviour without Gradio or a browser."""

from __future__ import annotations

import html
import json
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from qa_bot import QABot
from qa_bot.checks import check_history
from qa_bot.defaults import MAX_HISTORY_CHARS, MAX_HISTORY_ITEM_CHARS, MAX_HISTORY_ITEMS
from qa_bot.web.limits import recent
from qa_bot.web.page import BUSY, ChatPage, message_text, user_questions
from qa_bot.web.session import Session

STRENGTHS = "What are the strengths of LLMs?"
FOLLOW_UP = "And their weaknesses?"
FOUND = "What are the weaknesses of generative AI?"
REFUSED = "What is the capital of France?"
TRACEBACK_WORDS = ("Traceback", "Error", "Exception", 'File "')


@pytest.fixture(scope="module")
def qa() -> QABot:
    return QABot.default()


@pytest.fixture
def page(qa: QABot, tmp_path: Path) -> ChatPage:
    return ChatPage(qa, tmp_path / "feedback" / "feedback.jsonl")


def browser_history(*turns: tuple[str, str]) -> list[dict[str, Any]]:
    """History as the browser sends it: content is a list of text blocks, plus extra keys."""
    messages: list[dict[str, Any]] = []
    for question, reply in turns:
        for role, text in (("user", question), ("assistant", reply)):
            messages.append(
                {
                    "role": role,
                    "content": [{"type": "text", "text": text}],
                    "metadata": None,
                    "options": None,
                }
            )
    return messages


def api_history(*turns: tuple[str, str]) -> list[dict[str, Any]]:
    """History as gradio_client sends it: content is a plain string."""
    messages: list[dict[str, Any]] = []
    for question, reply in turns:
        messages += [
            {"role": "user", "content": question},
            {"role": "assistant", "content": reply},
        ]
    return messages


SHAPES = pytest.mark.parametrize("shape", [browser_history, api_history], ids=["browser", "api"])


def feedback_lines(page: ChatPage) -> list[dict[str, Any]]:
    if not page.feedback_path.exists():
        return []
    return [json.loads(line) for line in page.feedback_path.read_text("utf-8").splitlines()]


def cited_texts(document_html: str) -> list[str]:
    return [
        html.unescape(m)
        for m in re.findall(r'<mark class="qa-cited"[^>]*>(.*?)</mark>', document_html, re.S)
    ]


# --- helpers ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("plain", "plain"),
        ([{"type": "text", "text": "block"}], "block"),
        ([{"type": "text", "text": "a"}, {"type": "text", "text": "b"}], "a b"),
        ({"type": "text", "text": "dict"}, "dict"),
        ([{"type": "file", "file": {"path": "/x.png"}}], ""),
        (None, ""),
        (42, ""),
    ],
)
def test_message_text(content: Any, text: str) -> None:
    assert message_text(content) == text


@SHAPES
def test_user_questions_both_shapes(shape: Any) -> None:
    history = shape(("q1", "a1"), ("q2", "a2"))
    assert user_questions(history) == ["q1", "q2"]


@pytest.mark.parametrize("history", [None, [], ["not a message", None, {"content": "x"}]])
def test_user_questions_tolerates_junk(history: Any) -> None:
    assert user_questions(history) == []


def test_page_module_does_not_import_gradio() -> None:
    code = (
        "import sys, qa_bot.web.page, qa_bot.web.render, qa_bot.web.feedback;"
        " print('gradio' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    assert done.stdout.strip() == "False"


# --- reply ------------------------------------------------------------------------------------


def test_reply_found(page: ChatPage) -> None:
    message, document = page.reply(FOUND, [], "hybrid", 5)
    assert "Quality Control" in message
    assert "Weaknesses of Generative AI" in message
    assert ">[1]</a></sup>" in message
    assert 'id="qa-cited"' in document
    assert any("Quality Control" in text for text in cited_texts(document))


def test_reply_refusal(page: ChatPage) -> None:
    message, document = page.reply(REFUSED, [], "hybrid", 5)
    assert "does not cover" in message
    assert "Related reading" in message
    assert "qa-cited" not in document
    assert "Sections" in document


@SHAPES
def test_reply_resolves_follow_up(page: ChatPage, shape: Any) -> None:
    first, _ = page.reply(STRENGTHS, [], "hybrid", 5)
    message, document = page.reply(FOLLOW_UP, shape((STRENGTHS, first)), "hybrid", 5)
    assert "Weaknesses of LLMs" in message
    assert "Hallucinations" in message
    assert "understood as" in message
    assert any("Hallucinations" in text for text in cited_texts(document))


@SHAPES
def test_reply_follow_up_needs_history(page: ChatPage, shape: Any) -> None:
    with_history, _ = page.reply(FOLLOW_UP, shape((STRENGTHS, "…")), "hybrid", 5)
    other_history, _ = page.reply(FOLLOW_UP, shape((FOUND, "…")), "hybrid", 5)
    assert "Weaknesses of LLMs" in with_history
    assert "Weaknesses of Generative AI" in other_history
    assert with_history != other_history


@pytest.mark.parametrize(
    ("question", "notice"),
    [
        ("", "Please type a question"),
        ("   ", "Please type a question"),
        ("\n\t \n", "Please type a question"),
        (None, "Please type a question"),
        ("x" * 5000, "too long"),
        ("What is fine-tuning? " * 250, "too long"),
    ],
)
def test_reply_bad_question_gives_friendly_notice(
    page: ChatPage, question: Any, notice: str
) -> None:
    message, document = page.reply(question, [], "hybrid", 5)
    assert "qa-notice" in message
    assert notice in message
    for word in TRACEBACK_WORDS:
        assert word not in message
    assert "\n\n" not in message
    assert "Sections" in document  # the document view stays usable


@pytest.mark.parametrize(("retriever", "k"), [("nope", 5), ("hybrid", 0), ("hybrid", 500)])
def test_reply_bad_settings_give_notice(page: ChatPage, retriever: str, k: float) -> None:
    message, _ = page.reply(FOUND, [], retriever, k)
    assert "qa-notice" in message
    assert "Traceback" not in message


@pytest.mark.parametrize("retriever", ["bm25", "tfidf", "hybrid"])
def test_reply_accepts_float_k_from_slider(page: ChatPage, retriever: str) -> None:
    message, _ = page.reply(FOUND, [], retriever, 3.0)
    assert "Weaknesses of Generative AI" in message
    assert "qa-notice" not in message


def test_reply_escapes_question_html(page: ChatPage) -> None:
    for question in (
        '<img src=x onerror="alert(1)">What is fine-tuning?',
        "<script>alert(1)</script> capital of France",
    ):
        message, document = page.reply(question, [], "hybrid", 5)
        assert "<img" not in message
        assert "<script" not in message
        assert "<script" not in document


def test_reply_survives_unexpected_errors(page: ChatPage, monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("secret internal detail")

    monkeypatch.setattr(page.bot, "ask", boom)
    message, document = page.reply(FOUND, [], "hybrid", 5)
    assert "something went wrong" in message
    assert "secret internal detail" not in message
    assert "Sections" in document


def test_reply_marks_only_citations_of_the_shown_document(tmp_path: Path) -> None:
    """With several documents the view shows the first citation's document; every
    highlighted span must be a passage cited from *that* document."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Apples\n\nApples are red fruit that grow on trees. Apples are sweet and crunchy.\n\n"
        "Pears are green and grow in orchards across the northern valleys, where farmers "
        "pick them in autumn.\n\nPlums are purple and small; they are dried to make prunes "
        "for the winter months.\n",
        encoding="utf-8",
    )
    (corpus / "b.txt").write_text(
        "Bananas\n\nSome intro text here that is fairly long and about tropical things and "
        "weather and more words.\n\nBananas are yellow fruit. Apples are also a fruit that "
        "people love to eat every day.\n",
        encoding="utf-8",
    )
    bot = QABot.from_path(corpus)
    question = "Which fruit are apples?"
    answer = bot.ask(question)
    sources = {p.source for p in answer.citations}
    assert sources == {"a.txt", "b.txt"}, "precondition: both documents are cited"

    _, document = ChatPage(bot, tmp_path / "fb.jsonl").reply(question, [], "hybrid", 5)
    shown = answer.citations[0].source
    expected = [p.text for p in answer.citations if p.source == shown]
    assert cited_texts(document) == expected


# --- vote (the Answer shown, kept in the session; issue 13 items 1-2) -------------------------


def asked(page: ChatPage, *questions: str, retriever: str = "hybrid", k: float = 5) -> Session:
    session = Session()
    for question in questions:
        session = page.ask(question, session, retriever, k).session
    return session


def test_vote_records_question_and_history(page: ChatPage) -> None:
    session = asked(page, STRENGTHS, FOLLOW_UP)
    saved, status = page.vote(3, True, session)
    assert saved
    assert "saved" in status
    assert str(page.feedback_path) not in status  # the path is for the terminal, not the page
    (line,) = feedback_lines(page)
    assert line["vote"] == "up"
    assert line["question"] == FOLLOW_UP
    assert line["history"] == [STRENGTHS]
    assert "LLMs" in line["query"]
    assert line["found"] is True
    assert any("Hallucinations" in q for q in line["quotes"])
    page.vote(1, False, session)
    lines = feedback_lines(page)
    assert len(lines) == 2
    assert lines[1]["vote"] == "down"
    assert lines[1]["question"] == STRENGTHS
    assert lines[1]["history"] == []


def test_vote_records_the_shown_answer_not_current_settings(page: ChatPage) -> None:
    session = asked(page, STRENGTHS, retriever="hybrid", k=5)
    shown = session.turns[0].answer
    page.vote(1, True, session)  # the page's settings may have changed since: not re-asked
    (line,) = feedback_lines(page)
    assert line["retriever"] == "hybrid"
    assert line["passage_ids"] == [p.id for p in shown.citations]


@pytest.mark.parametrize("index", [0, 2, 99, -1, "1", None, True, 1.5])
def test_vote_on_nothing_writes_nothing(page: ChatPage, index: Any) -> None:
    session = asked(page, FOUND)
    saved, status = page.vote(index, True, session)
    assert not saved
    assert "Nothing to vote on" in status
    assert page.vote(1, True, Session()) == (False, "Nothing to vote on there.")
    assert not page.feedback_path.exists()


def test_vote_on_refusal(page: ChatPage) -> None:
    page.vote(1, True, asked(page, REFUSED))
    (line,) = feedback_lines(page)
    assert line["question"] == REFUSED
    assert line["found"] is False
    assert line["quotes"] == []


def test_notices_never_become_turns(page: ChatPage) -> None:
    session = asked(page, FOUND)
    for bad in ("", "   ", "x" * 5000, BUSY):
        outcome = page.ask(bad, session, "hybrid", 5)
        assert outcome.session is session
    assert page.ask("   ", session, "hybrid", 5).notice.startswith("Please type a question")
    assert len(session.messages()) == 2


def test_long_conversation_is_bounded(page: ChatPage, monkeypatch: pytest.MonkeyPatch) -> None:
    import qa_bot.web.page as page_module

    monkeypatch.setattr(page_module, "MAX_SESSION_TURNS", 3)
    session = asked(page, FOUND, FOUND, FOUND)
    outcome = page.ask(FOUND, session, "hybrid", 5)
    assert outcome.session is session
    assert "press Clear" in outcome.notice
    assert len(session.turns[-1].history) <= MAX_HISTORY_ITEMS


@pytest.mark.parametrize(
    ("history", "match"),
    [
        (["q"] * (MAX_HISTORY_ITEMS + 1), "items"),
        (["x" * (MAX_HISTORY_ITEM_CHARS + 1)], "history item 1"),
        (
            ["y" * MAX_HISTORY_ITEM_CHARS] * (MAX_HISTORY_CHARS // MAX_HISTORY_ITEM_CHARS + 1),
            "items|in all",
        ),
        (["x" * 1_000_000], "limit"),
    ],
)
def test_answer_json_rejects_long_history(page: ChatPage, history: list[str], match: str) -> None:
    result = page.answer_json(FOUND, history)
    assert set(result) == {"error"}
    assert re.search(match, result["error"])


def test_recent_keeps_the_latest_questions_within_bounds() -> None:
    questions = [f"q{i} " + "z" * 1500 for i in range(40)]
    kept = recent(questions)
    assert kept == questions[-len(kept) :]
    check_history(kept)


# --- answer_json ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "history"),
    [("What is fine-tuning?", None), (FOUND, []), (REFUSED, []), (FOLLOW_UP, [STRENGTHS])],
)
def test_answer_json_is_answer_to_dict(
    page: ChatPage, qa: QABot, question: str, history: list[str] | None
) -> None:
    result = page.answer_json(question, history, "hybrid", 5)
    assert result == qa.ask(question, history=history, k=5, retriever="hybrid").to_dict()
    json.dumps(result)


def test_answer_json_defaults(page: ChatPage) -> None:
    result = page.answer_json("What is fine-tuning?")
    assert result["found"] is True
    assert result["retriever"] == "hybrid"
    assert result["citations"]


def test_answer_json_follow_up(page: ChatPage) -> None:
    result = page.answer_json(FOLLOW_UP, [STRENGTHS])
    assert "LLMs" in result["query"]
    assert any("Hallucinations" in q["text"] for q in result["quotes"])


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (("",), "empty"),
        (("   ",), "empty"),
        (("x" * 5000,), "characters long"),
        ((None,), "must be a string"),
        ((FOUND, "not a list"), "history"),
        ((FOUND, [1, 2]), "history items"),
        ((FOUND, [], "nope"), "unknown retriever"),
        ((FOUND, [], "hybrid", 0), "between"),
        ((FOUND, [], "hybrid", 1000), "between"),
        ((FOUND, [], "hybrid", "many"), "int"),
        ((FOUND, [], "hybrid", None), "int"),
    ],
)
def test_answer_json_bad_input_returns_error(
    page: ChatPage, args: tuple[Any, ...], match: str
) -> None:
    result = page.answer_json(*args)
    assert set(result) == {"error"}
    assert re.search(match, result["error"])


# --- no shared state ----------------------------------------------------------------------------


def test_pages_do_not_share_conversation_state(qa: QABot, tmp_path: Path) -> None:
    one = ChatPage(qa, tmp_path / "one.jsonl")
    two = ChatPage(qa, tmp_path / "two.jsonl")
    llms = api_history((STRENGTHS, "…"))
    gen_ai = browser_history(("What are the strengths of generative AI?", "…"))

    a1, _ = one.reply(FOLLOW_UP, llms, "hybrid", 5)
    b1, _ = two.reply(FOLLOW_UP, gen_ai, "hybrid", 5)
    a2, _ = one.reply(FOLLOW_UP, llms, "hybrid", 5)
    b2, _ = two.reply(FOLLOW_UP, gen_ai, "hybrid", 5)
    fresh, _ = one.reply(FOLLOW_UP, [], "hybrid", 5)

    assert a1 == a2
    assert b1 == b2
    assert a1 != b1
    assert "Weaknesses of LLMs" in a1
    assert "Weaknesses of Generative AI" in b1
    assert "understood as" not in fresh  # nothing remembered from earlier calls


def test_concurrent_replies_match_sequential(qa: QABot, tmp_path: Path) -> None:
    page = ChatPage(qa, tmp_path / "fb.jsonl")
    cases = [
        (FOLLOW_UP, api_history((STRENGTHS, "…"))),
        (FOLLOW_UP, browser_history(("What are the strengths of generative AI?", "…"))),
        (FOUND, []),
        (REFUSED, []),
        ("What is fine-tuning?", api_history((FOUND, "…"))),
    ] * 4
    expected = [page.reply(q, h, "hybrid", 5) for q, h in cases]
    with ThreadPoolExecutor(max_workers=8) as pool:
        got = list(pool.map(lambda case: page.reply(case[0], case[1], "hybrid", 5), cases))
    assert got == expected


def test_reply_does_not_mutate_history(page: ChatPage) -> None:
    history = browser_history((STRENGTHS, "…"))
    snapshot = json.dumps(history)
    page.reply(FOLLOW_UP, history, "hybrid", 5)
    assert json.dumps(history) == snapshot


def test_ask_appends_one_turn(page: ChatPage) -> None:
    outcome = page.ask("What is fine-tuning?", Session(), "hybrid", 5)
    history = outcome.session.messages()
    assert [m["role"] for m in history] == ["user", "assistant"]
    assert "Fine-Tuning" in history[1]["content"]
    assert "qa-cited" in outcome.document
    again = page.ask("And what are its applications?", outcome.session, "hybrid", 5)
    assert [m["role"] for m in again.session.messages()] == ["user", "assistant"] * 2


def test_ask_shows_the_question_as_text(page: ChatPage) -> None:
    attack = '<img src=x onerror="alert(1)">What is ![x](http://e.com/t.png) fine-tuning?'
    history = page.ask(attack, Session(), "hybrid", 5).session.messages()
    assert "<img" not in history[0]["content"]
    assert history[0]["content"].startswith('<div class="qa-user">')
    assert user_questions(history) == [attack]  # follow-ups still see what was typed


def test_undo_returns_the_last_question_and_drops_its_turn(page: ChatPage) -> None:
    session = asked(page, "What is fine-tuning?", "How do GANs work?")
    question, outcome = page.undo(session)
    assert question == "How do GANs work?"
    assert len(outcome.session.messages()) == 2
    assert any("Fine-Tuning" in t for t in cited_texts(outcome.document))  # its highlight
    assert page.undo(Session())[0] == ""
    assert "qa-cited" not in page.clear().document


def test_retry_answers_the_last_question_again_with_new_settings(page: ChatPage) -> None:
    session = asked(page, "What is fine-tuning?", k=1)
    again = page.retry(session, "bm25", 5).session
    assert len(again.turns) == 1
    assert again.turns[0].question == "What is fine-tuning?"
    assert again.turns[0].answer.retriever == "bm25"


def test_chat_api_renders_one_question(page: ChatPage) -> None:
    message, document = page.chat_api("What is fine-tuning?")
    assert "Fine-Tuning" in message
    assert "qa-cited" in document
