"""The chat web page (Gradio 6): a thin shell that renders what QABot.ask returns.

Gradio is imported here only, and only when the page is asked for. Each session's turns
(and the Answers shown) live in a server-side gr.State; the chat is never sent back up.
"""

from __future__ import annotations

import html
import json
import os
from pathlib import Path
from typing import Any

OFFLINE_ENV = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}
for _key, _value in OFFLINE_ENV.items():
    os.environ.setdefault(_key, _value)

import gradio as gr  # noqa: E402  (after the offline settings)

from qa_bot.bot import QABot  # noqa: E402
from qa_bot.defaults import MAX_QUESTION_CHARS  # noqa: E402
from qa_bot.web.assets import CSS, HEAD  # noqa: E402
from qa_bot.web.examples import corpus_examples  # noqa: E402
from qa_bot.web.page import ChatPage, Outcome  # noqa: E402
from qa_bot.web.session import Session  # noqa: E402

RETRIEVER_CHOICES = [
    ("Both (recommended)", "hybrid"),
    ("Exact words (BM25)", "bm25"),
    ("Word weights (TF-IDF)", "tfidf"),
]
API_CONCURRENCY = 16  # as before: 64 measured no better (see the issue-13 report)
QUEUE_CONCURRENCY = 16
QUEUE_MAX_SIZE = 1024
# Queue positions every 10 s, not Gradio's "auto" (an estimation message to every waiting
# event each time one starts, so quadratic in the queue's length). Server CPU per queued
# request fell in noisy A/B runs (docs/load.md); answers take milliseconds, waits are short.
STATUS_UPDATE_RATE: float = 10.0


def corpus_name(bot: QABot) -> str:
    """The corpus as the header names it, once: the title, or the folder and a count."""
    if len(bot.documents) == 1:
        return next(iter(bot.documents.values())).title
    folder = Path(bot.corpus).name if bot.corpus else "the corpus"
    return f"{folder} ({len(bot.documents)} documents)"


def build_app(bot: QABot, feedback_path: Path) -> Any:
    """The Gradio Blocks for the chat page."""
    page = ChatPage(bot, feedback_path)
    examples = corpus_examples(bot)
    several = len(bot.documents) > 1
    noun = "documents" if several else "article"
    first_view, first_source = page.view(Session())
    with gr.Blocks(title="qa_bot") as demo:
        gr.HTML(
            f'<header class="qa-header"><h1>Ask {html.escape(corpus_name(bot))}</h1>'
            f"<p>Answers are sentences quoted from the {noun}, with their sources.</p></header>"
        )
        session = gr.State(Session())
        pending = gr.Textbox(visible=False, elem_id="pending")
        with gr.Row():
            with gr.Column(scale=3, min_width=320):
                chatbot = gr.Chatbot(
                    elem_id="chat",
                    height=560,
                    buttons=[],
                    label="Chat",
                    show_label=False,
                    sanitize_html=True,
                    latex_delimiters=[],
                    autoscroll=False,
                    placeholder=f"Ask a question about the {noun}.",
                )
                with gr.Row():
                    box = gr.Textbox(
                        elem_id="question",
                        label="Your question",
                        placeholder=f"Ask about the {noun}…",
                        max_length=MAX_QUESTION_CHARS,
                        show_label=False,
                        scale=6,
                        autofocus=True,
                        submit_btn=False,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                with gr.Row():
                    retry = gr.Button("↻ Ask again", size="sm", elem_id="retry")
                    undo = gr.Button("↶ Undo", size="sm", elem_id="undo")
                    clear = gr.Button("Clear", size="sm", elem_id="clear")
                if examples:
                    gr.HTML('<p class="qa-examples-title">Try asking</p>')
                    with gr.Row(elem_id="examples"):
                        buttons = [gr.Button(q, size="sm") for q in examples]
                with gr.Accordion("Settings", open=False):
                    retriever = gr.Radio(
                        RETRIEVER_CHOICES,
                        value=bot.retriever,
                        label="How to find passages",
                        info="Both combines exact word matches with word weights; "
                        "it is usually best.",
                        elem_id="retriever",
                    )
                    k = gr.Slider(
                        1,
                        10,
                        value=bot.k,
                        step=1,
                        label="Passages to consider",
                        info="More passages find more, but may quote less closely.",
                        elem_id="k",
                    )
            with (
                gr.Column(scale=2, min_width=300),
                gr.Accordion("Document", open=True, elem_id="doc-panel"),
            ):
                picker = gr.Dropdown(
                    [(d.title, source) for source, d in bot.documents.items()],
                    value=first_source,
                    label="Document",
                    visible=several,
                    elem_id="picker",
                )
                document = gr.HTML(first_view, elem_id="document")

        def shown(outcome: Outcome) -> tuple[Any, ...]:
            if outcome.notice:
                gr.Warning(outcome.notice)
            return (
                outcome.session.messages(),
                outcome.document,
                outcome.session,
                outcome.source,
            )

        def on_ask(question: str, state: Session, name: str, size: float) -> tuple[Any, ...]:
            outcome = page.ask(question, state, name, size)
            box_value = question if outcome.notice and outcome.session is state else gr.skip()
            return (box_value, *shown(outcome))

        def on_retry(state: Session, name: str, size: float) -> tuple[Any, ...]:
            return shown(page.retry(state, name, size))

        def on_undo(state: Session) -> tuple[Any, ...]:
            question, outcome = page.undo(state)
            return (question, *shown(outcome))

        def on_clear() -> tuple[Any, ...]:
            return ("", *shown(page.clear()))

        def on_pick(state: Session, source: str) -> str:
            return page.view(state, source)[0]

        def on_vote(data: gr.LikeData, state: Session) -> None:
            index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
            saved, message = page.vote(index, bool(data.liked), state)
            if saved:
                gr.Info(message)
                print(f"vote saved to {feedback_path}", flush=True)
            else:
                gr.Warning(message)

        private: dict[str, Any] = {"api_visibility": "private"}
        view = [chatbot, document, session, picker]
        answer = {"show_progress": "minimal", "show_progress_on": [chatbot], **private}
        done = "() => window.qaDone && window.qaDone()"
        show = "(q, chat) => window.qaShow(q, chat)"
        triggers = [(box.submit, show), (send.click, show)]
        if examples:
            triggers += [
                (b.click, f"(q, chat) => window.qaShow({json.dumps(q)}, chat)")
                for b, q in zip(buttons, examples, strict=True)
            ]
        for trigger, script in triggers:
            trigger(None, [box, chatbot], [pending, box, chatbot], js=script, **private).then(
                on_ask, [pending, session, retriever, k], [box, *view], **answer
            ).then(None, js=done, **private)
        retry.click(on_retry, [session, retriever, k], view, **answer).then(
            None, js=done, **private
        )
        undo.click(on_undo, [session], [box, *view], **private)
        clear.click(on_clear, None, [box, *view], **private)
        picker.input(on_pick, [session, picker], [document], **private)
        chatbot.like(on_vote, [session], None, **private)
        demo.load(None, js="() => window.qaNarrow && window.qaNarrow()")
        gr.api(  # type: ignore[attr-defined]
            page.answer_json, api_name="answer", concurrency_limit=API_CONCURRENCY
        )
        gr.api(  # type: ignore[attr-defined]
            page.chat_api, api_name="chat", concurrency_limit=API_CONCURRENCY
        )
    return demo


def theme() -> Any:
    """System fonts (nothing fetched) and an Ask button with AA contrast in both schemes."""
    return gr.themes.Default(
        primary_hue="blue",
        font=["ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    ).set(
        button_primary_background_fill="#1d4ed8",
        button_primary_background_fill_hover="#1e40af",
        button_primary_background_fill_dark="#1d4ed8",
        button_primary_background_fill_hover_dark="#1e40af",
        button_primary_text_color="#ffffff",
        button_primary_text_color_dark="#ffffff",
    )


def launch(
    bot: QABot,
    feedback_path: Path,
    host: str = "127.0.0.1",
    port: int = 7860,
    share: bool = False,
    **kwargs: Any,
) -> Any:
    """Build and start the page; returns what Gradio's launch returns."""
    demo = build_app(bot, feedback_path)
    demo.queue(
        default_concurrency_limit=QUEUE_CONCURRENCY,
        max_size=QUEUE_MAX_SIZE,
        status_update_rate=STATUS_UPDATE_RATE,
    )
    return demo.launch(
        server_name=host,
        server_port=port,
        share=share,
        theme=theme(),
        css=CSS,
        head=HEAD,
        footer_links=["api"],
        ssr_mode=False,
        **kwargs,
    )
