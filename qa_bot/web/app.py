"""The chat web page (Gradio 6): a thin shell that renders what QABot.ask returns.

Gradio is imported here only, and only when the page is asked for.
"""

from __future__ import annotations

import html
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
from qa_bot.defaults import MAX_QUESTION_CHARS, RETRIEVERS  # noqa: E402
from qa_bot.web.page import ChatPage  # noqa: E402

EXAMPLES = (
    "What is fine-tuning?",
    "What are the weaknesses of generative AI?",
    "How do GANs work?",
    "What is the capital of France?",
)
CSS = """
.qa-answer { font-size: 1.05em; }
.qa-refusal { font-weight: 600; }
.qa-meta { margin: .4em 0; font-size: .85em; opacity: .85; }
.qa-confidence { padding: 0 .4em; border-radius: .4em; border: 1px solid currentColor; }
.qa-where { margin-top: .6em; font-size: .9em; }
.qa-document { max-height: 640px; overflow-y: auto; font-size: .9em; }
.qa-outline ul { margin: .2em 0 .8em 1em; }
.qa-outline .qa-level-2 { margin-left: 1em; }
mark { padding: 0 .1em; }
"""


def build_app(bot: QABot, feedback_path: Path) -> Any:
    """The Gradio Blocks for the chat page."""
    page = ChatPage(bot, feedback_path)
    titles = ", ".join(d.title for d in bot.documents.values())
    noun = "article" if len(bot.documents) == 1 else "documents"
    with gr.Blocks(title="qa_bot") as demo:
        gr.Markdown(f"## qa_bot — ask the {noun}")
        gr.HTML(f"<p>{html.escape(titles[:300])}</p>")
        with gr.Row():
            with gr.Column(scale=3):
                chatbot = gr.Chatbot(
                    elem_id="chat",
                    height=560,
                    buttons=["copy"],
                    label="Chat",
                    sanitize_html=True,
                    placeholder=f"Ask a question about the {noun}.",
                )
                with gr.Row():
                    box = gr.Textbox(
                        elem_id="question",
                        placeholder=f"Ask about the {noun}…",
                        max_length=MAX_QUESTION_CHARS,
                        show_label=False,
                        scale=6,
                        autofocus=True,
                        submit_btn=False,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                with gr.Row():
                    retry = gr.Button("↻ Retry", size="sm", elem_id="retry")
                    undo = gr.Button("↶ Undo", size="sm", elem_id="undo")
                    clear = gr.Button("🗑 Clear", size="sm", elem_id="clear")
                gr.Markdown("**Examples**")
                with gr.Row():
                    examples = [gr.Button(q, size="sm") for q in EXAMPLES]
                with gr.Accordion("Settings", open=False):
                    retriever = gr.Dropdown(
                        list(RETRIEVERS),
                        value=bot.retriever,
                        label="Retriever",
                        elem_id="retriever",
                    )
                    k = gr.Slider(
                        1, 10, value=bot.k, step=1, label="Sources to retrieve (k)", elem_id="k"
                    )
                status = gr.Markdown(elem_id="vote-status")
                gr.Markdown(f"👍/👎 votes are saved to `{feedback_path}`", elem_id="feedback-path")
            with gr.Column(scale=2):
                document = gr.HTML(page.document_view(), elem_id="document")

        turn = {
            "outputs": [box, chatbot, document],
            "show_progress": "hidden",
            "api_visibility": "private",
        }
        box.submit(page.submit, [box, chatbot, retriever, k], **turn)  # type: ignore[arg-type]
        send.click(page.submit, [box, chatbot, retriever, k], **turn)  # type: ignore[arg-type]
        retry.click(page.retry, [chatbot, retriever, k], **turn)  # type: ignore[arg-type]
        undo.click(page.undo, [chatbot], [box, chatbot], api_visibility="private")
        clear.click(
            lambda: ([], page.document_view(), ""),
            None,
            [chatbot, document, status],
            api_visibility="private",
        )
        for button, question in zip(examples, EXAMPLES, strict=True):
            button.click(
                lambda history, name, size, q=question: page.submit(q, history, name, size),
                [chatbot, retriever, k],
                **turn,  # type: ignore[arg-type]
            )

        def on_vote(data: gr.LikeData, history: list[Any], name: str, size: float) -> str:
            index = data.index[0] if isinstance(data.index, (list, tuple)) else data.index
            return page.vote(int(index), bool(data.liked), history, name, size)

        chatbot.like(
            on_vote, inputs=[chatbot, retriever, k], outputs=status, api_visibility="private"
        )
        document.change(  # bring the first cited passage into view
            None, js="() => document.getElementById('qa-cited')?.scrollIntoView({block: 'center'})"
        )
        gr.api(page.answer_json, api_name="answer")  # type: ignore[attr-defined]
        gr.api(page.chat_api, api_name="chat")  # type: ignore[attr-defined]
    return demo


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
    demo.queue(default_concurrency_limit=16, max_size=512)
    theme = gr.themes.Default(
        font=["ui-sans-serif", "system-ui", "sans-serif"],
        font_mono=["ui-monospace", "monospace"],
    )
    return demo.launch(
        server_name=host,
        server_port=port,
        share=share,
        theme=theme,
        css=CSS,
        footer_links=["api"],
        ssr_mode=False,
        **kwargs,
    )
