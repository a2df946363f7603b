"""The chat page's behaviour, free of Gradio: answer, show the document, take votes.

Each browser session keeps a `Session` (its turns and the exact Answers shown) on the
server; `qa_bot.web.app` wires these methods to Gradio components, tests call them directly.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from qa_bot.bot import QABot
from qa_bot.checks import check_history
from qa_bot.defaults import DEFAULT_K, DEFAULT_RETRIEVER, MAX_QUESTION_CHARS, MAX_SESSION_TURNS
from qa_bot.errors import EmptyQuestionError, InvalidTypeError, QABotError, QuestionTooLongError
from qa_bot.web.feedback import append_vote, vote_record
from qa_bot.web.limits import recent
from qa_bot.web.render import render_answer, render_document, render_user
from qa_bot.web.session import Session, Turn

log = logging.getLogger(__name__)
BUSY = "\x00busy"  # what the browser sends while its last question is still being answered


def message_text(content: Any) -> str:
    """Chat history content arrives as a string (API) or a list of blocks (browser)."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text", ""))
    if isinstance(content, (list, tuple)):
        return " ".join(message_text(block) for block in content)
    return ""


def user_questions(history: list[Any]) -> list[str]:
    """The earlier questions of a chat history (as typed)."""
    return [
        _typed(message_text(m.get("content")))
        for m in history or []
        if isinstance(m, dict) and m.get("role") == "user"
    ]


def _typed(shown: str) -> str:
    """The question as typed, from its shown form (escaped, maybe in a qa-user block)."""
    prefix, suffix = '<div class="qa-user">', "</div>"
    if shown.startswith(prefix) and shown.endswith(suffix):
        shown = shown[len(prefix) : -len(suffix)].replace("<br>", "\n")
    return html.unescape(shown)


@dataclass(frozen=True)
class Outcome:
    """What one page action leaves: the session, the document shown, a notice (or "")."""

    session: Session
    document: str
    source: str | None = None
    notice: str = ""


class ChatPage:
    """The page's behaviour, independent of Gradio (so it is unit-testable)."""

    def __init__(self, bot: QABot, feedback_path: Path) -> None:
        self.bot = bot
        self.feedback_path = feedback_path

    # --- the page's session-based actions -------------------------------------------------

    def ask(self, question: Any, session: Session, retriever: str, k: float) -> Outcome:
        """Answer `question` as the next turn of `session` (unchanged, with a notice, when
        the question cannot be answered)."""
        text = message_text(question)
        if text == BUSY:
            return Outcome(session, *self.view(session), notice="")
        if len(session.turns) >= MAX_SESSION_TURNS:
            notice = (
                f"This conversation has {MAX_SESSION_TURNS} questions; press Clear to start again."
            )
            return Outcome(session, *self.view(session), notice=notice)
        history = recent(session.questions())
        try:
            answer = self.bot.ask(text, history=history, k=slider_k(k), retriever=retriever)
        except QABotError as err:
            return Outcome(session, *self.view(session), notice=_friendly(err))
        except Exception:  # the page must never die on one question
            log.exception("answering %r failed", text)
            notice = "Sorry, something went wrong answering that. Please try again."
            return Outcome(session, *self.view(session), notice=notice)
        message = render_answer(answer, turn=len(session.turns))
        turn = Turn(text, tuple(history), answer, message, render_user(text))
        done = session.add(turn)
        return Outcome(done, *self.view(done))

    def retry(self, session: Session, retriever: str, k: float) -> Outcome:
        """Ask the last question again (after changing the settings, say)."""
        last = session.last
        if last is None:
            return Outcome(session, *self.view(session), notice="Nothing to retry yet.")
        return self.ask(last.question, session.without_last(), retriever, k)

    def undo(self, session: Session) -> tuple[str, Outcome]:
        """Remove the last turn (and its highlight); its question goes back into the box."""
        last = session.last
        if last is None:
            return "", Outcome(session, *self.view(session))
        earlier = session.without_last()
        return last.question, Outcome(earlier, *self.view(earlier))

    def clear(self) -> Outcome:
        return Outcome(Session(), *self.view(Session()))

    def view(self, session: Session, source: str | None = None) -> tuple[str, str]:
        """(document HTML, its source): the last answer's cited document with its cited
        passages lit, or `source` (the picker's choice) with whatever of it was cited."""
        last = session.last
        cited = last.answer.citations if last else []
        shown = source if source in self.bot.documents else None
        shown = shown or (cited[0].source if cited else next(iter(self.bot.documents)))
        marks = [(p.start, p.end) for p in cited if p.source == shown]
        return self.document_view(shown, marks), shown

    def vote(self, index: Any, liked: bool, session: Session) -> tuple[bool, str]:
        """Save a 👍/👎 for the Answer shown at chat position `index`: (saved?, message)."""
        turn = session.turn_at(index)
        if turn is None:
            return False, "Nothing to vote on there."
        append_vote(self.feedback_path, vote_record(turn.answer, list(turn.history), liked))
        return True, f"Thanks — your {'👍' if liked else '👎'} was saved."

    # --- stateless (the API, and a single rendered reply) ---------------------------------

    def reply(self, message: str, history: list[Any], retriever: str, k: float) -> tuple[str, str]:
        """The chat message for a question and the document view with its citations lit."""
        try:
            questions = user_questions(history)
            check_history(questions)
            answer = self.bot.ask(
                message_text(message), history=questions, k=slider_k(k), retriever=retriever
            )
        except QABotError as err:
            return _notice(_friendly(err)), self.document_view()
        except Exception:  # the page must never die on one question
            log.exception("answering %r failed", message)
            return _notice(
                "Sorry, something went wrong answering that. Please try again."
            ), self.document_view()
        source = answer.citations[0].source if answer.citations else None
        marks = [(p.start, p.end) for p in answer.citations if p.source == source]
        return render_answer(answer), self.document_view(source, marks)

    def chat_api(
        self, message: str, retriever: str = DEFAULT_RETRIEVER, k: int = DEFAULT_K
    ) -> tuple[str, str]:
        """API: the rendered chat message and document view for one question."""
        return self.reply(message, [], retriever, k)

    def document_view(
        self, source: str | None = None, marks: list[tuple[int, int]] | None = None
    ) -> str:
        document = self.bot.documents[source or next(iter(self.bot.documents))]
        return render_document(document, marks or [], title=len(self.bot.documents) > 1)

    def answer_json(
        self,
        question: str,
        history: list[str] | None = None,
        retriever: str = DEFAULT_RETRIEVER,
        k: int = DEFAULT_K,
    ) -> dict[str, Any]:
        """The API endpoint: Answer.to_dict() for a question (and earlier questions)."""
        try:
            check_history(history)
            return self.bot.ask(
                question, history=history or [], k=slider_k(k), retriever=retriever
            ).to_dict()
        except QABotError as err:
            return {"error": str(err)}


def slider_k(value: object) -> int:
    """The page's slider sends k as a float (5.0): a whole number, else InvalidTypeError."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(f"k must be an integer, not {type(value).__name__}")
    return value


def _friendly(err: QABotError) -> str:
    if isinstance(err, EmptyQuestionError):
        return "Please type a question first."
    if isinstance(err, QuestionTooLongError):
        return f"That question is too long — please keep it under {MAX_QUESTION_CHARS} characters."
    return f"I could not use that question: {err}"


def _notice(text: str) -> str:
    return f'<div class="qa-message"><div class="qa-notice">{html.escape(text)}</div></div>'
