"""The build record's key names every font the theme measures the deck with, however the
theme's YAML writes the list, and the deck template it names."""

from __future__ import annotations

from pathlib import Path

from briefing.build import metric_fonts, theme_deck_template
from briefing.project import find_project
from support import ROOT


def _project(tmp_path: Path, theme: str) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "templates").mkdir()
    packaged = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
    (tmp_path / "templates" / "theme.yaml").write_text(
        packaged.replace("  deck_metrics: [Carlito-Regular.ttf, Carlito-Bold.ttf]", theme),
        encoding="utf-8",
    )
    return tmp_path


def test_a_block_list_of_metric_fonts_is_in_the_key(tmp_path: Path) -> None:
    theme = "  deck_metrics:\n    - Carlito-Regular.ttf\n    - Carlito-Bold.ttf"
    found = metric_fonts(find_project(_project(tmp_path, theme)))
    assert {path.name for path in found} >= {"Carlito-Regular.ttf", "Carlito-Bold.ttf"}


def test_a_name_that_is_a_path_finds_nothing(tmp_path: Path) -> None:
    theme = "  deck_metrics: [../../etc/passwd, '*.ttf']"
    found = metric_fonts(find_project(_project(tmp_path, theme)))
    assert all(path.suffix in {".ttf", ".otf"} and "etc" not in path.parts for path in found)


def test_an_unreadable_theme_names_no_deck_template(tmp_path: Path) -> None:
    project = _project(tmp_path, "  deck_metrics: [")
    assert theme_deck_template(find_project(project)) == []
