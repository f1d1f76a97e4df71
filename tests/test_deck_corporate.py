"""A user's corporate template: its masters and layouts are used, found by the theme's names.

The template is made by tests/corp_template.py; the template is checked before anything is
built, and a missing layout or placeholder is an error that names it.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from _support_deck import ROOT, build_deck, corporate_templates, layout_problems, overflows
from briefing.errors import BriefingError
from corp_template import LAYOUTS, make_template
from support import Run, run_cli

MUSE = ROOT / "content" / "muse-spark.yaml"


@pytest.fixture(scope="module")
def corp(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The corporate template and a templates folder whose theme maps to its layouts."""
    folder = tmp_path_factory.mktemp("corp")
    return make_template(folder / "corp.pptx"), corporate_templates(folder)


@pytest.fixture(scope="module")
def corp_deck(corp: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    template, templates = corp
    return build_deck(
        MUSE, tmp_path_factory.mktemp("corp-deck"), templates=templates, deck_template=template
    )


@pytest.fixture
def briefing_cli(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> Callable[..., Run]:
    """``briefing ARGS`` in this process, from the repository."""
    monkeypatch.chdir(ROOT)
    return lambda *args: run_cli(list(args), capsys)


def test_the_deck_uses_the_templates_layouts_master_and_slide_size(corp_deck: Path) -> None:
    prs = Presentation(str(corp_deck))
    assert (Emu(prs.slide_width).inches, Emu(prs.slide_height).inches) == (10, 5.625)
    used = {slide.slide_layout.name for slide in prs.slides}
    assert used == set(LAYOUTS.values())
    assert prs.slides[0].slide_layout.name == "Corp Cover"
    # -- the brand band lives on the master, so every slide shows it without a copy --
    assert any(shape.shape_id == 900 for shape in prs.slide_master.shapes)
    texts = [s.text_frame.text for slide in prs.slides for s in slide.shapes if s.has_text_frame]
    assert not any("SAMPLE SLIDE" in t for t in texts), "the template's sample slide was kept"


def test_titles_and_bullets_sit_in_the_templates_placeholders(corp_deck: Path) -> None:
    prs = Presentation(str(corp_deck))
    # -- a section's slide: the body where the layout puts it (a decision slide's list sits
    #    below its recommendation) --
    content = next(
        s
        for s in prs.slides
        if s.slide_layout.name == "Corp Text"
        and not any(shape.name in {"Recommendation", "Lead"} for shape in s.shapes)
    )
    body = next(ph for ph in content.placeholders if ph.placeholder_format.idx == 1)
    layout_body = next(
        ph for ph in content.slide_layout.placeholders if ph.placeholder_format.idx == 1
    )
    assert (body.left, body.top, body.width) == (
        layout_body.left,
        layout_body.top,
        layout_body.width,
    )
    assert body.top + body.height <= layout_body.top + layout_body.height


def test_every_box_fits_on_the_templates_smaller_slides(corp_deck: Path) -> None:
    assert overflows(corp_deck) == []
    assert layout_problems(corp_deck) == []


def test_the_command_line_option_and_the_theme_setting_both_use_the_template(
    tmp_path: Path, briefing_cli: Callable[..., Run]
) -> None:
    template = make_template(tmp_path / "corp.pptx")
    templates = corporate_templates(tmp_path)
    out = tmp_path / "by-option"
    result = briefing_cli(
        "build", str(MUSE), "-o", str(out), "--only", "pptx", "--templates", str(templates),
        "--deck-template", str(template),
    )  # fmt: skip
    assert result.status == 0, result.err
    # -- the theme names the template instead: templates/corp.pptx --
    themed = corporate_templates(tmp_path / "themed", template="corp.pptx")
    make_template(themed / "corp.pptx")
    out2 = tmp_path / "by-theme"
    result = briefing_cli(
        "build", str(MUSE), "-o", str(out2), "--only", "pptx", "--templates", str(themed)
    )  # fmt: skip
    assert result.status == 0, result.err
    for deck in (out / "muse-spark.pptx", out2 / "muse-spark.pptx"):
        assert Presentation(str(deck)).slides[0].slide_layout.name == "Corp Cover"


def test_a_missing_layout_is_an_error_naming_it_and_the_theme_key(
    tmp_path: Path, briefing_cli: Callable[..., Run]
) -> None:
    template = make_template(tmp_path / "corp.pptx", without_layout="Corp Heading")
    templates = corporate_templates(tmp_path)
    result = briefing_cli(
        "build", str(MUSE), "-o", str(tmp_path / "out"), "--only", "pptx",
        "--templates", str(templates), "--deck-template", str(template),
    )  # fmt: skip
    assert result.status == 1
    assert "deck.layouts.title_only: the template has no layout named 'Corp Heading'" in (
        result.err
    )
    assert "'Corp Cover'" in result.err  # -- the hint lists the layouts it has --
    assert "Traceback" not in result.err
    assert not (tmp_path / "out" / "muse-spark.pptx").exists()


def test_a_missing_placeholder_is_an_error_naming_the_layout(tmp_path: Path) -> None:
    template = make_template(tmp_path / "corp.pptx", without_body=True)
    with pytest.raises(BriefingError) as err:
        build_deck(MUSE, tmp_path, templates=corporate_templates(tmp_path), deck_template=template)
    assert "layout 'Corp Text': has no body placeholder" in str(err.value)


def test_the_default_layout_names_on_a_corporate_file_are_reported_all_at_once(
    tmp_path: Path, briefing_cli: Callable[..., Run]
) -> None:
    template = make_template(tmp_path / "corp.pptx")
    result = briefing_cli(
        "build", str(MUSE), "-o", str(tmp_path), "--only", "pptx", "--deck-template", str(template)
    )  # fmt: skip
    assert result.status == 1
    for name in ("Title Slide", "Title and Content", "Title Only"):
        assert f"no layout named {name!r}" in result.err


def test_a_file_that_is_not_a_deck_is_a_clear_error(
    tmp_path: Path, briefing_cli: Callable[..., Run]
) -> None:
    fake = tmp_path / "corp.pptx"
    fake.write_text("not a zip", encoding="utf-8")
    result = briefing_cli(
        "build", str(MUSE), "-o", str(tmp_path), "--only", "pptx", "--deck-template", str(fake)
    )  # fmt: skip
    assert result.status == 1
    assert f"{fake}: not a PowerPoint file" in result.err
    assert "Traceback" not in result.err


def test_a_theme_naming_a_template_that_is_not_there_is_a_clear_error(
    tmp_path: Path, briefing_cli: Callable[..., Run]
) -> None:
    templates = corporate_templates(tmp_path, template="missing.pptx")
    result = briefing_cli(
        "build", str(MUSE), "-o", str(tmp_path), "--only", "pptx", "--templates", str(templates)
    )  # fmt: skip
    assert result.status == 1
    assert f"{templates / 'missing.pptx'}: no such deck template" in result.err
    assert "Traceback" not in result.err
