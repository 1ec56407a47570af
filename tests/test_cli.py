"""The command line's local preview (jobs_action/cli.py), run as a new user would: in-process, on the bundled
example feed, no network and no token."""

from __future__ import annotations

from pathlib import Path

import pytest

from jobs_action.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_an_output_dir_that_is_a_file_is_an_input_error_not_a_traceback(tmp_path, capsys):
    target = tmp_path / "out"
    target.write_text("not a folder", encoding="utf-8")
    assert main(["--example", "--output-dir", str(target)]) == 2
    captured = capsys.readouterr()
    assert "--output-dir" in captured.err and "is a file" in captured.err and "Traceback" not in captured.err


def test_the_family_preview_names_each_held_list_after_its_own_table(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    code = main(["--example", "--config", "docs/examples/awesome-jobs.yml", "--output-dir", str(tmp_path)])
    assert code == 0
    out = capsys.readouterr().out
    for name in ("india", "usa", "senior", "high-paying"):
        start = out.index(f"\n{name}: ")
        following = out[start:].split("\nnote: ", 1)
        # the list's own summary line comes before any note about it, and the note names the list
        assert " selected. Rendered README.md is at:" in following[0]
    notes = [line for line in out.splitlines() if line.startswith("note: ")]
    assert notes and all(line.split(":")[1].strip() in {"backend", "frontend", "devops", "india", "usa", "senior",
                                                         "high-paying"} for line in notes)  # fmt: skip
    assert "1 jobs" not in out


def test_the_preview_says_why_items_were_skipped_and_counts_in_words(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["--example", "--max-jobs", "1", "--output-dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert (
        "source file:examples/jobs.json: 19 jobs, 2 skipped (missing company: 1, missing or non-http(s) url: 1)" in out
    )
    assert "\n1 job selected." in out


def test_a_lists_file_that_cannot_be_read_says_where_it_looked(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["--config", "lists.yml", "--output-dir", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert f"looked at {tmp_path / 'lists.yml'}" in err


@pytest.mark.parametrize("option", ["--help"])
def test_help_lists_the_local_options(option, capsys):
    with pytest.raises(SystemExit):
        main([option])
    assert "--output-dir" in capsys.readouterr().out


def test_example_with_a_lists_file_reads_it_from_the_current_folder(tmp_path, capsys, monkeypatch):
    (tmp_path / ".github").mkdir()
    (tmp_path / ".github" / "lists.yml").write_text(
        (ROOT / "docs" / "examples" / "awesome-jobs.yml").read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    assert main(["--example", "--config", ".github/lists.yml", "--output-dir", str(tmp_path / "out")]) == 0
    out = capsys.readouterr().out
    assert "\nindia: Tech Jobs in India" in out
    assert (tmp_path / "out" / "india" / "README.md").is_file()
