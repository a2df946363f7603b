"""End to end: a folder of nested .txt, .md and .html files, answered with citations."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.documents.loading import Skipped

FILES: dict[str, str | bytes] = {
    "gardening.txt": (
        "Gardening Basics\n\n"
        "Watering\n"
        "Tomatoes need deep watering twice a week during hot summers.\n\n"
        "Soil\n"
        "Compost improves clay soil by loosening it and feeding earthworms.\n"
    ),
    "kitchen/bread.md": (
        "# Baking Bread\n\n"
        "## Kneading\n\n"
        "Knead the dough for ten minutes until it feels smooth and elastic.\n\n"
        "## Proofing\n\n"
        "Let the dough rise in a warm place until it doubles in size.\n"
    ),
    "kitchen/coffee/espresso.html": (
        "<!doctype html><html><head><title>Espresso Handbook</title>"
        "<script>trackVisitor('espresso grind pressure')</script></head><body>"
        "<h1>Espresso Handbook</h1>"
        "<h2>Grinding</h2><p>Grind the beans very fine, like powdered sugar.</p>"
        "<h2>Extraction</h2><p>The machine pushes water through the coffee at nine bars "
        "of pressure.</p><ul><li>A shot takes about twenty-five seconds.</li></ul>"
        "</body></html>"
    ),
    "workshop/deep/nested/bikes.htm": (
        "<html><body><h1>Bicycle Care</h1><h2>Chains</h2>"
        "<p>Oil the bicycle chain every two hundred kilometres.</p></body></html>"
    ),
    "workshop/photo.jpg": b"\xff\xd8\xff\xe0 not text",
    "workshop/latin1.txt": "Caf\u00e9 cr\u00e8me\n\nTr\u00e8s bon.\n".encode("latin-1"),
}


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("corpus")
    for name, content in FILES.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def folder_bot(folder: Path) -> QABot:
    return QABot.from_path(folder)


def test_every_readable_file_is_a_document(folder_bot):
    assert sorted(folder_bot.documents) == [
        "gardening.txt",
        "kitchen/bread.md",
        "kitchen/coffee/espresso.html",
        "workshop/deep/nested/bikes.htm",
    ]


def test_bad_files_are_reported_on_the_bot(folder_bot):
    assert folder_bot.skipped == (
        Skipped("workshop/latin1.txt", "not valid UTF-8 (byte 3), save it as UTF-8"),
        Skipped("workshop/photo.jpg", "unsupported file type .jpg"),
    )


def test_a_bot_over_a_file_or_documents_skips_nothing(folder, folder_bot):
    assert QABot.from_path(folder / "gardening.txt").skipped == ()
    assert QABot(folder_bot.documents).skipped == ()


@pytest.mark.parametrize(
    ("question", "source", "section", "quote"),
    [
        (
            "How often should tomatoes be watered?",
            "gardening.txt",
            "Watering",
            "Tomatoes need deep watering",
        ),
        ("How long should I knead the dough?", "kitchen/bread.md", "Kneading", "Knead the dough"),
        (
            "How fine should espresso beans be ground?",
            "kitchen/coffee/espresso.html",
            "Grinding",
            "Grind the beans very fine",
        ),
        (
            "How long does an espresso shot take?",
            "kitchen/coffee/espresso.html",
            "Extraction",
            "A shot takes about twenty-five seconds.",
        ),
        (
            "How often should I oil the bicycle chain?",
            "workshop/deep/nested/bikes.htm",
            "Chains",
            "Oil the bicycle chain",
        ),
    ],
)
def test_answers_cite_the_right_file_and_section(folder_bot, question, source, section, quote):
    answer = folder_bot.ask(question)
    assert answer.found, answer.text
    best = answer.citations[0]
    assert best.source == source
    assert best.section == section
    assert quote in best.text
    document = folder_bot.documents[best.source]
    assert document.text[best.start : best.end] == best.text


def test_html_titles_and_invisible_text(folder_bot):
    espresso = folder_bot.documents["kitchen/coffee/espresso.html"]
    assert espresso.title == "Espresso Handbook"
    assert "trackVisitor" not in espresso.text
    assert folder_bot.documents["workshop/deep/nested/bikes.htm"].title == "Bicycle Care"


def test_every_passage_is_verbatim(folder_bot):
    for passage in folder_bot.passages:
        assert folder_bot.documents[passage.source].text[passage.start : passage.end] == (
            passage.text
        )
