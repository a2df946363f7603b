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

from qa_bot.bot import MAX_QUESTION_CHARS, QABot  # noqa: E402
from qa_bot.page import ChatPage  # noqa: E402
from qa_bot.retrievers import RETRIEVERS  # noqa: E402

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
    with gr.Blocks(title="qa_bot") as demo:
        gr.Markdown(f"## qa_bot — ask the {'article' if len(bot.documents) == 1 else 'documents'}")
        gr.HTML(f"<p>{html.escape(titles[:300])}</p>")
        document = gr.HTML(page.document_view(), render=False, elem_id="document")
        with gr.Row():
            with gr.Column(scale=3):
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
                chatbot = gr.Chatbot(
                    elem_id="chat",
                    height=600,
                    buttons=["copy"],
                    label="Chat",
                    sanitize_html=True,
                    render=False,
                )
                gr.ChatInterface(
                    page.reply,
                    chatbot=chatbot,
                    textbox=gr.Textbox(
                        elem_id="question",
                        placeholder="Ask about the article…",
                        max_length=MAX_QUESTION_CHARS,
                        show_label=False,
                        render=False,
                    ),
                    additional_inputs=[retriever, k],
                    additional_outputs=[document],
                    examples=[[q, bot.retriever, bot.k] for q in EXAMPLES],
                    example_labels=list(EXAMPLES),
                    api_name="chat",
                    fill_height=False,
                )
                status = gr.Markdown(elem_id="vote-status")
                gr.Markdown(f"👍/👎 votes are saved to `{feedback_path}`", elem_id="feedback-path")
            with gr.Column(scale=2):
                document.render()  # type: ignore[no-untyped-call]

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
