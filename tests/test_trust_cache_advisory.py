"""The build record is advisory: a damaged one means "build everything", with a note; every
input of an output is in its key; a build's own outputs are never one of its inputs; and two
sources that would write the same outputs are refused before anything is built."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Inches

from _support_trust import VALID, run_cli, snapshot
from briefing.cache import MANIFEST
from corp_template import make_template

ROOT = Path(__file__).resolve().parent.parent


DAMAGED = ["[]", "null", '"x"', '{"outputs": []}', '{"outputs": {"a": 1}}', "{"]


@pytest.mark.parametrize("record", DAMAGED)
@pytest.mark.parametrize("force", [False, True])
def test_a_damaged_build_record_means_build_everything_with_a_note(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], record: str, force: bool
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_text(record)
    run = run_cli(
        ["build", str(VALID), "-o", str(out), "--only", "html", *(["--force"] if force else [])],
        capsys,
    )
    assert run.status == 0, run.err
    assert f"note: {out / MANIFEST}: the build record is damaged; building everything" in run.err
    assert "</html>" in (out / f"{VALID.stem}.html").read_text()
    # -- the record is whole again: the next build finds the output up to date --
    again = run_cli(["build", str(VALID), "-o", str(out), "--only", "html"], capsys)
    assert "up to date" in again.out
    assert "note:" not in again.err


def test_verify_reads_past_a_damaged_build_record(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    assert run_cli(["build", str(VALID), "-o", str(out)], capsys).status == 0
    (out / MANIFEST).write_text('{"verified": []}')
    run = run_cli(["verify", str(VALID), "-o", str(out)], capsys)
    assert run.status == 0, run.err
    assert "Traceback" not in run.err


def test_a_changed_deck_template_named_by_the_theme_rebuilds_the_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # -- the template lives outside the templates folder, where the folder hash misses it --
    templates = tmp_path / "templates"
    templates.mkdir()
    theme = (ROOT / "templates" / "theme.yaml").read_text()
    layouts = (
        "  layouts:\n    title: Corp Cover\n    content: Corp Text\n    title_only: Corp Heading\n"
    )
    start = theme.index("  layouts:")
    end = theme.index("\n", theme.index("title_only:", start)) + 1
    theme = theme[:start] + "  template: ../brand/corp.pptx\n" + layouts + theme[end:]
    (templates / "theme.yaml").write_text(theme)
    brand = tmp_path / "brand"
    brand.mkdir()
    make_template(brand / "corp.pptx")
    out = tmp_path / "out"
    args = ["build", str(VALID), "-o", str(out), "--only", "pptx", "--templates", str(templates)]
    first = run_cli(args, capsys)
    assert first.status == 0, first.err
    assert "up to date" in run_cli(args, capsys).out
    # -- a different master: a brand band of another size --
    prs = Presentation(str(brand / "corp.pptx"))
    prs.slide_master.shapes[-1].height = Inches(0.4)
    prs.save(str(brand / "corp.pptx"))
    changed = run_cli(args, capsys)
    assert changed.status == 0, changed.err
    assert "up to date" not in changed.out


def test_outputs_inside_the_templates_folder_are_not_inputs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(VALID, tmp_path / "x.yaml")
    args = ["build", "x.yaml", "--templates", ".", "--only", "html"]
    assert run_cli(args, capsys).status == 0
    second = run_cli(args, capsys)
    assert second.status == 0, second.err
    assert "up to date" in second.out


def test_two_sources_writing_the_same_outputs_are_refused_before_building(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for folder in ("content", "drafts"):
        (tmp_path / folder).mkdir()
        shutil.copy(VALID, tmp_path / folder / "ms.yaml")
    out = tmp_path / "out"
    first, second = tmp_path / "content" / "ms.yaml", tmp_path / "drafts" / "ms.yaml"
    run = run_cli(["build", str(first), str(second), "-o", str(out)], capsys)
    assert run.status == 1
    assert run.err.startswith(f"{second}: writes the same outputs as {first} ({out}/ms.*)")
    assert "hint: rename one of the two files" in run.err
    assert not out.exists() or snapshot(out) == {}
    # -- nor can one set of outputs be reported as the proof of both --
    proof = run_cli(["verify", str(first), str(second), "-o", str(out)], capsys)
    assert proof.status == 1
    assert "writes the same outputs as" in proof.err


def test_a_changed_metrics_font_rebuilds_the_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.look import fonts

    installed = {name: fonts.find_font(name) for name in ("Carlito-Bold.ttf", "DejaVuSans.ttf")}
    if not all(installed.values()):
        pytest.fail("fonts missing: apt-get install fonts-crosextra-carlito fonts-dejavu-core")
    folder = tmp_path / "fonts"
    folder.mkdir()
    for name, path in installed.items():
        shutil.copy(path, folder / name)  # type: ignore[arg-type]
    shutil.copy(installed["Carlito-Bold.ttf"], folder / "Carlito-Regular.ttf")  # type: ignore[arg-type]
    monkeypatch.setattr(fonts, "FONT_DIRS", [folder])
    fonts.find_font.cache_clear()
    try:
        args = ["build", str(VALID), "-o", str(tmp_path / "out"), "--only", "pptx"]
        assert run_cli(args, capsys).status == 0
        assert "up to date" in run_cli(args, capsys).out
        # -- another font under the same name: the deck's text measures differently --
        shutil.copy(folder / "DejaVuSans.ttf", folder / "Carlito-Regular.ttf")
        again = run_cli(args, capsys)
    finally:
        fonts.find_font.cache_clear()
    assert again.status == 0, again.err
    assert "up to date" not in again.out
