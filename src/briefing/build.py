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

import contextlib
import ctypes
import io
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing import FORMATS as FORMATS  # -- re-exported: callers import it from here too
from briefing import cache, inputs
from briefing.epoch import source_date_epoch
from briefing.errors import BriefingError, Fault, Problem
from briefing.inputs import Inputs
from briefing.look import fonts
from briefing.output import check_folder, write_all, write_error
from briefing.project import Project
from briefing.results import Built as Built  # -- re-exported: callers import it from here
from briefing.results import Output as Output

if TYPE_CHECKING:
    from briefing.content.model import Briefing
    from briefing.content.source import Source
    from briefing.document import render
    from briefing.document.assets import Assets
    from briefing.look.labels import Labels
    from briefing.look.theme import Theme

# -- the stages (YAML, pydantic, Jinja, the pictures) load inside prepare(), not at import:
#    a build whose recorded inputs are unchanged stops before reading the source, and
#    loads none of them --


def check(path: Path) -> Briefing:
    """Load and validate one source: no rendering."""
    return _read(path)[1]


def _read(path: Path) -> tuple[Source, Briefing]:
    """The source and its model; a problem that `briefing fmt` would mend says so, and
    every such line of the file is named with it."""
    from briefing.content import fmt, source, validate  # noqa: PLC0415 -- the content stage

    try:
        src = source.load(path)
        return src, validate.validate(src)
    except BriefingError as err:
        raise fmt.advise(err, path) from None


@dataclass(frozen=True)
class Prepared:
    """Everything the renderers take, each read once, and the files it was read from.

    ``inputs`` is every file read to make it (:mod:`briefing.inputs`): the source, the
    theme and its logo, the labels, the pictures, the deck template, the fonts the deck
    is measured with; rendering adds the templates it reads (includes too)."""

    path: Path
    name: str
    source: Source
    briefing: Briefing
    theme: Theme
    templates: render.Templates
    labels: Labels
    assets: Assets
    deck_template: Path | None
    metric_fonts: tuple[Path, ...]
    inputs: Inputs


def prepare(
    project: Project,
    path: Path,
    *,
    deck_template: Path | None = None,
    into: Inputs | None = None,
    templates: render.Templates | None = None,
) -> Prepared:
    """Read and check everything a build of ``path`` renders from: the only way into
    rendering, for ``build``, ``check`` and ``watch`` alike. What is read is recorded
    in ``into`` (or a new :class:`Inputs`), even when reading fails part-way."""
    # -- the stages, loaded when there is something to build (see above) --
    from briefing.document import render  # noqa: PLC0415
    from briefing.document.assets import load_assets  # noqa: PLC0415
    from briefing.look.theme import load_theme, named_deck_template  # noqa: PLC0415

    with inputs.recording(into) as read:
        src, briefing = _read(path)
        theme_file = project.theme_file
        theme = load_theme(theme_file)
        # -- a Builder's compiled templates, while their folders are unchanged (watch,
        #    preview); the cache keys on every file of those folders all the same --
        templates = templates or render.Templates(project.template_dirs)
        labels = templates.labels(briefing.language)
        assets = load_assets(
            briefing,
            theme=theme,
            images_dir=path.absolute().parent,
            theme_dir=theme_file.parent,
        )
        if deck_template is None:
            # -- a theme's template is named relative to the theme file's own folder --
            deck_template = named_deck_template(theme_file, theme)
        if deck_template is not None:
            read.add(deck_template)
        # -- the fonts the deck's text is measured with (the theme's, and the fallback):
        #    installing or changing one changes how the deck's text is laid out --
        names = [*theme.fonts.deck_metrics, *fonts.FALLBACK_METRICS]
        found = [fonts.find_font(n) for n in names]
        metric = tuple(p for p in found if p is not None)
        for font in metric:
            read.add(font)
    return Prepared(
        path=path,
        name=path.stem,
        source=src,
        briefing=briefing,
        theme=theme,
        templates=templates,
        labels=labels,
        assets=assets,
        deck_template=deck_template,
        metric_fonts=metric,
        inputs=read,
    )


@contextmanager
def _located(prepared: Prepared) -> Iterator[None]:
    """A layout problem the content causes, re-raised at the content's line and column."""
    try:
        with inputs.recording(prepared.inputs):
            yield
    except BriefingError as err:
        raise BriefingError([p.located(prepared.source) for p in err.problems]) from None


def check_outputs(path: Path, *, project: Project, deck_template: Path | None = None) -> Briefing:
    """``build`` without the write: the same chain (content, theme, labels, pictures, both
    templates, the deck's fitting), nothing written. Passes exactly when ``build`` would
    accept the content (the PDF's fonts and typesetting aside), and names the content's
    line where the content is at fault."""
    prepared = prepare(project, path, deck_template=deck_template)
    with _located(prepared):
        document_html(prepared)
        _deck(prepared)
    return prepared.briefing


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
        # -- the files each source's last build read (or tried to): what watch watches --
        self.inputs: dict[Path, Inputs] = {}
        # -- the worker's temporary files (WeasyPrint's fonts): removed here, since a worker
        #    that is stopped never runs the finaliser that would remove them --
        self._scratch: Path | None = None
        self._templates: tuple[tuple[tuple[str, int, int], ...], Any] | None = None
        # -- the worker is started here and may be stopped from another thread (abandon) --
        self._lock = threading.Lock()
        self._abandoned = False

    def __enter__(self) -> Builder:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        if kind is not None:
            self.abandon()  # -- left on Ctrl-C or an error: nothing it typesets is wanted
        elif self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        if self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)

    def _worker(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._abandoned:
                raise Abandoned
            return self._pool or self._start_pool()

    def _start_pool(self) -> ProcessPoolExecutor:
        # -- the worker pool only when a PDF is to be typeset (no-op builds skip it);
        #    fork: the worker starts with what is imported already, and warms up at once --
        context = multiprocessing.get_context("fork")
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix="briefing-pdf-"))
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=context,
            initializer=_start_worker,
            initargs=(os.getpid(), str(self._scratch)),
        )
        # -- the worker is forked at its first task: forked while Ctrl-C is ignored, it
        #    starts ignoring it (the build handles it: exit 130), with no moment in which
        #    an interrupt could print a traceback of its own --
        main = threading.current_thread() is threading.main_thread()
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
        try:
            self._pool.submit(_warm_up, self.project.allowed_reads())
        finally:
            if main and previous is not None:
                signal.signal(signal.SIGINT, previous)
        return self._pool

    def abandon(self) -> None:
        """Stop for good, from any thread: the PDF worker is killed now, not when its
        typesetting ends (a long briefing takes seconds), and a build under way ends with
        :class:`Abandoned` instead of typesetting again. Ctrl-C, or an error: nothing it
        makes is wanted."""
        with self._lock:
            self._abandoned = True
        self._stop_worker()

    def _stop_worker(self) -> None:
        """Kill the worker: it has typeset nothing yet, or what it typesets is not wanted."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = dict(getattr(pool, "_processes", None) or {})
        # -- taken before shutdown, which forgets it when it does not wait --
        manager = getattr(pool, "_executor_manager_thread", None)
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes.values():
            with contextlib.suppress(OSError, AttributeError):
                process.kill()
        for process in processes.values():
            with contextlib.suppress(OSError, AttributeError, ValueError):
                process.join(timeout=5)
        # -- and its managing thread, now that its process is gone: left running, it could
        #    close its wake-up pipe while the interpreter's exit writes to it, and Python
        #    printed "Exception ignored ... Bad file descriptor" under the message (seen in CI;
        #    a second shutdown(wait=True) joined nothing: the first had forgotten the thread) --
        if manager is not None:
            manager.join(timeout=5)

    def reset_worker(self) -> None:
        """Let go of a worker that died (killed, out of memory): the next build starts one."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def build(
        self,
        path: Path,
        *,
        out_dir: Path,
        formats: Collection[str] = FORMATS,
        deck_template: Path | None = None,
        force: bool = False,
        web_page_first: Callable[[], None] | None = None,
    ) -> Built:
        """Build what is out of date among ``formats`` of ``path`` (all with ``force``).

        With ``web_page_first``, a web page to be built is written as soon as it exists, and
        ``web_page_first`` called, before the PDF and the deck are started (the preview shows
        it while they are made, from the same reading of the source)."""
        name = path.stem
        targets = {fmt: out_dir / f"{name}.{fmt}" for fmt in FORMATS if fmt in formats}
        manifest = cache.Manifest(out_dir) if self.cache else None
        notes: tuple[str, ...] = (manifest.note,) if manifest is not None and manifest.note else ()
        if manifest is not None and not force:
            done = self._noop(manifest, targets, out_dir, path, deck_template)
            if done is not None:
                return Built(name, dict(targets), done, notes)
        skipped: dict[str, Output] = {}
        # -- what this build reads, kept even when reading fails: watch watches it --
        read = self.inputs[path] = Inputs()
        prepared = self._prepare(path, "pdf" in targets, deck_template=deck_template, into=read)
        # -- said when something is to be built: the no-op above stays quick --
        notes += _font_notes(self.project, prepared.theme, targets)
        keyed = prepared.inputs.paths  # -- what the key is made of, before rendering adds more
        keys: dict[str, str] = {}
        if manifest is not None:
            keys, skipped = self._fresh(manifest, prepared, targets, out_dir, force=force)
        todo = [fmt for fmt in targets if fmt not in skipped]
        if not todo:
            # -- a record from before records listed their inputs: list them now, so the
            #    next build with nothing changed stops before reading the source --
            if manifest is not None and [
                manifest.record_inputs(targets[f], keyed) for f in skipped
            ]:
                manifest.save()
            return Built(name, dict(targets), tuple(skipped[f] for f in targets), notes, prepared)
        # -- a folder problem is found now, not after all the rendering --
        check_folder(out_dir, [targets[fmt].name for fmt in todo])
        if self.parallel and "pdf" in todo:
            # -- start the PDF engine now: its import overlaps reading and rendering the
            #    source, even when the PDF is the only output --
            self._worker()
        early = None if web_page_first is None else _writes(targets["html"], web_page_first)
        made = self._make(prepared, todo, early)
        if "pptx" in made:
            notes += deck_notes(prepared)
        try:
            written = {"html"} if early is not None else set()
            write_all({targets[f]: data for f, (data, _, _) in made.items() if f not in written})
        except OSError as err:
            raise write_error(out_dir, err) from None
        if manifest is not None:
            for fmt, (data, _, count) in made.items():
                manifest.record(targets[fmt], key=keys[fmt], data=data, count=count, inputs=keyed)
            manifest.save()
        outputs = [
            skipped[fmt]
            if fmt in skipped
            else Output(fmt, targets[fmt], made[fmt][1], made[fmt][2], skipped=False)
            for fmt in targets
        ]
        return Built(name, dict(targets), tuple(outputs), notes, prepared)

    def _prepare(
        self, path: Path, pdf: bool, *, deck_template: Path | None, into: Inputs
    ) -> Prepared:
        """:func:`prepare`; with a ``pdf`` to make, the PDF engine starts first, importing
        and warming up on the other core while the source is read (a build gets here only
        when something is to be built: the no-op check came before)."""
        started = self.parallel and pdf and self._pool is None
        if started:
            self._worker()
        try:
            return prepare(
                self.project,
                path,
                deck_template=deck_template,
                into=into,
                templates=self._compiled_templates(),
            )
        except BaseException:
            if started:
                self._stop_worker()  # -- no PDF to make: the exit does not wait for its warm-up
            raise

    def _fresh(
        self,
        manifest: cache.Manifest,
        prepared: Prepared,
        targets: dict[str, Path],
        out_dir: Path,
        *,
        force: bool,
    ) -> tuple[dict[str, str], dict[str, Output]]:
        """Each target's key, from what was prepared, and the targets already made from it."""
        keys = cache.input_keys(
            prepared.inputs.paths,
            folders=self.project.template_dirs,
            formats=targets,
            exclude=[out_dir],
            digests=prepared.inputs.digests(),  # -- what the loaders read: not read again
            versions=cache.versions(manifest),
        )
        skipped = {}
        for fmt, target in targets.items():
            record = None if force else manifest.fresh(target, keys[fmt])
            if record is not None:
                skipped[fmt] = Output(fmt, target, 0.0, record.count, skipped=True)
        return keys, skipped

    def _compiled_templates(self) -> Any:
        """The Jinja templates, compiled once and kept while no file of their folders
        changes (a rebuild in watch or preview then compiles none of them again)."""
        from briefing.document import render  # noqa: PLC0415 -- the document stage

        stamp = []
        for folder in self.project.template_dirs:
            for dirpath, _, names in os.walk(folder):
                for name in names:
                    with contextlib.suppress(OSError):
                        info = os.stat(os.path.join(dirpath, name))
                        stamp.append((os.path.join(dirpath, name), info.st_mtime_ns, info.st_size))
        key = tuple(sorted(stamp))
        if self._templates is None or self._templates[0] != key:
            self._templates = (key, render.Templates(self.project.template_dirs))
        return self._templates[1]

    def _noop(
        self,
        manifest: cache.Manifest,
        targets: dict[str, Path],
        out_dir: Path,
        path: Path,
        deck_template: Path | None,
    ) -> tuple[Output, ...] | None:
        """Every target, when the inputs the last build recorded hash as they did (none
        changed: nothing to do, for the same inputs read the same way name the same
        inputs); None when anything may differ, a --deck-template not recorded included."""
        skipped, recorded = self._unchanged(manifest, targets, out_dir, path)
        named = deck_template is None or deck_template.resolve() in recorded
        if len(skipped) < len(targets) or not named:
            return None
        self.inputs[path] = recorded
        if manifest.refreshed:
            manifest.save()
        return tuple(skipped[f] for f in targets)

    def _unchanged(
        self, manifest: cache.Manifest, targets: dict[str, Path], out_dir: Path, source: Path
    ) -> tuple[dict[str, Output], Inputs]:
        """The targets whose recorded inputs still hash to their recorded key, and those
        inputs (what watch watches when nothing was built)."""
        skipped: dict[str, Output] = {}
        recorded = Inputs()
        hashed: dict[tuple[Path, ...], dict[str, str]] = {}
        # -- the record is read from the output folder: it names files only where a build
        #    reads them (the source's folder, the project, its templates, the fonts) --
        #    (as written: resolved, no `..`, no link leading elsewhere) --
        where = [source.resolve().parent, self.project.root, *self.project.template_dirs]
        where += [d.resolve() for d in [*fonts.FONT_DIRS, *fonts.package_font_dirs()]]

        def expected(p: Path) -> bool:
            return p.is_absolute() and p.resolve() == p and any(p.is_relative_to(w) for w in where)

        # -- a record vouches only for the source it was made from: another source of the
        #    same name built into this folder has a record whose inputs are all unchanged --
        this = source.resolve()
        for fmt, target in targets.items():
            listed = manifest.inputs_of(target)
            if this not in listed or not all(expected(p) for p in listed):
                continue  # -- an older record, another source's, or one naming files
                #    elsewhere: prepare --
            if listed not in hashed:
                hashed[listed] = cache.input_keys(
                    listed,
                    folders=self.project.template_dirs,
                    formats=targets,
                    exclude=[out_dir],
                    versions=cache.versions(manifest),
                )
            record = manifest.fresh(target, hashed[listed][fmt])
            if record is not None:
                skipped[fmt] = Output(fmt, target, 0.0, record.count, skipped=True)
                for listed_path in listed:
                    recorded.add(listed_path)
        return skipped, recorded

    def _make(
        self, prepared: Prepared, todo: list[str], early: Callable[[bytes], None] | None = None
    ) -> dict[str, tuple[bytes, float, int]]:
        """Render the outputs in ``todo``: format -> (bytes, seconds, pages or slides);
        ``early`` is given the web page before anything else is started."""
        with _located(prepared):
            try:
                return self._render(prepared, todo, early)
            except _TooDeep:
                raise BriefingError(
                    Problem.in_file(
                        prepared.source.name,
                        "the document nests too deeply for the PDF engine",
                        hint="flatten nested lists and quotes in the content",
                    )
                ) from None

    def _render(
        self, prepared: Prepared, todo: list[str], early: Callable[[bytes], None] | None
    ) -> dict[str, tuple[bytes, float, int]]:
        briefing = prepared.briefing
        made: dict[str, tuple[bytes, float, int]] = {}
        pending: Future[Any] | None = None
        started = time.perf_counter()
        if early is None or "html" not in todo:
            early = None
        if "html" in todo or "pdf" in todo:
            html = document_html(prepared)
            rendered = time.perf_counter() - started
            # -- the PDF first: the worker typesets while the web page's fonts are embedded
            #    (unless the web page is wanted first: then it is written, then the PDF) --
            if "pdf" in todo and early is None:
                fonts.document_font_faces()  # -- a missing font package: a clear error --
                if self._pool is not None:
                    pending = self._submit(html, briefing)
            if "html" in todo:
                # -- fontTools subsets the web page's fonts: loaded only when one is written --
                from briefing.document import webfonts  # noqa: PLC0415

                # -- the web page carries the PDF's fonts; the PDF's source does not need them --
                fonts.document_font_faces()
                embedding = time.perf_counter()
                page = webfonts.embed(html)
                seconds = rendered + time.perf_counter() - embedding
                made["html"] = (page.encode("utf-8"), seconds, 0)
                if early is not None:
                    early(made["html"][0])
                    if "pdf" in todo and self._pool is not None:
                        pending = self._submit(html, briefing)
            if "pdf" in todo and pending is None:
                made["pdf"] = _typeset(html, briefing, self.project.allowed_reads())
        if "pptx" in todo:
            started = time.perf_counter()
            data = _deck(prepared)
            made["pptx"] = (data, time.perf_counter() - started, _slide_count(data))
        if pending is not None:
            made["pdf"] = self._result(pending, html, briefing, prepared.path)
        return made

    def _submit(self, html: str, briefing: Briefing) -> Future[Any]:
        allowed = self.project.allowed_reads()
        try:
            return self._worker().submit(_typeset, html, briefing, allowed)
        except BrokenProcessPool:
            # -- the worker died since the last build (killed while idle): start another --
            self.reset_worker()
            return self._worker().submit(_typeset, html, briefing, allowed)

    def _result(
        self, pending: Future[Any], html: str, briefing: Briefing, path: Path
    ) -> tuple[bytes, float, int]:
        """The typeset PDF; a worker that dies while typesetting is replaced and tried once more."""
        try:
            return pending.result()  # type: ignore[no-any-return]  # a BriefingError is raised here
        except BrokenProcessPool:
            if self._abandoned:
                raise Abandoned from None  # -- killed on purpose: not tried again --
            self.reset_worker()
        try:
            return self._submit(html, briefing).result()  # type: ignore[no-any-return]
        except BrokenProcessPool:
            self.reset_worker()
            raise BriefingError(
                Problem.in_output(
                    str(path),
                    "the PDF engine stopped twice while typesetting this briefing "
                    "(killed, or out of memory)",
                    hint="check the machine's free memory, then build again",
                    format="pdf",
                    fault=Fault.TOOL,
                )
            ) from None


def document_html(prepared: Prepared) -> str:
    """The web page's HTML, also the PDF's source."""
    from briefing.document import render  # noqa: PLC0415 -- the document stage

    return render.render_document(
        prepared.briefing,
        theme=prepared.theme,
        templates=prepared.templates,
        name=prepared.name,
        assets=prepared.assets,
    )


def deck_notes(prepared: Prepared) -> tuple[str, ...]:
    """What the user should know about the deck: a corporate template's font that is not
    installed here, the font measured with instead, and the package that installs it."""
    from briefing.deck.identity import font_note, template_font  # noqa: PLC0415 -- the deck

    if prepared.deck_template is None:
        return ()
    note = font_note(template_font(prepared.deck_template), prepared.theme)
    return (note,) if note else ()


def _deck(prepared: Prepared) -> bytes:
    """The deck as PPTX bytes."""
    # -- the deck stage (python-pptx, the fitter) loads only when a deck is built --
    from briefing.deck.slides import parse_slides  # noqa: PLC0415
    from briefing.deck.writer import write_deck  # noqa: PLC0415
    from briefing.document import render  # noqa: PLC0415

    briefing, words = prepared.briefing, prepared.labels.words
    description = render.render_deck(
        briefing,
        theme=prepared.theme,
        templates=prepared.templates,
        name=prepared.name,
        assets=prepared.assets,
    )
    slides = parse_slides(description, template=render.DECK_TEMPLATE)
    return write_deck(
        slides,
        briefing=briefing,
        theme=prepared.theme,
        template=render.DECK_TEMPLATE,
        deck_template=prepared.deck_template,
        continued=words["continued"],
        epoch=source_date_epoch(),
        draft=words["draft"] if briefing.status == "draft" else "",
        assets=prepared.assets,
    )


class Abandoned(Exception):
    """A build stopped by :meth:`Builder.abandon` (Ctrl-C in the preview, from another
    thread): nothing went wrong, and nothing is to be said."""


class _TooDeep(Exception):
    """The PDF engine ran out of stack: raised in the worker, named at the source in the
    main process (the worker does not know the source's file)."""


def _writes(target: Path, then: Callable[[], None]) -> Callable[[bytes], None]:
    """What writes the web page ahead of the other outputs, then calls ``then``."""

    def write(data: bytes) -> None:
        try:
            write_all({target: data})
        except OSError as err:
            raise write_error(target.parent, err) from None
        then()

    return write


def _typeset(html: str, briefing: Briefing, allowed: list[Path]) -> tuple[bytes, float, int]:
    # -- the PDF stage (WeasyPrint) loads in the worker, not the main process --
    from briefing.pdf.typeset import typeset  # noqa: PLC0415

    started = time.perf_counter()
    try:
        result = typeset(html, briefing=briefing, allowed=allowed)
    except RecursionError:
        # -- a safety net: validation bounds nesting well below what WeasyPrint can take --
        raise _TooDeep from None
    return result.data, time.perf_counter() - started, result.pages


def _start_worker(parent: int, scratch: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # -- before anything: see Builder._worker
    tempfile.tempdir = scratch
    _tie_to_parent(parent)


def _font_notes(project: Project, theme: Theme, targets: Collection[str]) -> tuple[str, ...]:
    """A word for each theme font that is not installed (the PDF would fall back silently)."""
    if not {"pdf", "html"} & set(targets):
        return ()
    return fonts.family_notes(project.theme_file, (theme.fonts.body, theme.fonts.heading))


def _tie_to_parent(parent: int) -> None:
    """Make the worker die with the build: a build killed mid-way leaves no process behind.
    Ctrl-C is the build's to handle (exit 130): the worker ignores it, and never prints a
    traceback of its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        # -- prctl exists on Linux only: the fallback below elsewhere --
        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG, Linux
    except (OSError, AttributeError):
        threading.Thread(target=_follow_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)  # -- the build died before the line above took effect --


def _follow_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.2)
    os._exit(1)


def _warm_up(allowed: list[Path]) -> None:
    # -- the PDF stage (WeasyPrint) loads in the worker, not the main process --
    from briefing.pdf.typeset import warm_up  # noqa: PLC0415

    warm_up(allowed)


def _slide_count(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as deck:
        return sum(1 for n in deck.namelist() if n.startswith("ppt/slides/slide"))
