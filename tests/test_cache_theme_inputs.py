"""The build's recorded inputs name every font the theme measures the deck with, however
the theme's YAML writes the list, and a theme that cannot be read is still an input."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from briefing.build import prepare
from briefing.errors import BriefingError
from briefing.inputs import Inputs
from briefing.look.fonts import find_font
from briefing.project import find_project
from support import ROOT

MINIMAL = ROOT / "tests" / "fixtures" / "valid_minimal.yaml"


def _project(tmp_path: Path, theme: str) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "templates").mkdir()
    shutil.copy(MINIMAL, tmp_path / "content" / "minimal.yaml")
    packaged = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
    (tmp_path / "templates" / "theme.yaml").write_text(
        packaged.replace("  deck_metrics: [Carlito-Regular.ttf, Carlito-Bold.ttf]", theme),
        encoding="utf-8",
    )
    return tmp_path


def test_a_block_list_of_metric_fonts_is_an_input(tmp_path: Path) -> None:
    theme = "  deck_metrics:\n    - Carlito-Regular.ttf\n    - Carlito-Bold.ttf"
    root = _project(tmp_path, theme)
    prepared = prepare(find_project(root), root / "content" / "minimal.yaml")
    names = {path.name for path in prepared.inputs}
    # -- the theme's fonts where installed (Carlito, Debian's fonts-crosextra-carlito) --
    assert {n for n in ("Carlito-Regular.ttf", "Carlito-Bold.ttf") if find_font(n)} <= names
    assert set(prepared.metric_fonts) <= set(prepared.inputs)
    assert {"minimal.yaml", "theme.yaml", "labels.yaml"} <= names


def test_a_theme_that_cannot_be_read_is_still_watched(tmp_path: Path) -> None:
    root = _project(tmp_path, "  deck_metrics: [")
    read = Inputs()
    with pytest.raises(BriefingError):
        prepare(find_project(root), root / "content" / "minimal.yaml", into=read)
    assert (root / "templates" / "theme.yaml").resolve() in read
