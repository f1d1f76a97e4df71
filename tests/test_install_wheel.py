"""Installed anywhere: the wheel carries the default look, and works outside the repository.

Builds the wheel from a copy of the project, installs it with pip into a fresh
virtual environment in a temporary folder, and builds a briefing there from a
folder that has no templates. The fresh environment borrows the test run's
installed dependencies through a .pth file, so nothing is downloaded; the
package itself comes only from the wheel (the test checks where it is
imported from).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from support import ROOT, VALID

SHIPPED = ["pyproject.toml", "README.md", "src", "templates"]
pytestmark = pytest.mark.slow  # -- builds a wheel and a fresh virtual environment --


def _run(*argv: str | Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME"}}
    done = subprocess.run(
        [str(a) for a in argv], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, f"{argv}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # -- build from a copy: setuptools writes build/ and *.egg-info beside the sources --
    tree = tmp_path_factory.mktemp("tree")
    for name in SHIPPED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source, tree / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
            )
        else:
            shutil.copy2(source, tree / name)
    dist = tmp_path_factory.mktemp("dist")
    _run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-index",
        "--no-build-isolation",
        "--wheel-dir",
        dist,
        tree,
        cwd=tree,
    )
    (found,) = dist.glob("briefing-*.whl")
    return found


def test_the_wheel_ships_every_default_template(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    templates = [
        p.name
        for p in (ROOT / "templates").iterdir()
        if p.is_file() and p.suffix in {".j2", ".yaml"}
    ]
    assert {"briefing.css.j2", "briefing.html.j2", "deck.html.j2", "theme.yaml"} <= set(templates)
    missing = [t for t in templates if f"briefing/default_templates/{t}" not in names]
    assert missing == []
    assert "briefing/py.typed" in names
    entry_points = (
        zipfile.ZipFile(wheel)
        .read(next(n for n in names if n.endswith(".dist-info/entry_points.txt")))
        .decode()
    )
    assert "briefing = briefing.cli:main" in entry_points


def test_pip_install_into_a_fresh_venv_then_build_anywhere(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv, cwd=tmp_path)
    python = venv / "bin" / "python"
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        wheel,
        cwd=tmp_path,
    )
    site = Path(
        _run(
            python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=tmp_path
        ).strip()
    )
    # -- the dependencies of this test run; .pth files inside it are not run, so the
    #    editable install of the repository stays invisible --
    (site / "test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")

    where = _run(
        python, "-c", "import briefing.project as p; print(p.default_templates())", cwd=tmp_path
    ).strip()
    assert Path(where).is_relative_to(site), where

    # -- a small briefing: the templates it needs are the packaged ones (the test above
    #    proves the wheel carries every one of them) --
    content = tmp_path / "some" / "where"
    content.mkdir(parents=True)
    shutil.copy(VALID, content / "x.yaml")
    work = tmp_path / "work"  # -- no templates/ here: the packaged ones are used
    work.mkdir()
    _run(venv / "bin" / "briefing", "build", content / "x.yaml", "-o", "out", cwd=work)
    for fmt in ("html", "pdf", "pptx"):
        assert (work / "out" / f"x.{fmt}").stat().st_size > 0
    text = "".join(page.extract_text() for page in PdfReader(work / "out" / "x.pdf").pages)
    assert "The bottom line [1]" in text
    version = _run(venv / "bin" / "briefing", "--version", cwd=work)
    assert version.startswith("briefing ")
