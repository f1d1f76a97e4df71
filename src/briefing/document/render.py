"""Render a briefing through the Jinja templates into HTML.

``Briefing -> str (HTML)``. Two templates: ``briefing.html.j2`` (the web page,
also the PDF's source) and ``deck.html.j2`` (a slide description for the pptx
writer). All wording, order and grouping live in the templates. Autoescape is
on and an undefined name is an error; content is data given to the templates,
never compiled as a template, so ``{{ 7*7 }}`` in content stays as written.
Templates run in Jinja's sandbox: no attribute that leads to Python's internals
(``__globals__``, ``__class__``, ``mro``...) can be reached from them.
"""

from __future__ import annotations

import html as html_module
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NotRequired, TypedDict, Unpack

import jinja2
from jinja2.exceptions import SecurityError
from markupsafe import Markup

from briefing import inputs
from briefing.cache import (
    forget_other_versions,
    read_from_user_cache,
    store_in_user_cache,
    user_cache,
)
from briefing.content import citations, tables
from briefing.content.model import Briefing, Chart, Image, Section, SourceRef
from briefing.content.tables import numeric_columns, true_minus
from briefing.document import bounded
from briefing.document.assets import Assets
from briefing.document.markup import Renderer, breakable_url, plain
from briefing.errors import BriefingError, Fault, Problem
from briefing.look.labels import LABELS_FILE, Labels, load_labels
from briefing.look.theme import Theme

BRIEFING_TEMPLATE = "briefing.html.j2"
DECK_TEMPLATE = "deck.html.j2"


@dataclass(frozen=True)
class NumberedSource:
    number: int
    source: SourceRef


MAX_TEMPLATE_BYTES = 1_000_000  # a template is a page of markup; larger is not a template


class ConfinedLoader(jinja2.BaseLoader):
    """Jinja's file loader, but every template (and every ``{% include %}``/``extends``/
    ``import``) is checked by :func:`briefing.project.confine` first: its real path, links
    resolved, must lie in one of the template folders. Jinja's own FileSystemLoader follows
    a symlink anywhere."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = [Path(f) for f in folders]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        from briefing.project import Outside, confine

        pieces = jinja2.loaders.split_template_path(template)  # -- refuses ".." itself --
        for folder in self.folders:
            candidate = folder.joinpath(*pieces)
            if not os.path.lexists(candidate):
                continue
            inputs.note(candidate)  # -- an input even when refused: mending it changes the build
            try:
                real = confine(candidate, roots=self.folders, what="template")
            except Outside as err:
                raise BriefingError(
                    Problem.in_template(str(candidate), err.reason, hint=err.hint)
                ) from None
            data = source_bytes(real, str(candidate))
            inputs.note(real, data)
            mtime = os.path.getmtime(real)
            return (
                data.decode("utf-8", "replace"),
                str(candidate),
                lambda real=real, mtime=mtime: (
                    os.path.exists(real) and os.path.getmtime(real) == mtime
                ),
            )
        raise jinja2.TemplateNotFound(template)


def source_bytes(real: Path, name: str) -> bytes:
    """A template's bytes, if it is a regular file of reasonable size."""
    with open(real, "rb") as handle:
        data = handle.read(MAX_TEMPLATE_BYTES + 1)
    if len(data) > MAX_TEMPLATE_BYTES:
        raise BriefingError(
            Problem.in_template(
                name,
                f"the template is larger than {MAX_TEMPLATE_BYTES:,} bytes",
                hint="a template is markup; put data in the content",
            )
        )
    return data


class _CompiledCache(jinja2.FileSystemBytecodeCache):
    """Jinja's on-disk cache of compiled templates, that only ever costs time: a file that
    cannot be read (torn, foreign) is compiled again, one that cannot be written is not kept.
    A template is looked up by its name and its source's checksum, so an edited template is
    always compiled afresh, and copies of one template in several projects (the built-in
    ones installed or copied) share one compiled file. Shared code keeps the path it was
    first compiled from (Jinja's ``Template.filename``), so a mistake is located by the
    template's name in the folders searched (`Templates._file`), never by that path."""

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> jinja2.bccache.Bucket:
        checksum = self.get_source_checksum(source)
        bucket = jinja2.bccache.Bucket(environment, self.get_cache_key(name, checksum), checksum)
        self.load_bytecode(bucket)
        return bucket

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        data = read_from_user_cache(self._file(bucket))
        if data is None:
            return
        try:
            bucket.bytecode_from_string(data)
        except Exception:  # -- a torn or foreign file: compile instead --
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        store_in_user_cache(self._file(bucket), bucket.bytecode_to_string())

    def _file(self, bucket: jinja2.bccache.Bucket) -> Path:
        return Path(self.directory) / (self.pattern % (bucket.key,))


def compiled_cache() -> jinja2.BytecodeCache | None:
    """The cache of compiled templates (``$XDG_CACHE_HOME/briefing/templates-KEY``, or under
    ``BRIEFING_CACHE_DIR``): compiling the built-in templates is about a fifth of a cold
    build. KEY names what compiles them (the code of this module, which sets the
    environment's options, and of its code generator; Jinja's and Python's versions), so a
    change there never loads code it did not make. The folder must be the user's own and
    closed to others (it holds code that runs); else, or when it cannot be made, None:
    templates are compiled each time."""
    import hashlib
    import stat
    import sys

    key = hashlib.sha256()
    for part in (jinja2.__version__, sys.version):
        key.update(part.encode("utf-8") + b"\0")
    for module in (Path(__file__), Path(bounded.__file__)):
        key.update(module.read_bytes())
    folder = user_cache(f"templates-{key.hexdigest()[:16]}")
    try:
        new = not folder.exists()
        folder.mkdir(mode=stat.S_IRWXU, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if new:
        forget_other_versions(folder, keep=_OTHER_VERSIONS)
    if (
        not stat.S_ISDIR(info.st_mode)
        or info.st_uid != os.getuid()
        or stat.S_IMODE(info.st_mode) & (stat.S_IRWXG | stat.S_IRWXO)
    ):
        return None
    return _CompiledCache(str(folder))


# -- the compiled-template folders of other versions kept: the newest few, so that two
#    installed versions used in turn do not compile afresh each time --
_OTHER_VERSIONS = 3


class Templates:
    """The Jinja environment over a list of template folders, first match wins."""

    def __init__(self, folders: Sequence[Path]) -> None:
        self.folders = list(folders)
        self._labels: dict[str, Labels] = {}
        # -- the sandbox: a template (perhaps from a third-party pack) reads the data it is
        #    given and calls the helpers passed in; it reaches no Python internals --
        self.env = bounded.BoundedEnvironment(
            loader=ConfinedLoader(folders),
            autoescape=jinja2.select_autoescape(["html", "html.j2"], default=False),
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=compiled_cache(),
        )
        self.env.filters["css_string"] = css_string
        # -- the helpers that are the same for every briefing (docs/theming.md lists them):
        #    the environment's, not passed again with each rendering --
        self.env.globals.update(
            numeric_columns=numeric_columns,
            true_minus=true_minus,
            citations=citations,
            column_widths=tables.column_widths,
            table_fit=tables.table_fit,
            decimal_pads=tables.decimal_pads,
            breakable_url=breakable_url,
            describe=describe,
        )

    def render(self, template: str, /, **context: object) -> str:
        """Render ``template``; a template mistake becomes a :class:`BriefingError`."""
        try:
            return bounded.render(self.env.get_template(template), context)
        except jinja2.TemplateSyntaxError as err:
            raise BriefingError(
                Problem.in_template(
                    self._file(err.filename or err.name or template),
                    f"template syntax error: {err.message}",
                    line=err.lineno,
                    column=1,
                )
            ) from None
        except jinja2.TemplateNotFound as err:
            raise BriefingError(
                Problem.in_template(
                    template,
                    f"template not found: {err.name}",
                    hint=f"looked in {', '.join(map(str, self.folders))}",
                )
            ) from None
        except bounded.TemplateLimit as err:
            raise self._error(
                template,
                f"template error: {err}",
                hint="a template lays out the briefing's fields; it does not generate "
                "text: remove the loop or repetition (limits in docs/trust.md)",
                at=err,
            ) from None
        except RecursionError:
            raise self._error(
                template,
                "template error: a macro or recursive loop calls itself without end",
                hint="give the recursion a way to stop",
            ) from None
        except SecurityError as err:
            raise self._error(
                template,
                f"template error: not allowed in a template: {err}",
                hint="templates read the briefing's fields and call the helpers given to "
                "them; see docs/theming.md",
                at=err,
            ) from None
        except jinja2.TemplateError as err:
            undefined = isinstance(err, jinja2.UndefinedError)
            raise self._error(
                template,
                f"template error: {err.message if undefined else err}",
                hint="check the variable's name; see docs/theming.md" if undefined else "",
                at=err,
            ) from None

    def _error(
        self, template: str, message: str, *, hint: str, at: BaseException | None = None
    ) -> BriefingError:
        """A mistake met rendering ``template``: in its file, at the template line the
        traceback of ``at`` passed through last (none without ``at``, or when it passed
        through none)."""
        line = _template_line(at, template) if at is not None else 0
        return BriefingError(
            Problem.in_template(
                self._file(template), message, hint=hint, line=line, column=1 if line else 0
            )
        )

    def labels(self, language: str) -> Labels:
        """The words for ``language`` from the first ``labels.yaml`` in the folders."""
        if language not in self._labels:
            from briefing.project import confine

            found = [f / LABELS_FILE for f in self.folders if (f / LABELS_FILE).is_file()]
            if found:
                confine(found[0], roots=self.folders, what=LABELS_FILE)
            if not found:
                raise BriefingError(
                    Problem.in_file(
                        str(self.folders[0]) if self.folders else LABELS_FILE,
                        f"no {LABELS_FILE} in any templates folder",
                        hint="reinstall briefing: its default labels are missing",
                        fault=Fault.TOOL,
                    )
                )
            self._labels[language] = load_labels(found[0], language)
        return self._labels[language]

    def _file(self, name: str) -> str:
        for folder in self.folders:
            if (folder / name).exists():
                return str(folder / name)
        return name


def css_string(text: str) -> str:
    """``text`` for inside a double-quoted CSS string in a ``<style>`` element: no word
    can end the string, nor the element (quotes, backslashes, line ends and ``<>`` escaped)."""
    return "".join(
        "\\" + ch if ch in '"\\' else f"\\{ord(ch):x} " if ch in "<>" or ord(ch) < 32 else ch
        for ch in text
    )


def _template_line(err: BaseException, name: str) -> int:
    # -- Jinja rewrites tracebacks so template frames carry the template's line --
    tb = err.__traceback__
    line = 0
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(name):
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


LEAD_CHARS = 320  # -- a summary's lead past this is cut after a sentence: a slide, not a wall


_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
# -- a line of a Markdown list: a summary's lead is a paragraph, never a list --
_LIST_LINE = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")


class Context:
    """What templates see besides ``briefing`` and ``theme``: numbering and Markdown."""

    def __init__(self, briefing: Briefing, *, source_word: str = "Source") -> None:
        self._numbers = citations.numbers(briefing)
        self.sources = sorted(
            (NumberedSource(self._numbers[s.id], s) for s in briefing.sources),
            key=lambda n: n.number,
        )
        names = {n.source.id: f"{source_word} {n.number}: {n.source.title}" for n in self.sources}
        self._markdown = Renderer(self._numbers, names)
        # -- footnotes numbered in the source's order, the same in every output --
        self._markdown.number_footnotes(*prose_texts(briefing))

    def names(self) -> dict[str, object]:
        """What templates see of this: the numbered sources, and the helpers that render
        the briefing's Markdown and name what it cites (docs/theming.md)."""
        return {
            "sources": self.sources,
            "md": self.md,
            "inline": self.inline,
            "text": self.text,
            "cited": self.cited,
            "cited_in": self.cited_in,
            "notes": self.notes,
            "blocks": self.blocks,
            "lead": self.lead,
            "slide_md": self.slide_md,
            "footnotes": self.footnotes,
        }

    def md(self, text: str) -> Markup:
        return self._markdown.block(text)

    def inline(self, text: str) -> Markup:
        return self._markdown.inline(text)

    def text(self, markdown_text: str) -> str:
        """Plain text of a one-line field without citation markers: speaker notes, alt text."""
        return plain(self._markdown.inline(citations.strip(markdown_text)))

    def notes(self, markdown_text: str) -> str:
        """Plain text of Markdown for speaker notes: citations dropped, list markers kept."""
        return self._markdown.notes(citations.strip(markdown_text))

    def blocks(self, markdown_text: str) -> list[Markup]:
        """Markdown prose as its paragraphs, each as inline HTML: the paragraphs of a slide
        (a summary) set without bullets. Every block the prose may hold becomes paragraphs:
        list items (a nested one after an en dash), a quote's paragraphs in italics, a
        sub-heading in bold, a table's rows as cells joined by " · ". A footnote mark is a
        superscript number; the notes themselves are the slide's speaker notes."""
        return slide_paragraphs(self._markdown.block(markdown_text))

    def footnotes(self, markdown_text: str) -> str:
        """The footnotes of Markdown prose as speaker notes: a slide panel's notes."""
        return self._markdown.footnotes(citations.strip(markdown_text))

    def slide_md(self, markdown_text: str) -> Markup:
        """Markdown prose in the slide vocabulary (:func:`slide_blocks`): a slide's panel."""
        return slide_blocks(self._markdown.block(markdown_text))

    def lead(self, markdown_text: str) -> str:
        """The lead of Markdown prose: its first paragraph that is not a heading or a list
        (what a summary slide shows; the rest goes to the speaker notes), cut after the
        sentence that passes :data:`LEAD_CHARS` so a long paragraph is never a wall."""
        chunks = [c.strip() for c in re.split(r"\n\s*\n", markdown_text.strip()) if c.strip()]
        prose = [
            c
            for c in chunks
            if not c.startswith(("#", ">", "[^", "|"))
            and not all(_LIST_LINE.match(x) for x in c.splitlines())
        ]
        first = " ".join(line.strip() for line in (prose or chunks or [""])[0].splitlines())
        # -- a footnote's mark has no note on the slide: the notes are the speaker notes --
        first = _FOOTNOTE_MARK.sub("", first)
        if len(first) > LEAD_CHARS:
            cut = [m.end() for m in re.finditer(r"[.!?](?:\s*\[@[^\]]+\])?(?=\s)", first)]
            within = [e for e in cut if e <= LEAD_CHARS]
            end = within[-1] if within else (cut[0] if cut else len(first))
            first = first[:end]
        return first

    def cited_in(self, *texts: str) -> list[NumberedSource]:
        """The sources some texts cite, in their numbered order: one slide's source line."""
        ids = {ref for text in texts for ref, _ in citations.cited_ids(text or "")}
        return [n for n in self.sources if n.source.id in ids]

    def cited(self, section: Section) -> list[NumberedSource]:
        """The sources a section cites, in their numbered order."""
        return self.cited_in(*citations.section_texts(section))


def prose_texts(briefing: Briefing) -> list[str]:
    """The prose fields that may hold footnotes, in the order a reader meets them."""
    texts = [briefing.summary]
    for section in briefing.sections:
        texts += [section.body, section.view or ""]
        texts += [section.table.notes or "" if section.table else "", section.notes or ""]
    return [t for t in texts if t]


def slide_paragraphs(html: str) -> list[Markup]:
    """Sanitised block HTML as a list of inline-HTML paragraphs (see :meth:`Context.blocks`)."""
    found: list[Markup] = []
    for kind, number, text, nested in _slide_pieces(html):
        found.append(Markup((f"{number}. " if kind == "ol" else "") + text))
        found += [Markup(item) for item in nested]
    return found


def slide_blocks(html: str) -> Markup:
    """Sanitised block HTML in the slide vocabulary (p, ul, ol; inline strong, em, sup...):
    a quote in italics, a sub-heading in bold, a table's rows as paragraphs of cells joined
    by " · ", a nested list item as a paragraph after its parent's item, after an en
    dash; footnote marks as superscript numbers, the notes themselves left to the speaker
    notes. For a slide's panel (our view)."""
    out: list[str] = []
    open_list = ""
    # -- a nested item is a paragraph of its own after its parent's item (a slide's list
    #    has one level); the list goes on after it, numbered on --
    pieces = [
        piece
        for kind, number, text, nested in _slide_pieces(html)
        for piece in [(kind, number, text), *(("p", 0, line) for line in nested)]
    ]
    for kind, number, text in pieces:
        if kind != open_list:
            out.append(f"</{open_list}>" if open_list else "")
            if kind in {"ul", "ol"}:
                out.append(f'<ol start="{number}">' if kind == "ol" else "<ul>")
            open_list = kind if kind in {"ul", "ol"} else ""
        out.append(f"<li>{text}</li>" if open_list else f"<p>{text}</p>")
    if open_list:
        out.append(f"</{open_list}>")
    return Markup("".join(out))  # -- from sanitised HTML --


def _slide_pieces(html: str) -> list[tuple[str, int, str, list[str]]]:
    """Block HTML as (kind "p", "ul" or "ol"; the item's number; its inline HTML; its nested
    items' inline HTML, each after en dashes for its depth)."""
    import lxml.html
    from lxml import etree

    root = lxml.html.fragment_fromstring(str(html), create_parent="div")
    for note in root.xpath('.//div[@class="footnote"]'):
        note.drop_tree()  # -- the notes are spoken: the deck's speaker notes carry them --
    for mark in root.xpath('.//a[@class="footnote-ref"]'):
        mark.getparent().attrib.pop("id", None)
        mark.drop_tag()  # -- a superscript number, no link to a note the slide lacks --
    found: list[tuple[str, int, str, list[str]]] = []

    def inner(element: Any) -> str:
        parts = [html_module.escape(element.text or "")]
        for child in element:
            if child.tag in {"ul", "ol"}:
                parts.append(html_module.escape(child.tail or ""))
                continue
            if child.tag == "p":  # -- a loose list item's paragraphs: one line of text --
                parts.append(" " + inner(child) + " " + html_module.escape(child.tail or ""))
                continue
            parts.append(etree.tostring(child, encoding="unicode", with_tail=True))
        return " ".join("".join(parts).split())

    def nested(item: Any, depth: int) -> list[str]:
        lines = []
        for sub in item:
            if sub.tag in {"ul", "ol"}:
                for n, li in enumerate(sub.iterfind("li"), start=int(sub.get("start", 1))):
                    mark = "\u2013\u00a0" * depth + (f"{n}. " if sub.tag == "ol" else "")
                    lines.append(mark + inner(li))
                    lines += nested(li, depth + 1)
        return [line for line in lines if line.strip(" \u2013\u00a0")]

    def add(text: str, kind: str = "p", number: int = 0, more: list[str] | None = None) -> None:
        if text.strip():
            found.append((kind, number, text, more or []))

    def walk(element: Any) -> None:
        for child in element:
            tag = child.tag
            if tag in {"ul", "ol"}:
                for n, item in enumerate(child.iterfind("li"), start=int(child.get("start", 1))):
                    add(inner(item), tag, n, nested(item, 1))
            elif tag == "blockquote":
                for line in child.iter("p"):
                    add(f"<em>{inner(line)}</em>")
            elif tag in {"h3", "h4", "h5", "h6"}:
                add(f"<strong>{inner(child)}</strong>")
            elif tag == "table":
                for row in child.iter("tr"):
                    add(" \u00b7 ".join(inner(cell) for cell in row if cell.tag in {"td", "th"}))
            elif tag == "pre":
                add(f"<code>{html_module.escape(child.text_content())}</code>")
            elif tag == "p":
                add(inner(child))
            elif tag == "div":
                walk(child)

    walk(root)
    return found


class RenderArgs(TypedDict):
    """What both renderings take besides the briefing (keyword arguments)."""

    theme: Theme
    templates: Templates
    name: str
    assets: NotRequired[Assets | None]


def render_document(briefing: Briefing, **how: Unpack[RenderArgs]) -> str:
    """The briefing as one standalone HTML page (and the PDF's source)."""
    return _render(BRIEFING_TEMPLATE, briefing, **how)


def render_deck(briefing: Briefing, **how: Unpack[RenderArgs]) -> str:
    """The deck's slide description: one ``<section>`` per slide."""
    return _render(DECK_TEMPLATE, briefing, **how)


def _render(
    template: str,
    briefing: Briefing,
    *,
    theme: Theme,
    templates: Templates,
    name: str,
    assets: Assets | None = None,
) -> str:
    labels = templates.labels(briefing.language)
    ctx = Context(briefing, source_word=labels.words["source"])
    # -- no pictures given: charts are still drawn, and the page has no logo --
    assets = assets if assets is not None else Assets(theme)
    return templates.render(
        template,
        briefing=briefing,
        theme=theme,
        labels=labels.words,
        name=name,
        long_date=labels.long_date,
        source_date=labels.source_date,
        figure_html=assets.figure_html,
        logo=assets.logo_uri,
        **ctx.names(),
    )


def describe(figure: Chart | Image) -> str:
    """A figure's alt text: a chart's own or one from its data; a picture's, or none."""
    if isinstance(figure, Chart):
        from briefing.document.charts import describe as describe_chart

        return describe_chart(figure)
    return "" if figure.decorative else (figure.alt or "")
