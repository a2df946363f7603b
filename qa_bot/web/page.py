"""The chat page's behaviour, free of Gradio: answer, show the document, take votes.

`qa_bot.web.app` wires these methods to Gradio components; tests call them directly.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import Any

from qa_bot.bot import QABot
from qa_bot.defaults import MAX_QUESTION_CHARS
from qa_bot.web.feedback import append_vote, vote_record
from qa_bot.web.render import render_answer, render_document

log = logging.getLogger(__name__)


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
    """The earlier questions of this browser session's conversation (as typed)."""
    return [
        html.unescape(message_text(m.get("content")))
        for m in history or []
        if isinstance(m, dict) and m.get("role") == "user"
    ]


class ChatPage:
    """The page's behaviour, independent of Gradio (so it is unit-testable)."""

    def __init__(self, bot: QABot, feedback_path: Path) -> None:
        self.bot = bot
        self.feedback_path = feedback_path

    def reply(self, message: str, history: list[Any], retriever: str, k: float) -> tuple[str, str]:
        """The chat message for a question and the document view with its citations lit."""
        try:
            answer = self.bot.ask(
                message_text(message),
                history=user_questions(history),
                k=int(k),
                retriever=retriever,
            )
        except (ValueError, TypeError) as err:
            return _notice(_friendly(err)), self.document_view()
        except Exception:  # the page must never die on one question
            log.exception("answering %r failed", message)
            return _notice(
                "Sorry, something went wrong answering that. Please try again."
            ), self.document_view()
        source = answer.citations[0].source if answer.citations else None
        marks = [(p.start, p.end) for p in answer.citations if p.source == source]
        return render_answer(answer, self.bot.index.analyzer), self.document_view(source, marks)

    def submit(
        self, message: str, history: list[Any], retriever: str, k: float
    ) -> tuple[str, list[Any], str]:
        """One chat turn: (cleared question box, history with the turn added, document view)."""
        text = message_text(message)
        reply, document = self.reply(text, history, retriever, k)
        # shown as typed: the chat renders HTML, so the question is stored escaped
        turn = [{"role": "user", "content": html.escape(text)}] if text.strip() else []
        return "", [*(history or []), *turn, {"role": "assistant", "content": reply}], document

    def retry(self, history: list[Any], retriever: str, k: float) -> tuple[str, list[Any], str]:
        """Ask the last question again (after changing the settings, say)."""
        question, earlier = self.undo(history)
        if not question:
            return "", list(history or []), self.document_view()
        return self.submit(question, earlier, retriever, k)

    @staticmethod
    def undo(history: list[Any]) -> tuple[str, list[Any]]:
        """Remove the last turn; its question goes back into the box."""
        messages = list(history or [])
        for index in range(len(messages) - 1, -1, -1):
            if isinstance(messages[index], dict) and messages[index].get("role") == "user":
                question = html.unescape(message_text(messages[index].get("content")))
                return question, messages[:index]
        return "", []

    def chat_api(self, message: str, retriever: str = "hybrid", k: int = 5) -> tuple[str, str]:
        """API: the rendered chat message and document view for one question."""
        return self.reply(message, [], retriever, k)

    def document_view(
        self, source: str | None = None, marks: list[tuple[int, int]] | None = None
    ) -> str:
        document = self.bot.documents[source or next(iter(self.bot.documents))]
        return render_document(document, marks or [])

    def vote(self, index: int, liked: bool, history: list[Any], retriever: str, k: float) -> str:
        """Save a 👍/👎 for the answer at chat position `index`; returns a status line."""
        before = history[:index]
        questions = user_questions(before)
        if not questions:
            return "Nothing to vote on."
        answer = self.bot.ask(questions[-1], history=questions[:-1], k=int(k), retriever=retriever)
        append_vote(self.feedback_path, vote_record(answer, questions[:-1], liked))
        return f"Thanks — your {'👍' if liked else '👎'} was saved to {self.feedback_path}."

    def answer_json(
        self, question: str, history: list[str] | None = None, retriever: str = "hybrid", k: int = 5
    ) -> dict[str, Any]:
        """The API endpoint: Answer.to_dict() for a question (and earlier questions)."""
        try:
            return self.bot.ask(
                question, history=history or [], k=int(k), retriever=retriever
            ).to_dict()
        except (ValueError, TypeError) as err:
            return {"error": str(err)}


def _friendly(err: Exception) -> str:
    text = str(err)
    if "empty" in text:
        return "Please type a question about the article."
    if "characters long" in text:
        return f"That question is too long — please keep it under {MAX_QUESTION_CHARS} characters."
    return f"I could not use that question: {text}"


def _notice(text: str) -> str:
    return f'<div class="qa-message"><div class="qa-notice">{html.escape(text)}</div></div>'
