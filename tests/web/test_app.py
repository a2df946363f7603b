"""The chat web page end to end: the real Gradio server, headless Chromium and gradio_client.

Browser tests are marked `browser` and skip (with the reason) when /usr/bin/chromium or the
playwright package is missing. See /work/shared/notes/gradio-6-and-browser-tests.md.
"""

from __future__ import annotations

import os

for _key, _value in {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
}.items():
    os.environ.setdefault(_key, _value)

import inspect  # noqa: E402
import json  # noqa: E402
import socket  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402
from urllib.parse import urlsplit  # noqa: E402

import pytest  # noqa: E402

from qa_bot import QABot  # noqa: E402

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
TIMEOUT_MS = 15_000
QUESTION = "#question textarea"
ANSWERS = '[data-testid="bot"] .qa-message'
FOUND = "What are the weaknesses of generative AI?"
STRENGTHS = "What are the strengths of LLMs?"
FOLLOW_UP = "And their weaknesses?"
REFUSED = "What is the capital of France?"
EVIL_CORPUS = (
    '<script>document.title="pwned2"</script> and <img src=x onerror=alert(1)> '
    "text about fine-tuning\n\n"
    "Fine-tuning: fine-tuning adapts a pretrained model to a narrow task with a small "
    'labelled dataset. <script>document.title="pwned2"</script> and '
    "<img src=x onerror=alert(1)> text about fine-tuning.\n\n"
    "Pretraining: a model first learns general patterns from a very large corpus of text.\n"
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    url: str
    feedback: Path
    demo: Any


def start(bot: QABot, feedback: Path) -> Server:
    """web.app.launch on a free local port; launch returns (FastAPI app, local url, share)."""
    import qa_bot.web.app

    app, url, _ = qa_bot.web.app.launch(
        bot,
        feedback,
        host="127.0.0.1",
        port=free_port(),
        prevent_thread_lock=True,
        quiet=True,
    )
    return Server(url, feedback, app.get_blocks())


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    feedback = tmp_path_factory.mktemp("app") / "votes" / "feedback.jsonl"
    running = start(QABot.default(), feedback)
    try:
        yield running
    finally:
        running.demo.close()


@pytest.fixture(scope="module")
def browser_context() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(f"browser tests need Chromium at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        pytest.skip("browser tests need the playwright package (pip install playwright==1.65.2)")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context
        finally:
            context.close()
            browser.close()


@dataclass
class Tab:
    page: Any
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def open(self, url: str) -> None:
        from playwright.sync_api import expect

        self.page.goto(url, wait_until="domcontentloaded")
        expect(self.page.locator(QUESTION)).to_be_visible()

    def ask(self, question: str) -> tuple[Any, float]:
        """Type a question, press Enter, wait for its answer; (answer locator, seconds)."""
        from playwright.sync_api import expect

        answers = self.page.locator(ANSWERS)
        before = answers.count()
        box = self.page.locator(QUESTION)
        box.fill(question)
        started = time.perf_counter()
        box.press("Enter")
        expect(answers).to_have_count(before + 1)
        elapsed = time.perf_counter() - started
        return answers.nth(before), elapsed


@pytest.fixture
def tab(browser_context: Any) -> Iterator[Tab]:
    page = browser_context.new_page()
    opened = Tab(page)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("websocket", lambda socket_: opened.requests.append(socket_.url))

    def on_dialog(dialog: Any) -> None:
        opened.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    try:
        yield opened
    finally:
        page.close()


# --- launch ---------------------------------------------------------------------------------------


def test_launch_signature_forwards_options() -> None:
    import qa_bot.web.app

    params = inspect.signature(qa_bot.web.app.launch).parameters
    assert list(params)[:2] == ["bot", "feedback_path"]
    assert params["host"].default == "127.0.0.1"
    assert params["share"].default is False
    assert any(p.kind is inspect.Parameter.VAR_KEYWORD for p in params.values())
    assert "ssr_mode=False" in inspect.getsource(qa_bot.web.app.launch)


# --- the page in Chromium -----------------------------------------------------------------------


@pytest.mark.browser
def test_ask_shows_cited_answer_and_document(server: Server, tab: Tab) -> None:
    from playwright.sync_api import expect

    tab.open(server.url)
    answer, _ = tab.ask(FOUND)
    expect(answer).to_contain_text("Quality Control")
    expect(answer).to_contain_text("Weaknesses of Generative AI")
    expect(answer.locator("sup").first).to_have_text("[1]")
    expect(answer.locator("mark").first).to_be_visible()
    cited = tab.page.locator("#document mark.qa-cited")
    expect(cited.first).to_be_visible()
    expect(cited.first).to_contain_text("Quality Control")
    expect(tab.page.locator("#document")).to_contain_text("Sections")
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / "chat.png"), full_page=True)
    assert (ARTIFACTS / "chat.png").stat().st_size > 10_000
    assert tab.dialogs == []


@pytest.mark.browser
def test_follow_up_uses_the_conversation(server: Server, tab: Tab) -> None:
    from playwright.sync_api import expect

    tab.open(server.url)
    first, _ = tab.ask(STRENGTHS)
    expect(first).to_contain_text("Strengths of LLMs")
    second, _ = tab.ask(FOLLOW_UP)
    expect(second).to_contain_text("Hallucinations")
    expect(second).to_contain_text("understood as")
    expect(second).to_contain_text("LLMs")
    expect(tab.page.locator("#document mark.qa-cited").first).to_contain_text("Hallucinations")


@pytest.mark.browser
def test_off_topic_question_is_refused(server: Server, tab: Tab) -> None:
    from playwright.sync_api import expect

    tab.open(server.url)
    answer, _ = tab.ask(REFUSED)
    expect(answer).to_contain_text("does not cover")
    expect(answer).to_contain_text("Related reading")
    expect(answer).not_to_contain_text("Sources")
    expect(tab.page.locator("#document mark.qa-cited")).to_have_count(0)


@pytest.mark.browser
def test_like_saves_a_vote(server: Server, tab: Tab) -> None:
    from playwright.sync_api import expect

    question = "How do GANs work?"
    tab.open(server.url)
    answer, _ = tab.ask(question)
    expect(answer).to_contain_text("[1]")
    tab.page.get_by_role("button", name="Like", exact=True).last.click()
    expect(tab.page.locator("#vote-status")).to_contain_text("saved")

    deadline = time.monotonic() + 10
    votes: list[dict[str, Any]] = []
    while time.monotonic() < deadline:
        if server.feedback.exists():
            lines = server.feedback.read_text(encoding="utf-8").splitlines()
            votes = [json.loads(line) for line in lines]
            if any(v["vote"] == "up" and v["question"] == question for v in votes):
                break
        time.sleep(0.1)
    mine = [v for v in votes if v["question"] == question]
    assert mine, f"no vote for {question!r} in {server.feedback}: {votes}"
    assert mine[-1]["vote"] == "up"
    assert mine[-1]["history"] == []
    assert mine[-1]["found"] is True
    assert mine[-1]["quotes"]


@pytest.mark.browser
def test_html_in_questions_and_corpus_never_runs(server: Server, tab: Tab, tmp_path: Path) -> None:
    from playwright.sync_api import expect

    tab.open(server.url)
    answer, _ = tab.ask("<img src=x onerror=\"document.title='pwned'\">What is fine-tuning?")
    expect(answer).to_contain_text("Fine-Tuning")
    tab.page.wait_for_timeout(300)  # give a broken <img> time to fire onerror
    assert tab.page.title() not in {"pwned", "pwned2"}
    assert tab.page.locator("[onerror]").count() == 0

    corpus = tmp_path / "evil.txt"
    corpus.write_text(EVIL_CORPUS, encoding="utf-8")
    evil = start(QABot.from_path(corpus), tmp_path / "feedback.jsonl")
    try:
        tab.open(evil.url)
        document = tab.page.locator("#document")
        expect(document).to_contain_text('<script>document.title="pwned2"</script>')
        answer, _ = tab.ask("What is fine-tuning?")
        expect(answer).to_contain_text("adapts a pretrained model")
        expect(answer).to_contain_text("<img src=x onerror=alert(1)>")  # shown as text
        tab.page.wait_for_timeout(300)
        assert tab.page.title() not in {"pwned", "pwned2"}
        assert tab.page.title() == "qa_bot"
        assert tab.page.locator("[onerror]").count() == 0
        assert tab.page.locator("#document script, [data-testid='bot'] script").count() == 0
    finally:
        evil.demo.close()
    assert tab.dialogs == []


@pytest.mark.browser
def test_page_only_talks_to_the_local_server(server: Server, tab: Tab) -> None:
    from playwright.sync_api import expect

    tab.open(server.url)
    answer, _ = tab.ask("What is fine-tuning?")
    expect(answer).to_contain_text("Fine-Tuning")
    tab.page.get_by_role("button", name="Like", exact=True).last.click()
    expect(tab.page.locator("#vote-status")).to_contain_text("saved")
    assert tab.requests
    remote = [
        url
        for url in tab.requests
        if urlsplit(url).scheme not in {"data", "blob", "about"}
        and urlsplit(url).hostname not in LOCAL_HOSTS
    ]
    assert remote == []


@pytest.mark.browser
def test_time_from_enter_to_answer(server: Server, tab: Tab) -> None:
    from playwright.sync_api import expect

    tab.open(server.url)
    timings = []
    for question, expected in [
        ("What is fine-tuning?", "Fine-Tuning"),
        (FOUND, "Quality Control"),
        ("How do GANs work?", "[1]"),
        (REFUSED, "does not cover"),
        (FOLLOW_UP, "[1]"),
    ]:
        answer, seconds = tab.ask(question)
        expect(answer).to_contain_text(expected)
        timings.append((question, seconds))
    print()
    for question, seconds in timings:
        print(f"Enter→answer {seconds * 1000:7.0f} ms  {question}")
    values = [s for _, s in timings]
    mean, worst = sum(values) / len(values) * 1000, max(values) * 1000
    print(f"Enter→answer mean {mean:.0f} ms, max {worst:.0f} ms")


# --- the API through gradio_client --------------------------------------------------------------


@pytest.fixture(scope="module")
def client(server: Server) -> Any:
    from gradio_client import Client

    return Client(server.url, verbose=False)


def test_api_answer(client: Any) -> None:
    result = client.predict("What is fine-tuning?", [], "hybrid", 5, api_name="/answer")
    assert isinstance(result, dict)
    assert result["found"] is True
    assert result["citations"]
    assert result["quotes"]
    assert "fine-tuned" in result["text"]
    assert result["citations"][0]["number"] == 1


def test_api_answer_follow_up(client: Any) -> None:
    result = client.predict(FOLLOW_UP, [STRENGTHS], "hybrid", 5, api_name="/answer")
    assert "LLMs" in result["query"]
    assert any("Hallucinations" in q["text"] for q in result["quotes"])


@pytest.mark.parametrize(
    ("args", "match"),
    [(("",), "empty"), (("x" * 5000,), "characters long"), (("What?", [], "nope", 5), "retriever")],
)
def test_api_answer_bad_input(client: Any, args: tuple[Any, ...], match: str) -> None:
    result = client.predict(*args, api_name="/answer")
    assert set(result) == {"error"}
    assert match in result["error"]


def test_api_chat(client: Any) -> None:
    message, document = client.predict("What is fine-tuning?", "hybrid", 5, api_name="/chat")
    assert "Fine-Tuning" in str(message)
    assert "qa-cited" in document
