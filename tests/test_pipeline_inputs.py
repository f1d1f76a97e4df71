"""One chain, and its inputs recorded as they are read: `check` is `build` without the
write, the cache rebuilds when any input changes (however the source names it), and the
engines' versions come from the package metadata.

The project here is small (a minimal briefing, one picture, a logo, a theme, labels and
a stylesheet of its own), and only the web page is built: what is checked is which
builds happen, not how an output looks.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO

import pytest
from PIL import Image

from briefing import cache, inputs
from briefing.build import prepare
from briefing.project import find_project
from support import FIXTURES, ROOT, Run, run_cli

SHIPPED = sorted(
    [
        *ROOT.glob("content/*.yaml"),
        *ROOT.glob("examples/*/content/*.yaml"),
        *FIXTURES.glob("*.yaml"),
        *FIXTURES.glob("authoring/*.yaml"),
    ]
)
EXAMPLE = ROOT / "examples" / "expansion"

# -- the figure written in YAML's flow style: a scan of the text for `image:` at the start
#    of a line does not see it --
FIGURE = """\
    figures:
      - {image: images/pic.png, alt: A square of one colour}
"""


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 16), colour).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    (root / "content" / "images").mkdir(parents=True)
    (root / "templates").mkdir()
    text = (FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    points:\n      - A point.\n", "    points:\n      - A point.\n" + FIGURE
    )
    (root / "content" / "brief.yaml").write_text(text, encoding="utf-8")
    (root / "content" / "images" / "pic.png").write_bytes(png("red"))
    theme = (ROOT / "templates" / "theme.yaml").read_text(encoding="utf-8")
    (root / "templates" / "theme.yaml").write_text(theme + "logo: logo.png\n", encoding="utf-8")
    (root / "templates" / "logo.png").write_bytes(png("green"))
    for name in ("labels.yaml", "briefing.css.j2"):
        shutil.copy(ROOT / "templates" / name, root / "templates" / name)
    monkeypatch.chdir(root)
    return root


@pytest.fixture
def html_build(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> Callable[[], tuple[bool, bytes]]:
    """``briefing build content/brief.yaml --only html``: (was it up to date, the page)."""

    def run() -> tuple[bool, bytes]:
        done: Run = run_cli(["build", "content/brief.yaml", "--only", "html", "--json"], capsys)
        assert done.status == 0, done.err
        record = json.loads(done.out.splitlines()[0])
        return bool(record["up_to_date"]), (project / "build" / "brief.html").read_bytes()

    return run


def test_check_of_a_briefing_with_pictures_passes_as_its_build_does(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(EXAMPLE)
    done = run_cli(["check", "content/expansion.yaml"], capsys)
    assert done.status == 0, done.err
    assert "Traceback" not in done.err
    assert "✓ content/expansion.yaml: 5 sections" in done.out


def _project_of(source: Path) -> Path:
    """Where a user checks ``source`` from: its project (``content/``'s parent), or the
    repository for the test fixtures."""
    return source.parent.parent if source.parent.name == "content" else ROOT


@pytest.mark.slow  # -- renders and fits every shipped briefing --
@pytest.mark.parametrize(
    "folder",
    sorted({_project_of(s) for s in SHIPPED}),
    ids=lambda p: str(p.relative_to(ROOT)) if p != ROOT else "repository",
)
def test_check_passes_on_every_shipped_source(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # -- one `briefing check` of all the sources of a project, as a user checks a folder:
    #    each source is checked, and each says so --
    sources = [s for s in SHIPPED if _project_of(s) == folder]
    monkeypatch.chdir(folder)
    done = run_cli(["check", *map(str, sources)], capsys)
    assert done.status == 0, done.err
    for source in sources:
        assert f"✓ {source}:" in done.out


def test_an_edited_picture_named_in_flow_style_is_built_again(
    project: Path, html_build: Callable[[], tuple[bool, bytes]]
) -> None:
    _, first = html_build()
    assert base64.b64encode(png("red")) in first
    (project / "content" / "images" / "pic.png").write_bytes(png("blue"))
    up_to_date, second = html_build()
    assert not up_to_date
    assert base64.b64encode(png("blue")) in second


EDITS = {
    "source": ("content/brief.yaml", lambda b: b.replace(b"A headline.", b"Another headline.")),
    "theme": ("templates/theme.yaml", lambda b: b.replace(b"#0B5CAD", b"#0B5CAE")),
    "logo": ("templates/logo.png", lambda _: png("yellow")),
    "labels": ("templates/labels.yaml", lambda b: b.replace(b"Executive briefing", b"Brief")),
    "stylesheet": ("templates/briefing.css.j2", lambda b: b + b"\n.edited { color: red; }\n"),
}


@pytest.mark.slow  # -- a build for each kind of input --
def test_an_edit_of_each_kind_of_input_is_built_again(
    project: Path, html_build: Callable[[], tuple[bool, bytes]]
) -> None:
    # -- one project, edited one kind of input after another: each edit alone makes the
    #    next build a rebuild with another page, and the build after it a no-op again --
    _, page = html_build()
    assert html_build()[0], "an unchanged project is up to date"
    for kind, (name, edit) in sorted(EDITS.items()):
        target = project / name
        target.write_bytes(edit(target.read_bytes()))
        up_to_date, edited = html_build()
        assert not up_to_date, kind
        assert edited != page, kind
        assert html_build()[0], f"up to date again after the {kind} edit"
        page = edited


def test_the_prepared_inputs_are_every_file_the_build_reads(project: Path) -> None:
    deck_template = project / "corporate.pptx"
    deck_template.write_bytes(b"not read until the deck is written")
    prepared = prepare(
        find_project(project), project / "content" / "brief.yaml", deck_template=deck_template
    )
    read = set(prepared.inputs)
    expected = [
        "content/brief.yaml",
        "content/images/pic.png",
        "templates/theme.yaml",
        "templates/logo.png",
        "templates/labels.yaml",
        "corporate.pptx",
    ]
    assert {(project / name).resolve() for name in expected} <= read
    assert set(prepared.metric_fonts) <= read


def test_a_new_version_of_any_engine_rebuilds(
    html_build: Callable[[], tuple[bool, bytes]],
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    import importlib.metadata

    html_build()
    real = importlib.metadata.version
    for engine in ("babel", "cairosvg"):  # -- each changes the bytes of an output --
        # -- an upgrade as pip makes it: the package's metadata says the new version, and
        #    its NAME-VERSION.dist-info folder is new (what a no-op's quick look sees) --
        packages = tmp_path / engine / "site-packages"
        (packages / f"{engine}-999.dist-info").mkdir(parents=True)
        monkeypatch.syspath_prepend(str(packages))
        monkeypatch.setattr(
            importlib.metadata,
            "version",
            lambda name, engine=engine: "999" if name == engine else real(name),
        )
        cache._versions.cache_clear()
        try:
            assert not html_build()[0], engine
        finally:
            monkeypatch.setattr(importlib.metadata, "version", real)
            cache._versions.cache_clear()


def _line_with(stream: IO[str], text: str, timeout: float = 60.0) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = stream.readline()
        if text in line:
            return line
        if not line:
            time.sleep(0.05)
    raise AssertionError(f"no line with {text!r} within {timeout} s")


def test_a_loader_records_into_the_running_build_and_nowhere_else(tmp_path: Path) -> None:
    table = tmp_path / "data.csv"
    table.write_bytes(b"a,b\n1,2\n")
    inputs.note(table)  # -- outside a build (a test, a formatter): recorded nowhere --
    with inputs.recording() as read:
        inputs.note(tmp_path / "missing.csv")  # -- a file that does not exist yet counts --
        inputs.note(table, table.read_bytes())
    assert list(read) == [(tmp_path / "missing.csv").resolve(), table.resolve()]
    assert read.digests() == {table.resolve(): hashlib.sha256(b"a,b\n1,2\n").digest()}
    with inputs.recording() as other:
        pass
    assert len(other) == 0


def test_the_pdf_engine_running_out_of_stack_is_named_at_the_source(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing.build import build
    from briefing.errors import BriefingError
    from briefing.pdf import typeset

    def too_deep(*args: object, **kwargs: object) -> object:
        raise RecursionError

    monkeypatch.setattr(typeset, "typeset", too_deep)
    with pytest.raises(BriefingError) as raised:
        build(
            Path("content/brief.yaml"),
            project=find_project(project),
            out_dir=project / "out",
            formats=("pdf",),
        )
    assert str(raised.value).startswith("content/brief.yaml: the document nests too deeply")


@pytest.mark.slow  # -- a real watcher process, fed two edits --
def test_watch_rebuilds_on_an_edited_picture_and_takes_up_a_new_templates_folder(
    tmp_path: Path,
) -> None:
    # -- one watcher for both: a project without templates/ and with a picture named in
    #    flow style; its picture is edited, then a templates/ folder is made --
    root = tmp_path / "bare"
    (root / "content" / "images").mkdir(parents=True)
    text = (FIXTURES / "valid_minimal.yaml").read_text(encoding="utf-8")
    text = text.replace(
        "    points:\n      - A point.\n", "    points:\n      - A point.\n" + FIGURE
    )
    (root / "content" / "brief.yaml").write_text(text, encoding="utf-8")
    (root / "content" / "images" / "pic.png").write_bytes(png("red"))
    watcher = subprocess.Popen(
        [sys.executable, "-m", "briefing", "watch", "content/brief.yaml", "--only", "html"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert watcher.stdout is not None
        assert "watching" in _line_with(watcher.stdout, "watching")
        page = (root / "build" / "brief.html").read_bytes()
        assert b"Executive briefing" in page
        assert base64.b64encode(png("red")) in page

        (root / "content" / "images" / "pic.png").write_bytes(png("blue"))
        line = _line_with(watcher.stdout, "→")
        assert "pic.png" in line and "html" in line
        assert base64.b64encode(png("blue")) in (root / "build" / "brief.html").read_bytes()

        labels = (ROOT / "templates" / "labels.yaml").read_text(encoding="utf-8")
        made = tmp_path / "templates-being-written"
        made.mkdir()
        (made / "labels.yaml").write_text(
            labels.replace("kicker: Executive briefing", "kicker: Board note"), encoding="utf-8"
        )
        made.rename(root / "templates")  # -- whole at once, as a copy by hand would end --
        assert "templates" in _line_with(watcher.stdout, "→")
        assert b"Board note" in (root / "build" / "brief.html").read_bytes()
    finally:
        watcher.terminate()
        watcher.communicate(timeout=30)  # -- waits, and closes the pipes --


def test_a_record_naming_a_file_outside_the_project_is_not_trusted(
    project: Path,
    html_build: Callable[[], tuple[bool, bytes]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    html_build()
    record = project / "build" / ".briefing-cache.json"
    data = json.loads(record.read_text(encoding="utf-8"))
    entry = data["outputs"]["brief.html"]
    outside = project.parent / "elsewhere.txt"
    outside.write_text("not an input")
    listed = project / "content" / ".." / ".." / outside.name  # -- lexically inside --
    entry["inputs"] = [*entry["inputs"], str(listed)]
    record.write_text(json.dumps(data), encoding="utf-8")
    hashed: list[Path] = []
    real = cache._file_hash
    monkeypatch.setattr(cache, "_file_hash", lambda p: hashed.append(p) or real(p))
    # -- the listed files are not read: the build prepares and keys on what it read itself --
    assert html_build()[0]
    assert hashed, "the build hashed its own inputs"
    assert all(p.resolve() != outside.resolve() for p in hashed)
