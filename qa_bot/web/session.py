"""One browser session's conversation, kept on the server: each turn's question, the
history it was asked with, and the exact Answer shown (so a vote records that Answer)."""

from __future__ import annotations

from dataclasses import dataclass

from qa_bot.answering.answer import Answer


@dataclass(frozen=True)
class Turn:
    question: str  # as typed
    history: tuple[str, ...]  # the earlier questions it was asked with
    answer: Answer
    message: str  # the chat message shown (HTML)
    user: str  # the question as shown (HTML, literal text)


@dataclass(frozen=True)
class Session:
    turns: tuple[Turn, ...] = ()

    def messages(self) -> list[dict[str, str]]:
        """The chat: a user message and the answer for every turn (no notices)."""
        out: list[dict[str, str]] = []
        for turn in self.turns:
            out += [
                {"role": "user", "content": turn.user},
                {"role": "assistant", "content": turn.message},
            ]
        return out

    def questions(self) -> list[str]:
        return [turn.question for turn in self.turns]

    def turn_at(self, index: object) -> Turn | None:
        """The turn whose answer is chat message `index`; None for anything else."""
        if isinstance(index, bool) or not isinstance(index, int):
            return None
        if index < 0 or index % 2 != 1 or index // 2 >= len(self.turns):
            return None
        return self.turns[index // 2]

    def add(self, turn: Turn) -> Session:
        return Session((*self.turns, turn))

    def without_last(self) -> Session:
        return Session(self.turns[:-1])

    @property
    def last(self) -> Turn | None:
        return self.turns[-1] if self.turns else None
