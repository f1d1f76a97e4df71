"""The user cache (compiled templates, drawn charts, web-font subsets) stays bounded.

Its files are named by what they are made of, so every template edit, chart edit and new
character adds one: each folder keeps the files written or read last, and the compiled
templates of versions long replaced are removed.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from briefing import cache
from briefing.document import charts, render, webfonts
from support import figures_source, run_cli


def _aged(folder: Path, names: list[str]) -> None:
    # -- written in that order, a minute apart: a file system's clock ticks coarser than
    #    the loop that writes them --
    folder.mkdir(parents=True, exist_ok=True)
    for age, name in enumerate(reversed(names), start=1):
        (folder / name).write_bytes(b"x")
        os.utime(folder / name, (1_700_000_000 - 60 * age,) * 2)


def test_a_folder_keeps_the_files_written_last_and_nothing_else_is_touched(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "charts"
    _aged(folder, [f"{n}.svg" for n in range(7)])
    (folder / "inner").mkdir()
    cache.trim_user_cache(folder, keep=3)
    assert sorted(p.name for p in folder.iterdir()) == ["4.svg", "5.svg", "6.svg", "inner"]


def test_storing_past_the_limit_removes_the_oldest_file_and_keeps_the_new_one(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "webfonts"
    names = [f"face-{n:03d}.woff2" for n in range(cache.USER_CACHE_FILES)]
    _aged(folder, names)
    cache.store_in_user_cache(folder / "face-new.woff2", b"subset")
    kept = {p.name for p in folder.iterdir()}
    assert len(kept) == cache.USER_CACHE_FILES
    assert "face-000.woff2" not in kept and "face-001.woff2" in kept
    assert (folder / "face-new.woff2").read_bytes() == b"subset"


def test_a_cache_that_cannot_be_written_costs_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    cache.store_in_user_cache(blocker / "charts" / "x.svg", b"<svg/>")  # -- no error --
    cache.trim_user_cache(tmp_path / "missing")


def test_compiled_templates_of_long_replaced_versions_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    for n in range(6):
        old = tmp_path / f"templates-{n:016x}"
        old.mkdir()
        (old / "compiled.cache").write_bytes(b"code")
        os.utime(old, (1_700_000_000 + 60 * n,) * 2)
    (tmp_path / "charts").mkdir()
    assert render.compiled_cache() is not None
    left = sorted(p.name for p in tmp_path.iterdir())
    current = [n for n in left if n.startswith("templates-") and not n.startswith("templates-0000")]
    assert len(current) == 1
    assert [n for n in left if n.startswith("templates-0000")] == [
        f"templates-{n:016x}" for n in (3, 4, 5)
    ]
    assert "charts" in left


def test_compiling_a_template_trims_its_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(cache, "USER_CACHE_FILES", 2)
    templates = tmp_path / "templates"
    for n in range(4):
        (templates / str(n)).mkdir(parents=True)
        (templates / str(n) / "t.html.j2").write_text(f"{{{{ {n} }}}}")
        assert render.Templates([templates / str(n)]).render("t.html.j2") == str(n)
    (compiled,) = [p for p in tmp_path.iterdir() if p.name.startswith("templates-")]
    assert len(list(compiled.iterdir())) == 2


def test_a_file_read_is_kept_over_files_written_after_it(tmp_path: Path) -> None:
    folder = tmp_path / "charts"
    names = [f"{n:03d}.svg" for n in range(cache.USER_CACHE_FILES)]
    _aged(folder, names)  # -- 000.svg the oldest --
    assert cache.read_from_user_cache(folder / "000.svg") == b"x"
    cache.store_in_user_cache(folder / "new.svg", b"<svg/>")
    kept = {p.name for p in folder.iterdir()}
    assert "000.svg" in kept and "001.svg" not in kept and "new.svg" in kept
    assert cache.read_from_user_cache(folder / "gone.svg") is None


@pytest.fixture
def fresh_memos() -> Iterator[None]:
    """This process's memos of charts and font subsets emptied before and after: each build
    goes to the user cache as a new process would, and leaves nothing of its own behind."""
    charts._DRAWN.clear()
    webfonts.subset.cache_clear()
    yield
    charts._DRAWN.clear()
    webfonts.subset.cache_clear()


def test_a_build_marks_each_kind_of_cached_file_it_reads_as_used(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fresh_memos: None,
) -> None:
    monkeypatch.setenv("BRIEFING_CACHE_DIR", str(tmp_path / "cache"))
    chart = """\
- chart: bar
  caption: Two bars
  categories: [A, B]
  series:
    - {name: X, values: [1, 2]}
"""
    source = figures_source(tmp_path, chart, title="Used")
    args = ["build", str(source), "--only", "html", "--force", "-o", str(tmp_path / "out")]
    # -- a stand-in for fontTools (seconds a face): what is kept is the point, not a subset --
    monkeypatch.setattr(webfonts, "_subset", lambda path, chars: b"wOF2" + path.name.encode())
    assert run_cli(args, capsys).status == 0
    kept = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert {p.parent.name.split("-")[0] for p in kept} >= {"templates", "charts", "webfonts"}
    for path in kept:
        os.utime(path, (1_700_000_000,) * 2)
    charts._DRAWN.clear()  # -- as in a new process: each is read from the cache --
    webfonts.subset.cache_clear()
    assert run_cli(args, capsys).status == 0
    used = {p.parent.name.split("-")[0] for p in kept if p.stat().st_mtime > 1_700_000_000}
    assert used >= {"templates", "charts", "webfonts"}
