"""`mlprep-tui check` validates the explain prompts: counts per topic (text and --json) and one line per problem."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tutor.cli.entry import main

ROOT = Path(__file__).resolve().parents[2]


def test_json_has_explain_counts_per_topic(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert all(info["explain"] >= 3 for info in data["topics"].values())


def test_text_table_has_the_explain_column(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 0
    lines = capsys.readouterr().out.splitlines()
    header = lines[0].split()
    assert "explain" in header
    sigmoid = next(line.split() for line in lines if line.startswith("sigmoid "))
    assert sigmoid[header.index("explain")] == "4"


def test_a_wrong_number_and_a_broken_file_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    content = tmp_path / "content"
    shutil.copytree(ROOT / "content", content, ignore=shutil.ignore_patterns("__pycache__"))
    sigmoid = content / "explain" / "sigmoid.toml"
    sigmoid.write_text(sigmoid.read_text(encoding="utf-8").replace("0.9526", "0.9527"), encoding="utf-8")
    (content / "explain" / "metrics.toml").write_text("topic = [", encoding="utf-8")
    assert main(["check", "--json", "--content-dir", str(content)]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["topics"]["metrics"]["explain"] == 0 and data["topics"]["sigmoid"]["explain"] == 4
    errors = [e for e in data["errors"] if "/explain/" in e]
    assert len(errors) == 2, errors
    assert errors[0].startswith(f"{content}/explain/metrics.toml: TOML syntax")
    assert errors[1] == (
        f"{content}/explain/sigmoid.toml: model_answer: 0.9527 is neither a number of the defaults' run"
        " nor of one of the prompt's runs (id 'sigmoid-why-probability')"
    )
