"""Shared fixtures: each briefing built once per test session (see support.py), the slow mark.

`muse`, `harbour` and the other briefing fixtures are `support.Built` objects: a test that
reads one output builds only that output, once for the whole session.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from briefing.content.scaffold import scaffold_text
from briefing.project import find_project
from support import (
    DECK_CUT,
    DECK_LONG,
    DECK_WIDE,
    FIXTURES,
    GERMAN,
    HARBOUR,
    LONG_TABLE,
    MINIMAL,
    MUSE_SPARK,
    ROOT,
    Builds,
    Built,
)

__all__ = ["FIXTURES", "ROOT", "Built"]  # -- `from conftest import Built` still works --

# -- property tests: a few dozen examples while editing (`make test-fast` skips the slow
#    ones anyway), more in CI; HYPOTHESIS_PROFILE=ci selects it --
settings.register_profile(
    "dev",
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
settings.register_profile("ci", settings.get_profile("dev"), max_examples=200)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "slow: runs real processes, LibreOffice or many builds; `make test-fast` skips"
    )


@pytest.fixture(scope="session", autouse=True)
def _typesetting_warm() -> None:
    """WeasyPrint loaded and warm in each test process before its first test, as the session's
    first in-process build leaves it: the PDF worker each `briefing build` in this process
    forks (run_cli, Builder) then starts warm, instead of importing WeasyPrint and warming
    up afresh at every build. A cold start is the real processes' to test."""
    from briefing.pdf.typeset import warm_up

    warm_up(find_project(ROOT).allowed_reads())


@pytest.fixture(scope="session", autouse=True)
def _poppler_once(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """poppler run once a run for each PDF's bytes: the session's briefings are proved by
    several tests in both workers, and ``pdfinfo -struct-text`` takes seconds on a long one.
    Its output is a function of the bytes and the arguments, so the first run's is kept in
    the run's folder and read back; a missing tool, a failure, or a PDF named by its path
    (the open-counting tests watch those) goes to poppler every time."""
    from briefing.proof import readback

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID")
    base = tmp_path_factory.getbasetemp()
    kept = base.parent / f"poppler-{run}" if run else base / "poppler"
    kept.mkdir(exist_ok=True)
    poppler = readback._poppler

    def once(tool: str, *args: str, data: bytes | None = None) -> str:
        if data is None or readback.shutil.which(tool) is None:
            return poppler(tool, *args, data=data)
        key = hashlib.sha256("\0".join([tool, *args]).encode() + b"\0" + data).hexdigest()
        path = kept / key
        if path.is_file():
            return path.read_bytes().decode("utf-8")  # -- bytes: a \r kept as poppler gave it
        output = poppler(tool, *args, data=data)
        part = path.with_suffix(f".{os.getpid()}")
        part.write_bytes(output.encode("utf-8"))
        part.replace(path)
        return output

    readback._poppler = once
    yield
    readback._poppler = poppler


@pytest.fixture(scope="session")
def builds(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    """Every source's outputs, built once for the session: ``builds.of(path)``."""
    return Builds(tmp_path_factory)


@pytest.fixture(scope="session")
def muse(builds: Builds) -> Built:
    """The shipped Muse Spark briefing."""
    return builds.of(MUSE_SPARK)


@pytest.fixture(scope="session")
def harbour(builds: Builds) -> Built:
    """A briefing on another subject, citing its sources."""
    return builds.of(HARBOUR)


@pytest.fixture(scope="session")
def long_table(builds: Builds) -> Built:
    """A briefing whose table runs over a page."""
    return builds.of(LONG_TABLE)


@pytest.fixture(scope="session")
def minimal(builds: Builds) -> Built:
    """Only the required fields, in French, without sources."""
    return builds.of(MINIMAL)


@pytest.fixture(scope="session")
def german(builds: Builds) -> Built:
    """A briefing in German."""
    return builds.of(GERMAN)


@pytest.fixture(scope="session")
def deck_long(builds: Builds) -> Built:
    """Bullets and a table too long for one slide each."""
    return builds.of(DECK_LONG)


@pytest.fixture(scope="session")
def deck_cut(builds: Builds) -> Built:
    """A source taller than a slide: cut between words."""
    return builds.of(DECK_CUT)


@pytest.fixture(scope="session")
def deck_wide(builds: Builds) -> Built:
    """Characters the deck font lacks."""
    return builds.of(DECK_WIDE)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one content file and no templates, the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "x.yaml").write_text(
        scaffold_text("x", today=dt.date(2026, 11, 26)), encoding="utf-8"
    )
    return tmp_path
