"""Build a briefing: the chain of stages, and nothing else.

``Path -> Source -> Briefing -> HTML -> PDF bytes / slides -> PPTX bytes -> files``.
Everything is rendered in memory first; files are written only when every
requested output is ready, all of them or none (:mod:`briefing.output`), so a
failed build leaves the previous outputs as they were. A :class:`Builder` also skips outputs whose
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
from briefing.errors import BriefingError, Problem
from briefing.look import fonts
from briefing.output import check_folder, write_all, write_error
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
    notes: tuple[str, ...] = ()  # what the user should know, such as an ignored build record


def check(path: Path) -> Briefing:
    """Load and validate one source: no rendering."""
    # -- YAML and pydantic load here, not at import: a build with nothing to do needs neither --
    from briefing.content import source, validate

    return validate.validate(source.load(path))


def check_outputs(path: Path, *, project: Project, deck_template: Path | None = None) -> Briefing:
    """What ``build`` checks, nothing written: the content, both templates, the deck's
    fitting. Passes exactly when ``build`` would accept the content (the PDF's fonts and
    typesetting aside), and names the content's line where the content is at fault."""
    from briefing.content.locate import in_content
    from briefing.document import render
    from briefing.look.theme import load_theme

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

    def reset_worker(self) -> None:
        """Let go of a worker that died (killed, out of memory): the next build starts one."""
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

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
            raw = _source_bytes(path)
            extra = [deck_template] if deck_template else theme_deck_template(self.project)
            extra += metric_fonts(self.project)
            extra += _pictures_named(raw, path)  # -- a changed picture is a changed input --
            keys = cache.input_keys(
                raw,
                folders=self.project.template_dirs,
                extra_files=extra,
                formats=targets,
                exclude=[out_dir],
            )
            for fmt, target in targets.items():
                record = None if force else manifest.fresh(target, keys[fmt])
                if record is not None:
                    skipped[fmt] = Output(fmt, target, 0.0, record.count, skipped=True)
        notes: tuple[str, ...] = (manifest.note,) if manifest is not None and manifest.note else ()
        todo = [fmt for fmt in targets if fmt not in skipped]
        if not todo:
            return Built(name, dict(targets), tuple(skipped[f] for f in targets), notes)
        # -- a folder problem is found now, not after all the rendering --
        check_folder(out_dir, [targets[fmt].name for fmt in todo])
        if self.parallel and "pdf" in todo:
            # -- start the PDF engine now: its import overlaps reading and rendering the
            #    source, even when the PDF is the only output --
            self._worker()
        made = self._make(path, todo, deck_template)
        if "pptx" in made:
            notes += deck_notes(self.project, deck_template)
        try:
            write_all({targets[fmt]: data for fmt, (data, _, _) in made.items()})
        except OSError as err:
            raise write_error(out_dir, err) from None
        if manifest is not None:
            for fmt, (data, _, count) in made.items():
                manifest.record(targets[fmt], key=keys[fmt], data=data, count=count)
            manifest.save()
        outputs = [
            skipped[fmt]
            if fmt in skipped
            else Output(fmt, targets[fmt], made[fmt][1], made[fmt][2], skipped=False)
            for fmt in targets
        ]
        return Built(name, dict(targets), tuple(outputs), notes)

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
        from briefing.document import render
        from briefing.document.assets import load_assets
        from briefing.look.theme import load_theme

        project = self.project
        briefing = check(path)
        theme = load_theme(project.theme_file)
        templates = render.Templates(project.template_dirs)
        assets = load_assets(
            briefing,
            theme=theme,
            images_dir=path.absolute().parent,
            theme_dir=project.theme_file.parent,
        )
        name = path.stem
        made: dict[str, tuple[bytes, float, int]] = {}
        pending: Future[Any] | None = None
        started = time.perf_counter()
        if "html" in todo or "pdf" in todo:
            html = render.render_document(
                briefing, theme=theme, templates=templates, name=name, assets=assets
            )
            rendered = time.perf_counter() - started
            # -- the PDF first: the worker typesets while the web page's fonts are embedded --
            if "pdf" in todo:
                fonts.document_font_faces()  # -- a missing font package: a clear error --
                if self._pool is not None:
                    pending = self._submit(html, briefing)
            if "html" in todo:
                from briefing.document import webfonts

                # -- the web page carries the PDF's fonts; the PDF's source does not need them --
                fonts.document_font_faces()
                embedding = time.perf_counter()
                page = webfonts.embed(html)
                seconds = rendered + time.perf_counter() - embedding
                made["html"] = (page.encode("utf-8"), seconds, 0)
            if "pdf" in todo and pending is None:
                made["pdf"] = _typeset(html, briefing, project.allowed_reads())
        if "pptx" in todo:
            started = time.perf_counter()
            data = _deck(briefing, theme, templates, name, project, deck_template, assets)
            made["pptx"] = (data, time.perf_counter() - started, _slide_count(data))
        if pending is not None:
            made["pdf"] = self._result(pending, html, briefing, path)
        return made

    def _submit(self, html: str, briefing: Briefing) -> Future[Any]:
        from concurrent.futures.process import BrokenProcessPool

        try:
            return self._worker().submit(_typeset, html, briefing, self.project.allowed_reads())
        except BrokenProcessPool:
            # -- the worker died since the last build (killed while idle): start another --
            self.reset_worker()
            return self._worker().submit(_typeset, html, briefing, self.project.allowed_reads())

    def _result(
        self, pending: Future[Any], html: str, briefing: Briefing, path: Path
    ) -> tuple[bytes, float, int]:
        """The typeset PDF; a worker that dies while typesetting is replaced and tried once more."""
        from concurrent.futures.process import BrokenProcessPool

        try:
            return pending.result()  # type: ignore[no-any-return]  # a BriefingError is raised here
        except BrokenProcessPool:
            self.reset_worker()
        try:
            return self._submit(html, briefing).result()  # type: ignore[no-any-return]
        except BrokenProcessPool:
            self.reset_worker()
            raise BriefingError(
                Problem.in_file(
                    str(path),
                    "the PDF engine stopped twice while typesetting this briefing "
                    "(killed, or out of memory)",
                    hint="check the machine's free memory, then build again",
                )
            ) from None


def _source_bytes(path: Path) -> bytes:
    """The source's bytes for its cache key; none when it is not a small regular file
    (a FIFO would block here), for the build then says why."""
    import stat

    try:
        info = os.stat(path)
        if stat.S_ISREG(info.st_mode) and info.st_size <= 1_000_000:
            return path.read_bytes()
    except OSError:
        pass
    return b""


def _theme_data(project: Project) -> dict[str, Any]:
    """The theme as plain YAML data, without validating it (a build with nothing to do stays
    fast); a theme that cannot be read gives nothing here, and the build says why."""
    import yaml

    try:
        data = yaml.safe_load(project.theme_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, BriefingError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def deck_notes(project: Project, deck_template: Path | None) -> tuple[str, ...]:
    """What the user should know about the deck: a corporate template's font that is not
    installed here, the font measured with instead, and the package that installs it."""
    from briefing.deck.identity import font_note, template_font
    from briefing.look.theme import load_theme, named_deck_template

    theme = load_theme(project.theme_file)
    template = deck_template or named_deck_template(project.theme_file, theme)
    if template is None:
        return ()
    note = font_note(template_font(template), theme)
    return (note,) if note else ()


def theme_deck_template(project: Project) -> list[Path]:
    """The deck template the theme names, if any: an input of the deck like any template."""
    deck = _theme_data(project).get("deck")
    name = deck.get("template") if isinstance(deck, dict) else None
    return [project.theme_file.parent / name] if isinstance(name, str) and name else []


def metric_fonts(project: Project) -> list[Path]:
    """The font files the deck's text is measured with (the theme's, and the fallback):
    installing or changing one changes how the deck's text is laid out. Names that are not
    plain file names find nothing."""
    from briefing.look.fonts import FALLBACK_METRICS, find_font

    fonts_ = _theme_data(project).get("fonts")
    listed = fonts_.get("deck_metrics") if isinstance(fonts_, dict) else None
    names = [n for n in listed if isinstance(n, str)] if isinstance(listed, list) else []
    found = [find_font(name) for name in [*names, *FALLBACK_METRICS]]
    return [path for path in found if path is not None]


def _deck(
    briefing: Briefing,
    theme: Any,
    templates: Any,
    name: str,
    project: Project,
    deck_template: Path | None,
    assets: Any = None,
) -> bytes:
    # -- python-pptx and the fitter load only when a deck is built --
    from briefing.deck.slides import parse_slides
    from briefing.deck.writer import write_deck
    from briefing.document import render
    from briefing.look.theme import named_deck_template

    if deck_template is None:
        # -- a theme's template is named relative to the theme file's own folder --
        deck_template = named_deck_template(project.theme_file, theme)
    description = render.render_deck(
        briefing, theme=theme, templates=templates, name=name, assets=assets
    )
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
        assets=assets,
    )


def _pictures_named(raw: bytes, path: Path) -> list[Path]:
    """The picture files a source names (``image: FILE``), for the cache key; a cheap scan
    of the bytes, since the cache is checked before the source is parsed."""
    import re

    folder = path.absolute().parent
    found = []
    for match in re.finditer(rb"^[ -]*image:[ \t]*['\"]?([^'\"\r\n#]+)", raw, re.MULTILINE):
        candidate = (folder / match.group(1).decode("utf-8", "replace").strip()).resolve()
        if candidate.is_relative_to(folder.resolve()) and candidate.is_file():
            found.append(candidate)
    return sorted(set(found))


def _typeset(html: str, briefing: Briefing, allowed: list[Path]) -> tuple[bytes, float, int]:
    from briefing.pdf.typeset import typeset  # -- WeasyPrint: in the worker, not the main process

    started = time.perf_counter()
    try:
        result = typeset(html, briefing=briefing, allowed=allowed)
    except RecursionError:
        # -- a safety net: validation bounds nesting well below what WeasyPrint can take --
        raise BriefingError(
            Problem.in_file(
                "pdf",
                "the document nests too deeply for the PDF engine",
                hint="flatten nested lists and quotes in the content",
            )
        ) from None
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
    from briefing.pdf.typeset import warm_up  # -- WeasyPrint: in the worker, not the main process

    warm_up(allowed)


def _slide_count(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        return sum(1 for n in deck.namelist() if n.startswith("ppt/slides/slide"))
