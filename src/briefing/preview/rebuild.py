"""Rebuild a previewed briefing on every change: ``input change -> Status`` for the browser.

The web page is built first and announced at once, then the PDF and the deck (the PDF
in the builder's warm worker while the deck is written), then the slides are drawn in
a thread of their own, so the next save is not kept waiting by LibreOffice. Each step
publishes a :class:`Status`; a broken source publishes its problems and keeps the last
good outputs, which are only ever replaced whole (:mod:`briefing.output`).
"""

from __future__ import annotations

import hashlib
import shutil
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import watchfiles

from briefing.build import Abandoned, Builder
from briefing.errors import BriefingError
from briefing.preview import slides
from briefing.project import Project
from briefing.watch import Watched

OUTPUTS = ("html", "pdf", "slides")


@dataclass(frozen=True)
class Status:
    """What the browser is told after each step: the outputs to show and what is pending.

    An output is named by its path under the preview folder with a version query, so
    the browser reloads exactly the outputs whose bytes changed.
    """

    name: str
    generation: int = 0
    building: tuple[str, ...] = ()
    html: str = ""
    pdf: str = ""
    slides: tuple[str, ...] = ()
    slides_note: str = ""
    problems: tuple[dict[str, object], ...] = ()
    error: str = ""
    built_at: str = ""

    def as_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "generation": self.generation,
            "building": list(self.building),
            "html": self.html,
            "pdf": self.pdf,
            "slides": list(self.slides),
            "slides_note": self.slides_note,
            "problems": list(self.problems),
            "error": self.error,
            "built_at": self.built_at,
        }


Publish = Callable[[Status], None]


@dataclass
class Rebuilder:
    """Builds one source into the preview folder on start and on every change of its inputs."""

    source: Path
    project: Project
    out_dir: Path
    publish: Publish
    deck_template: Path | None = None
    status: Status = field(init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _deck_wanted: threading.Condition = field(default_factory=threading.Condition, init=False)
    _deck: tuple[int, Path] | None = field(default=None, init=False)
    _builder: Builder | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        self.status = Status(name=self.source.stem)

    def run(self, stop: threading.Event) -> None:
        """Build, then rebuild on each change of what the builds read until ``stop`` is set."""
        drawer = threading.Thread(target=self._draw_slides, args=(stop,), daemon=True)
        drawer.start()
        with Builder(self.project) as builder:
            self._builder = builder
            # -- the watcher runs before the first build, so that a save during it is
            #    seen: over the source's folder and the template folders at first, then
            #    over every folder a build read from (Watched, as `briefing watch` does) --
            watched: Watched | None = None
            roots = sorted({self.source.resolve().parent, *self.project.template_dirs})
            restart = False
            while not stop.is_set():
                for changes in watchfiles.watch(
                    *roots,
                    debounce=30,
                    step=10,
                    stop_event=stop,
                    yield_on_timeout=True,
                    rust_timeout=200,
                    raise_interrupt=False,
                ):
                    changed = sorted({Path(p).resolve() for _, p in changes})
                    if watched is None or restart:
                        # -- the first build; or the first look after the watcher started
                        #    again, since a change made meanwhile was not seen (an
                        #    unchanged source is found up to date at once) --
                        self.rebuild(builder, reason="start" if watched is None else "a change")
                        restart = False
                    else:
                        hits = [c for c in changed if watched.relevant(c)]
                        if not hits:
                            continue
                        self.rebuild(builder, reason=", ".join(_short(h) for h in hits[:3]))
                    watched = Watched(builder, [self.source], self.project, self.out_dir)
                    if not set(watched.roots) <= set(roots):
                        # -- a build read from a folder not watched yet: watch it too --
                        roots = sorted({*roots, *watched.roots})
                        restart = True
                        break
                if not restart:
                    break
        with self._deck_wanted:
            self._deck_wanted.notify_all()
        drawer.join(timeout=5)

    def abandon(self) -> None:
        """Stop a build under way at once, from another thread (Ctrl-C): its PDF worker is
        killed, not waited for; no build follows."""
        if self._builder is not None:
            self._builder.abandon()

    def rebuild(self, builder: Builder, *, reason: str) -> None:
        """One rebuild: the web page, then the PDF and the deck; the slides are queued."""
        started = time.perf_counter()
        generation = self.status.generation + 1
        self._update(generation=generation, building=OUTPUTS)
        try:
            # -- one reading of the source: the web page is written and sent first, then the
            #    PDF (in its worker) and the deck are made --
            builder.build(
                self.source,
                out_dir=self.out_dir,
                deck_template=self.deck_template,
                web_page_first=lambda: self._update(
                    html=self._version("html"), building=("pdf", "slides")
                ),
            )
        except Abandoned:
            return  # -- stopped on purpose (Ctrl-C): nothing to show --
        except BriefingError as err:
            self._update(
                building=(),
                error=str(err),
                problems=tuple(_problem(p) for p in err.problems),
            )
            print(f"✗ {self.source.stem}: {reason} changed; not rebuilt:\n{err}", file=sys.stderr)
            return
        except Exception as err:  # -- the preview never dies of one build: say what, go on --
            builder.reset_worker()
            text = f"internal error: {type(err).__name__}: {err} (please report this)"
            self._update(building=(), error=text, problems=())
            print(f"✗ {self.source.stem}: {reason} changed; {text}", file=sys.stderr)
            return
        self._update(
            html=self._version("html"),  # -- also when the web page was up to date --
            pdf=self._version("pdf"),
            building=("slides",),
            error="",
            problems=(),
            built_at=time.strftime("%H:%M:%S"),
        )
        seconds = time.perf_counter() - started
        print(
            f"✓ {time.strftime('%H:%M:%S')} {self.source.stem}: {reason} → web page, PDF "
            f"and deck in {seconds:.2f} s",
            flush=True,
        )
        self.queue_slides(generation)

    def queue_slides(self, generation: int) -> None:
        """Ask for the deck's slides to be drawn (the drawer takes the newest request)."""
        with self._deck_wanted:
            self._deck = (generation, self.out_dir / f"{self.source.stem}.pptx")
            self._deck_wanted.notify_all()

    def _draw_slides(self, stop: threading.Event) -> None:
        """Draw the newest deck's slides, one deck at a time; an older request is dropped."""
        work = self.out_dir / ".slides-work"
        drawn_from = ""
        while not stop.is_set():
            with self._deck_wanted:
                while self._deck is None and not stop.is_set():
                    self._deck_wanted.wait(timeout=0.5)
                if self._deck is None:
                    return
                _, deck = self._deck
                self._deck = None
            digest = _digest(deck)
            if digest == drawn_from:
                self._update(building=tuple(b for b in self.status.building if b != "slides"))
                continue
            folder = self.out_dir / "slides" / digest
            try:
                if not folder.is_dir():
                    slides.draw(deck, work=work, out=folder, stop=stop)
            except (slides.SlidesUnavailable, OSError) as err:
                self._update(building=(), slides_note=str(err))
                continue
            shown_before, drawn_from = drawn_from, digest
            pictures = sorted(folder.glob("slide-*.png"), key=lambda p: int(p.stem[6:]))
            names = tuple(str(p.relative_to(self.out_dir)) for p in pictures)
            # -- a newer deck may be waiting already: these pictures are still the newest drawn --
            still = tuple(b for b in self.status.building if b != "slides")
            if self._deck is not None:
                still = (*still, "slides")
            self._update(slides=names, slides_note="", building=still)
            # -- the drawing before stays until the next: a browser that has not yet read
            #    the new list may still be loading its pictures --
            for old in (self.out_dir / "slides").iterdir():
                if old.name not in (digest, shown_before):
                    shutil.rmtree(old, ignore_errors=True)

    def _version(self, fmt: str) -> str:
        path = self.out_dir / f"{self.source.stem}.{fmt}"
        return f"{path.name}?v={_digest(path)}"

    def _update(self, **changes: object) -> None:
        with self._lock:
            self.status = replace(self.status, **changes)  # type: ignore[arg-type]
            status = self.status
        self.publish(status)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def _problem(problem: object) -> dict[str, object]:
    keys = ("file", "line", "column", "path", "message", "hint")
    return {key: getattr(problem, key, "") for key in keys}


def _short(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
