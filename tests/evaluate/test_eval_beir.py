"""`qa-bot eval --beir`: the BEIR folder reader, ranx scoring, the run file, the baseline."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_bot.cli import main
from qa_bot.errors import MissingExtraError, QuestionSetError, QuestionSetNotFoundError
from qa_bot.evaluate import ir
from qa_bot.evaluate.beir import BeirSet, as_document, load_beir

FIXTURE = Path(__file__).parents[1] / "data" / "beir"
ranx = pytest.importorskip("ranx")


@pytest.fixture(scope="module")
def beir() -> BeirSet:
    return load_beir(FIXTURE)


def test_fixture_is_read_whole(beir: BeirSet) -> None:
    assert len(beir.documents) == 30
    assert len(beir.queries) == 12  # the unjudged query is not run
    assert "q-unjudged" not in beir.queries
    assert beir.qrels["q9"] == {"sleep-3": 2, "sleep-1": 1, "sleep-2": 1}
    assert beir.problems == ()


def test_a_corpus_line_is_a_document_titled_by_its_first_line(beir: BeirSet) -> None:
    tea = beir.documents["tea-1"]
    assert (tea.source, tea.title) == ("tea-1", "Green tea brewing")
    assert tea.text.startswith("Green tea brewing\n\nGreen tea is best brewed")
    assert beir.documents["chess-3"].text == "Opening principles\n\nOpening principles"
    assert as_document("x", "", "Body.").text == "\n\nBody."


def copy_fixture(tmp_path: Path) -> Path:
    folder = tmp_path / "set"
    shutil.copytree(FIXTURE, folder)
    return folder


@pytest.mark.parametrize(
    ("file", "content", "message"),
    [
        (
            "corpus.jsonl",
            '{"_id": "a", "text": "x"}\n{oops\n',
            r"corpus\.jsonl, line 2: invalid JSON",
        ),
        ("corpus.jsonl", '["a"]\n', r"corpus\.jsonl, line 1: expected a JSON object"),
        ("corpus.jsonl", '{"title": "t", "text": "x"}\n', r"line 1: '_id' must be a non-empty"),
        ("corpus.jsonl", '{"_id": "a", "text": 3}\n', r"line 1: 'text' must be a string"),
        ("corpus.jsonl", '{"_id": "a b", "text": "x"}\n', r"line 1: '_id' .* no whitespace"),
        (
            "corpus.jsonl",
            '{"_id": "a", "text": "x"}\n{"_id": "a", "text": "y"}\n',
            r"corpus\.jsonl, line 2: duplicate _id 'a'",
        ),
        ("queries.jsonl", '{"_id": "q1", "text": " "}\n', r"queries\.jsonl, line 1: .*empty"),
        ("qrels/test.tsv", "q1\ttea-1\t2\n", r"test\.tsv, line 1: expected the header"),
        ("qrels/test.tsv", "", r"test\.tsv, line 1: expected the header"),
        (
            "qrels/test.tsv",
            "query-id\tcorpus-id\tscore\nq1\ttea-1\n",
            r"test\.tsv, line 2: expected 3 tab-separated cells",
        ),
        (
            "qrels/test.tsv",
            "query-id\tcorpus-id\tscore\nq1\ttea-1\thigh\n",
            r"line 2: score 'high' is not an integer",
        ),
        (
            "qrels/test.tsv",
            "query-id\tcorpus-id\tscore\nq99\ttea-1\t1\n",
            r"line 2: query 'q99' is not in queries\.jsonl",
        ),
        (
            "qrels/test.tsv",
            "query-id\tcorpus-id\tscore\nq1\ttea-1\t1\nq1\ttea-1\t2\n",
            r"line 3: \('q1', 'tea-1'\) is judged twice",
        ),
        (
            "qrels/test.tsv",
            "query-id\tcorpus-id\tscore\nq1\tnowhere\t1\n",
            r"no judgement of a document in the corpus",
        ),
    ],
)
def test_bad_lines_name_file_and_line(
    tmp_path: Path, file: str, content: str, message: str
) -> None:
    folder = copy_fixture(tmp_path)
    (folder / file).write_text(content, encoding="utf-8")
    with pytest.raises(QuestionSetError, match=message):
        load_beir(folder)


@pytest.mark.parametrize("missing", ["corpus.jsonl", "queries.jsonl", "qrels/test.tsv"])
def test_a_missing_file_is_named(tmp_path: Path, missing: str) -> None:
    folder = copy_fixture(tmp_path)
    (folder / missing).unlink()
    with pytest.raises(QuestionSetNotFoundError, match=f"no {missing}; a BEIR folder holds"):
        load_beir(folder)
    with pytest.raises(QuestionSetNotFoundError, match="does not exist"):
        load_beir(tmp_path / "nowhere")


def test_usable_problems_are_listed_not_fatal(tmp_path: Path) -> None:
    folder = copy_fixture(tmp_path)
    with (folder / "corpus.jsonl").open("a") as file:
        file.write(json.dumps({"_id": "empty", "title": "", "text": "  "}) + "\n")
    with (folder / "qrels/test.tsv").open("a") as file:
        file.write("q1\tgone\t1\n")
    loaded = load_beir(folder)
    assert "empty" not in loaded.documents
    assert "gone" not in loaded.qrels["q1"]
    assert [p.split(": ", 1)[1] for p in loaded.problems] == [
        "document 'empty' has neither title nor text; left out",
        "document 'gone' is not in the corpus; left out",
    ]
    assert all(", line " in p for p in loaded.problems)


QRELS = {"a": {"d1": 2, "d2": 1, "d3": 0}, "b": {"d4": 1}, "c": {"d5": 1, "d6": 2}}
RUNS = {
    "perfect": {"a": {"d1": 3.0, "d2": 2.0}, "b": {"d4": 1.0}, "c": {"d6": 2.0, "d5": 1.0}},
    "swapped": {"a": {"d2": 3.0, "d1": 2.0, "d3": 1.0}, "b": {"x": 2.0, "d4": 1.0}, "c": {}},
}


def hand_set() -> BeirSet:
    docs = {d: as_document(d, d, "text") for d in ("d1", "d2", "d3", "d4", "d5", "d6", "x")}
    return BeirSet(docs, {"a": "A?", "b": "B?", "c": "C?"}, QRELS)


@pytest.mark.parametrize("name", sorted(RUNS))
def test_metrics_are_ranx_on_hand_made_runs(name: str) -> None:
    result = ir.measure(name, hand_set(), RUNS[name])
    expected = ranx.evaluate(ranx.Qrels(QRELS), ranx.Run(RUNS[name]), list(ir.METRICS))
    assert result.metrics == pytest.approx({m: float(expected[m]) for m in ir.METRICS})
    mean_of_queries = {m: sum(q[m] for q in result.per_query.values()) / 3 for m in ir.METRICS}
    assert mean_of_queries == pytest.approx(result.metrics)


def test_a_run_that_retrieved_nothing_scores_zero() -> None:
    result = ir.measure("empty", hand_set(), {"a": {}, "b": {}})
    assert result.metrics == {"ndcg@10": 0.0, "recall@100": 0.0, "mrr@10": 0.0}
    assert set(result.per_query) == {"a", "b", "c"}


def test_hand_made_values_by_definition() -> None:
    perfect = ir.measure("perfect", hand_set(), RUNS["perfect"])
    assert perfect.metrics == pytest.approx({"ndcg@10": 1.0, "recall@100": 1.0, "mrr@10": 1.0})
    swapped = ir.measure("swapped", hand_set(), RUNS["swapped"]).per_query
    assert swapped["b"]["mrr@10"] == pytest.approx(0.5)
    assert swapped["c"] == {"ndcg@10": 0.0, "recall@100": 0.0, "mrr@10": 0.0}
    assert swapped["a"]["recall@100"] == 1.0  # d3, graded 0, is not relevant


def test_refused_share_counts_not_covered_only() -> None:
    outcomes = {"a": "answered", "b": "tentative", "c": "not_covered"}
    result = ir.measure("hybrid", hand_set(), RUNS["perfect"], outcomes)
    assert result.refused == pytest.approx(1 / 3)
    assert result.share("tentative") == pytest.approx(1 / 3)
    assert ir.measure(ir.BASELINE, hand_set(), RUNS["perfect"]).refused is None


def test_run_file_is_trec_best_first(tmp_path: Path) -> None:
    path = tmp_path / "runs" / "hybrid.trec"
    ir.write_run(path, ir.measure("hybrid", hand_set(), RUNS["swapped"]))
    lines = [line.split() for line in path.read_text().splitlines()]
    assert lines[:3] == [
        ["a", "Q0", "d2", "1", "3.0", "qa_bot-hybrid"],
        ["a", "Q0", "d1", "2", "2.0", "qa_bot-hybrid"],
        ["a", "Q0", "d3", "3", "1.0", "qa_bot-hybrid"],
    ]
    assert [row[0] for row in lines] == ["a", "a", "a", "b", "b"]  # c retrieved nothing
    assert {row[2]: float(row[4]) for row in lines if row[0] == "b"} == RUNS["swapped"]["b"]


def test_run_file_sorts_by_score(tmp_path: Path) -> None:
    path = tmp_path / "run.trec"
    run = {"q1": {"doc-a": 0.5, "doc-b": 0.25, "doc-c": 0.75}}
    ir.write_run(path, ir.SystemResult(ir.BASELINE, run, {}, {}))
    assert path.read_text().splitlines() == [
        "q1 Q0 doc-c 1 0.75 bm25-baseline",
        "q1 Q0 doc-a 2 0.5 bm25-baseline",
        "q1 Q0 doc-b 3 0.25 bm25-baseline",
    ]


def test_bot_ranks_documents_by_their_best_passage(beir: BeirSet) -> None:
    bot = ir.bot_for(beir)
    run, outcomes = ir.rank_with_bot(bot, beir, "bm25")
    assert set(run) == set(outcomes) == set(beir.queries)
    assert set(outcomes.values()) <= {"answered", "tentative", "not_covered"}
    answer = bot.ask(beir.queries["q7"], k=100, retriever="bm25")
    best_first = list(dict.fromkeys(p.source for p in answer.ranked))
    assert list(run["q7"]) == best_first
    scores = list(run["q7"].values())
    assert scores == sorted(scores, reverse=True)
    assert len(set(scores)) == len(scores)


def test_bm25_baseline_on_the_same_tokens(beir: BeirSet) -> None:
    from rank_bm25 import BM25Okapi

    bot = ir.bot_for(beir)
    run = ir.rank_with_bm25(bot, beir)
    assert set(run) == set(beir.queries)
    assert next(iter(run["q12"])) == "chess-2"
    # the same ranking as another BM25 over the same tokens (every doc with a query term)
    analyze = bot.index.analyzer
    ids = list(beir.documents)
    other = BM25Okapi([analyze(d.text) for d in beir.documents.values()])
    for query_id, text in beir.queries.items():
        scores = other.get_scores(analyze(text))
        matched = {ids[i] for i, s in enumerate(scores) if s != 0}
        assert set(run[query_id]) == matched, query_id
        assert run[query_id], query_id


def test_missing_library_names_the_extra(monkeypatch: pytest.MonkeyPatch, beir: BeirSet) -> None:
    monkeypatch.setitem(sys.modules, "ranx", None)
    with pytest.raises(MissingExtraError, match=r"--beir needs pip install 'qa-bot\[eval\]'"):
        ir.measure("hybrid", beir, {})
    monkeypatch.setitem(sys.modules, "bm25s", None)
    with pytest.raises(MissingExtraError, match=r"qa-bot\[eval\]"):
        ir.rank_with_bm25(ir.bot_for(beir), beir)


def test_cli_prints_every_system_with_the_baseline_and_writes_files(tmp_path: Path) -> None:
    run, out = tmp_path / "run.trec", tmp_path / "beir.json"
    args = ["eval", "--beir", str(FIXTURE), "--run", str(run), "--json", str(out)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split() for line in result.output.splitlines() if line}
    for name in ("hybrid", "bm25", "tfidf"):
        assert len(rows[name]) == 6
    baseline = next(line for line in result.output.splitlines() if line.startswith("plain bm25"))
    assert baseline.split()[-2:] == ["-", "-"]  # a ranking: no answers to refuse
    assert "target nDCG@10 ≥ plain bm25" in result.output
    assert "target refused ≤ 5%" in result.output
    data = json.loads(out.read_text())
    assert set(data["systems"]) == {"hybrid", "bm25", "tfidf", "plain bm25"}
    assert len(data["queries"]) == 12
    first = data["queries"][0]
    assert first["hybrid"]["outcome"] in ("answered", "tentative", "not_covered")
    assert first["plain bm25"]["outcome"] is None
    assert run.read_text().split("\n", 1)[0].endswith("qa_bot-hybrid")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--corpus", "corpus/faq"], "--beir takes no --corpus"),
        (["--all-sets"], "separate runs"),
    ],
)
def test_cli_rejects_mixed_options(extra: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["eval", "--beir", str(FIXTURE), *extra])
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_run_needs_beir_and_bad_folders_fail_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["eval", "--run", str(tmp_path / "r.trec")])
    assert result.exit_code != 0
    assert "give --beir too" in result.output
    result = CliRunner().invoke(main, ["eval", "--beir", str(tmp_path)])
    assert result.exit_code != 0
    assert "no corpus.jsonl" in result.output
    assert "Traceback" not in result.output


def test_the_stdlib_beir_set_builds_and_loads(tmp_path):
    """corpus/beir-stdlib: every judged document exists in the corpus it builds."""
    import subprocess
    import sys

    from qa_bot.evaluate.beir import load_beir

    build = Path(__file__).parents[2] / "corpus/beir-stdlib/build.py"
    subprocess.run([sys.executable, str(build), "--out", str(tmp_path)], check=True)
    beir = load_beir(tmp_path)
    assert len(beir.documents) > 1_500
    assert len(beir.queries) >= 200
    assert beir.problems == ()
    assert all(doc in beir.documents for judged in beir.qrels.values() for doc in judged)
