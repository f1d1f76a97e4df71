"""Every one-line field keeps what the author typed (#20): a source with a leading block
marker (``#``, ``1.``, ``2)``, ``-``, ``+``, ``*``, ``>``) and angle-bracket text in every
kind of one-line field (titles, headlines, points, takeaways, cells, captions, labels, key
figures, the ask's options and reasons, next steps, chart labels, extra slides) builds and
proves, and each field reads back whole from the parsed page, the PDF's text and the
deck (python-pptx: text, tables, native charts, notes), in every output that shows it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from support import FIXTURES, ROOT, run_cli

SOURCE = FIXTURES / "fidelity" / "every_field.yaml"
# -- fields that are not one line of text, or not words a reader sees --
_NOT_TEXT = {"id", "date", "classification", "after", "chart", "values", "deck", "value"}
_PROSE = {"summary", "body", "view", "notes"}
# -- what only the deck shows: the decision slide's reasons, a figure's slide title and
#    points, the extra slides; a chart of one series has no legend in the document --
_DECK_ONLY = (".ask.reasons", ".figures[0].title", ".figures[0].points", ".slides")
_NO_LEGEND = ".series[0].name"


def _fields(node: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            # -- a key figure's value is text; a chart's value line is a number --
            if key in _PROSE or (
                key in _NOT_TEXT and not (key == "value" and isinstance(value, str))
            ):
                continue
            yield from _fields(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _fields(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def _norm(text: str) -> str:
    return " ".join(text.replace("\u2212", "-").replace("\u00a0", " ").split())


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from briefing.cli import main

    out = tmp_path_factory.mktemp("every_field")
    assert main(["build", str(SOURCE), "-o", str(out), "--verify"]) == 0
    root = lxml.html.fromstring((out / "every_field.html").read_bytes())
    for element in root.iter("td", "th", "li", "p", "div", "h1", "h2", "h3", "dt", "dd"):
        element.tail = " " + (element.tail or "")  # -- cells and blocks read apart --
    pdf = subprocess.run(
        ["pdftotext", str(out / "every_field.pdf"), "-"], capture_output=True, text=True
    ).stdout
    parts: list[str] = []

    def walk(shapes: Any) -> None:
        for shape in shapes:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                walk(shape.shapes)
            if shape.has_text_frame:
                parts.append(shape.text_frame.text)
            if getattr(shape, "has_table", False) and shape.has_table:
                parts.extend(c.text for row in shape.table.rows for c in row.cells)
            if getattr(shape, "has_chart", False) and shape.has_chart:
                for plot in shape.chart.plots:
                    parts.extend(str(c) for c in plot.categories)
                    parts.extend(s.name for s in plot.series)

    for slide in Presentation(str(out / "every_field.pptx")).slides:
        walk(slide.shapes)
    return {
        "html": _norm(root.text_content()),
        "pdf": _norm(pdf),
        "pptx": _norm(" ".join(parts)),
    }


FIELDS = list(_fields(yaml.safe_load(SOURCE.read_text())))


def test_the_source_has_a_marker_or_angle_brackets_in_every_field() -> None:
    assert len(FIELDS) > 50
    for path, text in FIELDS:
        assert text[0] in "#-+*>12(" or text.startswith("<") or ".table." in path, path
    assert sum("<" in text for _, text in FIELDS) > 40


@pytest.mark.parametrize("fmt", ["html", "pdf", "pptx"])
def test_every_one_line_field_reads_back_whole(outputs: dict[str, str], fmt: str) -> None:
    missing = []
    for path, text in FIELDS:
        if fmt != "pptx" and any(part in path for part in _DECK_ONLY):
            continue
        if fmt == "pdf" and path.endswith(_NO_LEGEND):
            continue
        if _norm(text) not in outputs[fmt]:
            missing.append((path, text))
    assert missing == []


def test_verify_names_the_owner_a_template_cuts_from_a_next_step(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(ROOT / "templates", templates)
    page = templates / "briefing.html.j2"
    text = page.read_text()
    assert "<td>{{ step.owner }}</td>" in text
    page.write_text(text.replace("{{ step.owner }}", "{{ step.owner.removeprefix('# ') }}"))
    args = ["build", str(SOURCE), "-o", str(tmp_path / "out"), "--only", "html"]
    run = run_cli([*args, "--templates", str(templates), "--verify"], capsys)
    assert run.status == 1
    assert "every_field.html: next-steps step 1 is missing: '- Sign the <contract> # <CFO>'" in (
        run.out + run.err
    )
