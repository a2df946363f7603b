"""`qa-bot eval --all-sets`: the registry of sets, built corpora, the per-set summary."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from qa_bot.cli import main
from qa_bot.errors import CorpusError, QuestionSetNotFoundError
from qa_bot.evaluate.sets import EvalSet, corpus_of, eval_sets, run_all_sets

CORPUS = Path(__file__).parents[2] / "corpus"


def test_registry_names_every_set_of_the_corpus_readme() -> None:
    sets = {s.name: s for s in eval_sets()}
    assert list(sets) == [
        "shipped",
        "holdout",
        "tune-faq",
        "tune-manual",
        "article-unseen",
        "manual",
        "faq",
        "docs-folder",
    ]
    readme = (CORPUS / "README.md").read_text()
    for name, s in sets.items():
        assert s.questions.is_file(), name
        assert s.corpus is None or s.corpus.exists(), name
        assert s.role in ("tune", "report")
        if name != "shipped":
            assert f"`{name}/`" in readme, name
    tune = {n for n, s in sets.items() if s.role == "tune"}
    assert tune == {"shipped", "holdout", "tune-faq", "tune-manual"}
    assert sets["docs-folder"].builder == CORPUS / "docs-folder" / "build.py"


def test_a_checkout_without_corpus_is_named(tmp_path: Path) -> None:
    with pytest.raises(QuestionSetNotFoundError, match="source checkout's corpus/ folder"):
        eval_sets(tmp_path)


def builder(tmp_path: Path, body: str) -> Path:
    script = tmp_path / "build.py"
    script.write_text(
        "import sys, pathlib\nout = pathlib.Path(sys.argv[sys.argv.index('--out') + 1])\n" + body
    )
    return script


def test_a_built_corpus_lives_while_it_is_used(tmp_path: Path) -> None:
    script = builder(tmp_path, "(out / 'a.md').write_text('# A\\n\\nAlpha is first.\\n')\n")
    eval_set = EvalSet("built", tmp_path / "q.jsonl", None, "report", builder=script)
    with corpus_of(eval_set) as folder:
        assert folder is not None
        assert (folder / "a.md").read_text().startswith("# A")
    assert not folder.exists()


def test_a_failing_builder_is_an_error_with_its_output(tmp_path: Path) -> None:
    script = builder(tmp_path, "sys.exit('fpdf2 is missing')\n")
    eval_set = EvalSet("built", tmp_path / "q.jsonl", None, "report", builder=script)
    failed = r"build\.py failed \(exit 1\): fpdf2 is missing"
    with pytest.raises(CorpusError, match=failed), corpus_of(eval_set):
        pass


def test_all_sets_prints_a_table_per_set_and_one_summary_row_each(tmp_path: Path) -> None:
    plain = tmp_path / "plain.jsonl"
    plain.write_text(
        '{"id": "p1", "question": "What is fine-tuning?", "evidence": ["fine-tuned"]}\n',
        encoding="utf-8",
    )
    chosen = [s for s in eval_sets() if s.name in ("shipped", "faq")]
    chosen.append(EvalSet("plain", plain, None, "report"))
    lines: list[str] = []
    out = tmp_path / "sets.json"
    results = run_all_sets(["bm25"], 5, lines.append, out, sets=chosen)
    text = "\n".join(lines)
    assert "== shipped (tune): 146 questions" in text
    assert "== faq (report): 71 questions" in text
    summary = text.split("All sets (bm25):\n", 1)[1].splitlines()
    assert summary[0].split()[:4] == ["set", "role", "n", "hit@1"]
    rows = {row.split()[0]: row.split() for row in summary[2:5]}
    assert rows["shipped"][1:3] == ["tune", "146"]
    assert rows["faq"][-2:] == ["of", "4"]  # lists complete, of its 4 list questions
    assert rows["shipped"][-2:] == ["of", "11"]
    assert rows["plain"][-1] == "-"  # no list question
    assert float(rows["faq"][3]) == pytest.approx(results["faq"][0].hit_at[0], abs=5e-4)
    data = json.loads(out.read_text())
    assert data["faq"]["role"] == "report"
    assert set(data["faq"]["summary"]["bm25"]["breakdown"]) == {
        "answered",
        "tentative",
        "not_covered",
    }


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--all-sets", "--corpus", "corpus/faq"], "--all-sets takes no --corpus"),
        (["--all-sets", "q.jsonl"], "--all-sets takes no QUESTIONS"),
    ],
)
def test_all_sets_rejects_a_question_set(args: list[str], message: str) -> None:
    result = CliRunner().invoke(main, ["eval", *args])
    assert result.exit_code != 0
    assert message in result.output
