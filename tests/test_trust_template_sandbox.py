"""Templates run in Jinja's sandbox: a template that reaches for Python's internals to run a
command fails the build with a clear error at its line, and nothing runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from _support_trust import ROOT, VALID, previous_outputs, run_cli, snapshot

ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch MARK').read() }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch MARK') }}",
    "{{ md.__globals__['__builtins__']['open']('/etc/passwd').read() }}",
]


@pytest.mark.parametrize("escape", ESCAPES)
def test_a_template_reaching_for_python_internals_fails_clearly(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    escape: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    templates = tmp_path / "templates"
    templates.mkdir()
    page = (ROOT / "templates" / "briefing.html.j2").read_text().split("\n")
    page.insert(3, escape)
    (templates / "briefing.html.j2").write_text("\n".join(page))
    out = tmp_path / "out"
    before = previous_outputs(out, VALID.stem)
    run = run_cli(["build", str(VALID), "-o", str(out), "--only", "html"], capsys)
    assert run.status == 1
    assert run.err.startswith(f"{templates / 'briefing.html.j2'}:4:1: template error: ")
    assert "unsafe" in run.err or "not allowed" in run.err
    assert "Traceback" not in run.err
    assert not (tmp_path / "MARK").exists()
    assert "root:" not in run.out + run.err
    assert snapshot(out) == before


def test_the_built_in_templates_render_in_the_sandbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(VALID, tmp_path / "x.yaml")
    run = run_cli(["build", "x.yaml", "-o", "out", "--only", "html,pptx"], capsys)
    assert run.status == 0, run.err
    assert "The lab" in (tmp_path / "out" / "x.html").read_text()
