"""`check`, `build` and `verify` with `--json`: JSON lines on standard output, errors as objects.

Every line is read with json.loads; a failure is JSON too, with the same exit status.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from support import FIXTURES, VALID, run_cli

BROKEN = FIXTURES / "fmt" / "analyst_unquoted.yaml"
ERROR_KEYS = {"file", "line", "column", "field", "message", "hint", "origin", "fault"}


def _lines(out: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in out.splitlines()]


def _errors(record: dict[str, object]) -> list[dict[str, object]]:
    errors = record["errors"]
    assert isinstance(errors, list) and errors
    for error in errors:
        assert set(error) == ERROR_KEYS
    return errors


def test_check_json_gives_a_line_per_source_and_errors_as_objects(
    capsys: pytest.CaptureFixture[str],
) -> None:
    run = run_cli(["check", "--json", str(VALID), str(BROKEN)], capsys)
    assert run.status == 1 and run.err == ""
    good, bad = _lines(run.out)
    assert good == {"command": "check", "source": str(VALID), "ok": True, "sections": 1}
    assert bad["command"] == "check" and bad["ok"] is False and bad["source"] == str(BROKEN)
    first = _errors(bad)[0]
    assert str(BROKEN).endswith(str(first["file"])) and first["line"] == 8 and first["column"] == 5
    assert "YAML cannot read this line" in str(first["message"])
    assert (first["origin"], first["fault"]) == ("file", "author")  # -- a line of the source
    assert run_cli(["check", "--json", str(VALID)], capsys).status == 0


def test_a_failed_build_json_prints_json_and_the_outputs_stay(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(["build", "--json", str(BROKEN), "-o", str(tmp_path)], capsys)
    assert run.status == 1 and run.err == ""
    (record,) = _lines(run.out)
    assert record["command"] == "build" and record["ok"] is False
    assert all(e["line"] for e in _errors(record))
    assert not list(tmp_path.glob("analyst_unquoted.*"))


def test_a_misused_build_json_still_prints_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(VALID, other / VALID.name)
    run = run_cli(["build", "--json", str(VALID), str(other / VALID.name)], capsys)
    assert run.status == 1
    (record,) = _lines(run.out)
    assert record["ok"] is False and "writes the same outputs" in str(_errors(record)[0]["message"])
    assert _errors(record)[0]["fault"] == "author"


def test_a_problem_found_by_the_deck_fit_is_at_its_content_field_and_the_author_s(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = VALID.read_text(encoding="utf-8")
    start = text.index("    headline: ")
    end = text.index("\n", start)
    wide = tmp_path / "wide.yaml"
    wide.write_text(text[:start] + "    headline: " + "W" * 200 + text[end:], "utf-8")
    run = run_cli(["check", "--json", str(wide)], capsys)
    assert run.status == 1
    (record,) = _lines(run.out)
    (error,) = _errors(record)
    assert error["field"] == "sections[0].headline" and error["file"] == str(wide)
    assert error["line"] == text[:start].count("\n") + 1 and error["column"] == 15
    assert (error["origin"], error["fault"]) == ("field", "author")


def test_build_and_verify_json_give_outputs_and_the_proof(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run = run_cli(["build", "--json", "--only", "html", str(VALID), "-o", str(tmp_path)], capsys)
    assert run.status == 0
    (built,) = _lines(run.out)
    assert built["command"] == "build" and built["ok"] is True and built["format"] == "html"
    assert Path(str(built["output"])).is_file() and built["up_to_date"] is False
    run = run_cli(["verify", "--json", str(VALID), "-o", str(tmp_path)], capsys)
    assert run.status == 1  # -- the PDF and the deck were not built --
    (proof,) = _lines(run.out)
    assert proof["command"] == "verify" and proof["ok"] is False
    assert proof["absent"] == [
        str(tmp_path / "valid_minimal.pdf"),
        str(tmp_path / "valid_minimal.pptx"),
    ]


def test_verify_json_names_the_proof_matrix_and_a_source_that_does_not_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run_cli(["build", str(VALID), "-o", str(tmp_path)], capsys).status == 0
    run = run_cli(["verify", "--json", str(VALID), str(BROKEN), "-o", str(tmp_path)], capsys)
    assert run.status == 1 and run.err == ""
    records = {r["source"]: r for r in _lines(run.out)}
    proof = records[str(VALID)]
    assert proof["ok"] is True and proof["missing"] == [] and proof["unreadable"] == {}
    matrix = proof["matrix"]
    assert isinstance(matrix, dict)
    assert matrix["summary"] == {"html": True, "pdf": True, "pptx": True}
    assert records[str(BROKEN)]["ok"] is False and _errors(records[str(BROKEN)])


def test_build_json_with_verify_gives_the_proof_as_a_verify_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["build", "--json", "--verify", "--only", "html", str(VALID), "-o", str(tmp_path)]
    run = run_cli(args, capsys)
    assert run.status == 0 and run.err == ""
    built, proof = _lines(run.out)
    assert built["command"] == "build" and built["format"] == "html"
    assert proof["command"] == "verify" and proof["ok"] is True
    assert proof["outputs"] == {"html": str(tmp_path / "valid_minimal.html")}


def test_a_broken_template_and_an_unwritable_output_name_their_origin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = tmp_path / "templates"
    templates.mkdir()
    (templates / "briefing.html.j2").write_text("<p>{{ briefing.title </p>\n", "utf-8")
    run = run_cli(["check", "--json", "--templates", str(templates), str(VALID)], capsys)
    assert run.status == 1
    (error,) = _errors(_lines(run.out)[0])
    assert error["file"] == str(templates / "briefing.html.j2") and error["line"] == 1
    assert (error["origin"], error["fault"]) == ("template", "template")
    taken = tmp_path / "taken"
    taken.write_text("a file where the output folder should be", "utf-8")
    run = run_cli(["build", "--json", "--only", "html", str(VALID), "-o", str(taken)], capsys)
    assert run.status == 1
    (error,) = _errors(_lines(run.out)[0])
    assert (error["origin"], error["fault"]) == ("output", "author")
