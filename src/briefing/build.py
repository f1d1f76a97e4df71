"""Build a briefing: the chain of stages, and nothing else.

``Path -> Source -> Briefing -> HTML -> PDF bytes / slides -> PPTX bytes -> files``.
Everything is rendered in memory first; files are written only when every
requested output is ready, each one atomically, so a failed build leaves the
previous outputs as they were. A :class:`Builder` also skips outputs whose
inputs have not changed (:mod:`briefing.cache`) and typesets the PDF in a
worker process while the deck is written, keeping that worker warm between
builds.
"""

from __future__ import annotations

import io
import os
import signal
import time
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing import FORMATS as FORMATS  # -- re-exported: callers import it from here too
from briefing import cache
from briefing.epoch import source_date_epoch
from briefing.output import write_atomic
from briefing.project import Project

if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

    from briefing.content.model import Briefing


@dataclass(frozen=True)
class Output:
    """One output of a build: where it is, how long it took, its pages or slides."""

    fmt: str
    path: Path
    seconds: float
    count: int  # pages of a PDF, slides of a deck; 0 for a web page
    skipped: bool  # already up to date: not built again


@dataclass(frozen=True)
class Built:
    name: str
    files: dict[str, Path]
    outputs: tuple[Output, ...] = ()


def check(path: Path) -> Briefing:
    """Load and validate one source: no rendering."""
    # -- YAML and pydantic load here, not at import: a build with nothing to do needs neither --
    from briefing.content import source, validate

    return validate.validate(source.load(path))


def check_outputs(path: Path, *, project: Project, deck_template: Path | None = None) -> Briefing:
    """What ``build`` checks, nothing written: the content, both templates, the deck's
    fitting. Passes exactly when ``build`` would accept the content (the PDF's fonts and
    typesetting aside), and names the content's line where the content is at fault."""
    from briefing import render
    from briefing.content.locate import in_content
    from briefing.theme import load_theme

    briefing = check(path)
    theme = load_theme(project.theme_file)
    templates = render.Templates(project.template_dirs)
    with in_content(path):
        render.render_document(briefing, theme=theme, templates=templates, name=path.stem)
        _deck(briefing, theme, templates, path.stem, project, deck_template)
    return briefing


def build(
    path: Path,
    *,
    project: Project,
    out_dir: Path,
    formats: Collection[str] = FORMATS,
    deck_template: Path | None = None,
) -> Built:
    """Build the requested outputs of one source into ``out_dir``, every one of them, in
    this process (no cache, no worker): the plain chain, as tests and scripts want it."""
    with Builder(project, parallel=False, cache=False) as builder:
        return builder.build(path, out_dir=out_dir, formats=formats, deck_template=deck_template)


class Builder:
    """Builds sources one after another, reusing what it can between them."""

    def __init__(self, project: Project, *, parallel: bool = True, cache: bool = True) -> None:
        self.project = project
        self.parallel = parallel
        self.cache = cache
        self._pool: ProcessPoolExecutor | None = None

    def __enter__(self) -> Builder:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def _worker(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # -- the worker pool only when a PDF is to be typeset (no-op builds skip it) --
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            # -- fork: the worker starts with what is imported already, and warms up at once --
            context = multiprocessing.get_context("fork")
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=context,
                initializer=_tie_to_parent,
                initargs=(os.getpid(),),
            )
            self._pool.submit(_warm_up, self.project.allowed_reads())
        return self._pool

    def build(
        self,
        path: Path,
        *,
        out_dir: Path,
        formats: Collection[str] = FORMATS,
        deck_template: Path | None = None,
        force: bool = False,
    ) -> Built:
        """Build what is out of date among ``formats`` of ``path`` (all with ``force``)."""
        name = path.stem
        targets = {fmt: out_dir / f"{name}.{fmt}" for fmt in FORMATS if fmt in formats}
        manifest = cache.Manifest(out_dir) if self.cache else None
        keys: dict[str, str] = {}
        skipped: dict[str, Output] = {}
        if manifest is not None:
            try:
                raw = path.read_bytes()
            except OSError:
                raw = b""  # -- not readable: the build below says why --
            extra = [deck_template] if deck_template else []
            keys = cache.input_keys(
                raw, folders=self.project.template_dirs, extra_files=extra, formats=targets
            )
            for fmt, target in targets.items():
                record = None if force else manifest.fresh(target, keys[fmt])
                if record is not None:
                    skipped[fmt] = Output(fmt, target, 0.0, record.count, skipped=True)
        todo = [fmt for fmt in targets if fmt not in skipped]
        if not todo:
            return Built(name, dict(targets), tuple(skipped[f] for f in targets))
        if self.parallel and "pdf" in todo:
            # -- start the PDF engine now: its import overlaps reading and rendering the
            #    source, even when the PDF is the only output --
            self._worker()
        made = self._make(path, todo, deck_template)
        for fmt, (data, _, count) in made.items():
            write_atomic(targets[fmt], data)
            if manifest is not None:
                manifest.record(targets[fmt], key=keys[fmt], data=data, count=count)
        if manifest is not None:
            manifest.save()
        outputs = [
            skipped[fmt]
            if fmt in skipped
            else Output(fmt, targets[fmt], made[fmt][1], made[fmt][2], skipped=False)
            for fmt in targets
        ]
        return Built(name, dict(targets), tuple(outputs))

    def _make(
        self, path: Path, todo: list[str], deck_template: Path | None
    ) -> dict[str, tuple[bytes, float, int]]:
        """Render the outputs in ``todo``: format -> (bytes, seconds, pages or slides)."""
        from briefing.content.locate import in_content

        with in_content(path):
            return self._render(path, todo, deck_template)

    def _render(
        self, path: Path, todo: list[str], deck_template: Path | None
    ) -> dict[str, tuple[bytes, float, int]]:
        # -- Jinja and the theme load only when something is out of date --
        from briefing import render
        from briefing.theme import load_theme

        project = self.project
        briefing = check(path)
        theme = load_theme(project.theme_file)
        templates = render.Templates(project.template_dirs)
        name = path.stem
        made: dict[str, tuple[bytes, float, int]] = {}
        pending: Future[Any] | None = None
        started = time.perf_counter()
        if "html" in todo or "pdf" in todo:
            html = render.render_document(briefing, theme=theme, templates=templates, name=name)
            if "html" in todo:
                from briefing import webfonts
                from briefing.pdf import check_fonts

                # -- the web page carries the PDF's fonts; the PDF's source does not need them --
                check_fonts()
                page = webfonts.embed(html)
                made["html"] = (page.encode("utf-8"), time.perf_counter() - started, 0)
            if "pdf" in todo:
                from briefing.pdf import check_fonts  # -- WeasyPrint's module: PDF builds only

                check_fonts()  # a missing font package is a clear error, not a traceback
                if self._pool is not None:
                    pending = self._pool.submit(_typeset, html, briefing, project.allowed_reads())
                else:
                    made["pdf"] = _typeset(html, briefing, project.allowed_reads())
        if "pptx" in todo:
            started = time.perf_counter()
            data = _deck(briefing, theme, templates, name, project, deck_template)
            made["pptx"] = (data, time.perf_counter() - started, _slide_count(data))
        if pending is not None:
            made["pdf"] = pending.result()  # a BriefingError in the worker is raised here
        return made


def _deck(
    briefing: Briefing,
    theme: Any,
    templates: Any,
    name: str,
    project: Project,
    deck_template: Path | None,
) -> bytes:
    # -- python-pptx and the fitter load only when a deck is built --
    from briefing import render
    from briefing.deck.slides import parse_slides
    from briefing.deck.writer import write_deck

    if deck_template is None and theme.deck.template:
        # -- a theme's template is named relative to the theme file's own folder --
        deck_template = project.theme_file.parent / theme.deck.template
    description = render.render_deck(briefing, theme=theme, templates=templates, name=name)
    slides = parse_slides(description, template=render.DECK_TEMPLATE)
    return write_deck(
        slides,
        briefing=briefing,
        theme=theme,
        template=render.DECK_TEMPLATE,
        deck_template=deck_template,
        continued=templates.labels(briefing.language).words["continued"],
        epoch=source_date_epoch(),
        draft=templates.labels(briefing.language).words["draft"]
        if briefing.status == "draft"
        else "",
    )


def _typeset(html: str, briefing: Briefing, allowed: list[Path]) -> tuple[bytes, float, int]:
    from briefing.pdf import typeset  # -- WeasyPrint: in the worker, not the main process

    started = time.perf_counter()
    result = typeset(html, briefing=briefing, allowed=allowed)
    return result.data, time.perf_counter() - started, result.pages


def _tie_to_parent(parent: int) -> None:
    """Make the worker die with the build: a build killed mid-way leaves no process behind."""
    try:
        import ctypes  # -- here: prctl exists on Linux only, the fallback below elsewhere

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG, Linux
    except (OSError, AttributeError):
        import threading

        threading.Thread(target=_follow_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)  # -- the build died before the line above took effect --


def _follow_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _warm_up(allowed: list[Path]) -> None:
    from briefing.pdf import warm_up  # -- WeasyPrint: in the worker, not the main process

    warm_up(allowed)


def _slide_count(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        return sum(1 for n in deck.namelist() if n.startswith("ppt/slides/slide"))
