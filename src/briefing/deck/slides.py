"""Read the deck template's output, a slide description, into plain slide data.

``str (HTML) -> list[Slide]``. The description follows the reveal.js
convention: one ``<section data-layout=KIND>`` per slide, holding a small
vocabulary (``h1``, ``h2``, ``p`` with class kicker/subtitle/meta/source,
``ul``/``ol``/``li``, ``table``, ``figure``, ``aside class="notes"``) with inline
``strong``/``em``/``a``/``sup``/``code``. Each slide is read into the kind of
its layout (a tagged union, :data:`Slide`), which holds what that layout shows.
Anything else, or a part its layout would not show, is an error naming the
template and the slide, never a silent drop.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal, TypedDict

import lxml.html
from lxml.etree import ParserError, _Element

from briefing.errors import BriefingError, Problem

CoverLayout = Literal["title", "closing", "divider"]
ListLayout = Literal["agenda", "takeaways", "sources", "table", "options", "next-steps"]
# -- the executive archetypes (:mod:`briefing.deck.archetypes`) lay these out --
ArgumentLayout = Literal["section", "summary", "decision"]
COVERS: dict[str, CoverLayout] = {"title": "title", "closing": "closing", "divider": "divider"}
LISTS: dict[str, ListLayout] = {
    "agenda": "agenda",
    "takeaways": "takeaways",
    "sources": "sources",
    "table": "table",
    "options": "options",
    "next-steps": "next-steps",
}
ARGUMENTS: dict[str, ArgumentLayout] = {
    "section": "section",
    "summary": "summary",
    "decision": "decision",
}
# -- and key figures, a quote, a chart or picture of a section (:mod:`briefing.deck.charts`) --
LAYOUTS = {*COVERS, *LISTS, *ARGUMENTS, "figures", "quote", "figure"}
INLINE = {"strong", "b", "em", "i", "a", "sup", "sub", "code", "br", "span", "del", "s"}
# -- the layouts whose body a plain <p> becomes (set without markers) --
PARAGRAPH_BODY_LAYOUTS = {"section", "takeaways", "agenda", "sources", "table", "options"}


@dataclass(frozen=True)
class Run:
    """A stretch of text with one set of character formats."""

    text: str
    bold: bool = False
    italic: bool = False
    superscript: bool = False
    code: bool = False
    link: str | None = None


Rich = tuple[Run, ...]


@dataclass(frozen=True)
class Bullets:
    items: tuple[Rich, ...]
    numbered: bool = False
    start: int = 1  # the first number, for a numbered list continued on the next slide
    continued_first: bool = False  # the first item is the rest of one cut on the slide before
    plain: bool = False  # paragraphs without markers (<ul class="plain">): a summary, a view


@dataclass(frozen=True)
class Table:
    header: tuple[Rich, ...]
    rows: tuple[tuple[Rich, ...], ...]
    numeric: tuple[bool, ...] = ()  # columns of figures, right-aligned (class="num")
    marked: tuple[bool, ...] = ()  # rows to highlight (<tr class="highlight">)


@dataclass(frozen=True)
class Figure:
    """A key figure: its value, what it counts, and a line of context."""

    value: str
    label: str
    context: Rich = ()


@dataclass(frozen=True)
class View:
    """The briefing's own analysis, under its label: a panel at the foot of a slide."""

    label: str
    paragraphs: tuple[Rich, ...]


@dataclass(frozen=True)
class FigureRef:
    """A ``<figure data-figure=N>``: the section's figure N, its caption, points beside it."""

    index: int
    caption: Rich = ()
    points: tuple[Rich, ...] = ()


@dataclass(frozen=True, kw_only=True)
class _Slide:
    """What every slide has: its place in the description, its title and kicker, its notes."""

    number: int  # 1-based position in the description, for messages
    title: Rich = ()
    kicker: str = ""
    notes: str = ""
    section: str = ""  # the content section it shows, if any
    continued: bool = False  # a continuation of the previous slide


@dataclass(frozen=True, kw_only=True)
class Cover(_Slide):
    """A title, closing or divider slide: a title and a subtitle on the brand panel."""

    layout: CoverLayout
    subtitle: str = ""
    meta: str = ""


@dataclass(frozen=True, kw_only=True)
class _Boxed(_Slide):
    """A slide with a body box under its action title, a source line at its foot."""

    source: str = ""


@dataclass(frozen=True, kw_only=True)
class ListSlide(_Boxed):
    """Bullets (or paragraphs) and a table: an agenda, takeaways, sources, a table of its
    own, the options, the next steps."""

    layout: ListLayout
    body: Bullets | None = None
    table: Table | None = None


@dataclass(frozen=True, kw_only=True)
class ArgumentSlide(_Boxed):
    """A section's argument, the summary or the decision: bullets, a table beside or after
    them, a panel (our view, the recommendation, the summary's lead)."""

    layout: ArgumentLayout
    body: Bullets | None = None
    table: Table | None = None
    caption: Rich = ()  # a table's caption, shown above it
    table_title: Rich = ()  # the table's claim: its slide's title when it has one of its own
    view: View | None = None
    recommendation: Rich = ()
    lead: Rich = ()  # a summary's lead, in a panel above the takeaways
    # -- the source line and notes for the table when it gets a slide of its own, and the
    #    source line when bullets and table share one --
    table_source: str = ""
    both_source: str = ""
    table_notes: str = ""


@dataclass(frozen=True, kw_only=True)
class FiguresSlide(_Boxed):
    """Key figures: one to four big numbers in columns."""

    layout: Literal["figures"] = "figures"
    figures: tuple[Figure, ...] = ()


@dataclass(frozen=True, kw_only=True)
class QuoteSlide(_Boxed):
    """A quote, large, and who said it."""

    layout: Literal["quote"] = "quote"
    quote: Rich = ()
    by: Rich = ()


@dataclass(frozen=True, kw_only=True)
class FigureSlide(_Boxed):
    """A section's chart or picture (:mod:`briefing.deck.charts`)."""

    layout: Literal["figure"] = "figure"
    figure: FigureRef


# -- one slide as the template described it, before it is fitted and written: a tagged
#    union, each kind holding what its layout shows --
Slide = Cover | ListSlide | ArgumentSlide | FiguresSlide | QuoteSlide | FigureSlide
# -- the slides with a body box, and those with bullets and a table in it --
Boxed = ListSlide | ArgumentSlide | FiguresSlide | QuoteSlide | FigureSlide
Listed = ListSlide | ArgumentSlide


def body_of(slide: Slide) -> Bullets | None:
    """The slide's bullets, if its kind has any."""
    return slide.body if isinstance(slide, ListSlide | ArgumentSlide) else None


def table_of(slide: Slide) -> Table | None:
    """The slide's table, if its kind has one."""
    return slide.table if isinstance(slide, ListSlide | ArgumentSlide) else None


class _Head(TypedDict):
    """What every slide has, as the reader found it."""

    number: int
    title: Rich
    kicker: str
    notes: str
    section: str


@dataclass
class _Parts:
    """What the reader found on one slide, before it knows the slide's kind."""

    title: Rich = ()
    kicker: str = ""
    subtitle: str = ""
    meta: str = ""
    source: str = ""
    notes: str = ""
    body: Bullets | None = None
    table: Table | None = None
    caption: Rich = ()
    table_title: Rich = ()
    view: View | None = None
    recommendation: Rich = ()
    lead: Rich = ()
    table_source: str = ""
    both_source: str = ""
    table_notes: str = ""
    figures: tuple[Figure, ...] = ()
    quote: Rich = ()
    by: Rich = ()
    figure: FigureRef | None = None
    # -- the parts given, each with the element that gave it, for a message --
    given: dict[str, str] = field(default_factory=dict)


# -- the classes of <p> a slide reads ("" a plain paragraph: the body, set without markers) --
_PARAGRAPH_PARTS = {"", "kicker", "subtitle", "meta", "source", "caption", "table-title", "by"}
_PARAGRAPH_PARTS |= {"recommendation", "lead"}
# -- what each kind of slide holds beyond its title, kicker and notes --
_HOLDS: dict[type, frozenset[str]] = {
    Cover: frozenset({"subtitle", "meta"}),
    ListSlide: frozenset({"source", "body", "table"}),
    ArgumentSlide: frozenset(
        {"source", "body", "table", "caption", "table_title", "view", "recommendation"}
        | {"lead", "table_source", "both_source", "table_notes"}
    ),
    FiguresSlide: frozenset({"source", "figures"}),
    QuoteSlide: frozenset({"source", "quote", "by"}),
    FigureSlide: frozenset({"source", "figure"}),
}


def parse_slides(html: str, *, template: str) -> list[Slide]:
    """Parse the slide description rendered from ``template``."""
    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError) as err:
        raise BriefingError(
            Problem.in_template(template, f"the deck description is empty: {err}")
        ) from None
    problems: list[Problem] = []
    slides: list[Slide] = []
    number = 0
    for number, element in enumerate(root.iter("section"), start=1):
        one_marker_per_source(element)
        reader = _SlideReader(template, number, element)
        slide = reader.read()
        if slide is not None:
            slides.append(slide)
        problems += reader.problems
    if not number:
        problems.append(
            Problem.in_template(
                template,
                "the deck description has no <section> slides",
                hint='describe each slide as <section data-layout="...">',
            )
        )
    if problems:
        raise BriefingError(problems)
    return slides


def one_marker_per_source(element: _Element) -> None:
    """Keep the first citation marker of each source in ``element`` (a slide, a paragraph)
    and drop the repeats: a source is cited once per slide, and the source line names it.
    A marker group (``[1, 2]``) keeps the numbers not yet given, or goes whole."""
    seen: set[str] = set()
    for span in list(element.iter("span")):
        if "cites" not in (span.get("class") or "").split():
            continue
        links = [a for a in span if a.tag == "a"]
        keep = [a for a in links if a.get("href") not in seen]
        seen.update(a.get("href") or "" for a in links)
        if len(keep) == len(links):
            continue
        if keep:
            for a in links:
                if a not in keep:
                    span.remove(a)
            for n, a in enumerate(keep, start=1):
                a.tail = "]" if n == len(keep) else ", "
            continue
        _drop_keeping_tail(span)


def _drop_keeping_tail(element: _Element) -> None:
    """Remove ``element``, its tail kept; the space before it goes when punctuation follows."""
    parent = element.getparent()
    if parent is None:
        return
    tail = element.tail or ""
    before = element.getprevious()
    if not tail or tail[0] in ".,;:!?)":
        if before is not None:
            before.tail = (before.tail or "").rstrip()
        else:
            parent.text = (parent.text or "").rstrip()
    if before is not None:
        before.tail = (before.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


class _SlideReader:
    def __init__(self, template: str, number: int, element: _Element) -> None:
        self.template = template
        self.number = number
        self.element = element
        self.problems: list[Problem] = []

    def fail(self, element: _Element, message: str, hint: str = "") -> None:
        self.problems.append(
            Problem.in_template(
                self.template,
                f"<{element.tag}> {message}" if element is not None else message,
                part=f"slide {self.number}",
                hint=hint,
            )
        )

    def read(self) -> Slide | None:
        """The slide, or None when its layout is unknown (reported)."""
        el = self.element
        layout = el.get("data-layout", "")
        if layout not in LAYOUTS:
            self.fail(
                el, f"has data-layout={layout!r}; known layouts: {', '.join(sorted(LAYOUTS))}"
            )
        parts = _Parts()
        paragraphs: list[Rich] = []
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):
                continue  # a comment
            self._read_part(child, tag, child.get("class", ""), parts, paragraphs)
        self._place_paragraphs(layout, parts, paragraphs)
        if layout not in LAYOUTS:
            return None
        slide = self._slide(layout, parts, el.get("data-section", ""))
        held = _HOLDS[type(slide)]
        for name, element in parts.given.items():
            if name not in held:
                self.fail(
                    None,
                    f"{element} has no place on a {layout!r} slide: it would not be shown",
                    f"a {layout!r} slide shows a title, a kicker, notes and: "
                    + ", ".join(sorted(held)),
                )
        return slide

    def _slide(self, layout: str, p: _Parts, section: str) -> Slide:
        """The slide of ``layout`` made of the parts it holds."""
        head: _Head = {
            "number": self.number,
            "title": p.title,
            "kicker": p.kicker,
            "notes": p.notes,
            "section": section,
        }
        if layout in COVERS:
            return Cover(**head, layout=COVERS[layout], subtitle=p.subtitle, meta=p.meta)
        if layout in LISTS:
            return ListSlide(
                **head, layout=LISTS[layout], source=p.source, body=p.body, table=p.table
            )
        if layout in ARGUMENTS:
            return ArgumentSlide(
                **head,
                layout=ARGUMENTS[layout],
                source=p.source,
                body=p.body,
                table=p.table,
                caption=p.caption,
                table_title=p.table_title,
                view=p.view,
                recommendation=p.recommendation,
                lead=p.lead,
                table_source=p.table_source,
                both_source=p.both_source,
                table_notes=p.table_notes,
            )
        if layout == "figures":
            return FiguresSlide(**head, source=p.source, figures=p.figures)
        if layout == "quote":
            return QuoteSlide(**head, source=p.source, quote=p.quote, by=p.by)
        if p.figure is None:
            if "figure" not in p.given:  # -- one without its index is reported already
                self.fail(None, "a figure slide needs a <figure data-figure=N>")
            p.figure = FigureRef(0)
        return FigureSlide(**head, source=p.source, figure=p.figure)

    def _read_part(
        self, child: _Element, tag: str, cls: str, parts: _Parts, paragraphs: list[Rich]
    ) -> None:
        """One element of a slide, into the part it gives (plain paragraphs kept aside)."""
        described = f'<{tag} class="{cls}">' if cls else f"<{tag}>"
        given = ""
        if tag in {"h1", "h2"}:
            parts.title = self.rich(child)
        elif tag == "p" and cls in _PARAGRAPH_PARTS:
            given = self._paragraph(child, cls, parts, paragraphs)
        elif tag == "div" and cls == "figures":
            parts.figures, given = self.figures(child), "figures"
        elif tag == "div" and cls == "view":
            parts.view, given = self.view(child), "view"
        elif tag == "blockquote":
            parts.quote = _join_lines([self.rich(p) for p in child if p.tag == "p"])
            given = "quote"
        elif tag in {"ul", "ol"}:
            items = []
            for li in child:
                if not isinstance(li.tag, str):
                    continue
                if li.tag != "li":
                    self.fail(li, f"inside <{tag}> is not supported; use <li>")
                    continue
                items.append(self.rich(li))
            parts.body = Bullets(tuple(items), numbered=tag == "ol", plain=cls == "plain")
            given = "body"
        elif tag == "table":
            parts.table, given = self.table(child), "table"
        elif tag == "aside" and cls == "notes" and child.get("data-for") == "table":
            parts.table_notes, given = _text(child), "table_notes"
        elif tag == "aside" and cls == "notes":
            parts.notes = _text(child)
        elif tag == "figure":
            parts.figure, given = self.figure(child), "figure"
        else:
            self.fail(
                None,
                f"{described} is not part of the slide vocabulary",
                "use h1, h2, p (kicker, subtitle, meta, source, caption, by, "
                'recommendation), ul, ol, table, blockquote, div class="figures" or "view", '
                'figure or aside class="notes"',
            )
        if given:
            parts.given.setdefault(given, described)

    def _paragraph(self, child: _Element, cls: str, parts: _Parts, paragraphs: list[Rich]) -> str:
        """A ``<p>`` of class ``cls`` into its part; the name of the part it gives, if any."""
        if cls == "source" and child.get("data-for") in {"table", "both"}:
            if child.get("data-for") == "table":
                parts.table_source = _text(child)
                return "table_source"
            parts.both_source = _text(child)
            return "both_source"
        if cls == "kicker":
            parts.kicker = _text(child)
        elif cls == "subtitle":
            parts.subtitle = _text(child)
        elif cls == "meta":
            parts.meta = _text(child)
        elif cls == "source":
            parts.source = _text(child)
        elif not cls:
            paragraphs.append(self.rich(child))
        elif cls == "caption":
            parts.caption = self.rich(child)
        elif cls == "table-title":
            parts.table_title = self.rich(child)
        elif cls == "by":
            parts.by = self.rich(child)
        elif cls == "recommendation":
            parts.recommendation = self.rich(child)
        elif cls == "lead":
            parts.lead = self.rich(child)
        return "" if cls in {"kicker", ""} else cls.replace("-", "_")

    def figure(self, element: _Element) -> FigureRef | None:
        """``<figure data-figure=N>`` with an optional ``<figcaption>`` and ``<ul>`` of points."""
        try:
            index = int(element.get("data-figure", ""))
        except ValueError:
            self.fail(element, "needs data-figure, the figure's index in its section (0, 1, ...)")
            return None
        caption: Rich = ()
        points: list[Rich] = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "figcaption":
                caption = self.rich(child)
            elif child.tag == "ul":
                points += [self.rich(li) for li in child if li.tag == "li"]
            else:
                self.fail(child, "inside <figure> is not supported; use figcaption and ul")
        return FigureRef(index, caption, tuple(points))

    def table(self, element: _Element) -> Table:
        rows: list[tuple[Rich, ...]] = []
        header: tuple[Rich, ...] = ()
        marked: list[bool] = []
        numeric: list[bool] = []
        for tr in element.iter("tr"):
            cells = tuple(self.rich(cell) for cell in tr if cell.tag in {"td", "th"})
            parent = tr.getparent()
            if parent is not None and parent.tag == "thead" and not header:
                header = cells
                numeric = [
                    "num" in (c.get("class") or "").split() for c in tr if c.tag in {"td", "th"}
                ]
            else:
                rows.append(cells)
                marked.append("highlight" in (tr.get("class") or "").split())
        if not header and rows:
            header, rows, marked = rows[0], rows[1:], marked[1:]
        return Table(header, tuple(rows), tuple(numeric), tuple(marked))

    def figures(self, element: _Element) -> tuple[Figure, ...]:
        found = []
        for div in element:
            if not isinstance(div.tag, str):
                continue
            parts = {p.get("class", ""): p for p in div if p.tag == "p"}
            if div.tag != "div" or "value" not in parts or "label" not in parts:
                self.fail(
                    div,
                    "inside figures must be a div holding p.value, p.label and p.context",
                )
                continue
            context = self.rich(parts["context"]) if "context" in parts else ()
            found.append(Figure(_text(parts["value"]), _text(parts["label"]), context))
        return tuple(found)

    def view(self, element: _Element) -> View:
        label = ""
        paragraphs = []
        for child in element:
            if not isinstance(child.tag, str):
                continue
            if child.tag == "p" and child.get("class") == "view-label":
                label = _text(child)
            elif child.tag == "p":
                paragraphs.append(self.rich(child))
            elif child.tag in {"ul", "ol"}:
                marker = "• " if child.tag == "ul" else ""
                for n, li in enumerate((c for c in child if c.tag == "li"), start=1):
                    lead = marker or f"{n}. "
                    paragraphs.append((Run(lead), *self.rich(li)))
            else:
                self.fail(child, "inside a view is not supported; use p, ul or ol")
        return View(label, tuple(paragraphs))

    def _place_paragraphs(self, layout: str, parts: _Parts, paragraphs: list[Rich]) -> None:
        """Plain <p> paragraphs are the slide's body, set without markers; never dropped.

        Where a slide has a list as well, or a layout with no body (a cover), there is
        no place for them: that is an error naming the template and the slide.
        """
        if not paragraphs:
            return
        if parts.body is None and layout in PARAGRAPH_BODY_LAYOUTS:
            parts.body = Bullets(tuple(paragraphs), plain=True)
            parts.given.setdefault("body", "<p>")
            return
        where = "beside a list" if parts.body is not None else f"on a {layout!r} slide"
        self.fail(
            None,
            f"a plain <p> has no place {where}: its text would not be shown",
            'write it as an <li> of the list, or as <p class="subtitle"> on a cover'
            if parts.body is not None or layout in {"title", "closing"}
            else "use the section layout for text",
        )

    def rich(self, element: _Element) -> Rich:
        """The inline content of ``element`` as runs."""
        runs: list[Run] = []
        self._collect(element, Run(""), runs)
        return merge_runs(runs)

    def _collect(self, element: _Element, style: Run, runs: list[Run]) -> None:
        if element.text:
            runs.append(_styled(style, element.text))
        for child in element:
            if isinstance(child.tag, str):
                tag = child.tag
                if tag not in INLINE:
                    self.fail(
                        child,
                        "is not allowed inside text on a slide",
                        "use strong, em, a, sup or code",
                    )
                elif tag == "br":
                    runs.append(_styled(style, "\n"))
                else:
                    self._collect(child, _with(style, tag, child), runs)
            if child.tail:
                runs.append(_styled(style, child.tail))


def _with(style: Run, tag: str, element: _Element) -> Run:
    return Run(
        "",
        bold=style.bold or tag in {"strong", "b"},
        italic=style.italic or tag in {"em", "i"},
        superscript=style.superscript or tag == "sup",
        code=style.code or tag == "code",
        link=element.get("href") if tag == "a" else style.link,
    )


def _styled(style: Run, text: str) -> Run:
    return Run(text, style.bold, style.italic, style.superscript, style.code, style.link)


def merge_runs(runs: Sequence[Run], *, fold: bool = True) -> Rich:
    """Neighbouring runs of one style joined, no space at either end, no empty run; with
    ``fold``, white space folded first as HTML does (a <br>'s own run stays a line break)."""
    merged: list[Run] = []
    for run in runs:
        text = run.text if run.text == "\n" or not fold else _fold(run.text)
        if not text:
            continue
        if merged and _same_style(merged[-1], run):
            last = merged[-1]
            merged[-1] = _styled(last, last.text + text)
        else:
            merged.append(_styled(run, text))
    if merged:
        merged[0] = _styled(merged[0], merged[0].text.lstrip())
        merged[-1] = _styled(merged[-1], merged[-1].text.rstrip())
    return tuple(r for r in merged if r.text)


def _join_lines(parts: list[Rich]) -> Rich:
    """Paragraphs as one rich text, a line break between them."""
    joined: list[Run] = []
    for index, part in enumerate(parts):
        if index:
            joined.append(Run("\n"))
        joined += part
    return tuple(joined)


def _fold(text: str) -> str:
    return re.sub(r"[ \t\r\n]+", " ", text)


def _same_style(a: Run, b: Run) -> bool:
    return (a.bold, a.italic, a.superscript, a.code, a.link) == (
        b.bold,
        b.italic,
        b.superscript,
        b.code,
        b.link,
    )


def _text(element: _Element) -> str:
    """Text of an element, paragraphs kept apart, spaces folded."""
    lines = [_fold(line).strip() for line in element.text_content().split("\n")]
    return "\n".join(line for line in lines if line)


def text_of(rich: Rich) -> str:
    """The plain text of runs."""
    return "".join(run.text for run in rich)
