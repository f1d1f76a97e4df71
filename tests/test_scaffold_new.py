"""`briefing new NAME`: a content file with every field present and explained, that builds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml
from pptx import Presentation
from pydantic import BaseModel
from pypdf import PdfReader

from briefing.cli import main
from briefing.content import scaffold
from briefing.content.model import Briefing
from briefing.content.scaffold import model_of, scaffold_text
from briefing.content.schema import SCHEMA_FILE, field_docs, schema_text


@pytest.fixture
def empty(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder, the working directory: no content, no templates (not conftest's
    `project`, which already holds a content file)."""
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_new_writes_the_file_and_the_schema_its_header_names(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "q3-review"]) == 0
    target = empty / "content" / "q3-review.yaml"
    text = target.read_text(encoding="utf-8")
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={SCHEMA_FILE}"
    assert (empty / "content" / SCHEMA_FILE).read_text(encoding="utf-8") == schema_text()
    out = capsys.readouterr().out
    assert "content/q3-review.yaml" in out
    assert yaml.safe_load(text)["title"] == "Q3 Review"


@pytest.mark.slow  # -- builds whole briefings: the full tier's --
def test_the_scaffold_checks_builds_and_verifies_as_it_is(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "board-update"]) == 0
    source = "content/board-update.yaml"
    assert main(["check", source]) == 0
    assert main(["build", source, "-o", "out"]) == 0
    assert main(["verify", source, "-o", "out"]) == 0
    pdf_text = "\n".join(page.extract_text() for page in PdfReader("out/board-update.pdf").pages)
    assert "Board Update" in pdf_text
    assert "What the table shows, in one line" in pdf_text
    deck = Presentation("out/board-update.pptx")
    titles = [s.shapes.title.text for s in deck.slides if s.shapes.title is not None]
    assert any("the so-what" in t for t in titles), titles
    assert "error" not in capsys.readouterr().err.lower()


def test_every_field_of_the_model_is_present_with_its_description_above_it() -> None:
    text = scaffold_text("x", today=dt.date(2026, 11, 26))
    data = yaml.safe_load(text)
    lines = text.splitlines()
    missing: list[str] = []
    uncommented: list[str] = []

    def walk(model: type[BaseModel], value: dict[str, Any], path: str) -> None:
        docs = field_docs(model)
        for field, info in model.model_fields.items():
            where = f"{path}{field}"
            if field not in value:
                # -- a field that names a data file the new briefing lacks: commented out --
                commented = f"{model.__name__}.{field}" in scaffold._COMMENTED_OUT
                if not (commented and f"# {field}:" in text):
                    missing.append(where)
                continue
            key_lines = [
                i for i, line in enumerate(lines) if line.lstrip(" -").startswith(f"{field}:")
            ]
            described = any(
                lines[i - 1].strip().startswith("#") and docs.get(field, "\0") in lines[i - 1]
                for i in key_lines
            )
            if not described:
                uncommented.append(where)
            item = value[field]
            if isinstance(item, dict):
                walk(model_of(info.annotation), item, f"{where}.")
            elif isinstance(item, list) and item and isinstance(item[0], dict):
                walk(model_of(info.annotation), item[0], f"{where}[0].")

    walk(Briefing, data, "")
    assert missing == []
    assert uncommented == []
    Briefing.model_validate(data)  # -- and it is a valid briefing as written


def test_new_never_overwrites_an_existing_file(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = empty / "content" / "q3-review.yaml"
    target.parent.mkdir()
    target.write_text("title: mine\n", encoding="utf-8")
    assert main(["new", "q3-review"]) == 1
    err = capsys.readouterr().err
    assert "content/q3-review.yaml: already exists" in err
    assert "hint:" in err
    assert "Traceback" not in err
    assert target.read_text(encoding="utf-8") == "title: mine\n"


@pytest.mark.parametrize("name", ["Q3 Review", "../escape", "a/b", "trailing-", "x" * 61, ""])
def test_a_name_that_is_no_file_name_is_a_usage_error(
    name: str, empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", name]) == 2
    assert "NAME must be lower-case letters" in capsys.readouterr().err
    assert not (empty / "content").exists()


def test_new_accepts_the_file_name_and_another_folder(
    empty: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", "weekly.yaml", "--content", "briefs"]) == 0
    assert (empty / "briefs" / "weekly.yaml").is_file()
    assert (empty / "briefs" / SCHEMA_FILE).is_file()
