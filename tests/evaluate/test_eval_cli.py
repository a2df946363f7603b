import json
from pathlib import Path

from click.testing import CliRunner

from qa_bot.cli import main


def test_eval_prints_table_misses_and_writes_json_and_plot(tmp_path: Path) -> None:
    out, png = tmp_path / "eval.json", tmp_path / "eval.png"
    result = CliRunner().invoke(main, ["eval", "--json", str(out), "--plot", str(png)])
    assert result.exit_code == 0, result.output
    for retriever in ("hybrid", "bm25", "tfidf"):
        assert retriever in result.output
    assert "hit@1" in result.output
    assert "Misses (hybrid)" in result.output
    assert "best operating point" in result.output
    data = json.loads(out.read_text())
    assert set(data["summary"]) == {"hybrid", "bm25", "tfidf"}
    assert len(data["summary"]["hybrid"]["hit_at"]) == 10
    assert data["questions"][0]["failures"] is not None
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_eval_on_a_user_corpus_and_set(tmp_path: Path) -> None:
    corpus = tmp_path / "notes.md"
    corpus.write_text("# Notes\n\n## Tea\n\nGreen tea is steeped at 80 degrees.\n")
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {
                "id": "t1",
                "question": "At what temperature is green tea steeped?",
                "evidence": ["Green tea is steeped at 80 degrees"],
            }
        )
        + "\n"
        + json.dumps(
            {"id": "t2", "question": "Who won the World Cup?", "evidence": [], "answerable": False}
        )
        + "\n"
    )
    result = CliRunner().invoke(
        main, ["eval", str(questions), "--corpus", str(corpus), "--retriever", "bm25"]
    )
    assert result.exit_code == 0, result.output
    assert "bm25" in result.output
    assert "tfidf" not in result.output.split("By tag")[0]


def test_eval_reports_evidence_missing_from_the_corpus(tmp_path: Path) -> None:
    questions = tmp_path / "q.jsonl"
    questions.write_text(
        json.dumps(
            {
                "id": "x",
                "question": "What is fine-tuning?",
                "evidence": ["words that are not in the article"],
            }
        )
        + "\n"
    )
    result = CliRunner().invoke(main, ["eval", str(questions), "--retriever", "bm25"])
    assert result.exit_code == 0
    assert "evidence of x not found in the corpus" in result.output


def test_eval_invalid_input_fails_cleanly(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n")
    result = CliRunner().invoke(main, ["eval", str(bad)])
    assert result.exit_code != 0
    assert "bad.jsonl, line 1" in result.output
    assert "Traceback" not in result.output
    result = CliRunner().invoke(main, ["eval", "--corpus", str(tmp_path)])
    assert result.exit_code != 0
    assert "give the question set" in result.output


def test_eval_reports_graded_answers_and_lists_per_question(tmp_path: Path) -> None:
    corpus = tmp_path / "notes.md"
    corpus.write_text(
        "# Notes\n\n## Teas\n\nThe teas we sell:\n\n- Green tea from Japan.\n"
        "- Black tea from India.\n- White tea from China.\n"
    )
    questions = tmp_path / "q.jsonl"
    record = {
        "id": "l1",
        "question": "Which teas do you sell?",
        "evidence": ["Green tea from Japan."],
        "tags": ["list"],
        "list_items": ["Green tea", "Black tea", "White tea", "Oolong"],
    }
    questions.write_text(json.dumps(record) + "\n")
    out = tmp_path / "eval.json"
    args = ["eval", str(questions), "--corpus", str(corpus), "--retriever", "bm25"]
    result = CliRunner().invoke(main, [*args, "--json", str(out)])
    assert result.exit_code == 0, result.output
    assert "Answers by outcome" in result.output
    assert "conf_wrong" in result.output
    data = json.loads(out.read_text())
    (row,) = data["questions"]
    assert row["outcome"] in ("answered", "tentative", "not_covered")
    assert row["list_items"] == 4
    assert row["list_shown"] <= 3  # "Oolong" is in no document
    incomplete = f"list incomplete ({row['list_shown']} of 4 items)"
    assert (incomplete in " ".join(row["failures"])) is (row["outcome"] != "not_covered")
    summary = data["summary"]["bm25"]
    assert summary["list_questions"] == 1
    assert summary["lists_complete"] == 0.0
    assert summary["list_items"] == row["list_shown"] / 4
    assert sum(sum(c.values()) for c in summary["breakdown"].values()) == 1
    assert "list_items" in data["by_tag"]["bm25"]["list"]
    assert "evidence of l1 not found in the corpus: 'Oolong'" in result.output
