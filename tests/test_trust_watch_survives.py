"""`watch` never dies of a build: an unexpected error is reported and watching goes on, and a
PDF worker that was killed is replaced at the next build."""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest
from pypdf import PdfReader

from _support_trust import ROOT, VALID
from briefing import watch
from briefing.build import Builder
from briefing.project import find_project


def test_a_worker_killed_between_builds_is_replaced(tmp_path: Path) -> None:
    with Builder(find_project(ROOT), cache=False) as builder:
        builder.build(VALID, out_dir=tmp_path, formats=["pdf"])
        pool = builder._worker()
        for pid in list(pool._processes):  # type: ignore[union-attr]
            os.kill(pid, signal.SIGKILL)
        (tmp_path / f"{VALID.stem}.pdf").unlink()
        built = builder.build(VALID, out_dir=tmp_path, formats=["pdf"])
    assert built.outputs[0].count == len(PdfReader(tmp_path / f"{VALID.stem}.pdf").pages) > 0


def test_an_unexpected_error_in_a_rebuild_is_reported_and_watching_goes_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with Builder(find_project(ROOT), parallel=False, cache=False) as builder:
        real = builder.build
        calls = []

        def flaky(path: Path, **kwargs: object) -> object:
            calls.append(path)
            if len(calls) == 1:
                raise RecursionError("maximum recursion depth exceeded")
            return real(path, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(builder, "build", flaky)
        watch._rebuild(builder, [VALID], tmp_path, ["html"], None, reason="x.yaml")
        err = capsys.readouterr().err
        assert "✗ valid_minimal: x.yaml changed; not rebuilt: internal error: RecursionError" in err
        assert "watching goes on" in err
        watch._rebuild(builder, [VALID], tmp_path, ["html"], None, reason="x.yaml")
    assert "valid_minimal: x.yaml → html" in capsys.readouterr().out
    assert (tmp_path / f"{VALID.stem}.html").is_file()


def _dies_once(html: str, briefing: object, allowed: list[Path]) -> object:
    """Typesets, but the first time it kills its worker process, as the OOM killer would."""
    from briefing import build

    marker = Path(os.environ["TRUST_MARKER"])
    if not marker.exists() or os.environ.get("TRUST_ALWAYS"):
        marker.write_text("died")
        os._exit(1)
    return build.__dict__["_real_typeset"](html, briefing, allowed)


@pytest.mark.parametrize("always", [False, True])
def test_a_worker_that_dies_while_typesetting_is_replaced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, always: bool
) -> None:
    from briefing import build
    from briefing.errors import BriefingError

    monkeypatch.setenv("TRUST_MARKER", str(tmp_path / "died"))
    if always:
        monkeypatch.setenv("TRUST_ALWAYS", "1")
    monkeypatch.setattr(build, "_real_typeset", build._typeset, raising=False)
    monkeypatch.setattr(build, "_typeset", _dies_once)
    out = tmp_path / "out"
    with Builder(find_project(ROOT), cache=False) as builder:
        if always:
            with pytest.raises(BriefingError, match="the PDF engine stopped twice"):
                builder.build(VALID, out_dir=out, formats=["pdf"])
            assert not (out / f"{VALID.stem}.pdf").exists()
            return
        built = builder.build(VALID, out_dir=out, formats=["pdf"])
    assert (tmp_path / "died").exists()  # -- it did die once --
    assert built.outputs[0].count == len(PdfReader(out / f"{VALID.stem}.pdf").pages) > 0
