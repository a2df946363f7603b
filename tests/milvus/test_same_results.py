"""Milvus BM25 ranks like the in-process BM25 on the same terms, and answers the same."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.bench.synthetic import generate
from qa_bot.evaluate.questions import load_questions
from qa_bot.indexing.engine import Engine
from qa_bot.indexing.milvus.client import connect
from qa_bot.indexing.milvus.engine import MilvusEngine
from qa_bot.paths import bundled_article, bundled_questions

MIN_OVERLAP = 0.9  # mean top-10 overlap
MIN_SAME_CITATION = 0.9  # share of shipped questions whose first citation is the same


def overlap(bot: QABot, reference: Engine, questions: list[str]) -> float:
    shares = []
    for question in questions:
        terms = bot.understand(question).terms
        ours = {h.position for h in bot.engine.retrievers["bm25"].top_k(terms, 10)}
        theirs = {h.position for h in reference.retrievers["bm25"].top_k(terms, 10)}
        if theirs:
            shares.append(len(ours & theirs) / len(theirs))
    assert shares, "no question matched anything"
    return sum(shares) / len(shares)


@pytest.fixture(scope="module")
def shipped() -> list[str]:
    return [q.question for q in load_questions(bundled_questions()).questions]


def test_bundled_article_top10_and_answers(lite_uri: str, shipped: list[str]) -> None:
    bot = QABot.from_path(bundled_article(), milvus=lite_uri)
    reference = QABot.default()
    try:
        assert isinstance(bot.engine, MilvusEngine)
        assert overlap(bot, reference.engine, shipped) >= MIN_OVERLAP
        same = 0
        for question in shipped:
            answer = bot.ask(question)
            for quote in answer.quotes:  # grounded: verbatim at its offsets
                assert bot.documents[quote.source].text[quote.start : quote.end] == quote.text
            expected = reference.ask(question, retriever="bm25")
            same += [p.id for p in answer.citations[:1]] == [p.id for p in expected.citations[:1]]
        rate = same / len(shipped)
        print(f"same first citation: {same}/{len(shipped)} = {rate:.3f}")
        assert rate >= MIN_SAME_CITATION
    finally:
        bot.close()


def test_first_answer_of_the_issue(lite_uri: str) -> None:
    bot = QABot.from_path(bundled_article(), milvus=lite_uri)
    reference = QABot.default()
    try:
        answer, expected = bot.ask("What is fine-tuning?"), reference.ask("What is fine-tuning?")
        assert answer.found
        assert [p.id for p in answer.citations] == [p.id for p in expected.citations]
    finally:
        bot.close()


def test_generated_10k_passages_top10(lite_uri: str) -> None:
    corpus = generate(10_000, queries=100, seed=3)
    began = time.perf_counter()
    client = connect(lite_uri)
    try:
        engine, report = MilvusEngine.synced(corpus.documents, client, "big")
        print(f"10k passages synced in {time.perf_counter() - began:.1f} s: {report}")
        assert report.passages_written == len(engine.index.passages) >= 10_000
        bot = QABot(corpus.documents, engine=engine)
        reference = Engine.build(corpus.documents)
        assert overlap(bot, reference, corpus.queries) >= MIN_OVERLAP
    finally:
        client.close()


def test_reopened_without_local_files(tmp_path: Path, lite_uri: str) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("# Zebras\n\nThe zebra has black and white stripes.\n")
    (folder / "b.txt").write_text("Pandas eat bamboo all day long, almost nothing else.\n")
    first = QABot.from_path(folder, milvus=lite_uri, collection="notes")
    expected = first.ask("What do pandas eat?")
    first.close()
    for file in folder.iterdir():
        file.unlink()
    bot = QABot.from_milvus(lite_uri, collection="notes")
    try:
        answer = bot.ask("What do pandas eat?")
        assert answer.found
        assert answer.to_dict() == expected.to_dict()
        assert [p.to_dict() for p in bot.passages] == [p.to_dict() for p in first.passages]
        assert bot.index.vocabulary == first.index.vocabulary
        assert bot.engine.named == first.engine.named
    finally:
        bot.close()


def test_source_prefix_filter(tmp_path: Path, lite_uri: str) -> None:
    folder = tmp_path / "c"
    for name in ("zoo/a.txt", "zoo_b/b.txt", "zooX/c.txt"):
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(f"Seeds and bamboo grow here in {name}, said the keeper.\n")
    bot = QABot.from_path(folder, milvus=lite_uri)
    local = QABot.from_path(folder)
    try:
        for prefix, wanted in (("zoo/", {"zoo/a.txt"}), ("zoo_", {"zoo_b/b.txt"}), ("x", set())):
            for each in (bot, local):
                found = {p.source for p in each.search("seeds bamboo", k=10, source_prefix=prefix)}
                assert found == wanted, (each.engine, prefix)
        assert len(bot.search("seeds bamboo", k=10)) == 3
    finally:
        bot.close()
