"""`qa-bot index` and the saved index behind --corpus."""

from pathlib import Path

from click.testing import CliRunner

from qa_bot.cli import main


def test_index_builds_then_reuses_the_saved_index(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "tea.md").write_text("# Tea\n\n## Green\n\nGreen tea is steeped at 80 degrees.\n")
    runner = CliRunner()
    first = runner.invoke(main, ["index", str(folder)])
    assert first.exit_code == 0, first.output
    assert "built and saved to" in first.stdout
    second = runner.invoke(main, ["index", str(folder)])
    assert "loaded from" in second.stdout
    out = tmp_path / "idx"
    third = runner.invoke(main, ["index", str(folder), "--out", str(out)])
    assert third.exit_code == 0
    assert (out / "meta.json").exists()
    fresh = runner.invoke(
        main, ["ask", "--corpus", str(folder), "--no-cache", "How is green tea steeped?"]
    )
    assert fresh.exit_code == 0
    assert "80 degrees" in fresh.stdout


def test_index_of_a_missing_path_fails_cleanly(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["index", str(tmp_path / "nope")])
    assert result.exit_code != 0
    assert "does not exist" in result.output
    assert "Traceback" not in result.output
