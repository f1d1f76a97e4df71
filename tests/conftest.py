"""Shared fixtures: briefings built once per test session, into temporary folders."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import pytest

from briefing.build import build, check
from briefing.content.model import Briefing
from briefing.content.scaffold import scaffold_text
from briefing.project import find_project

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@dataclass(frozen=True)
class Built:
    briefing: Briefing
    html: Path
    pdf: Path
    pptx: Path


def _build(source: Path, out: Path) -> Built:
    project = find_project(ROOT)
    built = build(source, project=project, out_dir=out)
    return Built(check(source), built.files["html"], built.files["pdf"], built.files["pptx"])


@pytest.fixture(scope="session")
def muse(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """The shipped Muse Spark briefing, built."""
    return _build(ROOT / "content" / "muse-spark.yaml", tmp_path_factory.mktemp("muse"))


@pytest.fixture(scope="session")
def harbour(tmp_path_factory: pytest.TempPathFactory) -> Built:
    """A briefing on another subject, built."""
    return _build(FIXTURES / "harbour-expansion.yaml", tmp_path_factory.mktemp("harbour"))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one content file and no templates, the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.yaml").write_text(
        scaffold_text("x", today=dt.date(2026, 11, 26)), encoding="utf-8"
    )
    return tmp_path
