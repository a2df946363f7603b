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
import re  # noqa: E402
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
TOAST = '[data-testid="toast-body"]'
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
        expect(self.page.locator("#ask")).to_be_enabled()  # the last turn has finished
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
    answer.locator("a.qa-ref").first.click()  # [n] opens its source (offsets kept out of view)
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
    expect(tab.page.locator(TOAST)).to_contain_text("saved")

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
    expect(tab.page.locator(TOAST)).to_contain_text("saved")
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


# --- issue 13: the page hardened ------------------------------------------------------------------

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
CONTRAST_JS = """
(selectors) => {
  const rgba = (s) => { const m = s.match(/[\\d.]+/g).map(Number);
    return m.length > 3 ? m : [...m, 1]; };
  const lum = ([r, g, b]) => { const f = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 :
    Math.pow((c + 0.055) / 1.055, 2.4); }; return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
  const over = (top, bottom) => [0, 1, 2].map((i) => top[i] * top[3] + bottom[i] * (1 - top[3]));
  const background = (el) => {
    const layers = [];
    for (let node = el; node; node = node.parentElement) {
      const c = rgba(getComputedStyle(node).backgroundColor);
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    let base = [255, 255, 255];
    const dark = (n) => n.classList.contains('dark');
    if (dark(document.documentElement) || dark(document.body)) base = [0, 0, 0];
    for (const c of layers.reverse()) base = over(c, base);
    return base;
  };
  return selectors.map((sel) => {
    const el = document.querySelector(sel);
    if (!el) return [sel, null];
    const fg = rgba(getComputedStyle(el).color);
    const bg = background(el);
    const a = lum(over(fg, bg)), b = lum(bg);
    return [sel, (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)];
  });
}
"""


def read_votes(path: Path, question: str, timeout: float = 10) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if path.exists():
            votes = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
            mine = [v for v in votes if v["question"] == question]
            if mine:
                return mine
        time.sleep(0.1)
    return []


@pytest.fixture
def make_tab(browser_context: Any) -> Iterator[Any]:
    """New pages with their own viewport / colour scheme (closed afterwards)."""
    contexts: list[Any] = []

    def make(viewport: dict[str, int] = DESKTOP, scheme: str = "light") -> Tab:
        browser = browser_context.browser
        context = browser.new_context(
            viewport=viewport,
            color_scheme=scheme,
            permissions=["clipboard-read", "clipboard-write"],
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        opened = Tab(context.new_page())
        opened.page.on("request", lambda request: opened.requests.append(request.url))
        return opened

    yield make
    for context in contexts:
        context.close()


@pytest.mark.browser
def test_vote_records_the_answer_shown_not_a_new_one(server: Server, make_tab: Any) -> None:
    """Item 1: ask with defaults, switch to bm25 and k=1, vote: the shown Answer is saved."""
    from playwright.sync_api import expect

    question = "What are the strengths of LLMs?"
    shown = server_bot().ask(question).to_dict()
    tab = make_tab()
    tab.open(server.url)
    tab.ask(question)
    tab.page.get_by_text("Settings").click()
    tab.page.get_by_label("Exact words (BM25)").check()
    tab.page.locator("#k input[type=number]").fill("1")
    tab.page.locator("#k input[type=number]").press("Enter")
    tab.page.get_by_role("button", name="Like", exact=True).last.click()
    expect(tab.page.locator(TOAST)).to_contain_text("saved")
    (vote,) = read_votes(server.feedback, question)
    assert vote["retriever"] == "hybrid"
    assert vote["quotes"] == [q["text"] for q in shown["quotes"]]
    assert vote["passage_ids"] == [c["id"] for c in shown["citations"]]


@pytest.mark.browser
def test_notices_are_toasts_not_votable_messages(server: Server, make_tab: Any) -> None:
    """Item 2 and 9: an empty submit adds no bubble (so nothing to vote on), even twice."""
    from playwright.sync_api import expect

    tab = make_tab()
    tab.open(server.url)
    tab.ask("What is fine-tuning?")
    box = tab.page.locator(QUESTION)
    box.fill("   ")
    box.press("Enter")
    expect(tab.page.locator(TOAST).first).to_contain_text("Please type a question")
    tab.page.locator("#ask").click()
    tab.page.wait_for_timeout(500)
    expect(tab.page.locator('[data-testid="bot"]')).to_have_count(1)
    expect(tab.page.locator('[data-testid="user"]')).to_have_count(1)
    expect(tab.page.get_by_role("button", name="Like", exact=True)).to_have_count(1)


@pytest.mark.browser
def test_user_text_is_shown_literally_and_fetches_nothing(server: Server, make_tab: Any) -> None:
    """Item 3: Markdown, images, headings, URLs and LaTeX in a question stay text."""
    from playwright.sync_api import expect

    typed = "![x](http://example.com/t.png) # Head **bold** http://example.org/a_b_c $$x^2$$"
    tab = make_tab()
    tab.open(server.url)
    tab.ask(typed)
    user = tab.page.locator('[data-testid="user"]').last
    expect(user.locator(".qa-user")).to_have_text(typed)
    assert user.locator("img, h1, h2, a, strong, .katex").count() == 0
    tab.page.wait_for_timeout(300)
    assert not [u for u in tab.requests if "example." in u]


@pytest.mark.browser
def test_corpus_latex_and_markup_stay_verbatim(make_tab: Any, tmp_path: Path) -> None:
    """Item 3: corpus text `$$5 per month$$` is quoted character for character."""
    from playwright.sync_api import expect

    corpus = tmp_path / "plan.txt"
    corpus.write_text(
        "Plans\n\nPricing: the basic plan costs $$5 per month$$ and the team plan costs more.\n\n"
        "Support: email support answers within two working days.\n",
        encoding="utf-8",
    )
    bot = QABot.from_path(corpus)
    running = start(bot, tmp_path / "fb.jsonl")
    try:
        tab = make_tab()
        tab.open(running.url)
        answer, _ = tab.ask("What does the basic plan cost?")
        quote = bot.ask("What does the basic plan cost?").quotes[0].text
        assert "$$5 per month$$" in quote
        expect(answer.locator(".qa-answer")).to_contain_text(quote)
        assert answer.locator(".katex, math").count() == 0
        answer.locator("a.qa-ref").first.click()
        expect(answer.locator(".qa-source blockquote").first).to_contain_text("$$5 per month$$")
        assert "&lt;strong" not in answer.inner_html()
    finally:
        running.demo.close()


@pytest.mark.browser
def test_refusal_quotes_the_question_as_typed(server: Server, make_tab: Any) -> None:
    """Item 4: no repr() escapes or flipped quotes."""
    from playwright.sync_api import expect

    typed = "What's the capital of France \u202e?"
    tab = make_tab()
    tab.open(server.url)
    answer, _ = tab.ask(typed)
    expect(answer.locator(".qa-refusal")).to_contain_text(f"“{typed.strip()}”")
    assert "\\u202e" not in answer.inner_text()


@pytest.mark.browser
def test_copy_copies_plain_text_with_numbered_sources(server: Server, make_tab: Any) -> None:
    """Item 5."""
    from qa_bot.web.render import plain_text

    tab = make_tab()
    tab.open(server.url)
    answer, _ = tab.ask(FOUND)
    answer.locator(".qa-copy").click()
    tab.page.wait_for_timeout(300)
    copied = tab.page.evaluate("() => navigator.clipboard.readText()")
    assert copied == plain_text(server_bot().ask(FOUND))
    assert "<" not in copied
    assert "[1] " in copied


@pytest.mark.browser
def test_phone_keeps_the_chat_in_view(server: Server, make_tab: Any) -> None:
    """Items 6 and 7 on a phone: no window jump to the document; the answer shows from its
    top; the document is a collapsed panel that opens and scrolls inside itself."""
    from playwright.sync_api import expect

    tab = make_tab(PHONE)
    tab.open(server.url)
    expect(tab.page.locator("#document")).to_be_hidden()  # folded on a phone
    answer, _ = tab.ask(FOUND)
    # the page scrolls the answer into view smoothly: read its place once it has settled
    # (unchanged over 300 ms), not at a fixed moment that a busy machine may not reach
    top = answer.evaluate(
        """el => new Promise(done => {
            let last = null, still = 0;
            const look = () => {
                const now = el.getBoundingClientRect().top;
                still = now === last ? still + 1 : 0;
                last = now;
                if (still >= 6) done(now); else setTimeout(look, 50);
            };
            look();
        })"""
    )
    assert 0 <= top < PHONE["height"] / 2, top
    ARTIFACTS.mkdir(exist_ok=True)
    tab.page.screenshot(path=str(ARTIFACTS / "phone.png"))
    tab.page.locator("#doc-panel").get_by_text("Document").first.click()
    expect(tab.page.locator("#document mark.qa-cited").first).to_be_visible()


@pytest.mark.browser
def test_desktop_shows_each_new_answer_from_its_top(server: Server, make_tab: Any) -> None:
    """Item 7, and the document pane scrolls inside itself (item 6)."""
    tab = make_tab()
    tab.open(server.url)
    for question in ("What is fine-tuning?", FOUND, "How do GANs work?"):
        answer, _ = tab.ask(question)
        tab.page.wait_for_timeout(300)
        gap = answer.evaluate(
            """el => { const b = el.closest('[data-testid="bot"]'); let n = b.parentElement;
              while (n && !(n.scrollHeight > n.clientHeight &&
                     /(auto|scroll)/.test(getComputedStyle(n).overflowY))) n = n.parentElement;
              const box = (n || document.getElementById('chat')).getBoundingClientRect();
              return [b.getBoundingClientRect().top - box.top, box.height]; }"""
        )
        assert 0 <= gap[0] <= gap[1] - 60, (question, gap)  # its first lines are in view
        assert tab.page.evaluate("() => window.scrollY") == 0
    visible = tab.page.evaluate(
        """() => { const m = document.getElementById('qa-cited'), p = m.closest('.qa-document');
          const a = m.getBoundingClientRect(), b = p.getBoundingClientRect();
          return a.top >= b.top && a.top < b.bottom; }"""
    )
    assert visible
    tab.page.screenshot(path=str(ARTIFACTS / "desktop.png"))


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_contrast_meets_wcag_aa(server: Server, make_tab: Any, scheme: str) -> None:
    """Item 8: highlighted text, the Ask button and answer text ≥ 4.5:1 in both schemes."""
    tab = make_tab(DESKTOP, scheme)
    tab.open(server.url)
    answer, _ = tab.ask(FOUND)
    answer.locator("a.qa-ref").first.click()
    tab.page.wait_for_timeout(300)
    ratios = dict(
        tab.page.evaluate(
            CONTRAST_JS,
            [
                "#ask",
                '[data-testid="bot"] .qa-answer',
                '[data-testid="bot"] .qa-source mark',
                '[data-testid="bot"] .qa-source mark strong',
                '[data-testid="bot"] a.qa-ref',
                "#document mark.qa-cited",
                "#document .qa-text",
                '[data-testid="user"] .qa-user',
            ],
        )
    )
    tab.page.screenshot(path=str(ARTIFACTS / f"{scheme}.png"))
    low = {sel: ratio for sel, ratio in ratios.items() if ratio is None or ratio < 4.5}
    assert low == {}, ratios


@pytest.fixture(scope="module")
def slow_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    class SlowBot(QABot):
        def ask(self, *args: Any, **kwargs: Any) -> Any:
            time.sleep(1.5)
            return super().ask(*args, **kwargs)

    bot = QABot.default()
    bot.__class__ = SlowBot
    running = start(bot, tmp_path_factory.mktemp("slow") / "fb.jsonl")
    try:
        yield running
    finally:
        running.demo.close()


@pytest.mark.browser
def test_pending_state_shows_at_once(slow_server: Server, make_tab: Any) -> None:
    """Item 9: the bubble at once, a typing indicator, Ask disabled; no double turn."""
    from playwright.sync_api import expect

    tab = make_tab()
    tab.open(slow_server.url)
    box = tab.page.locator(QUESTION)
    box.fill("What is fine-tuning?")
    box.press("Enter")
    expect(tab.page.locator('[data-testid="user"]')).to_have_count(1, timeout=500)
    expect(box).to_have_value("", timeout=500)
    expect(tab.page.locator("#ask")).to_be_disabled(timeout=500)
    expect(tab.page.locator("#chat .pending").first).to_be_visible(timeout=1000)
    tab.page.locator("#ask").click(force=True)
    expect(tab.page.locator(ANSWERS)).to_have_count(1)
    expect(tab.page.locator("#ask")).to_be_enabled()
    tab.page.wait_for_timeout(500)
    expect(tab.page.locator('[data-testid="user"]')).to_have_count(1)
    expect(tab.page.locator(ANSWERS)).to_have_count(1)


FRUIT = {
    "apples.md": "# Apples\n\n## Growing\n\nOrchard: an orchard is a field of apple trees "
    "planted in rows.\n\n## Eating\n\nCider: cider is a drink pressed from apples.\n",
    "plums.md": "# Plums\n\n## Drying\n\nPrune: a prune is a dried plum, sweet and dark.\n",
}


@pytest.fixture(scope="module")
def fruit_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    folder = tmp_path_factory.mktemp("fruit") / "fruit-notes"
    folder.mkdir()
    for name, text in FRUIT.items():
        (folder / name).write_text(text, encoding="utf-8")
    running = start(QABot.from_path(folder), folder.parent / "fb.jsonl")
    try:
        yield running
    finally:
        running.demo.close()


@pytest.mark.browser
def test_examples_name_and_picker_come_from_the_corpus(fruit_server: Server, make_tab: Any) -> None:
    """Item 10 (and 16: Markdown headings as headings, without their # marks)."""
    from playwright.sync_api import expect

    from qa_bot.web.examples import corpus_examples

    tab = make_tab()
    tab.open(fruit_server.url)
    examples = corpus_examples(QABot.from_path(Path(fruit_server.feedback).parent / "fruit-notes"))
    words = ("Orchard", "Cider", "Prune", "Growing", "Eating", "Drying")
    assert examples
    assert all(any(w in q for w in words) for q in examples)
    buttons = tab.page.locator("#examples button")
    expect(buttons).to_have_count(len(examples))
    assert buttons.all_inner_texts() == examples
    assert "What is fine-tuning?" not in tab.page.content()
    expect(tab.page.locator("h1")).to_have_text("Ask fruit-notes (2 documents)")
    document = tab.page.locator("#document")
    expect(document.locator("h3").first).to_have_text("Apples")
    expect(document.locator("h4").first).to_have_text("Growing")
    assert "#" not in document.locator(".qa-text").inner_text()
    buttons.first.click()
    expect(tab.page.locator(ANSWERS)).to_have_count(1)
    expect(tab.page.locator('[data-testid="user"]').first).to_have_text(examples[0])
    tab.page.locator("#clear").click()
    expect(tab.page.locator(ANSWERS)).to_have_count(0)
    tab.ask("What is a prune?")
    expect(document).to_contain_text("a prune is a dried plum")
    expect(tab.page.locator("#picker input")).to_have_value("Plums")


@pytest.mark.browser
def test_one_clear_and_undo_reset_the_page(server: Server, make_tab: Any) -> None:
    """Item 11: no second (trash) clear; Undo drops the highlight; Clear resets all."""
    from playwright.sync_api import expect

    tab = make_tab()
    tab.open(server.url)
    tab.ask("What is fine-tuning?")
    cited = tab.page.locator("#document mark.qa-cited")
    expect(cited.first).to_contain_text("Fine-Tuning")
    tab.ask("How do GANs work?")
    tab.page.locator("#undo").click()
    expect(tab.page.locator(QUESTION)).to_have_value("How do GANs work?")
    expect(cited.first).to_contain_text("Fine-Tuning")
    expect(tab.page.get_by_role("button", name="Clear")).to_have_count(1)
    tab.page.locator("#clear").click()
    expect(tab.page.locator('[data-testid="bot"]')).to_have_count(0)
    expect(cited).to_have_count(0)
    expect(tab.page.locator(QUESTION)).to_have_value("")


@pytest.mark.browser
def test_vote_toast_shows_in_view_and_no_path(server: Server, make_tab: Any) -> None:
    """Items 12 and 15."""
    from playwright.sync_api import expect

    tab = make_tab(PHONE)
    tab.open(server.url)
    tab.ask("What is fine-tuning?")
    tab.page.get_by_role("button", name="Dislike", exact=True).last.click()
    toast = tab.page.locator(TOAST).first
    expect(toast).to_contain_text("saved")
    expect(toast).to_be_in_viewport()
    assert str(server.feedback) not in tab.page.content()
    assert "feedback.jsonl" not in tab.page.content()


@pytest.mark.browser
def test_accessible_names_links_and_lists(server: Server, make_tab: Any) -> None:
    """Item 13."""
    from playwright.sync_api import expect

    tab = make_tab()
    tab.open(server.url)
    expect(tab.page.get_by_role("textbox", name="Your question")).to_be_visible()
    answer, _ = tab.ask(FOUND)
    bot = tab.page.locator('[data-testid="bot"]').last
    expect(bot).to_have_attribute("aria-label", re.compile(r"^Answer: "))
    assert "<" not in (bot.get_attribute("aria-label") or "")
    ref = answer.locator("a.qa-ref").first
    target = ref.get_attribute("href")
    assert target
    assert answer.locator(target).count() == 1
    ref.click()
    expect(answer.locator(f"{target} details")).to_have_attribute("open", "")
    answer2, _ = tab.ask("What are the strengths of LLMs?")
    answer2.locator("a.qa-ref").first.click()
    assert answer2.locator(".qa-source li").count() >= 2  # bullets kept as a list


@pytest.mark.browser
def test_answer_is_the_hero(server: Server, make_tab: Any) -> None:
    """Item 14: no 'confidence:' labels, sources folded, offsets only in details/tooltip,
    settings in plain words."""
    from playwright.sync_api import expect

    tab = make_tab()
    tab.open(server.url)
    answer, _ = tab.ask(FOUND)
    assert "confidence" not in answer.inner_text()
    assert "chars" not in answer.inner_text()
    assert "characters" not in answer.inner_text()
    assert answer.locator(".qa-source details[open]").count() == 0
    assert answer.locator(".qa-place[title*='characters']").count() >= 1
    tab.page.get_by_text("Settings").click()
    expect(tab.page.get_by_text("How to find passages")).to_be_visible()  # after it unfolds
    assert tab.page.get_by_text("(k)").count() == 0


def server_bot() -> QABot:
    return _BOT


_BOT = QABot.default()


def test_api_answer_rejects_long_history(client: Any) -> None:
    """Item 17: a clear error, quickly, not a stack trace."""
    started = time.perf_counter()
    result = client.predict(
        "What is fine-tuning?", ["x" * 1_000_000], "hybrid", 5, api_name="/answer"
    )
    assert set(result) == {"error"}
    assert "limit" in result["error"]
    result = client.predict("What?", ["q"] * 21, "hybrid", 5, api_name="/answer")
    assert "21 items" in result["error"]
    assert time.perf_counter() - started < 10


LOAD_RUNS = [("call", 20, 3), ("run", 20, 3), ("gradio_client", 8, 3)]


@pytest.mark.parametrize(("route", "sessions", "questions"), LOAD_RUNS)
def test_load_no_errors_and_no_crosstalk(
    server: Server, route: str, sessions: int, questions: int
) -> None:
    """Item 18 (bounded, 127.0.0.1): sessions at once over each route, every reply its own
    (compared with a local ask). gradio_client at its defaults (its 5 s join timeout)."""
    from qa_bot.web.load import run_load

    assert urlsplit(server.url).hostname in LOCAL_HOSTS

    def expect(question: str, history: list[str]) -> dict[str, Any]:
        return _BOT.ask(question, history=history).to_dict()

    result = run_load(
        server.url.rstrip("/"), expect, sessions=sessions, questions=questions, route=route
    )
    print(route, result.summary())
    assert result.errors == []
    assert result.requests == sessions * questions


def test_load_rejects_an_unknown_route() -> None:
    from qa_bot.web.load import run_load

    with pytest.raises(ValueError, match="route must be one of call, run, gradio_client"):
        run_load("http://127.0.0.1:9", lambda q, h: {}, sessions=1, route="ws")


def test_load_counts_a_session_that_cannot_connect() -> None:
    """A gradio_client that fails to connect was a crashed thread and a run that never
    ended (the others waited for it at the start line); now it is an error."""
    from qa_bot.web.load import run_load

    result = run_load(
        f"http://127.0.0.1:{free_port()}", lambda q, h: {}, sessions=2, route="gradio_client"
    )
    assert len(result.errors) == 2
    assert all("connecting" in error for error in result.errors)
    assert result.requests == 0


def test_queue_sends_positions_on_a_timer(server: Server) -> None:
    """Item 18: not Gradio's "auto" (a message to every waiting event each time one starts,
    quadratic in the queue), which cost a quarter of the server's time under load."""
    assert server.demo._queue.live_updates is False
    assert server.demo._queue.update_intervals > 0
