"""The default look ships in the package; a project's templates override it file by file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.cli import main
from briefing.look.fonts import package_font_dirs
from briefing.project import default_templates, find_project
from support import ROOT

DEFAULT_ACCENT = "#0B5CAD"


def _theme_with_accent(colour: str) -> str:
    theme = (default_templates() / "theme.yaml").read_text(encoding="utf-8")
    assert f'accent: "{DEFAULT_ACCENT}"' in theme
    return theme.replace(f'accent: "{DEFAULT_ACCENT}"', f'accent: "{colour}"')


def _build_html(*extra: str) -> str:
    assert main(["build", "content/x.yaml", "-o", "out", "--only", "html", "-q", *extra]) == 0
    return Path("out/x.html").read_text(encoding="utf-8")


def test_the_packaged_templates_are_the_repository_templates_folder() -> None:
    # -- in the editable install the tests run from; the wheel test covers an installed copy --
    assert default_templates() == (ROOT / "templates").resolve()
    assert (default_templates() / "theme.yaml").is_file()


def test_a_project_without_templates_builds_with_the_packaged_look(project: Path) -> None:
    found = find_project()
    assert found.template_dirs == (default_templates(),)
    assert found.theme_file == default_templates() / "theme.yaml"
    html = _build_html()
    assert f"color: {DEFAULT_ACCENT}" in html
    assert "Executive briefing" in html


def test_a_project_theme_overrides_the_tokens_and_keeps_the_templates(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "theme.yaml").write_text(
        _theme_with_accent("#123456"), encoding="utf-8"
    )
    found = find_project()
    assert found.template_file("theme.yaml") == (project / "templates" / "theme.yaml").resolve()
    assert found.template_file("deck.html.j2") == default_templates() / "deck.html.j2"
    assert found.template_file("corporate.pptx") is None
    html = _build_html()
    assert "color: #123456" in html
    assert DEFAULT_ACCENT not in html
    assert "Executive briefing" in html  # -- the packaged briefing.html.j2 still renders


def test_a_project_template_overrides_that_file_only(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "briefing.css.j2").write_text(
        "/* house style */ h1 { color: {{ theme.colors.accent }}; }\n", encoding="utf-8"
    )
    html = _build_html()
    assert f"/* house style */ h1 {{ color: {DEFAULT_ACCENT}; }}" in html
    assert "@page cover" not in html  # -- the packaged stylesheet is not used
    assert "Executive briefing" in html


def test_templates_option_comes_before_the_project_folder(project: Path) -> None:
    (project / "templates").mkdir()
    (project / "templates" / "theme.yaml").write_text(
        _theme_with_accent("#111111"), encoding="utf-8"
    )
    (project / "brand").mkdir()
    (project / "brand" / "theme.yaml").write_text(_theme_with_accent("#222222"), encoding="utf-8")
    assert "color: #222222" in _build_html("--templates", "brand")
    assert find_project(templates=Path("brand")).template_dirs == (
        (project / "brand").resolve(),
        default_templates(),
    )


def test_a_missing_templates_folder_is_reported(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["build", "content/x.yaml", "--templates", "nowhere"]) == 1
    err = capsys.readouterr().err
    assert "nowhere: --templates: no such folder" in err
    assert "Traceback" not in err


def test_the_pdf_may_read_the_project_and_packaged_templates_and_fonts(project: Path) -> None:
    (project / "templates").mkdir()
    allowed = find_project().allowed_reads()
    assert allowed == [(project / "templates").resolve(), default_templates(), *package_font_dirs()]


@pytest.mark.slow  # -- builds whole briefings: the full tier's --
def test_a_font_file_beside_the_project_templates_is_embedded_in_the_pdf(project: Path) -> None:
    from pypdf import PdfReader

    (project / "templates").mkdir()
    bundled = package_font_dirs()[0]
    shutil.copy(next(bundled.glob("*.ttf")), project / "templates" / "house.ttf")
    stylesheet = (default_templates() / "briefing.css.j2").read_text(encoding="utf-8")
    (project / "templates" / "briefing.css.j2").write_text(
        stylesheet + '\n@font-face { font-family: "House"; src: url("house.ttf"); }\n'
        'h1 { font-family: "House"; }\n',
        encoding="utf-8",
    )
    assert main(["build", "content/x.yaml", "-o", "out", "--only", "pdf", "-q"]) == 0
    fonts = set()
    for page in PdfReader(project / "out" / "x.pdf").pages:
        for font in page["/Resources"]["/Font"].values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("House" in name for name in fonts), fonts
