from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.documents.chunking import Passage


def passage(text: str, section: str = "") -> Passage:
    return Passage("p1", "a.txt", "A", section, 0, len(text), text)


@pytest.mark.parametrize(
    ("text", "section", "label"),
    [
        ("Fine-Tuning: After training, models adapt.", "How LLMs Operate", "Fine-Tuning"),
        ("**Router:** It creates the network.", "Devices", "Router"),
        ("No label in this sentence.", "Strengths › Weaknesses of LLMs", "Weaknesses of LLMs"),
        ("No label and no heading.", "", ""),
        ("Note: a sentence. Then more: text", "", "Note"),
    ],
)
def test_label_of(text: str, section: str, label: str) -> None:
    assert passage(text, section).label == label


@pytest.mark.parametrize("retriever", ["hybrid", "bm25"])  # tfidf: long items rank too low
@pytest.mark.parametrize(
    ("question", "label"),
    [
        ("What are Large Language Models?", "Large Language Models (LLMs)"),
        ("What is Generative AI?", "Generative AI"),
    ],
)
def test_exact_label_match_ranks_first(retriever: str, question: str, label: str) -> None:
    top = QABot.default().search(question, k=1, retriever=retriever)[0]
    assert top.text.startswith(label + ":")


def test_partial_label_match_is_not_boosted(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(
        "Title\n\n- Tea Leaves: tea leaves tea leaves are dried.\n- Tea: a drink from leaves.\n"
    )
    bot = QABot.from_path(tmp_path)
    assert bot.search("What is tea?", k=1)[0].text.startswith("Tea:")
    assert bot.search("tea leaves", k=1)[0].text.startswith("Tea Leaves:")


def test_label_key_is_a_stable_set_key() -> None:
    import subprocess
    import sys

    from qa_bot.retrieval.labels import label_key

    assert label_key(["b", "a", "a"]) == label_key(["a", "b"]) > 0
    assert label_key(["a"]) != label_key(["a", "b"])
    assert label_key([]) == 0
    other = subprocess.run(  # the same key in another process (no salted hash)
        [
            sys.executable,
            "-c",
            "from qa_bot.retrieval.labels import label_key; print(label_key(['a', 'b']))",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    assert int(other.stdout) == label_key(["a", "b"])
